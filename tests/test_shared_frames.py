"""Frames shared between sessions (web.query's cache_resource: every session gets the same object) are never
changed in place: every page is run with a few filters while each frame the queries return is kept beside a
copy of itself, and none differs from its copy afterwards."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tradestats import config, queries

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
    for filters in FILTERS:
        for path in PAGES:
            at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
            for key, value in filters.items():
                at.session_state[key] = value
            at.run().switch_page(path).run()
            assert not at.exception, (path, filters, at.exception)
    assert len(returned) > 50
    for name, frame, copy in returned:
        try:
            pd.testing.assert_frame_equal(frame, copy)
        except AssertionError as e:
            pytest.fail(f"the shared frame of {name} was changed in place: {e}")
