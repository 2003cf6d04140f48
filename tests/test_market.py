"""`tradestats market` and the queries behind 交易效率与竞争 and 市场主体, with exact figures on small project
lists worked out by hand: each measure, and the edges — no optional columns, all trades failed, one winner."""

import datetime as dt
import functools
import json

import pytest
from conftest import FIXTURE_DATA

from tradestats import cli, config
from tradestats.deploy import deployment
from tradestats.domain.market import by_each
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.ingest.project_fields import check_character
from tradestats.store import db, queries

pytestmark = pytest.mark.unit
TODAY = dt.date(2025, 6, 30)


def code(body: str) -> str:
    return body + check_character(body)


C1, C2 = code("91900101MA0000001"), code("91900200MA0000002")
HEADER = "项目编号,项目名称,板块,地区,成交日期,成交金额,预算金额,招标方式,投标人数,公告发布日期,是否流标,开标日期,中标人,统一社会信用代码,中标人所在地区\n"
# By hand (2024, the whole city): 4 completed trades and 1 failed → 流标率 1/5 = 20 %; bidders (5+3+3+4+1)/5 =
# 3.2; cycles 30, 10, 10, 60 days → median 20, P90 30 + 0.7 × 30 = 51; winners in the city: A1, A3 → 2/4 = 50 %
# of the count, 150/500 = 30 % of the amount; shares by amount 甲 150 → 30 %, 乙 300 → 60 %, 丙 50 → 10 %:
# CR4 100 %, HHI 900 + 3600 + 100 = 4600; 公开招标 saves (10 + 30 + 0) / 490 = 8.16 %, 询价 10 / 60 = 16.67 %.
LIST = HEADER + f"""A1,道路,工程建设,一区,2024-03-10,100,110,公开招标,5,2024-02-09,否,2024-03-05,甲公司,{C1},一区
A2,桥梁,工程建设,二县,2024-03-20,300,330,公开招标,3,2024-03-10,否,2024-03-15,乙公司,{C2},乙市
A3,电脑,政府采购,一区,2024-04-01,50,60,询价,3,2024-03-22,否,2024-03-25,甲公司,{C1},一区
A4,学校,工程建设,一区,2024-05-01,50,50,公开招标,4,2024-03-02,否,2024-04-25,丙公司,,110105
F1,水渠,工程建设,三县,,,200,公开招标,1,2024-02-01,是,2024-03-01,,,
"""


def database(tmp_path, *lists: str):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)  # the fixture's demo has cells, no project list
    for n, text in enumerate(lists):
        plan = importer.plan(path, f"明细{n}.csv", text.encode("gbk"), today=TODAY)
        assert not plan.errors, [str(p) for p in plan.errors]
        importer.apply(path, plan, confirmed=True)
    return path


def market(path, capsys, *args):
    assert cli.main(["--db", str(path), "market", "--year", "2024", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_measure_of_a_small_list(tmp_path, capsys):
    s = market(database(tmp_path, LIST), capsys)
    assert {k: s[k] for k in ("projects", "failed", "failed_rate_pct", "avg_bidders", "cycle_days_median",
                              "cycle_days_p90", "local_share_count_pct", "local_share_amount_pct", "cr4_pct",
                              "hhi")} == {
        "projects": 4, "failed": 1, "failed_rate_pct": 20.0, "avg_bidders": 3.2, "cycle_days_median": 20.0,
        "cycle_days_p90": 51.0, "local_share_count_pct": 50.0, "local_share_amount_pct": 30.0, "cr4_pct": 100.0,
        "hhi": 4600}
    assert (s["province_share_count_pct"], s["province_share_amount_pct"]) == (75.0, 90.0)
    assert s["top_winners"] == [{"name": "乙公司", "credit_code": C2, "projects": 1, "amount_wan": 300.0},
                                {"name": "甲公司", "credit_code": C1, "projects": 2, "amount_wan": 150.0},
                                {"name": "丙公司", "credit_code": None, "projects": 1, "amount_wan": 50.0}]
    assert s["methods"] == [{"method": "公开招标", "projects": 3, "amount_wan": 450.0, "savings_rate_pct": 8.16},
                            {"method": "询价", "projects": 1, "amount_wan": 50.0, "savings_rate_pct": 16.67}]


def test_a_sector_a_county_and_a_month(tmp_path, capsys):
    path = database(tmp_path, LIST)
    s = market(path, capsys, "--sector", "政府采购")
    assert (s["sector_code"], s["projects"], s["failed"], s["avg_bidders"], s["hhi"]) == ("procurement", 1, 0, 3.0, 10000)
    s = market(path, capsys, "--region", "900101")
    assert (s["projects"], s["failed"], s["local_share_count_pct"], s["cycle_days_median"]) == (3, 0, 66.67, 30.0)
    s = market(path, capsys, "--month", "3", "--period", "month")
    assert (s["projects"], s["failed"], s["failed_rate_pct"], s["avg_bidders"]) == (2, 1, 33.33, 3.0)


def test_without_the_optional_columns_every_measure_is_null(tmp_path, capsys):
    s = market(database(tmp_path, "项目编号,项目名称,板块,地区,成交日期,成交金额,交易方式\nB1,路,工程建设,一区,2024-03-01,10,公开招标\n"),
               capsys)
    assert s["projects"] == 1 and s["methods"][0]["method"] == "公开招标"
    assert [k for k, v in s.items() if v is None] == [
        "sector_code", "failed", "failed_rate_pct", "avg_bidders", "cycle_days_median", "cycle_days_p90",
        "local_share_count_pct", "local_share_amount_pct", "province_share_count_pct", "province_share_amount_pct",
        "cr4_pct", "hhi"]
    assert s["top_winners"] == []


def test_all_trades_failed(tmp_path, capsys):
    s = market(database(tmp_path, HEADER + "F1,水渠,工程建设,三县,,,200,公开招标,1,2024-02-01,是,2024-03-01,,,\n"
                                            "F2,水渠,工程建设,三县,,,200,公开招标,2,2024-02-01,终止,2024-03-02,,,\n"),
               capsys)
    assert (s["projects"], s["failed"], s["failed_rate_pct"], s["avg_bidders"]) == (0, 2, 100.0, 1.5)
    assert (s["cycle_days_median"], s["cr4_pct"], s["hhi"], s["top_winners"], s["methods"]) == (None, None, None, [], [])


def test_one_winner(tmp_path, capsys):
    one = HEADER + f"A1,道路,工程建设,一区,2024-03-10,100,110,公开招标,5,2024-02-09,否,2024-03-05,甲公司,{C1},一区\n"
    s = market(database(tmp_path, one), capsys)
    assert (s["cr4_pct"], s["hhi"], s["local_share_count_pct"], s["failed_rate_pct"]) == (100.0, 10000, 100.0, 0.0)


def test_a_winner_is_one_by_its_credit_code_whatever_its_name(tmp_path, capsys):
    renamed = HEADER + f"A5,道路,工程建设,一区,2024-06-10,100,110,公开招标,5,2024-05-09,否,2024-06-05,甲公司（更名）,{C1},一区\n"
    s = market(database(tmp_path, LIST, renamed), capsys)
    assert [w for w in s["top_winners"] if w["credit_code"] == C1] == [
        {"name": "甲公司（更名）", "credit_code": C1, "projects": 3, "amount_wan": 250.0}]


def test_bad_filters_get_a_chinese_message(tmp_path, capsys):
    path = database(tmp_path)
    assert cli.main(["--db", str(path), "market", "--year", "2024", "--sector", "工程"]) == 2
    assert "未知的板块“工程”" in capsys.readouterr().err


def test_the_pages_queries(tmp_path):
    con = db.connect(database(tmp_path, LIST))
    params = {"year": 2024, "month_from": 1, "month_to": 12, "region": "900100", "sector": None}
    grouped = queries.run(con, "market_by_dimension", **params, by=["band", "sector"])
    bands = grouped[grouped.dimension == "band"]
    assert list(zip(bands.name, bands.projects, bands.amount_wan)) == [("100万元以下", 2, 100), ("100万–400万元", 2, 400)]
    sectors = grouped[grouped.dimension == "sector"].set_index("key")
    q = functools.partial(queries.run, con)
    twice = by_each(q, Period(2024), "900100", None, ("band", "band"))  # asked twice, counted once
    assert list(twice) == ["band"] and twice["band"].projects.tolist() == [2, 2]
    assert (sectors.loc["engineering", "tenders"], sectors.loc["engineering", "failed_rate_pct"]) == (4, 25.0)
    concentration = queries.run(con, "concentration_by_sector", **params).set_index("sector_code")
    # 工程建设: 甲 100, 乙 300, 丙 50 of 450 → HHI 493.8 + 4444.4 + 123.5 = 5062
    assert concentration.loc["engineering", ["winners", "cr4_pct", "hhi"]].tolist() == [3, 100.0, 5062.0]
    agencies = queries.run(con, "winners_top_in_period", **params, who="agency", order="projects", limit=5)
    assert agencies.empty
    kinds = queries.run(con, "winners_new_by_period", **params)
    assert list(zip(kinds.kind, kinds.winners)) == [("new", 3)]
    profile = queries.run(con, "party_trades_by", who="winner", key=C1, by="sector")
    assert list(zip(profile.key, profile.projects, profile.savings_rate_pct)) == [("engineering", 1, 9.09),
                                                                                 ("procurement", 1, 16.67)]
    trades = queries.run(con, "party_trades", who="winner", key=C1, limit=10)
    assert list(trades.project_id) == ["A3", "A1"]
    con.close()


def test_a_failed_trade_imported_again_leaves_its_old_month(tmp_path, capsys):
    head = "项目编号,项目名称,板块,地区,成交日期,成交金额,是否流标,开标日期,投标人数\n"
    path = database(tmp_path, head + "F-1,桥,工程建设,一区,,,是,2024-03-02,1\n",
                    head + "F-1,桥,工程建设,一区,,,是,2024-05-02,2\n")
    march = market(path, capsys, "--month", "3", "--period", "month")
    may = market(path, capsys, "--month", "5", "--period", "month")
    assert (march["failed"], march["avg_bidders"], may["failed"], may["avg_bidders"]) == (None, None, 1, 2.0)


def test_without_methods_the_documents_have_no_method_chart_and_name_only_filled_ones(tmp_path):
    """A trade without 交易方式 counts as 未填 (derived.sql). A list without the column gives the press kit and
    the 统计月报 no 交易方式 chart; one partly filled names the filled methods in the chart's conclusion."""
    from tradestats.documents import brief, press_kit
    from tradestats.domain import summary
    from tradestats.domain.market import NO_METHOD

    assert f"coalesce(method, '{NO_METHOD}')" in (config.PACKAGE / "store" / "derived.sql").read_text()
    head = "项目编号,项目名称,板块,地区,成交日期,成交金额"
    none = database(tmp_path, f"{head}\nB1,路,工程建设,一区,2024-03-01,10\nB2,桥,工程建设,一区,2024-03-02,20\n")
    q = functools.partial(queries.run, db.connect(none))
    kit = press_kit.Kit(summary.context(q), Period(2024), "900100")
    assert press_kit.methods(q, kit).empty and press_kit.market_charts(q, kit) == []
    some = tmp_path / "some"
    some.mkdir()
    partly = database(some, f"{head},交易方式\nB1,路,工程建设,一区,2024-03-01,10,\nB2,桥,工程建设,一区,2024-03-02,20,\n"
                            "B3,渠,工程建设,一区,2024-03-03,30,公开招标\n")
    q = functools.partial(queries.run, db.connect(partly))
    rows = press_kit.methods(q, press_kit.Kit(summary.context(q), Period(2024), "900100"))
    assert list(zip(rows.key, rows.projects)) == [(NO_METHOD, 2), ("公开招标", 1)]
    assert brief.method_words(rows) == "公开招标是主要交易方式（宗数占33.33%）"


def test_a_name_given_with_and_without_a_code_is_two_bars_each_with_its_own_label(tmp_path):
    """Two parties of one name (one by its credit code, one by the name): the ranking's chart labels them apart,
    so neither bar hides the other and a click on either name opens its own profile."""
    from tradestats.domain.market import top
    from tradestats.present import charts

    both = HEADER + (f"A1,道路,工程建设,一区,2024-03-10,100,110,公开招标,5,2024-02-09,否,2024-03-05,甲公司,{C1},一区\n"
                     "A2,桥梁,工程建设,一区,2024-03-20,300,330,公开招标,3,2024-03-10,否,2024-03-15,甲公司,,一区\n")
    q = functools.partial(queries.run, db.connect(database(tmp_path, both)))
    rows = top(q, Period(2024), "900100", None)
    bars = charts.party_bars(rows, "前10名", "来源").data[0]
    assert list(zip(bars.y, bars.customdata)) == [(f"甲公司（{C1}）", C1), ("甲公司（无代码）", "甲公司")]
