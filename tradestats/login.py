"""Logging in to 数据管理 without letting anyone guess the password: failed tries are counted per client
address in the server process (so a new tab, a reload or eight parallel sessions start nothing afresh), each
failure makes that address wait longer (1, 2, 4 … s), N failures within the window lock it for a while, and
a count over all addresses locks everyone when many addresses guess together. Every try is logged beside the
database (login.log, JSON lines, never the password)."""

from __future__ import annotations

import datetime as dt
import math
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tradestats import auth, jsonlog

UNKNOWN = "本机或未知地址"  # st.context.ip_address is None on localhost (and outside a session)


def client_key(ip_address) -> str:
    """The key a client's tries are counted under: its address, or UNKNOWN when there is none."""
    return ip_address if isinstance(ip_address, str) and ip_address else UNKNOWN


def _setting(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


MAX_FAILURES = _setting("TRADESTATS_LOGIN_MAX_FAILURES", 10)  # of one address within WINDOW_MINUTES …
LOCK_MINUTES = _setting("TRADESTATS_LOGIN_LOCK_MINUTES", 15)  # … lock it this long
WINDOW_MINUTES = _setting("TRADESTATS_LOGIN_WINDOW_MINUTES", 15)
MAX_FAILURES_ALL = _setting("TRADESTATS_LOGIN_MAX_FAILURES_ALL", 50)  # of all addresses together: lock everyone
# How long a try holds its address while the password is checked: a parallel try is refused meanwhile.
BUSY_S = 30.0
FORGET_AT = 10_000  # addresses kept before the ones with nothing to remember are dropped
LOG_NAME = "login.log"


@dataclass(frozen=True)
class Verdict:
    """May this address try now? If not, for how many seconds not, and why."""
    allowed: bool
    wait_s: float = 0.0
    reason: str = ""  # "" | "soon" (its delay is not over, or a try of it is being checked) | "locked" | "all"

    @property
    def message(self) -> str:
        if self.allowed:
            return ""
        wait = f"{math.ceil(self.wait_s / 60)} 分钟" if self.wait_s > 60 else f"{math.ceil(self.wait_s)} 秒"
        if self.reason == "locked":
            return f"密码错误次数过多，此地址已暂停登录，请 {wait}后再试。"
        if self.reason == "all":
            return f"近期密码错误次数过多，数据管理已暂停所有登录，请 {wait}后再试。"
        return f"尝试过于频繁，请 {wait}后再试。"


@dataclass
class _Address:
    failures: deque = field(default_factory=deque)  # monotonic times of failures within the window
    next_at: float = 0.0  # no try before this (the delay after the last failure)
    busy_until: float = 0.0  # a try of this address is being checked
    locked_until: float = 0.0


class Throttle:
    """Failed tries per address and over all, thread-safe; clock injectable for tests."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_s: float = LOCK_MINUTES * 60,
                 window_s: float = WINDOW_MINUTES * 60, max_failures_all: int = MAX_FAILURES_ALL,
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures, self.lock_s, self.window_s = max_failures, lock_s, window_s
        self.max_failures_all, self.clock = max_failures_all, clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Address] = {}
        self._all: deque = deque()
        self._all_locked_until = 0.0

    def reset(self) -> None:
        with self._lock:
            self._addresses.clear()
            self._all.clear()
            self._all_locked_until = 0.0

    def _prune(self, failures: deque, now: float) -> None:
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()

    def status(self, key: str) -> Verdict:
        """Whether key may try now, without taking a turn."""
        with self._lock:
            return self._verdict(key, self.clock())

    def _verdict(self, key: str, now: float) -> Verdict:
        if now < self._all_locked_until:
            return Verdict(False, self._all_locked_until - now, "all")
        a = self._addresses.get(key)
        if a is None:
            return Verdict(True)
        if now < a.locked_until:
            return Verdict(False, a.locked_until - now, "locked")
        if now < max(a.next_at, a.busy_until):
            return Verdict(False, max(a.next_at, a.busy_until) - now, "soon")
        return Verdict(True)

    def admit(self, key: str) -> Verdict:
        """Take the turn of key if it may try now: until failed() or succeeded(), its other tries are refused,
        so that parallel sessions of one address check one password at a time."""
        with self._lock:
            now = self.clock()
            verdict = self._verdict(key, now)
            if verdict.allowed:
                self._addresses.setdefault(key, _Address()).busy_until = now + BUSY_S
            return verdict

    def failed(self, key: str) -> float:
        """Count a failed try of key; returns the seconds it must wait before its next try."""
        with self._lock:
            now = self.clock()
            a = self._addresses.setdefault(key, _Address())
            self._prune(a.failures, now)
            a.failures.append(now)
            self._prune(self._all, now)
            self._all.append(now)
            delay = auth.delay_after(len(a.failures))
            a.busy_until, a.next_at = 0.0, now + delay
            if len(a.failures) >= self.max_failures:
                a.locked_until = now + self.lock_s
            if len(self._all) >= self.max_failures_all:
                self._all_locked_until = now + self.lock_s
            if len(self._addresses) > FORGET_AT:
                self._forget(now)
            return delay

    def release(self, key: str) -> None:
        """Give back the turn of key without an outcome (the check was interrupted)."""
        with self._lock:
            if key in self._addresses:
                self._addresses[key].busy_until = 0.0

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._addresses.pop(key, None)

    def _forget(self, now: float) -> None:
        for key, a in list(self._addresses.items()):
            self._prune(a.failures, now)
            if not a.failures and now >= max(a.locked_until, a.next_at, a.busy_until):
                del self._addresses[key]


THROTTLE = Throttle()  # one per server process, shared by every session


def log_path(db_path: Path) -> Path:
    return db_path.parent / LOG_NAME


def log(path: Path, address: str, result: str, now: dt.datetime | None = None) -> None:
    """Append one try to the login log: time, address, result (成功 / 密码错误 / the refusal)."""
    jsonlog.append(path, {"address": address, "result": result}, now)


def recent(path: Path, limit: int = 200) -> list[dict]:
    """The last tries of the log, newest first."""
    return jsonlog.recent(path, limit)


def try_password(password: str, stored: str, address: str, log_file: Path, throttle: Throttle | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> tuple[bool, str]:
    """One try from address: refused unchecked while it must wait or is locked; otherwise the password is
    checked, and a failure waits out its delay here (a person sees the message when they may try again).
    Returns whether it opened and the message to show."""
    throttle = throttle or THROTTLE
    verdict = throttle.admit(address)
    if not verdict.allowed:
        log(log_file, address, {"locked": "已锁定，未验证", "all": "全部暂停，未验证"}.get(verdict.reason, "过于频繁，未验证"))
        return False, verdict.message
    try:
        ok = auth.verify(password, stored)
    except BaseException:
        throttle.release(address)
        raise
    if ok:
        throttle.succeeded(address)
        log(log_file, address, "成功")
        return True, ""
    delay = throttle.failed(address)
    log(log_file, address, "密码错误")
    after = throttle.status(address)
    if after.reason in ("locked", "all"):
        return False, "密码不正确。" + after.message
    sleep(delay)
    return False, "密码不正确。"
