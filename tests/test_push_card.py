"""The headline card in the group chats, against a real HTTP server on 127.0.0.1 (tests/chat_server.py) and a real
DuckDB file: 企业微信 gets an image message (base64 and md5 of the PNG) after the Markdown, 钉钉 a Markdown image of
the card's address under public_url, a JSON webhook the PNG in card_png; `card = false` sends the text alone; the
Markdown's link opens 手机简报 for the month; a wrong `card` setting is said in Chinese."""

import base64
import hashlib
import json
import shutil

import pytest
from chat_server import chat_server

from tradestats import cli, config
from tradestats.documents import card, push
from tradestats.notify import webhooks
from tradestats.present import phone
from tradestats.store import db
from tradestats.domain.periods import Period

PUBLIC = "https://tradestats.example.cn/kanban"


@pytest.fixture
def home(tmp_path, monkeypatch, demo_db):
    """A deployment folder of this test's own: the demo's settings with the app's public address."""
    monkeypatch.delenv(webhooks.ENV, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    settings = (config.DATA_DIR / "settings.toml").read_text(encoding="utf-8")
    (home / "settings.toml").write_text(f'public_url = "{PUBLIC}/"\n' + settings, encoding="utf-8")
    monkeypatch.setenv(config.HOME_ENV, str(home))
    path = home / "tradestats.duckdb"
    shutil.copy(demo_db, path)
    return path


def hooks_env(monkeypatch, chat, extra=()):
    monkeypatch.setenv(webhooks.ENV, json.dumps([
        {"url": f"{chat.url}/cgi-bin/webhook/send?key=k", "format": "wecom"},
        {"url": f"{chat.url}/robot/send?access_token=t", "format": "dingtalk"},
        {"url": f"{chat.url}/hook", "format": "json"},
        {"url": f"{chat.url}/plain/send?key=p", "format": "wecom", "card": False}, *extra]))


def test_alerts_push_sends_the_card_to_each_chat_in_its_form(home, monkeypatch):
    with chat_server() as chat:
        hooks_env(monkeypatch, chat)
        assert cli.main(["--db", str(home), "alerts", "--year", "2024", "--month", "12", "--push"]) == 0
    by_path = {}
    for r in chat.received:
        by_path.setdefault(r["path"], []).append(r["body"])
    wecom, ding, plain, text_only = (by_path["/cgi-bin/webhook/send"], by_path["/robot/send"], by_path["/hook"],
                                     by_path["/plain/send"])
    # 企业微信: the Markdown, then the picture; its md5 is the decoded PNG's.
    assert [m["msgtype"] for m in wecom] == ["markdown", "image"]
    png = base64.b64decode(wecom[1]["image"]["base64"])
    assert hashlib.md5(png).hexdigest() == wecom[1]["image"]["md5"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and card.png_width(png) == 1080 and len(png) < 2 * 1024 * 1024
    link = f"{PUBLIC}/m?year=2024&kind=ytd&month=12"
    assert f"]({link})" in wecom[0]["markdown"]["content"]
    # 钉钉: one Markdown message, the card as a picture at its stable address.
    assert len(ding) == 1 and ding[0]["markdown"]["text"].endswith(f"]({PUBLIC}/card/2024-12.png)")
    assert f"]({link})" in ding[0]["markdown"]["text"]
    # JSON: the same PNG in card_png; card = false: the Markdown alone.
    assert len(plain) == 1 and base64.b64decode(plain[0]["card_png"]) == png
    assert [m["msgtype"] for m in text_only] == ["markdown"]
    # The app serves the card it was sent from the deployment folder (the route reads this file).
    assert phone.card_file(home, Period(2024, 12, "month")).read_bytes() == png
    log = webhooks.recent(webhooks.log_path(home))
    assert [e["result"] for e in log] == ["成功"] * 5 and any(e["title"].endswith("（主要指标卡片）") for e in log)


def test_without_public_url_dingtalk_gets_no_picture_and_the_message_no_link(home, monkeypatch):
    settings = home.parent / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f'public_url = "{PUBLIC}/"\n', ""), encoding="utf-8")
    with chat_server() as chat:
        hooks_env(monkeypatch, chat)
        push.on_demand(home, Period(2024, 12, "month"))
    ding = [r["body"] for r in chat.received if r["path"] == "/robot/send"]
    assert len(ding) == 1 and "![" not in ding[0]["markdown"]["text"] and "/m?" not in ding[0]["markdown"]["text"]
    assert any(r["body"]["msgtype"] == "image" for r in chat.received if r["path"] == "/cgi-bin/webhook/send")


def test_a_card_setting_that_is_not_true_or_false_is_said_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv(webhooks.ENV, json.dumps([{"url": "http://127.0.0.1:9/h", "format": "wecom", "card": "yes"}]))
    with pytest.raises(ValueError, match="card “yes” 应为 true 或 false"):
        webhooks.configured()
    monkeypatch.delenv(webhooks.ENV)
    (tmp_path / "settings.toml").write_text('[[webhook]]\nurl = "http://127.0.0.1:9/h"\nformat = "json"\ncard = false\n',
                                            encoding="utf-8")
    assert webhooks.configured(tmp_path)[0].card is False and db.read_settings(tmp_path).get("card") is None
