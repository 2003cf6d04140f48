"""Logging in to 数据管理 without letting anyone guess the password: failed tries are counted per client
address in the deployment folder (.login.throttle.json beside the database, under a file lock), so that a new
tab, a reload, eight parallel sessions or a second server replica start nothing afresh; each failure makes
that address wait longer (1, 2, 4 … s), N failures within the window lock it for a while, and a count over all
addresses locks everyone when many addresses guess together. Every try is logged beside the database
(login.log, JSON lines, never the password)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import math
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tradestats.access import auth
from tradestats.store import jsonlog

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
STATE_NAME = ".login.throttle.json"  # beside the log: the counts every server process on the folder shares


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
    """Failed tries per address and over all, thread-safe; clock injectable for tests. With a state file, the
    counts live in it (read and written back under its file lock at every step), shared by every process that
    names the same file; their clock is then the wall clock, the one processes share."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_s: float = LOCK_MINUTES * 60,
                 window_s: float = WINDOW_MINUTES * 60, max_failures_all: int = MAX_FAILURES_ALL,
                 clock: Callable[[], float] = time.monotonic, state: Path | None = None):
        self.max_failures, self.lock_s, self.window_s = max_failures, lock_s, window_s
        self.max_failures_all, self.clock, self.state = max_failures_all, clock, state
        self._threads = threading.Lock()
        self._addresses: dict[str, _Address] = {}
        self._all: deque = deque()
        self._all_locked_until = 0.0

    @contextlib.contextmanager
    def _turn(self):
        """This throttle to itself: the process's threads one at a time, and, with a state file, the processes
        too, its counts read from the file before and written back after."""
        with self._threads:
            if self.state is None:
                yield
                return
            self.state.parent.mkdir(parents=True, exist_ok=True)
            with open(self.state, "a+", encoding="utf-8") as f:
                fcntl.flock(f, fcntl.LOCK_EX)
                try:
                    f.seek(0)
                    self._load(f.read())
                    yield
                    f.seek(0)
                    f.truncate()
                    f.write(self._dump())
                    f.flush()
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)

    def _load(self, text: str) -> None:
        try:
            data = json.loads(text) if text.strip() else {}
            self._addresses = {key: _Address(deque(a["failures"]), a["next_at"], a["busy_until"], a["locked_until"])
                               for key, a in data.get("addresses", {}).items()}
            self._all = deque(data.get("all", []))
            self._all_locked_until = float(data.get("all_locked_until", 0.0))
        except (ValueError, KeyError, TypeError, AttributeError):  # cut short (a full disk): start afresh
            self._addresses, self._all, self._all_locked_until = {}, deque(), 0.0

    def _dump(self) -> str:
        return json.dumps({"addresses": {key: {"failures": list(a.failures), "next_at": a.next_at,
                                               "busy_until": a.busy_until, "locked_until": a.locked_until}
                                         for key, a in self._addresses.items()},
                           "all": list(self._all), "all_locked_until": self._all_locked_until})

    def reset(self) -> None:
        with self._turn():
            self._addresses.clear()
            self._all.clear()
            self._all_locked_until = 0.0

    def _prune(self, failures: deque, now: float) -> None:
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()

    def status(self, key: str) -> Verdict:
        """Whether key may try now, without taking a turn."""
        with self._turn():
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
        with self._turn():
            now = self.clock()
            verdict = self._verdict(key, now)
            if verdict.allowed:
                self._addresses.setdefault(key, _Address()).busy_until = now + BUSY_S
            return verdict

    def failed(self, key: str) -> float:
        """Count a failed try of key; returns the seconds it must wait before its next try."""
        with self._turn():
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
        with self._turn():
            if key in self._addresses:
                self._addresses[key].busy_until = 0.0

    def succeeded(self, key: str) -> None:
        with self._turn():
            self._addresses.pop(key, None)

    def _forget(self, now: float) -> None:
        for key, a in list(self._addresses.items()):
            self._prune(a.failures, now)
            if not a.failures and now >= max(a.locked_until, a.next_at, a.busy_until):
                del self._addresses[key]


_shared: dict[Path, Throttle] = {}
_shared_lock = threading.Lock()


def throttle_for(log_file: Path) -> Throttle:
    """The throttle of the deployment whose login log is log_file: its counts in the folder, shared by every
    session of every server process (replica) on it."""
    state = log_file.parent / STATE_NAME
    with _shared_lock:
        if state not in _shared:
            _shared[state] = Throttle(clock=time.time, state=state)
        return _shared[state]


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
    throttle = throttle or throttle_for(log_file)
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
