"""The one place where the app reaches past Streamlit's public API. Each reach is one small function, kept
because of what it measurably saves (benchmarks/README.md); tests/test_streamlit_compat.py fails with a
clear message the day a Streamlit release changes what it relies on."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# What the functions below rely on, named for the test's message.
RELIES_ON = {
    "table_code_files": "Streamlit's code for tables is built as static/js/arrowFormatUtils.*.js, served from the "
                        "app's root",
    "component_asset_url": "a component's declared assets are served at _stcore/bidi-components/NAME/FILE",
    "PHONE_CSS": "a page's title is an h1 inside [data-testid=stHeading], in [data-testid=stMainBlockContainer]",
    "run_app_once": "streamlit.testing.v1.AppTest.from_file(path, default_timeout=…).run() runs a script in "
                    "this process, sharing its st.cache_resource caches",
}


# The pages at a phone's width, and 手机简报 (its block: .ts-phone) centred and narrow on a desktop. Streamlit's
# own elements are named here by their data-testid, the one place the app does.
PHONE_CSS = """
[data-testid=stMainBlockContainer]:has(.ts-phone) { max-width: 40rem; }
@media (max-width: 640px) {
  [data-testid=stMainBlockContainer] { padding-top: 3.5rem; }
  [data-testid=stMainBlockContainer] [data-testid=stHeading] h1 { font-size: 1.4rem; line-height: 1.35; padding: 0.25rem 0; }
  [data-testid=stExpander] summary { padding-top: 0.35rem; padding-bottom: 0.35rem; }
  /* A plain table fits the width instead of scrolling inside the page: smaller type and padding; a heading
     may wrap, a figure ("1534宗", "23.24亿元") never. */
  [data-testid=stTableStyledTable] :is(td, th) { font-size: 0.72rem; padding: 0.3rem 0.25rem !important; }
  [data-testid=stTableStyledTable] th { white-space: normal !important; }
}
"""


def component_asset_url(component: str, file: str) -> str:
    """Where the server serves a file of a component's declared assets, relative to the app's root: the
    page imports the chart element's module from there on its first run (web.preload_chart_code), a head
    start on Plotly's code, which the element would otherwise ask for when the first chart arrives."""
    return f"_stcore/bidi-components/{component}/{file}"


def table_code_files() -> list[str]:
    """Streamlit's code for tables (st.table, st.dataframe: 0.74 MB), relative to the app's root. The browser
    fetches it when the first table arrives, after the first run; the app's first run imports it with the
    chart element's module instead (web.preload_chart_code): a cold load of the overview ~250 ms sooner."""
    built = Path(st.__file__).parent / "static" / "static" / "js"
    return [f"static/js/{p.name}" for p in sorted(built.glob("arrowFormatUtils.*.js"))]


def run_app_once(script: Path, timeout_s: float = 120) -> None:
    """Run the app's script once in this process as a visitor without a link would, before the server
    listens: what it caches with st.cache_resource (the latest period's queries and figures) is then computed
    for the first visit. Streamlit has no public way to run a script outside a browser's session; its test
    harness, AppTest, does that."""
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(script), default_timeout=timeout_s).run()
