"""AppTest: app.py with the overview page, on the demo database and on an empty one.

Each scenario is one run with the filters preset in session state: with st.navigation, AppTest 1.67 drops
the entry script's widgets on a second run (reproduced in a five-line app), so widgets are not driven here;
the browser tests drive them for real."""

import pytest
from app_charts import drawn
from conftest import app_page, metric_values, plain_tables
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.deploy import deployment

APP = str(config.ROOT / "app.py")


def run(**filters) -> AppTest:
    return app_page(**filters)


@pytest.fixture
def app(demo):
    return run()


def test_overview_shows_the_report_figures(app):
    assert metric_values(app)["项目数"] == ("1534宗", "+23.81%")
    assert metric_values(app)["交易额"] == ("293.74亿元", "+18.59%")
    assert metric_values(app)["节约资金"][0] == "11.86亿元"
    assert metric_values(app)["增收资金"][0] == "1555.53万元"
    assert metric_values(app)["交易额全省市州排名"] == ("第5", "较上年上升1位")
    assert any("交易额位列全省14个市州第5" in c.value for c in app.caption)
    assert any("涉重点产业项目679宗，成交金额196.01亿元" in c.value for c in app.caption)
    assert app.title[0].value == "怀化市2024年全年公共资源交易总览"


def test_sidebar_shows_freshness_and_the_demo_notice(app):
    assert any(c.value == "数据更新至2024年12月" for c in app.sidebar.caption)
    # One line (an expander), the sentence under 详情.
    notice = app.expander[0]
    assert notice.label.startswith("示例数据") and notice.label.endswith("详情")
    assert notice.markdown[0].value.startswith("示例数据：") and "合成数据" in notice.markdown[0].value


def test_sector_table_and_charts(app):
    # One HTML element (web.table): st.table would render each of its 30 cells as Markdown, in every run.
    assert not app.table and [h.value.count("<td") for h in app.get("html") if "<table" in h.value] == [24]
    table = plain_tables(app)[0]
    assert list(table["板块"]) == ["工程建设", "政府采购", "产权交易", "自然资源"]
    assert list(table["项目数"])[0] == "666宗" and list(table["项目数同比"])[3] == "+51.63%"
    # The sector bars and share, the months, the rank; and, the demo having 2024 targets, their 完成率 first.
    titles = [c["figure"]["layout"]["title"]["text"] for c in drawn(app)]
    assert len(titles) == 5 and titles[0] == "怀化市2024年全年年度目标完成率（%）"


def test_county_and_single_month(demo):
    app = run(region="431224", kind="month", month=3)
    assert app.title[0].value == "溆浦县2024年3月公共资源交易总览"
    assert metric_values(app)["项目数"][0] == "8宗"
    assert metric_values(app)["交易额全市区县排名"][0] == "第3"


def test_year_without_a_base_shows_a_dash(demo):
    app = run(year=2020)  # the demo's first year
    assert metric_values(app)["项目数"] == ("1118宗", "—")
    assert metric_values(app)["交易额全省市州排名"] == ("第7", "上年无排名")


def test_empty_database_explains_itself(tmp_path, monkeypatch):
    path = tmp_path / "t.duckdb"
    deployment.build(path, demo=False)
    monkeypatch.setenv(config.DB_ENV, str(path))
    at = run()
    assert "数据库中还没有交易数据" in at.warning[0].value
    assert not at.metric
