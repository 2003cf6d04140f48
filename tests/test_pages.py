"""AppTest for the analysis pages: each page, reached through app.py's navigation with filters preset
(see test_app.py for why filters are preset rather than clicked), shows figures that agree with the
overview's queries."""

from app_charts import drawn
from conftest import app_page as page
from conftest import metric_values, plain_tables

from tradestats import config
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period


def test_trend_page_agrees_with_the_overview(demo, dq):
    at = page("pages/trend.py")
    assert at.title[0].value == "怀化市交易额趋势分析"
    head = summary.headline(dq, Period(2024), "431200")
    assert metric_values(at)["2024年1-12月交易额（累计）"] == (metrics.money(head.amount_wan), "+18.59%")
    december = summary.headline(dq, Period(2024, 12, "month"), "431200")
    assert metric_values(at)["2024年12月交易额（当期）"][0] == metrics.money(december.amount_wan)
    assert len(drawn(at)) == 3
    table = plain_tables(at)[0]
    assert list(table["期间"])[0] == "2024年1月" and list(table["累计"])[-1] == "293.74亿元"


def test_trend_page_for_projects_by_quarter(demo):
    at = page("pages/trend.py", measure="projects", grain="quarter")
    table = plain_tables(at)[0]
    assert list(table["期间"]) == [f"2024年{q}" for q in ("一季度", "二季度", "三季度", "四季度")]
    assert list(table["累计"])[-1] == "1534宗" and list(table["累计同比"])[-1] == "+23.81%"


def test_trend_page_for_a_rate_speaks_of_points(demo):
    at = page("pages/trend.py", measure="savings_rate_pct")
    assert metric_values(at)["2024年1-12月节资率（累计）"][1].endswith("个百分点")


def test_sectors_page_for_the_first_half(demo, dq):
    at = page("pages/sectors.py", month=6)
    assert at.title[0].value == "怀化市2024年1-6月板块分析"
    table = plain_tables(at)[0]
    sectors = summary.sectors(dq, Period(2024, 6), "431200")
    assert list(table["交易额"]) == [metrics.money(v) for v in sectors.amount_wan]
    assert list(table["节约/增收资金"])[0] == metrics.money(sectors.savings_wan[0])
    assert list(table["节约/增收资金"])[3] == metrics.money(sectors.premium_wan[3])
    assert len(drawn(at)) == 5
    assert any("rate_basis" in c.value for c in at.caption)


def test_sectors_page_for_one_sector(demo):
    at = page("pages/sectors.py", sector="natural_resources")
    assert at.title[0].value == "怀化市·自然资源2024年全年板块分析"
    assert list(plain_tables(at)[0]["项目数"]) == ["232宗"]
    assert any("所选板块不计节约资金" in i.value for i in at.info)


def test_regions_page_ranks_counties_and_cities(demo, dq):
    at = page("pages/regions.py", month=6)
    counties = plain_tables(at)[0]
    expected = dq("rank_by_region", **Period(2024, 6).params(), parent="431200", sector=None, measure="amount_wan")
    assert list(counties["地区"]) == list(expected.region_name)
    assert list(counties["交易额"]) == [metrics.money(v) for v in expected.value]
    assert list(plain_tables(at)[1].columns) == ["地区", "年度目标", "已完成", "完成率", "较序时进度"]  # demo targets
    cities = plain_tables(at)[2]
    home = cities[cities["地区"] == "怀化市"].iloc[0]
    assert home["排名"] == metrics.rank(summary.summarize(dq, Period(2024, 6))["rank"])
    assert len(drawn(at)) == 4
    assert any("市本级、洪江区没有行政区划边界" in c.value for c in at.caption)


def test_page_without_data_explains(demo):
    at = page("pages/regions.py", sector="other")
    assert "没有交易数据" in at.warning[0].value and not drawn(at)


def test_gaps_are_reported(fixture_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(fixture_db))
    at = page("pages/regions.py", month=3)
    note = next(w.value for w in at.warning if "没有上报数据" in w.value)
    assert "一区（3月）" in note and "三县（1-3月）" in note and "市本级（1-3月）" in note


def test_press_page_shows_the_paragraph_and_the_kit_button(demo, dq):
    from tradestats.documents import narrative

    at = page("pages/press.py", month=6)
    assert at.title[0].value == "怀化市2024年1-6月新闻素材"
    assert at.code[0].value == narrative.paragraph(dq, Period(2024, 6))
    assert at.get("download_button")


def test_projects_page_lists_the_trades_behind_the_figures(demo, dq):
    at = page("pages/projects.py", region="431224")
    assert at.title[0].value == "溆浦县2024年全年项目明细"
    head = summary.headline(dq, Period(2024), "431224")
    assert at.number_input[0].label == f"页码（共 3 页，{int(head.projects)} 个项目）"
    table = at.dataframe[0].value
    assert len(table) == 50 and list(table["地区"].unique()) == ["溆浦县"]
    top = at.dataframe[1].value
    assert list(top["成交金额"])[0] == list(table["成交金额"])[0]  # sorted by amount, largest first


def test_projects_page_search_and_no_match(demo):
    at = page("pages/projects.py", project_search="供水")
    assert all("供水" in name for name in at.dataframe[0].value["项目名称"])
    at = page("pages/projects.py", project_search="没有这个项目")
    assert "没有项目明细符合搜索条件" in at.info[0].value


def test_indicators_page_shows_every_figure_of_the_report(demo):
    at = page("pages/indicators.py")
    assert at.title[0].value == "2024年中心绩效指标"
    shown = " ".join(" ".join(map(str, df.to_numpy().ravel())) for df in plain_tables(at))
    shown += " ".join(c.value for c in at.caption) + " ".join(str(m.value) for m in at.metric)
    for figure in ("93.05%", "99.27%", "8.97亿元", "132个", "55个", "100%", "188条", "3条", "147家", "94%",
                   "68441条", "1617件", "9省", "72个市州", "80篇", "96.22分", "1429.33万元", "1264.03万元",
                   "973.80万元", "951.92万元", "执行率88.44%", "执行率97.75%", "253.59万元", "282.46万元"):
        assert figure in shown, figure
    assert "—（报告未给出）" in shown  # 2023 values the report does not give are not invented
    assert any("相差 0.01万元" in c.value for c in at.caption)  # the report's own line items: 1264.02 vs 1264.03


def test_indicator_quotes_stand_in_the_report():
    import csv

    text = (config.DATA_DIR / "demo" / "huaihua-2024-performance-report.txt").read_text(encoding="utf-8")
    with open(config.DATA_DIR / "demo" / "indicators.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert row["quote"] in text, row


WRAPPED_TABLES = """
import sys
sys.path.insert(0, sys.argv[1])
from conftest import app_page
for path in ("pages/regions.py", "pages/players.py", "pages/indicators.py", "pages/projects.py"):
    at = app_page(path, month=6)
print(" ".join(m for m in ("jinja2", "pandas.io.formats.style") if m in sys.modules) or "none")
"""


def test_tables_whose_names_wrap_need_no_pandas_styler(demo):
    # a Styler's imports (jinja2, its templates) stayed in the server for good: 7.5 MB (benchmarks/README.md)
    import subprocess
    import sys
    from pathlib import Path

    r = subprocess.run([sys.executable, "-c", WRAPPED_TABLES, str(Path(__file__).parent)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split()[-1] == "none"
