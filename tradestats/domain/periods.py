"""Periods the dashboard compares: 1–N月累计 (ytd), a quarter or a single month, each against the same months a year
earlier; and the words for the spans of months that files give figures for (a quarter, a 1–N月 累计, a year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["ytd", "month", "quarter"]
KINDS: dict[str, str] = {"ytd": "累计", "month": "当月", "quarter": "当季"}
QUARTERS = ("一季度", "二季度", "三季度", "四季度")


@dataclass(frozen=True)
class Period:
    year: int
    month: int = 12
    kind: Kind = "ytd"

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"月份应在1到12之间，而不是 {self.month}")
        if self.kind not in KINDS:
            raise ValueError(f"统计口径应为 {' / '.join(KINDS)} 之一，而不是 {self.kind}")

    @property
    def quarter(self) -> int:
        return (self.month + 2) // 3

    @property
    def month_from(self) -> int:
        return {"ytd": 1, "month": self.month, "quarter": 3 * self.quarter - 2}[self.kind]

    @property
    def month_to(self) -> int:
        """The last month: a quarter runs to its end even when chosen by an earlier month of it."""
        return 3 * self.quarter if self.kind == "quarter" else self.month

    def before(self) -> Period | None:
        """The period before, which 环比 compares with: the month or quarter before (across the year's
        start); None for a 累计, which has no 环比."""
        if self.kind == "ytd":
            return None
        step = 1 if self.kind == "month" else 3
        month = self.month_to - step
        return Period(self.year, month, self.kind) if month >= 1 else Period(self.year - 1, month + 12, self.kind)

    def params(self) -> dict[str, int]:
        return {"year": self.year, "month_from": self.month_from, "month_to": self.month_to}

    @property
    def months_label(self) -> str:
        """全年, 1-6月, 二季度 or 6月: the months of the period without the year."""
        if self.kind == "quarter":
            return QUARTERS[self.quarter - 1]
        if self.kind == "ytd" and self.month == 12:
            return "全年"
        if self.kind == "ytd" and self.month > 1:
            return f"1-{self.month}月"
        return f"{self.month}月"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.months_label}"


BASES = ("months", "span", "span_plus_months", "spans", "difference", "mixed", "unknown")  # how a figure was reached


def span_label(month_from: int, month_to: int) -> str:
    """全年, 三季度, 1-9月, 7-8月 or 3月: a span of months of one year, without the year."""
    if (month_from, month_to) == (1, 12):
        return "全年"
    if month_from == month_to:
        return f"{month_to}月"
    if month_to == month_from + 2 and month_from % 3 == 1:
        return QUARTERS[month_to // 3 - 1]
    return f"{month_from}-{month_to}月"


def span_kind(month_from: int, month_to: int) -> str:
    """The kind of table a span's figures come from: 年度, 累计 (1–N月), 季度 or 期间."""
    if (month_from, month_to) == (1, 12):
        return "年度"
    if month_from == 1:
        return "累计"
    return "季度" if month_to == month_from + 2 and month_from % 3 == 1 else "期间"


def span_note(spans, chosen: bool = False) -> str:
    """The page's note where figures come from spans rather than months: 1-9月为累计报表数据，无分月数据。 — or,
    where a span was chosen at import over its months (chosen), 1-9月为累计报表数据（导入时选定以报表数为准，不用各月之和）。"""
    spans = sorted({(int(a), int(b)) for a, b in spans})
    if not spans:
        return ""
    parts = [f"{'、'.join(span_label(a, b) for a, b in spans if span_kind(a, b) == kind)}为{kind}报表数据"
             for kind in dict.fromkeys(span_kind(a, b) for a, b in spans)]
    return "，".join(parts) + ("（导入时选定以报表数为准，不用各月之和）。" if chosen else "，无分月数据。")
