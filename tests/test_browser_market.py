"""交易效率与竞争 and 市场主体 in Chromium (issue 17): a supervisor's path — the 2024 流标率, bidders and cycle;
工程建设's largest winners and its HHI, then a click on the largest winner's bar opens its profile, and a click
on the second's name (beside its bar) opens that one's."""

import functools

from browser import settled_text, wait_for_metrics

from tradestats.domain import market, summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries


def q(path):
    return functools.partial(queries.run, db.connect(path))


def open_page(page, url, charts):
    page.set_viewport_size({"width": 1400, "height": 2900})  # the main area scrolls inside: all of it in view
    page.goto(url)
    page.wait_for_function(f"document.querySelectorAll('.ts-chart .main-svg').length >= {charts}", timeout=90000)
    text = settled_text(page)
    assert page.locator("[data-testid=stException]").count() == 0
    return text


def test_efficiency_page(server, page):
    url, path = server
    text = open_page(page, f"{url}/efficiency?year=2024", 5)
    assert "怀化市2024年全年交易效率与竞争" in text
    s = market.summarize(q(path), summary.context(q(path)), Period(2024))
    wait_for_metrics(page, f"{s['failed_rate_pct']:.2f}%", f"{s['avg_bidders']:.2f}家", f"{s['cycle_days_median']:.1f}天")
    cells = page.locator(".ts-table").first.locator("td").all_inner_texts()
    assert "工程建设" in cells and "666宗" in cells


def test_players_page_opens_a_winners_profile_on_a_click(server, page):
    url, path = server
    text = open_page(page, f"{url}/players?year=2024&sector=engineering", 1)
    assert "怀化市·工程建设2024年全年市场主体" in text
    h = market.headline(q(path), Period(2024), "431200", "engineering", concentration=True).iloc[0]
    wait_for_metrics(page, str(int(h.hhi)))
    top = market.top(q(path), Period(2024), "431200", "engineering", limit=5)
    cells = page.locator(".ts-table").first.locator("td").all_inner_texts()
    assert all(name in cells for name in top.name) and f"{int(top.projects[0])}宗" in cells
    ranking = page.locator(".ts-chart").first
    bar = ranking.locator("g.point path").last  # the largest, drawn on top
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(f"中标人画像：{top.name[0]}").wait_for(timeout=30000)
    page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 2", timeout=60000)
    assert f"统一社会信用代码 {top.key[0]}" in settled_text(page)
    ranking.locator(".ytick text", has_text=top.name[1]).click()
    page.get_by_text(f"中标人画像：{top.name[1]}").wait_for(timeout=30000)
    assert f"统一社会信用代码 {top.key[1]}" in settled_text(page)
