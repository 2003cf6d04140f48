"""Names from imported files (中标人, 交易方式, 项目名称, 地区 …) are text wherever they are shown: escaped for
Plotly, whose labels read a few HTML tags (`<a href>` is a link, in the page, the SVG and the PDF), and
shortened with … where the room is a chart's label or a slide's line; the full name stays in the tooltip
(up to TOOLTIP characters) and in the tables. Each rule is defined here once, with one length per context."""

from __future__ import annotations

ELLIPSIS = "…"
CHART = 16  # characters of a name on a chart (an axis's label, a donut's): 224 px at 14 px, bars left on a phone
SLIDE = 16  # characters of a name in a slide's title, line or table cell (the 汇报PPT)
TOOLTIP_LINE = 20  # characters a line of a chart's tooltip: beside a half-width chart's point
TOOLTIP = 120  # characters of a name in a tooltip at most (six lines): a consortium's three names; longer, the
# tooltip would cover the chart (the tables have the name whole)


def shortened(name, limit: int) -> str:
    """name in at most limit characters: cut, and ending in … when longer."""
    text = str(name)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS


def plotly_text(text) -> str:
    """text as Plotly is to show it, sign for sign: its label HTML (`<`, `>`, `&`) escaped, so that no name is
    ever a tag (a link, bold, a line break) or an entity. Plotly turns the escapes back into the signs."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_label(name) -> str:
    """A name as a chart writes it beside a bar or a slice: shortened (CHART) and escaped."""
    return plotly_text(shortened(name, CHART))


def tooltip(name) -> str:
    """A name as a chart's tooltip shows it: whole (up to TOOLTIP characters), escaped, in lines of TOOLTIP_LINE."""
    text = shortened(name, TOOLTIP)
    return "<br>".join(plotly_text(text[i:i + TOOLTIP_LINE]) for i in range(0, len(text), TOOLTIP_LINE))
