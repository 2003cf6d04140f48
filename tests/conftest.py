"""Shared fixtures: the hand-checkable fixture database and the demo database, each built once."""

import csv
import functools
import io
from pathlib import Path

import pytest

from tradestats import config, db, queries

FIXTURE_DATA = Path(__file__).parent / "fixture_data"


@pytest.fixture(autouse=True, scope="session")
def _component_manifests_scanned_once():
    """AppTest starts a Streamlit runtime per test, and each scans every installed package for component
    manifests (the chart element's, ~0.26 s); the packages do not change during a test session."""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests",
                      functools.cache(manifest_scanner.scan_component_manifests))
        yield


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "tradestats.duckdb"
    db.build(path, FIXTURE_DATA, demo=True)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "tradestats.duckdb"
    db.build(path, config.DATA_DIR, demo=True)
    return path


def runner(path: Path):
    """A query runner over a read-only connection, as the CLI builds it."""
    return functools.partial(queries.run, db.connect(path))


@pytest.fixture(scope="session")
def fq(fixture_db):
    return runner(fixture_db)


@pytest.fixture(scope="session")
def dq(demo_db):
    return runner(demo_db)


def app_page(path: str | None = None, **filters):
    """app.py run by AppTest with the sidebar's filters preset (session state), then switched to the page at
    path (pages/….py) when given; neither run may raise."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
    for key, value in filters.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    if path:
        at.switch_page(path).run()
        assert not at.exception, (path, at.exception)
    return at


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for all browser tests."""
    from browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()


# Names a spreadsheet would run as formulas, as an import can bring them in (tests/test_spreadsheet.py).
FORMULAS = ('=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)|cmd", "+1", "-1+2")


@pytest.fixture(scope="session")
def formula_db(tmp_path_factory) -> Path:
    """The fixture database with every name of FORMULAS: three counties and two peer cities renamed, five
    projects in 2024-03 and an indicator."""
    import datetime as dt

    from tradestats import importer

    path = tmp_path_factory.mktemp("formulas") / "tradestats.duckdb"
    db.build(path, FIXTURE_DATA, demo=True)

    def load(name: str, rows: list[list]):
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        plan = importer.plan(path, name, out.getvalue().encode("utf-8"), today=dt.date(2025, 6, 30))
        assert not plan.errors, [str(p) for p in plan.errors]
        importer.apply(path, plan, confirmed=True)

    hostile = iter(FORMULAS)
    load("regions.csv", [["地区编码", "地区名称", "简称", "级别", "上级编码"],
                         *([code, name, name, level, parent] for (code, level, parent), name in zip(
                             [("900101", "county", "900100"), ("900102", "county", "900100"),
                              ("900103", "county", "900100"), ("900200", "city", "900000"),
                              ("900300", "city", "900000")], hostile))])
    load("projects.csv", [["项目编号", "项目名称", "交易类型", "地区", "成交日期", "预算金额（万元）", "成交金额（万元）",
                           "交易方式", "是否重点产业"],
                          *([f"P-{i}", name, "房建市政", "900101", "2024-03-05", 100 + i, 90 + i, name, "否"]
                            for i, name in enumerate(FORMULAS))])
    load("indicators.csv", [["年份", "地区", "类别", "指标", "数值", "单位"],
                            *([2024, "甲市", name, name, 1 + i, "%"] for i, name in enumerate(FORMULAS))])
    return path


# The layers (pytest -m): unit (no Streamlit runtime, no browser), app (AppTest: the pages' scripts in-process),
# browser (a real server and Chromium), bench (the benchmark scripts' smoke runs). ./scripts/test.sh runs them
# all; while developing, `pytest -m "unit or app"` is the fast layer.
BROWSER_FIXTURES = {"browser", "page", "cookieless"}
SERVER_MODULES = {"test_refresh", "test_installed", "test_browser", "test_browser_pages", "test_browser_login",
                  "test_browser_download"}


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module.__name__
        if module == "test_benchmarks":
            layer = "bench"
        elif module in SERVER_MODULES or BROWSER_FIXTURES & set(item.fixturenames):
            layer = "browser"
        elif {"AppTest", "app_page"} & set(vars(item.module)):
            layer = "app"
        else:
            layer = "unit"
        item.add_marker(getattr(pytest.mark, layer))
