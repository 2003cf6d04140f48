"""What every kind of file's reading shares, below the readers of headers and of each kind: a problem with the
place it names (file, sheet, row, column), how many rows a header is looked for in and a header's unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def split_unit(header: str) -> tuple[str, str | None]:
    """交易额（亿元） → (交易额, 亿元); 交易额（单位：亿）, 金额/万元, 交易额 单位：万元 → (…, 亿元 / 万元)."""
    text = norm(header)
    m = (re.match(r"^(.*?)[(\[【](.*?)[)\]】]$", text) or re.match(r"^(.*?)/(元|万元|亿元|万|亿|宗|个|项|件|%)$", text)
         or re.match(r"^(.+?)[,/]?单位:?(元|万元|亿元|万|亿|宗|个|项|件)$", text))
    if not m:
        return text, None
    unit = m.group(2).removeprefix("单位:").removeprefix("单位")
    return m.group(1), UNIT_SPELLINGS.get(unit, unit)
