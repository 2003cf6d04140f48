"""Plotly figures in the house style: CJK fonts, a fixed colour per sector, unit and period in the title,
and a source line. Built with graph_objects (not Plotly Express), which is several times cheaper."""

from __future__ import annotations

import html
import math
import unicodedata

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tradestats.domain import metrics
from tradestats.domain.metrics import Metric
from tradestats.domain.periods import QUARTERS
from tradestats.present import geo
from tradestats.present.names import CHART, chart_label, plotly_text, shortened, tooltip

FONT = ("Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
        "WenQuanYi Micro Hei, sans-serif")
# Exports lead with a TrueType CJK font: Chromium embeds it in a PDF by name, while the CFF-based Noto
# CJK fonts become anonymous Type 3 glyphs there. The screen keeps Noto first.
PRINT_FONT = "WenQuanYi Zen Hei, " + FONT
# The pages' own text (the theme's font in .streamlit/config.toml; tests/test_serve.py checks they agree):
# Streamlit's Source Sans for Latin letters and digits, the charts' CJK fonts for Chinese — left to the
# browser, it took whatever CJK font the system offers first (WenQuanYi Zen Hei on Debian), unlike the charts.
PAGE_FONT = "'Source Sans', " + FONT
TEXT = "#1f2933"
GRID = "#e4e7eb"
MUTED = "#9aa5b1"
HIGHLIGHT = "#B03A2E"
FONT_SIZE = 14
TEMPLATE_LEFT = 10  # px: the figure's left margin unless a chart needs more
TEMPLATE_BOTTOM = 72  # px: room for the x axis's labels and the source line
LEGEND_TOP = 92  # px above the plot for the title and a legend of two rows

pio.templates["tradestats"] = go.layout.Template(layout=dict(
    font=dict(family=FONT, size=FONT_SIZE, color=TEXT),
    # Pinned to the top (not centred in the top margin), so a legend above the plot never reaches it.
    # At the figure's left edge, as the source line is: beside a donut or a long axis it had 60–80 px less.
    title=dict(x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
               pad=dict(t=14, l=TEMPLATE_LEFT),
               font=dict(size=17)),
    paper_bgcolor="white",
    plot_bgcolor="white",
    colorway=["#2874A6", "#B03A2E", "#1E8449", "#D4AC0D", "#7F8C8D"],
    margin=dict(l=TEMPLATE_LEFT, r=20, t=64, b=TEMPLATE_BOTTOM),
    # 12,000 (万元), never Plotly's 12k: a Chinese reader takes no k after a unit of 万.
    xaxis=dict(gridcolor=GRID, linecolor=GRID, exponentformat="none", separatethousands=True),
    yaxis=dict(gridcolor=GRID, zerolinecolor=GRID, exponentformat="none", separatethousands=True),
    legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
    hoverlabel=dict(font=dict(family=FONT)),
    separators=".,",
))
# A new figure starts with the default template, copied into it, before finish() sets ours: Streamlit's
# default ("streamlit", registered when it is imported) is a large one to copy (~10 ms of a new month's
# four figures). Ours is the default; the figures are the same.
pio.templates.default = "tradestats"


def money_scale(values_wan) -> tuple[float, str]:
    """Divide by this to plot the values in the unit their size calls for (亿元 from 1亿 up)."""
    biggest = max((abs(float(v)) for v in values_wan if not metrics.missing(v)), default=0)
    return (metrics.WAN_PER_YI, "亿元") if biggest >= metrics.WAN_PER_YI else (1, "万元")


def scale_of(metric: Metric, values) -> tuple[float, str]:
    return money_scale(values) if metric.unit == "money" else (1, metric.unit)


def scaled(metric: Metric, values, scale: tuple[float, str] | None = None) -> tuple[list[float | None], str]:
    """The values in the unit to plot them in (the one their size calls for, unless given), and that unit."""
    div, unit = scale or scale_of(metric, values)
    return [None if metrics.missing(v) else float(v) / div for v in values], unit


def label_px(text, size: int = FONT_SIZE) -> float:
    """About how wide a label is drawn: CJK characters are square, the rest about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in str(text))


def tick_label(values) -> str:
    """About the widest tick label Plotly writes on a numeric axis holding values: 1,500, 0.5, -50, 400,000."""
    numbers = [abs(float(v)) for v in values if v is not None and not metrics.missing(v)]
    top = max(numbers, default=0)
    digits = "0.5" if top < 10 else f"{top:,.0f}"
    return ("-" if any(float(v) < 0 for v in values if v is not None and not metrics.missing(v)) else "") + digits


def fit_left_margin(fig: go.Figure) -> None:
    """A left margin that holds the y axis's labels and title, worked out here: Plotly's automargin finds
    it by drawing each chart twice, which doubled the time a browser took to show the overview's charts
    (the donut's sevenfold). Charts with unforeseeable labels turn automargin on for their axis."""
    axis = fig.layout.yaxis
    if axis.visible is False or axis.automargin or not any(t.type in ("bar", "scatter") for t in fig.data):
        return
    horizontal = [t for t in fig.data if getattr(t, "orientation", None) == "h"]
    if horizontal:
        # The labels as drawn: the names' shortened labels where name_axis set them, unescaped.
        drawn = axis.ticktext or [y for t in horizontal for y in ((), t.y)[t.y is not None]]
        widest = max((label_px(html.unescape(str(y))) for y in drawn), default=0)
    else:
        widest = label_px(tick_label([v for t in fig.data if t.y is not None for v in t.y]))
    title = FONT_SIZE + 12 if axis.title.text else 0
    fig.update_layout(margin_l=10 + widest + 8 + title)


def name_axis(fig: go.Figure, axis: str, names, shown=None) -> list[str]:
    """Names (from files: parties, methods, regions, indicators …) as the categories of an axis, x or y. Each
    category is the whole name escaped (names.plotly_text), so two names never share a row; its label is the
    name shortened (names.chart_label), or shown's text escaped. Returns the categories, to plot at; a trace's
    tooltip gives the whole name (hovertext=names_tooltips(…))."""
    categories = [plotly_text(n) for n in names]
    labels = [chart_label(n) for n in names] if shown is None else [plotly_text(s) for s in shown]
    fig.update_layout({f"{axis}axis": dict(type="category", tickmode="array", tickvals=categories, ticktext=labels)})
    return categories


def names_tooltips(names) -> list[str]:
    """Each name as its point's tooltip shows it (names.tooltip): whole up to 120 characters, in lines."""
    return [tooltip(n) for n in names]


def finish(fig: go.Figure, title: str, source: str, height: int = 380) -> go.Figure:
    """The house style; the title and the source line are text (a name in a title is not a tag)."""
    title, source = plotly_text(title), plotly_text(source)
    fig.update_layout(title_text=title, height=height)  # the template: pio.templates.default, set as a figure is made
    fit_left_margin(fig)
    if sum(1 for t in fig.data if t.showlegend is not False and t.name) >= 3:
        fig.update_layout(margin_t=LEGEND_TOP)  # a phone wraps three names to two rows, up into the title
    # The source line starts at the figure's left edge, not the plot's (the donut's plot starts 80 px in,
    # and its source line ran off the right of a narrow column).
    left = fig.layout.margin.l if fig.layout.margin.l is not None else TEMPLATE_LEFT
    # Its line (11 px type, ~16 px tall) ends 6 px above the figure's bottom edge, below the axis labels.
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else TEMPLATE_BOTTOM
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=22 - bottom, xshift=TEMPLATE_LEFT - left,
                       xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color=MUTED))
    return fig


def config(filename: str) -> dict:
    """Plotly config: no logo link; the camera button saves a PNG at 3× named for the chart and period."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3, "filename": filename},
            "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


GREYS = ("#7b8794", "#a3acb9", "#c4cbd4", "#dde1e6")
GRAINS = {"month": "月", "quarter": "季", "year": "年"}


def period_name(grain: str, period: int) -> str:
    if grain == "month":
        return f"{period}月"
    return QUARTERS[period - 1] if grain == "quarter" else "全年"


def value_text(values: list, unit: str) -> list[str]:
    return [metrics.NO_VALUE if v is None else f"{v:.0f}" if unit == "宗" else f"{v:.2f}" for v in values]


def sector_bars(sectors: pd.DataFrame, metric: Metric, period_label: str, source: str) -> go.Figure:
    """One bar per sector in its own colour, the value written on it; a click gives the sector code."""
    values, unit = scaled(metric, sectors[metric.column])
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=name_axis(fig, "x", sectors.sector_name), y=values, marker_color=sectors.color,
        customdata=sectors.sector_code, hovertext=names_tooltips(sectors.sector_name),
        text=value_text(values, unit), textposition="outside", cliponaxis=False,
        hovertemplate="%{hovertext}：%{y:.2f}" + unit + "<extra></extra>",
    ))
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, f"{period_label}各板块{metric.label}（{unit}）", source)


def sector_bars_compact(sectors: pd.DataFrame, metric: Metric, period_label: str, source: str) -> go.Figure:
    """手机简报's sectors: one horizontal bar per sector, its value and 占比 written beside it, in a phone's width."""
    values, unit = scaled(metric, sectors[metric.column])
    shares = [metrics.pct(p) for p in sectors.share_pct] if metric is metrics.AMOUNT else None
    text = [t if shares is None else f"{t}（{s}）" for t, s in zip(value_text(values, unit), shares or values)]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=name_axis(fig, "y", sectors.sector_name), x=values, orientation="h", marker_color=sectors.color,
        customdata=sectors.sector_code, hovertext=names_tooltips(sectors.sector_name), text=text,
        textposition="outside", cliponaxis=False, hovertemplate="%{hovertext}：%{x:.2f}" + unit + "<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(visible=False, rangemode="tozero", range=[0, max((v or 0 for v in values), default=0) * 1.6 or 1])
    title = f"{period_label}各板块{metric.label}" + ("及占比" if shares else "") + f"（{unit}）"
    fig.update_layout(margin_b=36, margin_r=10)
    return finish(fig, title, source, height=60 + 34 * len(sectors) + 40)


def sector_share(sectors: pd.DataFrame, period_label: str, source: str) -> go.Figure:
    fig = go.Figure(go.Pie(
        **pie_names(sectors.sector_name), values=sectors.amount_wan.astype(float), hole=0.55, sort=False,
        customdata=sectors.sector_code,
        marker=dict(colors=sectors.color, line=dict(color="white", width=2)),
        texttemplate="%{text}<br>%{percent:.2%}", textposition="outside",
        hovertemplate="%{hovertext}：%{percent:.2%}<extra></extra>",
    ))
    # Room around the donut for the labels outside it (automargin would find it by drawing twice).
    fig.update_layout(showlegend=False, margin=dict(l=80, r=80, t=90, b=90))
    return finish(fig, f"{period_label}交易额板块占比（%）", source)


def pie_names(names) -> dict:
    """A donut's names: each slice the whole name escaped (one slice a name), labelled shortened (%{text}) and
    whole in the tooltip (%{hovertext})."""
    return {"labels": [plotly_text(n) for n in names], "text": [chart_label(n) for n in names],
            "hovertext": names_tooltips(names)}


def overlay(trend: pd.DataFrame, metric: Metric, column: str, grain: str, year: int, title: str,
            source: str, ahead: tuple[tuple[int, float], ...] | None = None,
            spread: tuple[float, float] | None = None) -> go.Figure:
    """Years laid over each other period by period: the chosen year as bars, earlier years as grey lines.
    By year, one bar a year. ahead: the year's estimated continuation by month, (month, value) from the
    last month with data on, drawn dashed; spread: the estimate's low and high, an error bar on its last
    point."""
    scale = scale_of(metric, trend[column])
    unit = scale[1]
    fig = go.Figure()
    if grain == "year":
        values, _ = scaled(metric, trend[column], scale)
        fig.add_trace(go.Bar(x=[f"{y}年" for y in trend.year], y=values, text=value_text(values, unit),
                             marker_color=[HIGHLIGHT if y == year else MUTED for y in trend.year],
                             textposition="outside", cliponaxis=False,
                             hovertemplate="%{x}：%{y:.2f}" + unit + "<extra></extra>"))
    else:
        years = sorted(trend.year.unique())
        for i, y in enumerate(reversed(years)):
            part = trend[trend.year == y]
            values, _ = scaled(metric, part[column], scale)
            names = [period_name(grain, p) for p in part.period]
            hover = f"{y}年%{{x}}：%{{y:.2f}}{unit}<extra></extra>"
            if y == year:
                fig.add_trace(go.Bar(x=names, y=values, name=f"{y}年", marker_color=HIGHLIGHT, hovertemplate=hover))
            else:
                fig.add_trace(go.Scatter(x=names, y=values, name=f"{y}年", mode="lines+markers",
                                         line=dict(color=GREYS[min(i - 1, len(GREYS) - 1)], width=2),
                                         hovertemplate=hover))
        if ahead and grain == "month":
            fig.add_trace(estimate_line(ahead, metric, year, scale, spread))
        order = [period_name(grain, p) for p in range(1, 13 if grain == "month" else 5)]
        fig.update_xaxes(categoryorder="array", categoryarray=order)
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, f"{title}（{unit}）", source)


def estimate_line(ahead: tuple[tuple[int, float], ...], metric: Metric, year: int, scale: tuple[float, str],
                  spread: tuple[float, float] | None) -> go.Scatter:
    """The year-end estimate as a dashed line on from the last month with data, with its range on December."""
    values, unit = scaled(metric, [v for _, v in ahead], scale)
    error = None
    if spread:
        (low, high), last = scaled(metric, spread, scale)[0], values[-1]
        none = [None] * (len(values) - 1)  # no bar, and no cap, on the months before December
        error = dict(type="data", symmetric=False, array=none + [high - last],
                     arrayminus=none + [last - low], color=HIGHLIGHT, thickness=1.5, width=6)
    return go.Scatter(x=[f"{m}月" for m, _ in ahead], y=values, name=f"{year}年预计", mode="lines+markers",
                      line=dict(color=HIGHLIGHT, width=2, dash="dash"),
                      marker=dict(size=7, color="white", line=dict(color=HIGHLIGHT, width=1.5)), error_y=error,
                      hovertemplate=f"{year}年%{{x}}（预计）：%{{y:.2f}}{unit}<extra></extra>")


def changes(trend: pd.DataFrame, metric: Metric, grain: str, year: int, source: str) -> go.Figure:
    """同比 and 环比 of the year's periods as lines, in percent or (for rates) percentage points."""
    part = trend[trend.year == year]
    names = [period_name(grain, p) for p in part.period]
    unit = "百分点" if metric.is_rate else "%"
    fig = go.Figure()
    for column, label, color, dash in (("yoy_pct", "同比", HIGHLIGHT, "solid"), ("mom_pct", "环比", MUTED, "dot")):
        values = [None if metrics.missing(v) else float(v) for v in part[column]]
        # Only 同比 carries labels: two sets of numbers on crossing lines cannot be read.
        fig.add_trace(go.Scatter(x=names, y=values, name=label, mode="lines+markers+text" if label == "同比"
                                 else "lines+markers",
                                 text=[metrics.NO_VALUE if v is None else f"{v:+.2f}" for v in values],
                                 textposition="top center", cliponaxis=False,
                                 line=dict(color=color, width=2, dash=dash),
                                 hovertemplate=f"{label} %{{x}}：%{{y:+.2f}}{unit}<extra></extra>"))
    fig.add_hline(y=0, line=dict(color=TEXT, width=1))
    fig.update_yaxes(title_text=unit)
    return finish(fig, f"{year}年各{GRAINS[grain]}{metric.label}同比与环比（{unit}）", source)


def share_by_month(shares: pd.DataFrame, year: int, source: str) -> go.Figure:
    """Each sector's share of the month's amount, stacked to 100%."""
    fig = go.Figure()
    for code, part in shares.groupby("sector_code", sort=False):
        name = part.sector_name.iloc[0]
        fig.add_trace(go.Bar(x=[f"{m}月" for m in part.month], y=part.share_pct.astype(float),
                             name=chart_label(name), marker_color=part.color.iloc[0],
                             hovertemplate=tooltip(name) + " %{x}：%{y:.2f}%<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text="%", range=[0, 100])
    return finish(fig, f"{year}年各月交易额板块占比（%）", source)


def money_by_sector(sectors: pd.DataFrame, metric: Metric, rate: Metric, period_label: str,
                    source: str) -> go.Figure:
    """节约资金 (or 增收资金) of the sectors it applies to, each bar labelled with the rate."""
    values, unit = scaled(metric, sectors[metric.column])
    labels = [f"{v}<br>{rate.label}{rate.format(r)}" for v, r in zip(value_text(values, unit), sectors[rate.column])]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=name_axis(fig, "x", sectors.sector_name), y=values, marker_color=sectors.color,
                         text=labels, customdata=sectors.sector_code, textposition="outside", cliponaxis=False,
                         hovertext=names_tooltips(sectors.sector_name),
                         hovertemplate="%{hovertext}：%{y:.2f}" + unit + "<extra></extra>"))
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, f"{period_label}各板块{metric.label}与{rate.label}（{unit}）", source)


def rank_bars(ranks: pd.DataFrame, metric: Metric, highlight: str, title: str, source: str) -> go.Figure:
    """Horizontal bars, highest on top, the highlighted region in the accent colour; a click gives its code."""
    ranks = ranks.dropna(subset=["value"]).iloc[::-1]
    values, unit = scaled(metric, ranks.value)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=values, y=name_axis(fig, "y", ranks.short_name), orientation="h", customdata=ranks.region_code,
        marker_color=[HIGHLIGHT if c == highlight else MUTED for c in ranks.region_code],
        text=value_text(values, unit), textposition="outside", cliponaxis=False,
        hovertext=names_tooltips(ranks.short_name), hovertemplate="%{hovertext}：%{x:.2f}" + unit + "<extra></extra>",
    ))
    # Room on the right for the longest bar's label.
    fig.update_xaxes(range=[0, max(values, default=1) * 1.15])
    return finish(fig, f"{title}（{unit}）", source, height=max(320, 34 * len(ranks) + 120))


AHEAD, BEHIND = "#1E8449", "#B03A2E"


def target_bars(names: list[str], completion: pd.Series, behind: pd.Series, schedule: float, title: str,
                source: str, codes: list | None = None) -> go.Figure:
    """完成率 as horizontal bars, first on top — green at or ahead of 序时进度, red behind it — and 序时进度 as
    a dashed line across them; a click gives the row's code when codes are given."""
    values = [float(v) for v in completion]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=values[::-1], y=name_axis(fig, "y", names[::-1]), orientation="h", customdata=(codes or names)[::-1],
        marker_color=[BEHIND if b else AHEAD for b in list(behind)[::-1]],
        text=[f"{v:.1f}%" for v in values[::-1]], textposition="outside", cliponaxis=False,
        hovertext=names_tooltips(names[::-1]), hovertemplate="%{hovertext}：完成%{x:.2f}%<extra></extra>",
    ))
    fig.add_vline(x=float(schedule), line_dash="dash", line_color=TEXT, line_width=1.5)
    fig.add_annotation(x=float(schedule), y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=f"序时进度{float(schedule):.1f}%", font=dict(size=12, color=TEXT))
    fig.update_xaxes(range=[0, max([110.0, *values]) * 1.12], ticksuffix="%")
    return finish(fig, title, source, height=max(220, 38 * len(names) + 150))


def region_map(city: str, ranks: pd.DataFrame, metric: Metric, highlight: str, title: str,
               source: str) -> go.Figure:
    """The city's counties (geo.boundaries, which must exist) coloured by the measure, names written on
    them. Drawn as filled shapes on plain axes (longitude, latitude at the county's scale), not a geo
    subplot: that one fetches a world map from a CDN before it draws anything, which an offline server
    cannot. A click on a county or its name gives its code. By city code, not the GeoJSON itself: a figure
    cache key would hash the 45 KB of polygons on every run."""
    by_code = ranks.set_index("region_code").value
    features = geo.boundaries(city)["features"]
    codes = [x["properties"]["region_code"] for x in features]
    values, unit = scaled(metric, [by_code.get(c) for c in codes])
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0, 1)
    fig = go.Figure()
    for feature, code, value in zip(features, codes, values):
        xs, ys = _outline(feature["geometry"])
        name = plotly_text(feature["properties"]["short_name"])
        fig.add_trace(go.Scatter(
            x=xs, y=ys, fill="toself", mode="lines", hoveron="fills",
            fillcolor=MISSING if value is None else _blend(MAP_LOW, HIGHLIGHT, _position(value, low, high)),
            line=dict(color=TEXT if code == highlight else "white", width=3 if code == highlight else 1),
            text=f"{name}：{metrics.NO_VALUE if value is None else f'{value:.2f}{unit}'}", hoverinfo="text",
            customdata=[code] * len(xs),
        ))
    centers = [_center(x["geometry"]) for x in features]
    fig.add_trace(go.Scatter(
        x=[c[0] for c in centers], y=[c[1] for c in centers], mode="markers+text", customdata=codes,
        text=[chart_label(x["properties"]["short_name"]) for x in features], textposition="middle center",
        textfont=dict(size=13, color=TEXT), marker=dict(size=26, color="rgba(255,255,255,0.01)"),
        hovertext=[f"{tooltip(x['properties']['short_name'])}：{metrics.NO_VALUE if v is None else f'{v:.2f}{unit}'}"
                   for x, v in zip(features, values)], hoverinfo="text",
    ))
    # A colour bar for the scale, carried by an invisible trace.
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", marker=dict(
        color=[low, high], colorscale=[[0, MAP_LOW], [1, HIGHLIGHT]], showscale=True,
        colorbar=dict(title=dict(text=unit), thickness=12, len=0.8))))
    mid_lat = sum(c[1] for c in centers) / max(len(centers), 1)
    fig.update_xaxes(visible=False)
    # A degree of longitude is cos(latitude) as long as a degree of latitude.
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)))
    fig.update_layout(showlegend=False, plot_bgcolor="white", dragmode=False)
    return finish(fig, f"{title}（{unit}）", source, height=600)


MAP_LOW = "#f6e3e1"
MISSING = "#e4e7eb"


def _position(value: float, low: float, high: float) -> float:
    return 0.5 if high == low else (value - low) / (high - low)


def _blend(a: str, b: str, t: float) -> str:
    """The colour a fraction t of the way from hex colour a to hex colour b."""
    ca, cb = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def _outline(geometry: dict) -> tuple[list, list]:
    """All rings of a MultiPolygon as one line, rings separated by gaps."""
    xs: list = []
    ys: list = []
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


def _center(geometry: dict) -> tuple[float, float]:
    """The middle of the largest ring's bounding box: where a county's name is written."""
    rings = [poly[0] for poly in geometry["coordinates"]]
    ring = max(rings, key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def budget_bars(budget: pd.DataFrame, year: int, source: str) -> go.Figure:
    """年初预算, 全年预算 and 实际支出 of each budget side by side, the execution rate over the last."""
    fig = go.Figure()
    budgets = name_axis(fig, "x", budget.budget)
    for stage, color in (("年初预算", GREYS[1]), ("全年预算", MUTED), ("实际支出", HIGHLIGHT)):
        values = [float(v) for v in budget[stage]]
        # Only the spending is labelled: three numbers side by side cannot be read.
        text = [f"{v:.2f}<br>执行率{r:.2f}%" if stage == "实际支出" and r is not None else ""
                for v, r in zip(values, budget.rate_pct)]
        fig.add_trace(go.Bar(x=budgets, y=values, name=stage, marker_color=color, text=text,
                             textposition="outside", cliponaxis=False, constraintext="none",
                             textfont=dict(size=12), hovertext=names_tooltips(budget.budget),
                             hovertemplate=stage + " %{hovertext}：%{y:.2f}万元<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="万元", rangemode="tozero")
    return finish(fig, f"{year}年预算执行（万元）", source)


def indicator_change(rows: pd.DataFrame, year: int, source: str) -> go.Figure:
    """The indicators published for both years, each as its own pair of bars."""
    both = rows.dropna(subset=["value", "value_prev"])
    fig = go.Figure()
    named = [f"{i}（{u}）" for i, u in zip(both.indicator, both.unit)]
    indicators = name_axis(fig, "x", named, [f"{shortened(i, CHART)}（{shortened(u, CHART)}）"
                                             for i, u in zip(both.indicator, both.unit)])
    for y, column, color in ((year - 1, "value_prev", MUTED), (year, "value", HIGHLIGHT)):
        fig.add_trace(go.Bar(x=indicators, y=[float(v) for v in both[column]], name=f"{y}年", marker_color=color,
                             text=[f"{float(v):g}" for v in both[column]], textposition="outside", cliponaxis=False,
                             hovertext=names_tooltips(named), hovertemplate=f"{y}年 %{{hovertext}}：%{{y}}<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(automargin=True)  # indicator names of any length
    return finish(fig, f"{year - 1}—{year}年有可比数据的指标", source)


# 交易效率与竞争 and 市场主体 (issue 17) -------------------------------------------------------------------
MIX_COLOURS = ["#2874A6", "#B03A2E", "#1E8449", "#D4AC0D", "#7F8C8D", "#6C3483", "#CA6F1E", "#17A589"]


def market_bars(rows: pd.DataFrame, column: str, unit: str, title: str, source: str, few: int = 0) -> go.Figure:
    """A measure per group as horizontal bars, first on top; groups with fewer than `few` tenders greyed and
    marked 样本少 (shown, not hidden)."""
    rows = rows.dropna(subset=[column]).iloc[::-1]
    thin = rows.tenders < few
    values = [float(v) for v in rows[column]]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=values, y=name_axis(fig, "y", rows.name), orientation="h", customdata=rows.key,
        marker_color=[GREYS[1] if t else HIGHLIGHT for t in thin],
        text=[f"{v:.1f}{unit}" + ("（样本少）" if t else "") for v, t in zip(values, thin)],
        textposition="outside", cliponaxis=False, hovertext=names_tooltips(rows.name),
        hovertemplate="%{hovertext}：%{x:.2f}" + unit + "<extra></extra>"))
    fig.update_xaxes(range=[0, max(values, default=1) * 1.3])
    return finish(fig, f"{title}（{unit}）", source, height=max(300, 30 * len(rows) + 120))


def method_mix(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """The trades of each 交易方式 as a donut."""
    rows = rows[rows.projects > 0]
    fig = go.Figure(go.Pie(
        **pie_names(rows.name), values=rows.projects.astype(float), hole=0.55, sort=False,
        marker=dict(colors=MIX_COLOURS * 3, line=dict(color="white", width=2)),
        texttemplate="%{text}<br>%{percent:.1%}", textposition="outside",
        hovertemplate="%{hovertext}：%{value}宗，%{percent:.2%}<extra></extra>"))
    fig.update_layout(showlegend=False, margin=dict(l=80, r=80, t=90, b=90))
    return finish(fig, f"{title}（宗数占比）", source)


def band_bars(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Each deal-size band's share of the count and of the amount, side by side."""
    fig = go.Figure([
        go.Bar(name="宗数占比", x=rows.name, y=rows.projects_share_pct.astype(float), marker_color=HIGHLIGHT,
               text=[f"{v:.1f}%" for v in rows.projects_share_pct], textposition="outside", cliponaxis=False),
        go.Bar(name="金额占比", x=rows.name, y=rows.amount_share_pct.astype(float), marker_color=GREYS[0],
               text=[f"{v:.1f}%" for v in rows.amount_share_pct], textposition="outside", cliponaxis=False)])
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="%", rangemode="tozero")
    return finish(fig, f"{title}（%）", source)


def bidders_histogram(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """How many tenders drew 0, 1, 2 … 10+ bidders, the failed ones apart."""
    names = [f"{int(b)}" if b < 10 else "≥10" for b in rows.bidders]  # short: upright under a half-width chart
    done = (rows.tenders - rows.failed).astype(int)
    fig = go.Figure([go.Bar(name="成交", x=names, y=done, marker_color=HIGHLIGHT),
                     go.Bar(name="流标或终止", x=names, y=rows.failed.astype(int), marker_color=GREYS[1])])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", tickangle=0, title_text="投标人数（家）", title_standoff=4)
    fig.update_yaxes(title_text="宗", rangemode="tozero")
    fig.update_layout(margin_b=TEMPLATE_BOTTOM + 24)  # the axis title above the source line
    return finish(fig, f"{title}（宗）", source)


def party_labels(rows: pd.DataFrame, limit: int | None = None) -> list[str]:
    """The parties' names, each once: a firm is one by its credit code, else by its name, so a name can come twice
    (with a code and without); a category axis would draw both on one row, and a click on the name open either.
    With a limit, each name shortened to it (names.shortened), the code whole."""
    names = rows.name.astype(str)
    twice = names.duplicated(keep=False)
    codes = rows.credit_code if "credit_code" in rows else pd.Series(None, index=rows.index)
    cut = names if limit is None else [shortened(n, limit) for n in names]
    return [f"{n}（{c if isinstance(c, str) and c else '无代码'}）" if t else n for n, c, t in zip(cut, codes, twice)]


def party_bars(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """The first winners (or agencies) by amount, largest on top; a click gives the party's key."""
    rows = rows.iloc[::-1]
    values, unit = scaled(metrics.AMOUNT, rows.amount_wan)
    fig = go.Figure()
    # Names, whatever they look like, on a category axis: a click on one opens its profile.
    labels = party_labels(rows)
    fig.add_trace(go.Bar(
        x=values, y=name_axis(fig, "y", labels, party_labels(rows, CHART)), orientation="h", customdata=rows.key,
        marker_color=[HIGHLIGHT if local is True else MUTED for local in rows["local"]],
        text=value_text(values, unit), textposition="outside", cliponaxis=False,
        hovertext=names_tooltips(labels), hovertemplate="%{hovertext}：%{x:.2f}" + unit + "<extra></extra>"))
    fig.update_xaxes(range=[0, max(values, default=1) * 1.2])
    return finish(fig, f"{title}（{unit}）", source, height=max(320, 32 * len(rows) + 120))


def party_months(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """One party's amount won by month."""
    values, unit = scaled(metrics.AMOUNT, rows.amount_wan)
    fig = go.Figure(go.Bar(x=rows.key, y=values, marker_color=HIGHLIGHT, customdata=rows.projects,
                           hovertemplate="%{x}：%{y:.2f}" + unit + "，%{customdata}宗<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=-90, nticks=24)
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    fig.update_layout(margin_b=TEMPLATE_BOTTOM + 40)  # the months stand upright above the source line
    return finish(fig, f"{title}（{unit}）", source)
