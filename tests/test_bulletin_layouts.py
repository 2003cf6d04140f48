"""The tables a center already keeps go in as they are (issue 25): one table per layout, shaped as a clerk
makes it — 累计 only, quarters, years, 本月 + 累计 + 上年同期 + 同比 in one row under a two-row header, a period
named only by the title, 合计 in the first column, 其中 rows, 其他 beside its types, a 小计, no region
column — each imported with the command line into a deployment of a city outside Hunan made by `tradestats
init --city`, and checked figure by figure through `summary --json`; and each one's broken twin refused with
its message and nothing imported. The figures are worked out by hand in the comments."""

import io
import json
import shutil

import pytest
from test_new_center import REGIONS, tradestats

CITY = "420500"  # 宜昌, 湖北: 市本级 420599 (from the regions file), 夷陵区 420506, 当阳市 420582


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """A deployment of 宜昌 with its regions, no data: copied for each layout."""
    tmp = tmp_path_factory.mktemp("blank")
    home = tmp / "home"
    assert tradestats(home, "init", "--city", CITY, "--empty").returncode == 0
    (tmp / "regions.csv").write_text(REGIONS, encoding="utf-8")
    r = tradestats(home, "import", str(tmp / "regions.csv"))
    assert r.returncode == 0, r.stderr
    return home


@pytest.fixture
def center(blank, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(blank, home, symlinks=True)
    return home


def workbook(rows: list[list], merges: tuple[str, ...] = ()) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "报表"
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv(lines: list[str], encoding: str = "gbk") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def load(home, tmp_path, name: str, data: bytes, *args) -> tuple[int, str]:
    file = tmp_path / name
    file.write_bytes(data)
    r = tradestats(home, "import", str(file), *args)
    return r.returncode, r.stdout + r.stderr


def summary(home, year: int, month: int, period: str = "ytd", region: str | None = None) -> dict:
    r = tradestats(home, "summary", "--year", str(year), "--month", str(month), "--period", period, "--json",
                   *(("--region", region) if region else ()))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def figures(s: dict, *keys: str) -> tuple:
    return tuple(s[k] for k in keys)


def imports(home) -> int:
    return sum(line.lstrip().startswith("#") for line in tradestats(home, "history").stdout.splitlines())


def refused(home, tmp_path, name: str, data: bytes, message: str, *args) -> None:
    before = imports(home)
    code, out = load(home, tmp_path, name, data, *args)
    assert code != 0 and message in out, out
    assert imports(home) == before  # nothing imported


# -- 1. 累计 only, GBK CSV: a center that publishes year-to-date figures --------------------------------------

YTD = ["统计期间,区域,交易类别,成交宗数,成交金额（万元）",
       "2020年1-9月,市本级,房建市政,10,1000", "2020年1-9月,夷陵区,土地使用权,5,2000",
       "2021年1—9月,市本级,房建市政,12,1500", "2021年1月至9月,夷陵区,土地使用权,4,2500"]


def test_year_to_date_only(center, tmp_path):
    code, out = load(center, tmp_path, "累计.csv", csv(YTD))
    assert code == 0, out
    s = summary(center, 2021, 9)  # 16宗 4000万元 against 15宗 3000万元
    assert figures(s, "projects", "amount_wan", "projects_yoy_pct", "amount_yoy_pct", "basis") == (
        16, 4000.0, 6.67, 33.33, "span")
    assert s["note"] == "1-9月为累计报表数据，无分月数据。"
    month = summary(center, 2021, 3, "month")  # no month of it can be known
    assert month["amount_wan"] is None and "无法得出" in month["missing"]
    refused(center, tmp_path, "累计错.csv", csv([*YTD[:1], "2022年9-1月,市本级,房建市政,1,1"]),
            "“2022年9-1月”不是有效的期间")


# -- 2. quarters, xlsx ------------------------------------------------------------------------------------

def test_quarters(center, tmp_path):
    rows = [["期间", "区域", "交易类别", "宗数", "交易额（亿元）"],
            ["2022年第二季度", "市本级", "房建市政", 10, 0.1], ["2022Q3", "市本级", "房建市政", 20, 0.3],
            ["2022年二季度", "当阳市", "国有产权", 1, 0.01], ["2022年三季度", "当阳市", "国有产权", 2, 0.02]]
    code, out = load(center, tmp_path, "季度.xlsx", workbook(rows), "--dry-run")  # the preview in the file's unit
    assert "交易额（亿元）" in out and "节约资金" not in out, out  # the file's columns only
    assert next(line for line in out.splitlines() if "三季度（季度）" in line and "当阳市" in line).split()[3:5] == [
        "2", "0.02"], out
    code, out = load(center, tmp_path, "季度.xlsx", workbook(rows))
    assert code == 0, out
    s = summary(center, 2022, 9, "quarter")  # 22宗 3200万元; 环比 against 二季度's 11宗 1100万元
    assert figures(s, "projects", "amount_wan", "projects_pop_pct", "amount_pop_pct", "basis") == (
        22, 3200.0, 100.0, 190.91, "span")
    assert summary(center, 2022, 6, "quarter", "420599")["amount_wan"] == 1000.0
    refused(center, tmp_path, "季度错.xlsx", workbook([rows[0], ["2022年第五季度", "市本级", "房建市政", 1, 1]]),
            "“2022年第五季度”不是月份或期间")


# -- 3. years --------------------------------------------------------------------------------------------

def test_years(center, tmp_path):
    code, out = load(center, tmp_path, "年度.csv", csv(["年度,区域,交易类别,宗数,交易额",
                                                     "2023年,夷陵区,土地使用权,40,8000",
                                                     "2024年全年,夷陵区,土地使用权,50,10000"]))
    assert code == 0, out
    s = summary(center, 2024, 12)  # 50宗 10000万元 against 40宗 8000万元
    assert figures(s, "projects", "amount_wan", "projects_yoy_pct", "amount_yoy_pct", "note") == (
        50, 10000.0, 25.0, 25.0, "全年为年度报表数据，无分月数据。")
    assert summary(center, 2024, 12, "quarter")["amount_wan"] is None  # a quarter of a year cannot be known
    refused(center, tmp_path, "年度错.csv", csv(["年度,区域,交易类别,宗数,交易额", "2024年全年,夷陵区,土地使用权,-1,5"]),
            "不能为负数")


# -- 4. 本月 | 本年累计 | 上年同期 | 同比 in one row, a two-row header, a title --------------------------------------

WIDE_TITLE = "宜昌市公共资源交易中心2025年9月交易情况统计表"
WIDE_HEAD = [["区域", "交易类别", "本月", "本月", "本年累计", "本年累计", "上年同期", "上年同期", "同比（%）"],
             ["区域", "交易类别", "宗数", "交易额（万元）", "宗数", "交易额（万元）", "宗数", "交易额（万元）", "同比（%）"]]
WIDE_MERGES = ("A1:I1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:H2", "I2:I3")


def wide(rows) -> bytes:
    return workbook([[WIDE_TITLE], *WIDE_HEAD, *rows], WIDE_MERGES)


def test_this_month_year_to_date_and_last_year_in_one_row(center, tmp_path):
    rows = [["市本级", "房建市政", 3, 300, 20, 2000, 16, 1600, 25.00],
            ["夷陵区", "土地使用权", 1, 100, 8, 800, 10, 1000, "-20.00"]]
    code, out = load(center, tmp_path, "月报.xlsx", wide(rows))
    assert code == 0, out
    assert figures(summary(center, 2025, 9, "month"), "projects", "amount_wan") == (4, 400.0)
    s = summary(center, 2025, 9)  # 累计 28宗 2800万元 against 上年同期 26宗 2600万元
    assert figures(s, "projects", "amount_wan", "projects_yoy_pct", "amount_yoy_pct", "basis", "basis_prev") == (
        28, 2800.0, 7.69, 7.69, "span", "span")
    rows[0][8] = 30.00  # the published 同比 disagrees with the row's own figures: a warning to confirm
    refused(center, tmp_path, "月报错.xlsx", wide(rows), "同比为 30%，按本行数字算为 25.00%")


def test_a_wide_rows_unknown_region_is_told_once(center, tmp_path):
    rows = [["城区片", "房建市政", 3, 300, 20, 2000, 16, 1600, 25.00]]  # 本月 and 本年累计 share the row's region
    code, out = load(center, tmp_path, "月报.xlsx", wide(rows))
    assert code != 0 and out.count("未知的地区“城区片”") == 1 and "共 2 处错误" in out, out


# -- 5. the period only in the title ------------------------------------------------------------------------

def test_a_period_named_only_by_the_title(center, tmp_path):
    head = ["区域", "交易类别", "成交宗数", "成交金额（万元）"]
    rows = [["市本级", "房建市政", 6, 600], ["当阳市", "国有产权", 1, 50]]
    code, out = load(center, tmp_path, "上半年.xlsx", workbook([["宜昌市2025年1-6月公共资源交易情况"], head, *rows],
                                                             ("A1:D1",)))
    assert code == 0 and "期间“2025年1-6月”取自标题（第1行）" in out, out
    assert figures(summary(center, 2025, 6), "projects", "amount_wan", "basis") == (7, 650.0, "span")
    refused(center, tmp_path, "无期间.xlsx", workbook([head, *rows]), "没有月份列，标题、工作表名和文件名中也没有期间")


def test_a_titles_words_for_part_of_a_year_are_read_never_as_the_year(center, tmp_path):
    """上半年, 前三季度, 截至9月底, 前10个月 in a title are months 1–N (they were taken for the whole year: the title's
    "2025年" was all the rule read); words no rule reads refuse the file rather than stand for the year."""
    head = ["区域", "交易类别", "成交宗数", "成交金额（万元）"]
    rows = [["市本级", "房建市政", 6, 600], ["当阳市", "国有产权", 1, 50]]
    for title, period, month in [("宜昌市2025年上半年公共资源交易情况", "2025年1-6月", 6),
                                 ("宜昌市2024年前三季度公共资源交易情况", "2024年1-9月", 9),
                                 ("宜昌市2023年截至9月底公共资源交易情况", "2023年1-9月", 9),
                                 ("宜昌市2022年前十个月公共资源交易情况", "2022年1-10月", 10)]:
        code, out = load(center, tmp_path, "统计表.xlsx", workbook([[title], head, *rows], ("A1:D1",)))
        assert code == 0 and f"期间“{period}”取自标题（第1行）" in out, out
        year = int(period[:4])
        assert figures(summary(center, year, month), "projects", "amount_wan", "basis") == (7, 650.0, "span")
        assert summary(center, year, 12)["amount_wan"] is None  # not the year's figure
    refused(center, tmp_path, "统计表.xlsx", workbook([["宜昌市二〇二五年九月公共资源交易情况"], head, *rows], ("A1:D1",)),
            "没有月份列，标题（第1行）说的期间读不出是哪几个月")


def test_month_sheets_take_their_year_from_the_files_name(center, tmp_path):
    """A workbook 2025年月报.xlsx with a sheet per month (1月, 2月): each sheet is its month of 2025 (they were
    both the whole year 2025, the second refused as a duplicate of the first)."""
    head = ["区域", "交易类别", "成交宗数", "成交金额（万元）"]
    code, out = load(center, tmp_path, "2025年月报.xlsx", two_sheets({
        "1月": [head, ["市本级", "房建市政", 3, 300]], "2月": [head, ["市本级", "房建市政", 4, 500]]}))
    assert code == 0 and "工作表“2月”的期间“2025年2月”取自工作表名“2月”" in out, out
    assert figures(summary(center, 2025, 2, "month"), "projects", "amount_wan", "basis") == (4, 500.0, "months")
    assert figures(summary(center, 2025, 2), "projects", "amount_wan") == (7, 800.0)


def test_a_range_of_months_without_its_month_sign_is_the_range(center, tmp_path):
    """2025年1-9, 2025.01-09, 2025/7-9 in a period column are spans (they were read as a day: January, July)."""
    lines = ["统计期间,区域,交易类别,成交宗数,成交金额（万元）", "2025年1-9,市本级,房建市政,10,1000",
             "2025.01-09,夷陵区,土地使用权,5,2000", "2025/7-9,当阳市,国有产权,2,300"]
    code, out = load(center, tmp_path, "累计.csv", csv(lines))
    assert code == 0, out
    assert figures(summary(center, 2025, 9, region="420599"), "projects", "amount_wan", "basis") == (10, 1000.0, "span")
    assert figures(summary(center, 2025, 9, region="420506"), "projects", "amount_wan", "basis") == (5, 2000.0, "span")
    assert summary(center, 2025, 9, "quarter", "420582")["amount_wan"] == 300.0
    assert summary(center, 2025, 1, "month", "420599")["amount_wan"] is None  # not January's


def test_a_unit_written_above_the_header_is_the_amounts_unit(center, tmp_path):
    """单位：亿元 in a line of its own above the header (at its right, as bulletins have it), or 金额单位：元 in the
    title, is the unit of the amount columns whose header names none (they were read as 万元: 10 000 times off)."""
    head = ["区域", "交易类别", "成交宗数", "成交金额"]
    code, out = load(center, tmp_path, "4月.xlsx", workbook([["宜昌市2025年4月公共资源交易情况"], [None, None, None, "单位：宗、亿元"],
                                                            head, ["市本级", "房建市政", 10, 1.5], ["夷陵区", "土地使用权", 2, 0.8]]))
    assert code == 0 and "金额单位“亿元”取自第2行" in out, out
    assert figures(summary(center, 2025, 4, "month"), "projects", "amount_wan") == (12, 23000.0)
    code, out = load(center, tmp_path, "5月.csv", csv(["宜昌市2025年5月公共资源交易情况", ",,,单位：亿元", ",".join(head),
                                                      "市本级,房建市政,3,0.25"]))
    assert code == 0, out
    assert summary(center, 2025, 5, "month", "420599")["amount_wan"] == 2500.0
    code, out = load(center, tmp_path, "6月.xlsx", workbook([["宜昌市2025年6月公共资源交易情况（金额单位：元）"], head,
                                                            ["市本级", "房建市政", 1, 150_000_000]]))
    assert code == 0 and "金额单位“元”取自第1行" in out, out
    assert summary(center, 2025, 6, "month", "420599")["amount_wan"] == 15000.0
    code, out = load(center, tmp_path, "7月.xlsx", workbook([["宜昌市2025年7月公共资源交易情况（单位：亿元）"],
                                                            [*head[:3], "成交金额（万元）"], ["市本级", "房建市政", 1, 9000]]))
    assert code == 0 and "取自第1行" not in out, out  # the header's own unit comes first
    assert summary(center, 2025, 7, "month", "420599")["amount_wan"] == 9000.0


def test_notes_and_signatures_under_the_table_are_not_data(center, tmp_path):
    """注：… and 制表人：… 审核人：… under a bulletin's table (nearly every one has them) are left out and the plan
    says so (the file was refused: each was a row without region, category or figures)."""
    rows = [["宜昌市2025年8月公共资源交易情况"], ["区域", "交易类别", "成交宗数", "成交金额（万元）"],
            ["市本级", "房建市政", 4, 400], ["夷陵区", "土地使用权", 1, 100], ["合计", None, 5, 500], [],
            ["注：本表数据来源于市公共资源交易平台，不含未进场交易。"],
            ["制表人：张三", None, "审核人：李四", "2025年9月5日"]]
    code, out = load(center, tmp_path, "8月.xlsx", workbook(rows, ("A1:D1",)))
    assert code == 0 and "第7、8行是表下的说明文字" in out, out
    assert figures(summary(center, 2025, 8, "month"), "projects", "amount_wan") == (5, 500.0)


def test_a_row_hidden_in_excel_is_said_before_it_is_imported(center, tmp_path):
    """A clerk hides an old or doubled line rather than delete it: the import names the hidden row as a warning
    (to confirm, as any warning) instead of adding it unseen."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in [["月份", "区域", "交易类别", "宗数", "交易额（万元）"], ["2025-10", "市本级", "房建市政", 2, 200],
                ["2025-10", "夷陵区", "土地使用权", 9, 900], ["2025-10", "当阳市", "国有产权", 1, 100]]:
        ws.append(row)
    ws.row_dimensions[3].hidden = True
    data = io.BytesIO()
    wb.save(data)
    refused(center, tmp_path, "10月.xlsx", data.getvalue(), "第3行在 Excel 中是隐藏的，已按数据导入")
    code, out = load(center, tmp_path, "10月.xlsx", data.getvalue(), "--yes")
    assert code == 0, out
    assert figures(summary(center, 2025, 10, "month"), "projects", "amount_wan") == (12, 1200.0)


# -- 6. 合计 in the first column ----------------------------------------------------------------------------

MONTH_HEAD = "月份,区域,交易类别,宗数,交易额（万元）"


def test_a_total_written_in_the_first_column(center, tmp_path):
    lines = [MONTH_HEAD, "2025-03,市本级,房建市政,5,1200", "2025-03,夷陵区,土地使用权,1,3000", "合计,,,6,4200"]
    code, out = load(center, tmp_path, "3月.csv", csv(lines))
    assert code == 0, out
    assert figures(summary(center, 2025, 3, "month"), "projects", "amount_wan", "basis") == (6, 4200.0, "months")
    refused(center, tmp_path, "3月错.csv", csv([*lines[:-1], "合计,,,6,4300"]), "合计行与各行之和不符")


# -- 7. 其中 rows --------------------------------------------------------------------------------------------

def test_part_rows_under_their_sector(center, tmp_path):
    lines = [MONTH_HEAD, "2025-04,市本级,工程建设,7,2000", "2025-04,市本级,其中：房建市政,5,1200",
             "2025-04,市本级,其中：交通工程,2,800"]
    code, out = load(center, tmp_path, "4月.csv", csv(lines))
    assert code == 0, out
    s = summary(center, 2025, 4, "month")  # 工程建设 is their 小计: 7宗 2000万元, not 14宗 4000万元
    assert figures(s, "projects", "amount_wan") == (7, 2000.0)
    assert [x["code"] for x in s["sectors"]] == ["engineering"]
    refused(center, tmp_path, "4月错.csv", csv([*lines[:2], "2025-04,市本级,其中：房建工程市政类,5,1200"]),
            "未知的板块或交易类型“其中：房建工程市政类”")


# -- 8. 其他 beside its types, with 节约资金 -------------------------------------------------------------------

def test_other_trades_beside_their_types_keep_their_savings(center, tmp_path):
    lines = ["月份,区域,交易类别,宗数,交易额（万元）,节约资金（万元）",
             "2025-05,市本级,农村产权,3,300,0", "2025-05,市本级,其他,2,50,10"]
    code, out = load(center, tmp_path, "5月.csv", csv(lines))
    assert code == 0 and "不是小计" in out, out
    s = summary(center, 2025, 5, "month")  # 其他 is the other trades: 5宗 350万元, its 节约资金 10万元 kept
    assert figures(s, "projects", "amount_wan", "savings_wan") == (5, 350.0, 10.0)
    refused(center, tmp_path, "5月错.csv", csv([lines[0], "2025-05,市本级,其他,2,-50,10"]), "交易额不能为负数")


# -- 9. a 小计 that adds up, and one that does not ------------------------------------------------------------

def test_a_subtotal_is_checked_not_added(center, tmp_path):
    lines = [MONTH_HEAD, "2025-06,夷陵区,土地使用权,2,500", "2025-06,夷陵区,探矿权,1,100", "2025-06,夷陵区,小计,3,600"]
    code, out = load(center, tmp_path, "6月.csv", csv(lines))
    assert code == 0, out
    assert figures(summary(center, 2025, 6, "month", "420506"), "projects", "amount_wan") == (3, 600.0)
    refused(center, tmp_path, "6月错.csv", csv([*lines[:-1], "2025-06,夷陵区,小计,3,700"]), "合计行与各行之和不符")


# -- 10. no region column: the city's own figures -------------------------------------------------------------

def test_a_table_without_a_region_column_is_the_citys(center, tmp_path):
    lines = ["月份,交易类别,宗数,交易额（万元）", "2025-07,房建市政,4,400", "2025-07,土地使用权,1,900"]
    code, out = load(center, tmp_path, "7月.csv", csv(lines, "utf-8-sig"))
    assert code == 0 and "没有地区列：各行按全市的数据导入" in out, out
    assert figures(summary(center, 2025, 7, "month"), "projects", "amount_wan") == (5, 1300.0)
    refused(center, tmp_path, "7月.csv", csv(lines), "未知的地区“某某区”", "--region", "某某区")


# -- 11. a word of the center's own, mapped once with --values --------------------------------------------------

def test_an_unknown_word_mapped_once_with_values(center, tmp_path):
    lines = [MONTH_HEAD, "2025-08,市本级,城建项目,3,900", "2025-08,城区片,土地使用权,1,100"]
    code, out = load(center, tmp_path, "8月.csv", csv(lines))  # refused: it prints the --values that fits
    assert code != 0 and '--values "交易类别:城建项目=' in out and "地区:城区片=" in out, out
    code, out = load(center, tmp_path, "8月.csv", csv(lines), "--values", "交易类别:城建项目=房建市政,地区:城区片=市本级")
    assert code == 0, out
    assert figures(summary(center, 2025, 8, "month", "420599"), "projects", "amount_wan") == (4, 1000.0)
    # remembered: next month's file in the same words goes in without --values, the plan saying so
    code, out = load(center, tmp_path, "9月.csv", csv([MONTH_HEAD, "2025-09,城区片,城建项目,2,200"]))
    assert code == 0 and "按上次保存的取值对应" in out, out
    refused(center, tmp_path, "8月错.csv", csv(lines), "--values 中“房建工程”不是已知的板块或交易类型",
            "--values", "交易类别:城建项目=房建工程")


# -- 12. months with totals only beside a quarter split by sector, xlsx of two sheets ------------------------

def two_sheets(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


MONTHS_TOTAL = [["宜昌市公共资源交易情况（月度）"], ["月份", "宗数", "交易额（万元）", "节约资金（万元）"],
                ["2025年7月", 10, 1000, 20], ["2025年8月", 12, 1100, 30], ["2025年9月", 8, 900, 10]]
QUARTER_SPLIT = [["2025年第三季度分板块情况"], ["交易类别", "宗数", "交易额（万元）", "节约资金（万元）"],
                 ["房建市政", 20, 1800, 60], ["土地使用权", 10, 1200, 0]]


def test_months_with_totals_only_beside_a_quarter_split_by_sector(center, tmp_path):
    data = two_sheets({"月度合计": MONTHS_TOTAL, "三季度分板块": QUARTER_SPLIT})
    code, out = load(center, tmp_path, "三季度.xlsx", data, "--dry-run")
    assert code == 0 and "不分板块的合计数据（2025年7月、2025年8月、2025年9月" in out, out
    assert "全部板块（不分板块）" in out  # the preview names what will be stored
    split_off = two_sheets({"月度合计": MONTHS_TOTAL, "三季度分板块": [*QUARTER_SPLIT[:-1], ["土地使用权", 10, 1300, 0]]})
    code, out = load(center, tmp_path, "三季度.xlsx", split_off, "--dry-run")  # the split against the months' totals
    assert "宜昌市2025年三季度：文件为 30宗、3100.00万元，各月之和为 30宗、3000.00万元" in out, out
    code, out = load(center, tmp_path, "三季度.xlsx", data)
    assert code == 0, out
    month = summary(center, 2025, 8, "month")  # the month's total is known; its split is not
    assert figures(month, "projects", "amount_wan", "savings_wan", "basis") == (12, 1100.0, 30.0, "months")
    assert month["savings_rate_pct"] is None  # no sector, no base: never the rate of a part
    assert month["premium_wan"] is None  # the file has no 增收资金 column: unknown, not 0
    assert month["sectors"] == [] and "分板块" in month["split_note"]
    quarter = summary(center, 2025, 9, "quarter")  # 7-9月: the months' totals, 30宗 3000万元; by sector the quarter's
    assert figures(quarter, "projects", "amount_wan", "savings_wan", "basis") == (30, 3000.0, 60.0, "months")
    assert [(x["code"], x["projects"], x["amount_wan"]) for x in quarter["sectors"]] == [
        ("engineering", 20, 1800.0), ("natural_resources", 10, 1200.0)]
    assert quarter["split_note"] == "2025年三季度的各月只有全部板块的合计数据，各板块的数字来自该期的分板块报表数据。"
    # a month's split imported later replaces its total, the plan saying so
    code, out = load(center, tmp_path, "8月.csv", csv(["月份,交易类别,宗数,交易额（万元）", "2025-08,房建市政,12,1100"]))
    assert code == 0 and "1 格不分板块的合计数据被文件的分板块数据取代" in out, out
    again = summary(center, 2025, 8, "month")
    assert figures(again, "projects", "amount_wan") == (12, 1100.0) and [x["code"] for x in again["sectors"]] == [
        "engineering"]
    # and a total for a month whose split is stored is not kept; where they differ, the plan says so
    code, out = load(center, tmp_path, "8月合计.csv", csv(["月份,宗数,交易额（万元）", "2025-08,12,1200"]))
    assert "各板块之和为 12宗" in out and "保留分板块数据" in out, out
    assert summary(center, 2025, 8, "month")["amount_wan"] == 1100.0
    refused(center, tmp_path, "三季度错.xlsx", two_sheets({"月度合计": [*MONTHS_TOTAL, ["2025年9月", 1, 1, 0]],
                                                         "三季度分板块": QUARTER_SPLIT}),
            "合计行与各行之和不符：项目数合计 1宗，各行之和 8宗")


# -- a stored 累计 that differs from its months: the months win unless the clerk chooses the report's figure ----

def test_a_span_chosen_over_its_months_is_recorded(center, tmp_path):
    months = [MONTH_HEAD, *(f"2025-{m:02d},市本级,房建市政,1,100" for m in range(1, 10))]  # 9宗 900万元
    assert load(center, tmp_path, "1-9月各月.csv", csv(months))[0] == 0
    ytd = csv(["期间,区域,交易类别,宗数,交易额（万元）", "2025年1-9月,市本级,房建市政,9,950"])
    code, out = load(center, tmp_path, "1-9月累计.csv", ytd, "--dry-run")
    assert code == 0 and "文件为 9宗、950.00万元，各月之和为 9宗、900.00万元" in out and "--prefer-span" in out, out
    assert load(center, tmp_path, "1-9月累计.csv", ytd)[0] == 0
    s = summary(center, 2025, 9)
    assert figures(s, "amount_wan", "basis") == (900.0, "months")  # the months win
    code, out = load(center, tmp_path, "1-9月累计.csv", ytd, "--prefer-span")
    assert code == 0 and "按选择，页面以报表数为准" in out, out
    s = summary(center, 2025, 9)
    assert figures(s, "amount_wan", "basis") == (950.0, "span")
    assert s["note"] == "1-9月为累计报表数据（导入时选定以报表数为准，不用各月之和）。"
    assert "以报表数为准（不用各月之和）：市本级2025年1-9月" in tradestats(center, "history").stdout
    assert load(center, tmp_path, "10月.csv", csv([MONTH_HEAD, "2025-10,市本级,房建市政,1,100"]))[0] == 0
    assert figures(summary(center, 2025, 10), "amount_wan", "basis") == (1050.0, "span_plus_months")
    assert figures(summary(center, 2025, 9, "quarter"), "amount_wan", "basis") == (300.0, "months")


# -- 本年累计 as a row under its month's rows ---------------------------------------------------------------

def test_a_year_to_date_row_under_the_months_rows(center, tmp_path):
    rows = [["月份", "区域", "交易类别", "宗数", "交易额（万元）"],
            ["2025年9月", "市本级", "房建市政", 2, 200], ["2025年9月", "夷陵区", "土地使用权", 1, 500],
            ["本年累计", "市本级", "房建市政", 11, 1100], ["本年累计", "夷陵区", "土地使用权", 4, 2000]]
    code, out = load(center, tmp_path, "9月.xlsx", workbook(rows))
    assert code == 0 and "累计、季度或年度数据（2025年1-9月，" in out, out
    assert figures(summary(center, 2025, 9, "month"), "projects", "amount_wan", "basis") == (3, 700.0, "months")
    assert figures(summary(center, 2025, 9), "projects", "amount_wan", "basis") == (15, 3100.0, "span")
    january = [rows[0], ["2025年1月", "市本级", "房建市政", 2, 200], ["本年累计", "市本级", "房建市政", 2, 200]]
    assert load(center, tmp_path, "1月.xlsx", workbook(january))[0] == 0  # 1月's 累计 is the month itself
    refused(center, tmp_path, "1月错.xlsx", workbook([*january[:2], ["本年累计", "市本级", "房建市政", 3, 200]]),
            "本年累计与")
