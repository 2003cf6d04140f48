"""市场主体 and 交易效率与竞争 in Chromium on a database whose project list has a link and a 5 002-character name
(issue 26): no link comes from a name — not in a chart, not in the plain table — the names read as written,
shortened beside their bars, whose largest keeps most of the chart's width; a click on a shortened name opens
its party."""

import pytest
from browser import settled_text, streamlit_server
from conftest import LINK, LONG

from tradestats.present import names

# The page's own links: a heading's anchor (href="#…"). Any other link on these pages came from a name.
FOREIGN_LINKS = "[data-testid=stMain] a:not([href^='#']), .ts-chart a"


@pytest.fixture(scope="module")
def named_server(names_db, tmp_path_factory):
    with streamlit_server(names_db, tmp_path_factory.mktemp("names") / "streamlit.log") as url:
        yield url


def open_page(page, url, charts):
    page.set_viewport_size({"width": 1400, "height": 2900})
    page.goto(url)
    page.wait_for_function(f"document.querySelectorAll('.ts-chart .main-svg').length >= {charts}", timeout=90000)
    text = settled_text(page)
    assert page.locator("[data-testid=stException]").count() == 0
    return text


def test_players_names_are_text_and_the_bars_keep_their_width(named_server, page):
    open_page(page, f"{named_server}/players?year=2024", 1)
    assert page.locator(FOREIGN_LINKS).count() == 0
    ranking = page.locator(".ts-chart").first
    ticks = ranking.locator(".ytick text").all_text_contents()
    assert names.shortened(LINK, names.CHART) in ticks and names.shortened(LONG, names.CHART) in ticks
    plot = ranking.locator(".nsewdrag").first.bounding_box()  # the plot area
    largest = ranking.locator("g.point path").last.bounding_box()  # LONG's bar, on top
    assert largest["width"] > 0.6 * plot["width"] and plot["width"] > 0.6 * ranking.bounding_box()["width"]
    cells = page.locator(".ts-table").first.locator("td").all_inner_texts()
    assert LINK in [c.replace("\u2060", "") for c in cells]  # the whole name, as written, not a link
    assert LONG in cells
    # A click on a shortened name opens its party.
    ranking.locator(".ytick text", has_text=names.shortened(LINK, names.CHART)).click()
    page.get_by_text("中标人画像：<a href=").wait_for(timeout=30000)
    page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 2", timeout=60000)
    settled_text(page)
    assert page.locator(FOREIGN_LINKS).count() == 0


def test_efficiency_donut_names_are_text(named_server, page):
    open_page(page, f"{named_server}/efficiency?year=2024", 5)
    assert page.locator(FOREIGN_LINKS).count() == 0
    labels = page.locator(".ts-chart .pielayer text").all_text_contents()
    assert any(t.startswith(names.shortened(LINK, names.CHART)) for t in labels), labels
    assert any(t.startswith(names.shortened(LONG, names.CHART)) for t in labels), labels
