"""Read a data file as it came — CSV in UTF-8, UTF-8 with BOM, GBK or GB18030, .xlsx or .xls — into
sheets of rows of cell values, keeping sheet names and row numbers for messages."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class SourceError(Exception):
    """The file cannot be read at all; the message (Chinese) names it and says why."""


@dataclass
class Sheet:
    name: str | None  # None for CSV
    rows: list[list]  # rows[i] is row i + 1 of the file

    def where(self, file: str, row: int, column: str | None = None) -> str:
        sheet = f"工作表“{self.name}”" if self.name else ""
        col = f"“{column}”列" if column else ""
        return f"{file} {sheet}第{row}行{col}"


def read(name: str, data: bytes) -> list[Sheet]:
    """The sheets of a file given by its name (for the format) and bytes."""
    if not data:
        raise SourceError(f"{name}：文件是空的。")
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}：文件太大（{len(data) / 1e6:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）。"
                          "请按月份拆分后分别导入。")
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        sheets = [Sheet(None, read_csv(name, data))]
    elif suffix in (".xlsx", ".xlsm"):
        if not data.startswith(ZIP_MAGIC):
            raise SourceError(f"{name}：不是有效的 .xlsx 文件（文件已损坏，或是改了扩展名的其他文件）。")
        sheets = read_xlsx(name, data)
    elif suffix == ".xls":
        if not data.startswith(OLE_MAGIC):
            raise SourceError(f"{name}：不是有效的 .xls 文件（文件已损坏，或是改了扩展名的其他文件）。")
        sheets = read_xls(name, data)
    else:
        raise SourceError(f"{name}：不支持“{suffix or '无扩展名'}”格式。请导入 .xlsx、.xls 或 .csv 文件。")
    if sum(len(s.rows) for s in sheets) > MAX_ROWS:
        raise SourceError(f"{name}：行数超过 {MAX_ROWS} 行，文件太大。请按月份拆分后分别导入。")
    return sheets


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK): the other order would read
    UTF-8 as GB18030 without an error and garble it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(name: str, data: bytes) -> list[list]:
    try:
        text = decode(data)
    except UnicodeDecodeError as e:
        raise SourceError(f"{name}：无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），第{e.start}字节出错。"
                          "请在 Excel 中另存为“CSV UTF-8”。") from e
    if "\x00" in text:
        raise SourceError(f"{name}：不是文本文件（含二进制内容）。请导入 .xlsx、.xls 或 .csv 文件。")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:  # e.g. a title line above the table: the most frequent separator wins
        sample = text[:4096]
        dialect = csv.excel_tab if sample.count("\t") > max(sample.count(","), sample.count(";")) else csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def trimmed(rows: list[list]) -> list[list]:
    """Without the empty rows at the end (a formatted but empty cell far down makes a sheet that long)."""
    end = len(rows)
    while end and all(c is None or str(c).strip() == "" for c in rows[end - 1]):
        end -= 1
    return rows[:end]


def read_xlsx(name: str, data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise SourceError(f"{name}：Excel 文件无法打开（{type(e).__name__}），文件可能已损坏。") from e
    sheets = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        # A merged cell holds its value in its top-left cell only: give it to the whole range, so that
        # a header merged over two rows or columns names each column it covers.
        for merged in ws.merged_cells.ranges:
            value = ws.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
        sheets.append(Sheet(ws.title, trimmed(rows)))
    return sheets


def read_xls(name: str, data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as e:
        raise SourceError(f"{name}：.xls 文件无法打开（{type(e).__name__}），文件可能已损坏。") from e
    sheets = []
    for sh in book.sheets():
        rows = [[xls_value(sh.cell(r, c), book) for c in range(sh.ncols)] for r in range(sh.nrows)]
        for r0, r1, c0, c1 in sh.merged_cells:  # as for .xlsx: a merged value names every cell it covers
            for r in range(r0, r1):
                for c in range(c0, c1):
                    rows[r][c] = rows[r0][c0]
        sheets.append(Sheet(sh.name, trimmed(rows)))
    return sheets


def xls_value(cell, book):
    """A cell as the other readers give it: dates as datetimes, whole numbers as int (Excel keeps every
    number as a float), errors and booleans as the text Excel shows, so that they are refused as numbers."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#错误")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    return cell.value
