"""The headline figures of a period and region, as the overview page, the CLI and the tests read them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradestats.domain import metrics, periods
from tradestats.domain.periods import Period

# Runs a named query with its parameters: queries.run bound to a connection, or the app's cached runner.
Query = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class Context:
    """The deployment as the database describes it: settings and the home city's regions."""

    settings: dict[str, str]
    regions: pd.DataFrame  # the home city first, then its county-level units
    data_through: str = ""  # the home city's latest month with data: 2024年12月
    sectors: pd.DataFrame | None = None  # the sectors query: code, name, direction, colour in display order

    @property
    def home(self) -> str:
        return self.settings["home_region"]

    @property
    def province(self) -> str:
        return self.settings["province_region"]

    @property
    def is_demo(self) -> bool:
        return self.settings.get("dataset") in ("demo", "synthetic")

    def region_name(self, code: str) -> str:
        names = dict(zip(self.regions.region_code, self.regions.region_name))
        if code not in names:
            raise ValueError(f"地区编码 {code} 不是{names[self.home]}或其所辖区县的编码。"
                             f"可用的编码：{'、'.join(f'{c} {n}' for c, n in names.items())}")
        return names[code]


def context(q: Query) -> Context:
    settings = dict(q("app_settings").itertuples(index=False))
    months = q("last_month_by_year", region=settings["home_region"])
    through = f"{int(months.year[0])}年{int(months.last_month[0])}月" if len(months) else ""
    return Context(settings, q("regions_of_city", city=settings["home_region"]), through, q("sectors"))


def source_line(ctx: Context) -> str:
    """The line under every chart and table: who publishes the data, and how current it is."""
    demo = "（示例数据）" if ctx.is_demo else ""
    through = f"，数据截至{ctx.data_through}" if ctx.data_through else ""
    return f"数据来源：{ctx.settings.get('center_name', '')}{demo}{through}"


def plain(value, whole: bool = False):
    """A query value as JSON: None for null, int for counts and ranks, else a float of 2 decimals."""
    if metrics.missing(value):
        return None
    return int(value) if whole else float(metrics.rounded(value))


def headline(q: Query, period: Period, region: str, sector: str | None = None) -> pd.Series:
    return q("headline_by_period", **period.params(), region=region, sector=sector).iloc[0]


def sectors(q: Query, period: Period, region: str, sector: str | None = None) -> pd.DataFrame:
    return q("amount_by_sector", **period.params(), region=region, sector=sector)


def peers_parent(ctx: Context, region: str) -> str:
    """Whom a region is ranked among: the province's cities for the home city, the city's counties else."""
    return ctx.province if region == ctx.home else ctx.home


def ranking(q: Query, ctx: Context, period: Period, region: str, measure: str = "amount_wan",
            sector: str | None = None) -> pd.DataFrame:
    return q("rank_by_region", **period.params(), parent=peers_parent(ctx, region), sector=sector,
             measure=measure)


def trend(q: Query, year_from: int, year_to: int, region: str, measure: str = "amount_wan",
          grain: str = "month", sector: str | None = None) -> pd.DataFrame:
    """当期 and 累计 of a measure by month, quarter or year, with 同比 and 环比."""
    return q("measure_by_period", year_from=year_from, year_to=year_to, grain=grain, region=region,
             sector=sector, measure=measure)


def rank_label(ctx: Context, region: str, rank, rank_of) -> str:
    """全省14个市州第5 for the home city, 全市14个区县第3 for a county; — without a rank."""
    if metrics.missing(rank):
        return metrics.NO_VALUE
    scope = "全省{}个市州" if region == ctx.home else "全市{}个区县"
    return scope.format(int(rank_of)) + metrics.rank(rank)


def span_note(spans, chosen: bool = False) -> str:
    """1-9月为累计报表数据，无分月数据。 where a figure came from spans (a query's list of [from, to]), else ""."""
    return periods.span_note(spans, bool(chosen)) if isinstance(spans, (list, tuple, np.ndarray)) and len(spans) else ""


def basis_note(period: Period, head: pd.Series) -> str:
    """A headline's note where its figures, or last year's that 同比 is taken against, came from figures of spans
    rather than months: 1-9月为累计报表数据，无分月数据（同比的上年同期数同样）。 and how a period was reached
    when not from one span (三季度由报表数据相减得出：…); "" when all came from months or cannot be known."""
    if head["basis"] == "unknown":
        return ""
    now = span_note(head["spans"], head.get("chosen", False))
    before = span_note(head["spans_prev"], head.get("chosen_prev", False)) if head["basis_prev"] != "unknown" else ""
    how = {"difference": "由报表数据相减得出：", "span_plus_months": "由报表数据加其后各月数据得出：",
           "spans": "由各期报表数据相加得出："}.get(head["basis"])
    text = f"{period.months_label}{how}{now}" if how and now else now
    if before and before == now:
        return text.removesuffix("。") + "（同比的上年同期数同样）。"
    if head["basis_prev"] == "unknown":  # 同比 is "—" for want of last year's figure: say so
        return text + "上年同期的数字无法由已有数据得出，同比为“—”。"
    return text + (f"同比的上年同期数：{before}" if before else "")


def split_note(period: Period, head: pd.Series, by_sector: pd.DataFrame) -> str:
    """Where some figures of the period are of all sectors together (a file without a sector column): why there
    is no split by sector, or where the split shown comes from (the period's own report by sector); "" else."""
    if not head["unsplit"]:
        return ""
    some = "" if period.month_from == period.month_to else "有月份"
    if len(by_sector):
        return f"{period.label}的各月只有全部板块的合计数据，各板块的数字来自该期的分板块报表数据。"
    return f"{period.label}{some}只有全部板块的合计数据（报表未分板块），分板块数据和节资率、增值率未知。"


def unsplit_sentence(ctx: Context, period: Period, regions) -> str:
    """Why a sector's figure is "—": the regions that have only figures of all sectors together for the period."""
    if not isinstance(regions, (list, tuple, np.ndarray)) or not len(regions):
        return ""
    names = "、".join(ctx.region_name(r) if r in set(ctx.regions.region_code) else r for r in regions)
    return f"{names}{period.label}只有全部板块的合计数据（报表未分板块），单个板块的数字无法得出。"


def missing_sentence(ctx: Context, period: Period, regions) -> str:
    """Why a figure is "—": the regions whose figures for the period cannot be known from what is stored."""
    if not isinstance(regions, (list, tuple, np.ndarray)) or not len(regions):
        return ""
    names = "、".join(ctx.region_name(r) if r in set(ctx.regions.region_code) else r for r in regions)
    return (f"{names}{period.label}的数字无法得出：没有这些月份的分月数据，已有的累计、季度或年度报表数据"
            "也不能得出该期，请导入分月数据或该期的报表数据。")


def summarize(q: Query, period: Period, region: str | None = None) -> dict:
    ctx = context(q)
    region = region or ctx.home
    name = ctx.region_name(region)
    head = headline(q, period, region)
    ranks = ranking(q, ctx, period, region)
    own = ranks[ranks.region_code == region]
    out = {
        "year": period.year, "month": period.month, "period": period.kind, "period_label": period.label,
        "region_code": region, "region_name": name,
    }
    for column in ("projects", "projects_yoy_pct", "amount_wan", "amount_yoy_pct", "savings_wan",
                   "savings_yoy_pct", "premium_wan", "premium_yoy_pct", "key_projects", "key_amount_wan",
                   "savings_rate_pct", "premium_rate_pct"):
        out[column] = plain(head[column], whole=column.endswith("projects"))
    # The names the foundation issue gave them, beside the short ones scripts already read.
    out["key_industry_projects"], out["key_industry_amount_wan"] = out["key_projects"], out["key_amount_wan"]
    for column in ("rank", "rank_of", "rank_prev"):
        out[column] = plain(own[column].iloc[0], whole=True) if len(own) else None
    out["basis"] = head["basis"]  # how the figures were reached (periods.BASES): months, span, difference …
    out["basis_prev"] = head["basis_prev"]
    out["note"] = span_note(head["spans"], head["chosen"]) if head["basis"] != "unknown" else ""
    out["missing"] = missing_sentence(ctx, period, head["unknown_regions"])
    before = period.before()
    pop = (q("change_on_previous_period", **period.params(), prev_year=before.year, prev_from=before.month_from,
             prev_to=before.month_to, region=region).iloc[0] if before else {})
    for column in ("projects_pop_pct", "amount_pop_pct", "savings_pop_pct", "premium_pop_pct"):
        out[column] = plain(pop[column]) if before else None
    by_sector = sectors(q, period, region)
    out["sectors"] = [
        {"code": s.sector_code, "name": s.sector_name, "projects": plain(s.projects, whole=True),
         "projects_yoy_pct": plain(s.projects_yoy_pct), "amount_wan": plain(s.amount_wan),
         "amount_yoy_pct": plain(s.amount_yoy_pct), "share_pct": plain(s.share_pct)}
        for s in by_sector.itertuples()
    ]
    out["split_note"] = split_note(period, head, by_sector)
    return out
