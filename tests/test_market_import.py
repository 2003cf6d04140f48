"""The project list's optional fields (issue 17): recognised by their Chinese and English headers, each bad
value named by file, sheet, row and column, good ones stored; failed and stopped trades (流标/终止) kept apart
from the completed ones, never in 宗数 or 交易额; a list without the columns imports as before."""

import datetime as dt

import pytest
from conftest import FIXTURE_DATA

from tradestats.deploy import deployment
from tradestats.ingest import headers, importer, project_fields, project_file, sources
from tradestats.store import db

pytestmark = pytest.mark.unit
TODAY = dt.date(2025, 6, 30)
CODE = "91430100MA4L1234XL"  # a 统一社会信用代码 with the right check character (GB 32100-2015)
HEADER = ["项目编号", "项目名称", "板块", "地区", "成交日期", "成交金额", "是否重点产业", "招标方式", "评标办法", "投标人数",
          "公告发布日期", "受理日期", "开标日期", "终止日期", "是否流标/终止", "中标人", "中标人统一社会信用代码",
          "中标人所在地区", "招标代理机构", "资金来源", "项目类型"]
GOOD = ["P-1", "道路", "工程建设", "一区", "2024-03-05", 100, "否", "公开招标", "综合评估法", "5", "2024-02-01", "2024-01-20",
        "2024-03-01", "", "否", "甲建设公司", CODE, "二县", "代理甲", "财政资金", "市政"]


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    path = tmp_path_factory.mktemp("fixture") / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    con = db.connect(path)
    yield importer.vocabulary(con), importer.sector_directions(con)
    con.close()


def check(vocab, rows, header=HEADER):
    sheets = [sources.Sheet("明细", [header, *rows])]
    found = headers.of_kind("x.csv", sheets, vocab[0].columns, "projects")  # the header stage's part
    return project_file.check("x.csv", sheets, found, vocab[0], TODAY, vocab[1])


def row(**changes):
    out = list(GOOD)
    for name, value in changes.items():
        at = HEADER.index(name) if name in HEADER else next(
            i for i, h in enumerate(HEADER) if h.startswith(name) or h.endswith(name))
        out[at] = value
    return out


@pytest.mark.parametrize("text, field", [
    ("招标方式", "method"), ("评标办法", "eval_method"), ("投标人数（家）", "bidders"), ("投标单位个数", "bidders"),
    ("竞买人数", "bidders"), ("公告发布日期", "announce_date"), ("受理日期", "accept_date"), ("开标日期", "open_date"),
    ("终止日期", "stop_date"), ("是否流标", "status"), ("中标人名称", "winner"), ("受让人", "winner"),
    ("统一社会信用代码", "winner_credit_code"), ("中标人所在地区", "winner_region"), ("招标代理机构", "agency"),
    ("资金来源", "funding"), ("项目类型", "industry"), ("行业", "industry"), ("bidders", "bidders"),
    ("winner_credit_code", "winner_credit_code"), ("announce_date", "announce_date"), ("industry", "industry"),
    ("招标控制价", "reference"),  # already the reference price of engineering (节约资金 = 控制价 − 成交价)
])
def test_the_new_headers_are_recognised(vocab, text, field):
    assert headers.recognise(text, vocab[0].columns) == (field, False, False)


def test_the_check_character_of_a_credit_code():
    assert project_fields.check_character(CODE[:17]) == "L"
    assert project_fields.check_character("91110000600037341") == "L"  # a published code: 91110000600037341L


def test_good_values_are_stored_as_the_records_hold_them(vocab):
    checked = check(vocab, [GOOD, row(项目编号="P-2", 成交日期="", 成交金额="", 是否流标="流标", 中标人="", 统一社会信用代码="",
                                      中标人所在地区="", 投标人数="2家")])
    assert checked.problems == []
    p = checked.projects.to_pylist()
    assert len(p) == 1 and {k: p[0][k] for k in ("eval_method", "bidders", "announce_date", "accept_date", "open_date",
                                                 "winner", "winner_credit_code", "winner_region", "winner_region_code",
                                                 "agency", "funding", "industry", "outcome_known")} == {
        "eval_method": "综合评估法", "bidders": 5, "announce_date": dt.date(2024, 2, 1), "accept_date": dt.date(2024, 1, 20),
        "open_date": dt.date(2024, 3, 1), "winner": "甲建设公司", "winner_credit_code": CODE, "winner_region": "二县",
        "winner_region_code": "900102", "agency": "代理甲", "funding": "财政资金", "industry": "市政", "outcome_known": True}
    f = checked.failed.to_pylist()
    assert [(x["project_id"], x["outcome"], x["failed_date"], x["bidders"]) for x in f] == [
        ("P-2", "failed", dt.date(2024, 3, 1), 2)]


def test_the_winners_place_comes_from_its_credit_code_without_a_column(vocab):
    header = [h for h in HEADER if h != "中标人所在地区"]
    checked = check(vocab, [[v for h, v in zip(HEADER, GOOD) if h != "中标人所在地区"]], header)
    assert checked.projects.to_pylist()[0]["winner_region_code"] == "430100"


@pytest.mark.parametrize("changes, message", [
    ({"投标人数": "-2"}, "第2行“投标人数”列：投标人数“-2”不能为负数。"),
    ({"投标人数": "很多"}, "第2行“投标人数”列：“很多”不是人数（应填写 0、1、2 …）。"),
    ({"投标人数": "2.5"}, "第2行“投标人数”列：“2.5”不是人数（应填写 0、1、2 …）。"),
    ({"公告发布日期": "2024-03-09"}, "第2行“公告发布日期”列：公告发布日期“2024年03月09日”晚于成交日期“2024年03月05日”。"),
    ({"公告发布日期": "2024-03-02"}, "第2行“公告发布日期”列：公告发布日期“2024年03月02日”晚于开标日期“2024年03月01日”。"),
    ({"开标日期": "2024-03-06"}, "第2行“开标日期”列：开标日期“2024年03月06日”晚于成交日期“2024年03月05日”。"),
    ({"受理日期": "2024-13-01"}, "第2行“受理日期”列：“2024-13-01”不是日期（应写作 2024-03-05、2024年3月5日 或 Excel 日期）。"),
    ({"是否流标": "流标", "成交日期": "", "成交金额": "", "开标日期": "", "终止日期": "2031-01-01"},
     "第2行“终止日期”列：终止日期2031年01月01日还没有到。"),
    ({"是否流标": "流标", "成交日期": "", "成交金额": "", "开标日期": ""},
     "第2行“是否流标/终止”列：流标或终止的项目要有开标日期或终止日期。"),
    ({"是否流标": "也许"}, "第2行“是否流标/终止”列：“也许”应填“是”或“否”（或 成交、流标、终止）。"),
    ({"统一社会信用代码": "91430100MA4L1234X0"},
     "第2行“统一社会信用代码”列：统一社会信用代码“91430100MA4L1234X0”的校验位不对（按前17位应为“L”），请核对。"),
    ({"统一社会信用代码": "9143010"},
     "第2行“统一社会信用代码”列：“9143010”不是统一社会信用代码（应为18位数字或大写字母，不含 I、O、S、V、Z）。"),
])
def test_each_bad_value_is_named_by_row_and_column(vocab, changes, message):
    found = [str(p) for p in check(vocab, [row(**changes)]).problems]
    assert found == [f"x.csv 工作表“明细”{message}"]


def test_a_completed_trade_still_needs_its_deal(vocab):
    found = [str(p) for p in check(vocab, [row(成交金额="")]).problems]
    assert found == ["x.csv 工作表“明细”第2行“交易额”列：交易额为空（若单元格是公式，请改为数值后再导入）。"]


def imported(tmp_path, text: str):
    path = tmp_path / "t.duckdb"
    if not path.exists():
        deployment.build(path, FIXTURE_DATA, demo=True)
    plan = importer.plan(path, "明细.csv", text.encode("gbk"), today=TODAY)
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    return path, plan


def test_an_import_stores_the_fields_and_keeps_failed_trades_out_of_the_cells(tmp_path):
    csv = (",".join(HEADER) + "\n" + ",".join(map(str, GOOD)) + "\n"
           + ",".join(map(str, row(项目编号="P-2", 成交日期="", 成交金额="", 是否流标="终止", 开标日期="", 终止日期="2024-03-09",
                                   中标人="", 统一社会信用代码="", 中标人所在地区=""))) + "\n")
    path, plan = imported(tmp_path, csv)
    assert len(plan.projects) == 1 and len(plan.failed) == 1 and "流标或终止的项目 1 个" in plan.describe()
    con = db.connect(path)
    assert con.execute("select bidders, winner, winner_region_code from fact_project where project_id = 'P-1'"
                       ).fetchall() == [(5, "甲建设公司", "900102")]
    assert con.execute("select project_id, outcome, failed_date from fact_tender_failed").fetchall() == [
        ("P-2", "stopped", dt.date(2024, 3, 9))]
    assert con.execute("""select projects, amount_wan from fact_trade_monthly
                          where year = 2024 and month = 3 and region_code = '900101' and sector_code = 'engineering'
                       """).fetchall() == [(1, 100)]
    con.close()
    again = importer.plan(path, "明细.csv", csv.encode("gbk"), today=TODAY)
    assert again.projects_changed == again.failed_changed == 0 and importer.apply(path, again) is None


def test_a_list_of_failed_trades_only_changes_no_cell(tmp_path):
    head = "项目编号,项目名称,板块,地区,成交日期,成交金额,是否流标,开标日期,投标人数\n"
    path, plan = imported(tmp_path, head + "F-1,桥,工程建设,一区,,,是,2024-03-02,1\n")
    assert plan.cells.empty and len(plan.failed) == 1
    con = db.connect(path)
    assert con.execute("select project_id, bidders from fact_tender_failed").fetchall() == [("F-1", 1)]
    con.close()


@pytest.mark.parametrize("name", ["project_list_market_gbk.csv", "project_list_market_english.xlsx"])
def test_the_corpus_lists_store_the_fields_and_the_failed_trade(tmp_path, name):
    from pathlib import Path

    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    data = (Path(__file__).parent / "import_corpus" / "good" / name).read_bytes()
    plan = importer.plan(path, name, data, today=TODAY)
    assert not plan.problems and len(plan.failed) == 1
    importer.apply(path, plan)
    con = db.connect(path)
    assert con.execute("""select count(*), sum(bidders), count(distinct winner_credit_code), min(winner_region_code),
                                 max(winner_region_code), min(announce_date)
                          from fact_project""").fetchall() == [(5, 24, 2, "900101", "900200", dt.date(2024, 12, 11))]
    assert con.execute("select project_id, failed_date, bidders from fact_tender_failed").fetchall() == [
        ("E-9", dt.date(2025, 1, 5), 1)]
    con.close()


def test_a_column_placed_by_hand_as_a_new_field(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    text = "项目编号,项目名称,板块,地区,成交日期,成交金额,中选单位,有效报价家数\nP-1,路,工程建设,一区,2024-03-01,10,甲公司,4\n"
    plan = importer.plan(path, "x.csv", text.encode(), today=TODAY, mapping="中选单位=中标人,有效报价家数=投标人数")
    assert not plan.errors, [str(p) for p in plan.errors]
    assert plan.projects.to_pylist()[0]["winner"] == "甲公司" and plan.projects.to_pylist()[0]["bidders"] == 4
