"""At a phone's width (390×844, mobile, touch) in Chromium against the real server: 手机简报's first screen holds
the figures, the rank and the targets' 完成率 of `tradestats summary --json`, without scrolling; no page overflows
sideways or scrolls a table inside itself; titles take two lines at most and the demo notice one, with 详情;
绩效指标 shows all its rows; 项目明细's list and 预警's alerts are the queries', ordered, paged and linked, and a
wider window brings the desktop's grid back; on a desktop 手机简报 is centred and narrow."""

import json
import os
import subprocess
import sys
import time

import pytest
from browser import settled_text

from tradestats.domain import metrics
from tradestats.ui import web

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def summary_json(path, *args):
    env = {**os.environ, "TRADESTATS_DB": str(path)}
    r = subprocess.run([sys.executable, "-m", "tradestats", "summary", "--json", *args], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def open_settled(page, url):
    page.goto(url)
    page.wait_for_selector("[data-testid=stMain]", timeout=90000)
    text = settled_text(page)
    assert page.locator("[data-testid=stException]").count() == 0, url
    return text


@pytest.mark.parametrize("month, region", [(9, None), (12, "431224")])
def test_the_first_screen_of_the_phone_briefing_is_the_summary(server, phone, month, region):
    url, path = server
    open_settled(phone, f"{url}/m?year=2024&kind=ytd&month={month}" + (f"&region={region}" if region else ""))
    phone.wait_for_selector(".ts-phone [data-ts=figure]", timeout=60000)
    s = summary_json(path, "--year", "2024", "--month", str(month), *(["--region", region] if region else []))
    figures = phone.locator("[data-ts=figure]").all_inner_texts()
    assert [f.split("\n") for f in figures] == [
        [m.label, m.format(s[m.column]), f"同比 {metrics.change(s[m.yoy_column])}"] for m in metrics.HEADLINE]
    rank = phone.locator("[data-ts=rank]").inner_text()
    assert rank.startswith(("全省" if region is None else "全市") + f"{s['rank_of']}个") and f"第{s['rank']}" in rank
    goals = phone.locator("[data-ts=goal]").all_inner_texts()
    whole = [t for t in s["targets"] if t["sector_code"] is None]
    assert len(goals) == len(whole) >= 1
    for text, t in zip(goals, whole):
        assert f"{t['completion_pct']:.2f}%（{t['schedule_pct']:.2f}%）" in text.replace("\n", "")
    alerts = phone.locator("[data-ts=alerts]").inner_text()  # the county's own open alerts on a county's
    assert "未处理" in alerts and alerts.startswith("全市" if region is None else "溆浦县"), alerts
    # All of it on the first screen: nothing below 844 px, nothing scrolled.
    for selector in ("[data-ts=heading]", "[data-ts=figure]", "[data-ts=rank]", "[data-ts=goal]", "[data-ts=alerts]"):
        for box in (phone.locator(selector).nth(i).bounding_box() for i in range(phone.locator(selector).count())):
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["x"] + box["width"] <= 390, selector
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


# Inside the page: an element that scrolls sideways (a grid, a wide table), or a title of more than two lines.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const wide = [...main.querySelectorAll('*')].filter(e => {
    const s = getComputedStyle(e);
    return (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
        || e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.ts-chart');
  }).map(e => e.getAttribute('data-testid') || e.className || e.tagName);
  const grids = main.querySelectorAll('[data-testid=stDataFrame]').length;
  const titles = [...main.querySelectorAll('h1')].map(h => { const s = getComputedStyle(h);
      return (h.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))
          / parseFloat(s.lineHeight); });
  return {wide, grids, titles, page: document.documentElement.scrollWidth};
}"""


# Every page but 数据管理 and the 大屏 (a meeting room's screen): the pages of wide tables and grids too (issue 29),
# which draw their phone's version once the browser has said how wide it is (tradestats.ui.viewport).
PHONE_PAGES = [p for p in (page[3] or "" for page in web.PAGES) if p not in ("admin", "screen")]


def settled_layout(page, quiet_ms=1000, timeout_s=60):
    """OVERFLOW once it has stopped changing: a grid draws its canvas a while after the run's text settles."""
    deadline = time.monotonic() + timeout_s
    last = page.evaluate(OVERFLOW)
    while True:
        page.wait_for_timeout(quiet_ms)
        found = page.evaluate(OVERFLOW)
        if found == last or time.monotonic() > deadline:
            return found
        last = found


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_every_page_at_a_phones_width(server, phone, path):
    url, _ = server
    text = open_settled(phone, f"{url}/{path}?year=2024&kind=ytd&month=12")
    found = settled_layout(phone)
    assert found["page"] <= 390 and not found["wide"], found
    assert all(lines <= 2.05 for lines in found["titles"]), found["titles"]
    notice = phone.locator("[data-testid=stExpander] summary").first
    assert "示例数据" in notice.inner_text() and "详情" in notice.inner_text()
    assert notice.bounding_box()["height"] <= 48  # one line
    assert "仅供演示。" not in text  # the notice's sentence waits under 详情
    assert found["grids"] == 0, f"{path}: a grid scrolls inside the page"


def test_the_indicators_page_shows_all_its_rows_at_390_px(server, phone):
    url, path = server
    open_settled(phone, f"{url}/indicators?year=2024")
    # A grid draws on a canvas (and scrolled its last rows out of sight): a plain table's rows are text.
    phone.wait_for_function("() => document.querySelector('[data-testid=stMain]').innerText.includes('信用修复')",
                            timeout=30000)
    table = phone.locator(".ts-table").first
    rows = table.locator("tbody tr").count()
    import functools

    from tradestats.present import indicators
    from tradestats.store import db, queries

    q = functools.partial(queries.run, db.connect(path))
    settings = dict(q("app_settings").itertuples(index=False))
    expected = indicators.table(q("indicators_by_year", year=2024, region="431200"), 2024,
                                indicators.budgets(settings))
    assert rows == len(expected) and table.bounding_box()["width"] <= 390


def query(path, name, **params):
    from tradestats.store import db, queries

    return queries.run(db.connect(path), name, **params)


def table_rows(page, selector="[data-testid=stMain] .ts-table"):
    """A plain table's header and rows, as the page shows them."""
    table = page.locator(selector).first
    head = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    rows = [[c.strip() for c in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]
    return head, rows


def wait_for_first_cell(page, text):
    page.wait_for_function("t => { const c = document.querySelector('[data-testid=stMain] .ts-table tbody td');"
                           " return c && c.innerText.trim() === t; }", arg=text, timeout=60000)


def test_the_project_list_at_390_px_is_the_querys_by_each_order_and_page(server, phone):
    from tradestats.domain.periods import Period
    from tradestats.present import tables

    url, path = server
    open_settled(phone, f"{url}/projects?year=2024&kind=ytd&month=12")
    phone.wait_for_selector("[data-testid=stMain] .ts-table", timeout=120000)  # the database is built
    params = dict(**Period(2024).params(), region="431200", sector=None, search="")

    def expected(order, offset=0):
        rows = query(path, "projects_top_in_period", **params, order=order, limit=50, offset=offset)
        return tables.project_table_short(rows, order)

    first = expected("amount")
    wait_for_first_cell(phone, first.iloc[0, 0])
    head, rows = table_rows(phone)
    assert head == list(first.columns) == ["项目名称", "成交金额", "地区"]
    assert rows == first.values.tolist() and len(rows) == 50  # names, amounts, regions, largest first
    box = phone.locator("[data-testid=stMain] .ts-table").first.bounding_box()
    assert box["x"] + box["width"] <= 390
    # Ordered by 节约资金: its column in the third place; then the second page of that order.
    phone.locator("[data-testid=stButtonGroup] button", has_text="节约资金").click()
    by_savings = expected("savings")
    wait_for_first_cell(phone, by_savings.iloc[0, 0])
    settled_text(phone)
    assert table_rows(phone) == (["项目名称", "成交金额", "节约资金"], by_savings.values.tolist())
    phone.locator("[data-testid=stNumberInput] button").last.click()  # +: page 2
    second = expected("savings", 50)
    wait_for_first_cell(phone, second.iloc[0, 0])
    settled_text(phone)
    assert table_rows(phone)[1] == second.values.tolist()
    assert phone.locator("[data-testid=stDataFrame]").count() == 0
    # Wider (a phone turned sideways is 844 px): the browser says so, and the sortable grid of every column is back.
    phone.set_viewport_size({"width": 1024, "height": 768})
    phone.wait_for_selector("[data-testid=stMain] [data-testid=stDataFrame]", timeout=60000)


def test_the_alerts_at_390_px_are_the_ledgers_and_their_links_open_their_page(server, phone):
    from tradestats.alerting import alert_rules

    url, path = server
    open_settled(phone, f"{url}/alerts")
    phone.wait_for_selector("[data-ts=alert]", timeout=120000)
    ledger = query(path, "alerts_by_status", year=None, month=None, status=None)
    shown = ledger[ledger.status == "open"]
    blocks = phone.locator("[data-ts=alert]").all_inner_texts()
    assert len(blocks) == len(shown) >= 1
    for text, r in zip(blocks, shown.itertuples()):
        head = text.split("\n")[0]
        assert head.startswith(alert_rules.LEVELS[r.level]) and f"{r.year}年{r.month}月" in head
        assert head.endswith(f"#{r.alert_id}") and r.message in text and alert_rules.NAMES[r.rule] in text
    for block in phone.locator("[data-ts=alert]").all():
        box = block.bounding_box()
        assert box["x"] + box["width"] <= 390
    assert phone.locator("[data-testid=stDataFrame]").count() == 0
    # The first alert's 查看 opens the page and the filters its link names.
    target = shown.link.iloc[0]
    page_path, _, query_string = target.partition("?")
    phone.locator("[data-ts=alert] a", has_text="查看").first.click()
    phone.wait_for_url(f"**{page_path}?**", timeout=60000)
    phone.wait_for_selector("[data-testid=stMain] h1", timeout=60000)
    settled_text(phone)
    assert phone.locator("[data-testid=stException]").count() == 0
    from urllib.parse import parse_qsl, urlsplit

    assert urlsplit(phone.url).path == page_path
    assert dict(parse_qsl(query_string)).items() <= dict(parse_qsl(urlsplit(phone.url).query)).items()


def test_on_a_desktop_the_briefing_is_centred_and_narrow(server, page):
    url, _ = server
    open_settled(page, f"{url}/m?year=2024&kind=ytd&month=9")
    box = page.locator(".ts-phone").bounding_box()
    middle = page.locator("[data-testid=stMain]").bounding_box()
    assert box["width"] <= 640 and abs((box["x"] + box["width"] / 2) - (middle["x"] + middle["width"] / 2)) < 40
    assert page.get_by_role("link", name="手机简报").count() >= 1  # in the sidebar's navigation


def test_the_dingtalk_picture_is_served_by_the_app_at_its_address(server, tmp_path, monkeypatch):
    """After a push, 钉钉's Markdown points at the app's address for the month's card, and the app serves there the
    very PNG 企业微信 received as an image message."""
    import base64
    import urllib.request

    from chat_server import chat_server

    from tradestats import config
    from tradestats.documents import card, push
    from tradestats.domain.periods import Period
    from tradestats.notify import webhooks

    url, path = server
    home = tmp_path / "home"
    home.mkdir()
    settings = (config.DATA_DIR / "settings.toml").read_text(encoding="utf-8")
    (home / "settings.toml").write_text(f'public_url = "{url}"\n' + settings, encoding="utf-8")
    monkeypatch.setenv(config.HOME_ENV, str(home))
    with chat_server() as chat:
        monkeypatch.setenv(webhooks.ENV, json.dumps([
            {"url": f"{chat.url}/cgi-bin/webhook/send?key=k", "format": "wecom"},
            {"url": f"{chat.url}/robot/send?access_token=t", "format": "dingtalk"}]))
        push.on_demand(path, Period(2024, 12, "month"))
    wecom = [r["body"] for r in chat.received if r["path"] == "/cgi-bin/webhook/send"]
    ding = [r["body"] for r in chat.received if r["path"] == "/robot/send"]
    sent = base64.b64decode(wecom[1]["image"]["base64"])
    address = ding[0]["markdown"]["text"].rpartition("](")[2].removesuffix(")")
    assert address == f"{url}/card/2024-12.png"
    with urllib.request.urlopen(address, timeout=60) as answer:
        assert answer.headers["Content-Type"] == "image/png"
        served = answer.read()
    assert served == sent and card.png_width(served) == 1080
    # A month no push has kept is drawn on request; a month that is none is refused in Chinese.
    with urllib.request.urlopen(f"{url}/card/2024-06.png", timeout=120) as answer:
        assert card.png_width(answer.read()) == 1080
    try:
        urllib.request.urlopen(f"{url}/card/2024-13.png", timeout=30)
        raise AssertionError("month 13 was served")
    except urllib.error.HTTPError as e:
        assert e.code == 404 and "月份应在1到12之间" in e.read().decode("utf-8")
