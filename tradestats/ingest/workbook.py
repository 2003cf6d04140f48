"""An .xlsx workbook's cells, read by streaming each sheet's XML with bounded memory and time.

A workbook's declared dimension, the rows and cells that carry only formatting, and a zip that inflates to
gigabytes say nothing about its content: only cells with a value are kept, rows are numbered by their own
`r`, and reading stops with a Chinese message at the first value past the row or column limit, or when
the XML holds more than any real statistics file does: more bytes, elements (counted as the bytes come, before
the parser builds them), rows or cells — empty rows and formatting-only cells count too — or more of them
than a row holds between two rows (a row of a million formatted cells). Excel writes a whole formatted column
as one `<col>`, not as a million cells. A 5 KB file with cells at A1 and XFD1048576 is refused in
milliseconds; a formatted empty cell at F1048576 is passed over."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Unreadable(Exception):
    """The workbook is broken (not a workbook, or its XML does not parse); the message says where."""


class TooLarge(Exception):
    """The workbook holds more than the limits allow; the message (Chinese) says where and which limit."""


@dataclass(frozen=True)
class Limits:
    rows: int  # the last row with a value, summed over the sheets
    columns: int  # the last column with a value
    cells: int  # rows × columns of the rectangle the values span, and cell elements (formatted or not) scanned
    blank_cells: int  # cell elements without a value (formatting only), summed over the sheets
    xml_bytes: int  # the workbook's XML, inflated
    strings: int  # shared strings, and their characters × 20
    sheets: int  # worksheets
    row_elements: int  # rows of the XML, empty ones too, summed over the sheets
    elements: int  # elements of the sheets' and strings' XML (rows, cells, values, text runs …)
    held: int  # elements between two that are handled (rows, strings): what the parser holds at once


class Budget:
    """What is left of the limits while a workbook is read."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.rows = limits.rows
        self.row_elements = limits.row_elements
        self.cells = limits.cells
        self.blank_cells = limits.blank_cells
        self.elements = limits.elements
        self.bytes = limits.xml_bytes


class Capped:
    """A zip member's stream that stops at the workbook's budget of bytes (a zip bomb inflates without end) and
    of elements, counted in the bytes as they come (a start tag is a "<" that no "/" follows), before the
    parser spends time and memory on them; held counts those since the reader last took an element."""

    def __init__(self, raw, budget: Budget, where: str):
        self.raw, self.budget, self.where = raw, budget, where
        self.held = 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.raw.read(n if n and n > 0 else 1 << 16)
        budget, limits = self.budget, self.budget.limits
        budget.bytes -= len(chunk)
        if budget.bytes < 0:
            raise TooLarge(f"解压后超过 {limits.xml_bytes // (1 << 20)} MB，不是一个月的统计文件")
        elements = chunk.count(b"<") - chunk.count(b"</")
        budget.elements -= elements
        self.held += elements
        if budget.elements < 0:
            raise TooLarge(f"{self.where}的 XML 元素（行、单元格等，含空行和只有格式的空单元格）超过 {limits.elements} 个")
        if self.held > limits.held:
            raise TooLarge(f"{self.where}有一行（或表格以外的一段内容）超过 {limits.held} 个元素（含只有格式的空单元格）")
        return chunk


@dataclass
class Sheet:
    name: str
    rows: list[list]  # rows[i] is row i + 1; each as long as the widest row (the rectangle the values span)
    hidden: frozenset[int] = frozenset()  # the numbers of the rows hidden in Excel


def read(data, limits: Limits) -> list[Sheet]:
    """Every worksheet of the workbook (a file-like object), in the workbook's order."""
    try:
        book = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise Unreadable(f"不是有效的 .xlsx 文件（{e}）") from e
    budget = Budget(limits)
    try:
        root = part_path(book, "", "_rels/.rels", "officeDocument") or "xl/workbook.xml"
        workbook = parse_whole(book, root, budget)
        targets = relationships(book, root)
        worksheets = [(sheet.get("name") or "", targets[sheet.get(REL)][0]) for sheet in workbook.iter("{*}sheet")
                      if sheet.get(REL) in targets and targets[sheet.get(REL)][1].endswith("/worksheet")]
        if len(worksheets) > limits.sheets:  # a chart sheet or a dialog sheet holds no cells, and is not counted
            raise TooLarge(f"工作簿有 {len(worksheets)} 个工作表，超过 {limits.sheets} 个的上限")
        epoch = CALENDAR_MAC_1904 if any(p.get("date1904") in ("1", "true") for p in workbook.iter("{*}workbookPr")) \
            else CALENDAR_WINDOWS_1900
        folder = posixpath.dirname(root)
        strings = shared_strings(book, targets, folder, budget)
        dates = date_styles(book, targets, folder, budget)
        return [Sheet(name, *sheet_rows(book, resolve(folder, target), name, strings, dates, epoch, budget))
                for name, target in worksheets]
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, ValueError, IndexError) as e:
        raise Unreadable(f"{type(e).__name__}") from e


def resolve(folder: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def part_path(book: zipfile.ZipFile, folder: str, rels: str, kind: str) -> str | None:
    try:
        found = parse_whole(book, rels, None)
    except KeyError:
        return None
    for rel in found.iter("{*}Relationship"):
        if rel.get("Type", "").endswith("/" + kind):
            return resolve(folder, rel.get("Target", ""))
    return None


def relationships(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The part's relationships: id → (target, type)."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    return {r.get("Id"): (r.get("Target", ""), r.get("Type", "")) for r in parse_whole(book, rels, None).iter("{*}Relationship")}


def parse_whole(book: zipfile.ZipFile, name: str, budget: Budget | None):
    """A small part (workbook, relationships) as a tree; its size is bounded like any other."""
    with book.open(name) as raw:
        data = raw.read(1 << 22)
        if raw.read(1):
            raise TooLarge(f"“{name}”超过 4 MB")
    if budget is not None:
        budget.bytes -= len(data)
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def stream(book: zipfile.ZipFile, name: str, budget: Budget, tags, where: str) -> Iterator:
    """The elements of a part as they end, each dropped once handled (so memory stays flat); where names the
    part in messages."""
    with book.open(name) as raw:
        capped = Capped(raw, budget, where)
        for _, element in etree.iterparse(capped, events=("end",), tag=tags, resolve_entities=False,
                                          no_network=True):
            capped.held = 0
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


def shared_strings(book: zipfile.ZipFile, targets: dict, folder: str, budget: Budget) -> list[str]:
    target = next((t for t, kind in targets.values() if kind.endswith("/sharedStrings")), None)
    if target is None:
        return []
    strings, chars = [], 0
    for si in stream(book, resolve(folder, target), budget, "{*}si", "共享字符串"):
        text = si_text(si)
        strings.append(text)
        chars += len(text)
        if len(strings) > budget.limits.strings or chars > budget.limits.strings * 20:
            raise TooLarge(f"文字单元格超过 {budget.limits.strings} 个")
    return strings


def si_text(si) -> str:
    """A string item's text: its own <t>, or its runs' (not the phonetic guides under <rPh>)."""
    for child in si:
        if child.tag.endswith("}t"):
            return child.text or ""
    return "".join(t.text or "" for r in si if r.tag.endswith("}r") for t in r if t.tag.endswith("}t"))


def date_styles(book: zipfile.ZipFile, targets: dict, folder: str, budget: Budget) -> frozenset[int]:
    """The style indexes whose number format shows a date."""
    target = next((t for t, kind in targets.values() if kind.endswith("/styles")), None)
    if target is None:
        return frozenset()
    styles = parse_whole(book, resolve(folder, target), budget)
    formats = dict(BUILTIN_FORMATS)
    for f in styles.iter("{*}numFmt"):
        formats[int(f.get("numFmtId", -1))] = f.get("formatCode", "")
    found = set()
    for xfs in styles.iter("{*}cellXfs"):
        for i, xf in enumerate(x for x in xfs if x.tag.endswith("}xf")):
            if is_date_format(formats.get(int(xf.get("numFmtId", 0)), "")):
                found.add(i)
    return frozenset(found)


def sheet_rows(book: zipfile.ZipFile, part: str, sheet: str, strings: list[str], dates: frozenset[int], epoch,
               budget: Budget) -> tuple[list[list], frozenset[int]]:
    """A sheet's values by row number, merged ranges giving their value to every cell they cover; and the numbers
    of its hidden rows."""
    limits = budget.limits
    cells: dict[int, dict[int, object]] = {}
    hidden: set[int] = set()
    merges: list[str] = []
    width = 0
    row_no = 0
    for element in stream(book, part, budget, ("{*}row", "{*}mergeCell"), f"工作表“{sheet}”"):
        if element.tag.endswith("}mergeCell"):
            merges.append(element.get("ref", ""))
            continue
        row_no = int(element.get("r") or row_no + 1)
        if element.get("hidden") in ("1", "true"):
            hidden.add(row_no)
        budget.row_elements -= 1
        if budget.row_elements < 0:
            raise TooLarge(f"工作表“{sheet}”的行（含空行和只有格式的行，各工作表合计）超过 {limits.row_elements} 行")
        budget.cells -= len(element)
        if budget.cells < 0:
            raise TooLarge(f"工作表“{sheet}”的单元格（含只有格式的空单元格）超过 {limits.cells} 个")
        blank = len(element)
        for column, value in row_values(element, strings, dates, epoch):
            blank -= 1
            if row_no > budget.rows:
                raise TooLarge(f"工作表“{sheet}”第{row_no}行（{get_column_letter(column)}{row_no}）有内容，"
                               f"超过 {limits.rows} 行的上限")
            if column > limits.columns:
                raise TooLarge(f"工作表“{sheet}”第{row_no}行{get_column_letter(column)}列有内容，"
                               f"超过 {limits.columns} 列的上限")
            cells.setdefault(row_no, {})[column] = value
            width = max(width, column)
        budget.blank_cells -= blank
        if budget.blank_cells < 0:
            raise TooLarge(f"工作表“{sheet}”第{row_no}行：只有格式的空单元格（各工作表合计）超过 {limits.blank_cells} 个")
    if not cells:
        return [], frozenset()
    height = max(cells)
    if height * width > limits.cells:
        raise TooLarge(f"工作表“{sheet}”的内容占 {height} 行 × {width} 列，超过 {limits.cells} 个单元格")
    budget.rows -= height
    rows = [[None] * width for _ in range(height)]
    for r, values in cells.items():
        for c, value in values.items():
            rows[r - 1][c - 1] = value
    for ref in merges:  # within the values' rectangle only: a merge may span the whole sheet
        first, _, last = ref.partition(":")
        (r0, c0), (r1, c1) = cell_index(first), cell_index(last or first)
        value = rows[r0 - 1][c0 - 1] if r0 <= height and c0 <= width else None
        for r in range(r0, min(r1, height) + 1):
            for c in range(c0, min(c1, width) + 1):
                rows[r - 1][c - 1] = value
    return rows, frozenset(hidden)


def row_values(row, strings: list[str], dates: frozenset[int], epoch) -> list[tuple[int, object]]:
    """The row's values with their columns (a cell without its r is the one after the cell before it), as a
    list: no element of the row outlives this call, so that the row is freed whole, not moved aside for an
    element still referred to (which takes seconds for a cell of a hundred thousand runs)."""
    found, column = [], 0
    for c in row:
        ref = c.get("r")
        column = column_index_from_string(ref.rstrip("0123456789")) if ref else column + 1
        if len(c) and (value := cell_value(c, strings, dates, epoch)) is not None:  # else formatting only
            found.append((column, value))
    return found


def cell_index(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters):]), column_index_from_string(letters)


def cell_value(c, strings: list[str], dates: frozenset[int], epoch):
    """A cell's value as openpyxl gives it with data_only: the cached result of a formula, numbers as int or
    float, dates as datetime, errors as their text; None for a cell that holds only formatting."""
    kind = c.get("t", "n")
    if kind == "inlineStr":
        inline = next((x for x in c if x.tag.endswith("}is")), None)
        return None if inline is None else si_text(inline)
    v = next((x.text for x in c if x.tag.endswith("}v")), None)
    if v is None:
        return None
    if kind == "s":
        return strings[int(v)]
    if kind in ("str", "e"):
        return v
    if kind == "b":
        return v.strip() in ("1", "true")
    if kind == "d":
        return datetime.fromisoformat(v.strip())
    number = float(v) if any(x in v for x in ".eE") else int(v)
    if int(c.get("s", 0)) in dates:
        try:
            return from_excel(number, epoch)
        except (OverflowError, ValueError):  # no date: the number is refused where a date is wanted
            return number
    return number
