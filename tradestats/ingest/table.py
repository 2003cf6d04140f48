"""What every kind of file's reading shares, below the readers of headers and of each kind: a problem with the
place it names (file, sheet, row, column), how many rows a header is looked for in, a header's unit, and the
header words of the regions, targets and indicators files (data/import/*_columns.csv, as columns.csv is the
statistics and project files')."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tradestats import config
from tradestats.ingest.rules import norm

HEADER_ROWS_SCANNED = 12
UNIT_SPELLINGS = {"万": "万元", "亿": "亿元", "人民币元": "元", "人民币万元": "万元", "人民币亿元": "亿元"}


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass(frozen=True)
class HeaderWords:
    """A kind of file's header words (import/<kind>_columns.csv of the deployment, else the shipped one): each
    word → its field (words), and each field's name in messages, the first word the file gives it (names)."""
    words: dict[str, str]
    names: dict[str, str]


def header_words(name: str) -> HeaderWords:
    """The header words of a kind of file by its vocabulary file's name (import/region_columns.csv …)."""
    return _header_words(config.find(name))


@functools.cache
def _header_words(path: Path) -> HeaderWords:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names: dict[str, str] = {}
    for r in rows:
        names.setdefault(r["field"], r["alias"])
    return HeaderWords({r["alias"]: r["field"] for r in rows}, names)


def split_unit(header: str) -> tuple[str, str | None]:
    """交易额（亿元） → (交易额, 亿元); 交易额（单位：亿）, 金额/万元, 交易额 单位：万元 → (…, 亿元 / 万元)."""
    text = norm(header)
    m = (re.match(r"^(.*?)[(\[【](.*?)[)\]】]$", text) or re.match(r"^(.*?)/(元|万元|亿元|万|亿|宗|个|项|件|%)$", text)
         or re.match(r"^(.+?)[,/]?单位:?(元|万元|亿元|万|亿|宗|个|项|件)$", text))
    if not m:
        return text, None
    unit = m.group(2).removeprefix("单位:").removeprefix("单位")
    return m.group(1), UNIT_SPELLINGS.get(unit, unit)
