"""AppTest for 预警 (the demo with January 2025 imported): the counts, the list by status, one alert's figures
and the link to its view, no acknowledging without the 数据管理 login, acknowledging after it; and the count of
open alerts on 总览 and the 大屏."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.access import auth
from tradestats.alerting import alerts
from tradestats.deploy import deployment
from tradestats.present import alert_views
from tradestats.store import db
from tradestats.domain.periods import Period

APP = str(config.ROOT / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def january(tmp_path, monkeypatch, january_db):
    """A copy of the demo with January imported, of this test's own (acknowledging writes)."""
    path = tmp_path / "tradestats.duckdb"
    versions = db.versions_dir(january_db)
    current = versions / f"{db.current_version(january_db)}.duckdb"
    db.versions_dir(path).mkdir(parents=True)
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    monkeypatch.setenv(config.DB_ENV, str(path))
    return path


def open_page(path: str = "pages/alerts.py", **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def counts(path):
    rows = alerts.listing(path)
    return {s: int((rows.status == s).sum()) for s in alerts.STATUSES}, rows


def test_the_page_lists_the_open_alerts_red_first_with_their_links(january, monkeypatch):
    monkeypatch.delenv(auth.ENV, raising=False)
    (by_status, rows), at = counts(january), open_page()
    assert at.title[0].value == "预警"
    assert [m.value for m in at.metric] == [f"{by_status['open']} 条", "0 条", "0 条"]
    table = at.dataframe[0].value
    assert len(table) == by_status["open"] == len(rows)
    assert list(table.columns) == ["编号", "级别", "月份", "说明", "查看", "状态", "处理", "规则", "发现时间"]
    assert table["月份"].iloc[0] == "2025年1月" and table["级别"].iloc[0] == "红色" and table["规则"].iloc[0] == "数值突变"
    assert table["查看"].iloc[0] == "/trend?year=2025&month=1&kind=month&region=431224&sector=engineering&measure=amount_wan"
    reds = int((rows.level == "red").sum())
    assert at.caption[0].value.startswith(f"全市未处理预警 {len(rows)} 条（红色 {reds} 条，黄色 {len(rows) - reds} 条）。")
    # One alert: its figures in words and the page that shows it.
    assert at.selectbox("alert_choice").value == int(table["编号"].iloc[0])
    assert any(c.value.startswith("未处理。触发数据：本期（万元） 190827.36，此前月均（万元） 10723.29，月数 12，倍数 17.8，阈值（倍） 10")
               for c in at.caption)
    link = at.get("page_link")[0]
    assert link.proto.label == "查看相关页面与筛选" and link.proto.page == "trend"
    # No acknowledging without the login.
    assert "本页不能确认或关闭预警" in at.warning[0].value and not at.get("form")
    # The closed ones: none yet.
    at.segmented_control("alert_status").set_value("closed").run()
    assert at.info[0].value == "没有已关闭的预警。"


def test_acknowledging_takes_the_login_and_writes_who_and_why(january, monkeypatch):
    monkeypatch.setenv(auth.ENV, auth.make_hash(PASSWORD, iterations=1000))
    at = open_page()
    assert at.text_input[0].label == "密码"  # the 数据管理 login, on this page
    at = open_page(admin=True)  # logged in on 数据管理 in the same session
    chosen = at.selectbox("alert_choice").value
    at.text_input[0].input("张三")
    at.text_area[0].input("已与溆浦县中心核实：单位填错")
    at.button(key="FormSubmitter:alert_action-确认预警").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == f"预警 #{chosen} 已确认。"
    assert [m.value for m in at.metric][1] == "1 条"
    row = alerts.listing(january).set_index("alert_id").loc[chosen]
    assert (row.status, row.acknowledged_by, row.note) == ("acknowledged", "张三", "已与溆浦县中心核实：单位填错")
    at.segmented_control("alert_status").set_value("acknowledged").run()
    listed = at.dataframe[0].value
    assert list(listed["编号"]) == [chosen] and list(listed["状态"]) == ["已确认"]
    assert listed["处理"].iloc[0].startswith("张三 ") and listed["处理"].iloc[0].endswith(" 确认：已与溆浦县中心核实：单位填错")
    # Without a note the line says who and when only; without a name, nothing is written.
    alerts.acknowledge(january, int(alerts.listing(january, status="open").alert_id.iloc[-1]), "李四")
    assert not any("nan" in line for line in alert_views.table(alerts.listing(january, status="acknowledged"))["处理"])
    at.segmented_control("alert_status").set_value("open").run()
    at.selectbox("alert_choice").set_value(int(alerts.listing(january, status="open").alert_id.iloc[0])).run()
    at.button(key="FormSubmitter:alert_action-关闭预警").click().run()
    assert at.error[0].value == "请填写经办人姓名。"


def test_overview_and_screen_say_how_many_are_open(january):
    rows = alerts.listing(january, status="open")
    reds = int((rows.level == "red").sum())
    line = f"全市未处理预警 {len(rows)} 条（红色 {reds} 条，黄色 {len(rows) - reds} 条）"
    overview = open_page("pages/overview.py")
    assert line in [link.proto.label for link in overview.get("page_link")]
    screen = open_page("pages/screen.py")
    assert any(f"<span class='screen-alerts'>{line}</span>" in h.proto.body for h in screen.get("html"))


def test_data_staff_import_a_month_on_the_admin_page_and_are_told_of_its_alerts(tmp_path, monkeypatch, demo_db):
    """数据管理: the January file imported (its warning confirmed); the page says how many alerts it raised and
    links to 预警; the group chat gets one message, which 推送记录 lists."""
    import json

    from chat_server import chat_server
    from conftest import january_file

    from tradestats.access import login
    from tradestats.notify import webhooks

    path = tmp_path / "tradestats.duckdb"
    deployment.build(path)
    monkeypatch.setenv(config.DB_ENV, str(path))
    monkeypatch.setenv(auth.ENV, auth.make_hash(PASSWORD, iterations=1000))
    monkeypatch.setattr(login, "throttle_for", lambda _log, own=login.Throttle(): own)
    with chat_server() as chat:
        monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": f"{chat.url}/robot/send?access_token=t", "format": "dingtalk",
                                                      "secret": "SECtest"}]))
        at = open_page("pages/admin.py", admin=True)
        at.file_uploader[0].upload("2025年1月.csv", january_file(demo_db))
        at.run()
        at.checkbox[0].check().run()  # 溆浦's 10× cell: a warning the clerk confirms
        next(b for b in at.button if b.label == "确认导入").click().run()
        assert not at.exception and "已导入" in at.success[0].value
        raised = alerts.listing(path, Period(2025, 1, "month"))
        reds = int((raised.level == "red").sum())
        link = at.get("page_link")[-1]
        assert link.proto.label == f"本次导入新增预警 {len(raised)} 条（红色 {reds} 条，黄色 {len(raised) - reds} 条），查看并处理"
        assert link.proto.page == "alerts"
        assert len(chat.received) == 1 and chat.received[0]["body"]["msgtype"] == "markdown"
    pushed = next(t for t in at.tabs if t.label == "推送记录").dataframe[0].value
    assert list(pushed["结果"]) == ["成功"] and list(pushed["格式"]) == ["dingtalk"]
    assert pushed["消息"].iloc[0] == f"怀化市公共资源交易中心：2025年1月数据已更新（预警 {len(raised)} 条）"


def test_a_countys_overview_counts_its_own_open_alerts(january):
    """On a county's 总览 the line counts that county's open alerts, named (it counted the whole city's: a county's
    leaders were told of six alerts none of which was theirs)."""
    rows = alerts.listing(january, status="open")
    con = db.connect(january)
    try:
        names = dict(con.execute("select region_code, region_name from dim_region").fetchall())
        counties = [c for c, in con.execute("select region_code from dim_region where parent_code = '431200'").fetchall()]
    finally:
        con.close()
    own = rows[rows.region_code != "431200"].region_code.value_counts()
    county, none = own.index[0], next(c for c in counties if c not in set(rows.region_code))
    reds = int(((rows.region_code == county) & (rows.level == "red")).sum())
    line = f"{names[county]}未处理预警 {own.iloc[0]} 条（红色 {reds} 条，黄色 {own.iloc[0] - reds} 条）"
    assert own.iloc[0] < len(rows)
    assert line in [link.proto.label for link in open_page("pages/overview.py", region=county).get("page_link")]
    assert f"{names[none]}没有未处理的预警" in [link.proto.label for link in
                                              open_page("pages/overview.py", region=none).get("page_link")]
