"""What every kind of file's reading shares, below the readers of headers and of each kind: a problem with the
place it names (file, sheet, row, column), a sheet as read (sources fills it; every stage reads it) and a cell's
text, how many rows a header is looked for in and a header's unit, what a kind's reader hands on (Parsed) and the
rows under a header."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from tradestats.ingest.rules import norm

HEADER_ROWS_SCANNED = 12
EXCEL_EPOCH = dt.date(1899, 12, 30)
UNIT_SPELLINGS = {"万": "万元", "亿": "亿元", "人民币元": "元", "人民币万元": "万元", "人民币亿元": "亿元"}


@dataclass
class Sheet:
    name: str | None  # None for CSV
    rows: list[list]  # rows[i] is row i + 1 of the file
    body: object | None = None  # a sources.Body: a CSV read only as far as its first rows, the rest read by table()
    hidden: frozenset[int] = frozenset()  # the numbers of the rows hidden in Excel

    def where(self, file: str, row: int, column: str | None = None) -> str:
        sheet = f"工作表“{self.name}”" if self.name else ""
        col = f"“{column}”列" if column else ""
        return f"{file} {sheet}第{row}行{col}"


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


def split_unit(header: str) -> tuple[str, str | None]:
    """交易额（亿元） → (交易额, 亿元); 交易额（单位：亿）, 金额/万元, 交易额 单位：万元 → (…, 亿元 / 万元)."""
    text = norm(header)
    m = (re.match(r"^(.*?)[(\[【](.*?)[)\]】]$", text) or re.match(r"^(.*?)/(元|万元|亿元|万|亿|宗|个|项|件|%)$", text)
         or re.match(r"^(.+?)[,/]?单位:?(元|万元|亿元|万|亿|宗|个|项|件)$", text))
    if not m:
        return text, None
    unit = m.group(2).removeprefix("单位:").removeprefix("单位")
    return m.group(1), UNIT_SPELLINGS.get(unit, unit)


def money_unit_in(text) -> str | None:
    """The money unit a line above a table gives its amounts: 单位：亿元, 单位：宗、亿元, （金额单位：元）, 单位:万 →
    亿元 / 亿元 / 元 / 万元; None without one."""
    after = re.search(r"单位:?([^)\]】]*)", norm(text))
    m = after and re.search(r"(?:人民币)?(亿元|万元|亿|万|元)", after.group(1))
    return UNIT_SPELLINGS.get(m.group(1), m.group(1)) if m else None


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)  # one dict per cell, with its source row under "_where"
    problems: list[Problem] = field(default_factory=list)
    fields: frozenset[str] = frozenset()  # the columns the file has
    periods: dict[str | None, tuple[str, str]] = field(default_factory=dict)  # sheet without a period column →
    # (its period as written, where it was found)
    notes: list[str] = field(default_factory=list)  # what the plan says of how the file was read
    whole: list[dict] = field(default_factory=list)  # figures of all sectors together (no split in the file)
    units: dict[str, str] = field(default_factory=dict)  # money field → the unit its column's header gives

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    def take(self, row: dict, problems: list[Problem], key: tuple, seen: dict[tuple, int], line: int,
             repeated: Problem) -> None:
        """A row of a file keyed by key (a target's, an indicator's): kept unless it has problems or repeats
        an earlier row's key (repeated, said of it); seen maps keys to the lines they came in."""
        if not problems and key in seen:
            problems.append(repeated)
        seen.setdefault(key, line)
        self.problems += problems
        if not problems:
            self.rows.append(row)


def rows_under_header(sheets: list, headers: list):
    """The rows that are not blank under each sheet's header, as (sheet, row index, row, columns), where
    headers gives each sheet's (the header's index, its columns), or None for a sheet without one."""
    for sheet, found in zip(sheets, headers):
        if not found:
            continue
        start, columns = found
        for index in range(start + 1, len(sheet.rows)):
            row = sheet.rows[index]
            if not all(norm(c) == "" for c in row):
                yield sheet, index, row, columns


def cell_text(value, date: bool = False) -> str | None:
    """A workbook's cell as the text a CSV would hold: whole numbers without ".0", dates as 2024-03-05 (an
    Excel date serial number too, in a date column), no exponents."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, (int, float)):
        if date and 20000 < value < 80000:
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
        if isinstance(value, int) or value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)
