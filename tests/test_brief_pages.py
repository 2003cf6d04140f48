"""新闻素材's buttons for the month's 统计月报 and 汇报PPT and its list of the reports made by themselves (with
their dates); 数据管理 saying that the latest automatic run failed."""

import datetime as dt
import os

import pytest
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.access import auth, login
from tradestats.deploy.deployment import build as build_deployment
from tradestats.documents import auto

APP = str(config.ROOT / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def deployment(tmp_path, monkeypatch):
    path = tmp_path / "tradestats.duckdb"
    build_deployment(path, config.DATA_DIR, demo=True)
    monkeypatch.setenv(config.DB_ENV, str(path))
    return path


def open_page(page: str, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_press_page_offers_the_months_documents_and_lists_those_made(deployment):
    at = open_page("pages/press.py", month=9)
    assert {"统计月报（Word）", "统计月报（PDF）", "汇报PPT"} <= set(labels(at))
    assert any("还没有自动生成的月报" in c.value for c in at.caption)
    folder = auto.folder(deployment)
    folder.mkdir()
    made = folder / "2024年12月公共资源交易统计月报.pdf"
    made.write_bytes(b"%PDF-1.4")
    stamp = dt.datetime(2025, 1, 8, 9, 30).timestamp()
    os.utime(made, (stamp, stamp))
    (folder / ".2024年12月公共资源交易统计月报.docx.part").write_bytes(b"")  # being written: not listed
    (folder / "2024年12月公共资源交易情况汇报.pptx").write_bytes(b"PK")
    os.utime(folder / "2024年12月公共资源交易情况汇报.pptx", (stamp - 60, stamp - 60))  # the latest file's time
    at = open_page("pages/press.py", month=9)
    assert any(m.value == "2024年12月　2025-01-08 09:30 生成" for m in at.markdown)
    assert labels(at)[-3:] == ["汇报PPT", "PDF", "PPT"]  # the made month has no Word here
    assert auto.by_month(deployment)[0][2] == {"pdf": made, "pptx": folder / "2024年12月公共资源交易情况汇报.pptx"}


def test_data_management_says_the_automatic_run_failed(deployment, monkeypatch):
    monkeypatch.setattr(login, "throttle_for", lambda _log, own=login.Throttle(max_failures=2): own)
    monkeypatch.setenv(auth.ENV, auth.make_hash(PASSWORD, iterations=1000))
    auto.log(deployment, {"time": "2025-02-10T09:30:00+08:00", "year": 2025, "month": 1, "result": "失败",
                          "files": [], "detail": "pdf：RenderError: 服务器上没有找到 Chromium 浏览器"})
    at = open_page("pages/admin.py")
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("自动生成2025年1月统计月报和汇报PPT失败" in e.value and "Chromium" in e.value for e in at.error)
