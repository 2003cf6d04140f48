"""Read a data file as it came — CSV in UTF-8, UTF-8 with BOM, GBK or GB18030, .xlsx or .xls — into
sheets of rows of cell values, keeping sheet names and row numbers for messages; or, for a large CSV, its
first rows only, the rest read in bulk into a table of text columns."""

from __future__ import annotations

import csv
import functools
import io
import struct
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv

from tradestats.ingest import workbook
from tradestats.ingest.table import Sheet, cell_text  # noqa: F401 (shared by every stage; read here)

MAX_BYTES = 20 * 1024 * 1024  # a workbook (an .xls is read whole into memory by xlrd)
MAX_CSV_BYTES = 256 * 1024 * 1024  # a CSV: a project list of a million trades is about 120 MB
MAX_UPLOAD_MB = MAX_CSV_BYTES >> 20  # what 数据管理 takes (the largest file read); server.maxUploadSize agrees
MAX_ROWS = 100_000  # rows read as Python lists (statistics, regions, indicators; workbooks)
MAX_COLUMNS = 256  # columns with a value (a project list has about 30; an .xls has at most 256)
MAX_CELLS = 5_000_000  # rows × columns of a workbook's values, and cells of its XML (formatting-only ones too)
MAX_BLANK_CELLS = 1_000_000  # cells of an .xlsx's XML without a value (formatting only)
MAX_SHEETS = 255  # a workbook's worksheets (as many as Excel puts in a new workbook at most)
MAX_HEAD_CELLS = 30_000  # cells with a value in a workbook's sheets' first rows, where headers are looked for
MAX_ROW_ELEMENTS = 2 * MAX_ROWS  # rows of an .xlsx's XML, empty and formatting-only ones too
MAX_XML_ELEMENTS = 2 * MAX_CELLS  # elements of an .xlsx's XML: a cell and its value are two
MAX_HELD = 1 << 17  # elements of an .xlsx's XML within one row (a row has at most 16 384 cells) or after the rows
MAX_XML_BYTES = 256 * 1024 * 1024  # an .xlsx's XML once inflated
MAX_STRINGS = 2_000_000  # an .xlsx's shared strings
MAX_TABLE_ROWS = 2_000_000  # rows of a CSV read in bulk (project lists)
HEAD_BYTES = 1 << 20  # of a CSV read in bulk, decoded to find its header and dialect
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class SourceError(Exception):
    """The file cannot be read at all; the message (Chinese) names it and says why."""


@dataclass(frozen=True)
class Body:
    """The whole of a CSV of which a sheet holds only the first rows."""

    data: bytes  # as it came
    text: str | None  # decoded, when the file is not UTF-8
    dialect: type[csv.Dialect] | csv.Dialect

    @functools.cached_property
    def lines(self) -> int:
        """Its line breaks (as many in GB18030 as in UTF-8: neither has the byte 0x0A inside a character)."""
        return self.data.count(b"\n")

    def utf8(self) -> tuple[bytes, int]:
        """The text as UTF-8, and where it starts (after a byte order mark)."""
        if self.text is not None:
            return self.text.encode("utf-8"), 0
        return self.data, 3 if self.data.startswith(b"\xef\xbb\xbf") else 0


def read(name: str, data: bytes, head: int | None = None) -> list[Sheet]:
    """The sheets of a file given by its name (for the format) and bytes. With head, a CSV is read only as
    far as its first head rows, the rest left to table(); workbooks are always read whole, and refused when
    their sheets' first head rows, where a header is looked for, hold more than MAX_HEAD_CELLS values."""
    if not data:
        raise SourceError(f"{name}：文件是空的。")
    suffix = Path(name).suffix.lower()
    limit = MAX_CSV_BYTES if suffix in (".csv", ".txt") else MAX_BYTES
    if len(data) > limit:
        raise SourceError(f"{name}：文件太大（{len(data) / 1e6:.1f} MB，上限 {limit // 1024 // 1024} MB）。"
                          "请按月份拆分后分别导入。")
    if suffix in (".csv", ".txt"):
        sheets = [read_csv(name, data, head)]
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
    if sheets[0].body is None and sum(len(s.rows) for s in sheets) > MAX_ROWS:
        too_many(name, MAX_ROWS)
    if head is not None and sheets[0].body is None:  # each text of a header row is read for its words
        found = sum(c is not None and c != "" for s in sheets for row in s.rows[:head] for c in row)
        if found > MAX_HEAD_CELLS:
            raise SourceError(f"{name}：各工作表前 {head} 行（查找表头的范围）共有 {found} 个非空单元格，超过 {MAX_HEAD_CELLS} 个的"
                              "上限，不像统计文件或项目明细。请只保留要导入的工作表。")
    if sheets[0].body is not None and sheets[0].body.lines > MAX_TABLE_ROWS:
        too_many(name, MAX_TABLE_ROWS)
    return sheets


def too_many(name: str, limit: int):
    raise SourceError(f"{name}：行数超过 {limit} 行，文件太大。请按月份拆分后分别导入。")


def too_wide(name: str, row: int):
    raise SourceError(f"{name}：第{row}行超过 {MAX_COLUMNS} 列的上限，不是统计文件或项目明细。")


def csv_rows(name: str, text: str, dialect, limit: int) -> list[list]:
    """The first limit rows of a CSV text, refused in Chinese when a row is wider than MAX_COLUMNS or a
    field longer than the csv module takes (131,072 characters): neither is a statistics file."""
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    try:
        for row in islice(reader, limit):
            if len(row) > MAX_COLUMNS:
                too_wide(name, reader.line_num)
            rows.append(row)
    except csv.Error as e:
        where = f"第{max(reader.line_num, 1)}行"  # the line being read
        if "field larger than field limit" in str(e):
            raise SourceError(f"{name}：{where}有一格超过 {csv.field_size_limit()} 个字符，不是统计文件或项目明细。") from e
        raise SourceError(f"{name}：{where}无法按 CSV 读取（引号或分隔符不配对）。") from e
    return rows


def decode(data: bytes) -> tuple[str, bool]:
    """The text, and whether it was UTF-8: UTF-8 (with or without BOM) first, then GB18030 (a superset of
    GBK): the other order would read UTF-8 as GB18030 without an error and garble it."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        return data.decode("gb18030"), False


def is_utf8(data: bytes) -> bool:
    """Whether data is valid UTF-8, checked by Arrow without decoding it (a fraction of decode's time)."""
    offsets = pa.py_buffer(pa.array([0, len(data)], pa.int64()).buffers()[1])
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def head_text(data: bytes, size: int = HEAD_BYTES) -> str:
    """The text of the first size bytes or so of valid UTF-8 data (not cut inside a character)."""
    end = min(size, len(data))
    while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
        end -= 1
    return data[:end].decode("utf-8-sig")


def read_csv(name: str, data: bytes, head: int | None = None) -> Sheet:
    if head is not None and b"\x00" not in data and is_utf8(data):
        # A large file's text is needed only as far as its first rows: the rest goes to Arrow as it is.
        text = head_text(data)
        dialect = sniff(text)
        rows = first_rows(name, text, dialect, head, whole=len(data) <= HEAD_BYTES)
        if rows is not None:
            return Sheet(None, rows, Body(data, None, dialect))
    try:
        text, utf8 = decode(data)
    except UnicodeDecodeError as e:
        raise SourceError(f"{name}：无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），第{e.start}字节出错。"
                          "请在 Excel 中另存为“CSV UTF-8”。") from e
    if "\x00" in text:
        raise SourceError(f"{name}：不是文本文件（含二进制内容）。请导入 .xlsx、.xls 或 .csv 文件。")
    dialect = sniff(text)
    if head is None:  # one row more than allowed is enough to refuse the file
        return Sheet(None, csv_rows(name, text, dialect, MAX_ROWS + 1))
    return Sheet(None, first_rows(name, text, dialect, head), Body(data, None if utf8 else text, dialect))


def sniff(text: str):
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:  # e.g. a title line above the table: the most frequent separator wins
        sample = text[:4096]
        return csv.excel_tab if sample.count("\t") > max(sample.count(","), sample.count(";")) else csv.excel


def first_rows(name: str, text: str, dialect, n: int, whole: bool = True) -> list[list] | None:
    """The first n rows, reading no more of the text than they need; None when text is only the start of
    the file (not whole) and too short to be sure they are complete."""
    size = 1 << 16
    while True:
        rows = csv_rows(name, text[:size], dialect, n + 1)
        if len(rows) > n:  # a row after the n-th began: they are whole
            return rows[:n]
        if size >= len(text):
            return rows if whole else None
        size *= 4


def trimmed(rows: list[list]) -> list[list]:
    """Without the empty rows at the end (a formatted but empty cell far down makes a sheet that long)."""
    end = len(rows)
    while end and all(c is None or str(c).strip() == "" for c in rows[end - 1]):
        end -= 1
    return rows[:end]


def read_xlsx(name: str, data: bytes) -> list[Sheet]:
    limits = workbook.Limits(rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS, blank_cells=MAX_BLANK_CELLS, xml_bytes=MAX_XML_BYTES,
                             strings=MAX_STRINGS, sheets=MAX_SHEETS, row_elements=MAX_ROW_ELEMENTS,
                             elements=MAX_XML_ELEMENTS, held=MAX_HELD)
    try:
        sheets = workbook.read(io.BytesIO(data), limits)
    except workbook.Unreadable as e:
        raise SourceError(f"{name}：Excel 文件无法打开（{e}），文件可能已损坏。") from e
    except workbook.TooLarge as e:
        raise SourceError(f"{name}：{e}。请删去表格以外的内容，或按月份拆分后分别导入。") from e
    return [Sheet(s.name, trimmed(s.rows), hidden=s.hidden) for s in sheets]


def read_xls(name: str, data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=without_blank_cells(data), formatting_info=True, ragged_rows=True,
                                  on_demand=True)
    except Exception as e:
        raise SourceError(f"{name}：.xls 文件无法打开（{type(e).__name__}），文件可能已损坏。") from e
    if book.nsheets > MAX_SHEETS:
        raise SourceError(f"{name}：工作簿有 {book.nsheets} 个工作表，超过 {MAX_SHEETS} 个的上限。"
                          "请删去表格以外的内容，或按月份拆分后分别导入。")
    sheets = []
    for index in range(book.nsheets):
        try:
            sh = book.sheet_by_index(index)  # read now (on demand): ragged, a row as long as its last cell
        except Exception as e:
            raise SourceError(f"{name}：.xls 文件的第{index + 1}个工作表无法读取（{type(e).__name__}），文件可能已损坏。") from e
        rows = [[xls_value(sh.cell(r, c), book) for c in range(sh.row_len(r))] for r in range(sh.nrows)]
        for r0, r1, c0, c1 in sh.merged_cells:  # as for .xlsx: a merged value names every cell it covers
            for r in range(r0, r1):
                rows[r] += [None] * (c1 - len(rows[r]))
                for c in range(c0, c1):
                    rows[r][c] = rows[r0][c0] if c0 < len(rows[r0]) else None
        sheets.append(Sheet(sh.name, trimmed(rows)))
    return sheets


BLANK_RECORDS = (0x0201, 0x00BE)  # BLANK and MULBLANK: cells that carry only formatting (BIFF5 and BIFF8)
IGNORED_RECORD = 0x0071  # a record type that xlrd does not know, and so passes over (0x0000 is BIFF2's DIMENSIONS)


def without_blank_cells(data: bytes) -> bytes:
    """An .xls's workbook stream, its formatting-only cells made records that xlrd passes over. Opened with
    formatting_info (for the merged ranges), xlrd keeps each such cell and pads its row up to it: one
    formatted cell at column IV in each of 65 536 rows is 16 million cells (2 MB of file, 20 s, 550 MB).
    Records keep their lengths, so every position the stream holds stays right."""
    from xlrd import compdoc

    doc = compdoc.CompDoc(data, logfile=io.StringIO())
    for stream_name in ("Workbook", "Book"):  # BIFF8, BIFF5
        mem, base, size = doc.locate_named_stream(stream_name)
        if mem:
            break
    else:
        return data  # xlrd says what is wrong
    stream = bytearray(mem[base:base + size])
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind in BLANK_RECORDS:
            struct.pack_into("<H", stream, at, IGNORED_RECORD)
        at += 4 + length
    return bytes(stream)


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


def table(sheet: Sheet, start: int, date_columns: frozenset[int] = frozenset()) -> pa.Table:
    """The rows of a sheet from index start on as text columns c0, c1 … (a workbook's cells written as a
    CSV would hold them) and row_no, the row's number in the file. A CSV read only as far as its head is
    read on in bulk, or row by row when its layout needs that (line breaks inside quotes, blank lines, rows
    of different lengths)."""
    if sheet.body is not None:
        width = len(sheet.rows[start] if start < len(sheet.rows) else sheet.rows[-1])
        bulk = read_bulk(sheet, start, width)
        if bulk is not None:
            return bulk
        text = sheet.body.text if sheet.body.text is not None else decode(sheet.body.data)[0]
        return rows_table(csv_rows("", text, sheet.body.dialect, MAX_TABLE_ROWS + 1), start, date_columns)
    return rows_table(sheet.rows, start, date_columns)


def read_bulk(sheet: Sheet, start: int, width: int) -> pa.Table | None:
    """The CSV from row start on, parsed by Arrow's multi-threaded reader as csv.reader with the sniffed
    dialect reads it; None unless every record is one line of width fields (checked by counting lines)."""
    d = sheet.body.dialect
    data, begin = sheet.body.utf8()
    same_quotes = d.quotechar == '"' and d.doublequote and not d.escapechar  # as Arrow reads quotes
    no_quotes = all(c.encode() not in data for c in {'"', d.quotechar, d.escapechar} if c)
    if not (same_quotes or no_quotes) or d.skipinitialspace or width == 0 \
            or any("\n" in c or "\r" in c for row in sheet.rows[:start] for c in row):
        return None
    for _ in range(start):  # the rows above, read by csv.reader, are one line each
        begin = data.find(b"\n", begin) + 1
        if begin == 0:
            return None
    end = len(data)
    while end > begin and data[end - 1] in b"\r\n":  # blank lines at the end are no rows
        end -= 1
    if end == begin:
        return pa.table({**{f"c{j}": pa.array([], pa.string()) for j in range(width)},
                         "row_no": pa.array([], pa.int32())})
    names = [f"c{j}" for j in range(width)]
    try:
        found = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(data).slice(begin, end - begin)),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(delimiter=d.delimiter, quote_char='"', double_quote=True),
            convert_options=pa_csv.ConvertOptions(column_types={n: pa.string() for n in names}, check_utf8=False))
    except pa.ArrowInvalid:  # a row of another length
        return None
    breaks = sheet.body.lines - data.count(b"\n", 0, begin) - data.count(b"\n", end)  # those between begin and end
    if found.num_rows != breaks + 1:  # blank lines, or line breaks inside quotes
        return None
    return found.append_column("row_no", pa.array(range(start + 1, start + 1 + found.num_rows), pa.int32()))


def rows_table(rows: list[list], start: int, date_columns: frozenset[int]) -> pa.Table:
    width = max((len(r) for r in rows[start:]), default=0)
    columns = {f"c{j}": pa.array([cell_text(r[j], j in date_columns) if j < len(r) else None for r in rows[start:]],
                                 pa.string()) for j in range(width)}
    return pa.table({**columns, "row_no": pa.array(range(start + 1, len(rows) + 1), pa.int32())})
