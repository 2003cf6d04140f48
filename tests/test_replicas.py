"""Two replicas of the server (two `tradestats serve` processes) on one deployment folder, as behind nginx:
an import through the command line is seen by both at their next click, and the login throttle is one for
both — an address locked through one is locked in the other."""

import pytest
from browser import streamlit_server, wait_for_metrics
from test_browser_login import LOCKED, error, login_page, submit
from test_refresh import DECEMBER, cli, december_amount, open_december

from tradestats.access import auth
from tradestats.deploy import deployment

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("replicas")
    path = tmp / "db" / "tradestats.duckdb"
    deployment.build(path)
    env = {auth.ENV: auth.make_hash(PASSWORD, iterations=1000), "TRADESTATS_LOGIN_MAX_FAILURES": "2"}
    with (streamlit_server(path, tmp / "a.log", **env) as a, streamlit_server(path, tmp / "b.log", **env) as b):
        yield a, b, path, tmp


def test_an_import_through_the_command_line_is_seen_by_both_replicas_at_their_next_click(replicas, browser):
    a, b, path, tmp = replicas
    pages = [browser.new_page(), browser.new_page()]
    try:
        for page, url in zip(pages, (a, b)):
            open_december(page, url)
        before = december_amount(path)
        for page in pages:
            wait_for_metrics(page, before)
        file = tmp / "december.csv"
        file.write_bytes(DECEMBER.encode("gbk"))
        r = cli(path, "import", str(file))
        assert r.returncode == 0, r.stderr
        after = december_amount(path)
        assert after != before
        for page in pages:  # the next click: 累计, then back to 当月
            sidebar = page.locator("[data-testid=stSidebar]")
            sidebar.get_by_text("累计", exact=True).click()
            page.wait_for_selector("h1:has-text('2024年全年')", timeout=60000)
            sidebar.get_by_text("当月", exact=True).click()
            wait_for_metrics(page, after)
    finally:
        for page in pages:
            page.close()


def test_an_address_locked_through_one_replica_is_locked_in_the_other(replicas, browser):
    a, b, _, _ = replicas
    pages = []
    try:
        first = login_page(browser, a)
        pages.append(first)
        submit(first, "guess one")
        assert error(first) == "密码不正确。"
        second = login_page(browser, a)
        pages.append(second)
        submit(second, "guess two")
        assert error(second) == "密码不正确。" + LOCKED
        other = login_page(browser, b)  # the other replica
        pages.append(other)
        assert error(other) == LOCKED
        submit(other, PASSWORD)
        other.wait_for_timeout(500)
        assert "导入文件" not in other.inner_text("[data-testid=stMain]")
    finally:
        for page in pages:
            page.context.close()
