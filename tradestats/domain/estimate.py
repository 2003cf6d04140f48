"""全年预计: where the year will end, from the months so far and the monthly profile of earlier years.

For each earlier complete year y (all 12 months with data), share_y(N) = 累计(1..N) / 全年. The estimate is
this year's 累计(1..N) ÷ the mean of those shares; the range is the lowest and the highest of the per-year
estimates 累计(1..N) ÷ share_y(N). At least MIN_YEARS such years, the MAX_YEARS most recent; with fewer it
says so instead of estimating. Only for 1–N月累计 before December, and only for measures that add up over
months (a rate does not)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.domain.summary import Query, plain

MIN_YEARS = 2
MAX_YEARS = 5
ADDITIVE = ("projects", "amount_wan", "savings_wan", "premium_wan")


@dataclass(frozen=True)
class Estimate:
    measure: str
    year: int
    month: int
    applies: bool  # a 1–N月累计 before December of a measure that adds up: an estimate or a note is due
    value: float | None = None  # the year's total: 累计 ÷ mean share
    low: float | None = None  # the lowest and highest of the per-year estimates
    high: float | None = None
    actual: float | None = None  # 累计 1..N of this year
    years: tuple[int, ...] = ()  # the earlier years the profile is of
    shares: tuple[float, ...] = ()  # their share of the year done by month N, in the order of years
    profile: tuple[float, ...] = ()  # the mean share done by month 1..12 of those years
    note: str | None = None  # why there is no estimate

    @property
    def metric(self) -> metrics.Metric:
        return metrics.CATALOGUE[self.measure]

    @property
    def ytd_label(self) -> str:
        """1-9月, as the pages' titles write it."""
        return Period(self.year, self.month).months_label


Projection = tuple[float, float, float, tuple[float, ...]]  # estimate, low, high, mean share by month 1..12


def project(actual: float, shares: Mapping[int, Sequence[float]], month: int) -> Projection:
    """The estimate, its low and high, and the mean profile, from 累计 1..month and each year's shares of
    its total done by month 1..12 (a year to a list of 12 fractions)."""
    at = [s[month - 1] for s in shares.values()]
    each = [actual / s for s in at]
    profile = tuple(sum(s[m] for s in shares.values()) / len(shares) for m in range(12))
    return actual / profile[month - 1], min(each), max(each), profile


def _whole(value: float, measure: str) -> float:
    """Counts are estimated in whole projects; money stays as computed and is rounded where shown."""
    return float(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP)) if measure == "projects" else value


def of(q: Query, period: Period, region: str, sector: str | None = None, measure: str = "amount_wan") -> Estimate:
    """The year-end estimate of a measure for the region (and sector) at the period, or the reason for none."""
    applies = period.kind == "ytd" and period.month < 12 and measure in ADDITIVE
    base = Estimate(measure, period.year, period.month, applies)
    if period.kind != "ytd":
        return replace(base, note="全年预计只按1-N月累计给出，当月或当季不做预计。")
    if period.month == 12:
        return replace(base, note="12月的累计即全年实际数，无需预计。")
    if measure not in ADDITIVE:
        return replace(base, note=f"{metrics.CATALOGUE[measure].label}是比率，不能按月份累加推算全年，不做预计。")
    rows = q("share_of_year_by_month", year=period.year, region=region, sector=sector, measure=measure)
    head = summary.headline(q, period, region, sector)
    if head["basis"] == "unknown":
        return replace(base, note=f"{period.year}年{base.ytd_label}累计无法由已有数据得出，不做全年预计。")
    # The 累计 by the one rule where it came (in part) from a stored 累计/季度 rather than the months alone: the
    # months' own profile (rows) then lacks months the figure covers.
    spans = head["basis"] not in ("months",) and not metrics.missing(head[measure])
    return _from_rows(base, rows, float(head[measure]) if spans else None)


def _from_rows(base: Estimate, rows: pd.DataFrame, actual: float | None = None) -> Estimate:
    """The estimate from the months' profile (rows of share_of_year_by_month); actual is this year's 累计 where
    the one rule took it from figures of spans, else it is the months' own."""
    year, month = base.year, base.month
    now = rows[(rows.year == year) & (rows.month <= month)]
    span = base.ytd_label
    if actual is None and len(now) < month:
        gone = "、".join(f"{m}月" for m in sorted(set(range(1, month + 1)) - set(now.month.astype(int))))
        return replace(base, note=f"{year}年{gone}没有分月数据，{span}累计不全，不做全年预计。")
    if actual is None:
        actual = float(now[now.month == month].value_ytd.iloc[0])
    earlier = rows[(rows.year < year) & (rows.months_with_data == 12) & rows.share.notna()]
    complete = sorted({int(y) for y in earlier.year}, reverse=True)
    usable = [y for y in complete if float(earlier[(earlier.year == y) & (earlier.month == month)].share.iloc[0]) > 0]
    years = sorted(usable[:MAX_YEARS])
    if len(years) < MIN_YEARS:
        have = f"只有{len(years)}个（{'、'.join(f'{y}年' for y in years)}）" if years else "没有"
        return replace(base, actual=actual, note=f"往年12个月完整且{span}不为零的年份{have}，少于{MIN_YEARS}个，"
                                                 "得不出各月完成全年的比例，不做全年预计。")
    shares = {y: [float(s) for s in earlier[earlier.year == y].sort_values("month").share] for y in years}
    value, low, high, profile = project(actual, shares, month)
    m = base.measure
    return replace(base, value=_whole(value, m), low=_whole(low, m), high=_whole(high, m), actual=actual,
                   years=tuple(years), shares=tuple(shares[y][month - 1] for y in years), profile=profile)


def path(est: Estimate, column: str, trend: pd.DataFrame | None = None) -> tuple[tuple[int, float], ...] | None:
    """The dashed continuation of the year on a month chart: (month, value) from month N to December, in
    万元 or 宗. Of 累计 (value_ytd): 累计 ÷ mean share × the mean share by each month, from this year's 累计 at
    N to the estimate. Of the months (value): this year's month N, then the estimate × each later month's
    mean share of the year."""
    if est.value is None:
        return None
    total = est.actual / est.profile[est.month - 1]
    if column == "value_ytd":
        points = [(m, total * est.profile[m - 1]) for m in range(est.month, 13)]
        return tuple((m, est.value if m == 12 else v) for m, v in points)
    first = trend[(trend.year == est.year) & (trend.period == est.month)].value.iloc[0]
    return ((est.month, float(first)),
            *((m, total * (est.profile[m - 1] - est.profile[m - 2])) for m in range(est.month + 1, 13)))


def _pct(share: float) -> str:
    return f"{Decimal(str(100 * share)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def method(est: Estimate) -> str:
    """How the estimate is made, with the years and their shares: the caption under it."""
    each = "、".join(f"{y}年{_pct(s)}" for y, s in zip(est.years, est.shares))
    return (f"预计方法：往年{est.ytd_label}完成全年的比例（{each}，平均"
            f"{_pct(est.profile[est.month - 1])}）；全年预计 = {est.year}年{est.ytd_label}累计 ÷ 平均比例，"
            f"区间为按各年比例分别推算的最低值和最高值。")


def figure(est: Estimate) -> str:
    """预计全年交易额321.45亿元（区间307.20亿元—330.65亿元）."""
    m = est.metric
    return f"预计全年{m.label}{m.format(est.value)}（区间{m.format(est.low)}—{m.format(est.high)}）"


def against_target(est: Estimate, goals: pd.DataFrame, sector: str | None = None) -> str | None:
    """预计全年完成目标的104%（区间100%—108%）, where the progress frame (targets.progress) has a target of
    the measure for the sector (None: all sectors); else None."""
    if est.value is None or not len(goals):
        return None
    match = goals[(goals.measure == est.measure) & (goals.sector_code.isna() if sector is None
                                                    else goals.sector_code == sector)]
    if not len(match):
        return None
    target = float(match.target.iloc[0])

    def done(v: float) -> str:
        return f"{Decimal(str(100 * v / target)).quantize(Decimal(1), ROUND_HALF_UP)}%"

    return f"预计全年完成目标的{done(est.value)}（区间{done(est.low)}—{done(est.high)}）"


def as_json(est: Estimate) -> tuple[dict | None, str | None]:
    """summary --json's `estimate` ({measure, value, low, high}; money in 万元) and `estimate_note`."""
    if est.value is None:
        return None, est.note
    whole = est.measure == "projects"
    return {"measure": est.measure, "value": plain(est.value, whole), "low": plain(est.low, whole),
            "high": plain(est.high, whole)}, None


def caption(est: Estimate, goals: pd.DataFrame, sector: str | None = None) -> str:
    """The words under the estimate on a page: the figure, its range, the target where one is set, and how
    it was made; or why there is none."""
    if est.value is None:
        return f"全年预计：{est.note}"
    goal = against_target(est, goals, sector)
    return f"{figure(est)}{'；' + goal if goal else ''}。{method(est)}"
