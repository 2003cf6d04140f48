"""The one place where the app reaches past Streamlit's public API: each reach is one small function, kept
because of what it measurably saves (benchmarks/README.md), and the CSS that styles Streamlit's own elements
by their data-testid. tests/test_streamlit_compat.py and tests/test_browser_pages.py fail with a clear
message the day a Streamlit release changes what it relies on."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# What the functions below rely on, named for the test's message.
RELIES_ON = {
    "table_code_files": "Streamlit's code for tables is built as static/js/arrowFormatUtils.*.js, served from the "
                        "app's root",
    "component_asset_url": "a component's declared assets are served at _stcore/bidi-components/NAME/FILE",
    "PHONE_CSS": "a page's title is an h1 inside [data-testid=stHeading], in [data-testid=stMainBlockContainer]",
    "selectors": "Streamlit's elements carry the data-testid names the CSS here styles (tests/test_browser_pages.py "
                 "finds each on a page)",
    "run_app_once": "streamlit.testing.v1.AppTest.from_file(path, default_timeout=…).run() runs a script in "
                    "this process, sharing its st.cache_resource caches",
    "run_page_again": "a StreamlitPage that st.navigation returned may run once, guarded by its _can_be_called; "
                      "set again, run() runs the page again",
}


# Narrow places. A laptop's 1280 px with the sidebar open leaves a headline metric ~190 px wide: its figure
# shrinks with its card rather than lose its unit to an ellipsis — to what the longest figure (≈5.6 em:
# 1234.56亿元) needs in the card's width less its padding (cqw: % of the card's width) — and a delta's
# description (较上年) goes under the delta rather than lose its end. Narrower still (1000–1100 px with the
# sidebar: a page under 640 px wide in a window over 640), a chart or a table and what is beside it go one
# under the other, and four metrics two by two: side by side a donut was ~50 px across under a 10 px title, a
# figure ~15 px high, the rank card lost the end of its label, the ranking's longest bar its value and the
# project page's top-10 tables their amounts. (A chart's title or source line too long for its chart is made
# to fit by chart.js, which can measure it.)
# A chart's box is its own (chart.js sets its height, its column its width): contained, the thousand changes Plotly
# makes to its SVG at a month change are laid out and painted within it, never with the page around it; and a
# chart out of the window is not painted until it comes near (content-visibility: its SVG is kept up to date).
# Each ~5 % less main-thread work a month change of 总览 (benchmarks/click_profile.py --against); no chart moved
# on any page at 1400 or 390 px.
# On a phone (Streamlit stacks columns below 640 px) a chart is ~360 px wide: titles of up to ~27 characters
# fit at 13 px, the source line at 9 px, and the toolbar, which would cover the title, is left out (a phone
# cannot use it well; the press page has the downloads). Plotly writes sizes inline; !important wins.
PAGE_CSS = """
.ts-chart { contain: strict; content-visibility: auto; }
[data-testid=stMetric] { container-type: inline-size; }
[data-testid=stMetricValue] { font-size: min(2.25rem, calc((100cqw - 30px) / 5.8)) !important; }
[data-testid=stMetric] div:has(> [data-testid=stMetricDelta]) { flex-wrap: wrap; }
[data-testid=stMainBlockContainer] { container: page / inline-size; }
@media (min-width: 641px) {  /* a phone's columns are stacked by Streamlit, cards included */
  @container page (max-width: 640px) {
    [data-testid=stHorizontalBlock]:has(> [data-testid=stColumn] :is(.ts-chart, [data-testid=stDataFrame]))
        > [data-testid=stColumn] { min-width: 100%; }
    [data-testid=stHorizontalBlock]:has(> [data-testid=stColumn]:nth-child(4) [data-testid=stMetric])
        > [data-testid=stColumn] { min-width: calc(50% - 1rem); }
  }
}
@media (max-width: 640px) {
  .ts-chart .gtitle { font-size: 13px !important; }
  .ts-chart .annotation-text { font-size: 9px !important; }
  .ts-chart .modebar-container { display: none !important; }
}
"""


# The pages at a phone's width, and 手机简报 (its block: .ts-phone) centred and narrow on a desktop. Streamlit's
# own elements are named here by their data-testid, the one place the app does.
PHONE_CSS = """
[data-testid=stMainBlockContainer]:has(.ts-phone) { max-width: 40rem; }
@media (max-width: 640px) {
  [data-testid=stMainBlockContainer] { padding-top: 3.5rem; }
  [data-testid=stMainBlockContainer] [data-testid=stHeading] h1 { font-size: 1.4rem; line-height: 1.35; padding: 0.25rem 0; }
  [data-testid=stExpander] summary { padding-top: 0.35rem; padding-bottom: 0.35rem; }
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


def screen_css(background: str, text: str, padding: str) -> str:
    """The 大屏's page: no sidebar, header, toolbar, decoration or alert box; dark; the block full width with
    padding (CSS lengths)."""
    return f"""
[data-testid=stSidebar], [data-testid=stExpandSidebarButton], header, [data-testid=stToolbar],
[data-testid=stAlert] {{ display: none !important; }}
.stApp, [data-testid=stMain] {{ background: {background}; color: {text}; }}
[data-testid=stMainBlockContainer] {{ max-width: 100% !important; padding: {padding} !important; }}
"""


def run_page_again(page: st.Page) -> None:
    """Let the page st.navigation returned on the app's last full run run again, in a rerun of the fragment the
    page runs in (web.run_page): without it the fragment calls st.navigation again, whose message redraws the
    sidebar's navigation in the browser on every month change — a third of the page shell's work per click
    (benchmarks/click_profile.py)."""
    page._can_be_called = True
