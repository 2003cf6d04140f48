"""The login throttle: failures counted per address across sessions, growing delays, a lock after N, a lock of
everyone after many addresses together, parallel tries of one address one at a time, and the login log."""

import json
import threading

import pytest

from tradestats.access import auth, login
from tradestats.store import jsonlog

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def digest():
    return auth.make_hash(PASSWORD, iterations=1000)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def throttle(clock):
    return login.Throttle(max_failures=10, lock_s=900, window_s=900, max_failures_all=50, clock=clock)


def fail(throttle, clock, key="10.0.0.1"):
    """One failed try that waited its turn."""
    verdict = throttle.admit(key)
    assert verdict.allowed, verdict
    delay = throttle.failed(key)
    clock.now += delay
    return delay


def test_delays_grow_and_a_try_before_its_time_is_refused(throttle, clock):
    delays = []
    for _ in range(5):
        assert throttle.admit("a").allowed
        delays.append(throttle.failed("a"))
        early = throttle.admit("a")
        assert not early.allowed and early.reason == "soon" and early.wait_s == delays[-1]
        assert early.message == f"尝试过于频繁，请 {int(delays[-1])} 秒后再试。"
        clock.now += delays[-1] - 0.5
        assert not throttle.status("a").allowed
        clock.now += 0.5
    assert delays == [1, 2, 4, 8, 8]
    assert throttle.status("b").allowed  # another address is not slowed down


def test_ten_failures_lock_the_address_for_fifteen_minutes(throttle, clock):
    for _ in range(9):
        fail(throttle, clock)
    assert throttle.status("10.0.0.1").allowed
    throttle.admit("10.0.0.1")
    throttle.failed("10.0.0.1")
    locked = throttle.status("10.0.0.1")
    assert not locked.allowed and locked.reason == "locked" and locked.wait_s == 900
    assert locked.message == "密码错误次数过多，此地址已暂停登录，请 15 分钟后再试。"
    clock.now += 899
    assert not throttle.admit("10.0.0.1").allowed
    assert throttle.status("10.0.0.1").message.endswith("请 1 秒后再试。")
    clock.now += 1
    assert throttle.admit("10.0.0.1").allowed


def test_failures_older_than_the_window_are_forgotten(throttle, clock):
    for _ in range(9):
        fail(throttle, clock)
    clock.now += 900
    fail(throttle, clock)
    assert throttle.status("10.0.0.1").allowed


def test_a_success_starts_the_address_afresh(throttle, clock):
    for _ in range(3):
        fail(throttle, clock)
    throttle.admit("10.0.0.1")
    throttle.succeeded("10.0.0.1")
    assert fail(throttle, clock) == 1


def test_many_addresses_together_lock_everyone(throttle, clock):
    for i in range(50):
        fail(throttle, clock, f"10.0.1.{i}")
    fresh = throttle.admit("10.9.9.9")
    assert not fresh.allowed and fresh.reason == "all"
    assert fresh.message == "近期密码错误次数过多，数据管理已暂停所有登录，请 15 分钟后再试。"


def test_a_try_being_checked_holds_its_address(throttle):
    assert throttle.admit("a").allowed
    second = throttle.admit("a")
    assert not second.allowed and second.reason == "soon"
    throttle.release("a")
    assert throttle.admit("a").allowed


def test_parallel_sessions_of_one_address_check_one_password_at_a_time(digest, tmp_path, clock, monkeypatch):
    """Eight sessions at once: one password checked, seven refused unchecked (they tried 24 in 24 s before)."""
    throttle = login.Throttle(clock=clock)
    checked = []
    real = auth.verify
    gate = threading.Barrier(8)

    def verify(password, stored):
        checked.append(password)
        return real(password, stored)

    monkeypatch.setattr(auth, "verify", verify)
    results = []

    def session(i):
        gate.wait()
        results.append(login.try_password(f"guess {i}", digest, "a", tmp_path / "login.log", throttle,
                                          sleep=lambda s: None))

    threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) == 1
    assert sorted(m for _, m in results).count("密码不正确。") == 1
    assert sum(m.startswith("尝试过于频繁") for _, m in results) == 7


def test_while_locked_the_password_is_not_even_checked(digest, tmp_path, clock, monkeypatch):
    throttle = login.Throttle(max_failures=3, clock=clock)
    log = tmp_path / "login.log"
    slept = []
    for i in range(3):
        ok, message = login.try_password("wrong", digest, "a", log, throttle, sleep=slept.append)
        clock.now += 10
    assert not ok and message == "密码不正确。密码错误次数过多，此地址已暂停登录，请 15 分钟后再试。"
    assert slept == [1, 2]  # the third failure locks: nothing to wait out in the session
    monkeypatch.setattr(auth, "verify", lambda *a: pytest.fail("checked while locked"))
    ok, message = login.try_password(PASSWORD, digest, "a", log, throttle)
    assert not ok and message.startswith("密码错误次数过多") and "分钟后再试" in message
    monkeypatch.undo()
    clock.now += 900
    assert login.try_password(PASSWORD, digest, "a", log, throttle) == (True, "")


def test_tries_are_logged_without_the_password(digest, tmp_path, clock):
    throttle = login.Throttle(max_failures=2, clock=clock)
    log = tmp_path / "db" / "login.log"
    login.try_password("hunter2-wrong", digest, "10.0.0.7", log, throttle, sleep=lambda s: None)
    clock.now += 1
    login.try_password("hunter2-wrong", digest, "10.0.0.7", log, throttle, sleep=lambda s: None)
    clock.now += 5
    login.try_password(PASSWORD, digest, "10.0.0.7", log, throttle)
    login.try_password(PASSWORD, digest, "10.0.0.8", log, throttle)
    text = log.read_text(encoding="utf-8")
    assert "hunter2" not in text and PASSWORD not in text
    entries = login.recent(log)
    assert [(e["address"], e["result"]) for e in entries] == [
        ("10.0.0.8", "成功"), ("10.0.0.7", "已锁定，未验证"), ("10.0.0.7", "密码错误"), ("10.0.0.7", "密码错误")]
    assert all(json.loads(line)["time"][:4].isdigit() for line in text.splitlines())
    assert login.log_path(tmp_path / "db" / "tradestats.duckdb") == log


def test_the_log_is_kept_small(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonlog, "MAX_BYTES", 200)
    log = tmp_path / "login.log"
    for i in range(20):
        login.log(log, f"10.0.0.{i}", "密码错误")
    assert log.stat().st_size <= 300 and log.with_name("login.log.1").exists()
    assert login.recent(log)[0]["address"] == "10.0.0.19"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRADESTATS_LOGIN_MAX_FAILURES", "3")
    assert login._setting("TRADESTATS_LOGIN_MAX_FAILURES", 10) == 3
    monkeypatch.setenv("TRADESTATS_LOGIN_MAX_FAILURES", "many")
    assert login._setting("TRADESTATS_LOGIN_MAX_FAILURES", 10) == 10
    assert (login.MAX_FAILURES, login.LOCK_MINUTES, login.WINDOW_MINUTES) == (10, 15, 15)


def test_failures_through_one_server_process_lock_the_address_in_another(digest, tmp_path):
    """Two replicas of the server on one deployment folder are two processes: three failures of an address
    through one (each waited out) lock it in the other, where even the right password is refused unchecked."""
    import os
    import subprocess
    import sys

    script = ("import sys, pathlib\nfrom tradestats.access import login\n"
              "for password in sys.argv[3:]:\n"
              "    opened, message = login.try_password(password, sys.argv[1], '10.0.0.9', pathlib.Path(sys.argv[2]))\n"
              "    print(opened, message)\n")
    env = {**os.environ, "TRADESTATS_LOGIN_MAX_FAILURES": "3"}
    log = tmp_path / "login.log"

    def replica(*passwords: str) -> list[str]:
        r = subprocess.run([sys.executable, "-c", script, digest, str(log), *passwords], env=env,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return r.stdout.splitlines()

    first = replica("guess 1", "guess 2", "guess 3")
    assert first[:2] == ["False 密码不正确。"] * 2 and first[2].startswith("False 密码不正确。密码错误次数过多"), first
    (second,) = replica(PASSWORD)
    assert second.startswith("False 密码错误次数过多，此地址已暂停登录"), second
    assert [e["result"] for e in login.recent(log)][0] == "已锁定，未验证"
