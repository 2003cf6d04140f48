"""Where a click's time goes in the browser: the main thread's work during a month change on the overview,
by the script it runs in (Plotly, React, Streamlit's styling …), against the same change on the app's
shell alone (sidebar, navigation and title: app.py with the overview's body left out) and on the minimal
app of browser.py — sampled by Chromium's CPU profiler.

    .venv/bin/python benchmarks/click_profile.py [--db PATH | --projects 10000000] [--clicks 6]

The profiler slows the page a little: compare these three with each other, not with browser.py's timings.
Each click changes between two months already shown, so the server answers from its caches and what is
left is the browser's own work: the floor under (b) of browser.py."""

from __future__ import annotations

import argparse
import collections
import contextlib
import shutil
import tempfile
from pathlib import Path

from browser import (
    MAIN,
    MINIMAL_APP,
    MINIMAL_OPTIONS,
    SIDEBAR,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, help="an existing database (not written to)")
    where.add_argument("--projects", type=int, default=10_000_000, help="rows to generate (without --db)")
    parser.add_argument("--clicks", type=int, default=6)
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
