"""What the export browser leaves in the server: the memory of the server's children (RSS and PSS summed,
from /proc) before a press kit download on 新闻素材, right after it, and at the seconds given after it.

    .venv/bin/python benchmarks/export_memory.py [--db PATH] [--at 30 61 90]

The server is started as `tradestats serve` starts it (on --db, else on a demo database it builds on its first
visit, in a temporary folder), with TRADESTATS_EXPORT_IDLE_S as the environment has it (default 60)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import procmem
from browser import TIMEOUT_MS, helpers

from tradestats import config


def children(pid: int) -> str:
    kids = [p for p in procmem.tree(pid) if p != pid]
    rss = sum(procmem.kib(p, "VmRSS") for p in kids) / 1024
    pss = sum(procmem.kib(p, "Pss", "smaps_rollup") for p in kids) / 1024
    return f"{len(kids)} processes, RSS {rss:.0f} MB, PSS {pss:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (not written to)")
    parser.add_argument("--at", type=float, nargs="+", default=[30, 61, 90], help="seconds after the download")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tradestats-export-") as tmp:
        path = a.db or Path(tmp) / "db" / "tradestats.duckdb"
        with (helpers.streamlit_process(config.ROOT / "app.py", Path(tmp) / "app.log", **{config.DB_ENV: str(path)})
              as (url, server), helpers.chromium() as browser):
            page = browser.new_page()
            page.goto(f"{url}/press?year=2024&month=6")
            page.wait_for_selector("[data-testid=stCode]", timeout=TIMEOUT_MS)
            print(f"server's children before the press kit: {children(server.pid)}")
            with page.expect_download(timeout=TIMEOUT_MS) as download:
                page.get_by_role("button", name="下载素材包").click()
            download.value.path()  # waits until it is complete
            done = time.monotonic()
            print(f"right after it: {children(server.pid)}")
            for at in sorted(a.at):
                time.sleep(max(0.0, done + at - time.monotonic()))
                print(f"{at:g} s after it: {children(server.pid)}")


if __name__ == "__main__":
    main()
