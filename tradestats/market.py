"""Competition, efficiency and market players (交易效率与竞争, 市场主体; issue 17): the figures of a period
from the project lists' optional fields, for the pages and `tradestats market`. Every number comes from a
query in queries/; this module names them, checks the filters and shapes the JSON."""

from __future__ import annotations

import pandas as pd

from tradestats import metrics
from tradestats.periods import Period
from tradestats.summary import Context, Query, plain

FEW = 5  # a group with fewer tenders than this is marked (样本少), not hidden
DIMENSIONS = {"sector": "板块", "method": "交易方式", "region": "区县", "month": "月份", "band": "成交金额区间"}
PARTIES = {"winner": "中标人", "agency": "招标代理机构"}
TOP = 10  # the top winners in the JSON
# What each measure is, for the pages' notes and the README (labels, units and formats defined once).
FAILED_RATE = metrics.Metric("failed_rate_pct", "流标率", "%", "流标或终止的项目 ÷ 全部项目（含流标、终止）")
AVG_BIDDERS = metrics.Metric("avg_bidders", "平均投标人数", "家", "有投标人数的项目（含流标）平均每个项目的投标人（竞买人）数")
CYCLE_MEDIAN = metrics.Metric("cycle_days_median", "交易周期中位数", "天", "公告发布（或受理）到成交的天数，完成交易的项目")
CYCLE_P90 = metrics.Metric("cycle_days_p90", "交易周期P90", "天", "九成项目在此天数内完成")
LOCAL_COUNT = metrics.Metric("local_share_count_pct", "本地中标占比（宗数）", "%", "中标人在本市的项目 ÷ 中标人所在地已知的项目")
LOCAL_AMOUNT = metrics.Metric("local_share_amount_pct", "本地中标占比（金额）", "%", "中标人在本市的成交金额 ÷ 中标人所在地已知的成交金额")
CR4 = metrics.Metric("cr4_pct", "CR4", "%", "成交金额最大的4家中标人所占份额；40%以下竞争较充分，60%以上集中度高")
HHI = metrics.Metric("hhi", "HHI", "", "各中标人金额份额（%）的平方和，0–10000；1500以下为低集中，1500–2500中度，2500以上高度集中")
MEASURES = {m.column: m for m in (FAILED_RATE, AVG_BIDDERS, CYCLE_MEDIAN, CYCLE_P90, LOCAL_COUNT, LOCAL_AMOUNT, CR4, HHI)}


def value(metric: metrics.Metric, v) -> str:
    """A measure as the pages show it: — where the data has no such field."""
    if metrics.missing(v):
        return metrics.NO_VALUE
    if metric.is_rate:
        return metrics.pct(v)
    if metric.column == "hhi":
        return f"{int(v)}"
    return f"{metrics.rounded(v, 1 if metric.unit == '天' else 2)}{metric.unit}"


def sector_code(ctx: Context, sector: str | None) -> str | None:
    """A sector given by code or name, as its code; an unknown one is a ValueError in Chinese."""
    if sector is None:
        return None
    sectors = ctx.sectors
    for code, name in zip(sectors.sector_code, sectors.sector_name):
        if sector in (code, name):
            return code
    raise ValueError(f"未知的板块“{sector}”。可用：{'、'.join(f'{c}（{n}）' for c, n in zip(sectors.sector_code, sectors.sector_name))}")


def filters(ctx: Context, region: str | None, sector: str | None) -> tuple[str, str | None]:
    region = region or ctx.home
    ctx.region_name(region)  # raises for a region of no use here
    return region, sector_code(ctx, sector)


def headline(q: Query, period: Period, region: str, sector: str | None) -> pd.DataFrame:
    """The period's row, then the same months a year earlier."""
    return q("market_by_period", **period.params(), region=region, sector=sector)


def by(q: Query, period: Period, region: str, sector: str | None, dimension: str) -> pd.DataFrame:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension}")
    return q("market_by_dimension", **period.params(), region=region, sector=sector, by=dimension)


def top(q: Query, period: Period, region: str, sector: str | None, who: str = "winner", order: str = "amount_wan",
        limit: int = TOP) -> pd.DataFrame:
    return q("winners_top_in_period", **period.params(), region=region, sector=sector, who=who, order=order,
             limit=limit)


def summarize(q: Query, ctx: Context, period: Period, region: str | None = None, sector: str | None = None) -> dict:
    """The JSON of `tradestats market`: null where the data has no such field."""
    region, sector = filters(ctx, region, sector)
    h = headline(q, period, region, sector).iloc[0]
    winners = top(q, period, region, sector)
    methods = by(q, period, region, sector, "method")
    methods = methods[methods.projects > 0]
    return {
        "year": period.year, "month": period.month, "period": period.kind, "region_code": region,
        "region_name": ctx.region_name(region), "sector_code": sector,
        "projects": plain(h.projects, whole=True) or 0,
        "tenders": plain(h.tenders, whole=True) or 0,
        "failed": plain(h.failed, whole=True),
        "failed_rate_pct": plain(h.failed_rate_pct),
        "avg_bidders": plain(h.avg_bidders),
        "cycle_days_median": plain(h.cycle_days_median),
        "cycle_days_p90": plain(h.cycle_days_p90),
        "local_share_count_pct": plain(h.local_share_count_pct),
        "local_share_amount_pct": plain(h.local_share_amount_pct),
        "province_share_count_pct": plain(h.province_share_count_pct),
        "province_share_amount_pct": plain(h.province_share_amount_pct),
        "cr4_pct": plain(h.cr4_pct),
        "hhi": plain(h.hhi, whole=True),
        "top_winners": [{"name": w.name, "credit_code": None if metrics.missing(w.credit_code) else w.credit_code,
                         "projects": int(w.projects), "amount_wan": plain(w.amount_wan)}
                        for w in winners.itertuples()],
        "methods": [{"method": m.key, "projects": int(m.projects), "amount_wan": plain(m.amount_wan),
                     "savings_rate_pct": plain(m.savings_rate_pct)} for m in methods.itertuples()],
    }


def table(s: dict) -> str:
    """The JSON as a readable Chinese table, for the terminal."""
    lines = [f"{s['region_name']} {Period(s['year'], s['month'], s['period']).label}交易效率与竞争",
             f"  完成交易 {s['projects']}宗；流标或终止 {metrics.count(s['failed'], '宗')}，流标率 {metrics.pct(s['failed_rate_pct'])}"]
    for key in ("avg_bidders", "cycle_days_median", "cycle_days_p90", "local_share_count_pct", "local_share_amount_pct",
                "cr4_pct", "hhi"):
        lines.append(f"  {MEASURES[key].label}：{value(MEASURES[key], s[key])}")
    if s["top_winners"]:
        lines.append("  中标金额前列：" + "；".join(f"{w['name']} {w['projects']}宗 {metrics.money(w['amount_wan'])}"
                                              for w in s["top_winners"][:5]))
    if s["methods"]:
        lines.append("  交易方式：" + "；".join(f"{m['method']} {m['projects']}宗" for m in s["methods"]))
    return "\n".join(lines)
