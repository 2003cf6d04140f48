"""预警 in Chromium against the real server, as data staff use it after importing January 2025: the list, an
alert's link that lands on the view explaining it, the 数据管理 login on the page, and one alert acknowledged
(who, a note) — written to the database as a new version the page then shows."""

import shutil

import pytest
from browser import settled_text, streamlit_server

from tradestats.access import auth
from tradestats.alerting import alerts
from tradestats.store import db

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def served(tmp_path_factory, january_db):
    tmp = tmp_path_factory.mktemp("alerts")
    path = tmp / "db" / "tradestats.duckdb"
    current = db.versions_dir(january_db) / f"{db.current_version(january_db)}.duckdb"
    db.versions_dir(path).mkdir(parents=True)
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    env = {auth.ENV: auth.make_hash(PASSWORD, iterations=1000)}
    with streamlit_server(path, tmp / "streamlit.log", **env) as url:
        yield url, path


def main(page):
    return page.locator("[data-testid=stMain]")


def test_an_alert_links_to_the_view_that_explains_it(served, page):
    url, path = served
    page.goto(f"{url}/alerts")
    page.get_by_text("查看相关页面与筛选").wait_for(timeout=90000)
    text = settled_text(page)
    first = alerts.listing(path, status="open").iloc[0]
    assert "预警" in text and first.message in text  # the chosen alert, red first
    page.get_by_text("查看相关页面与筛选").click()
    page.wait_for_url("**/trend?**", timeout=60000)
    page.get_by_text("溆浦县·工程建设交易额趋势分析").wait_for(timeout=60000)
    assert "year=2025" in page.url and "region=431224" in page.url and "sector=engineering" in page.url
    assert page.locator("[data-testid=stException]").count() == 0


def test_data_staff_log_in_and_acknowledge_an_alert(served, browser):
    url, path = served
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/alerts")
        page.get_by_label("密码").wait_for(timeout=90000)
        before = db.current_version(path)
        chosen = alerts.listing(path, status="open").iloc[0]
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_label("经办人").wait_for(timeout=60000)
        page.get_by_label("经办人").fill("张三")
        page.get_by_label("说明（如核实情况、处理措施）").fill("已与溆浦县中心核实：单位填错，更正文件待导入")
        page.get_by_role("button", name="确认预警").click()
        page.get_by_text(f"预警 #{int(chosen.alert_id)} 已确认。").wait_for(timeout=60000)
        text = settled_text(page)
        assert page.locator("[data-testid=stException]").count() == 0
        row = alerts.listing(path).set_index("alert_id").loc[int(chosen.alert_id)]
        assert (row.status, row.acknowledged_by, row.note) == ("acknowledged", "张三", "已与溆浦县中心核实：单位填错，更正文件待导入")
        assert db.current_version(path) != before
        values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
        assert values[1] == "1 条", values  # 已确认
        assert "未处理预警" in text
    finally:
        context.close()
