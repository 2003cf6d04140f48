"""Plotly figures in the house style: CJK fonts, a fixed colour per sector, unit and period in the title,
and a source line. Built with graph_objects (not Plotly Express), which is several times cheaper."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tradestats import metrics
from tradestats.metrics import Metric

FONT = ("Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
        "WenQuanYi Micro Hei, sans-serif")
TEXT = "#1f2933"
GRID = "#e4e7eb"
MUTED = "#9aa5b1"
HIGHLIGHT = "#B03A2E"

pio.templates["tradestats"] = go.layout.Template(layout=dict(
    font=dict(family=FONT, size=14, color=TEXT),
    title=dict(x=0, xanchor="left", font=dict(size=17)),
    paper_bgcolor="white",
    plot_bgcolor="white",
    colorway=["#2874A6", "#B03A2E", "#1E8449", "#D4AC0D", "#7F8C8D"],
    margin=dict(l=10, r=20, t=64, b=72),
    xaxis=dict(gridcolor=GRID, linecolor=GRID, automargin=True),
    yaxis=dict(gridcolor=GRID, zerolinecolor=GRID, automargin=True),
    legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
    hoverlabel=dict(font=dict(family=FONT)),
    separators=".,",
))


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


def finish(fig: go.Figure, title: str, source: str, height: int = 380) -> go.Figure:
    fig.update_layout(template="tradestats", title_text=title, height=height)
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-58, xanchor="left",
                       yanchor="top", showarrow=False, font=dict(size=11, color=MUTED))
    return fig


def config(filename: str) -> dict:
    """Plotly config: no logo link; the camera button saves a PNG at 3× named for the chart and period."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3, "filename": filename},
            "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def sector_bars(sectors: pd.DataFrame, metric: Metric, period_label: str, source: str) -> go.Figure:
    """One bar per sector in its own colour, the value written on it."""
    values, unit = scaled(metric, sectors[metric.column])
    fig = go.Figure(go.Bar(
        x=sectors.sector_name, y=values, marker_color=sectors.color,
        text=[metrics.NO_VALUE if v is None else f"{v:.2f}" if unit != "宗" else f"{v:.0f}" for v in values],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{x}：%{y:.2f}" + unit + "<extra></extra>",
    ))
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, f"{period_label}各板块{metric.label}（{unit}）", source)


def sector_share(sectors: pd.DataFrame, period_label: str, source: str) -> go.Figure:
    fig = go.Figure(go.Pie(
        labels=sectors.sector_name, values=sectors.amount_wan.astype(float), hole=0.55, sort=False,
        marker=dict(colors=sectors.color, line=dict(color="white", width=2)), automargin=True,
        texttemplate="%{label}<br>%{percent:.2%}", textposition="outside",
        hovertemplate="%{label}：%{percent:.2%}<extra></extra>",
    ))
    fig.update_layout(showlegend=False)
    return finish(fig, f"{period_label}交易额板块占比（%）", source)


def monthly_trend(trend: pd.DataFrame, metric: Metric, year: int, source: str) -> go.Figure:
    """The year's months as bars against the year before as a line."""
    scale = scale_of(metric, trend[metric.column])
    unit = scale[1]
    fig = go.Figure()
    for y, kind in ((year - 1, "line"), (year, "bar")):
        part = trend[trend.year == y]
        values, _ = scaled(metric, part[metric.column], scale)
        months = [f"{m}月" for m in part.month]
        hover = f"{y}年%{{x}}：%{{y:.2f}}{unit}<extra></extra>"
        if kind == "bar":
            fig.add_trace(go.Bar(x=months, y=values, name=f"{y}年", marker_color=HIGHLIGHT, hovertemplate=hover))
        else:
            fig.add_trace(go.Scatter(x=months, y=values, name=f"{y}年", mode="lines+markers",
                                     line=dict(color=MUTED, width=2, dash="dot"), hovertemplate=hover))
    fig.update_xaxes(categoryorder="array", categoryarray=[f"{m}月" for m in range(1, 13)])
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, f"{year}年各月{metric.label}（{unit}），与{year - 1}年同月对比", source)


def rank_bars(ranks: pd.DataFrame, highlight: str, title: str, source: str) -> go.Figure:
    """Horizontal bars, highest on top, the highlighted region in the accent colour."""
    ranks = ranks.dropna(subset=["value"]).iloc[::-1]
    values, unit = scaled(metrics.AMOUNT, ranks.value)
    fig = go.Figure(go.Bar(
        x=values, y=ranks.short_name, orientation="h",
        marker_color=[HIGHLIGHT if c == highlight else MUTED for c in ranks.region_code],
        text=[f"{v:.2f}" for v in values], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}：%{x:.2f}" + unit + "<extra></extra>",
    ))
    # Room on the right for the longest bar's label.
    fig.update_xaxes(title_text=unit, range=[0, max(values, default=1) * 1.15])
    return finish(fig, f"{title}（{unit}）", source, height=max(320, 34 * len(ranks) + 120))
