"""The monthly refresh as data staff meet it, against the real server: a CLI import while the app serves
(the page shows the new figure at the next click, no restart), an import killed midway (the last good data
stays), and an upload through the 数据管理 page after logging in."""

import functools
import os
import signal
import subprocess
import sys
import time

import pytest
from browser import streamlit_server, wait_for_metrics

from tradestats.access import auth
from tradestats.deploy import deployment
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries

PASSWORD = "correct horse battery"
DECEMBER = "月份,地区,板块,宗数,成交金额（亿元）\r\n2024年12月,溆浦县,工程建设,5,1.2345\r\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("refresh")
    path = tmp / "db" / "tradestats.duckdb"
    deployment.build(path)
    digest = auth.make_hash(PASSWORD, iterations=1000)
    with streamlit_server(path, tmp / "streamlit.log", **{auth.ENV: digest}) as url:
        yield url, path, tmp


def cli(path, *args):
    env = {**os.environ, "TRADESTATS_DB": str(path)}
    return subprocess.run([sys.executable, "-m", "tradestats", *args], env=env, capture_output=True, text=True)


def december_wan(path) -> float:
    q = functools.partial(queries.run, db.connect(path))
    return float(summary.headline(q, Period(2024, 12, "month"), "431200").amount_wan)


def total_wan(path) -> float:
    """Every cell's amount summed, as the current version holds them (2 decimals, as the dump writes them)."""
    con = db.connect(path)
    try:
        return round(float(con.execute("select sum(amount_wan) from fact_trade_monthly").fetchone()[0]), 2)
    finally:
        con.close()


def december_amount(path) -> str:
    return metrics.money(december_wan(path))


def open_december(page, url):
    page.goto(f"{url}/?year=2024&month=12&kind=month")
    page.wait_for_selector("[data-testid=stMetricValue]", timeout=90000)


def test_cli_import_while_the_app_serves(served, page):
    url, path, tmp = served
    open_december(page, url)
    before = december_amount(path)
    wait_for_metrics(page, before)
    file = tmp / "december.csv"
    file.write_bytes(DECEMBER.encode("gbk"))
    r = cli(path, "import", str(file))
    assert r.returncode == 0, r.stderr  # no "Could not set lock": the app holds only its own version
    after = december_amount(path)
    assert after != before
    # The next interaction shows the new figure, without a restart.
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("累计", exact=True).click()
    page.wait_for_selector("h1:has-text('2024年全年')", timeout=30000)
    sidebar.get_by_text("当月", exact=True).click()
    wait_for_metrics(page, after)


def test_an_import_killed_midway_leaves_the_last_good_data(served, tmp_path):
    """The writer is killed at several points while it writes its new version (its .partial file exists):
    each time the data read is the last good version, or — killed after the pointer moved — the whole import."""
    url, path, _ = served
    dump = tmp_path / "all.csv"
    assert cli(path, "dump", "--out", str(dump)).returncode == 0
    lines = dump.read_text(encoding="utf-8-sig").splitlines()
    at = lines[0].split(",").index("交易额（万元）")
    versions = db.versions_dir(path)
    original = sum(float(line.split(",")[at]) for line in lines[1:])
    assert abs(total_wan(path) - original) < 0.01  # the dump is the data as it stands
    killed_while_writing = 0
    for k, offset in enumerate((0.0, 0.02, 0.06, 0.15, 0.3)):
        # Every amount up by k + 1 (new each time): an import that changes every cell.
        file = tmp_path / f"all_{k}.csv"
        file.write_text("\n".join([lines[0]] + [",".join(v if i != at else f"{float(v) + k + 1:.2f}"
                                                         for i, v in enumerate(line.split(","))) for line in lines[1:]])
                        + "\n", encoding="utf-8")
        before = (db.version_key(path), total_wan(path))
        env = {**os.environ, "TRADESTATS_DB": str(path)}
        proc = subprocess.Popen([sys.executable, "-m", "tradestats", "import", "--yes", str(file)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not list(versions.glob("*.partial")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)  # until the writer has begun its new version
        time.sleep(offset)
        writing = bool(list(versions.glob("*.partial")))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        key, total = db.version_key(path), total_wan(path)
        # Either untouched, or (killed after the pointer moved) the whole import — every cell's new amount —
        # never a half.
        assert (key, total) == before or (key != before[0] and total == original + 2592 * (k + 1)), (k, offset)
        killed_while_writing += writing and key == before[0]
        con = db.connect(path)
        assert con.execute("select count(*) from fact_trade_monthly").fetchone()[0] == 6480
        con.close()
    assert killed_while_writing >= 2  # the kills did land in the middle of writing a version
    # The next import that writes clears what the killed ones left behind (DuckDB's .wal beside them too).
    assert list(versions.glob("*.partial"))
    again = tmp_path / "again.csv"
    again.write_text("\n".join([lines[0]] + [",".join(v if i != at else f"{float(v) + 9:.2f}"
                                                     for i, v in enumerate(line.split(","))) for line in lines[1:]])
                     + "\n", encoding="utf-8")
    assert cli(path, "import", "--yes", str(again)).returncode == 0
    assert not list(versions.glob("*.partial*"))


def test_upload_through_the_page_after_login(served, page, tmp_path):
    url, path, _ = served
    file = tmp_path / "上报.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["月份", "地区", "板块", "项目数", "交易额（万元）"])
    wb.active.append(["2024-11", "溆浦县", "政府采购", 9, 888.88])
    wb.save(file)
    page.goto(f"{url}/admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("text=导入文件", timeout=30000)
    page.locator("input[type=file]").set_input_files(str(file))
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_selector("text=已导入", timeout=30000)
    page.goto(f"{url}/?year=2024&month=11&kind=month&region=431224&sector=procurement")
    page.wait_for_selector("[data-testid=stMetricValue]", timeout=90000)
    wait_for_metrics(page, "9宗", "888.88万元")
    assert page.locator("[data-testid=stMetricValue]").all_inner_texts()[:2] == ["9宗", "888.88万元"]


def test_a_broken_upload_is_explained_and_changes_nothing(served, page, tmp_path):
    url, path, _ = served
    before = db.version_key(path)
    file = tmp_path / "错误.csv"
    file.write_bytes("月份,地区,板块,项目数,交易额\r\n2024-11,溆浦,工程建筑,x,5\r\n".encode("gbk"))
    page.goto(f"{url}/admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("text=导入文件", timeout=30000)
    page.locator("input[type=file]").set_input_files(str(file))
    page.wait_for_selector("text=处错误，未导入", timeout=30000)
    assert page.get_by_role("button", name="确认导入").count() == 0
    assert db.version_key(path) == before


def test_a_new_month_imported_reaches_the_sidebar_at_the_next_click(served, page):
    """A change of measure reruns the page alone — unless the data changed since the sidebar was drawn: then
    the whole app reruns, and the sidebar offers the month just imported. (The month is rolled back after,
    so that the other tests, in any order, see the data they expect.)"""
    url, path, tmp = served
    page.set_viewport_size({"width": 1400, "height": 1300})  # the sidebar whole (see test_browser_pages)
    open_december(page, url)
    sidebar = page.locator("[data-testid=stSidebar]")
    assert "数据更新至2024年12月" in sidebar.inner_text()
    file = tmp / "january.csv"
    file.write_bytes("月份,地区,板块,宗数,成交金额（亿元）\r\n2025年1月,溆浦县,工程建设,3,0.5\r\n".encode("gbk"))
    r = cli(path, "import", str(file))
    assert r.returncode == 0, r.stderr
    try:
        sees_the_new_month(page)
    finally:
        assert cli(path, "rollback").returncode == 0


def sees_the_new_month(page):
    page.get_by_role("combobox", name="指标").click()
    page.get_by_role("option", name="项目数", exact=True).click()
    page.wait_for_selector("[data-testid=stSidebar] :text('数据更新至2025年1月')", timeout=30000)
    page.get_by_role("combobox", name="年份").click()
    assert "2025年" in page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
