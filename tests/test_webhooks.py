"""Webhooks against real HTTP servers on 127.0.0.1 (tests/chat_server.py): the robots' markdown bodies and
钉钉's signature as they arrive, a plain JSON POST, retries with back-off on 500 and on a timeout, every try in
webhooks.log (never a key or secret), the settings' [[webhook]] tables and TRADESTATS_WEBHOOKS, and nothing sent
when none is set."""

import base64
import hashlib
import hmac
import json
import urllib.parse

import pytest
from chat_server import chat_server

from tradestats import webhooks


def note(alert_ids=(1, 2), lines=("【红色预警】溆浦县……", "【黄色预警】麻阳……")):
    def markdown(fmt, limit):
        mark = "> " if fmt == "wecom" else "- "
        return "\n".join(["### 怀化市公共资源交易中心：2025年1月数据已更新", *(mark + line for line in lines)])[:limit]
    return webhooks.Message("怀化市公共资源交易中心：2025年1月数据已更新", markdown, {"year": 2025, "month": 1},
                            list(alert_ids))


def test_wecom_dingtalk_and_json_bodies_arrive_as_the_robots_take_them(tmp_path):
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
    # 钉钉 加签: sign = urlencode(base64(HMAC-SHA256(secret, "timestamp\nsecret"))), checked as the robot checks it.
    timestamp, sign = ding["query"]["timestamp"][0], ding["query"]["sign"][0]
    expected = base64.b64encode(hmac.new(b"SECtest", f"{timestamp}\nSECtest".encode(), hashlib.sha256).digest()).decode()
    assert sign == expected and ding["query"]["access_token"] == ["ding-token"]
    assert plain["body"] == {"title": "怀化市公共资源交易中心：2025年1月数据已更新", "year": 2025, "month": 1,
                             "text": "### 怀化市公共资源交易中心：2025年1月数据已更新\n- 【红色预警】溆浦县……\n- 【黄色预警】麻阳……"}
    entries = webhooks.recent(log)
    assert [e["result"] for e in entries] == ["成功"] * 3 and all(e["alert_ids"] == [1, 2] for e in entries)
    text = log.read_text(encoding="utf-8")
    assert "wecom-key-123" not in text and "SECtest" not in text and "ding-token" not in text
    assert {e["hook"] for e in entries} >= {f"{chat.url}/cgi-bin/webhook/send?key=weco…"}


def test_the_known_signature_of_a_fixed_time():
    url = webhooks.signed("https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC123", 1700000000000)
    digest = hmac.new(b"SEC123", b"1700000000000\nSEC123", hashlib.sha256).digest()
    assert url == ("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign="
                   + urllib.parse.quote_plus(base64.b64encode(digest).decode()))


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
