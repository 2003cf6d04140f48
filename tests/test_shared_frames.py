"""Frames shared between sessions (web.query's cache_resource: every session gets the same object) are never
changed in place: every page is run with a few filters while each frame the queries return is kept beside a
copy of itself, and none differs from its copy afterwards."""

import pandas as pd
import pytest
import streamlit as st
from conftest import app_page

from tradestats import config
from tradestats.store import queries

PAGES = ["pages/overview.py", "pages/trend.py", "pages/sectors.py", "pages/regions.py", "pages/projects.py",
         "pages/indicators.py", "pages/press.py", "pages/screen.py"]
FILTERS = [{}, {"month": 9}, {"month": 6, "kind": "month", "region": "431224"}, {"sector": "engineering"}]


def test_no_page_changes_a_shared_frame(demo_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(demo_db))
    returned = []
    run = queries.run

    def keeping(*args, **kwargs):
        frame = run(*args, **kwargs)
        returned.append((args[1], frame, frame.copy(deep=True)))
        return frame

    monkeypatch.setattr(queries, "run", keeping)
    st.cache_resource.clear()  # frames earlier tests left in the cache would not pass through keeping
    for filters in FILTERS:
        for path in PAGES:
            app_page(path, **filters)
    assert len(returned) > 50
    for name, frame, copy in returned:
        try:
            pd.testing.assert_frame_equal(frame, copy)
        except AssertionError as e:
            pytest.fail(f"the shared frame of {name} was changed in place: {e}")
