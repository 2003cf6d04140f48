"""The 大屏: its scale in CSS and in the chart element, and in Chromium: a 1920×1080 screen with no scrollbars
and no sidebar, other sizes scaled by the browser alone (cookies blocked, no reload), and its timer showing new
data after a refresh with no one touching the page."""

import json
import os
import re
import subprocess
import sys

import plotly.graph_objects as go
import pytest
from app_charts import drawn
from browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.deploy import deployment
from tradestats.present import charts, screen


def css_scale(width: float) -> float:
    """--screen-k in a window this wide, as the browser reads screen.scale_css(): the last rule that applies."""
    k = None
    for rule in screen.scale_css().splitlines():
        least = re.search(r"min-width: ([\d.]+)px", rule)
        if least is None or width >= float(least[1]):
            k = float(re.search(screen.SCALE_VAR + r": ([\d.]+);", rule)[1])
    return k


def test_the_css_scale_is_step():
    """The browser's scale is screen.step's: eighths of width / 1920, rounded down, 0.5 to 4."""
    assert screen.step(1366 / 1920) == 0.625 and screen.step(3840 / 1920) == 2 and screen.step(1) == 1
    edges = [k * screen.DESIGN_WIDTH + d for k in screen.steps() for d in (-0.5, 0, 0.5)]
    for width in [320, 800, 1280, 1366, 1440, 1536, 1600, 1920, 2048, 2560, 3440, 3840, 5120, 7680, 9000, *edges]:
        assert css_scale(width) == screen.step(width / screen.DESIGN_WIDTH), width


def test_the_css_sizes_are_design_pixels_times_the_scale():
    css = screen.css()
    assert ".screen-card .value { font-size: calc(60px * var(--screen-k));" in css
    assert "cookie" not in css and "<script" not in css


def test_fit_keeps_design_pixels_and_leaves_the_shared_figure_alone():
    fig = charts.finish(go.Figure(go.Bar(x=["a"], y=[1])), "标题", "来源")
    before = fig.to_plotly_json()
    fitted = screen.fit(fig, height=580)
    assert fig.to_plotly_json() == before
    assert fitted.layout.height == 580 and fitted.layout.paper_bgcolor == screen.BG
    assert fitted.layout.margin.t == fig.layout.margin.t and fitted.layout.annotations[0].font.size == 11
    bare = screen.fit(go.Figure(layout=dict(template="none")))
    assert bare.layout.font.size == 12  # plotly's default, made explicit so that the browser scales it too


def test_screen_page_sends_charts_to_scale_and_reads_no_cookie(demo_db, monkeypatch):
    """The page is the same for every window: charts in design pixels that the browser scales."""
    monkeypatch.setenv(config.DB_ENV, str(demo_db))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/screen.py").run()
    assert not at.exception, at.exception
    charts_drawn = drawn(at)
    assert len(charts_drawn) == 3 and all(c["scale"] == screen.SCALE_VAR for c in charts_drawn)
    assert [c["figure"]["layout"]["height"] for c in charts_drawn] == [screen.CHART_HEIGHT, screen.CHART_HEIGHT - 60,
                                                               screen.CHART_HEIGHT]
    assert not any("<script" in h.proto.body for h in at.get("html"))
    # The city's targets (the demo's, made up) in the line under the title.
    assert any("年度目标：交易额完成年度目标的113.0%，超序时进度13.0个百分点；项目数完成年度目标的109.6%" in h.proto.body
               for h in at.get("html"))


@pytest.fixture(scope="module")
def screen_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screen")
    path = tmp / "db" / "tradestats.duckdb"
    deployment.build(path)
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
    scrolls."""
    url = screen_server[0]
    sizes = {}
    for width, height in ((1920, 1080), (3840, 2160)):
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(f"{url}/screen")
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
    assert fitted["value_px"] == 60 * 0.625
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


@pytest.fixture
def cookieless(browser, tmp_path):
    """A Chromium profile that blocks every cookie (the content setting "Block all cookies", as a user or an
    administrator's policy sets it), through the profile's Preferences: document.cookie keeps nothing (the test
    checks it) and localStorage is refused. (navigator.cookieEnabled stays true in this Chromium.)"""
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"profile": {"default_content_setting_values": {"cookies": 2}}}))
    context = browser.browser_type.launch_persistent_context(profile, executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("width, height", [(1366, 768), (2560, 1440)])
def test_big_screen_scales_without_cookies_or_reloads(screen_server, cookieless, width, height):
    """With cookies blocked the screen loads once and is scaled all the same, by the browser: a window of
    1366 px shows the 1920 layout at 0.625, one of 2560 px at 1.25 (eighths, rounded down). (It used to
    learn the scale from a cookie and reload until the cookie came back: for ever, with a white page.)"""
    k = {1366: 0.625, 2560: 1.25}[width]
    page = cookieless.new_page()
    page.set_viewport_size({"width": width, "height": height})
    loads = []
    page.on("load", lambda: loads.append(1))
    try:
        page.goto(f"{screen_server[0]}/screen")
        assert page.evaluate("document.cookie = 'probe=1'; document.cookie") == ""  # blocked indeed
        page.wait_for_timeout(10000)
        assert len(loads) <= 1, f"{len(loads)} loads in 10 s"
        fitted = layout(page)
        ticks = page.evaluate("[...document.querySelectorAll('.ts-chart .xtick text, .ts-chart .ytick text')]"
                              ".map(t => parseFloat(getComputedStyle(t).fontSize))")
        boxes = page.evaluate("""[...document.querySelectorAll('.screen-card, .ts-chart, .screen-rank')].map(e => {
            const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
    finally:
        page.close()
    assert len(loads) == 1
    assert abs(fitted["value_px"] - 60 * k) < 0.6  # the counters' design size, 60 px, scaled
    assert ticks and all(abs(t - charts.FONT_SIZE * k) < 0.1 for t in ticks), ticks
    assert abs(fitted["chart_px"] - screen.CHART_HEIGHT * k) < 2
    assert len(set(fitted["card_tops"])) == 1
    assert max(fitted["scroll"][0], fitted["scroll"][2]) <= width and max(fitted["scroll"][1], fitted["scroll"][3]) <= height
    assert all(0 <= left and 0 <= top and right <= width and bottom <= height for left, top, right, bottom in boxes), boxes


def test_big_screen_follows_a_resized_window_without_reloading(screen_server, browser):
    """A window made smaller (a browser moved to the other screen) is scaled down where it stands."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    loads = []
    page.on("load", lambda: loads.append(1))
    try:
        page.goto(f"{screen_server[0]}/screen")
        assert layout(page)["value_px"] == 60
        page.set_viewport_size({"width": 1366, "height": 768})
        page.wait_for_function("Math.max(...[...document.querySelectorAll('.ts-chart .main-svg')]"
                               f".map(c => c.getBoundingClientRect().height)) < {screen.CHART_HEIGHT}", timeout=30000)
        page.wait_for_timeout(500)  # the redraw's title fit
        fitted = layout(page)
        ticks = page.evaluate("[...document.querySelectorAll('.ts-chart .xtick text')]"
                              ".map(t => parseFloat(getComputedStyle(t).fontSize))")
    finally:
        page.close()
    assert len(loads) == 1
    assert fitted["value_px"] == 60 * 0.625 and abs(fitted["chart_px"] - screen.CHART_HEIGHT * 0.625) < 2
    assert ticks and all(abs(t - charts.FONT_SIZE * 0.625) < 0.1 for t in ticks), ticks
    assert max(fitted["scroll"][0], fitted["scroll"][2]) <= 1366 and max(fitted["scroll"][1], fitted["scroll"][3]) <= 768
