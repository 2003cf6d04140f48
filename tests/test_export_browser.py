"""The export browser in a real server: the Chromium that draws the press kit's and the 统计月报's charts is
started by an export and gone (with its whole tree) once TRADESTATS_EXPORT_IDLE_S seconds pass without one;
two exports at once never have two browsers. Processes are read from /proc (tests/procs.py)."""

import time
import warnings

import procs
from browser import streamlit_process

from tradestats import config
from tradestats.documents import render

IDLE_ENV, IDLE_S = "TRADESTATS_EXPORT_IDLE_S", "3"  # the name the issue gives it


def download(page, url: str, button: str):
    """Open 新闻素材 of June 2024 and start the download of button; the download's handle (a context manager)."""
    page.goto(f"{url}/press?year=2024&month=6")
    page.wait_for_selector("[data-testid=stCode]", timeout=120000)
    return page.expect_download(timeout=300000), page.get_by_role("button", name=button)


def children_gone(pid: int, timeout_s: float = 180) -> list[int]:
    """pid's descendants once there are none (or what is left after timeout_s)."""
    deadline = time.monotonic() + timeout_s
    while (left := procs.descendants(pid)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def test_the_export_browser_is_started_by_an_export_and_gone_after_its_idle_time(tmp_path, browser):
    path = tmp_path / "db" / "tradestats.duckdb"
    with streamlit_process(config.ROOT / "app.py", tmp_path / "streamlit.log",
                           **{config.DB_ENV: str(path), IDLE_ENV: IDLE_S}) as (url, server):
        page = browser.new_page()
        try:
            expect, button = download(page, url, "下载素材包")
            assert procs.browsers(server.pid) == []  # not started before an export needs it
            with procs.Peaks(server.pid) as seen, expect as done:
                button.click()
            assert done.value.suggested_filename.endswith("新闻素材.zip") and done.value.failure() is None
            assert seen.ever_browsers  # the charts were drawn by the server's Chromium
            left = children_gone(server.pid)
            assert left == [], [(p, procs.cmdline(p)[:2], procs.rss_kib(p)) for p in left]
            assert server.poll() is None  # the server itself is still serving
        finally:
            page.close()


def test_two_exports_at_once_never_run_two_browsers(tmp_path, browser):
    """The press kit on one page and the 统计月报's PDF (charts drawn, then the page printed) on another, clicked
    together: they share the browser or wait for it."""
    path = tmp_path / "db" / "tradestats.duckdb"
    with streamlit_process(config.ROOT / "app.py", tmp_path / "streamlit.log",
                           **{config.DB_ENV: str(path), IDLE_ENV: IDLE_S}) as (url, server):
        pages = [browser.new_page(), browser.new_page()]
        try:
            (kit, kit_button), (pdf, pdf_button) = (download(pages[0], url, "下载素材包"),
                                                    download(pages[1], url, "统计月报（PDF）"))
            with procs.Peaks(server.pid) as seen, kit as kit_done, pdf as pdf_done:
                kit_button.click()
                pdf_button.click()
            assert kit_done.value.failure() is None and pdf_done.value.failure() is None
            assert pdf_done.value.suggested_filename == "2024年6月公共资源交易统计月报.pdf"
            assert seen.ever_browsers and seen.most_browsers == 1, seen.worst
            assert children_gone(server.pid) == []
        finally:
            for page in pages:
                page.close()


def test_an_idle_setting_that_is_not_seconds_is_said_and_the_default_used(monkeypatch):
    monkeypatch.setenv(IDLE_ENV, "一分钟")
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        assert render.idle_seconds() == render.IDLE_S
    assert "TRADESTATS_EXPORT_IDLE_S" in str(said[0].message) and "不是秒数" in str(said[0].message)
    monkeypatch.setenv(IDLE_ENV, "2.5")
    assert render.idle_seconds() == 2.5
