"""Delivery to the deployment's webhooks — the group robots of 企业微信 (wecom) and 钉钉 (dingtalk), or any
endpoint taking a plain JSON POST: where they are (`[[webhook]]` tables of settings.toml, or the same list as
JSON in TRADESTATS_WEBHOOKS), each message's body in the robot's format, 钉钉's signature, a timeout, retries
with back-off, and a log of every try beside the database (webhooks.log, JSON lines). Delivery never raises:
a failed webhook is logged, and what called it (an import) goes on."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tradestats import config
from tradestats.store import jsonlog

ENV = "TRADESTATS_WEBHOOKS"
FORMATS = {"wecom": "企业微信群机器人", "dingtalk": "钉钉群机器人", "json": "JSON"}
KEYS = ("url", "format", "secret", "timeout", "retries", "backoff", "card")
LOG_NAME = "webhooks.log"
# What a robot takes in one markdown message: 企业微信 4096 bytes of UTF-8, 钉钉 about 20000 characters.
LIMITS = {"wecom": 4000, "dingtalk": 18000, "json": 1_000_000}
IMAGE_LIMIT = 2 * 1024 * 1024  # 企业微信's image message: the picture before base64, at most 2 MB


@dataclass(frozen=True)
class Hook:
    url: str
    format: str = "json"
    secret: str = ""  # 钉钉's 加签 secret (SEC…)
    timeout: float = 5.0  # seconds per try
    retries: int = 2  # tries after the first, on a network error, a timeout, HTTP 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    card: bool = True  # send the month's headline card with the message (where the format can take it)

    @property
    def name(self) -> str:
        """The URL as the log and the page show it (masked)."""
        return masked(self.url)

    @property
    def hook_id(self) -> str:
        return hashlib.sha256(self.url.encode()).hexdigest()[:12]


def masked(url: str) -> str:
    """A webhook URL as it may be written or shown anywhere: its scheme, host and first path segment; the rest
    of the path (a token in /hooks/<token>), the query's values (key=…), any user:password@ and fragment cut to
    "…". Robots put their secret in either place. Any text taken for a URL, a mistyped one included (no scheme,
    htps:/, …), is cut the same way, and a URL masked already comes out as it went in."""
    text, fragment, _ = str(url).strip().partition("#")
    rest, question, query = text.partition("?")
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:/*", rest)
    head = scheme.group(0) if scheme else ""
    host, *path = rest[len(head):].split("/")
    out = head + "/".join([host.rpartition("@")[2], *path[:1]])  # user:password@ is a secret too
    if len(path) > 1:
        out += "/…" if any(path[1:]) else "/"
    if question:
        out += "?" + "&".join(f"{p.partition('=')[0]}=…" if "=" in p else "…" for p in query.split("&") if p)
    if fragment:
        out += "#…"
    return out


# A URL in a sentence: a scheme (mistyped ones too) or a host name, then what is not a space, a quote or a
# character beyond ASCII (the Chinese sentence around it).
URL_LIKE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:/+|(?<![\w/.\-])(?:[\w\-]+\.)+[A-Za-z]{2,}(?::\d+)?/)"
                      r"[^\s\"'<>\u0080-\U0010ffff]*")


def masked_text(text: str, urls: tuple[str, ...] = ()) -> str:
    """A message that may hold a webhook URL (an error, a log line written before URLs were masked), each URL in
    it masked as masked() does; the given URLs' secret parts (the path after its first segment, each query value)
    are cut wherever they appear on their own, as a library's error may quote a URL's path alone."""
    text = str(text)
    for url in urls:
        for secret in secrets(url):
            text = text.replace(secret, "…")
    return URL_LIKE.sub(lambda m: masked(m.group(0)), text)


def secrets(url: str) -> list[str]:
    """The pieces of url that masked() cuts, longest first (a piece of 4 characters or fewer is left: too
    common in other words to cut, and too short to be a key)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.split("/")
    pieces = ["/".join(path[2:]) if len(path) > 2 else "", parts.fragment, parts.password or "", parts.username or ""]
    pieces += [v for _, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    pieces += [urllib.parse.unquote(p) for p in pieces]
    return sorted({p for p in pieces if len(p) > 4}, key=len, reverse=True)


@dataclass
class Message:
    title: str
    markdown: Callable[[str, int], str]  # (format, limit) → the text, fitted to the robot's limit
    data: dict = field(default_factory=dict)  # the plain JSON body
    alert_ids: list[int] = field(default_factory=list)
    card_png: bytes | None = None  # the headline card (documents/card.py), when there is one
    card_url: str = ""  # where the app serves that card (钉钉 shows a picture only from a URL)


def configured(folder: Path | None = None) -> list[Hook]:
    """The webhooks of the deployment: TRADESTATS_WEBHOOKS (a JSON list) when set, else the [[webhook]] tables
    of its settings.toml; none when neither has any. A wrong entry is refused with a sentence naming it."""
    if os.environ.get(ENV, "").strip():
        where = f"环境变量 {ENV}"
        try:
            items = json.loads(os.environ[ENV])
        except ValueError as e:
            raise ValueError(f"{where} 不是有效的 JSON（{e}）：应为 [{{\"url\": \"…\", \"format\": \"wecom\"}}] 这样的列表。") from e
    else:
        file, given = config.read_toml("settings.toml", folder)
        where, items = str(file), given.get("webhook", [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"{where}：webhook 应为一组表（[[webhook]]），每个有 url 和 format。")
    hooks = []
    for n, item in enumerate(items, start=1):
        unknown = [k for k in item if k not in KEYS]
        url = str(item.get("url", ""))
        fmt = item.get("format", "json")
        if unknown:
            raise ValueError(f"{where}：第{n}个 webhook 的 {'、'.join(unknown)} 不是已知的设置；可用：{'、'.join(KEYS)}。")
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{where}：第{n}个 webhook 的 url “{masked(url)}” 应以 http:// 或 https:// 开头。")
        if fmt not in FORMATS:
            raise ValueError(f"{where}：第{n}个 webhook 的 format “{fmt}” 应为 {' / '.join(FORMATS)} 之一。")
        card = item.get("card", True)
        if not isinstance(card, bool):
            raise ValueError(f"{where}：第{n}个 webhook 的 card “{card}” 应为 true 或 false（不带引号）。")
        hooks.append(Hook(url, fmt, str(item.get("secret", "")), float(item.get("timeout", 5)),
                          int(item.get("retries", 2)), float(item.get("backoff", 1)), card))
    return hooks


def signed(url: str, secret: str, now_ms: int | None = None) -> str:
    """钉钉 加签: the URL with &timestamp=…&sign=…, the sign being HMAC-SHA256 (key: the secret) of
    "timestamp\\nsecret", base64, URL-encoded."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


def body(hook: Hook, message: Message) -> bytes:
    """The POST body in the hook's format."""
    limit = LIMITS[hook.format]
    if hook.format == "wecom":
        payload = {"msgtype": "markdown", "markdown": {"content": message.markdown("wecom", limit)}}
    elif hook.format == "dingtalk":
        picture = f"\n\n![{message.title}]({message.card_url})" if hook.card and message.card_url else ""
        payload = {"msgtype": "markdown", "markdown": {"title": message.title,
                                                       "text": message.markdown("dingtalk", limit - len(picture)) + picture}}
    else:
        payload = {"title": message.title, "text": message.markdown("json", limit), **message.data}
        if hook.card and message.card_png:
            payload["card_png"] = base64.b64encode(message.card_png).decode()
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def image_body(message: Message) -> bytes | None:
    """企业微信's image message of the card (base64 and md5 of the PNG), or None when there is none to send."""
    if not message.card_png or len(message.card_png) > IMAGE_LIMIT:
        return None
    payload = {"msgtype": "image", "image": {"base64": base64.b64encode(message.card_png).decode(),
                                            "md5": hashlib.md5(message.card_png).hexdigest()}}
    return json.dumps(payload).encode("utf-8")


def send(hook: Hook, message: Message, log_file: Path, sleep: Callable[[float], None] = time.sleep) -> bool:
    """POST the message, retrying with back-off what may pass on a second try; every try is logged. To 企业微信,
    the card follows the Markdown as an image message (a robot message is one kind: text or a picture); the
    message counts as delivered when its Markdown is, the picture's fate being logged on its own."""
    ok = post(hook, body(hook, message), message.title, message.alert_ids, log_file, sleep)
    picture = image_body(message) if hook.format == "wecom" and hook.card and ok else None
    if picture is not None:
        post(hook, picture, f"{message.title}（主要指标卡片）", [], log_file, sleep)
    return ok


def post(hook: Hook, data: bytes, title: str, alert_ids: list[int], log_file: Path,
         sleep: Callable[[float], None] = time.sleep) -> bool:
    """One POST of a body, with the hook's retries; every try logged under title."""
    for attempt in range(1, hook.retries + 2):
        url = signed(hook.url, hook.secret) if hook.format == "dingtalk" and hook.secret else hook.url
        status, ok, retry, detail = None, False, True, ""
        try:
            request = urllib.request.Request(url, data=data, method="POST",
                                             headers={"Content-Type": "application/json; charset=utf-8"})
            with urllib.request.urlopen(request, timeout=hook.timeout) as response:
                status = response.status
                ok, detail = answered(hook, response.read(4000))
                retry = False
        except urllib.error.HTTPError as e:
            status, detail = e.code, f"HTTP {e.code} {e.reason}"
            retry = e.code == 429 or e.code >= 500
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            detail = f"{type(e).__name__}: {getattr(e, 'reason', e)}"
        last = ok or not retry or attempt > hook.retries
        log(log_file, {"hook": hook.name, "hook_id": hook.hook_id, "format": hook.format, "attempt": attempt,
                       "status": status, "result": "成功" if ok else "失败" if last else "失败，将重试",
                       "detail": masked_text(detail, (hook.url,))[:300], "title": title, "alert_ids": alert_ids})
        if last:
            return ok
        sleep(hook.backoff * 2 ** (attempt - 1))
    return False


def answered(hook: Hook, text: bytes) -> tuple[bool, str]:
    """Did a 2xx answer accept it? The robots say so in their body ({"errcode": 0}); a JSON endpoint by its status."""
    if hook.format == "json":
        return True, ""
    try:
        reply = json.loads(text.decode("utf-8"))
    except ValueError:
        return False, f"回复不是 JSON：{text[:100]!r}"
    code = reply.get("errcode") if isinstance(reply, dict) else None
    return code == 0, "" if code == 0 else f"errcode {code}：{reply.get('errmsg', '') if isinstance(reply, dict) else ''}"


def deliver(hooks: list[Hook], message: Message, log_file: Path,
            sleep: Callable[[float], None] = time.sleep) -> dict[str, bool]:
    """Send to every hook; whether each took it (by hook_id). Never raises."""
    done = {}
    for hook in hooks:
        try:
            done[hook.hook_id] = send(hook, message, log_file, sleep)
        except Exception as e:  # noqa: BLE001 — a webhook never breaks what called it
            log(log_file, {"hook": hook.name, "hook_id": hook.hook_id, "format": hook.format, "attempt": 0,
                           "status": None, "result": "失败",
                           "detail": masked_text(f"{type(e).__name__}: {e}", (hook.url,))[:300],
                           "title": message.title, "alert_ids": message.alert_ids})
            done[hook.hook_id] = False
    return done


def log_path(db_path: Path) -> Path:
    return db_path.parent / LOG_NAME


def log(path: Path, entry: dict) -> None:
    jsonlog.append(path, entry)


def recent(path: Path, limit: int = 200) -> list[dict]:
    """The last entries of the log, newest first."""
    return jsonlog.recent(path, limit)


def delivered(path: Path, hook: Hook) -> set[int]:
    """The alerts the hook has taken (from the log and its previous file)."""
    ids: set[int] = set()
    for file in (path.with_name(path.name + ".1"), path):
        if file.exists():
            for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("hook_id") == hook.hook_id and entry.get("result") == "成功":
                    ids.update(entry.get("alert_ids") or [])
    return ids


def tables(items: list[dict]) -> str:
    """[[webhook]] tables as settings.toml holds them (for a rewrite of the file that must keep them)."""
    out = []
    for item in items:
        out.append("\n[[webhook]]\n" + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in item.items()))
    return "".join(out)
