"""The 预警 rules and their thresholds (alerts.toml of the deployment folder, else the shipped one): each rule
reads a month's data through queries/ and returns what it found — level, message, the figures that triggered
it and the link to the page that shows it. Storing, acknowledging and pushing them is tradestats.alerting.alerts'."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from tradestats import config
from tradestats.domain import metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query, plain

LEVELS = {"red": "红色", "yellow": "黄色"}
NAMES = {"yoy_drop": "累计同比下降", "behind_schedule": "落后序时进度", "missing_month": "区县未报送",
         "rate_range": "节资率/增值率超出往年范围", "large_project": "单个项目占比过大", "history_jump": "数值突变"}
# The defaults; data/alerts.toml says the same with its reasons (a test keeps the two alike).
DEFAULTS = {
    "yoy_drop": {"enabled": True, "measures": ["amount_wan", "projects"], "yellow_pct": 20, "red_pct": 40,
                 "min_base_wan": 1000, "min_base_projects": 10},
    "behind_schedule": {"enabled": True, "yellow_pts": 5, "red_pts": 10},
    "missing_month": {"enabled": True, "min_reporting_pct": 50, "red_months": 2},
    "rate_range": {"enabled": True, "years": 3, "min_years": 2, "yellow_margin_pts": 0.5, "red_margin_pts": 2},
    "large_project": {"enabled": True, "yellow_pct": 50, "red_pct": 80, "min_projects": 3},
    "history_jump": {"enabled": True, "measures": ["amount_wan", "projects"], "factor": 10, "months": 12,
                     "level": "red"},
}
FILE = "alerts.toml"
MONEY = ("amount_wan", "savings_wan", "premium_wan")


@dataclass(frozen=True)
class Finding:
    """A rule that fired: what the ledger stores as an alert."""
    rule: str
    level: str  # red | yellow
    year: int
    month: int
    region_code: str
    sector_code: str | None
    measure: str | None  # or, for a project, its id
    message: str
    link: str
    figures: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The same condition found again is the same alert."""
        return f"{self.rule}|{self.year}-{self.month:02d}|{self.region_code}|{self.sector_code or ''}|{self.measure or ''}"

    @property
    def figures_json(self) -> str:
        return json.dumps(self.figures, ensure_ascii=False)


def load(folder: Path | None = None) -> dict[str, dict]:
    """The rules of the deployment: DEFAULTS overridden by its alerts.toml. A table or key the file should not
    have is refused with a Chinese sentence naming it, rather than quietly ignored."""
    file, given = config.read_toml(FILE, folder)
    rules = {name: dict(values) for name, values in DEFAULTS.items()}
    for name, values in given.items():
        if name not in DEFAULTS or not isinstance(values, dict):
            raise ValueError(f"{file}：[{name}] 不是已知的预警规则；可用的规则：{'、'.join(DEFAULTS)}。")
        for key, value in values.items():
            default = DEFAULTS[name].get(key)
            if default is None:
                raise ValueError(f"{file}：[{name}] 中的 {key} 不是已知的设置；可用的设置：{'、'.join(DEFAULTS[name])}。")
            if not _same_kind(value, default):
                raise ValueError(f"{file}：[{name}] {key} = {value!r} 应与默认值 {default!r} 同类。")
        rules[name].update(values)
    for name, allowed in (("yoy_drop", ("projects", *MONEY)), ("history_jump", ("projects", "amount_wan"))):
        unknown = [m for m in rules[name]["measures"] if m not in allowed]
        if unknown:
            raise ValueError(f"{file}：[{name}] measures 中的 {'、'.join(map(str, unknown))} 不是可用的指标；"
                             f"可用：{'、'.join(allowed)}。")
    if rules["history_jump"]["level"] not in LEVELS:
        raise ValueError(f"{file}：[history_jump] level 应为 red 或 yellow。")
    return rules


def _same_kind(value, default) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def find(q: Query, ctx: Context, month: Period, rules: dict[str, dict]) -> list[Finding]:
    """Every enabled rule's findings for the month evaluated of the home city and its units. month: a Period of
    kind "month" (only its year and month are read: each rule reads the 1–N月累计 to it or the month itself, as it
    says)."""
    found: list[Finding] = []
    for name, rule in RULES.items():
        if rules[name]["enabled"]:
            found += rule(q, ctx, month, rules[name])
    return found


def link(page: str, period: Period, region: str, sector: str | None = None, measure: str | None = None) -> str:
    """The page and filters that show the period (its kind too: 累计 or 当月), as the pages read them from the URL:
    /regions?year=2024&month=6&kind=ytd&…"""
    params = {"year": period.year, "month": period.month, "kind": period.kind, "region": region}
    if sector:
        params["sector"] = sector
    if measure:
        params["measure"] = measure
    return f"/{page}?{urlencode(params)}"


def level(value, yellow, red) -> str | None:
    """red beyond the red threshold, yellow beyond the yellow one (strictly: at it, nothing)."""
    if value > red:
        return "red"
    if value > yellow:
        return "yellow"
    return None


def yoy_drop(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    year, period = month.year, Period(month.year, month.month, "ytd")  # the 1–N月累计 to the month
    rows = q("ytd_change_by_region_sector", year=year, month=period.month, city=ctx.home)
    ytd = period.label
    out = []
    for r in rows.itertuples():
        sector = r.sector_code if isinstance(r.sector_code, str) else None
        # 同比 by the one rule, as 总览 shows it: unknown where a month of the 累计 has only the figures of all
        # sectors together (the query's sector rows then sum the other months alone) or cannot be known.
        known = summary.headline(q, period, r.region_code, sector)
        for measure in rule["measures"]:
            stem = measure.removesuffix("_wan")
            cur, base, yoy = getattr(r, measure), getattr(r, f"{stem}_prev{'_wan' if measure in MONEY else ''}"), \
                getattr(r, f"{stem}_yoy_pct")
            least = rule["min_base_wan"] if measure in MONEY else rule["min_base_projects"]
            if metrics.missing(yoy) or metrics.missing(base) or base < least or metrics.missing(known[f"{stem}_yoy_pct"]):
                continue
            found = level(-float(yoy), rule["yellow_pct"], rule["red_pct"])
            if found:
                metric = metrics.CATALOGUE[measure]
                what = f"{r.region_name}{r.sector_name if sector else ''}{metric.label}"
                out.append(Finding(
                    "yoy_drop", found, year, period.month, r.region_code, sector, measure,
                    f"{what}{ytd}累计{metric.format(cur)}，上年同期{metric.format(base)}，同比下降"
                    f"{metrics.rounded(-yoy)}%，降幅超过{rule['red_pct' if found == 'red' else 'yellow_pct']}%。",
                    link("trend", period, r.region_code, sector, measure),
                    {"value": plain(cur), "base": plain(base), "yoy_pct": plain(yoy),
                     "threshold_pct": rule[f"{found}_pct"]}))
    return out


def behind_schedule(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    out = []
    period = Period(month.year, month.month, "ytd")  # 完成率 is of the 1–N月累计 to the month
    ytd = period.label
    for region in q("regions_with_targets", year=period.year, city=ctx.home).itertuples():
        for r in targets.progress(q, ctx, period, region.region_code).itertuples():
            if metrics.missing(r.vs_schedule_pts):
                continue
            found = level(-float(r.vs_schedule_pts), rule["yellow_pts"], rule["red_pts"])
            if found:
                sector = r.sector_code if isinstance(r.sector_code, str) else None
                city = region.region_code == ctx.home
                metric = metrics.CATALOGUE[r.measure]
                out.append(Finding(
                    "behind_schedule", found, period.year, period.month, region.region_code, sector, r.measure,
                    f"{region.region_name}{targets.label(r)}{ytd}完成{metric.format(r.actual)}，"
                    f"{targets.sentence(r)}（目标{metric.format(r.target)}，序时进度{metrics.pct(r.schedule_pct)}）。",
                    link("" if city else "regions", period, region.region_code, sector, r.measure),
                    {"actual": plain(r.actual), "target": plain(r.target), "completion_pct": plain(r.completion_pct),
                     "schedule_pct": plain(r.schedule_pct), "vs_schedule_pts": plain(r.vs_schedule_pts),
                     "threshold_pts": rule[f"{found}_pts"]}))
    return out


def missing_month(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    year = month.year  # the months 1–N of the year: which have no data
    rows = q("unreported_months_by_region", year=year, month=month.month, city=ctx.home)
    rows = rows[100 * rows.reported >= rule["min_reporting_pct"] * rows.units]
    # A month a unit's stored 累计, quarter or year covers is no gap (the query reads the months' cells alone):
    # only the months missing_months_by_region, which knows the spans, also finds missing.
    gaps = q("missing_months_by_region", year=year, month_to=month.month, city=ctx.home)
    missing = {(r, int(m)) for r, months in zip(gaps.region_code, gaps.missing_months) for m in months}
    rows = rows.loc[rows.index[[(r, int(m)) in missing for r, m in zip(rows.region_code, rows.month)]]]
    out = []
    for (region, name), months in rows.groupby(["region_code", "region_name"], sort=False):
        missed, reported = [int(m) for m in months.month], [int(n) for n in months.reported]
        found = "red" if len(missed) >= rule["red_months"] else "yellow"
        others = f"{reported[0]}个" if len(set(reported)) == 1 else f"分别有{'、'.join(map(str, reported))}个"
        out.append(Finding(
            "missing_month", found, year, month.month, region, None, None,
            f"{name}{year}年{'、'.join(f'{m}月' for m in missed)}没有数据，共{len(missed)}个月未报送"
            f"（全市{int(months.units.iloc[0])}个区县级单位中，同月已报送的{others}）。",
            link("regions", Period(year, month.month, "ytd"), ctx.home),
            {"missing_months": missed, "reported": reported,
             "units": int(months.units.iloc[0]), "min_reporting_pct": rule["min_reporting_pct"]}))
    return out


def rate_range(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    year = month.year  # the month itself, against the same month of earlier years
    rows = q("rate_by_region_year", year=year, month=month.month, years=rule["years"], city=ctx.home)
    out = []
    for (region, name), years in rows.groupby(["region_code", "region_name"], sort=False):
        for measure in ("savings_rate_pct", "premium_rate_pct"):
            now = years[years.year == year][measure]
            earlier = years[(years.year < year) & years[measure].notna()]
            if now.empty or metrics.missing(now.iloc[0]) or len(earlier) < rule["min_years"]:
                continue
            value, low, high = (Decimal(str(v)) for v in (now.iloc[0], earlier[measure].min(), earlier[measure].max()))
            beyond = value - high if value > high else low - value if value < low else Decimal(0)
            found = level(float(beyond), rule["yellow_margin_pts"], rule["red_margin_pts"])
            if found:
                metric = metrics.CATALOGUE[measure]
                side = "高于" if value > high else "低于"
                if len(earlier) > 1:
                    span = (f"往年同月（{int(earlier.year.min())}–{int(earlier.year.max())}年）的范围"
                            f"{metrics.pct(low)}～{metrics.pct(high)}")
                else:
                    span = f"往年同月（{int(earlier.year.iloc[0])}年）的{metrics.pct(low)}"
                out.append(Finding(
                    "rate_range", found, year, month.month, region, None, measure,
                    f"{name}{year}年{month.month}月{metric.label}{metrics.pct(value)}，{side}{span}，"
                    f"超出{metrics.rounded(beyond)}个百分点。",
                    link("trend", Period(year, month.month, "month"), region, None, measure),
                    {"value": plain(value), "low": plain(low), "high": plain(high), "beyond_pts": plain(beyond),
                     "years": [int(y) for y in earlier.year], "threshold_pts": rule[f"{found}_margin_pts"]}))
    return out


def large_project(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    year = month.year  # the month itself
    rows = q("projects_large_in_month", year=year, month=month.month, city=ctx.home, min_share=rule["yellow_pct"],
             min_projects=rule["min_projects"])
    out = []
    for r in rows.itertuples():
        found = level(float(r.share_pct), rule["yellow_pct"], rule["red_pct"])
        if not found:
            continue
        out.append(Finding(
            "large_project", found, year, month.month, r.region_code, r.sector_code, r.project_id,
            f"{r.region_name}{year}年{month.month}月单个项目“{r.project_name}”（{r.project_id}）成交{metrics.money(r.amount_wan)}，"
            f"占该地区当月交易额{metrics.money(r.month_amount_wan)}（{int(r.month_projects)}宗）的{metrics.pct(r.share_pct)}，"
            f"超过{rule[f'{found}_pct']}%。",
            link("projects", Period(year, month.month, "month"), r.region_code, r.sector_code),
            {"project_id": r.project_id, "amount_wan": plain(r.amount_wan), "month_amount_wan": plain(r.month_amount_wan),
             "month_projects": int(r.month_projects), "share_pct": plain(r.share_pct),
             "threshold_pct": rule[f"{found}_pct"]}))
    return out


def history_jump(q: Query, ctx: Context, month: Period, rule: dict) -> list[Finding]:
    year = month.year  # the month itself, against the months before it
    rows = q("cells_against_history", year=year, month=month.month, months=rule["months"], city=ctx.home)
    factor = rule["factor"]
    out = []
    for r in rows.itertuples():
        for measure in rule["measures"]:
            stem = measure.removesuffix("_wan")
            value, usual = getattr(r, measure), getattr(r, f"{stem}_avg{'_wan' if measure in MONEY else ''}")
            if metrics.missing(usual) or not value or not usual:
                continue
            ratio = float(value) / float(usual)
            if 1 / factor < ratio < factor:
                continue
            metric = metrics.CATALOGUE[measure]
            months = int(getattr(r, f"{stem}_months"))
            out.append(Finding(
                "history_jump", rule["level"], year, month.month, r.region_code, r.sector_code, measure,
                f"{r.region_name}{r.sector_name}{year}年{month.month}月{metric.label}{metric.format(value)}，是此前{months}个月"
                f"月均{metric.format(usual)}的{ratio:.2f}倍（{'≥' if ratio >= factor else '≤1/'}{factor}倍），"
                "请核对数据（单位是否填错：元/万元/亿元）。",
                link("trend", Period(year, month.month, "month"), r.region_code, r.sector_code, measure),
                {"value": plain(value), "average": plain(usual), "months": months, "ratio": round(ratio, 2),
                 "factor": factor}))
    return out


RULES = {"yoy_drop": yoy_drop, "behind_schedule": behind_schedule, "missing_month": missing_month,
         "rate_range": rate_range, "large_project": large_project, "history_jump": history_jump}
