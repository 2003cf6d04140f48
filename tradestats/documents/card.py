"""The headline card: the first screen of 手机简报 as a picture for the group chats, 1080 px wide. It is drawn as
a Plotly figure (text and shapes only, in the app's chart fonts and colours) that kaleido writes as an SVG whose
text is the briefing's — the summary's figures — and as the PNG Chromium paints from that same SVG."""

from __future__ import annotations

import re
from html import unescape

import plotly.graph_objects as go

from tradestats.documents import render
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.present import charts, phone
from tradestats.present.names import plotly_text

WIDTH = 540  # layout px; the PNG is SCALE times as wide
SCALE = 2
PNG_WIDTH = WIDTH * SCALE  # 1080
UP, DOWN, FLAT = "#1E8449", "#B03A2E", charts.MUTED  # 同比 up, down, none (as the app's metric deltas)
CARD_BG = "#f5f7fa"
PAD = 20


def _change_colour(change: str) -> str:
    return UP if change.startswith("+") else DOWN if change.startswith("-") else FLAT


def figure(brief: phone.Briefing, source: str) -> go.Figure:
    """The card of a briefing; source is the line naming the data's publisher and date."""
    fig = go.Figure()
    items: list[tuple] = []  # (text, x px, y px, size, colour, anchor, bold)
    shapes: list[dict] = []
    y = 0
    shapes.append(dict(x0=0, x1=WIDTH, y0=0, y1=84, fill=charts.HIGHLIGHT))
    facts = brief.facts
    items.append((f"{facts['region_name']}公共资源交易{phone.TITLE}", PAD, 34, 22, "white", "left", True))
    items.append((brief.heading, PAD, 64, 13, "white", "left", False))
    y = 84 + PAD
    box_w, box_h = (WIDTH - 3 * PAD) / 2, 112
    for n, f in enumerate(brief.figures):
        x0 = PAD + (n % 2) * (box_w + PAD)
        y0 = y + (n // 2) * (box_h + 12)
        shapes.append(dict(x0=x0, x1=x0 + box_w, y0=y0, y1=y0 + box_h, fill=CARD_BG))
        items.append((f.label, x0 + 14, y0 + 24, 14, charts.MUTED, "left", False))
        items.append((f.value, x0 + 14, y0 + 62, 28, charts.TEXT, "left", True))
        items.append((f"同比 {f.change}", x0 + 14, y0 + 94, 14, _change_colour(f.change), "left", False))
    y += 2 * box_h + 12 + PAD
    items.append(("交易额排名", PAD, y + 10, 14, charts.MUTED, "left", False))
    items.append((brief.rank + (f"，{brief.rank_change}" if brief.rank_change else ""), PAD, y + 36, 18,
                   charts.TEXT, "left", True))
    y += 56
    if brief.goals:
        y += 10
        items.append(("年度目标完成率（序时进度）", PAD, y + 10, 14, charts.MUTED, "left", False))
        y += 24
        bar_x0, bar_x1 = PAD + 120, WIDTH - PAD - 160
        for g in brief.goals:
            items.append((g.label, PAD, y + 14, 14, charts.TEXT, "left", False))
            shapes.append(dict(x0=bar_x0, x1=bar_x1, y0=y + 6, y1=y + 22, fill=charts.GRID))
            if g.completion_pct is not None:
                done = bar_x0 + (bar_x1 - bar_x0) * min(max(g.completion_pct, 0), 100) / 100
                shapes.append(dict(x0=bar_x0, x1=done, y0=y + 6, y1=y + 22, fill=DOWN if g.behind else UP))
            if g.schedule_pct is not None:
                mark = bar_x0 + (bar_x1 - bar_x0) * min(g.schedule_pct, 100) / 100
                shapes.append(dict(x0=mark - 1, x1=mark + 1, y0=y + 1, y1=y + 27, fill=charts.TEXT))
            items.append((f"{g.completion}（{g.schedule}）", WIDTH - PAD, y + 14, 14, charts.TEXT, "right", True))
            y += 34
    y += 6
    items.append((brief.alerts, PAD, y + 12, 14, DOWN if brief.open_alerts else charts.MUTED, "left", False))
    y += 34
    items.append((source, PAD, y + 8, 11, charts.MUTED, "left", False))
    height = y + 24
    for text, x, ty, size, colour, anchor, bold in items:
        shown = plotly_text(text)
        fig.add_annotation(text=f"<b>{shown}</b>" if bold else shown, x=x, y=ty, xref="x", yref="y",
                           xanchor=anchor, yanchor="middle", showarrow=False,
                           font=dict(size=size, color=colour, family=charts.FONT))
    for s in shapes:
        fig.add_shape(type="rect", x0=s["x0"], x1=s["x1"], y0=s["y0"], y1=s["y1"], xref="x", yref="y",
                      fillcolor=s["fill"], line_width=0, layer="below")
    fig.update_layout(template="tradestats", width=WIDTH, height=height, margin=dict(l=0, r=0, t=0, b=0),
                      paper_bgcolor="white", plot_bgcolor="white", showlegend=False)
    fig.update_xaxes(range=[0, WIDTH], visible=False, fixedrange=True)
    fig.update_yaxes(range=[height, 0], visible=False, fixedrange=True)
    return fig


def of(q: summary.Query, month: Period, region: str | None = None) -> tuple[phone.Briefing, go.Figure]:
    """The card of a month (kind "month": only its year and month are read): the briefing of the 1–N月累计 to the
    month, and its figure."""
    ctx = summary.context(q)
    brief = phone.briefing(q, ctx, Period(month.year, month.month, "ytd"), region)
    return brief, figure(brief, summary.source_line(ctx))


def svg(fig: go.Figure) -> bytes:
    return render.picture(fig, "svg", 1)


def png(fig: go.Figure) -> bytes:
    return render.picture(fig, "png", SCALE)


def svg_lines(data: bytes) -> list[str]:
    """The text of each <text> element of an SVG, its tags (<tspan>, bold) dropped: what the card says."""
    found = re.findall(r"<text\b[^>]*>(.*?)</text>", data.decode("utf-8"), flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", t)) for t in found]


def png_width(data: bytes) -> int:
    if data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big")


def file_name(brief: phone.Briefing) -> str:
    f = brief.facts
    return f"card_{f['region_code']}_{f['year']}-{f['month']:02d}.png"
