"""The metric catalogue: each measure's label, unit and format, defined once for pages, charts and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

WAN_PER_YI = 10000
NO_VALUE = "—"


@dataclass(frozen=True)
class Metric:
    column: str  # the query column that holds it
    label: str
    unit: str  # 宗 | money | %
    help: str = ""
    direction: str | None = None  # defined only for sectors of this direction (purchase | sale)

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    def format(self, value) -> str:
        if self.unit == "money":
            return money(value)
        if self.is_rate:
            return pct(value)
        return count(value, self.unit)

    def change(self, p) -> str:
        """Its 同比 or 环比: a percent change, or for a rate the change in percentage points."""
        return points(p) if self.is_rate else change(p)

    @property
    def yoy_column(self) -> str:
        """The headline query's column of its 同比: amount_wan → amount_yoy_pct."""
        return self.column.removesuffix("_wan") + "_yoy_pct"

    @property
    def change_label(self) -> str:
        return "（百分点）" if self.is_rate else "（%）"


PROJECTS = Metric("projects", "项目数", "宗", "完成交易的项目宗数")
AMOUNT = Metric("amount_wan", "交易额", "money", "成交金额合计")
SAVINGS = Metric("savings_wan", "节约资金", "money", "采购类板块（公共方购买）：预算或最高限价 − 成交价",
                 "purchase")
PREMIUM = Metric("premium_wan", "增收资金", "money", "出让类板块（公共方出让）：成交价 − 底价或挂牌价", "sale")
KEY_PROJECTS = Metric("key_projects", "涉重点产业项目数", "宗")
KEY_AMOUNT = Metric("key_amount_wan", "涉重点产业成交金额", "money")
SAVINGS_RATE = Metric("savings_rate_pct", "节资率", "%", "节约资金 ÷ 采购类预算（或成交金额，视设置）", "purchase")
PREMIUM_RATE = Metric("premium_rate_pct", "增值率", "%", "增收资金 ÷ 出让类底价（或成交金额，视设置）", "sale")
SHARE = Metric("share_pct", "占比", "%")

HEADLINE = (PROJECTS, AMOUNT, SAVINGS, PREMIUM)
# What a page can chart, rank and trend: the allow-list behind the SQL macro measure_value.
MEASURES = (*HEADLINE, SAVINGS_RATE, PREMIUM_RATE)
CATALOGUE = {m.column: m for m in (*HEADLINE, KEY_PROJECTS, KEY_AMOUNT, SAVINGS_RATE, PREMIUM_RATE, SHARE)}
# The base of 节资率 and 增值率, by the deployment's rate_basis setting; derived.sql's sector_cells_view divides by
# the same (anything but 'amount' is the reference price).
RATE_BASIS = {"reference": "预算/底价", "amount": "成交金额"}
DEFAULT_RATE_BASIS = "reference"
# A sector's direction (sectors.csv): its trades buy (节约资金, 节资率) or sell (增收资金, 增值率) — or, for 其他,
# either: its rows may give both figures as they say, and it has neither rate.
DIRECTIONS = {"purchase": "采购类", "sale": "出让类"}
SECTOR_DIRECTIONS = (*DIRECTIONS, "either")


def rate_basis(settings) -> str:
    """What 节资率 and 增值率 divide by under the deployment's settings (a mapping with rate_basis)."""
    return RATE_BASIS["amount" if settings.get("rate_basis") == "amount" else DEFAULT_RATE_BASIS]


def missing(value) -> bool:
    """None, NaN and pandas' NA: a value the data does not define."""
    return value is None or bool(pd.isna(value))


def rounded(value, places: int = 2) -> Decimal:
    """Half-up rounding of the decimal the value prints as (so 0.125 is 0.13, as an accountant expects)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(wan) -> str:
    """万元 shown in 亿元 from 1亿 up, else in 万元; two decimals."""
    if missing(wan):
        return NO_VALUE
    if abs(wan) >= WAN_PER_YI:
        return f"{rounded(Decimal(str(wan)) / WAN_PER_YI)}亿元"
    return f"{rounded(wan)}万元"


def count(n, unit: str = "宗") -> str:
    return NO_VALUE if missing(n) else f"{int(n)}{unit}"


def pct(p) -> str:
    return NO_VALUE if missing(p) else f"{rounded(p)}%"


def change(p) -> str:
    """A 同比/环比 with its sign: +23.81%, -5.00%, 0.00%, or — without a base."""
    if missing(p):
        return NO_VALUE
    r = rounded(p)
    return f"+{r}%" if r > 0 else f"{r}%"


def points(p) -> str:
    """A change of a rate or share in percentage points: +1.23个百分点."""
    if missing(p):
        return NO_VALUE
    r = rounded(p)
    return f"+{r}个百分点" if r > 0 else f"{r}个百分点"


def rank(r) -> str:
    return NO_VALUE if missing(r) else f"第{int(r)}"


def rank_change(rank, rank_prev) -> str:
    if missing(rank) or missing(rank_prev):
        return "上年无排名"
    step = int(rank_prev) - int(rank)
    if step > 0:
        return f"较上年上升{step}位"
    if step < 0:
        return f"较上年下降{-step}位"
    return "与上年持平"
