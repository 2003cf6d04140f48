"""Webhooks against real HTTP servers on 127.0.0.1 (tests/chat_server.py): the robots' markdown bodies and
钉钉's signature as they arrive, a plain JSON POST, retries with back-off on 500 and on a timeout, every try in
webhooks.log (never a key or secret), the settings' [[webhook]] tables and TRADESTATS_WEBHOOKS, and nothing sent
when none is set."""

import json
import types

import pytest
from chat_server import chat_server

from tradestats.notify import webhooks
from tradestats.domain.periods import Period


def note(alert_ids=(1, 2), lines=("【红色预警】溆浦县……", "【黄色预警】麻阳……")):
    def markdown(fmt, limit):
        mark = "> " if fmt == "wecom" else "- "
        return "\n".join(["### 怀化市公共资源交易中心：2025年1月数据已更新", *(mark + line for line in lines)])[:limit]
    return webhooks.Message("怀化市公共资源交易中心：2025年1月数据已更新", markdown, {"year": 2025, "month": 1},
                            list(alert_ids))


# 钉钉 加签 of a fixed time, computed once outside Python — HMAC-SHA256 keyed by the secret of "timestamp\nsecret",
# base64, URL-encoded — so that a test cannot repeat the code's own mistake:
#   for s in SEC123 SECtest; do printf '%s\n%s' 1700000000001 "$s" | openssl dgst -sha256 -hmac "$s" -binary \
#     | base64 | tee /dev/stderr | sed 's/+/%2B/g; s|/|%2F|g; s/=/%3D/g'; done
# A time whose signs hold "+", "/" and "=", the characters URL-encoding changes.
SIGNED_AT_MS = 1700000000001
SIGN_SEC123_URL = "4n%2FtO3%2BYGYUoZJiPWGS0p8ad4S5Hqf6XK8x1jgF00YI%3D"
SIGN_SECTEST = "r4CWp/Dz+Ng0sbTjH1vB0Fr+uQ2fn831mssaN6/C05I="


def test_wecom_dingtalk_and_json_bodies_arrive_as_the_robots_take_them(tmp_path, monkeypatch):
    # The clock the signature reads, fixed at the vector's time (webhooks' own reference to the module only).
    monkeypatch.setattr(webhooks, "time", types.SimpleNamespace(time=lambda: SIGNED_AT_MS / 1000 + 0.0005,
                                                                 sleep=webhooks.time.sleep))
    log = tmp_path / "webhooks.log"
    with chat_server() as chat:
        hooks = [webhooks.Hook(f"{chat.url}/cgi-bin/webhook/send?key=wecom-key-123", "wecom"),
                 webhooks.Hook(f"{chat.url}/robot/send?access_token=ding-token", "dingtalk", secret="SECtest"),
                 webhooks.Hook(f"{chat.url}/hook", "json")]
        assert webhooks.deliver(hooks, note(), log) == {h.hook_id: True for h in hooks}
    wecom, ding, plain = chat.received
    assert wecom["body"] == {"msgtype": "markdown", "markdown": {"content": (
        "### 怀化市公共资源交易中心：2025年1月数据已更新\n> 【红色预警】溆浦县……\n> 【黄色预警】麻阳……")}}
    assert wecom["type"] == "application/json; charset=utf-8" and wecom["query"] == {"key": ["wecom-key-123"]}
    assert ding["body"]["msgtype"] == "markdown" and ding["body"]["markdown"]["title"] == "怀化市公共资源交易中心：2025年1月数据已更新"
    assert ding["body"]["markdown"]["text"].endswith("- 【黄色预警】麻阳……")
    # 钉钉 加签, as the robot reads it (the query decoded): the vector above.
    assert ding["query"]["timestamp"] == [str(SIGNED_AT_MS)] and ding["query"]["sign"] == [SIGN_SECTEST]
    assert ding["query"]["access_token"] == ["ding-token"]
    assert plain["body"] == {"title": "怀化市公共资源交易中心：2025年1月数据已更新", "year": 2025, "month": 1,
                             "text": "### 怀化市公共资源交易中心：2025年1月数据已更新\n- 【红色预警】溆浦县……\n- 【黄色预警】麻阳……"}
    entries = webhooks.recent(log)
    assert [e["result"] for e in entries] == ["成功"] * 3 and all(e["alert_ids"] == [1, 2] for e in entries)
    text = log.read_text(encoding="utf-8")
    assert "wecom-key-123" not in text and "SECtest" not in text and "ding-token" not in text
    assert {e["hook"] for e in entries} >= {f"{chat.url}/cgi-bin/…?key=…", f"{chat.url}/robot/…?access_token=…"}


def test_the_known_signature_of_a_fixed_time():
    url = webhooks.signed("https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC123", SIGNED_AT_MS)
    assert url == ("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000001&sign="
                   + SIGN_SEC123_URL)


def test_a_failing_chat_is_retried_with_back_off_and_logged(tmp_path):
    log, waits = tmp_path / "webhooks.log", []
    with chat_server(status=500) as chat:
        hook = webhooks.Hook(f"{chat.url}/hook", "wecom", retries=2, backoff=0.5)
        assert webhooks.deliver([hook], note(), log, sleep=waits.append) == {hook.hook_id: False}
    assert len(chat.received) == 3 and waits == [0.5, 1.0]
    entries = webhooks.recent(log)[::-1]
    assert [(e["attempt"], e["status"], e["result"]) for e in entries] == [
        (1, 500, "失败，将重试"), (2, 500, "失败，将重试"), (3, 500, "失败")]
    assert entries[0]["detail"].startswith("HTTP 500")


def test_a_chat_that_does_not_answer_times_out_and_is_retried(tmp_path):
    log = tmp_path / "webhooks.log"
    with chat_server(delay_s=1.5) as chat:
        hook = webhooks.Hook(f"{chat.url}/hook", "json", timeout=0.3, retries=1, backoff=0.01)
        assert webhooks.deliver([hook], note(), log) == {hook.hook_id: False}
        assert len(chat.received) == 2
    entries = webhooks.recent(log)[::-1]
    assert [e["result"] for e in entries] == ["失败，将重试", "失败"] and "timed out" in entries[-1]["detail"]


def test_a_robot_that_refuses_is_a_failure_not_retried():
    """A 200 whose body says errcode ≠ 0 (a wrong key, a bad signature) will not pass on a second try."""
    hook = webhooks.Hook("http://127.0.0.1:9/hook", "dingtalk")
    assert webhooks.answered(hook, json.dumps({"errcode": 310000, "errmsg": "sign not match"}).encode()) == (
        False, "errcode 310000：sign not match")
    assert webhooks.answered(hook, b"<html>") == (False, "回复不是 JSON：b'<html>'")
    assert webhooks.answered(webhooks.Hook("http://127.0.0.1:9/hook", "json"), b"") == (True, "")


def test_webhooks_from_settings_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(webhooks.ENV, raising=False)
    (tmp_path / "settings.toml").write_text(
        'center_name = "x"\n\n[[webhook]]\nurl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1"\n'
        'format = "wecom"\n\n[[webhook]]\nurl = "https://oapi.dingtalk.com/robot/send?access_token=t"\n'
        'format = "dingtalk"\nsecret = "SECx"\ntimeout = 3\n', encoding="utf-8")
    hooks = webhooks.configured(tmp_path)
    assert [(h.format, h.secret, h.timeout) for h in hooks] == [("wecom", "", 5.0), ("dingtalk", "SECx", 3.0)]
    monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": "http://127.0.0.1:9/x", "format": "json"}]))
    assert [h.url for h in webhooks.configured(tmp_path)] == ["http://127.0.0.1:9/x"]  # the environment wins
    for value, message in (("[{\"url\": \"ftp://x\"}]", "应以 http:// 或 https:// 开头"),
                           ("[{\"url\": \"http://x\", \"format\": \"slack\"}]", "应为 wecom / dingtalk / json 之一"),
                           ("[{\"url\": \"http://x\", \"token\": 1}]", "token 不是已知的设置"),
                           ("{oops", "不是有效的 JSON")):
        monkeypatch.setenv(webhooks.ENV, value)
        with pytest.raises(ValueError, match=message):
            webhooks.configured(tmp_path)
    monkeypatch.delenv(webhooks.ENV)
    (tmp_path / "settings.toml").write_text('center_name = "x"\n', encoding="utf-8")
    assert webhooks.configured(tmp_path) == []


def test_webhook_tables_stay_out_of_the_database_settings(tmp_path):
    from tradestats.store import db

    (tmp_path / "settings.toml").write_text('center_name = "x"\n[[webhook]]\nurl = "https://a/b?key=SECRET"\n',
                                            encoding="utf-8")
    assert db.read_settings(tmp_path) == {"center_name": "x"}


# A secret where robots put it: in the path (/hooks/<token>, as Slack, 飞书 and many endpoints do) or the query.
TOKEN = "T0KEN-in-the-path-9f8e7d"
KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sif69e17"


@pytest.mark.parametrize("url, shown", [
    ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY, "https://qyapi.weixin.qq.com/cgi-bin/…?key=…"),
    (f"https://hooks.example.com/hooks/{TOKEN}", "https://hooks.example.com/hooks/…"),
    (f"https://user:{TOKEN}@example.com:8443/a/b/c?x=1&token={TOKEN}#frag", "https://example.com:8443/a/…?x=…&token=…#…"),
    ("https://example.com/", "https://example.com/"),
    ("https://example.com/hook", "https://example.com/hook"),
    # Mistyped: no scheme, a scheme with a typo, a slash missing.
    ("qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY, "qyapi.weixin.qq.com/cgi-bin/…?key=…"),
    ("htps://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY, "htps://qyapi.weixin.qq.com/cgi-bin/…?key=…"),
    (f"https:/hooks.example.com/hooks/{TOKEN}", "https:/hooks.example.com/hooks/…"),
])
def test_a_webhook_url_is_masked_beyond_its_host_and_first_segment(url, shown):
    assert webhooks.masked(url) == shown
    assert webhooks.masked(shown) == shown  # masking twice changes nothing
    assert webhooks.masked_text(f"出错：第1个 webhook 的 url “{url}”，请改正。") == f"出错：第1个 webhook 的 url “{shown}”，请改正。"


def test_a_token_in_the_path_never_reaches_the_log_or_the_page(tmp_path, monkeypatch):
    """Delivered through a real server: webhooks.log and 推送记录 show /hooks/… only, and so do they for a log line
    written before the URLs were masked (the table masks what it shows)."""
    from tradestats.present import tables

    log = tmp_path / "webhooks.log"
    with chat_server() as chat:
        hooks = [webhooks.Hook(f"{chat.url}/hooks/{TOKEN}", "json"),
                 webhooks.Hook(f"{chat.url}/hooks/bad path {TOKEN}", "json", retries=0)]  # a library's error quotes the path
        assert webhooks.deliver(hooks, note(), log) == {hooks[0].hook_id: True, hooks[1].hook_id: False}
        assert chat.received[0]["path"] == f"/hooks/{TOKEN}"  # it did arrive where it was sent
    text = log.read_text(encoding="utf-8")
    assert TOKEN not in text, text
    assert {e["hook"] for e in webhooks.recent(log)} == {f"{chat.url}/hooks/…"}
    webhooks.log(log, {"hook": f"{chat.url}/hooks/{TOKEN}?key={KEY}", "format": "json", "attempt": 1, "status": None,
                       "result": "失败", "detail": f"ValueError: unknown url type: 'htps://x.example.com/a/{TOKEN}'"})
    shown = tables.webhook_table(webhooks.recent(log)).to_string()
    assert TOKEN not in shown and KEY not in shown and f"{chat.url}/hooks/…?key=…" in shown


def test_a_mistyped_webhook_url_says_so_without_its_key(tmp_path, monkeypatch):
    for url in ("htps://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY, f"hooks.example.com/hooks/{TOKEN}"):
        monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": url, "format": "wecom"}]))
        with pytest.raises(ValueError) as e:
            webhooks.configured(tmp_path)
        assert "应以 http:// 或 https:// 开头" in str(e.value) and KEY not in str(e.value) and TOKEN not in str(e.value)


def own_copy(demo_db, tmp_path):
    """The demo database as a deployment of the test's own (reports.log and webhooks.log are written beside it)."""
    import shutil

    from tradestats.store import db

    path = tmp_path / "tradestats.duckdb"
    current = db.versions_dir(demo_db) / f"{db.current_version(demo_db)}.duckdb"
    db.versions_dir(path).mkdir(parents=True)
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    return path


def test_a_mistyped_url_is_masked_in_the_command_reports_log_and_data_management(demo_db, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from streamlit.testing.v1 import AppTest

    from tradestats import config
    from tradestats.access import auth, login
    from tradestats.documents import auto

    path = own_copy(demo_db, tmp_path)
    typo = "htps://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY
    monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": typo, "format": "wecom"}]))
    r = subprocess.run([sys.executable, "-m", "tradestats", "alerts", "--year", "2024", "--month", "12", "--push"],
                       env={**os.environ, config.DB_ENV: str(path)}, capture_output=True, text=True)
    assert r.returncode == 2 and "应以 http:// 或 https:// 开头" in r.stderr, r.stderr
    assert KEY not in r.stdout + r.stderr and "htps://qyapi.weixin.qq.com/cgi-bin/…?key=…" in r.stderr
    # The automatic 统计月报 written, then its chat message refused for the URL: reports.log says so, masked.
    auto.notify(path, Period(2024, 12, "month"), ["2024年12月公共资源交易统计月报.docx"])
    assert "应以 http://" in auto.log_path(path).read_text(encoding="utf-8")
    assert KEY not in auto.log_path(path).read_text(encoding="utf-8")
    # A line written before URLs were masked: 数据管理 shows it masked, and 推送记录 likewise.
    auto.log(path, {"year": 2024, "month": 12, "result": "失败", "files": [],
                    "detail": f"月报已生成，但推送消息时出错：url “{typo}” 应以 http:// 或 https:// 开头。"})
    with open(auto.log_path(path), "a", encoding="utf-8") as f:  # as the release before wrote it: unmasked
        f.write(json.dumps({"time": "2025-02-10T09:30:00+08:00", "year": 2024, "month": 12, "result": "失败",
                            "files": [], "detail": f"月报已生成，但推送消息时出错：url “{typo}” 应以 http:// 开头。"},
                           ensure_ascii=False) + "\n")
        webhooks.log(webhooks.log_path(path), {"hook": f"https://hooks.example.com/hooks/{TOKEN}", "format": "json",
                                               "attempt": 1, "status": 200, "result": "成功", "detail": ""})
    monkeypatch.setenv(config.DB_ENV, str(path))
    monkeypatch.setattr(login, "throttle_for", lambda _log, own=login.Throttle(): own)
    monkeypatch.setenv(auth.ENV, auth.make_hash("correct horse battery", iterations=1000))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
    at.session_state["admin"] = True
    at.run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception, at.exception
    top = at.error[0].value
    assert "htps://qyapi.weixin.qq.com/cgi-bin/…?key=…" in top and KEY not in top
    pushed = next(t for t in at.tabs if t.label == "推送记录").dataframe[0].value
    assert list(pushed["地址"]) == ["https://hooks.example.com/hooks/…"]
