"""The big screen's look at any size. Everything is drawn for a 1920×1080 screen and multiplied by a scale:
2 on a 3840×2160 screen run at 100 %, 1 on the same screen run at 200 % (the browser then reports 1920),
0.625 on a 1366×768 television (the scale is rounded down, so that the layout never outgrows the window).

The browser works the scale out and the server never needs it: media queries on the window's width set the
CSS variable --screen-k; type and spacing are design pixels times it; the chart element reads it and draws a
figure's fonts, margins and height times it (Plotly draws at the wrong size inside a CSS zoom or transform: it
measures its container). No cookie and no reload: a window resized is redrawn where it stands."""

from __future__ import annotations

import math

import plotly.graph_objects as go

DESIGN_WIDTH = 1920  # px: the screen the layout is drawn for
SCALE_VAR = "--screen-k"  # the CSS variable that holds the scale (a plain number); the chart element reads it
BG = "#0b1a2b"
TEXT = "#e6edf5"
MUTED_TEXT = "#9fb3c8"
ACCENT = "#f5b041"
GRID = "#23415f"
CHART_HEIGHT = 640  # px at scale 1: the charts' row fills the screen under the counters


STEPS = 8  # the scale moves in eighths,
SMALLEST, LARGEST = 0.5, 4.0  # from a 960 px window to a 7680 px one


def step(value: float) -> float:
    """A window's width / DESIGN_WIDTH as the scale drawn for: an eighth at or below it, within the limits."""
    return min(max(math.floor(value * STEPS + 1e-9) / STEPS, SMALLEST), LARGEST)


def steps() -> list[float]:
    """Every scale step() gives, smallest first."""
    return [n / STEPS for n in range(round(SMALLEST * STEPS), round(LARGEST * STEPS) + 1)]


def scale_css() -> str:
    """step() in CSS: --screen-k is each step from the window width it is reached at (a 1366 px window is past
    1200 px = 0.625 × 1920 and short of 1440 px: 0.625), the smallest below that."""
    rules = [f":root {{ {SCALE_VAR}: {SMALLEST:g}; }}"]
    rules += [f"@media (min-width: {k * DESIGN_WIDTH:g}px) {{ :root {{ {SCALE_VAR}: {k:g}; }} }}"
              for k in steps() if k > SMALLEST]
    return "\n".join(rules)


def px(n: float) -> str:
    """A length of the 1920 px design, scaled to the window."""
    return f"calc({n:g}px * var({SCALE_VAR}))"


PAGE_PADDING = f"{px(22)} {px(38)}"  # around the page's block (streamlit_compat.screen_css)


def css() -> str:
    """Dark; type in design pixels times the scale, legible across a room. (Streamlit's own chrome — the sidebar,
    header and toolbar left out, the page dark and full width — is streamlit_compat.screen_css.)"""
    return scale_css() + f"""
.st-key-demo_notice {{ display: none !important; }}
html, body {{ overflow: hidden; }}
.screen-title {{ font-size: {px(46)}; font-weight: 700; color: {TEXT}; }}
.screen-sub {{ font-size: {px(18)}; color: {MUTED_TEXT}; margin-bottom: {px(18)}; }}
.screen-card {{ background: #132a43; border-radius: {px(12)}; padding: {px(18)} {px(26)}; }}
.screen-card .label {{ font-size: {px(22)}; color: {MUTED_TEXT}; }}
.screen-card .value {{ font-size: {px(60)}; font-weight: 700; color: #ffffff; line-height: 1.2; }}
.screen-card .delta {{ font-size: {px(24)}; color: {ACCENT}; }}
.screen-alerts {{ float: right; white-space: nowrap; font-size: {px(26)}; font-weight: 400; color: {ACCENT};
                  margin-top: {px(16)}; }}
.screen-rank {{ font-size: {px(26)}; color: {ACCENT}; text-align: center; }}
"""


def fit(fig: go.Figure, height: int = CHART_HEIGHT) -> go.Figure:
    """A copy of a house figure recoloured for the big screen, in design pixels: drawn with scale=SCALE_VAR,
    the chart element multiplies its fonts, margins, paddings, line widths and height by the scale."""
    fig = go.Figure(fig)  # the figure may be shared (web.figure): never change it
    fig.update_layout(paper_bgcolor=BG, plot_bgcolor=BG, font_color=TEXT, title_font_color=TEXT,
                      legend_font_color=TEXT, height=height)
    fig.update_xaxes(gridcolor=GRID, linecolor=GRID)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID)
    template = fig.layout.template.layout.font.size if fig.layout.template else None
    if fig.layout.font.size is None and template is None:
        fig.update_layout(font_size=12)  # plotly's default, made explicit so that it is scaled too
    return fig
