"""Each analysis page opened in Chromium from a link with filters, on a fresh server (the first request
of the server is such a link), and the county click that narrows every page."""

import functools
import urllib.request

import pytest
from browser import settled_text, wait_for_metrics
from playwright.sync_api import expect

from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries
from tradestats.ui import chart_element, streamlit_compat, web


def q(path):
    return functools.partial(queries.run, db.connect(path))


def open_page(page, url, charts):
    page.goto(url)
    page.wait_for_function(
        f"document.querySelectorAll('.ts-chart .main-svg').length >= {charts}", timeout=90000)
    text = settled_text(page)
    assert page.locator("[data-testid=stException]").count() == 0
    return text


def chart_texts(page):
    """The numbers and names written on the charts (tables are drawn on a canvas and cannot be read)."""
    return page.locator(".ts-chart :is(.textpoint, .bartext)").all_text_contents()


def sidebar_value(page, label):
    return page.get_by_role("combobox", name=label).input_value()


def test_trend_link_on_a_fresh_server(server, page):
    url, path = server
    text = open_page(page, f"{url}/trend?year=2024&month=6&kind=ytd&measure=projects&region=431200", 3)
    assert "怀化市项目数趋势分析" in text
    h = summary.headline(q(path), Period(2024, 6), "431200")
    assert "2024年1-6月项目数（累计）" in text
    wait_for_metrics(page, metrics.count(h.projects))
    assert (sidebar_value(page, "截至月份"), sidebar_value(page, "指标")) == ("6月", "项目数")


def test_every_page_is_in_the_sidebar_not_behind_view_more(server, page):
    """Streamlit folds a sidebar of more than ten pages behind "View more": 预警, 数据管理 and 大屏 were hidden."""
    url, _ = server
    open_page(page, f"{url}/?year=2024&month=6&kind=ytd", 1)
    nav = page.get_by_role("navigation")
    for _, title, _, _ in web.PAGES:
        expect(nav.get_by_text(title, exact=True)).to_be_visible()


def test_what_the_first_run_imports_is_served_where_it_looks(server):
    """web.preload_chart_code imports the chart element's module (streamlit_compat.component_asset_url) and
    Streamlit's table code (streamlit_compat.table_code_files) from the server's root."""
    url, _ = server
    for name, path, content in [("component_asset_url", chart_element.MODULE_URL, "Plotly"),
                                *[("table_code_files", f, "") for f in streamlit_compat.table_code_files()]]:
        try:
            with urllib.request.urlopen(f"{url}/{path}", timeout=30) as answer:
                body = answer.read().decode()
        except OSError as e:
            raise AssertionError(f"Streamlit changed: {streamlit_compat.RELIES_ON[name]}") from e
        assert content in body


def test_sectors_link(server, page):
    url, path = server
    text = open_page(page, f"{url}/sectors?year=2024&month=6&sector=engineering", 4)
    assert "怀化市·工程建设2024年1-6月板块分析" in text
    s = summary.sectors(q(path), Period(2024, 6), "431200", "engineering")
    assert f"{s.amount_wan[0] / 10000:.2f}" in chart_texts(page)  # the bar of 工程建设, in 亿元
    assert sidebar_value(page, "板块") == "工程建设"
    # An axis in 万元 counts 2,000 … 12,000, never Plotly's 2k … 12k (no k after a unit of 万).
    open_page(page, f"{url}/sectors?year=2024&kind=month&month=6&sector=engineering", 4)
    ticks = page.locator(".ts-chart .ytick text, .ts-chart .y2tick text").all_text_contents()
    assert any("," in t for t in ticks) and not any(t.rstrip().endswith("k") for t in ticks), ticks


def test_regions_link_draws_the_map(server, page):
    url, path = server
    open_page(page, f"{url}/regions?year=2024&month=12&kind=month&measure=amount_wan", 3)
    page.wait_for_function("[...document.querySelectorAll('.ts-chart .textpoint')]"
                           ".some(e => e.textContent === '洪江市')", timeout=60000)
    labels = chart_texts(page)
    for county in ("鹤城", "中方", "沅陵", "辰溪", "溆浦", "会同", "麻阳", "新晃", "芷江", "靖州", "通道", "洪江市"):
        assert county in labels
    assert page.locator(".ts-chart path[style*='fill: rgb']").count() >= 12
    ranks = q(path)("rank_by_region", **Period(2024, 12, "month").params(), parent="431200", sector=None,
                    measure="amount_wan")
    assert f"{ranks.value[0] / 10000:.2f}" in labels  # the first county's bar, in 亿元
    # the ranking's table: the names wrap (plain_table.WRAP), the figures never
    spaces = page.evaluate("""() => [...document.querySelectorAll('.ts-table')].map(t =>
        [...t.querySelector('tbody tr').children].map(c => getComputedStyle(c).whiteSpace).join(' '))""")
    assert spaces[0] == "nowrap normal nowrap nowrap nowrap nowrap"  # 排名 地区 交易额 同比 上年同期排名 名次变化


def test_a_new_month_redraws_the_charts_in_place(server, page):
    """Choosing another month changes every chart's data where it stands: the same elements (Plotly.react),
    not charts drawn anew — by Streamlit, or by Plotly, which starts over (removing its SVG) when a chart's
    config changes (the camera button's file name does) — now showing the new period's figures. (The demo's
    overview has five: its made-up targets' 完成率 first, then the sector bars and share, the months, the rank.)"""
    url, path = server
    open_page(page, f"{url}/?year=2024&month=6", 5)
    page.evaluate("document.querySelectorAll('.ts-chart').forEach((c, i) => { c.dataset.mark = i; })")
    page.evaluate("window.__svgs = [...document.querySelectorAll('.ts-chart .main-svg')]")
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]", has_text="截至月份").click()
    page.get_by_role("option", name="5月", exact=True).click()
    page.wait_for_function("[...document.querySelectorAll('.ts-chart .gtitle')]"
                           ".filter(t => t.textContent.includes('2024年1-5月')).length === 4", timeout=60000)
    settled_text(page)
    assert page.evaluate("[...document.querySelectorAll('.ts-chart')].map(c => c.dataset.mark)") == list("01234")
    assert page.evaluate("window.__svgs.length > 0 && window.__svgs.every(svg => svg.isConnected)")
    s = summary.sectors(q(path), Period(2024, 5), "431200")
    bars = page.locator(".ts-chart").nth(1).locator(":is(.textpoint, .bartext)").all_text_contents()
    assert [f"{v / 10000:.2f}" for v in s.amount_wan] == bars  # the sector bars, in 亿元


def test_a_new_month_or_measure_reruns_the_page_alone(server, page):
    """The month and the measure change nothing in the sidebar: their change reruns the page's fragment, and
    the server sends nothing of the sidebar (its widgets' labels are in every full run's messages). The
    address follows, and the back button returns to the month before. A new year reruns the whole app: its
    months are offered."""
    url, path = server
    page.set_viewport_size({"width": 1400, "height": 1300})  # the sidebar's last box whole: a click that must
    # scroll the sidebar first lands while it scrolls, and the box's menu does not open
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(
        payload if isinstance(payload, bytes) else payload.encode())))
    open_page(page, f"{url}/?year=2024&month=6", 4)
    sidebar_sent = lambda: sum("统计口径".encode() in f for f in frames)  # noqa: E731
    assert sidebar_sent() == 1  # the first run drew it

    page.get_by_role("combobox", name="截至月份").click()
    page.get_by_role("option", name="3月", exact=True).click()
    page.wait_for_selector("h1:has-text('怀化市2024年1-3月公共资源交易总览')", timeout=30000)
    settled_text(page)
    h = summary.headline(q(path), Period(2024, 3), "431200")
    wait_for_metrics(page, metrics.count(h.projects), metrics.money(h.amount_wan))
    assert "month=3" in page.url
    page.get_by_role("combobox", name="指标").click()
    page.get_by_role("option", name="项目数", exact=True).click()
    page.wait_for_function("[...document.querySelectorAll('.ts-chart .gtitle')]"
                           ".some(t => t.textContent.startsWith('2024年各月项目数'))", timeout=30000)
    settled_text(page)
    assert "measure=projects" in page.url
    assert sidebar_sent() == 1, "a change of month or measure reran the sidebar"
    assert page.locator("[data-testid=stException]").count() == 0

    page.go_back()
    page.wait_for_function("[...document.querySelectorAll('.ts-chart .gtitle')]"
                           ".some(t => t.textContent.startsWith('2024年各月交易额'))", timeout=30000)
    settled_text(page)
    assert "measure=amount_wan" in page.url and sidebar_value(page, "指标") == "交易额"
    page.go_back()
    page.wait_for_selector("h1:has-text('怀化市2024年1-6月公共资源交易总览')", timeout=30000)
    assert sidebar_value(page, "截至月份") == "6月"

    page.get_by_role("combobox", name="年份").click()
    page.get_by_role("option", name="2023年", exact=True).click()
    page.wait_for_selector("h1:has-text('怀化市2023年1-6月公共资源交易总览')", timeout=30000)
    settled_text(page)
    page.get_by_role("combobox", name="截至月份").click()
    assert page.get_by_role("option").count() == 12
    page.keyboard.press("Escape")


def test_a_chart_follows_the_width_of_its_place(server, page):
    """A narrower window redraws the charts at their new width (the element tells Plotly only of a real change
    of size, not of the size a chart was just drawn at)."""
    url, _ = server
    open_page(page, f"{url}/?year=2024&month=6", 4)
    before = page.evaluate("document.querySelector('.ts-chart .main-svg').getBoundingClientRect().width")
    page.set_viewport_size({"width": 1200, "height": 1000})  # still side by side (at 1000 they stack)
    page.wait_for_function(
        "(() => { const c = document.querySelector('.ts-chart');"
        " const w = c.querySelector('.main-svg').getBoundingClientRect().width;"
        f" return w < {before} - 100 && Math.abs(w - c.clientWidth) < 1; }})()", timeout=30000)


def test_charts_say_when_their_code_cannot_load_and_draw_once_it_can(server, page):
    """Plotly's file refused (a proxy, a dropped connection): each chart says so instead of staying blank,
    and the next run, with the file reachable again, draws them."""
    url, _ = server
    page.route("**/plotly-basic.min.js", lambda route: route.abort())
    page.goto(f"{url}/?year=2024&month=6")
    page.wait_for_function("[...document.querySelectorAll('.ts-chart')]"
                           ".filter(c => c.textContent.includes('图表代码加载失败')).length === 5", timeout=90000)
    page.unroute("**/plotly-basic.min.js")
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]", has_text="截至月份").click()
    page.get_by_role("option", name="5月", exact=True).click()
    page.wait_for_function("[...document.querySelectorAll('.ts-chart')].filter(c => c.querySelector('.main-svg'))"
                           ".length === 5", timeout=60000)  # the month chart, unchanged, by trying again
    assert "图表代码加载失败" not in page.inner_text("[data-testid=stMain]")


def test_clicking_a_sector_bar_narrows_to_it(server, page):
    url, _ = server
    open_page(page, f"{url}/sectors?year=2024", 4)
    bar = page.locator(".ts-chart").first.locator("g.point path").nth(1)  # 政府采购's bar, not its label
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("location.search.includes('sector=procurement')", timeout=30000)
    expect(page.get_by_role("combobox", name="板块")).to_have_value("政府采购")


def test_a_charts_camera_button_saves_it_at_three_times_its_size(server, page, tmp_path):
    url, _ = server
    open_page(page, f"{url}/?year=2024&month=6", 5)
    chart = page.locator(".ts-chart").nth(1)  # the sector bars (after the demo's targets)
    width = chart.bounding_box()["width"]
    chart.hover()
    with page.expect_download(timeout=30000) as download:
        chart.locator(".modebar-btn[data-title*='PNG' i]").click()
    assert download.value.suggested_filename == "各板块交易额_2024年1-6月.png"
    saved = tmp_path / "chart.png"
    download.value.save_as(saved)
    from PIL import Image

    assert Image.open(saved).size == (round(width * 3), 380 * 3)
    # Another month: the same chart, redrawn in place, saves under the new period's name.
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]", has_text="截至月份").click()
    page.get_by_role("option", name="5月", exact=True).click()
    page.wait_for_function("document.querySelectorAll('.ts-chart .gtitle')[1].textContent.includes('2024年1-5月')",
                           timeout=60000)
    chart.hover()
    with page.expect_download(timeout=30000) as download:
        chart.locator(".modebar-btn[data-title*='PNG' i]").click()
    assert download.value.suggested_filename == "各板块交易额_2024年1-5月.png"


def test_clicking_a_county_narrows_every_page_and_can_be_cleared(server, page):
    url, path = server
    open_page(page, f"{url}/regions?year=2024", 3)
    bar = page.locator(".ts-chart").nth(1).locator("g.point").last  # the top bar: 市本级
    box = bar.bounding_box()  # plotly's drag layer lies over the bars and turns a click there into a pick
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("location.search.includes('region=431201')", timeout=30000)
    expect(page.get_by_role("combobox", name="地区")).to_have_value("市本级")
    page.get_by_role("link", name="总览").click()
    page.wait_for_selector("h1:has-text('市本级2024年全年公共资源交易总览')", timeout=30000)
    expected = metrics.count(summary.headline(q(path), Period(2024), "431201").projects)
    wait_for_metrics(page, expected)
    page.get_by_role("button", name="清除地区和板块筛选").click()
    page.wait_for_selector("h1:has-text('怀化市2024年全年公共资源交易总览')", timeout=30000)
    assert "region=431200" in page.evaluate("location.search")


def test_press_page_downloads_the_kit(server, page, tmp_path):
    url, path = server
    page.goto(f"{url}/press?year=2024&month=6")
    page.wait_for_selector("[data-testid=stCode]", timeout=90000)
    from tradestats.documents import narrative

    assert page.inner_text("[data-testid=stCode]").strip() == narrative.paragraph(q(path), Period(2024, 6))
    with page.expect_download(timeout=120000) as download:
        page.get_by_role("button", name="下载素材包").click()
    assert download.value.suggested_filename == "怀化市2024年1-6月公共资源交易新闻素材.zip"
    target = tmp_path / "kit.zip"
    download.value.save_as(target)
    import zipfile

    names = zipfile.ZipFile(target).namelist()
    assert "怀化市2024年1-6月_简报.docx" in names and "图表/怀化市2024年1-6月_各板块交易额.pdf" in names


def test_clicking_a_county_on_the_map(server, page):
    url, _ = server
    open_page(page, f"{url}/regions?year=2024", 3)
    page.wait_for_function("[...document.querySelectorAll('.ts-chart .textpoint')]"
                           ".some(e => e.textContent === '溆浦')", timeout=60000)
    label = page.locator(".ts-chart").first.locator(".textpoint", has_text="溆浦")
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("location.search.includes('region=431224')", timeout=30000)
    expect(page.get_by_role("combobox", name="地区")).to_have_value("溆浦县")


@pytest.mark.parametrize("width", [1280, 1000])
@pytest.mark.parametrize(("path", "metrics"), [("/", 6), ("/sectors", 0), ("/regions", 0), ("/indicators", 4)])
def test_figures_and_titles_are_whole_on_a_laptop_screen(server, browser, path, metrics, width):
    """At 1280×800 with the sidebar open the headline metrics are ~190 px wide; at 1000 (a 1366 laptop at 125 %
    zoom is ~1090) the page is ~540 px wide and side-by-side charts go one under the other. Every figure shows
    whole, its unit too (no ellipsis), so do a metric's label and a delta's description, and every chart's
    title and source line end inside the chart, the title at a readable size. (总览 at 1-5月: the four headline
    figures, the 全年预计 and the rank.)"""
    url, _ = server
    laptop = browser.new_page(viewport={"width": width, "height": 800})
    try:
        open_page(laptop, f"{url}{path}?year=2024&month=5", 2)
        laptop.wait_for_timeout(1000)
        cut = laptop.evaluate("""[...document.querySelectorAll('[data-testid=stMetricValue] .stMarkdownEllipsis,'
            + '[data-testid=stMetricLabel] p, [data-testid=stMetricDeltaDescription] [data-testid=stCaptionContainer]')]
            .filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent)""")
        assert cut == []
        assert laptop.locator("[data-testid=stMetricValue]").count() == metrics
        texts = laptop.evaluate("""[...document.querySelectorAll('.ts-chart')].flatMap(c => {
            const box = c.getBoundingClientRect(), notes = c.querySelectorAll('.annotation-text');
            return [c.querySelector('.gtitle'), notes[notes.length - 1]].filter(t => t).map(t => [t.textContent,
                t.getBoundingClientRect().right - box.right, parseFloat(getComputedStyle(t).fontSize)]); })""")
        assert texts and [t for t, overflow, _ in texts if overflow > 1] == []
        titles = laptop.evaluate("[...document.querySelectorAll('.ts-chart .gtitle')].map(t => t.textContent)")
        assert [t for t, _, size in texts if t in titles and size < 13] == []
    finally:
        laptop.close()


def test_the_project_pages_top_tables_go_one_under_the_other_on_a_narrow_laptop(server, browser):
    """At 1000 px with the sidebar open, side by side the two top-10 tables were ~260 px wide each: their
    amounts (the column they are about) were off to the right, behind a scroll bar."""
    url, _ = server
    laptop = browser.new_page(viewport={"width": 1000, "height": 1600})
    try:
        laptop.goto(f"{url}/projects?year=2024")
        laptop.wait_for_function("document.querySelectorAll('[data-testid=stDataFrame]').length >= 3", timeout=90000)
        settled_text(laptop)
        boxes = [t.bounding_box() for t in laptop.locator("[data-testid=stDataFrame]").all()]
        main = laptop.locator("[data-testid=stMainBlockContainer] [data-testid=stVerticalBlock]").first.bounding_box()
    finally:
        laptop.close()
    amounts, savings = boxes[-2], boxes[-1]
    assert savings["y"] >= amounts["y"] + amounts["height"]
    assert amounts["width"] == savings["width"] and amounts["width"] >= main["width"] - 1


@pytest.mark.parametrize("path", ["/", "/trend", "/sectors", "/regions", "/projects", "/indicators", "/press"])
def test_pages_fit_a_phone(server, browser, path):
    """At 390×844 nothing runs off the side: the cards stack, the charts take the width, their titles fit in
    them and no toolbar covers a title."""
    url, _ = server
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    try:
        phone.goto(f"{url}{path}?year=2024")
        phone.wait_for_selector("[data-testid=stMain] h1", timeout=90000)
        phone.wait_for_timeout(1500)
        assert phone.locator("[data-testid=stException]").count() == 0
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        for chart in phone.locator(".ts-chart").all():
            box = chart.bounding_box()
            assert box is None or box["x"] + box["width"] <= 391
        titles = phone.evaluate("""[...document.querySelectorAll('.ts-chart')].map(c => {
            const t = c.querySelector('.gtitle'), box = c.getBoundingClientRect();
            return t ? [t.textContent, t.getBoundingClientRect().right - box.right] : null; }).filter(x => x)""")
        assert [t for t, overflow in titles if overflow > 1] == []
        overlaps = phone.evaluate("""[...document.querySelectorAll('.ts-chart')].map(c => {
            const t = c.querySelector('.gtitle'), l = c.querySelector('.legend');
            if (!t || !l) return null;
            const a = t.getBoundingClientRect(), b = l.getBoundingClientRect();
            return a.bottom > b.top && b.bottom > a.top && a.right > b.left && b.right > a.left
                ? t.textContent : null; }).filter(x => x)""")
        assert overlaps == []  # a legend wrapped to two rows must not run into the title
        assert phone.locator(".modebar-container").filter(visible=True).count() == 0
    finally:
        phone.close()


def test_the_overview_shows_the_targets_against_the_schedule(server, page):
    """总览 for 2024年1-9月 on the demo (made-up targets): each target's 完成率 as a bar, red behind the dashed
    序时进度 line and green ahead, and the sentences beside them."""
    url, _ = server
    open_page(page, f"{url}/?year=2024&month=9", 5)
    chart = page.locator(".ts-chart").first
    assert chart.locator(".gtitle").text_content() == "怀化市2024年1-9月年度目标完成率（%）"
    assert chart.locator(".bartext").all_text_contents() == ["68.0%", "74.6%", "79.4%"]
    assert "序时进度75.0%" in chart.locator(".annotation-text").all_text_contents()
    fills = chart.locator("g.point path").evaluate_all("ps => ps.map(p => getComputedStyle(p).fill)")
    assert fills == ["rgb(176, 58, 46)", "rgb(176, 58, 46)", "rgb(30, 132, 73)"]  # behind, behind, ahead
    text = page.inner_text("[data-testid=stMain]")
    assert "交易额完成年度目标的79.4%，超序时进度4.4个百分点（目标260.00亿元，已完成206.52亿元）" in text


def styled_testids() -> set[str]:
    """The data-testid names of Streamlit's elements the app's CSS styles (all of it in streamlit_compat)."""
    import re

    css = streamlit_compat.PAGE_CSS + streamlit_compat.PHONE_CSS + streamlit_compat.screen_css("#000", "#fff", "0")
    return set(re.findall(r"data-testid=(\w+)", css))


TESTIDS = "() => [...new Set([...document.querySelectorAll('[data-testid]')].map(e => e.dataset.testid))]"


def test_every_element_the_css_styles_is_on_a_page(server, browser):
    """A Streamlit release that renames an element the CSS styles (as 1.67 did stSidebarCollapsedControl) fails
    here, naming it — rather than the 大屏 showing a sidebar button or a phone a wide table."""
    url, _ = server
    seen: set[str] = set()
    for width, path in [(1280, "?year=2024&kind=ytd&month=9"), (1280, "indicators?year=2024"),
                        (1280, "admin"), (1280, "projects?year=2024&kind=ytd&month=9"),
                        (390, "?year=2024&kind=ytd&month=9")]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/{path}")
        page.wait_for_selector("[data-testid=stMain] h1", timeout=90000)
        settled_text(page)
        seen |= set(page.evaluate(TESTIDS))
        context.close()
    missing = styled_testids() - seen
    assert not missing, (f"Streamlit changed: {streamlit_compat.RELIES_ON['selectors']}; "
                         f"nothing on the pages has data-testid {sorted(missing)}")
