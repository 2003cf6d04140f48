"""Writes the import test corpus: bad files, each with the message it must get (expected.csv), and good
files in every format. Deterministic; run from anywhere: python tests/import_corpus/make_corpus.py

The files speak of the fixture database (tests/fixture_data): counties 一区, 二县, 三县, 市本级 of 甲市,
the other cities 乙市, 丙市."""

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
BAD = HERE / "bad"
GOOD = HERE / "good"
HEAD = "月份,地区,板块,项目数,交易额（万元）"


def credit_code(body: str) -> str:
    """A 统一社会信用代码 with its check character (GB 32100-2015)."""
    from tradestats.ingest.project_fields import check_character

    return body + check_character(body)


CODE_1, CODE_2 = credit_code("91900101MA0000001"), credit_code("91900200MA0000002")


def text(name: str, lines: list[str], encoding: str = "utf-8", folder: Path = BAD) -> None:
    (folder / name).write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def xlsx(name: str, rows: list[list], folder: Path, title: str | None = None, merge_header: bool = False) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "统计"
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        ws.append(row)
    if merge_header:  # 交易额 over two header rows, as bureaus lay them out
        first = 2 if title else 1
        ws.insert_rows(first)
        for col, value in enumerate(rows[0], start=1):
            ws.cell(first, col, value)
            ws.merge_cells(start_row=first, start_column=col, end_row=first + 1, end_column=col)
    save_fixed(wb, folder / name)


def bulletin(name: str, title: str, header: list[list], rows: list[list], merges: list[str], folder: Path) -> None:
    """A monthly bulletin as centers publish it: a title merged over the table, a header over two rows
    (a group name merged over 本月 and 本年累计), Excel date cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "月报"
    for row in [[title], *header, *rows]:
        ws.append(row)
    for ref in [f"A1:{chr(64 + len(header[0]))}1", *merges]:
        ws.merge_cells(ref)
    save_fixed(wb, folder / name)


def save_fixed(wb, path: Path) -> None:
    out = io.BytesIO()
    wb.save(out)
    # A fixed timestamp inside the zip keeps the file the same byte for byte.
    src = zipfile.ZipFile(out)
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            info.date_time = (2024, 1, 1, 0, 0, 0)
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re
                data = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"", data)
            z.writestr(info, data)
    path.write_bytes(fixed.getvalue())


def raw_xlsx(name: str, sheet_data, folder: Path = BAD, dimension: str = "A1", styles: bool = False) -> None:
    """A workbook written by hand, for what openpyxl would not write (or not in reasonable time): sheet_data
    yields the XML of <sheetData>'s rows in pieces."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
        'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
        f'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
        f'<sheet name="统计" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
        f'Target="worksheets/sheet1.xml"/>' + (f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
                                               if styles else "") + "</Relationships>",
    }
    if styles:  # style 1: a fill, as a formatted empty cell has
        parts["xl/styles.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}><fills count="3"><fill/>'
                                  '<fill/><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/>'
                                  '</patternFill></fill></fills><cellXfs count="2"><xf numFmtId="0"/>'
                                  '<xf numFmtId="0" fillId="2" applyFill="1"/></cellXfs></styleSheet>')
    with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, xml in parts.items():
            z.writestr(zipfile.ZipInfo(part, (2024, 1, 1, 0, 0, 0)), xml)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", (2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><dimension ref="{dimension}"/>'
                      '<sheetData>'.encode())
            for piece in sheet_data:
                out.write(piece.encode())
            out.write(b"</sheetData></worksheet>")


def inline(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def stats_rows(rows: list[list]) -> str:
    """Rows 1 … of a statistics sheet, as XML."""
    return "".join(f'<row r="{r}">' + "".join(inline(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, start=1))


def many_rows(n: int):
    """n rows of one value each, the row numbers implied (a zip bomb: 3 M rows inflate from 0.2 MB)."""
    for _ in range(n // 10_000):
        yield "<row><c><v>1</v></c></row>" * 10_000


def formatted(rows: int, cells: int):
    """XML of rows, each of cells formatted empty cells (style 1), the rows and cells numbered by their place."""
    row = "<row>" + '<c s="1"/>' * cells + "</row>"
    for done in range(0, rows, 1000):
        yield row * min(1000, rows - done)


def many_sheets(name: str, sheets: int, columns: int = 16) -> None:
    """A workbook of many sheets, each with ten rows of texts no other sheet has."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for n in range(sheets):
        ws = wb.create_sheet(f"表{n + 1}")
        for r in range(10):
            ws.append([f"第{n + 1}表{r + 1}行{c + 1}列" for c in range(columns)])
    save_fixed(wb, BAD / name)


def formatted_blanks_xls(path: Path, sheets: int) -> None:
    """An .xls of the good statistics in which every other row, on every sheet, has a formatted empty cell at
    column IV, the last (2 MB a sheet)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    fill = xlwt.easyxf("pattern: pattern solid, fore_colour yellow")
    for n in range(sheets):
        ws = wb.add_sheet(f"月报{n + 1}")
        if n == 0:
            for r, row in enumerate([HEAD.split(","), ["2025-01", "一区", "工程建设", 4, 160],
                                     ["2025-01", "二县", "自然资源", 1, 55.5]]):
                for c, value in enumerate(row):
                    ws.write(r, c, value)
        for r in range(3 if n == 0 else 0, 65536):
            ws.write(r, 255, None, fill)
    wb.save(str(path))


def xls(name: str, rows: list[list], folder: Path, far: tuple[int, int] | None = None) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("月报")
    if far:  # a value in the last cell an .xls has
        ws.write(*far, "备注")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    out = io.BytesIO()
    wb.save(out)
    (folder / name).write_bytes(out.getvalue())


BAD_FILES = [
    # name, expected message (a part of it), warning only[, the --map given]
    ("empty.csv", "文件是空的", False),
    ("header_only.csv", "文件中没有数据行", False),
    ("no_header.csv", "找不到表头", False),
    ("project_list.csv", "第2行“成交日期”列：“2024-02-30”不是日期", False),
    ("project_duplicate_id.csv", "第3行：项目编号“HH-1”与第2行重复", False),
    ("unknown_region.csv", "第2行“地区”列：未知的地区“一曲”，是不是“一区”？", False),
    ("unknown_sector.csv", "第2行“板块”列：未知的板块或交易类型“工程建筑”，是不是“工程建设”？", False),
    ("not_a_number.csv", "第2行“交易额”列：“十万”不是数字", False),
    ("negative.csv", "第2行“项目数”列：项目数不能为负数", False),
    ("future_month.csv", "第2行“月份”列：2031年1月还没有到", False),
    ("bad_month.csv", "第2行“月份”列：“2024-13”不是有效的月份", False),
    ("month_words.csv", "第2行“月份”列：“三月”不是月份", False),
    ("duplicate_rows.csv", "第3行：与第2行重复", False),
    ("total_mismatch.csv", "第4行：合计行与各行之和不符：交易额合计 300.00万元，各行之和 250.00万元", False),
    ("formula_text.csv", "第2行“交易额”列：“=1+1”不是数字（像是公式，请填写数值）", False),
    ("html_in_name.csv", "未知的地区“<script>alert(1)</script>”", False),
    ("huge_value.csv", "第2行“交易额”列：数值太大", False),
    ("fractional_count.csv", "第2行“项目数”列：“2.5”不是整数", False),
    ("key_over_projects.csv", "第2行“涉重点产业项目数”列：涉重点产业项目数大于项目数", False),
    ("missing_amount.csv", "第2行“交易额”列：交易额为空", False),
    ("province_row.csv", "第2行“地区”列：“测试省”不是按月上报数据的地区", False),
    ("csv_named.xlsx", "不是有效的 .xlsx 文件", False),
    ("broken.xlsx", "Excel 文件无法打开", False),
    ("broken.xls", ".xls 文件无法打开", False),
    ("binary.csv", "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）", False),
    ("report.pdf", "不支持“.pdf”格式", False),
    ("title_unknown_region.xlsx", "工作表“统计”第4行“地区”列：未知的地区“四县”", False),
    ("negative.xls", "工作表“月报”第2行“交易额”列：交易额不能为负数", False),
    ("gbk_unknown_sector.csv", "未知的板块或交易类型“排污”，是不是“排污权”？", False),
    ("many_errors.csv", "第3行“月份”列", False),
    ("bom_negative_amount.csv", "第2行“交易额”列：交易额不能为负数", False),
    ("gb18030_unknown_region.csv", "未知的地区“䶮县”", False),
    ("per_project_huge.csv", "平均每宗成交金额超过50亿元", True),
    ("far_from_history.csv", "与该地区该板块近12个月的月均", True),
    # Files that took the server down (issue 20): each is answered within seconds, in bounded memory.
    ("dimension_bomb.xlsx", "工作表“统计”第1048576行（XFD1048576）有内容，超过 100000 行的上限", False),
    ("zip_bomb_1m.xlsx", "工作表“统计”第100001行（A100001）有内容，超过 100000 行的上限", False),
    ("zip_bomb_3m.xlsx", "工作表“统计”第100001行（A100001）有内容，超过 100000 行的上限", False),
    ("wide_row.xlsx", "工作表“统计”第2行IW列有内容，超过 256 列的上限", False),
    ("wide.csv", "第2行超过 256 列的上限", False),
    ("long_field.csv", "第2行有一格超过 131072 个字符", False),
    ("far_cell.xls", "工作表“月报”第65536行“地区”列：地区为空", False),
    # Files that still took the server down (issue 26): empty rows and formatting-only cells count too.
    ("formatted_cells_bomb.xlsx", "工作表“统计”第15628行：只有格式的空单元格（各工作表合计）超过 1000000 个", False),
    ("formatted_row_bomb.xlsx", "工作表“统计”有一行（或表格以外的一段内容）超过 131072 个元素（含只有格式的空单元格）", False),
    ("empty_rows_bomb.xlsx", "工作表“统计”的行（含空行和只有格式的行，各工作表合计）超过 200000 行", False),
    ("many_sheets.xlsx", "工作簿有 1000 个工作表，超过 255 个的上限", False),
    ("many_header_texts.xlsx", "各工作表前 13 行（查找表头的范围）共有 31200 个非空单元格，超过 30000 个的上限", False),
    # Headers as other centers write them (issue 15): what is missing, what was found, the --map that fits.
    ("missing_columns.csv", "missing_columns.csv：找不到表头：缺少 地区、交易额。文件第3行的列：统计月份、辖区、类别、宗数、"
                            "金额（万元）。可用 --map \"辖区=地区,金额（万元）=交易额\" 指定", False),
    ("two_candidates.csv", "“交易额（万元）”和“成交金额（万元）”都可能是交易额，不能确定用哪一列，都没有采用", False),
    ("two_candidates_optional.xlsx", "工作表“统计”第2行：“增值金额（万元）”和“溢价（万元）”都可能是增收资金，不能确定用哪一列，"
                                     "都没有采用。请用 --map \"增值金额（万元）=增收资金\" 指定其中一列", False),
    ("only_cumulative.csv", "找不到表头：缺少 交易额。“本年累计成交金额（万元）”是累计数，不能当作当月的交易额", False),
    ("only_cumulative_premium.csv", "第1行：增收资金只有累计列“累计增值金额”，累计数不是当月的增收资金，不会导入", True),
    ("map_unknown_field.csv", "--map 中“区域=地址”的“地址”不是字段名，是不是“地区”？可用的字段名：月份、地区、板块", False, "区域=地址"),
    ("map_absent_header.csv", "--map 中的表头“所在县”不在文件的表头中。文件第1行的列：月份、区域、板块、项目数、交易额", False,
     "所在县=地区"),
    ("map_two_headers_one_field.csv", "--map 把“区域”和“辖区”都指定为地区，一个字段只能对应一列", False, "区域=地区,辖区=地区"),
    ("map_no_equals.csv", "--map 中的“区域地区”应写作 表头=字段名", False, "区域地区"),
    # The project list's optional fields (issue 17).
    ("project_credit_code.csv", "第2行“统一社会信用代码”列：统一社会信用代码“91900101MA00000010”的校验位不对（按前17位应为“", False),
    ("project_negative_bidders.csv", "第2行“投标人数”列：投标人数“-3”不能为负数。", False),
    ("project_announced_after_deal.xlsx", "工作表“统计”第2行“公告发布日期”列：公告发布日期“2024年03月09日”晚于成交日期“2024年03月05日”。",
     False),
    ("project_failed_without_date.csv", "第2行“是否流标/终止”列：流标或终止的项目要有开标日期或终止日期。", False),
]

BOMBS = ["dimension_bomb.xlsx", "zip_bomb_1m.xlsx", "zip_bomb_3m.xlsx", "wide_row.xlsx", "wide.csv", "long_field.csv",
         "far_cell.xls", "far_formatted_cell.xlsx", "formatted_cells_bomb.xlsx", "formatted_row_bomb.xlsx",
         "empty_rows_bomb.xlsx", "many_sheets.xlsx", "many_header_texts.xlsx"]  # the files the time and memory test reads
# Too large to keep (2 and 6 MB): written by the test with formatted_blanks_xls, and read as good files.
LARGE_GOOD = {"formatted_blanks.xls": 1, "formatted_blanks_3_sheets.xls": 3}


def bad() -> None:
    BAD.mkdir(exist_ok=True)
    (BAD / "empty.csv").write_bytes(b"")
    text("header_only.csv", [HEAD])
    text("no_header.csv", ["名称,数量,备注", "甲,1,无"])
    text("project_list.csv", ["项目编号,项目名称,交易类型,地区,成交日期,成交金额",
                              "HH2024-001,某某道路工程,工程建设,一区,2024-02-30,1200"])
    text("project_duplicate_id.csv", ["项目编号,项目名称,交易类型,地区,成交日期,成交金额",
                                      "HH-1,道路工程,工程建设,一区,2024-03-05,100", "HH-1,桥梁工程,工程建设,二县,2024-03-06,50"])
    text("unknown_region.csv", [HEAD, "2024-03,一曲,工程建设,3,120"])
    text("unknown_sector.csv", [HEAD, "2024-03,一区,工程建筑,3,120"])
    text("not_a_number.csv", [HEAD, "2024-03,一区,工程建设,3,十万"])
    text("negative.csv", [HEAD, "2024-03,一区,工程建设,-1,120"])
    text("future_month.csv", [HEAD, "2031-01,一区,工程建设,3,120"])
    text("bad_month.csv", [HEAD, "2024-13,一区,工程建设,3,120"])
    text("month_words.csv", [HEAD, "三月,一区,工程建设,3,120"])
    text("duplicate_rows.csv", [HEAD, "2024-03,一区,工程建设,3,120", "2024年3月,一区,工程建设,3,120"])
    text("total_mismatch.csv", [HEAD, "2024-03,一区,工程建设,3,120", "2024-03,二县,工程建设,2,130",
                                "2024-03,合计,,5,300"])
    text("formula_text.csv", [HEAD, "2024-03,一区,工程建设,3,=1+1"])
    text("html_in_name.csv", [HEAD, "2024-03,<script>alert(1)</script>,工程建设,3,120"])
    text("huge_value.csv", [HEAD, "2024-03,一区,工程建设,3,99999999999999999"])
    text("fractional_count.csv", [HEAD, "2024-03,一区,工程建设,2.5,120"])
    text("key_over_projects.csv", [HEAD + ",涉重点产业项目数", "2024-03,一区,工程建设,2,120,3"])
    text("missing_amount.csv", [HEAD, "2024-03,一区,工程建设,3,"])
    text("province_row.csv", [HEAD, "2024-03,测试省,工程建设,3,120"])
    text("csv_named.xlsx", [HEAD, "2024-03,一区,工程建设,3,120"])
    (BAD / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (BAD / "broken.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x01" * 300)
    (BAD / "binary.csv").write_bytes(bytes(range(256)) * 4)
    (BAD / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    xlsx("title_unknown_region.xlsx", [["月份", "地区", "板块", "宗数", "交易额（亿元）"],
                                       ["2024-03", "一区", "工程建设", 3, 0.012],
                                       ["2024-03", "四县", "工程建设", 1, 0.001]], BAD, title="2024年3月交易统计")
    xls("negative.xls", [["月份", "地区", "板块", "项目数", "交易额"], [dt.date(2024, 3, 1), "一区", "工程建设", 3, -5]],
        BAD)
    text("gbk_unknown_sector.csv", [HEAD, "2024-03,一区,排污,1,12"], encoding="gbk")
    text("many_errors.csv", [HEAD, "2024-03,一区,工程建设,3,120", "2024-99,二县,工程建设,x,-1",
                             "2024-03,五县,采购,1,1"])
    (BAD / "bom_negative_amount.csv").write_bytes("\ufeff".encode() + f"{HEAD}\r\n2024-03,一区,工程建设,3,-120\r\n".encode())
    text("gb18030_unknown_region.csv", [HEAD, "2024-03,䶮县,工程建设,1,12"], encoding="gb18030")
    text("per_project_huge.csv", [HEAD, "2024-03,二县,政府采购,1,900000"])
    text("far_from_history.csv", [HEAD, "2024-03,一区,工程建设,3,15000"])
    raw_xlsx("dimension_bomb.xlsx", [inline("A1", "月份"), '<row r="1048576">' + inline("XFD1048576", 1) + "</row>"],
             dimension="A1:XFD1048576")
    raw_xlsx("zip_bomb_1m.xlsx", many_rows(1_000_000), dimension="A1:A1000000")
    raw_xlsx("zip_bomb_3m.xlsx", many_rows(3_000_000), dimension="A1:A3000000")
    raw_xlsx("wide_row.xlsx", [stats_rows([HEAD.split(","), ["2024-03", "一区", "工程建设", 3, 120]])[:-6]
                               + inline("IW2", 1) + "</row>"], dimension="A1:IW2")
    text("wide.csv", [HEAD, "2024-03,一区,工程建设,3,120" + ",9" * 100_000])
    text("long_field.csv", [HEAD, "2024-03,一区,工程建设,3,\"" + "1" * 140_000 + "\""])
    xls("far_cell.xls", [["月份", "地区", "板块", "项目数", "交易额"], ["2024-03", "一区", "工程建设", 3, 120]], BAD,
        far=(65535, 255))
    top = stats_rows([HEAD.split(","), ["2025-01", "一区", "工程建设", 4, 160]])
    raw_xlsx("formatted_cells_bomb.xlsx", [top, *formatted(300_000, 64)], styles=True)
    raw_xlsx("formatted_row_bomb.xlsx", [top, *formatted(1, 3_000_000)], styles=True)
    raw_xlsx("empty_rows_bomb.xlsx", [top, *formatted(10_000_000, 0)], styles=True)
    many_sheets("many_sheets.xlsx", 1000)
    many_sheets("many_header_texts.xlsx", 120, columns=26)
    text("missing_columns.csv", ["2024年3月公共资源交易统计表", "单位：宗、万元", "统计月份,辖区,类别,宗数,金额（万元）",
                                 "2024-03,一区,工程建设,3,120"])
    text("two_candidates.csv", ["月份,地区,板块,项目数,交易额（万元）,成交金额（万元）", "2024-03,一区,工程建设,3,120,120"])
    xlsx("two_candidates_optional.xlsx", [["统计月份", "区域", "交易类别", "交易宗数（宗）", "成交金额（万元）",
                                           "增值金额（万元）", "溢价（万元）"],
                                          ["2024-03", "一区", "土地使用权", 1, 50, 5, 5]], BAD, title="2024年3月交易统计")
    text("only_cumulative.csv", ["月份,地区,板块,项目数,本年累计成交金额（万元）", "2024-03,一区,工程建设,3,360"])
    text("only_cumulative_premium.csv", ["月份,地区,板块,项目数,交易额,累计增值金额", "2024-03,二县,土地使用权,1,50,12"])
    for name in ("map_unknown_field.csv", "map_absent_header.csv", "map_two_headers_one_field.csv", "map_no_equals.csv"):
        text(name, ["月份,区域,板块,项目数,交易额", "2024-03,一区,工程建设,3,120"])
    head = "项目编号,项目名称,板块,地区,成交日期,成交金额,投标人数,公告发布日期,是否流标,开标日期,中标人,统一社会信用代码"
    text("project_credit_code.csv", [head, "P-1,道路,工程建设,一区,2024-03-05,120,5,2024-02-01,否,2024-03-01,甲公司,91900101MA00000010"])
    text("project_negative_bidders.csv", [head, f"P-1,道路,工程建设,一区,2024-03-05,120,-3,2024-02-01,否,2024-03-01,甲公司,{CODE_1}"],
         encoding="gbk")
    xlsx("project_announced_after_deal.xlsx", [head.split(","), ["P-1", "道路", "工程建设", "一区", dt.date(2024, 3, 5), 120, 5,
                                                                 dt.date(2024, 3, 9), "否", dt.date(2024, 3, 1), "甲公司", CODE_1]],
         BAD)
    text("project_failed_without_date.csv", [head, "P-1,道路,工程建设,一区,,,1,2024-02-01,流标,,,"])
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["file", "message", "warning", "map"])
        for name, message, warning, *given in BAD_FILES:
            out.writerow([name, message, int(warning), *(given or [""])])


def good() -> None:
    GOOD.mkdir(exist_ok=True)
    # Project lists with the optional fields (issue 17): the same cells, and a failed trade that adds nothing.
    text("project_list_market_gbk.csv", [
        "项目编号,项目名称,交易类型,地区,成交日期,成交金额（万元）,招标方式,评标办法,投标人数,公告发布日期,开标日期,是否流标,中标人,"
        "中标人统一社会信用代码,中标人所在地区,招标代理机构,资金来源,项目类型",
        *(f"E-{i},道路{i},房建市政,一区,2025-01-{10 + i},40,公开招标,综合评估法,{3 + i},2024-12-{10 + i},2025-01-0{i},否,"
          f"甲建设公司,{CODE_1},一区,甲代理,财政资金,市政" for i in range(1, 5)),
        f"N-1,地块,国有建设用地使用权,二县,2025-01-20,55.5,挂牌,,2,2024-12-20,2025-01-20,否,乙置业公司,{CODE_2},乙市,,,建设用地使用权",
        "E-9,河道,房建市政,一区,,,公开招标,综合评估法,1,2024-12-01,2025-01-05,流标,,,,甲代理,财政资金,水利"],
        encoding="gbk", folder=GOOD)
    january = dt.date(2025, 1, 1)
    xlsx("project_list_market_english.xlsx", [
        ["project_id", "project_name", "sector", "region", "deal_date", "amount", "method", "bidders", "announce_date",
         "open_date", "status", "winner", "winner_credit_code", "winner_region", "agency", "funding", "industry"],
        *([f"E-{i}", f"道路{i}", "工程建设", "一区", dt.date(2025, 1, 10 + i), 40, "公开招标", 3 + i, dt.date(2024, 12, 10 + i),
           dt.date(2025, 1, i), "否", "甲建设公司", CODE_1, "900101", "甲代理", "财政资金", "市政"] for i in range(1, 5)),
        ["N-1", "地块", "自然资源", "二县", dt.date(2025, 1, 20), 55.5, "挂牌", 2, dt.date(2024, 12, 20), january.replace(day=20),
         "否", "乙置业公司", CODE_2, "乙市", None, None, "建设用地使用权"],
        ["E-9", "河道", "工程建设", "一区", None, None, "公开招标", 1, dt.date(2024, 12, 1), dt.date(2025, 1, 5), "流标", None,
         None, None, "甲代理", "财政资金", "水利"]], GOOD)
    rows = ["2025-01,一区,工程建设,4,160", "2025-01,二县,土地使用权,1,55.5"]
    text("utf8.csv", [HEAD, *rows], folder=GOOD)
    (GOOD / "utf8_bom.csv").write_bytes("\ufeff".encode() + (GOOD / "utf8.csv").read_bytes())
    text("gbk.csv", ["月份,地区,交易类型,宗数,成交金额（亿元）,节约资金（万元）",
                     "2025年1月,一区,房建市政,４,\"0.016\",5", "2025年1月,二县,国有建设用地使用权,1,0.00555,"],
         encoding="gbk", folder=GOOD)
    text("gb18030_tab.csv", ["月份\t地区\t板块\t项目数\t交易额", "2025-01\t一区\t工程建设\t4\t1,600,000元",
                             "2025-01\t二县\t自然资源\t1\t55.5万元"], encoding="gb18030", folder=GOOD)
    xlsx("title_merged_total.xlsx", [["月份", "地区", "板块", "项目数", "交易额（万元）"],
                                     ["2025-01", "一区", "工程建设", 4, 160],
                                     ["2025-01", "二县", "自然资源", 1, 55.5],
                                     ["2025-01", "合计", None, 5, 215.5]], GOOD, title="2025年1月公共资源交易统计表",
         merge_header=True)
    raw_xlsx("far_formatted_cell.xlsx", [stats_rows([HEAD.split(","), ["2025-01", "一区", "工程建设", 4, 160],
                                                     ["2025-01", "二县", "自然资源", 1, 55.5]]),
                                          '<row r="1048576"><c r="F1048576" s="1"/></row>'],
             folder=GOOD, dimension="A1:F1048576", styles=True)
    xls("excel_dates.xls", [["月份", "地区", "板块", "项目数", "交易额（万元）"],
                            [dt.date(2025, 1, 1), "一区", "工程建设", 4, 160],
                            [dt.date(2025, 1, 1), "二县", "自然资源", 1, 55.5]], GOOD)
    # Other centers' header words (issue 15), each giving 215.5万元 of which 增收资金 5.5万元 (二县's 土地).
    january = dt.date(2025, 1, 1)
    xlsx("bulletin_title_total.xlsx", [["统计月份", "区域", "交易类别", "交易宗数（宗）", "成交金额（万元）", "增值金额（万元）"],
                                       [january, "一区", "房建市政", 4, 160, None],
                                       [january, "二县", "土地使用权", 1, 55.5, 5.5],
                                       [january, "合计", None, 5, 215.5, 5.5]], GOOD,
         title="2025年1月全市公共资源交易情况统计表")
    bulletin("bulletin_month_and_ytd.xlsx", "2025年1月公共资源交易月报",
             [["交易月份", "所属区域", "类别", "交易宗数（宗）", None, "中标金额（万元）", None, "增价（万元）", None],
              [None, None, None, "本月", "本年累计", "本月", "本年累计", "本月", "本年累计"]],
             [[january, "一区", "工程建设", 4, 9, 160, 400, None, None],
              [january, "二县", "矿业权", 1, 3, 55.5, 120, 5.5, 8],
              [january, "合计", None, 5, 12, 215.5, 520, 5.5, 8]],
             ["A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2", "H2:I2"], GOOD)
    text("gbk_other_words.csv", ["交易月份,县（市、区）,交易类别,成交宗数（宗）,中标金额/万元,上年同期中标金额/万元,同比增长（%）,溢价金额 单位：万元",
                                 "2025年1月,一区,房建市政,4,160,100,60.00,", "2025年1月,二县,国有建设用地使用权,1,55.5,40,38.75,5.5"],
         encoding="gbk", folder=GOOD)


if __name__ == "__main__":
    bad()
    good()
    print(f"wrote {len(list(BAD.iterdir()))} bad and {len(list(GOOD.iterdir()))} good files")
