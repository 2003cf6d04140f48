"""The 大屏 left running: does the browser leak or fail over hours of timer refreshes?

    .venv/bin/python benchmarks/screen_soak.py [--minutes 60] [--refresh 60] [--sample 60] [--db PATH]

Starts the app (on a fresh demo database unless --db), opens /screen in headless Chromium at 1920×1080 and
leaves it. Every --sample seconds it reads the browser's own counters over CDP (Performance.getMetrics: JS
heap in use, DOM nodes, event listeners, documents) and the server's resident memory, and counts refreshes
(the timer's rerun requests the browser sends over the websocket) and errors (exception boxes, page
errors, console errors, failed requests). Half-way through it imports a month of data from the command line, which the screen must show by
itself. Prints one line per sample and the change from the first to the last sample; exits 1 on any error."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, streamlit_server  # noqa: E402

from tradestats.deploy import deployment

COUNTERS = ("JSHeapUsedSize", "Nodes", "JSEventListeners", "Documents")
PROBE = "/_stcore/"  # Streamlit probes /<page>/_stcore/health before the root one: a 404 it expects


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        kids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
    return kids + [g for k in kids for g in children(k)]


def server_pid(port: str) -> int:
    out = subprocess.run(["pgrep", "-f", f"server.port {port}"], capture_output=True, text=True).stdout.split()
    return int(out[0])


def import_month(path: Path, folder: Path) -> None:
    file = folder / "soak.csv"
    file.write_text("月份,地区,板块,项目数,交易额\n2024-12,通道,政府采购,50,10\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "tradestats", "import", "--yes", str(file)],
                       env={**os.environ, "TRADESTATS_DB": str(path)}, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(r.stderr)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--refresh", type=float, default=60, help="the screen's timer, seconds")
    parser.add_argument("--sample", type=float, default=60, help="seconds between samples")
    parser.add_argument("--db", type=Path)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = a.db
        if path is None:
            path = tmp / "db" / "tradestats.duckdb"
            deployment.build(path)
        with streamlit_server(path, tmp / "streamlit.log", TRADESTATS_SCREEN_REFRESH_S=str(a.refresh)) as url, \
                chromium() as browser:
            pid = server_pid(url.rsplit(":", 1)[1])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on("console", lambda m: errors.append(f"console: {m.text}")
                    if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
            page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} {r.failure}"))
            page.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}")
                    if r.status >= 400 and PROBE not in r.url else None)
            sent = []
            page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(time.monotonic())))
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(f"{url}/screen")
            page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 3",
                                   timeout=120000)
            loaded = len(sent)
            first_cards = page.locator(".screen-card .value").all_inner_texts()
            print(f"screen at {url}/screen, refresh every {a.refresh:g} s, {a.minutes:g} minutes, "
                  f"sample every {a.sample:g} s")
            print(f"{'min':>6} {'refreshes':>9} {'JS heap MB':>10} {'nodes':>6} {'listeners':>9} {'docs':>4} "
                  f"{'server MB':>9} {'errors':>6}")
            samples = []
            start = time.monotonic()
            imported = False
            while True:
                elapsed = time.monotonic() - start
                if not imported and elapsed >= a.minutes * 30:
                    import_month(path, tmp)
                    imported = True
                cdp.send("HeapProfiler.collectGarbage")
                m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
                boxes = page.locator("[data-testid=stException]").count()
                if boxes:
                    errors.append(f"{boxes} exception box(es) on the screen")
                row = (elapsed / 60, len(sent) - loaded, m["JSHeapUsedSize"] / 2**20,
                       int(m["Nodes"]), int(m["JSEventListeners"]), int(m["Documents"]), rss_mb(pid))
                samples.append(row)
                print(f"{row[0]:6.1f} {row[1]:9d} {row[2]:10.1f} {row[3]:6d} {row[4]:9d} {row[5]:4d} {row[6]:9.0f} "
                      f"{len(errors):6d}", flush=True)
                if elapsed >= a.minutes * 60:
                    break
                page.wait_for_timeout(min(a.sample, max(a.minutes * 60 - elapsed, 0.1)) * 1000)
            cards = page.locator(".screen-card .value").all_inner_texts()
            first, last = samples[0], samples[-1]
            print(f"\nfrom first to last sample: JS heap {first[2]:.1f} → {last[2]:.1f} MB, nodes {first[3]} → "
                  f"{last[3]}, listeners {first[4]} → {last[4]}, server {first[6]:.0f} → {last[6]:.0f} MB, "
                  f"{last[1]} refreshes")
            print(f"counters before the import {first_cards[0]}, at the end {cards[0]}")
            if cards[0] == first_cards[0]:
                errors.append("the screen did not show the import")
            for e in errors[:20]:
                print("ERROR", e)
            print("errors:", len(errors))
            return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
