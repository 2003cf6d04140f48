"""The checks of a project list, run in DuckDB: every rule gives its message naming file, sheet, row and column, values come out in 万元 as stored, and a file with very many
bad rows is reported by its first problems and a count."""

import datetime as dt
from decimal import Decimal

import pytest
from conftest import FIXTURE_DATA

from tradestats.deploy import deployment
from tradestats.ingest import headers, importer, project_file, sources
from tradestats.store import db

TODAY = dt.date(2025, 6, 30)
HEADER = ["项目编号", "项目名称", "板块", "地区", "成交日期", "成交金额", "是否重点产业"]


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    path = tmp_path_factory.mktemp("fixture") / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    con = db.connect(path)
    yield importer.vocabulary(con), importer.sector_directions(con)
    con.close()


def check(vocab, rows, header=HEADER, name="明细", extra_sheets=()):
    sheets = [sources.Sheet(name, [header, *rows]), *extra_sheets]
    found = headers.of_kind("x.xlsx", sheets, vocab[0].columns, "projects")  # the header stage's part
    return project_file.check("x.xlsx", sheets, found, vocab[0], TODAY, vocab[1])


def messages(checked):
    return [str(p) for p in checked.problems]


@pytest.mark.parametrize("row, message", [
    (["", "道路", "工程建设", "一区", "2024-03-05", 1, "否"], "第2行“项目编号”列：项目编号为空。"),
    (["P-1", " ", "工程建设", "一区", "2024-03-05", 1, "否"], "第2行“项目名称”列：项目名称为空。"),
    (["P-1", "道路", "工程建设", "一区", "2024-02-30", 1, "否"],
     "第2行“成交日期”列：“2024-02-30”不是日期（应写作 2024-03-05、2024年3月5日 或 Excel 日期）。"),
    (["P-1", "道路", "工程建设", "一区", "2031-01-05", 1, "否"], "第2行“成交日期”列：2031年01月05日还没有到，不能导入未来的成交。"),
    (["P-1", "道路", "工程建设", "一曲", "2024-03-05", 1, "否"], "第2行“地区”列：未知的地区“一曲”，是不是“一区”？"),
    (["P-1", "道路", "工程建设", "测试省", "2024-03-05", 1, "否"], "第2行“地区”列：“测试省”不是按月上报数据的地区。"),
    (["P-1", "道路", "工程建筑", "一区", "2024-03-05", 1, "否"], "第2行“板块”列：未知的板块或交易类型“工程建筑”，是不是“工程建设”？"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", "十万", "否"], "第2行“交易额”列：“十万”不是数字。"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", "=A1*2", "否"], "第2行“交易额”列：“=A1*2”不是数字（像是公式，请填写数值）。"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", None, "否"], "第2行“交易额”列：交易额为空（若单元格是公式，请改为数值后再导入）。"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", -5, "否"], "第2行“交易额”列：交易额不能为负数（-5）。"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", "100000000000", "否"],
     "第2行“交易额”列：数值太大（100000000000），超过可存储的范围，请检查单位或数值。"),
    (["P-1", "道路", "工程建设", "一区", "2024-03-05", 1, "也许"], "第2行“是否重点产业”列：“也许”应填“是”或“否”。"),
])
def test_each_rule_names_file_sheet_row_and_column(vocab, row, message):
    assert messages(check(vocab, [row])) == [f"x.xlsx 工作表“明细”{message}"]


def test_unknown_unit_in_the_header(vocab):
    header = [*HEADER[:5], "成交金额（千元）", HEADER[6]]
    found = messages(check(vocab, [["P-1", "道路", "工程建设", "一区", "2024-03-05", 5, "否"]], header))
    assert found == ["x.xlsx 工作表“明细”第2行“交易额”列：无法识别单位“千元”（金额单位应为 元、万元 或 亿元）。"]


def test_a_repeated_id_is_named_with_the_row_it_first_came_in_across_sheets(vocab):
    other = sources.Sheet("二月", [HEADER, ["P-1", "桥", "工程建设", "二县", "2024-02-01", 2, "否"]])
    found = messages(check(vocab, [["P-1", "道路", "工程建设", "一区", "2024-03-05", 1, "否"]], extra_sheets=[other]))
    assert found == ["x.xlsx 工作表“二月”第2行：项目编号“P-1”与工作表“明细”第2行重复。"]


def test_all_problems_of_a_row_in_column_order_and_rows_in_file_order(vocab):
    found = messages(check(vocab, [["P-1", "", "x", "y", "z", "w", "v"], ["P-2", "桥", "工程建设", "一区", "2024-03-05", 1, ""],
                                   [" ", "道路", "工程建设", "一区", "2024-03-05", 1, "否"]]))
    columns = [m.split("第", 1)[1].split("：")[0] for m in found]
    assert columns == ["2行“项目名称”列", "2行“成交日期”列", "2行“地区”列", "2行“板块”列", "2行“交易额”列",
                       "2行“是否重点产业”列", "4行“项目编号”列"]


def test_values_in_wan_as_stored(vocab):
    header = ["项目编号", "项目名称", "板块", "地区", "成交日期", "成交金额（元）", "预算/底价（亿元）", "是否重点产业", "交易方式"]
    rows = [["P-1", "道路", "工程建设", "一区", "2024年3月5日", "1,234,500", "0.0125", "是", " 公开招标 "],
            ["P-2", "土地", "土地使用权", "二县", "2024/3/6 9:30", "0.005", "0.0000000001", "Y", None],  # rounded half even
            ["P-3", "产权", "产权", "乙市", dt.datetime(2024, 3, 7, 8), "0.015", None, "否", ""],
            ["P-4", "采购", "采购", "市本级", 45360, "５万元", "1亿元", "", "询价"]]
    got = {r["project_id"]: r for r in check(vocab, rows, header).projects.to_pylist()}
    assert got["P-1"]["amount_wan"] == Decimal("123.45") and got["P-1"]["reference_wan"] == Decimal("125")
    assert got["P-1"]["savings_wan"] == Decimal("1.55") and got["P-1"]["premium_wan"] == 0
    assert (got["P-1"]["is_key_industry"], got["P-1"]["method"]) == (True, "公开招标")
    assert got["P-2"]["amount_wan"] == Decimal("0.000000") and got["P-2"]["reference_wan"] == Decimal("0.000001")
    assert got["P-2"]["premium_wan"] == Decimal("-0.000001") and got["P-2"]["savings_wan"] == 0
    assert got["P-3"]["amount_wan"] == Decimal("0.000002") and got["P-3"]["premium_wan"] == 0  # no 底价: none
    assert got["P-3"]["method"] is None and got["P-3"]["deal_date"] == dt.date(2024, 3, 7)
    assert got["P-4"]["amount_wan"] == Decimal(5) and got["P-4"]["reference_wan"] == Decimal(10000)
    assert got["P-4"]["deal_date"] == dt.date(2024, 3, 9) and got["P-4"]["is_key_industry"] is False


def test_blank_rows_are_skipped_and_numbers_from_workbooks_read_as_written(vocab):
    rows = [[None, "", "\u3000"], ["P-1", "道路", "工程建设", "一区", "2024-03-05", 12.5, 1.0],
            [20240301001, "桥", "工程建设", "一区", "2024-03-05", 3, True]]
    got = check(vocab, rows).projects.to_pylist()
    assert [(r["project_id"], r["amount_wan"], r["is_key_industry"]) for r in got] == \
        [("P-1", Decimal("12.5"), True), ("20240301001", Decimal(3), True)]


def test_many_bad_rows_are_counted_and_the_first_ones_named(vocab):
    rows = [[f"P-{i}", "道路", "工程建设", "无此县", "2024-03-05", "x", "否"] for i in range(1000)]
    checked = check(vocab, rows)
    assert len(checked.problems) == project_file.MAX_LISTED and checked.unlisted == 2000 - project_file.MAX_LISTED
    assert str(checked.problems[0]).startswith("x.xlsx 工作表“明细”第2行“地区”列：未知的地区“无此县”")
    assert str(checked.problems[1]).startswith("x.xlsx 工作表“明细”第2行“交易额”列")


def test_a_file_without_the_columns_says_which_are_needed(vocab):
    assert messages(check(vocab, [["P-1"]], header=["项目编号"])) == \
        ["x.xlsx：找不到项目明细的表头：缺少 项目名称、地区、板块、成交日期、交易额。工作表“明细”第1行的列：项目编号。"
         "可用 --map \"表头=字段名\" 指定各列（多个用逗号分隔），字段名：项目名称、地区、板块、成交日期、交易额。"]
