"""Start the real app with `streamlit run` on a free loopback port, and Debian's Chromium to look at it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from tradestats import config

CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db_path: Path, log: Path, **extra_env: str):
    with streamlit_process(config.ROOT / "app.py", log, **{config.DB_ENV: str(db_path), **extra_env}) as (url, _):
        yield url


@contextlib.contextmanager
def streamlit_process(script: Path, log: Path, **extra_env: str):
    """`streamlit run script`, yielding its URL and process. It runs in a process group of its own, ended as a
    whole afterwards (also on an error or Ctrl-C), so nothing it started is left behind."""
    # The app starts as in production (tradestats.ui.serve: streamlit run app.py, importing while it starts).
    start = ["-m", "tradestats.ui.serve"] if script == config.ROOT / "app.py" else ["-m", "streamlit", "run", str(script)]
    with serving([sys.executable, *start], log, config.ROOT, **extra_env) as started:
        yield started


@contextlib.contextmanager
def serving(command: list[str], log: Path, cwd: Path, **extra_env: str):
    """command (a way of starting `streamlit run`) with the options of a headless server on a free port, in
    cwd, yielding its URL and process once /_stcore/health answers; its process group is ended afterwards."""
    port = free_port()
    env = {**os.environ, **extra_env}
    cmd = [*command, "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield url, proc
    finally:
        _end_group(proc)


def _end_group(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's process group, then SIGKILL to whatever of it is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextlib.contextmanager
def chromium():
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install chromium fonts-noto-cjk")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_metrics(page, *values: str, timeout: int = 60000) -> None:
    """Wait until the page's metric cards show each value: an element appears before it has its final text."""
    import json

    page.wait_for_function(
        f"(want => want.every(v => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        f".some(e => e.innerText === v)))({json.dumps(list(values), ensure_ascii=False)})", timeout=timeout)


def settled_text(page, selector: str = "[data-testid=stMain]", quiet_ms: int = 600, timeout_s: float = 60) -> str:
    """The text of selector once the script run is over, nothing is stale and the text has stopped changing:
    Streamlit draws some elements (charts, whose code is preloaded) before others (widgets whose code loads
    on first use), so 'the charts are there' does not mean the page is."""
    page.wait_for_function("(() => { const a = document.querySelector('[data-test-script-state]');"
                           " return a && a.dataset.testScriptState === 'notRunning'"
                           " && !document.querySelector('[data-stale=true]'); })()", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    last = page.inner_text(selector)
    while True:
        page.wait_for_timeout(quiet_ms)
        text = page.inner_text(selector)
        if text == last or time.monotonic() > deadline:
            return text
        last = text
