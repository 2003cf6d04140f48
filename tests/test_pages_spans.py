"""The pages of a period known only from figures of spans of months (issue 25), by AppTest, and the notes and
queries they read. The fixture city 甲市
has months in 2023 and 2024; for 2025 a file gives only 1-9月 累计 (imported by the real importer): 一区
工程建设 9宗 900万元, 二县 自然资源 3宗 300万元. By hand: 2025年1-9月 12宗, 1200万元, against 2024年1-9月's
months (8宗, 255万元): +50.00%, +370.59%. 2025年3月 cannot be known for 一区 or 二县, so not for 甲市."""

import datetime as dt

import pytest
from app_charts import drawn
from conftest import FIXTURE_DATA, app_page, metric_values, plain_tables

from tradestats import config
from tradestats.deploy import deployment
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.present import tables
from tradestats.store import db, queries

FILE = "月份,地区,板块,项目数,交易额（万元）\r\n2025年1-9月,一区,工程建设,9,900\r\n2025年1-9月,二县,自然资源,3,300\r\n"
NOTE = "1-9月为累计报表数据，无分月数据。"
MISSING = "一区、二县2025年3月的数字无法得出"
YTD = dict(year=2025, kind="ytd", month=9)
MONTH = dict(year=2025, kind="month", month=3)


@pytest.fixture(scope="module")
def ytd_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ytd") / "tradestats.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    plan = importer.plan(path, "甲市2025年1-9月.csv", FILE.encode("utf-8"), today=dt.date(2025, 10, 15))
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    return path


@pytest.fixture
def ytd(ytd_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(ytd_db))


def texts(at) -> list[str]:
    return [e.value for kind in ("info", "warning", "caption", "markdown") for e in getattr(at, kind)]


def test_overview_of_a_ytd_figure_says_so_and_leaves_its_months_as_gaps(ytd):
    # On the old code the sidebar offered no 2025 (its months only): the page showed 2024年1-9月.
    at = app_page(**YTD)
    assert at.title[0].value == "甲市2025年1-9月公共资源交易总览"
    assert metric_values(at)["项目数"] == ("12宗", "+50.00%")
    assert metric_values(at)["交易额"] == ("1200.00万元", "+370.59%")
    assert [i.value for i in at.info].count(NOTE) == 1  # 2024's figures, 同比's base, came from months
    months = next(c["figure"] for c in drawn(at) if c["figure"]["layout"]["title"]["text"].startswith("2025年各月"))
    bars = next(t for t in months["data"] if t["name"] == "2025年")
    assert bars["y"] == [None] * 12  # gaps, not zeros: no month of 2025 has monthly cells
    line = next(t for t in months["data"] if t["name"] == "2024年")
    assert line["y"][:3] == [200.0, 50.0, 5.0]
    assert "2024年4-12月、2025年1-9月没有分月数据，图中这些月份空缺。" in texts(at)
    # 市本级 and 三县 reported nothing for 2025; the 累计 covers 一区's and 二县's months: they are no gap.
    assert "以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）：市本级（1-9月）、三县（1-9月）。" in texts(at)


def test_overview_of_a_month_of_it_shows_dashes_and_one_sentence(ytd):
    at = app_page(**MONTH)
    values = metric_values(at)
    assert all(values[m.label] == (metrics.NO_VALUE, metrics.NO_VALUE) for m in metrics.HEADLINE)
    assert values["交易额全省市州排名"] == (metrics.NO_VALUE, "")  # not "上年无排名": 2024年3月 has one
    assert sum(MISSING in t for t in texts(at)) == 1 and not plain_tables(at)  # no sector table of "—"
    titles = [c["figure"]["layout"]["title"]["text"] for c in drawn(at)]
    assert not any("各板块" in t or "板块占比" in t for t in titles)


@pytest.mark.parametrize("path", ["pages/sectors.py", "pages/regions.py", "pages/press.py", "pages/trend.py",
                                  "pages/screen.py"])
@pytest.mark.parametrize("filters", [YTD, MONTH], ids=["ytd", "month"])
def test_other_pages_say_where_figures_came_from_or_what_is_missing(ytd, path, filters):
    at = app_page(path, **filters)  # no exception
    said = " ".join(texts(at)) + " ".join(c.value for c in at.code)
    if path == "pages/screen.py":  # the screen shows the latest period, 2025年1-9月, in its own HTML
        said = " ".join(h.proto.body for h in at.get("html"))
        assert "12宗" in said and NOTE in said
    elif filters is MONTH:
        assert MISSING in said and "12宗" not in said
    elif path == "pages/trend.py":  # a page of months: nothing to draw, and why
        assert NOTE.removesuffix("。") in said and "该期的数字见“总览”" in said
    else:
        assert NOTE.removesuffix("。") in said
    if path == "pages/press.py" and filters is YTD:
        assert at.code[0].value.startswith("1-9月全市完成公共资源进场交易项目12宗，同比增长50.00%；交易总额1200.00万元")


def test_a_sectors_months_say_why_they_are_not_drawn(ytd):
    at = app_page("pages/sectors.py", **YTD, sector="engineering")  # 工程建设 of 2024: January's alone
    assert "2024年2-12月、2025年1-9月没有分月数据，图中这些月份空缺。" in texts(at)
    assert not any("没有交易额的数据" in t for t in texts(at))


@pytest.fixture(scope="module")
def yq(ytd_db):
    return lambda name, **params: queries.run(db.connect(ytd_db), name, **params)


def test_the_periods_offered_reach_the_last_month_of_a_span(yq):
    years = yq("last_month_by_year", region="900100")
    assert list(years.year) == [2025, 2024, 2023] and list(years.last_month) == [9, 3, 12]
    assert years.last_monthly_month.isna().tolist() == [True, False, False]  # 2025: 1-9月 累计, no month
    assert list(yq("months_with_data", region="900100").year) == [2024, 2023]  # the months' own, as before
    assert summary.context(yq).data_through == "2025年9月"


def test_a_span_covers_its_months_and_a_city_total_of_spans_has_no_county_split(yq):
    gaps = yq("missing_months_by_region", year=2025, month_to=9, city="900100")
    assert list(gaps.region_name) == ["市本级", "三县"]  # 一区 and 二县 gave 1-9月
    cells = yq("cells_by_level_of_city", year=2025, month_from=3, month_to=3, city="900100").iloc[0]
    assert (cells.county_cells, cells.city_cells) == (2, 0)  # the 1-9月 figures overlap 3月


def test_notes_say_which_figures_came_from_spans():
    head = {"basis": "span", "spans": [[1, 9]], "basis_prev": "months", "spans_prev": None}
    assert summary.basis_note(Period(2025, 9), head) == NOTE
    both = dict(head, basis_prev="span", spans_prev=[[1, 9]])
    assert summary.basis_note(Period(2025, 9), both) == "1-9月为累计报表数据，无分月数据（同比的上年同期数同样）。"
    q3 = dict(head, basis="difference", spans=[[1, 6], [1, 9]], basis_prev="unknown")
    assert summary.basis_note(Period(2025, 9, "quarter"), q3) == (
        "三季度由报表数据相减得出：1-6月、1-9月为累计报表数据，无分月数据。上年同期的数字无法由已有数据得出，同比为“—”。")
    assert summary.basis_note(Period(2025, 3, "month"), dict(head, basis="unknown")) == ""
    months = {"basis": "months", "spans": None, "basis_prev": "months", "spans_prev": None}
    assert summary.basis_note(Period(2025, 9), months) == ""


def test_month_gaps_are_named_only_beside_figures_of_spans(yq):
    trend = summary.trend(yq, 2024, 2025, "900100")
    head = summary.headline(yq, Period(2025, 9), "900100")
    assert tables.month_gaps_note(trend, Period(2025, 9), head) == "2024年4-12月、2025年1-9月没有分月数据，"
    before = summary.headline(yq, Period(2024, 3), "900100")  # months only: show_gaps's to say, not this
    assert tables.month_gaps_note(summary.trend(yq, 2023, 2024, "900100"), Period(2024, 3), before) == ""


def test_a_month_a_region_gave_only_within_a_span_is_a_gap_in_the_months_of_its_city(tmp_path):
    """一区 gives 2025年1-9月 only, 二县 a month: 二县's 3月 is not 甲市's 3月 (一区's is inside its 累计)."""
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    file = "月份,地区,板块,项目数,交易额（万元）\r\n2025年1-9月,一区,工程建设,9,900\r\n2025-03,二县,自然资源,1,30\r\n"
    importer.apply(path, importer.plan(path, "t.csv", file.encode("utf-8"), today=dt.date(2025, 10, 15)), confirmed=True)
    con = db.connect(path)

    def months(region, grain="month"):
        return queries.run(con, "measure_by_period", year_from=2025, year_to=2025, grain=grain, region=region,
                           sector=None, measure="amount_wan").set_index("period")

    city = months("900100")
    assert city.value.isna().all() and city.cells.isna().all()
    # the 累计 through 9月 is known by the rule: 一区's 1-9月 900 and 二县's months (its 3月) 30; no other
    assert city.value_ytd.dropna().to_dict() == {9: 930.0}
    quarters = months("900100", "quarter")
    assert quarters.value.isna().all() and quarters.value_ytd.dropna().to_dict() == {3: 930.0}
    assert months("900100", "year").value.isna().all()
    county = months("900102")  # 二县 has no span: its own months are its figures
    assert (county.value[3], county.value_ytd[3]) == (30, 30)
    assert months("900101").value.isna().all()


# A month given only as all sectors together (a file without a sector column): 总览 shows the total and says
# its split is unknown; for a sector, the figure is "—" with the reason. By hand: 2025年10月 一区 7宗 700万元.
UNSPLIT = "月份,地区,项目数,交易额（万元）\r\n2025年10月,一区,7,700\r\n"


@pytest.fixture(scope="module")
def unsplit_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("unsplit") / "tradestats.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    plan = importer.plan(path, "10月合计.csv", UNSPLIT.encode("utf-8"), today=dt.date(2025, 11, 15))
    assert not plan.errors, [str(p) for p in plan.errors]
    assert list(plan.preview()["交易类型"]) == [importer.UNSPLIT]
    importer.apply(path, plan, confirmed=True)
    return path


def test_overview_of_a_month_without_its_split_by_sector(unsplit_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(unsplit_db))
    at = app_page(year=2025, kind="month", month=10)
    assert metric_values(at)["项目数"][0] == "7宗" and metric_values(at)["交易额"][0] == "700.00万元"
    assert "2025年10月只有全部板块的合计数据（报表未分板块），分板块数据和节资率、增值率未知。" in texts(at)
    assert not [c for c in drawn(at) if "板块" in c["figure"]["layout"]["title"]["text"]]  # no split drawn
    at = app_page(year=2025, kind="month", month=10, sector="engineering")
    assert metric_values(at)["交易额"][0] == metrics.NO_VALUE
    assert "一区2025年10月只有全部板块的合计数据（报表未分板块），单个板块的数字无法得出。" in texts(at)


def test_the_trend_of_a_center_that_gives_quarters_has_its_quarters_and_year(tmp_path):
    """A center of quarters only: 趋势分析 by quarter and by year answers from them (by month: gaps); 一区 gives
    2025's four quarters, 二县 its months (by hand: Q1 100 + 二县's 3月 30, Q4 400; the year 1030)."""
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    file = ("月份,地区,板块,项目数,交易额（万元）\r\n" + "".join(f"2025年第{q}季度,一区,工程建设,{q},{100 * q}\r\n"
                                                    for q in range(1, 5)) + "2025-03,二县,自然资源,1,30\r\n")
    importer.apply(path, importer.plan(path, "t.csv", file.encode("utf-8"), today=dt.date(2026, 1, 15)), confirmed=True)
    con = db.connect(path)

    def trend(grain, sector=None):
        return queries.run(con, "measure_by_period", year_from=2025, year_to=2025, grain=grain, region="900100",
                           sector=sector, measure="amount_wan").set_index("period")

    quarters = trend("quarter")
    assert quarters.value.tolist() == [130.0, 200.0, 300.0, 400.0]
    assert quarters.value_ytd.tolist() == [130.0, 330.0, 630.0, 1030.0]
    assert trend("year").value.tolist() == [1030.0]
    assert trend("month").value.isna().all()  # 一区's months are inside its quarters: gaps, not 二县's alone
    assert trend("quarter", "engineering").value.tolist() == [100.0, 200.0, 300.0, 400.0]


def test_sectors_page_of_a_month_without_its_split_says_so(unsplit_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(unsplit_db))
    at = app_page("pages/sectors.py", year=2025, kind="month", month=10)
    assert [w.value for w in at.warning] == [
        "2025年10月只有全部板块的合计数据（报表未分板块），分板块数据和节资率、增值率未知。"]


def test_trade_types_of_a_period_known_from_a_span(tmp_path, monkeypatch):
    """板块分析's type table answers by the same rule: 一区's 1-9月 by trade type (房建市政 5宗 500, 交通工程 4宗 400);
    the types of 2024 (its months) stand beside them for 同比."""
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    file = ("月份,地区,交易类型,项目数,交易额（万元）\r\n2025年1-9月,一区,房建市政,5,500\r\n"
            "2025年1-9月,一区,交通工程,4,400\r\n")
    plan = importer.plan(path, "t.csv", file.encode("utf-8"), today=dt.date(2025, 10, 15))
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    con = db.connect(path)
    types = queries.run(con, "amount_by_trade_type", year=2025, month_from=1, month_to=9, region="900101", sector=None)
    assert [(t.trade_type_name, t.projects, t.amount_wan) for t in types.dropna(subset=["projects"]).itertuples()] == [
        ("房屋建筑和市政工程", 5, 500.0), ("交通工程", 4, 400.0)]
    assert queries.run(con, "amount_by_trade_type", year=2025, month_from=3, month_to=3, region="900101",
                       sector=None).projects.isna().all()  # a month inside the 累计: unknown, not a part
    con.close()
    monkeypatch.setenv(config.DB_ENV, str(path))
    at = app_page("pages/sectors.py", year=2025, kind="ytd", month=9, region="900101")
    types = plain_tables(at)[-1]
    assert list(types["交易类型"])[:2] == ["房屋建筑和市政工程", "交通工程"]


def test_the_group_message_of_a_period_that_cannot_be_known_says_why(yq):
    from tradestats.documents import push

    ctx = summary.context(yq)
    text, _ = push.headline(yq, ctx, Period(2025, 3, "month"))  # 1-3月: inside 一区's and 二县's 1-9月
    assert text.startswith("一区、二县2025年1-3月的数字无法得出") and "—" not in text
    text, _ = push.headline(yq, ctx, Period(2025, 9, "month"))
    assert text.startswith("甲市2025年1-9月：项目数12宗，同比+50.00%") and text.endswith(NOTE)
