"""Where a click's time goes in the browser: the main thread's work during a month change on the overview,
by the script it runs in (Plotly, React, Streamlit's styling …), against the same change on the app's
shell alone (sidebar, navigation and title: app.py with the overview's body left out) and on the minimal
app of browser.py — sampled by Chromium's CPU profiler.

    .venv/bin/python benchmarks/click_profile.py [--db PATH | --projects 10000000] [--clicks 6]

The profiler slows the page a little: compare these three with each other, not with browser.py's timings.
Each click changes between two months already shown, so the server answers from its caches and what is
left is the browser's own work: the floor under (b) of browser.py.

    .venv/bin/python benchmarks/click_profile.py --against DIR [--clicks 12]

compares the overview of this code with that of the checkout at DIR (a git worktree of another commit), both
open in one browser and clicked in turns: the main thread's task time per click as Chromium counts it
(rendering — style, layout, paint — included, which the sampling profile leaves out), medians and their ratio.
Steadier than browser.py's wall-clock times for a change of ~10 ms."""

from __future__ import annotations

import argparse
import collections
import contextlib
import shutil
import statistics
import tempfile
from pathlib import Path

from browser import (
    MAIN,
    MINIMAL_APP,
    MINIMAL_OPTIONS,
    SIDEBAR,
    checkout_server,
    expectations,
    helpers,
    machine,
    opened,
    server,
    settle,
)

from tradestats import config
from tradestats.demo import generate

INTERVAL_US = 200
SHELL_PAGE = '''import streamlit as st
from tradestats.ui import web
f = web.current()
st.title(f"{f.scope}{f.period.label}公共资源交易总览")
'''


def bucket(url: str, function: str) -> str:
    """What a sampled frame belongs to: a script file (its name without the build hash), or the browser's
    own work (layout, style, garbage collection) by its name."""
    name = url.rsplit("/", 1)[-1].split("?")[0]
    if not name:
        return function or "(anonymous)"
    stem = name.removesuffix(".js").split(".")[0]
    return "plotly" if stem.startswith("plotly") else stem


def profile_clicks(page, scope: str, box: str, options: list[str], clicks: int) -> collections.Counter:
    """ms of main-thread work per bucket over clicks changes (after two unmeasured ones), each from the
    click on the option until the page settles."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": INTERVAL_US})
    spent: collections.Counter = collections.Counter()
    for n in range(clicks + 2):
        page.locator(f"{scope} [data-testid=stSelectbox]", has_text=box).click()
        if n >= 2:
            cdp.send("Profiler.start")
        page.get_by_role("option", name=options[n % 2], exact=True).click()
        settle(page, [])
        if n >= 2:
            spent.update(samples(cdp.send("Profiler.stop")["profile"]))
    cdp.detach()
    return collections.Counter({k: v / clicks for k, v in spent.items()})


def samples(profile: dict) -> collections.Counter:
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    out: collections.Counter = collections.Counter()
    for node, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[node]
        if frame["functionName"] not in ("(idle)", "(program)"):
            out[bucket(frame["url"], frame["functionName"])] += delta / 1000
    return out


@contextlib.contextmanager
def shell_app(db_path: Path, folder: Path):
    """app.py with an overview that only draws its title: a copy of app.py and pages/ (the package is the
    installed one)."""
    root = folder / "shell"
    shutil.copytree(config.ROOT / "pages", root / "pages")
    shutil.copy(config.ROOT / "app.py", root / "app.py")
    (root / "pages" / "overview.py").write_text(SHELL_PAGE)
    with server(root / "app.py", folder / "shell.log", **{config.DB_ENV: str(db_path)}) as (url, _):
        yield url


def table(profiles: dict[str, collections.Counter], top: int = 12) -> str:
    names = list(profiles)
    rows = collections.Counter()
    for p in profiles.values():
        rows.update(p)
    lines = [f"{'ms per click':<34}" + "".join(f"{n:>10}" for n in names)]
    for key, _ in rows.most_common(top):
        lines.append(f"{key[:34]:<34}" + "".join(f"{profiles[n][key]:10.1f}" for n in names))
    lines.append(f"{'all main-thread work':<34}" + "".join(f"{sum(profiles[n].values()):10.1f}" for n in names))
    return "\n".join(lines)


# Chromium's counters of the main thread's work (seconds, since the page opened), as CDP's Performance domain
# reports them: all tasks, and within them scripts, style and layout.
TASK_METRICS = {"TaskDuration": "all tasks", "ScriptDuration": "scripts", "RecalcStyleDuration": "style",
                "LayoutDuration": "layout"}


def task_times(pages: dict, options: list[str], clicks: int) -> dict[str, dict[str, list[float]]]:
    """ms of each counter per month change, for each page of pages (name -> page showing the overview), over
    clicks changes each between the two months of options (after one unmeasured each), the pages taking turns and
    which goes first alternating."""
    cdps = {name: page.context.new_cdp_session(page) for name, page in pages.items()}
    for cdp in cdps.values():
        cdp.send("Performance.enable")
    out = {name: {k: [] for k in TASK_METRICS} for name in pages}
    for n in range(clicks + 1):
        for name in (list(pages) if n % 2 else list(pages)[::-1]):
            page, cdp = pages[name], cdps[name]
            page.locator(f"{SIDEBAR} [data-testid=stSelectbox]", has_text="截至月份").click()
            before = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            page.get_by_role("option", name=options[n % 2], exact=True).click()
            settle(page, [])
            after = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            if n:
                for key in TASK_METRICS:
                    out[name][key].append((after[key] - before[key]) * 1000)
    for cdp in cdps.values():
        cdp.detach()
    return out


def against(db_path: Path, folder: Path, browser, other: Path, months: list[str], clicks: int) -> None:
    with contextlib.ExitStack() as stack:
        pages = {}
        for name, root in (("this", config.ROOT), ("other", other)):
            url, _ = stack.enter_context(checkout_server(root, folder / f"{name}.log", **{config.DB_ENV: str(db_path)}))
            pages[name] = stack.enter_context(opened(browser, url))
            settle(pages[name], [])
        times = task_times(pages, months, clicks)
    print(f"\nmain-thread work per month change of the overview (ms, median of {clicks}; Chromium's counters)")
    print(f"{'':<12}" + "".join(f"{label:>12}" for label in TASK_METRICS.values()))
    for name, row in times.items():
        print(f"{name:<12}" + "".join(f"{statistics.median(row[k]):12.1f}" for k in TASK_METRICS))
    ratio = statistics.median(times["this"]["TaskDuration"]) / statistics.median(times["other"]["TaskDuration"])
    print(f"\nthis / other ×{ratio:.2f} (all tasks; other: {other})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, help="an existing database (not written to)")
    where.add_argument("--projects", type=int, default=10_000_000, help="rows to generate (without --db)")
    parser.add_argument("--clicks", type=int, default=6)
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="only compare the overview's main-thread work with the checkout at DIR's")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tradestats-profile-") as tmp, helpers.chromium() as browser:
        folder = Path(tmp)
        path = a.db
        if path is None:
            path = folder / "db" / "tradestats.duckdb"
            path.parent.mkdir()
            generate.generate(path, a.projects, 2023, 2024)
        period, _, rows, _ = expectations(path)
        months = [f"{period.month - 1}月", f"{period.month - 2}月"]
        if a.against:
            print(f"click profile: {rows:,} project rows, {a.clicks} clicks each; {machine(browser)}")
            against(path, folder, browser, a.against.resolve(), months, a.clicks)
            return
        print(f"click profile: {rows:,} project rows, {a.clicks} clicks each, sampled every {INTERVAL_US} µs; "
              f"{machine(browser)}")
        profiles = {}
        with server(MINIMAL_APP, folder / "minimal.log") as (url, _), opened(browser, url) as page:
            settle(page, [])
            profiles["minimal"] = profile_clicks(page, MAIN, "选项", MINIMAL_OPTIONS[1:3], a.clicks)
        with shell_app(path, folder) as url, opened(browser, url) as page:
            settle(page, [])
            profiles["shell"] = profile_clicks(page, SIDEBAR, "截至月份", months, a.clicks)
        app = server(config.ROOT / "app.py", folder / "app.log", **{config.DB_ENV: str(path)})
        with app as (url, _), opened(browser, url) as page:
            settle(page, [])
            profiles["overview"] = profile_clicks(page, SIDEBAR, "截至月份", months, a.clicks)
        print()
        print(table(profiles))
        total = {n: sum(p.values()) for n, p in profiles.items()}
        print(f"\noverview / minimal ×{total['overview'] / total['minimal']:.2f}, "
              f"shell / minimal ×{total['shell'] / total['minimal']:.2f} (main-thread work per click)")


if __name__ == "__main__":
    main()
