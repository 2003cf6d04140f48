"""The big screen's look at any size. Everything is drawn for a 1920×1080 screen and multiplied by a scale:
2 on a 3840×2160 screen run at 100 %, 1 on the same screen run at 200 % (the browser then reports 1920),
0.625 on a 1366×768 television (the scale is rounded down, so that the layout never outgrows the window).

Plotly draws at the wrong size inside a CSS zoom or transform (it measures its container), so the scale is
known to the server instead: a small script puts the window's width / 1920 in a cookie and reloads once
when it changes; the server reads the cookie (`st.context.cookies`) and sizes type and charts by it."""

from __future__ import annotations

import math

import plotly.graph_objects as go

DESIGN_WIDTH = 1920  # px: the screen the layout is drawn for
COOKIE = "tradestats_screen_scale"
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


def scale(cookies) -> float:
    """The scale the browser reported (see step); 1 until it has reported."""
    try:
        return step(float(cookies.get(COOKIE, 1)))
    except (TypeError, ValueError):
        return 1.0


def script(current: float) -> str:
    """Report the window's scale in the cookie; reload once if the server drew for another one."""
    return f"""<script>
(() => {{
  const s = Math.min(Math.max(Math.floor(window.innerWidth / {DESIGN_WIDTH} * {STEPS} + 1e-9) / {STEPS}, {SMALLEST}), {LARGEST});
  document.cookie = "{COOKIE}=" + s + "; path=/; max-age=31536000; SameSite=Lax";
  if (s !== {current}) window.location.reload();
}})();
</script>"""


def css(k: float) -> str:
    """No sidebar, header or toolbar; dark; type in design pixels times the scale, legible across a room."""
    def px(n: float) -> str:
        return f"{n * k:.0f}px"
    return f"""
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], header, [data-testid=stToolbar],
[data-testid=stDecoration], [data-testid=stAlert] {{ display: none !important; }}
.stApp, [data-testid=stMain] {{ background: {BG}; color: {TEXT}; }}
[data-testid=stMainBlockContainer] {{ max-width: 100% !important; padding: {px(22)} {px(38)} !important; }}
html, body {{ overflow: hidden; }}
.screen-title {{ font-size: {px(46)}; font-weight: 700; color: {TEXT}; }}
.screen-sub {{ font-size: {px(18)}; color: {MUTED_TEXT}; margin-bottom: {px(18)}; }}
.screen-card {{ background: #132a43; border-radius: {px(12)}; padding: {px(18)} {px(26)}; }}
.screen-card .label {{ font-size: {px(22)}; color: {MUTED_TEXT}; }}
.screen-card .value {{ font-size: {px(60)}; font-weight: 700; color: #ffffff; line-height: 1.2; }}
.screen-card .delta {{ font-size: {px(24)}; color: {ACCENT}; }}
.screen-rank {{ font-size: {px(26)}; color: {ACCENT}; text-align: center; }}
"""


def _enlarge(node, k: float, key: str = "") -> None:
    """Multiply, in a figure's JSON, every font size, margin, padding and marker/line width by k."""
    if isinstance(node, dict):
        for name, value in node.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                    (name == "size" and (key.endswith("font") or key == "marker")) or key in ("margin", "pad") or
                    (name == "width" and key in ("line", "marker")) or name in ("pad", "standoff", "xshift", "yshift")):
                node[name] = value * k
            else:
                _enlarge(value, k, name)
    elif isinstance(node, list):
        for item in node:
            _enlarge(item, k, key)


def fit(fig: go.Figure, k: float, height: int = CHART_HEIGHT) -> go.Figure:
    """A copy of a house figure recoloured for the big screen and enlarged by the scale."""
    fig = go.Figure(fig)  # the figure may be shared (web.figure): never change it
    fig.update_layout(paper_bgcolor=BG, plot_bgcolor=BG, font_color=TEXT, title_font_color=TEXT,
                      legend_font_color=TEXT)
    fig.update_xaxes(gridcolor=GRID, linecolor=GRID)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID)
    spec = fig.to_plotly_json()
    layout = spec["layout"]
    if "size" not in layout.get("font", {}) and "size" not in layout.get("template", {}).get("layout", {}).get(
            "font", {}):
        layout.setdefault("font", {})["size"] = 12  # plotly's default, made explicit so it grows too
    _enlarge(spec, k)
    layout["height"] = height * k
    return go.Figure(spec)
