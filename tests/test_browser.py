"""The real server in a real browser: first start on a missing database, the overview's figures, a filter."""

import functools

from browser import wait_for_metrics

from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries

HEADLINE = ["1534宗", "293.74亿元", "+23.81%", "+18.59%", "11.86亿元", "1555.53万元", "第5"]



def wait_for_charts(page, count):
    page.wait_for_function(
        f"document.querySelectorAll('.ts-chart .main-svg').length >= {count}",
        timeout=60000)


def test_overview_shows_the_report_figures(server, page):
    page.goto(server[0])
    wait_for_metrics(page, "1534宗", "293.74亿元", "11.86亿元", "1555.53万元", "第5", timeout=90000)
    wait_for_charts(page, 4)
    text = page.inner_text("[data-testid=stMain]")
    for figure in HEADLINE:
        assert figure in text
    assert "全省14个市州第5" in text and "较上年上升1位" in text
    assert "示例数据" in text
    assert "数据更新至2024年12月" in page.inner_text("[data-testid=stSidebar]")
    assert page.locator("[data-testid=stException]").count() == 0
    # Every chart drew its bars or slices, with Chinese text in it.
    titles = page.locator(".ts-chart .gtitle").all_text_contents()
    assert "2024年全年各板块交易额（亿元）" in titles and "2024年全年全省市州交易额排名（亿元）" in titles
    assert page.locator(".ts-chart g.point, .ts-chart g.slice").count() > 20


def test_choosing_a_county_updates_the_page(server, page):
    url, path = server
    page.goto(url)
    page.wait_for_selector("[data-testid=stMetricValue]", timeout=90000)
    page.locator("[data-testid=stSelectbox]", has_text="地区").click()
    page.get_by_role("option", name="溆浦县").click()
    page.wait_for_selector("h1:has-text('溆浦县2024年全年公共资源交易总览')", timeout=30000)
    wait_for_charts(page, 4)
    # The same figures as the command line computes from the same database.
    expected = summary.summarize(functools.partial(queries.run, db.connect(path)), Period(2024), "431224")
    wait_for_metrics(page, metrics.count(expected["projects"]), metrics.money(expected["amount_wan"]))
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert values[:2] == [metrics.count(expected["projects"]), metrics.money(expected["amount_wan"])]
    # The rest of the page follows the metrics within the same run: waited for, not read at once (a loaded
    # machine draws the run's later elements a moment after its first ones).
    rank = f"交易额位列全市14个区县第{expected['rank']}"
    page.wait_for_function("t => document.querySelector('[data-testid=stMain]').innerText.includes(t)", arg=rank,
                           timeout=30000)
    assert "region=431224" in page.url
    # The back button returns to the whole city.
    page.go_back()
    page.wait_for_selector("h1:has-text('怀化市2024年全年公共资源交易总览')", timeout=30000)
    assert "region=431200" in page.url
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_pages_chinese_is_in_the_charts_font(server, page):
    """Left to the browser, Chinese in the page's own text took the system's first CJK font (WenQuanYi Zen Hei
    here), not the charts' Noto Sans CJK SC beside it."""
    page.goto(server[0])
    wait_for_metrics(page, "1534宗", timeout=90000)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in ("h1", "[data-testid=stMetricLabel] p", "[data-testid=stSidebar] [data-testid=stMarkdownContainer] p"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
        assert "Noto Sans CJK SC" in fonts and "WenQuanYi Zen Hei" not in fonts, (selector, fonts)
    cdp.detach()
