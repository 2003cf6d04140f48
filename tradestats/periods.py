"""Periods the dashboard compares: 1–N月累计 (ytd) or a single month, each against the same months a year earlier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["ytd", "month"]
KINDS: dict[str, str] = {"ytd": "累计", "month": "当月"}


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
    def month_from(self) -> int:
        return 1 if self.kind == "ytd" else self.month

    def params(self) -> dict[str, int]:
        return {"year": self.year, "month_from": self.month_from, "month_to": self.month}

    @property
    def months_label(self) -> str:
        """全年, 1-6月 or 6月: the months of the period without the year."""
        if self.kind == "ytd" and self.month == 12:
            return "全年"
        if self.kind == "ytd" and self.month > 1:
            return f"1-{self.month}月"
        return f"{self.month}月"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.months_label}"
