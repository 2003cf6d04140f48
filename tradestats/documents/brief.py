"""The month's 统计月报 and 汇报PPT share one content: the text, numbered tables and charts of a month and
region, built here from the same queries and sentences as the pages (summary, narrative, press_kit), so that
the Word, PDF and slide versions cannot disagree with 总览 or with each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from tradestats import config
from tradestats.alerting import alert_rules
from tradestats.documents import narrative, press_kit
from tradestats.domain import market, metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query
from tradestats.present import names

FORMATS = ("docx", "pdf", "pptx")
BUTTONS = {"docx": "统计月报（Word）", "pdf": "统计月报（PDF）", "pptx": "汇报PPT"}
SHORT = {"docx": "Word", "pdf": "PDF", "pptx": "PPT"}
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
LAYOUTS = config.PACKAGE / "documents" / "layouts"  # the default templates, shipped with the package
TEMPLATES_DIR = "templates"  # a deployment's own templates: <deployment folder>/templates/<name>
NUMBERED = ("序号", "排名", "上年同期排名", "年份", "月份")


@dataclass(frozen=True)
class Table:
    number: int
    title: str
    frame: pd.DataFrame  # the cells as text, formatted as the pages format them
    numeric: tuple[str, ...]  # columns of numbers: set right-aligned
    note: str = ""  # what the page says under it: figures of 累计/季度/年度 tables, months without monthly figures

    @property
    def caption(self) -> str:
        return f"表{self.number}　{self.title}"


@dataclass(frozen=True)
class Chart:
    number: int
    name: str  # 各板块交易额, as the press kit names it
    conclusion: str  # the slide's title: what the chart says, in one sentence
    figure: go.Figure
    note: str = ""  # as Table.note

    @property
    def caption(self) -> str:
        return f"图{self.number}　{self.name}"


@dataclass
class Brief:
    ctx: Context
    month: Period  # the month of the report (kind "month"): it covers the 1–N月累计 and the month itself
    region: str
    overall: list[str] = field(default_factory=list)  # 一、总体情况
    sectors: list[tuple[str, str]] = field(default_factory=list)  # 二、分板块情况: (heading, paragraph)
    sectors_text: str = ""  # 二、分板块情况 without sectors: why (figures of all sectors together only)
    counties: Table | None = None  # 三、分区县情况
    counties_text: str = ""
    alerts: list[str] = field(default_factory=list)  # 四、需关注的情况
    appendix: list[Table] = field(default_factory=list)  # 附表
    charts: list[Chart] = field(default_factory=list)  # 附图
    definitions: list[tuple[str, str]] = field(default_factory=list)  # 指标说明

    @property
    def center(self) -> str:
        return self.ctx.settings.get("center_name", "")

    @property
    def period_label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    @property
    def report_title(self) -> str:
        return title(self.ctx, self.month, self.region, "docx")

    @property
    def deck_title(self) -> str:
        return title(self.ctx, self.month, self.region, "pptx")

    @property
    def source(self) -> str:
        return summary.source_line(self.ctx)

    def file_name(self, fmt: str) -> str:
        return file_name(self.ctx, self.month, self.region, fmt)


def title(ctx: Context, month: Period, region: str | None, fmt: str) -> str:
    """2024年12月公共资源交易统计月报 (the deck: …情况汇报) of the month (kind "month": only its year and month are
    read); a county's carry its name first. The city's carry no place name: the center's name is on every page."""
    scope = "" if region in (None, ctx.home) else ctx.region_name(region)
    return f"{scope}{month.year}年{month.month}月公共资源交易{'情况汇报' if fmt == 'pptx' else '统计月报'}"


def file_name(ctx: Context, month: Period, region: str | None, fmt: str) -> str:
    return f"{title(ctx, month, region, fmt)}.{fmt}"


def template(name: str) -> Path:
    """A layout file: the deployment's templates/<name> when it has one, else the package's default."""
    own = config.home() / TEMPLATES_DIR / name
    return own if own.is_file() else LAYOUTS / name


def text_cells(df: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """A table's numbers as text: whole numbers for counts and ranks, two decimals with thousands separators
    for money and rates, — where undefined; and which columns are numbers (to be right-aligned)."""
    out, numeric = pd.DataFrame(index=df.index), []
    units = df["单位"] if "单位" in df.columns else None
    for column in df.columns:
        values = df[column]
        if values.dtype.kind not in "fiu" and str(values.dtype) not in ("Int64", "Float64"):
            out[column] = ["" if metrics.missing(v) else str(v) for v in values]
            continue
        numeric.append(column)
        whole = "宗" in column or column in NUMBERED or str(values.dtype) == "Int64"
        cells = []
        for i, v in zip(df.index, values):
            if metrics.missing(v):
                cells.append(metrics.NO_VALUE)
            elif whole or (units is not None and units[i] == "宗" and "（" not in column):
                cells.append(f"{int(v):,}" if "宗" in column or units is not None else str(int(v)))
            else:
                cells.append(f"{metrics.rounded(v):,}")
        out[column] = cells
    return out, tuple(numeric)


def numbered(tables: list[tuple[str, pd.DataFrame]], first: int, notes: dict[str, str] | None = None) -> list[Table]:
    """The tables numbered from first; notes by title (the page's words under them)."""
    notes = notes or {}
    return [Table(first + i, title, *text_cells(df), notes.get(title, "")) for i, (title, df) in enumerate(tables)]


def rank_move(rank, rank_prev) -> str:
    """上升2位 / 下降1位 / 持平 / —: the table's column says against what (上年同期)."""
    words = metrics.rank_change(rank, rank_prev)
    return {"与上年持平": "持平", "上年无排名": metrics.NO_VALUE}.get(words, words.removeprefix("较上年"))


def county_frame(q: Query, ctx: Context, period: Period) -> pd.DataFrame:
    """The city's county-level units: count, amount, 同比, rank and its change; 完成率 where targets are set."""
    amounts = q("rank_by_region", **period.params(), parent=ctx.home, sector=None, measure="amount_wan")
    counts = q("rank_by_region", **period.params(), parent=ctx.home, sector=None, measure="projects")
    counts = counts.set_index("region_code").value.reindex(amounts.region_code)
    frame = pd.DataFrame({
        "排名": amounts["rank"].astype("Int64"), "地区": amounts.region_name,
        "项目数（宗）": counts.to_numpy(), "交易额（万元）": amounts.value.astype(float),
        "同比（%）": amounts.value_yoy_pct.astype(float), "上年同期排名": amounts.rank_prev.astype("Int64"),
        "排名变化": [rank_move(r, p) for r, p in zip(amounts["rank"], amounts.rank_prev)]})
    frame["项目数（宗）"] = frame["项目数（宗）"].astype("Int64")
    goals = targets.by_county(q, ctx, period, "amount_wan")
    if len(goals):
        goals = goals.set_index("region_code").reindex(amounts.region_code)
        frame["完成率（%）"] = goals.completion_pct.astype(float).to_numpy()
        frame["较序时进度（百分点）"] = goals.vs_schedule_pts.astype(float).to_numpy()
    return frame


def county_sentence(ctx: Context, frame: pd.DataFrame, period: Period) -> str:
    ranked = frame.dropna(subset=["排名"])
    if ranked.empty:
        return f"{period.label}{ctx.region_name(ctx.home)}的数据没有分区县，无法按区县统计。"
    top = "、".join(f"{name}（{metrics.money(wan)}）" for name, wan in ranked[["地区", "交易额（万元）"]].head(3).values)
    text = f"{period.label}，交易额居前三位的是{top}。"
    if "完成率（%）" in frame.columns:
        behind = frame[frame["较序时进度（百分点）"] < 0]
        text += (f"按年度目标，{'、'.join(behind.地区)}落后序时进度。" if len(behind)
                 else "设有年度目标的区县均达到序时进度。")
    return text


def own_rank_sentence(q: Query, ctx: Context, period: Period, region: str) -> str:
    """A county's report: where it stands among the city's county-level units."""
    ranks = summary.ranking(q, ctx, period, region)
    own = ranks[ranks.region_code == region]
    if own.empty or metrics.missing(own["rank"].iloc[0]):
        return f"{period.label}{ctx.region_name(region)}在全市区县中没有排名。"
    r = own.iloc[0]
    return (f"{period.label}，{r.region_name}{metrics.AMOUNT.label}{metrics.money(r.value)}，"
            f"{summary.rank_label(ctx, region, r['rank'], r.rank_of).replace('个区县', '个区县中列')}，"
            f"{metrics.rank_change(r['rank'], r.rank_prev)}。各区县的情况见全市月报。")


def sector_paragraph(q: Query, period: Period, month: Period, region: str, s, this_month) -> str:
    """One sector: 累计 count and amount with 同比 and share, its money measure and rate, the month, its types."""
    text = (f"{period.months_label}，{s.sector_name}类完成交易项目{metrics.PROJECTS.format(s.projects)}，"
            f"{narrative.change_words(s.projects_yoy_pct)}；交易额{metrics.AMOUNT.format(s.amount_wan)}，"
            f"{narrative.change_words(s.amount_yoy_pct)}，占交易总额的{metrics.pct(s.share_pct)}")
    if s.direction == "purchase" and not metrics.missing(s.savings_wan):
        text += f"；节约资金{metrics.SAVINGS.format(s.savings_wan)}，节资率{metrics.pct(s.savings_rate_pct)}"
    elif s.direction == "sale" and not metrics.missing(s.premium_wan):
        text += f"；增收资金{metrics.PREMIUM.format(s.premium_wan)}，增值率{metrics.pct(s.premium_rate_pct)}"
    text += "。"
    if month.month > 1 and this_month is not None and not metrics.missing(this_month.projects):
        text += (f"{month.months_label}当月完成{metrics.PROJECTS.format(this_month.projects)}，交易额"
                 f"{metrics.AMOUNT.format(this_month.amount_wan)}，{narrative.change_words(this_month.amount_yoy_pct)}。")
    types = q("amount_by_trade_type", **period.params(), region=region, sector=s.sector_code)
    types = types[~types.whole_sector & types.projects.notna()]
    if len(types):
        text += "其中，" + "；".join(
            f"{t.trade_type_name}{metrics.PROJECTS.format(t.projects)}，交易额{metrics.AMOUNT.format(t.amount_wan)}"
            for t in types.itertuples()) + "。"
    return text


def sectors_section(q: Query, period: Period, month: Period, region: str) -> list[tuple[str, str]]:
    numbers = "一二三四五六七八九十"
    ytd = summary.sectors(q, period, region).dropna(subset=["projects"])
    months = summary.sectors(q, month, region).set_index("sector_code")
    out = []
    for i, s in enumerate(ytd.itertuples()):
        this_month = months.loc[s.sector_code] if s.sector_code in months.index else None
        out.append((f"（{numbers[i]}）{s.sector_name}", sector_paragraph(q, period, month, region, s, this_month)))
    return out


def alert_lines(q: Query, month: Period, region: str, ctx: Context) -> list[str]:
    """The month's 预警 not closed (month: kind "month", as the ledger keeps it), red first, as 【红色预警】message
    (acknowledged ones say so)."""
    try:
        rows = q("alerts_by_status", year=month.year, month=month.month, status=None)
    except Exception:  # noqa: BLE001 — a database from before the alert ledger: nothing to report
        return []
    rows = rows[rows.status != "closed"]
    if region != ctx.home:
        rows = rows[rows.region_code == region]
    rows = rows.sort_values("level", key=lambda s: s != "red", kind="stable")
    return [f"【{alert_rules.LEVELS[r.level]}预警】{r.message}" + ("（已确认）" if r.status == "acknowledged" else "")
            for r in rows.itertuples()]


def definitions(ctx: Context, period: Period, has_targets: bool, competition: str = "") -> list[tuple[str, str]]:
    basis = metrics.rate_basis(ctx.settings)

    def sectors(direction: str) -> str:  # the deployment's sectors of a direction: 工程建设、政府采购
        return "、".join(ctx.sectors.sector_name[ctx.sectors.direction == direction])

    out = [
        (metrics.PROJECTS.label, f"{metrics.PROJECTS.help}，单位：{metrics.PROJECTS.unit}。"),
        (metrics.AMOUNT.label, f"{metrics.AMOUNT.help}，以万元统计，1亿元以上以亿元表示，保留两位小数。"),
        (metrics.SAVINGS.label, f"{metrics.SAVINGS.help}，适用于{sectors('purchase') or '采购类'}等采购类板块。"),
        (metrics.PREMIUM.label, f"{metrics.PREMIUM.help}，适用于{sectors('sale') or '出让类'}等出让类板块。"),
        (metrics.SAVINGS_RATE.label, f"{metrics.SAVINGS.label} ÷ 采购类{basis} × 100%（本中心以{basis}为基数）。"),
        (metrics.PREMIUM_RATE.label, f"{metrics.PREMIUM.label} ÷ 出让类{'底价' if basis == '预算/底价' else basis} × 100%"
                                     f"（本中心以{basis}为基数）。"),
        ("同比", "（本期 − 上年同期）÷ 上年同期 × 100%，上年同期为上年相同的月份；上年同期为零或无数据时记为“—”。"),
        ("当月与累计", f"当月为{period.month}月一个月；累计为{period.year}年1-{period.month}月，"
                  f"与{period.year - 1}年1-{period.month}月比较。" if period.month > 1 else
         f"当月与累计均为{period.year}年1月，与{period.year - 1}年1月比较。"),
        (metrics.SHARE.label, "部分 ÷ 全部 × 100%。"),
        ("排名", "按累计交易额从高到低，并列者名次相同（1、2、2、4）；市在全省市州中排名，区县在全市区县中排名；"
               "排名变化与上年同期的名次比较。"),
    ]
    if competition:  # the measures of 一、总体情况's sentence on bidders: from the project lists
        out += [(m.label, f"项目明细中{m.help}。") for m in (market.AVG_BIDDERS, market.FAILED_RATE)
                if m is market.AVG_BIDDERS or m.label in competition]
    if has_targets:
        out.append(("完成率与序时进度", targets.note(ctx, period).removesuffix("绿色为达到或超过序时进度，红色为落后。").removesuffix("；") + "。"))
    out.append(("数据", summary.source_line(ctx) + ("。示例数据中月度、区县的拆分是合成的，只有全年合计与中心公开的报告一致。"
                                                if ctx.is_demo else "。")))
    return out


def conclusions(q: Query, brief: Brief, period: Period, month: Period) -> dict[str, str]:
    """Each standard chart's slide title: the sentence a leader should take from it."""
    ctx, region = brief.ctx, brief.region
    head = summary.headline(q, period, region)
    this_month = summary.headline(q, month, region)
    sectors = summary.sectors(q, period, region).dropna(subset=["projects"]).sort_values("amount_wan", ascending=False)
    lead = sectors.iloc[0] if len(sectors) else None
    lead_words = f"，{lead.sector_name}占{metrics.pct(lead.share_pct)}" if lead is not None else ""
    second = (f"，其次为{sectors.iloc[1].sector_name}（{metrics.pct(sectors.iloc[1].share_pct)}）"
              if len(sectors) > 1 else "")
    counties = q("rank_by_region", **period.params(), parent=ctx.home, sector=None, measure="amount_wan")
    counties = counties.dropna(subset=["rank"])
    top3 = "、".join(names.shortened(n, names.SLIDE) for n in counties.region_name.head(3))
    cities = q("rank_by_region", **period.params(), parent=ctx.province, sector=None, measure="amount_wan")
    own = cities[cities.region_code == ctx.home]
    rank_words = (f"交易额位列{summary.rank_label(ctx, ctx.home, own['rank'].iloc[0], own.rank_of.iloc[0])}，"
                  f"{metrics.rank_change(own['rank'].iloc[0], own.rank_prev.iloc[0])}" if len(own) else "全省市州排名暂无数据")
    return {
        "各板块交易额": f"{period.months_label}{metrics.AMOUNT.label}{metrics.AMOUNT.format(head.amount_wan)}，"
                     f"{narrative.change_words(head.amount_yoy_pct)}{lead_words}",
        "交易额板块占比": (f"{lead.sector_name}交易额占比最高（{metrics.pct(lead.share_pct)}）{second}"
                       if lead is not None else "各板块交易额占比"),
        "各月交易额": (f"{month.months_label}当月交易额{metrics.AMOUNT.format(this_month.amount_wan)}，"
                   f"{narrative.change_words(this_month.amount_yoy_pct)}" if this_month["basis"] != "unknown"
                   else f"{month.months_label}当月交易额无法得出（没有该月的分月数据）"),
        "各区县交易额排名": f"交易额居前三位的是{top3}" if top3 else "本期没有分区县的数据",
        "全省市州交易额排名": rank_words,
        "各区县交易额地图": f"交易额集中在{top3}" if top3 else "本期没有分区县的数据",
        "交易方式构成": method_words(press_kit.methods(q, press_kit.Kit(ctx, period, region))),
    }


def method_words(rows: pd.DataFrame) -> str:
    """The 交易方式 chart's conclusion (a slide's title): the most used method by count, and the next (未填 is
    none), each name shortened (names.SLIDE)."""
    rows = rows[rows.key != market.NO_METHOD].sort_values("projects", ascending=False, kind="stable")
    if rows.empty:
        return "交易方式构成"
    first = rows.iloc[0]
    words = f"{names.shortened(first['name'], names.SLIDE)}是主要交易方式（宗数占{metrics.pct(first.projects_share_pct)}）"
    if len(rows) > 1:
        words += (f"，其次为{names.shortened(rows.iloc[1]['name'], names.SLIDE)}"
                  f"（{metrics.pct(rows.iloc[1].projects_share_pct)}）")
    return words


def build(q: Query, month: Period, region: str | None = None) -> Brief:
    """The content of the month's report and deck: 1–month 累计 of the year, with the month itself beside it.
    month: the month of the report (kind "month"; only its year and month are read)."""
    ctx = summary.context(q)
    region = region or ctx.home
    ctx.region_name(region)  # an unknown code is refused here, with the codes that exist
    period, this_month = Period(month.year, month.month, "ytd"), Period(month.year, month.month, "month")
    brief = Brief(ctx, this_month, region)
    head, head_month = summary.headline(q, period, region), summary.headline(q, this_month, region)
    if head.cells == 0:
        raise ValueError(f"{period.label}{narrative.where(ctx, region)}没有公共资源交易数据，无法生成统计月报。")
    if missing := summary.missing_sentence(ctx, period, head["unknown_regions"]):  # a report of "—" says nothing
        raise ValueError(f"无法生成{brief.period_label}的统计月报：{missing}")
    by_sector = summary.sectors(q, period, region)
    brief.overall = [narrative.totals_sentence(q, ctx, period, region, head)
                     + narrative.sectors_sentence(period, head, by_sector)  # or: the split is unknown
                     + (competition := narrative.competition_sentence(q, period, region))]
    kit = press_kit.Kit(ctx, period, region)
    # The page's notes: figures of 累计/季度/年度 tables; units that reported no figure for months of the period.
    brief.overall += [n for n in (summary.basis_note(period, head), press_kit.unreported(q, kit)) if n]
    if this_month.month > 1:  # in January the month is the 累计
        brief.overall[:0] = month_sentences(q, ctx, this_month, region, head_month)
    goals = narrative.targets_sentence(q, ctx, period, region)
    if goals:
        brief.overall.append(goals)
    brief.sectors = sectors_section(q, period, this_month, region)
    if not brief.sectors:
        brief.sectors_text = summary.split_note(period, head, by_sector.dropna(subset=["projects"]))
    sheets = press_kit.tables(q, kit)
    said = press_kit.notes(q, kit)  # under the tables and charts, as under the pages'
    first = 1
    if region == ctx.home:
        frame = county_frame(q, ctx, period)
        brief.counties = Table(1, f"{period.label}各区县交易情况", *text_cells(frame), said.get("区县排名", ""))
        brief.counties_text = county_sentence(ctx, frame, period)
        first = 2
    else:
        brief.counties_text = own_rank_sentence(q, ctx, period, region)
    titles = {"主要指标": "主要指标", "板块": "分板块交易情况", "各月交易额": "各月交易额",
              "区县排名": "各区县交易额排名", "市州排名": "全省市州交易额排名", "年度目标": "年度目标完成情况"}
    # The months' table holds the months of the year and the year before, whatever the period: titled by them.
    caption = {k: f"{period.year - 1}—{period.year}年" if k == "各月交易额" else period.label for k in sheets}
    brief.appendix = numbered([(f"{caption[k]}{titles.get(k, k)}", df) for k, df in sheets.items()], first,
                              {f"{caption[k]}{titles.get(k, k)}": said.get(k, "") for k in sheets})
    brief.alerts = alert_lines(q, this_month, region, ctx)
    words = conclusions(q, brief, period, this_month)
    figures = press_kit.standard_charts(q, kit) + press_kit.market_charts(q, kit)  # the latter where the data has it
    brief.charts = [Chart(i, name, words.get(name, name), fig, said.get(name, ""))
                    for i, (name, fig) in enumerate(figures, start=1)]
    brief.definitions = definitions(ctx, period, "年度目标" in sheets, competition)
    return brief


def month_sentences(q: Query, ctx: Context, month: Period, region: str, head) -> list[str]:
    """一、总体情况's first paragraph: the month's figures and where they came from; what is missing where the
    month cannot be known (a center that keeps 累计 tables only), never a sentence of "—"."""
    if missing := summary.missing_sentence(ctx, month, head["unknown_regions"]):
        return [missing]
    if not head.cells:
        return [f"{month.month}月{narrative.where(ctx, region)}没有公共资源交易数据。"]
    note = summary.basis_note(month, head)
    return [narrative.totals_sentence(q, ctx, month, region, head), *([note] if note else [])]
