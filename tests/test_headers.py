"""Headers as people write them: the words a column is known by, the columns never taken (two candidates,
累计, 同比), --map on the command line, and the mapping remembered for the next import of the same header."""

import json

import pytest
from conftest import FIXTURE_DATA

from tradestats import cli
from tradestats.deploy import deployment
from tradestats.ingest import headers, sources
from tradestats.ingest.rules import norm
from tradestats.ingest.stats_file import read_csv
from tradestats.ingest.table import split_unit
from tradestats.store import db

COLUMNS = {norm(a["alias"]): a["field"] for a in read_csv("import/columns.csv")}


@pytest.mark.parametrize("header, field", [
    ("统计月份", "month"), ("交易月份", "month"), ("区域", "region"), ("所属区域", "region"), ("所属区县名称", "region"),
    ("县（市、区）", "region"), ("类别", "trade_type"), ("交易类别", "trade_type"), ("项目类别", "trade_type"),
    ("交易宗数（宗）", "projects"), ("成交宗数", "projects"), ("中标金额", "amount"), ("成交价", "amount"),
    ("成交价格（万元）", "amount"), ("中标（成交）金额", "amount"), ("金额/万元", None), ("本月交易额", "amount"),
    ("交易额本月", "amount"), ("增值金额（万元）", "premium"), ("增价", "premium"), ("溢价", "premium"),
    ("招标控制价", "reference"), ("其中涉重点产业项目数", "key_projects"), ("重点项目交易额", "key_amount"),
    ("标的项目名称", "project_name"),
    # Not the month's value, though ending in a known name; or no name at all.
    ("交易额同比增长（%）", None), ("溢价率(%)", None), ("平均成交金额", None),
    ("金额（万元）", None), ("辖区", None), ("本月", None), ("2025-01", None), ("一区", None),
])
def test_a_column_is_known_by_its_words(header, field):
    found = headers.recognise(header, COLUMNS)
    assert (found and found[0]) == field and not (found and found[1])


@pytest.mark.parametrize("header", ["累计交易额", "本年累计成交金额（万元）", "1-3月交易额", "全年交易额"])
def test_a_cumulative_column_is_not_the_months(header):
    assert headers.recognise(header, COLUMNS) == ("amount", True, False)


@pytest.mark.parametrize("header, cumulative", [("上年同期交易额", False), ("去年同期累计成交金额", True), ("上年交易额", False)])
def test_a_column_of_the_year_before_is_its_own_figure(header, cumulative):
    assert headers.recognise(header, COLUMNS) == ("amount", cumulative, True)


@pytest.mark.parametrize("header, split", [
    ("交易额（亿元）", ("交易额", "亿元")), ("交易宗数（宗）", ("交易宗数", "宗")), ("成交金额(万元)", ("成交金额", "万元")),
    ("金额/万元", ("金额", "万元")), ("交易额（单位：亿）", ("交易额", "亿元")), ("交易额 单位：万元", ("交易额", "万元")),
    ("交易额，单位：元", ("交易额", "元")), ("交易额", ("交易额", None)),
])
def test_the_unit_part_is_taken_off(header, split):
    assert split_unit(header) == split


def sheet(*rows):
    return sources.Sheet("统计", [list(r) for r in rows])


def test_two_candidates_are_neither_taken():
    reading = headers.best(sheet(["月份", "地区", "板块", "项目数", "交易额", "成交金额"]), COLUMNS)
    assert reading.doubtful == {"amount": [4, 5]} and "amount" not in reading.fields
    mapping, _ = headers.parse_mapping("成交金额=交易额", {"amount": "交易额"})
    placed = headers.best(sheet(["月份", "地区", "板块", "项目数", "交易额", "成交金额"]), COLUMNS, mapping).placed
    assert placed[5] == ("amount", None) and 4 not in placed  # by hand, the other candidate is left


def test_a_group_header_over_this_month_and_the_year_so_far():
    rows = sheet(["2025年1月月报"] * 5, ["月份", "地区", "板块", "交易额（亿元）", "交易额（亿元）"],
                 ["月份", "地区", "板块", "本月", "本年累计"])
    reading = headers.find(rows, COLUMNS, ("month", "region", "sector", "amount"))
    assert reading.index == 2 and reading.placed[3] == ("amount", "亿元") and reading.cumulative == {"amount": [4]}


def test_a_title_row_lends_no_words_to_the_header():
    reading = headers.best(sheet(["2024年1-12月累计交易统计"], ["月份", "地区", "板块", "项目数", "交易额"]), COLUMNS)
    assert reading.index == 1 and not reading.cumulative and len(reading.fields) == 5


@pytest.mark.parametrize("given, problem", [
    ("区域=地址", "“地址”不是字段名，是不是“地区”？"), ("区域", "应写作 表头=字段名"),
    ("区域=地区,辖区=地区", "都指定为地区"), ("区域=地区,区域=板块", "表头“区域”出现了两次"),
])
def test_a_bad_map_is_named(given, problem):
    mapping, problems = headers.parse_mapping(given, {"region": "地区", "sector": "板块"})
    assert mapping is None and any(problem in p for p in problems), problems


def test_a_map_names_fields_by_label_synonym_or_english():
    labels = {"region": "地区", "sector": "板块", "trade_type": "交易类型", "reference": "预算/底价"}
    mapping, problems = headers.parse_mapping("区域＝region，类别=交易类型;控制价=底价", labels)
    assert not problems and mapping.columns == (("区域", "region"), ("类别", "trade_type"), ("控制价", "reference"))


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "home" / "t.duckdb"
    path.parent.mkdir()
    deployment.build(path, FIXTURE_DATA)
    return path


BULLETIN = "统计月份,区域,交易类型,宗数,金额（万元）,增值金额（万元）\n{month},一区,工程建设,2,80,\n{month},二县,土地使用权,1,50,6\n"


def run(store, tmp_path, capsys, name, text, *args):
    (tmp_path / name).write_text(text, encoding="utf-8")
    code = cli.main(["--db", str(store), "import", str(tmp_path / name), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_map_on_the_command_line_then_remembered_for_the_same_header(store, tmp_path, capsys):
    code, _, err = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"))
    assert code == 2 and "找不到表头：缺少 交易额。" in err and '--map "金额（万元）=交易额"' in err
    code, out, err = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"),
                         "--map", "金额(万元)=交易额,增值金额=增收资金")
    assert code == 0, err
    assert "按指定的列对应：金额（万元）→交易额，增值金额（万元）→增收资金" in out and "已导入" in out
    saved = json.loads((store.parent / "column_mappings.json").read_text(encoding="utf-8"))
    assert saved["统计月份|区域|交易类型|宗数|金额(万元)|增值金额(万元)"]["columns"] == \
        [["金额（万元）", "amount"], ["增值金额（万元）", "premium"]]
    # Next month's file with the same header row: no --map, the remembered one is used and shown.
    code, out, err = run(store, tmp_path, capsys, "2月.csv", BULLETIN.format(month="2025-02"))
    assert code == 0, err
    assert "按上次保存的列对应：金额（万元）→交易额，增值金额（万元）→增收资金" in out and "已导入" in out
    con = db.connect(store)
    assert con.execute("select sum(amount_wan), sum(premium_wan) from fact_trade_monthly where year = 2025 "
                       "and month = 2").fetchall() == [(130, 6)]


def test_a_mapping_is_remembered_only_after_an_import(store, tmp_path, capsys):
    text = BULLETIN.format(month="2025-01").replace(",50,6", ",-50,6")  # a negative amount: refused
    code, _, err = run(store, tmp_path, capsys, "1月.csv", text, "--map", "金额（万元）=交易额")
    assert code == 2 and "交易额不能为负数" in err
    code, _, _ = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"), "--map",
                     "金额（万元）=交易额", "--dry-run")
    assert code == 0 and not (store.parent / "column_mappings.json").exists()


def test_a_bad_map_on_the_command_line_is_a_chinese_error(store, tmp_path, capsys):
    code, _, err = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"), "--map", "金额=交易量")
    assert code == 2 and "错误：1月.csv：--map 中“金额=交易量”的“交易量”不是字段名" in err and "Traceback" not in err
    code, _, err = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"), "--map", "总金额=交易额")
    assert code == 2 and "--map 中的表头“总金额”不在文件的表头中。文件第1行的列：统计月份、区域" in err


def test_a_project_list_takes_a_map_too(store, tmp_path, capsys):
    text = ("项目编号,工程名称,类别,区域,成交日期,中标金额\n"
            "P-1,一区道路工程,房建市政,一区,2025-01-08,110.5\n")
    code, _, err = run(store, tmp_path, capsys, "明细.csv", text)
    assert code == 2 and "找不到项目明细的表头：缺少 项目名称。" in err
    code, out, err = run(store, tmp_path, capsys, "明细.csv", text, "--map", "工程名称=项目名称")
    assert code == 0 and "项目明细" in out and "按指定的列对应：工程名称→项目名称" in out, err


def test_a_damaged_store_loses_the_memory_not_the_import(store, tmp_path, capsys):
    (store.parent / "column_mappings.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(store, tmp_path, capsys, "1月.csv", BULLETIN.format(month="2025-01"), "--map",
                         "金额（万元）=交易额")
    assert code == 0, err
    assert list(json.loads((store.parent / "column_mappings.json").read_text(encoding="utf-8"))) == \
        ["统计月份|区域|交易类型|宗数|金额(万元)|增值金额(万元)"]


def test_an_entry_edited_out_of_shape_is_no_mapping(tmp_path):
    (tmp_path / "column_mappings.json").write_text('{"月份|区域": {"columns": 3}, "x": []}', encoding="utf-8")
    assert headers.recall(tmp_path / "t.duckdb", [sheet(["月份", "区域"])]) is None


# -- Two-row headers of a bulletin: groups 本期/本月/1-9月 | 上年同期 | 同比 over 项目数, 交易额 -------------------

def bulletin(tmp_path, title: str, groups: list[str], below: list[list[str]], rows: list[list]) -> str:
    """A bulletin as a clerk makes it: a merged title, a 板块 column merged over both header rows, each group
    merged over the names below it (one list per group), then the rows."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "统计"
    width = 1 + sum(map(len, below))
    ws.append([title])
    ws.append(["板块"] + [g for g, names in zip(groups, below) for g in [g] + [None] * (len(names) - 1)])
    ws.append([None] + [n for names in below for n in names])
    for row in rows:
        ws.append(row)
    ws.merge_cells(f"A1:{get_column_letter(width)}1")
    ws.merge_cells("A2:A3")
    first = 2
    for names in below:
        if len(names) > 1:
            ws.merge_cells(f"{get_column_letter(first)}2:{get_column_letter(first + len(names) - 1)}2")
        first += len(names)
    path = tmp_path / f"{title}.xlsx"
    wb.save(path)
    return str(path)


def imported(store, path, *args) -> tuple[int, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--db", str(store), "import", path, *args])
    return code, out.getvalue() + err.getvalue()


def stored(store, table: str) -> list[tuple]:
    """The figures stored before 2023 (the fixture's own are of 2023 and 2024)."""
    period = "month" if table == "fact_trade_monthly" else "month_from, month_to"
    return db.connect(store).execute(
        f"select year, {period}, sector_code, projects, amount_wan::double from {table} where year < 2023 order by all").fetchall()


YTD_YOY = [["工程建设", 480, 1205000, 400, 1000000, 20, 20.5], ["政府采购", 300, 302500, 250, 250000, 20, 21],
           ["自然资源", 180, 500000, 150, 400000, 20, 25]]


def test_a_yoy_group_is_checked_never_stored_as_the_periods_figures(store, tmp_path):
    names = ["项目数（宗）", "交易额（万元）"]
    path = bulletin(tmp_path, "甲市2022年1-9月公共资源交易统计", ["1-9月", "上年同期", "同比增长"],
                    [names, names, ["项目数", "交易额"]], YTD_YOY)
    code, out = imported(store, path, "--yes")
    assert code == 0 and "同比为" not in out and "不会导入" not in out, out  # the 累计 columns are imported
    assert stored(store, "fact_trade_span") == [
        (2021, 1, 9, "engineering", 400, 1000000.0), (2021, 1, 9, "natural_resources", 150, 400000.0),
        (2021, 1, 9, "procurement", 250, 250000.0), (2022, 1, 9, "engineering", 480, 1205000.0),
        (2022, 1, 9, "natural_resources", 180, 500000.0), (2022, 1, 9, "procurement", 300, 302500.0)]
    assert stored(store, "fact_trade_monthly") == []


def test_a_wrong_yoy_under_a_group_is_a_warning(store, tmp_path):
    names = ["项目数（宗）", "交易额（万元）"]
    rows = [YTD_YOY[0][:6] + [21], *YTD_YOY[1:]]  # 1,205,000 against 1,000,000 is 20.50%, not 21%
    path = bulletin(tmp_path, "甲市2022年1-9月公共资源交易统计", ["1-9月", "上年同期", "同比增长"],
                    [names, names, ["项目数", "交易额"]], rows)
    code, out = imported(store, path, "--dry-run")
    assert code == 0 and "第4行“交易额”列：同比为 21%，按本行数字算为 20.50%（交易额 1205000 对上年同期 1000000）" in out, out


def test_a_wrong_yoy_of_the_projects_is_a_warning(store, tmp_path):
    names = ["项目数（宗）", "交易额（万元）"]
    rows = [*YTD_YOY[:2], ["自然资源", 170, 500000, 150, 400000, 13, 25]]  # 170 against 150 is 13.33%
    path = bulletin(tmp_path, "甲市2022年1-9月公共资源交易统计", ["1-9月", "上年同期", "同比增长"],
                    [names, names, ["项目数", "交易额"]], rows)
    code, out = imported(store, path, "--dry-run")
    assert code == 0 and "第6行“项目数”列：同比为 13%，按本行数字算为 13.33%" in out, out


@pytest.mark.parametrize("groups, below", [
    (["本月", "上年同期", "同比增长（%）"], [["项目数", "交易额（万元）"]] * 3),
    (["本期", "上年同期", "同比增减（%）"], [["宗数", "交易额（万元）"]] * 3),
    (["本月", "上年同期", "同比"], [["项目数", "交易额（万元）"]] * 3),
])
def test_this_month_last_year_and_yoy_groups(store, tmp_path, groups, below):
    rows = [["工程建设", 10, 1000, 8, 900, 25, 11.11], ["政府采购", 6, 100, 5, 80, "20.00%", "25.00%"]]
    code, out = imported(store, bulletin(tmp_path, "甲市2022年9月公共资源交易统计", groups, below, rows), "--yes")
    assert code == 0 and "同比为" not in out, out
    assert stored(store, "fact_trade_monthly") == [
        (2021, 9, "engineering", 8, 900.0), (2021, 9, "procurement", 5, 80.0),
        (2022, 9, "engineering", 10, 1000.0), (2022, 9, "procurement", 6, 100.0)]


def test_this_month_and_yoy_groups_only(store, tmp_path):
    rows = [["工程建设", 10, 1000, 25, 11], ["政府采购", 6, 100, 20, 25]]
    path = bulletin(tmp_path, "甲市2022年9月公共资源交易统计", ["本月", "同比"], [["项目数", "交易额（万元）"]] * 2, rows)
    code, out = imported(store, path, "--yes")
    assert code == 0, out
    assert stored(store, "fact_trade_monthly") == [(2022, 9, "engineering", 10, 1000.0),
                                                   (2022, 9, "procurement", 6, 100.0)]


def test_a_group_that_cannot_be_placed_is_named_and_no_data_cell_is_offered(store, tmp_path):
    rows = [["工程建设", 10, 1000, 8, 900, 25, 11.11]]  # 上月 is neither this month nor a year earlier
    path = bulletin(tmp_path, "甲市2022年9月公共资源交易统计", ["本月", "上月", "环比"], [["项目数", "交易额（万元）"]] * 3, rows)
    code, out = imported(store, path, "--dry-run")
    assert code == 2 and ("“本月”下的“项目数”和“上月”下的“项目数”都可能是项目数，不能确定用哪一列，都没有采用。"
                          "“本月”下的“交易额（万元）”和“上月”下的“交易额（万元）”都可能是交易额") in out, out
    assert "这几列表头相同，--map 无法区分；请删去不导入的那组列，或把它的分组名改为 上年同期、本年累计、同比 之一。" in out
    assert "项目数=项目数" not in out and "“10”" not in out and "“1000”" not in out


def test_a_column_written_under_each_group_is_not_offered_to_map(store, tmp_path):
    rows = [["工程建设", 10, 0.1, 8, 0.09, 25, 11.11]]  # 金额 is no name of 交易额, and --map cannot say which
    path = bulletin(tmp_path, "甲市2022年9月公共资源交易统计", ["本期", "上年同期", "同比增减（%）"],
                    [["宗数", "金额（亿元）"]] * 3, rows)
    code, out = imported(store, path, "--dry-run")
    assert code == 2 and ("表头“金额（亿元）”出现了不止一次，--map 无法指定；请在文件中把“本期”下的“金额（亿元）”改名为"
                          "“交易额”（可带单位）。") in out, out
    assert '--map "金额' not in out and "“0.1”" not in out
