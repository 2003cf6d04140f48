"""Guessing the 数据管理 password from fresh browser contexts (new tabs, new cookies, parallel sessions) against
the real server: the failures carry over, parallel tries are checked one at a time, and after N failures a
new context meets the lock and even the right password is refused."""

import pytest
from browser import settled_text, streamlit_server

from tradestats.access import auth, login

PASSWORD = "correct horse battery"
LOCKED = "密码错误次数过多，此地址已暂停登录，请 15 分钟后再试。"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("login")
    path = tmp / "db" / "tradestats.duckdb"
    digest = auth.make_hash(PASSWORD, iterations=1000)
    env = {auth.ENV: digest, "TRADESTATS_LOGIN_MAX_FAILURES": "3"}
    with streamlit_server(path, tmp / "streamlit.log", **env) as url:
        yield url, path


def login_page(browser, url):
    """/admin in a context of its own: no cookies, no session shared with any other."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/admin")
    page.get_by_label("密码").wait_for(timeout=90000)
    return page


def submit(page, password):
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def error(page) -> str:
    alert = page.locator("[data-testid=stForm] [data-testid=stAlert]")
    alert.wait_for(timeout=30000)
    return alert.inner_text().strip()


def test_failures_carry_across_browser_contexts(served, browser):
    url, path = served
    pages = []
    try:
        # Two new contexts at once: one password is checked, the other try refused unchecked.
        first, second = login_page(browser, url), login_page(browser, url)
        pages += [first, second]
        submit(first, "guess one")
        submit(second, "guess two")
        messages = sorted([error(first), error(second)])
        assert messages[0] == "密码不正确。" and messages[1].startswith("尝试过于频繁，请"), messages
        # Each later context counts on from there, whatever its cookies.
        third = login_page(browser, url)
        pages.append(third)
        submit(third, "guess three")
        assert error(third) == "密码不正确。"
        fourth = login_page(browser, url)
        pages.append(fourth)
        submit(fourth, "guess four")
        assert error(fourth) == "密码不正确。" + LOCKED
        # A fresh context is told at once how long to wait, and the right password does not open the page.
        fresh = login_page(browser, url)
        pages.append(fresh)
        assert error(fresh) == LOCKED
        submit(fresh, PASSWORD)
        fresh.wait_for_timeout(500)
        text = settled_text(fresh)
        assert LOCKED in text and "导入文件" not in text
    finally:
        for page in pages:
            page.context.close()
    results = [e["result"] for e in login.recent(login.log_path(path))]
    assert results[0] == "已锁定，未验证" and results.count("密码错误") == 3
    assert "过于频繁，未验证" in results and PASSWORD not in login.log_path(path).read_text(encoding="utf-8")
