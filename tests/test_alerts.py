"""The 预警 ledger: the demo's alerts from its build, a month imported as data staff do it (new alerts, one
message to the group chat, one alert acknowledged, nothing sent twice), evaluation again and with changed
thresholds, a rollback that the ledger outlives honestly, an evaluation that fails without failing the import,
and `tradestats alerts --json`."""

import base64
import hashlib
import json
import shutil

import duckdb
import pytest
from chat_server import chat_server
from conftest import import_january

from tradestats import cli, config
from tradestats.alerting import alert_rules, alerts
from tradestats.deploy import deployment
from tradestats.documents import card, push
from tradestats.notify import webhooks
from tradestats.store import db, history
from tradestats.domain.periods import Period


@pytest.fixture
def demo(tmp_path, monkeypatch, demo_db):
    """A database of the demo of this test's own, in a deployment folder of its own (rules, settings)."""
    monkeypatch.delenv(webhooks.ENV, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(config.HOME_ENV, str(home))
    path = home / "tradestats.duckdb"
    deployment.build(path, config.DATA_DIR)
    return path


def ledger(path, **filters):
    return {r["id"]: r for r in alerts.as_json(alerts.listing(path, **filters))}


def by_key(path, **filters):
    """The latest alert of each condition (rule, region, sector, measure) — of one month, when given."""
    return {(r["rule"], r["region_code"], r["sector_code"], r["measure"]): r
            for r in sorted(ledger(path, **filters).values(), key=lambda r: r["id"])}


def test_the_demo_is_built_with_the_alerts_of_its_latest_month(demo):
    found = {k: (r["level"], r["year"], r["month"], r["status"]) for k, r in by_key(demo).items()}
    assert found == {
        ("rate_range", "431221", None, "savings_rate_pct"): ("yellow", 2024, 12, "open"),
        ("yoy_drop", "431201", "procurement", "amount_wan"): ("yellow", 2024, 12, "open"),
        ("yoy_drop", "431223", "property_rights", "amount_wan"): ("yellow", 2024, 12, "open"),
        ("yoy_drop", "431271", "engineering", "amount_wan"): ("yellow", 2024, 12, "open"),
        ("behind_schedule", "431200", "natural_resources", "amount_wan"): ("yellow", 2024, 12, "open"),
        ("behind_schedule", "431271", None, "amount_wan"): ("red", 2024, 12, "open")}
    assert all(r["import_id"] == 0 for r in ledger(demo).values())


def test_data_staff_import_a_month_see_its_alerts_acknowledge_one_and_the_chat_hears_once(demo, demo_db, monkeypatch):
    with chat_server() as chat:
        monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": f"{chat.url}/cgi-bin/webhook/send?key=k", "format": "wecom"}]))
        plan, target = import_january(demo, demo_db)
        assert target is not None and plan.warnings  # the 10× cell was a warning the clerk confirmed
        new = by_key(demo, month=Period(2025, 1, "month"))
        assert new[("missing_month", "431226", None, None)]["level"] == "yellow"
        jump = new[("history_jump", "431224", "engineering", "amount_wan")]
        assert jump["level"] == "red" and jump["figures"]["ratio"] == 17.8 and jump["import_id"] == 1
        assert jump["link"] == "/trend?year=2025&month=1&kind=month&region=431224&sector=engineering&measure=amount_wan"
        assert all(r["status"] == "open" for r in new.values())
        # One message, in 企业微信's markdown: the headline of 2025年1月 and every new alert, red first; then the
        # month's headline card as an image message.
        assert [r["body"]["msgtype"] for r in chat.received] == ["markdown", "image"]
        png = base64.b64decode(chat.received[1]["body"]["image"]["base64"])
        assert hashlib.md5(png).hexdigest() == chat.received[1]["body"]["image"]["md5"] and card.png_width(png) == 1080
        content = chat.received[0]["body"]["markdown"]["content"]
        assert content.startswith("### 怀化市公共资源交易中心：2025年1月数据已更新\n**怀化市2025年1月：项目数")
        assert f"**新增预警 {len(new)} 条**（红色 1 条，黄色 {len(new) - 1} 条）：" in content
        assert content.index("溆浦县工程建设2025年1月交易额19.08亿元") < content.index("麻阳苗族自治县2025年1月没有数据")
        # Acknowledged: who, when, a note; a new version, nothing sent.
        before = db.current_version(demo)
        alerts.acknowledge(demo, jump["id"], "张三", "已与溆浦县中心核实：单位填错，更正文件待导入")
        done = ledger(demo)[jump["id"]]
        assert (done["status"], done["acknowledged_by"], done["note"]) == (
            "acknowledged", "张三", "已与溆浦县中心核实：单位填错，更正文件待导入") and done["acknowledged_at"]
        assert db.current_version(demo) != before and len(chat.received) == 2
        with pytest.raises(ValueError, match=f"预警 {jump['id']} 已确认，不能确认"):
            alerts.acknowledge(demo, jump["id"], "李四")
        with pytest.raises(ValueError, match="请填写经办人姓名"):
            alerts.close(demo, jump["id"], " ")
        # --push sends the headline again, but no alert the chat already has.
        assert push.on_demand(demo, Period(2025, 1, "month")) == {webhooks.Hook(f"{chat.url}/cgi-bin/webhook/send?key=k", "wecom").hook_id: True}
        assert len(chat.received) == 4 and "本次没有新的预警" in chat.received[2]["body"]["markdown"]["content"]
    log = webhooks.recent(webhooks.log_path(demo))
    assert [e["result"] for e in log] == ["成功"] * 4 and sorted(log[3]["alert_ids"]) == sorted(r["id"] for r in new.values())


def test_evaluating_again_changes_nothing_and_changed_thresholds_close_what_no_longer_holds(demo, tmp_path):
    versions = len(list(db.versions_dir(demo).glob("*.duckdb")))
    outcome = alerts.on_demand(demo, Period(2024, 12, "month"))
    assert not outcome.changed and len(list(db.versions_dir(demo).glob("*.duckdb"))) == versions  # no new version
    before = by_key(demo)
    key = ("yoy_drop", "431223", "property_rights", "amount_wan")  # −29.89 %
    # A person closes one; then the threshold rises past another: that one is closed by the evaluation.
    person = ("yoy_drop", "431201", "procurement", "amount_wan")  # −21.54 %
    alerts.close(demo, before[person]["id"], "王五", "市本级采购项目调整，已说明")
    rules = alert_rules.load()
    rules["yoy_drop"]["yellow_pct"] = 29.89
    outcome = alerts.on_demand(demo, Period(2024, 12, "month"), rules)
    assert (len(outcome.raised), outcome.closed) == (0, 2)  # 辰溪 (−29.89) and 洪江区 (−28.63) no longer fall more
    after = by_key(demo)
    assert after[key]["status"] == "closed" and after[key]["closed_by"] == "系统"
    assert after[key]["close_reason"] == "重新评估时条件已不再成立。"
    # Back to the defaults: the condition is found again, as a new alert; the one a person closed stays closed.
    outcome = alerts.on_demand(demo, Period(2024, 12, "month"))
    assert len(outcome.raised) == 2 and {r["alert_key"] for r in outcome.raised} == {
        "yoy_drop|2024-12|431223|property_rights|amount_wan", "yoy_drop|2024-12|431271|engineering|amount_wan"}
    assert by_key(demo)[person]["status"] == "closed" and by_key(demo)[person]["closed_by"] == "王五"


def test_a_rollback_keeps_the_ledger_and_says_which_alerts_lost_their_data(demo, demo_db, capsys):
    clean = db.current_version(demo)
    built = by_key(demo)[("behind_schedule", "431271", None, "amount_wan")]  # raised by the build, not the import
    import_january(demo, demo_db)
    january = {r["id"]: r for r in ledger(demo, month=Period(2025, 1, "month")).values()}
    jump = next(r for r in january.values() if r["rule"] == "history_jump")
    alerts.acknowledge(demo, built["id"], "张三", "洪江区已说明原因")
    alerts.acknowledge(demo, jump["id"], "李四", "正在核实")
    back = history.rollback(demo, carry=alerts.carry)  # the January file was wrong
    assert db.data_version(demo) == clean and back.stem == db.current_version(demo) != clean
    after = ledger(demo)
    # The build's alert and its acknowledgement outlive the rollback of unrelated data.
    assert (after[built["id"]]["status"], after[built["id"]]["acknowledged_by"]) == ("acknowledged", "张三")
    # January's alerts are closed, saying their import was rolled back; the acknowledgement stays on record.
    for alert_id in january:
        assert after[alert_id]["status"] == "closed" and after[alert_id]["rolled_back"] is True
        assert after[alert_id]["close_reason"].startswith("引发此预警的第1次导入（") and \
            after[alert_id]["close_reason"].endswith("）已被回退，其数据不在当前版本中。")
    assert after[jump["id"]]["acknowledged_by"] == "李四"
    # The corrected file is import 1 again: January's old alerts stay closed as rolled back; new ones are raised.
    import_january(demo, demo_db)
    again = ledger(demo, month=Period(2025, 1, "month"))
    assert all(again[i]["rolled_back"] for i in january)
    assert len([r for r in again.values() if r["status"] == "open"]) == len(january)
    kept = db.kept(demo)
    assert "回退到过的版本" in kept[clean]  # the copy holding the ledger made from it keeps it
    # The command line says so, and lists the alerts whose data went.
    capsys.readouterr()
    assert cli.main(["--db", str(demo), "rollback"]) == 0
    assert f"（当前版本是 {clean} 的数据，带上了回退前的预警记录；数据被回退的预警已关闭并注明。）" in capsys.readouterr().out
    assert cli.main(["--db", str(demo), "alerts", "--year", "2025", "--month", "1"]) == 0
    assert f"  #{jump['id']} 【红色】已关闭（数据已回退） 溆浦县工程建设2025年1月交易额19.08亿元" in capsys.readouterr().out


def test_a_failing_evaluation_never_fails_the_import(demo, demo_db, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise duckdb.BinderException("a rule's query is wrong")

    monkeypatch.setattr(alert_rules, "find", broken)
    before = ledger(demo)
    _, target = import_january(demo, demo_db)
    assert target is not None and db.current_version(demo) == target.stem
    assert ledger(demo) == before
    assert "导入已完成，但评估预警时出错（预警未更新）：a rule's query is wrong" in capsys.readouterr().err


def test_a_failing_chat_never_fails_the_import(demo, demo_db, monkeypatch):
    with chat_server(status=500) as chat:
        monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": f"{chat.url}/x", "format": "json", "retries": 1,
                                                      "backoff": 0.01}]))
        _, target = import_january(demo, demo_db)
    assert target is not None and len(chat.received) == 2
    assert [e["result"] for e in webhooks.recent(webhooks.log_path(demo))] == ["失败", "失败，将重试"]


def test_nothing_is_sent_when_no_webhook_is_set(demo, demo_db):
    import_january(demo, demo_db)
    assert not webhooks.log_path(demo).exists()


def test_the_command_line_lists_a_month_as_json(demo, capsys):
    assert cli.main(["--db", str(demo), "alerts", "--year", "2024", "--month", "9", "--json"]) == 0
    out = capsys.readouterr()
    found = json.loads(out.out)
    assert "2024年9月预警：新增" in out.err
    assert all({"id", "level", "rule", "region_code", "sector_code", "message", "status"} <= set(r) for r in found)
    hongjiang = next(r for r in found if r["rule"] == "behind_schedule" and r["region_code"] == "431271")
    assert {k: hongjiang[k] for k in ("level", "rule", "region_code", "sector_code", "status")} == {
        "level": "red", "rule": "behind_schedule", "region_code": "431271", "sector_code": None, "status": "open"}
    assert hongjiang["message"].startswith("洪江区交易额2024年1-9月完成1.73亿元，完成年度目标的57.8%，落后序时进度17.2个百分点")
    # Asked again: the same alerts (same ids), none new.
    assert cli.main(["--db", str(demo), "alerts", "--year", "2024", "--month", "9", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in again] == [r["id"] for r in found]
    assert cli.main(["--db", str(demo), "alerts", "--push"]) == 0
    assert "没有配置 webhook" in capsys.readouterr().err


def test_an_upgraded_database_has_an_empty_ledger(tmp_path):
    import gzip

    from conftest import FIXTURE_DATA

    path = tmp_path / "t.duckdb"
    with gzip.open(FIXTURE_DATA / "v1.duckdb.gz") as src, open(path, "wb") as out:
        shutil.copyfileobj(src, out)
    db.upgrade(path, FIXTURE_DATA)
    assert alerts.listing(path).empty
