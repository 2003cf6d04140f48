"""Shared fixtures: the hand-checkable fixture database and the demo database, each built once."""

import csv
import functools
import html.parser
import io
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tradestats import config
from tradestats.deploy import deployment
from tradestats.store import db, queries

FIXTURE_DATA = Path(__file__).parent / "fixture_data"
# An import that completes a month starts a process writing its 统计月报 and 汇报PPT (tradestats/documents/auto.py);
# the suite's many imports do not need them: tests/test_brief_auto.py turns it on where it is the subject.
os.environ.setdefault("TRADESTATS_AUTO_REPORTS", "0")


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
    deployment.build(path, FIXTURE_DATA, demo=True)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "tradestats.duckdb"
    deployment.build(path, config.DATA_DIR, demo=True)
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


@pytest.fixture
def demo(demo_db, monkeypatch):
    """The app (AppTest) reads the demo database."""
    monkeypatch.setenv(config.DB_ENV, str(demo_db))


class _Cells(html.parser.HTMLParser):
    """The rows of the tables of class ts-table in some HTML (web.table's), each a list of its cells' text."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "ts-table" in (dict(attrs).get("class") or "").split():
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def plain_tables(at) -> list[pd.DataFrame]:
    """The plain tables (web.table: HTML) an AppTest run drew, in order, as DataFrames of their cells' text."""
    out = []
    for element in at.get("html"):
        cells = _Cells()
        cells.feed(element.proto.body)
        out += [pd.DataFrame(rows[1:], columns=rows[0]) for rows in cells.tables]  # str columns, as pandas makes them
    return out


def frames(at) -> list:
    """The tables an AppTest run drew, grids (st.dataframe) and plain tables (web.table) alike, as DataFrames."""
    return [d.value for d in at.dataframe] + plain_tables(at)


def metric_values(at) -> dict[str, tuple]:
    """A page's metric cards, by label: (value, delta)."""
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.fixture(scope="module")
def server(tmp_path_factory, request):
    """A real app server for the test module, on a database it builds itself from the demo data when it
    first starts (no database yet): (url, path). A module needing another database defines its own."""
    from browser import streamlit_server

    tmp = tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_"))
    path = tmp / "db" / "tradestats.duckdb"
    with streamlit_server(path, tmp / "streamlit.log") as url:
        yield url, path


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

    from tradestats.ingest import importer

    path = tmp_path_factory.mktemp("formulas") / "tradestats.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)

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


# 预警 (tests/test_alert_rules.py, test_alerts.py, test_webhooks.py): January 2025 as the city's bulletin brings
# it — December 2024's figures of every county-level unit but 麻阳 (431226), which did not report, and 溆浦's
# 工程建设 typed twelve times too large.
JANUARY_UNITS = ("431201", "431202", "431221", "431222", "431223", "431224", "431225", "431227", "431228", "431229",
                 "431230", "431271", "431281")


def january_file(demo_db: Path) -> bytes:
    con = db.connect(demo_db)
    try:
        rows = con.execute("""
            select c.sector_code, s.sector_name, r.region_name, c.region_code, c.projects, c.amount_wan,
                   c.reference_wan, c.savings_wan, c.premium_wan, c.key_projects, c.key_amount_wan
            from fact_cells c join dim_region r using (region_code) join dim_sector s using (sector_code)
            where c.year = 2024 and c.month = 12 order by r.sort_order, s.sort_order""").fetchall()
    finally:
        con.close()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["月份", "地区", "板块", "项目数", "交易额（万元）", "预算/底价（万元）", "节约资金（万元）", "增收资金（万元）",
                     "涉重点产业项目数", "涉重点产业金额（万元）"])
    for sector, sector_name, region_name, region, projects, amount, reference, savings, premium, key, key_amount in rows:
        if region not in JANUARY_UNITS:
            continue
        times = 12 if (region, sector) == ("431224", "engineering") else 1
        writer.writerow(["2025-01", region_name, sector_name, projects, amount * times, reference * times, savings * times,
                         premium * times, key, key_amount * times])
    return out.getvalue().encode("utf-8")


def import_january(path: Path, demo_db: Path):
    """Import the January file into the database at path (a copy of the demo); the plan and the new version."""
    import datetime as dt

    from tradestats.ingest import importer

    plan = importer.plan(path, "2025年1月.csv", january_file(demo_db), today=dt.date(2025, 2, 10))
    assert not plan.errors, [str(p) for p in plan.errors]
    return plan, importer.apply(path, plan, confirmed=True)


@pytest.fixture(scope="session")
def january_db(tmp_path_factory, demo_db) -> Path:
    """The demo with January 2025 imported (no webhook set)."""
    path = tmp_path_factory.mktemp("january") / "tradestats.duckdb"
    deployment.build(path, config.DATA_DIR, demo=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("TRADESTATS_WEBHOOKS", raising=False)
        import_january(path, demo_db)
    return path


# The layers (pytest -m): unit (no Streamlit runtime, no browser), app (AppTest: the pages' scripts in-process),
# browser (a real server and Chromium), bench (the benchmark scripts' smoke runs). ./scripts/test.sh runs them
# all; while developing, `pytest -m "unit or app"` is the fast layer.
BROWSER_FIXTURES = {"browser", "page", "cookieless"}
SERVER_MODULES = {"test_refresh", "test_installed", "test_browser", "test_browser_pages", "test_browser_login",
                  "test_browser_download", "test_browser_alerts"}


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


# Names as an import can bring them in (tests/test_names*.py, issue 26): a link in Plotly's label HTML, and a name of
# 5 002 characters.
LINK = '<a href="https://evil.example/x?a=1&b=2">公开招标</a>'
LONG = "湖南" + "很长的名称" * 1000


@pytest.fixture(scope="session")
def names_db(tmp_path_factory) -> Path:
    """The demo with a project list of December 2024 in 鹤城区 whose 项目名称, 交易方式, 中标人 and 招标代理机构 are LINK in
    one trade and LONG in another: both winners among the year's ten largest (LONG the largest), both methods in
    the donut, and LONG's project over 80% of 鹤城区's month (a red 预警 naming it); a third trade names a bare URL."""
    import datetime as dt

    from tradestats.ingest import importer

    path = tmp_path_factory.mktemp("names") / "tradestats.duckdb"
    deployment.build(path, config.DATA_DIR, demo=True)
    out = io.StringIO()
    csv.writer(out).writerows([
        ["项目编号", "项目名称", "板块", "地区", "成交日期", "预算金额（万元）", "成交金额（万元）", "交易方式", "是否重点产业",
         "投标人数", "中标人", "招标代理机构"],
        ["N-1", LINK, "工程建设", "鹤城区", "2024-12-05", 84000, 80000, LINK, "否", 5, LINK, LINK],
        ["N-2", LONG, "工程建设", "鹤城区", "2024-12-06", 620000, 600000, LONG, "否", 5, LONG, LONG],
        ["N-3", "道路 https://evil.example/y", "工程建设", "鹤城区", "2024-12-07", 1100, 1000, "公开招标", "否", 5,
         "甲公司 https://evil.example/y", "代理 www.evil.example"],
    ])
    plan = importer.plan(path, "名称.csv", out.getvalue().encode("utf-8"), today=dt.date(2025, 1, 10))
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    return path


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of the size asked (MB), unmounted after the test; skipped where mounting is not allowed."""
    mounted = []

    def mount(mb: int) -> Path:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(where)], capture_output=True,
                           text=True)
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {r.stderr.strip()}")
        mounted.append(where)
        return where
    yield mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)
