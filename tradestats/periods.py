"""Periods the dashboard compares: 1–N月累计 (ytd) or a single month, each against the same months a year earlier."""

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
