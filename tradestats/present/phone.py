"""手机简报: what leadership reads on a phone, for a period and region — the summary's own figures (summarize),
the targets' 完成率 against 序时进度, the open 预警, the sectors and the first and last counties. The page
(pages/phone.py) and the headline card (documents/card.py) draw the same Briefing, so the card's text and the
page's first screen are the summary's figures, formatted by the metric catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tradestats.domain import metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query

URL_PATH = "m"  # the page's address: /m
TITLE = "手机简报"
COUNTIES = 3  # the first and the last three counties


@dataclass(frozen=True)
class Figure:
    label: str  # 交易额
    value: str  # 293.74亿元
    change: str  # +18.59%


@dataclass(frozen=True)
class Goal:
    label: str  # 交易额 or 工程建设交易额
    completion: str  # 78.34%
    schedule: str  # 75.00%
    completion_pct: float | None  # for the bar
    schedule_pct: float | None
    behind: bool


@dataclass(frozen=True)
class Briefing:
    facts: dict  # summarize(): the figures of `tradestats summary --json`
    heading: str  # 怀化市 · 2024年1-9月 · 数据更新至2024年12月
    figures: tuple[Figure, ...]
    rank: str  # 全省14个市州第5
    rank_change: str  # 较上年上升1位
    goals: tuple[Goal, ...] = ()
    alerts: str = ""  # 未处理预警 5 条（红色 1 条，黄色 4 条）
    open_alerts: int = 0
    extra: dict = field(default_factory=dict)


def heading(ctx: Context, facts: dict) -> str:
    through = f" · 数据更新至{ctx.data_through}" if ctx.data_through else ""
    return f"{facts['region_name']} · {facts['period_label']}{through}"


def figures(facts: dict) -> tuple[Figure, ...]:
    """The four headline figures with 同比, as summarize() gives them, in the catalogue's words and format."""
    return tuple(Figure(m.label, m.format(facts[m.column]), m.change(facts[m.yoy_column])) for m in metrics.HEADLINE)


def goals(found: pd.DataFrame) -> tuple[Goal, ...]:
    """The targets for all sectors and for each sector, with 完成率 and 序时进度 as summary --json gives them."""
    rows = targets.as_json(found)
    return tuple(Goal(targets.label(r), metrics.pct(j["completion_pct"]), metrics.pct(j["schedule_pct"]),
                      j["completion_pct"], j["schedule_pct"],
                      j["vs_schedule_pts"] is not None and j["vs_schedule_pts"] < 0)
                 for r, j in zip(found.itertuples(), rows))


def alerts_line(q: Query, ctx: Context, region: str) -> tuple[str, int]:
    # alert_views (the 预警 views) sits above this module and imports documents: only its one sentence is needed here
    from tradestats.present import alert_views

    counted, scope = alert_views.open_scope(ctx, region)
    counts = q("open_alerts_by_level", region=counted)
    return alert_views.open_line(counts, scope), int(counts.alerts.sum())


def briefing(q: Query, ctx: Context, period: Period, region: str | None = None) -> Briefing:
    """The first screen of 手机简报 (and the card) for a period and region."""
    facts = summary.summarize(q, period, region)
    region = facts["region_code"]
    found = targets.progress(q, ctx, period, region)
    found = found[found.sector_code.isna()]
    line, count = alerts_line(q, ctx, region)
    ranked = facts["rank"] is not None
    return Briefing(facts, heading(ctx, facts), figures(facts),
                    summary.rank_label(ctx, region, facts["rank"], facts["rank_of"]) if ranked else metrics.NO_VALUE,
                    metrics.rank_change(facts["rank"], facts["rank_prev"]) if ranked else "",
                    goals(found), line, count)


def counties(q: Query, ctx: Context, period: Period, measure: metrics.Metric, sector: str | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first and the last COUNTIES of the city's counties by measure (those with a value), with 同比."""
    ranks = q("rank_by_region", **period.params(), parent=ctx.home, sector=sector, measure=measure.column)
    ranked = ranks[ranks.value.notna()]
    if len(ranked) <= 2 * COUNTIES:
        return ranked, ranked.iloc[0:0]
    return ranked.head(COUNTIES), ranked.tail(COUNTIES)


def county_lines(rows: pd.DataFrame, measure: metrics.Metric) -> list[str]:
    """第1 鹤城区 45.10亿元（同比+12.00%）."""
    return [f"{metrics.rank(r.rank)} {r.short_name if isinstance(r.short_name, str) and r.short_name else r.region_name}"
            f" {measure.format(r.value)}（同比{measure.change(r.value_yoy_pct)}）" for r in rows.itertuples()]


def link(base_url: str, month: Period, region: str | None = None) -> str:
    """The address of 手机简报 for a month (kind "month": only its year and month are read) as its 1–N月累计, as
    the group message links it."""
    query = f"year={month.year}&kind=ytd&month={month.month}" + (f"&region={region}" if region else "")
    return f"{base_url.rstrip('/')}/{URL_PATH}?{query}"


CARD_ROUTE = "/card/{year}-{month}.png"  # where the app serves the card of a month (1–N月累计, the home city)
CARDS = "cards"  # the folder beside the database where pushes keep the cards the app serves


def card_path(month: Period) -> str:
    """The stable address under the app's root of the month's card (kind "month": only its year and month are
    read): /card/2024-09.png."""
    return CARD_ROUTE.format(year=month.year, month=f"{month.month:02d}")


def card_file(db_path: Path, month: Period) -> Path:
    """Where a push keeps the month's card (as card_path)."""
    return db_path.parent / CARDS / f"{month.year}-{month.month:02d}.png"
