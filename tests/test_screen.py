"""The 大屏 in Chromium: a 1920×1080 screen with no scrollbars and no sidebar, and its timer showing new
data after a refresh with no one touching the page."""

import os
import subprocess
import sys

import pytest

from browser import streamlit_server
from tradestats import db


@pytest.fixture(scope="module")
def screen_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screen")
    path = tmp / "db" / "tradestats.duckdb"
    db.build(path)
    with streamlit_server(path, tmp / "streamlit.log", TRADESTATS_SCREEN_REFRESH_S="2") as url:
        yield url, path, tmp


def card_values(page):
    return page.locator(".screen-card .value").all_inner_texts()


def layout(page) -> dict:
    page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 3",
                           timeout=90000)
    return page.evaluate("""(() => {
        const d = document.documentElement, m = document.querySelector('[data-testid=stMain]');
        const value = document.querySelector('.screen-card .value');
        const charts = [...document.querySelectorAll('.ts-chart .main-svg')];
        return {scroll: [d.scrollWidth, d.scrollHeight, m.scrollWidth, m.scrollHeight],
                value_px: parseFloat(getComputedStyle(value).fontSize),
                chart_px: Math.max(...charts.map(c => c.getBoundingClientRect().height)),
                card_tops: [...document.querySelectorAll('.screen-card')].map(c => c.getBoundingClientRect().top)};
    })()""")


def test_big_screen_scales_to_3840_by_2160(screen_server, browser):
    """A 4K screen at 100 % shows the 1920 layout twice as large: type and charts double, nothing wraps or
    scrolls (the page learns the window's scale from a cookie its script sets, and reloads once)."""
    url = screen_server[0]
    sizes = {}
    for width, height in ((1920, 1080), (3840, 2160)):
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(f"{url}/screen")
            if width > 1920:
                page.wait_for_function("(() => { const v = document.querySelector('.screen-card .value');"
                                       " return v && parseFloat(getComputedStyle(v).fontSize) > 100; })()",
                                       timeout=90000)
            sizes[width] = layout(page)
        finally:
            page.close()
    small, large = sizes[1920], sizes[3840]
    assert large["value_px"] == 2 * small["value_px"]
    assert 1.9 < large["chart_px"] / small["chart_px"] < 2.1
    assert len(set(large["card_tops"])) == 1  # the four counters stay on one row
    assert max(large["scroll"][0], large["scroll"][2]) <= 3840 and max(large["scroll"][1], large["scroll"][3]) <= 2160


def test_big_screen_fits_a_1366_by_768_television(screen_server, browser):
    """A smaller screen gets the layout scaled down (0.625 of 1920 here): the counters on one row, each figure
    with its unit on one line, nothing below the window's edge."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{screen_server[0]}/screen")
        page.wait_for_function("(() => { const v = document.querySelector('.screen-card .value');"
                               " return v && parseFloat(getComputedStyle(v).fontSize) < 60; })()", timeout=90000)
        fitted = layout(page)
        lines = page.evaluate("[...document.querySelectorAll('.screen-card .value')].map(v =>"
                              " v.getBoundingClientRect().height / parseFloat(getComputedStyle(v).lineHeight))")
        # A chart's title keeps clear of its legend (its padding is scaled with its type).
        gaps = page.evaluate("""[...document.querySelectorAll('.ts-chart')].map(c => {
            const t = c.querySelector('.gtitle'), l = c.querySelector('.legend .legendtext');
            return t && l ? l.getBoundingClientRect().top - t.getBoundingClientRect().bottom : null; })
            .filter(g => g !== null)""")
    finally:
        page.close()
    assert gaps and min(gaps) >= 0, gaps
    assert fitted["value_px"] == round(60 * 0.625)
    assert len(set(fitted["card_tops"])) == 1
    assert all(n < 1.5 for n in lines), lines
    assert max(fitted["scroll"][0], fitted["scroll"][2]) <= 1366 and max(fitted["scroll"][1], fitted["scroll"][3]) <= 768


def test_big_screen_fits_1920_by_1080_and_follows_a_refresh(screen_server, browser):
    url, path, tmp = screen_server
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{url}/screen")
        page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 3",
                               timeout=90000)
        assert card_values(page) == ["1534宗", "293.74亿元", "11.86亿元", "1555.53万元"]
        assert "交易额位列全省14个市州第5" in page.inner_text("[data-testid=stMain]")
        sizes = page.evaluate("(() => { const m = document.querySelector('[data-testid=stMain]');"
                              " const d = document.documentElement;"
                              " return [d.scrollWidth, d.scrollHeight, m.scrollWidth, m.scrollHeight]; })()")
        assert sizes[0] <= 1920 and sizes[1] <= 1080 and sizes[2] <= 1920 and sizes[3] <= 1080
        assert not page.locator("[data-testid=stSidebar]").is_visible()
        # A refresh from the command line; the screen shows it on its own.
        file = tmp / "december.csv"
        file.write_text("月份,地区,板块,项目数,交易额\n2024-12,通道,政府采购,50,10\n", encoding="utf-8")
        env = {**os.environ, "TRADESTATS_DB": str(path)}
        r = subprocess.run([sys.executable, "-m", "tradestats", "import", "--yes", str(file)], env=env,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        page.wait_for_function("[...document.querySelectorAll('.screen-card .value')]"
                               ".some(e => e.innerText !== '1534宗' && e.innerText.endsWith('宗'))", timeout=30000)
        assert card_values(page)[0] != "1534宗"
    finally:
        page.close()
