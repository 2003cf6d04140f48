"""Competition, efficiency and market players (交易效率与竞争, 市场主体; issue 17): the figures of a period
from the project lists' optional fields, for the pages and `tradestats market`. Every number comes from a
query in queries/; this module names them, checks the filters and shapes the JSON."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tradestats.domain import metrics
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query, plain

FEW = 5  # a group with fewer tenders than this is marked (样本少), not hidden
DIMENSIONS = {"sector": "板块", "method": "交易方式", "region": "区县", "month": "月份", "band": "成交金额区间"}
PARTIES = {"winner": "中标人", "agency": "招标代理机构"}
NO_METHOD = "未填"  # derived.sql's 交易方式 of a trade whose list gives none (tests/test_market.py holds them equal)
TOP = 10  # the top winners in the JSON
# What each measure is, for the pages' notes and the README (labels, units and formats defined once).
FAILED_RATE = metrics.Metric("failed_rate_pct", "流标率", "%", "流标或终止的项目 ÷ 全部项目（含流标、终止）")
AVG_BIDDERS = metrics.Metric("avg_bidders", "平均投标人数", "家", "有投标人数的项目（含流标）平均每个项目的投标人（竞买人）数")
CYCLE_MEDIAN = metrics.Metric("cycle_days_median", "交易周期中位数", "天", "公告发布（或受理）到成交的天数，完成交易的项目")
CYCLE_P90 = metrics.Metric("cycle_days_p90", "交易周期P90", "天", "九成项目在此天数内完成")
LOCAL_COUNT = metrics.Metric("local_share_count_pct", "本地中标（宗数）", "%", "中标人在本市的项目 ÷ 中标人所在地已知的项目")
LOCAL_AMOUNT = metrics.Metric("local_share_amount_pct", "本地中标（金额）", "%", "中标人在本市的成交金额 ÷ 中标人所在地已知的成交金额")
CR4 = metrics.Metric("cr4_pct", "CR4", "%", "成交金额最大的4家中标人所占份额；40%以下竞争较充分，60%以上集中度高")
HHI = metrics.Metric("hhi", "HHI", "", "各中标人金额份额（%）的平方和，0–10000；1500以下为低集中，1500–2500中度，2500以上高度集中")
WINNERS = metrics.Metric("winners", "中标主体数", "家", "本期有中标记录的主体（按统一社会信用代码，没有时按名称）")
MEASURES = {m.column: m for m in (FAILED_RATE, AVG_BIDDERS, CYCLE_MEDIAN, CYCLE_P90, LOCAL_COUNT, LOCAL_AMOUNT, CR4, HHI)}


def value(metric: metrics.Metric, v) -> str:
    """A measure as the pages show it: — where the data has no such field."""
    if metrics.missing(v):
        return metrics.NO_VALUE
    if metric.is_rate:
        return metrics.pct(v)
    if metric.column == "hhi":
        return f"{int(v)}"
    if metric.column in ("projects", "winners"):
        return metrics.count(v, metric.unit)
    return f"{metrics.rounded(v, 1 if metric.unit == '天' else 2)}{metric.unit}"


def none(v) -> bool:
    """No figure, or zero: what a page has nothing to show for."""
    return metrics.missing(v) or not v


def change(cur, base):
    """同比 of a figure in percent (as the SQL macro change_pct): None without a base."""
    if metrics.missing(cur) or metrics.missing(base) or base == 0:
        return None
    return round(100.0 * (float(cur) - float(base)) / float(base), 2)


def delta(metric: metrics.Metric, cur, prev) -> str:
    """同比 of a headline figure (a rate's in percentage points); — without a base."""
    a, b = cur[metric.column], prev[metric.column]
    if metric.is_rate:
        return metrics.NO_VALUE if metrics.missing(a) or metrics.missing(b) else metrics.points(float(a) - float(b))
    return metrics.change(change(a, b))


def card(metric: metrics.Metric, cur, prev, higher_is_better: bool | None = True) -> dict:
    """The arguments of a headline card (st.metric): the value, its 同比, whether up is good (None: neither)."""
    text = delta(metric, cur, prev)
    flat = text == metrics.NO_VALUE or text.startswith("0.00")  # no change: neither good nor bad
    colour = "off" if flat or higher_is_better is None else \
        "normal" if higher_is_better else "inverse"
    return {"label": metric.label, "value": value(metric, cur[metric.column]), "delta": text,
            "delta_description": "同比", "delta_color": colour, "help": metric.help, "border": True,
            **({"delta_arrow": "off"} if text == metrics.NO_VALUE else {})}


def missing_fields(row) -> list[str]:
    """The fields the period's project lists lack, named as a clerk knows the columns."""
    out = []
    if metrics.missing(row.failed):
        out.append("“是否流标/终止”列")
    if none(row.bidders_known):
        out.append("“投标人数”列")
    if none(row.cycles_known):
        out.append("“公告发布日期”或“受理日期”列")
    if none(row.winners_placed):
        out.append("中标人所在地区（或统一社会信用代码）")
    return out


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


def headline(q: Query, period: Period, region: str, sector: str | None, concentration: bool = False) -> pd.DataFrame:
    """The period's row, then the same months a year earlier; with the winners' concentration when asked."""
    rows = q("market_by_period", **period.params(), region=region, sector=sector)
    if concentration:
        found = q("concentration_by_period", **period.params(), region=region, sector=sector)
        rows = rows.merge(found, on="year", how="left")
    return rows


def by(q: Query, period: Period, region: str, sector: str | None, dimension: str) -> pd.DataFrame:
    """The period's tenders grouped by one dimension (DIMENSIONS), with 同比."""
    return by_each(q, period, region, sector, (dimension,))[dimension]


def by_each(q: Query, period: Period, region: str, sector: str | None,
            dimensions: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The same grouped by each of dimensions, in one query (a page asks for three: one query costs less than
    three, most of each being its planning)."""
    dimensions = tuple(dict.fromkeys(dimensions))  # each once (the query, too, counts one given twice once)
    unknown = [d for d in dimensions if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown dimension {unknown}")
    rows = q("market_by_dimension", **period.params(), region=region, sector=sector, by=dimensions)
    return {d: rows[rows.dimension == d].drop(columns="dimension").reset_index(drop=True) for d in dimensions}


def top(q: Query, period: Period, region: str, sector: str | None, who: str = "winner", order: str = "amount_wan",
        limit: int = TOP) -> pd.DataFrame:
    return q("winners_top_in_period", **period.params(), region=region, sector=sector, who=who, order=order,
             limit=limit)


def summarize(q: Query, ctx: Context, period: Period, region: str | None = None, sector: str | None = None) -> dict:
    """The JSON of `tradestats market`: null where the data has no such field."""
    region, sector = filters(ctx, region, sector)
    h = headline(q, period, region, sector, concentration=True).iloc[0]
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


@dataclass(frozen=True)
class Profile:
    name: str
    caption: str
    months: pd.DataFrame
    breakdowns: dict[str, pd.DataFrame]  # 板块, 地区, 交易方式
    trades: pd.DataFrame


def profile(q: Query, who: str, key: str, limit: int = 200) -> Profile:
    """One winner's or agency's trades in all the data: by month, sector, region and method, and the latest."""
    trades = q("party_trades", who=who, key=key, limit=limit)
    sectors = q("party_trades_by", who=who, key=key, by="sector")
    name = (trades.winner.iloc[0] if who == "winner" else trades.agency.iloc[0]) if len(trades) else key
    total, amount = int(sectors.projects.sum()), sectors.amount_wan.sum()
    code = f"统一社会信用代码 {key}；" if who == "winner" and key != name else ""
    rate = q("party_trades_by", who=who, key=key, by="method")
    caption = f"{code}数据中共中标 {total} 宗，{metrics.money(amount)}（最近 {len(trades)} 宗列于下表）。"
    return Profile(str(name), caption, q("party_trades_by", who=who, key=key, by="month"),
                   {"板块": sectors, "地区": q("party_trades_by", who=who, key=key, by="region"), "交易方式": rate},
                   trades)


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
