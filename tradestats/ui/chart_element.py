"""The element that draws a Plotly figure in a page: a Streamlit component (chart_assets/chart.js).

Unlike st.plotly_chart, which gives a chart a new identity whenever its figure changes and so draws it from
nothing on every filter change, the element keeps its place (its key) across runs and redraws in place with
Plotly.react; and it loads Plotly's basic bundle (1.2 MB) instead of Streamlit's full one (4.7 MB), which a
cold page load compiles before the first chart shows."""

from __future__ import annotations

import functools

import plotly.io
import streamlit as st

from tradestats.present import memo
from tradestats.ui import streamlit_compat

NAME = "tradestats.chart"  # pyproject.toml declares its assets: the folder chart_assets of the package
# Where the page loads the element's module from (relative to the app's root): the first run imports it
# early (web.preload_chart_code), and the module starts loading Plotly.
MODULE_URL = streamlit_compat.component_asset_url(NAME, "chart.js")


@functools.cache
def _element():
    """Registered on first use: Streamlit finds the assets once its runtime has read the manifests."""
    return st.components.v2.component(NAME, js="chart.js", isolate_styles=False)


# Figures are built once per data version and shared (web.figure), and so is their JSON.
_spec = memo.PerObject(lambda fig: plotly.io.to_json(fig, validate=False))


def draw(fig, config: dict, key: str, clickable: bool = False, scale: str | None = None):
    """Draw fig under key (the same key on every run: the chart is then redrawn in place). Clickable, it
    returns the clicked point's customdata on the run the click starts, else None. With scale, the name of a
    CSS variable holding a number (screen.SCALE_VAR), the browser draws the figure's fonts, margins, paddings,
    line widths and height times that number, and again when it changes (a resized window)."""
    data = {"spec": _spec(fig), "config": config, "clickable": clickable, "scale": scale}
    if clickable:
        return _element()(key=key, data=data, on_click_change=lambda: None).click
    _element()(key=key, data=data)
    return None

