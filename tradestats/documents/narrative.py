"""The news paragraph: the center's standard sentences written from the data, in the register of its
annual report, with every figure formatted exactly as the pages show it."""

from __future__ import annotations

from dataclasses import replace

from tradestats.domain import market, metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query


def change_words(p, up: str = "增长", down: str = "下降") -> str:
    """同比增长23.81% / 同比下降5.00% / 与上年同期持平 / 上年同期无数据."""
    if metrics.missing(p):
        return "上年同期无数据"
    r = metrics.rounded(p)
    if r > 0:
        return f"同比{up}{r}%"
    if r < 0:
        return f"同比{down}{-r}%"
    return "与上年同期持平"


def when(period: Period) -> str:
    """全年 / 1-6月 / 二季度 / 6月: the report speaks of its own year, so the year is not repeated."""
    return period.months_label


def where(ctx: Context, region: str) -> str:
    return "全市" if region == ctx.home else ctx.region_name(region)


def best_rank_on_record(q: Query, ctx: Context, period: Period, region: str, rank) -> bool:
    """True when the rank beats the same months of every earlier year in the database (创历史新高):
    a claim only as long as the history the database holds."""
    years = [int(y) for y in q("months_with_data", region=ctx.home).year if int(y) < period.year]
    if metrics.missing(rank) or not years:
        return False
    for year in years:
        ranks = summary.ranking(q, ctx, replace(period, year=year), region)
        earlier = ranks[ranks.region_code == region]["rank"]
        if len(earlier) and not metrics.missing(earlier.iloc[0]) and earlier.iloc[0] <= rank:
            return False
    return True


def totals_sentence(q: Query, ctx: Context, period: Period, region: str, head) -> str:
    text = (f"{when(period)}{where(ctx, region)}完成公共资源进场交易项目{metrics.PROJECTS.format(head.projects)}，"
            f"{change_words(head.projects_yoy_pct)}；交易总额{metrics.AMOUNT.format(head.amount_wan)}，"
            f"{change_words(head.amount_yoy_pct)}，增收资金{metrics.PREMIUM.format(head.premium_wan)}，"
            f"节约资金{metrics.SAVINGS.format(head.savings_wan)}")
    growth = [head.projects_yoy_pct, head.amount_yoy_pct]
    if all(not metrics.missing(g) and metrics.rounded(g) > 0 for g in growth):
        text += "，实现交易总量与交易总额“双量齐增”"
    ranks = summary.ranking(q, ctx, period, region)
    own = ranks[ranks.region_code == region]
    if len(own) and not metrics.missing(own["rank"].iloc[0]):
        rank = own["rank"].iloc[0]
        text += f"，交易总额位列{summary.rank_label(ctx, region, rank, own.rank_of.iloc[0])}"
        if best_rank_on_record(q, ctx, period, region, rank):
            text += "，创历史新高"
    return text + "。"


def sectors_sentence(period: Period, head, sectors) -> str:
    """The sectors whose count grew faster than the total, as the report singles them out; all of them
    when none did. Where the period's figures are of all sectors together (a file without a sector column),
    the page's sentence that the split is unknown instead."""
    sectors = sectors.dropna(subset=["projects"])
    if sectors.empty:
        return summary.split_note(period, head, sectors)
    total = head.projects_yoy_pct
    ahead = sectors[sectors.projects_yoy_pct > total] if not metrics.missing(total) else sectors.iloc[0:0]
    chosen = ahead if len(ahead) else sectors
    parts = [f"{s.sector_name}类项目{metrics.PROJECTS.format(s.projects)}，"
             f"{change_words(s.projects_yoy_pct, '上升', '下降')}" for s in chosen.itertuples()]
    return (f"{when(period)}服务" + "；".join(parts) + f"，其中，涉重点产业交易项目"
            f"{metrics.KEY_PROJECTS.format(head.key_projects)}，成交金额{metrics.KEY_AMOUNT.format(head.key_amount_wan)}。")


def targets_sentence(q: Query, ctx: Context, period: Period, region: str) -> str:
    """截至9月，交易额完成年度目标的79.4%，超序时进度4.4个百分点；…: the region's targets for all sectors,
    where they are set (nothing else where not)."""
    found = targets.progress(q, ctx, period, region)
    found = found[found.sector_code.isna()]
    if found.empty:
        return ""
    upto = "全年" if period.month == 12 else f"截至{period.month}月"
    return upto + "，" + "；".join(f"{targets.label(r)}{targets.sentence(r)}" for r in found.itertuples()) + "。"


def competition_sentence(q: Query, period: Period, region: str) -> str:
    """全年平均每个项目吸引投标人6.35家，同比增长1.76%；流标率6.58%，比上年同期下降1.23个百分点。: from the
    project lists' 投标人数 (and 是否流标/终止), where the period's lists carry it; nothing where not."""
    head = market.headline(q, period, region, None)
    cur, prev = head.iloc[0], head.iloc[1]
    if market.none(cur.bidders_known) or metrics.missing(cur.avg_bidders):
        return ""
    text = (f"{when(period)}平均每个项目吸引投标人{market.value(market.AVG_BIDDERS, cur.avg_bidders)}，"
            f"{change_words(market.change(cur.avg_bidders, prev.avg_bidders))}")
    if not metrics.missing(cur.failed_rate_pct):
        text += f"；流标率{metrics.pct(cur.failed_rate_pct)}"
        if not metrics.missing(prev.failed_rate_pct):
            pts = metrics.rounded(float(cur.failed_rate_pct) - float(prev.failed_rate_pct))
            text += (f"，比上年同期{'上升' if pts > 0 else '下降'}{abs(pts)}个百分点" if pts
                     else "，与上年同期持平")
    return text + "。"


def paragraph(q: Query, period: Period, region: str | None = None) -> str:
    """The news paragraph of a period and region (default: the whole home city)."""
    ctx = summary.context(q)
    region = region or ctx.home
    head = summary.headline(q, period, region)
    if head.cells == 0:
        return f"{period.label}{where(ctx, region)}没有公共资源交易数据。"
    missing = summary.missing_sentence(ctx, period, head["unknown_regions"])
    if missing:  # no figure of the period can be known: say what is missing, never a sentence of "—"
        return missing
    sectors = summary.sectors(q, period, region)
    return (totals_sentence(q, ctx, period, region, head) + sectors_sentence(period, head, sectors)
            + competition_sentence(q, period, region) + targets_sentence(q, ctx, period, region))
