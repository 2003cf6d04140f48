"""Every page over a deterministic sample of the filter combinations the sidebar offers: no exception, and
every chart drawn has data and the house download settings — or the page says there is no data."""

import base64
import random

import numpy as np
import pytest
from app_charts import drawn
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.domain import metrics

APP = str(config.ROOT / "app.py")
PAGES = ("pages/overview.py", "pages/trend.py", "pages/sectors.py", "pages/regions.py", "pages/projects.py",
         "pages/press.py", "pages/indicators.py")
REGIONS = ["431200", "431201", "431224", "431271", "431230"]
SECTORS = ["", "engineering", "procurement", "property_rights", "natural_resources", "other"]


def combos(n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield {"year": rng.choice([2023, 2024]), "kind": rng.choice(["ytd", "month"]), "month": rng.randint(1, 12),
               "region": rng.choice(REGIONS), "sector": rng.choice(SECTORS),
               "measure": rng.choice([m.column for m in metrics.MEASURES]),
               "grain": rng.choice(["month", "quarter", "year"])}  # the trend page's own control


def numbers(array) -> list:
    """A trace's data as plotly serialises it: a list, or a typed array {dtype, bdata}."""
    if isinstance(array, dict):
        return list(np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]))
    return [v for v in array or [] if isinstance(v, (int, float))]


def has_data(spec: dict) -> bool:
    return any(not np.isnan(v) for trace in spec["data"] for key in ("y", "x", "values", "z")
               for v in numbers(trace.get(key)))


@pytest.mark.parametrize("path", PAGES)
def test_no_page_fails_or_draws_an_empty_chart(path, demo_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(demo_db))
    for filters in combos(12, seed=PAGES.index(path)):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in filters.items():
            at.session_state[key] = value
        at.run()
        at.switch_page(path).run()
        assert not at.exception, (filters, at.exception)
        charts = drawn(at)
        explained = [m.value for m in (*at.warning, *at.info) if "没有" in m.value or "不计" in m.value]
        assert charts or explained or path in ("pages/projects.py", "pages/press.py", "pages/indicators.py"), filters
        for chart in charts:
            spec, conf = chart["figure"], chart["config"]
            assert has_data(spec), (filters, spec["layout"].get("title"))
            assert conf["displaylogo"] is False and conf["toImageButtonOptions"]["scale"] == 3
            assert conf["toImageButtonOptions"]["filename"]
