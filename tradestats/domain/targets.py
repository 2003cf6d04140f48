"""Annual targets against 序时进度: 完成率 = the 1–N月 累计 ÷ the year's target; 序时进度 = the share of the
year gone by the end of month N — N/12 (`schedule_basis = "months"`, the default) or the days of the year
gone (`"days"`); ahead or behind in percentage points. Leadership reads it as "交易额完成年度目标的78.3%，
超序时进度11.6个百分点"."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query, plain

BASES = {"months": "按月份：N月末为 N/12", "days": "按天数：N月末已过的天数 ÷ 全年天数"}


def schedule_pct(year: int, month: int, basis: str = "months") -> Decimal:
    """The share of the year gone at the end of month, in percent, two decimals."""
    if basis == "days":
        gone = (dt.date(year, month, calendar.monthrange(year, month)[1]) - dt.date(year, 1, 1)).days + 1
        share = Decimal(100 * gone) / (366 if calendar.isleap(year) else 365)
    elif basis == "months":
        share = Decimal(100 * month) / 12
    else:
        raise ValueError(f"设置 schedule_basis = “{basis}” 应为 {' / '.join(BASES)} 之一。")
    return share.quantize(Decimal("0.01"), ROUND_HALF_UP)


def progress(q: Query, ctx: Context, period: Period, region: str) -> pd.DataFrame:
    """The region's targets of the period's year with 完成率, 序时进度 and the points between, on the 1–N月 累计 to
    the period's month (whatever the period's kind); empty without targets."""
    year, month = period.year, period.month
    found = q("target_progress", year=year, month=month, region=region)  # shared: never changed in place
    # A sector's 累计 by the one rule: unknown where a month of it has only the figures of all sectors together
    # (the query's sector sum would hold the other months alone, a part shown as the whole).
    unknown = [isinstance(r.sector_code, str) and metrics.missing(
        summary.headline(q, Period(year, month, "ytd"), region, r.sector_code)[r.measure]) for r in found.itertuples()]
    if any(unknown):
        found = found.assign(actual=found.actual.mask(unknown), completion_pct=found.completion_pct.mask(unknown))
    schedule = schedule_pct(year, month, ctx.settings.get("schedule_basis", "months"))
    return found.assign(schedule_pct=schedule, vs_schedule_pts=[
        None if metrics.missing(c) else (Decimal(str(c)) - schedule).quantize(Decimal("0.01"))
        for c in found.completion_pct])


def by_county(q: Query, ctx: Context, period: Period, measure: str) -> pd.DataFrame:
    """The counties with a target of measure for all sectors, by 完成率, with their points against 序时进度 (on the
    1–N月 累计 to the period's month, as progress).
    Each county's 累计 is the one rule's (target_progress: from its months, or a stored 1–N月 累计; unknown, so no
    完成率, where neither gives it): target_progress_by_region sums the months' cells alone, and would read a
    county that keeps 累计 tables as having done nothing."""
    year, month = period.year, period.month
    found = q("target_progress_by_region", year=year, month=month, city=ctx.home, measure=measure)
    actual, done = [], []
    for r in found.itertuples():
        own = q("target_progress", year=year, month=month, region=r.region_code)
        own = own[own.sector_code.isna() & (own.measure == measure)]
        actual.append(own.actual.iloc[0] if len(own) else r.actual)
        done.append(own.completion_pct.iloc[0] if len(own) else r.completion_pct)
    found = found.assign(actual=actual, completion_pct=pd.array(done, dtype="Float64"))
    found = found.sort_values("completion_pct", ascending=False, na_position="last", kind="stable")
    schedule = schedule_pct(year, month, ctx.settings.get("schedule_basis", "months"))
    return found.reset_index(drop=True).assign(schedule_pct=schedule, vs_schedule_pts=[
        None if metrics.missing(c) else (Decimal(str(c)) - schedule).quantize(Decimal("0.01"))
        for c in found.completion_pct])


def note(ctx: Context, period: Period) -> str:
    """How 完成率 and 序时进度 are taken, under every view of them."""
    basis = ctx.settings.get("schedule_basis", "months")
    ytd = Period(period.year, period.month, "ytd").label
    return (f"完成率 = {ytd}累计 ÷ 年度目标；序时进度{schedule_pct(period.year, period.month, basis)}%"
            f"（{BASES[basis]}）；绿色为达到或超过序时进度，红色为落后。")


def label(row) -> str:
    """交易额 or 工程建设交易额: what the target is of."""
    name = metrics.CATALOGUE[row.measure].label
    return f"{row.sector_name}{name}" if isinstance(row.sector_name, str) and row.sector_name else name


def sentence(row) -> str:
    """完成年度目标的78.3%，超序时进度11.6个百分点 (one decimal, as a report says it)."""
    if metrics.missing(row.completion_pct):
        return "完成率无法得出（累计数未知）"
    done = Decimal(str(row.completion_pct)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    pts = Decimal(str(row.vs_schedule_pts)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if pts > 0:
        ahead = f"超序时进度{pts}个百分点"
    elif pts < 0:
        ahead = f"落后序时进度{-pts}个百分点"
    else:
        ahead = "与序时进度持平"
    return f"完成年度目标的{done}%，{ahead}"


def as_json(found: pd.DataFrame) -> list[dict]:
    """summary --json's `targets`: money in 万元, sector_code null for all sectors."""
    return [{"measure": r.measure, "sector_code": r.sector_code if isinstance(r.sector_code, str) else None,
             "target": plain(r.target, whole=r.measure == "projects"),
             "completion_pct": plain(r.completion_pct), "schedule_pct": plain(r.schedule_pct),
             "vs_schedule_pts": plain(r.vs_schedule_pts)} for r in found.itertuples()]


EDITOR = ("地区", "板块", "指标", "目标（万元，项目数为宗）")  # the 数据管理 editor's columns, a targets file's words
ALL_SECTORS = "全部板块"  # a target for all sectors, as the editor and a targets file may write it


def editor_rows(q: Query, year: int) -> pd.DataFrame:
    """The year's targets as the 数据管理 editor shows them (names, not codes)."""
    found = q("targets_of_year", year=year)
    return pd.DataFrame({EDITOR[0]: found.region_name, EDITOR[1]: found.sector_name.replace("", ALL_SECTORS),
                         EDITOR[2]: [metrics.CATALOGUE[m].label for m in found.measure],
                         EDITOR[3]: found.target.astype(float)})
