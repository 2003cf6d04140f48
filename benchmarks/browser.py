"""How the dashboard feels in a real browser at scale, against the least a Streamlit app can do.

    .venv/bin/python benchmarks/browser.py [--db PATH | --projects 10000000] [--runs 5]

In headless Chromium, min / median / max over the runs of:
(b) a filter change (the month) on the overview until every metric and chart shows the new period and the
    script run is over, against a one-select-box app (benchmarks/minimal_app.py) changed the same way; both
    interleaved in the same run, and the ratio of the medians. Timed in the page (benchmarks/probe.js): from
    the click on the option to the last change to the DOM. Also the phases of the overview's interaction and
    the websocket bytes each interaction receives, by the kind of element they draw.
    With --market, the same on 交易效率与竞争 (/efficiency) and 市场主体 (/players), each beside the
    overview: per month, a change on the overview, then on each market page (issue 17: within 1.5× of it).
    With --phone, the same on 手机简报 (/m) beside the overview (issue 29: within 1.2× of it).
    With --against DIR, only (b), on this code and on the checkout at DIR (a git worktree of another commit),
    each change of the minimal app followed by one of each overview, in alternating order: two versions
    compared in one run, on the same machine's moment, rather than in runs taken in turns.
(c) the cold load: a new server, a fresh browser context, from navigation start to the page fully drawn;
    overview against the minimal app, and the ratio.
(e) the server's memory (the `streamlit run` process and its children, from /proc) after visiting every
    page with a month changed on each; once more after downloading the press kit.
Without --db, a database of --projects rows is generated in a temporary folder (10 M take about a minute)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import itertools
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import procmem
import wsframes
from browser_report import Sample, against_report, market_report, phone_report, report

from tradestats import config
from tradestats.demo import generate
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries

HERE = Path(__file__).resolve().parent
PROBE = (HERE / "probe.js").read_text()
MINIMAL_APP = HERE / "minimal_app.py"
MINIMAL_OPTIONS = [f"选项{i}" for i in range(1, 13)]  # as minimal_app.py offers them
# app.py's st.navigation, after the overview (/); the screen has no sidebar and comes last.
PAGES = ("m", "trend", "sectors", "regions", "projects", "efficiency", "players", "indicators", "press", "admin", "screen")
OVERVIEW_CHARTS = 4  # one of them, the months of the year, does not depend on the month chosen
SIDEBAR, MAIN = "[data-testid=stSidebar]", "[data-testid=stMain]"
VIEWPORT = {"width": 1400, "height": 1000}
QUIET_MS = 500  # settled: what was asked for is shown and the DOM has not changed for this long
TIMEOUT_MS = 300_000


def browser_helpers():
    """tests/browser.py (the server and Chromium of the browser tests), by its path: `tests` is no package."""
    spec = importlib.util.spec_from_file_location("tests_browser", config.ROOT / "tests" / "browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helpers = browser_helpers()


# --- what a settled page shows ---------------------------------------------------------------------------

def overview_checks(q, period: Period) -> list:
    """The overview of period for the home city: its title, the five metric values, every chart drawn."""
    s = summary.summarize(q, period)
    values = [metrics.count(s["projects"]), metrics.money(s["amount_wan"]), metrics.money(s["savings_wan"]),
              metrics.money(s["premium_wan"]), metrics.rank(s["rank"])]
    charts = ".ts-chart .gtitle"
    return ([["h1", f"{s['region_name']}{period.label}公共资源交易总览", 1, True]]
            + [["[data-testid=stMetricValue]", v, values.count(v), True] for v in dict.fromkeys(values)]
            + [[charts, "", OVERVIEW_CHARTS, False], [charts, period.label, OVERVIEW_CHARTS - 1, False]])


# The market pages (issue 17): their title ends with the page's name; charts titled with the period.
MARKET_PAGES = {"efficiency": ("交易效率与竞争", 5), "players": ("市场主体", 1)}


def market_checks(region_name: str, period: Period, path: str) -> list:
    """A market page of period for the home city: its title and every chart titled with the period."""
    name, charts = MARKET_PAGES[path]
    return [["h1", f"{region_name}{period.label}{name}", 1, True], [".ts-chart .gtitle", period.label, charts, False]]


def phone_checks(region_name: str, period: Period) -> list:
    """手机简报 of period for the home city: its heading line and its sector chart titled with the period."""
    return [["[data-ts=heading]", f"{region_name} · {period.label}", 1, False],
            [".ts-chart .gtitle", period.label, 1, False]]


def minimal_checks(option: str) -> list:
    return [["[data-testid=stMarkdownContainer]", f"已选择{option}", 1, True]]


def settle(page, checks: list, path: str | None = None, search: str | None = None) -> dict:
    arg = {"checks": checks, "quiet": QUIET_MS, "path": path, "search": search}
    return page.wait_for_function("a => window.__probe.settled(a)", arg=arg, polling=100,
                                  timeout=TIMEOUT_MS).json_value()


def measured(page, checks: list, load: bool = False) -> Sample:
    r = settle(page, checks)
    frames = wsframes.decode(page.evaluate("window.__probe.take()"))
    finished = max((f.t for f in frames if f.kind == "script_finished"), default=r["start"])
    busy = page.evaluate("([a, b, c]) => [window.__probe.busyBetween(a, c), window.__probe.busyBetween(b, c)]",
                         [r["start"], finished, r["end"]])
    files = page.evaluate(FILES) if load else None
    return Sample(r["end"] - r["start"], r["start"], r["end"], frames, *busy, files)


FILES = """performance.getEntriesByType('resource').map(e => ({name: e.name.split('/').pop(), start: e.startTime,
    end: e.responseEnd, bytes: e.transferSize}))"""


# --- driving the pages ------------------------------------------------------------------------------------

def choose(page, scope: str, box: str, option: str) -> None:
    page.locator(f"{scope} [data-testid=stSelectbox]", has_text=box).click()
    page.get_by_role("option", name=option, exact=True).click()


@contextlib.contextmanager
def opened(browser, url: str):
    """A page in a fresh browser context with the probe installed, at url."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


def tour(page, months: list[int], pid: int) -> dict[str, float]:
    """From the overview, every page of the navigation, with a different month chosen on each but the screen;
    the server's peak RSS (MB) after each page."""
    peaks = {}
    for path, month in zip(["", *PAGES], itertools.cycle(months)):
        if path:
            page.locator(f"[data-testid=stSidebarNav] a[href$='/{path}']").click()
            settle(page, [], path=f"/{path}")
        if path != "screen":
            choose(page, SIDEBAR, "截至月份", f"{month}月")
            settle(page, [], path=f"/{path}", search=f"month={month}")
        peaks[f"/{path}"] = procmem.kib(pid, "VmHWM") / 1024
    return peaks


def download_press_kit(page) -> None:
    page.locator("[data-testid=stSidebarNav] a[href$='/press']").click()
    settle(page, [], path="/press")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="下载素材包").click()
    download.value.path()  # waits until it is complete


@contextlib.contextmanager
def server(script: Path, log: Path, **env: str):
    """A `streamlit run` of script; its log is printed when something goes wrong while it runs."""
    with helpers.streamlit_process(script, log, **env) as (url, proc):
        try:
            yield url, proc
        except BaseException:
            print(f"--- the last lines of {log.name} ---\n" + "\n".join(log.read_text().splitlines()[-30:]))
            raise


@contextlib.contextmanager
def checkout_server(root: Path, log: Path, **env: str):
    """The app of the checkout at root (its package and pages, this environment's libraries)."""
    command = [sys.executable, "-m", "tradestats.ui.serve"]
    with helpers.serving(command, log, root, PYTHONPATH=str(root), **env) as (url, proc):
        try:
            yield url, proc
        except BaseException:
            print(f"--- the last lines of {log.name} ---\n" + "\n".join(log.read_text().splitlines()[-30:]))
            raise


# --- the three measurements -------------------------------------------------------------------------------

@dataclass
class Setup:
    db_path: Path
    logs: Path
    browser: object
    runs: int
    period: Period  # what the overview shows first
    checks: dict[int, list]  # month of period.year -> the overview settled at that month
    region_name: str = ""  # the home city's, as the pages' titles name it
    market: bool = False  # also time month changes on the market pages

    @property
    def months(self) -> list[int]:
        """Months the sidebar offers, but the one shown first; latest first."""
        return list(range(self.period.month - 1, 0, -1))

    def app(self, root: Path | None = None):
        """The app of this code, or of the checkout at root, started as in production (tradestats.ui.serve)."""
        env = {config.DB_ENV: str(self.db_path)}
        if root is None:
            return server(config.ROOT / "app.py", self.logs / "app.log", **env)
        return checkout_server(root, self.logs / "other.log", **env)

    def minimal(self):
        return server(MINIMAL_APP, self.logs / "minimal.log")


def memory_now(pid: int, peak: procmem.TreePeak) -> tuple[float, float, float]:
    """MB: the server process's peak RSS, and the peak sums over it and its children of RSS and of PSS."""
    peak.sample()
    return procmem.kib(pid, "VmHWM") / 1024, peak.peak_rss_kib / 1024, peak.peak_pss_kib / 1024


def cold_loads_and_memory(s: Setup) -> tuple[list[Sample], list[Sample], list[tuple], list[dict], list[float]]:
    """Per run: a new minimal server and a new app server, each loaded once in a fresh context; on the app, a
    tour of every page, then its memory (and the minimal app's, for reference). Interleaved, so that the
    machine's other work weighs on both alike."""
    minimal, overview, memory, by_page, minimal_memory = [], [], [], [], []
    for _ in range(s.runs):
        with s.minimal() as (url, proc), opened(s.browser, url) as page:
            minimal.append(measured(page, minimal_checks(MINIMAL_OPTIONS[0]), load=True))
            minimal_memory.append(procmem.kib(proc.pid, "VmHWM") / 1024)
        with s.app() as (url, proc), procmem.TreePeak(proc.pid) as peak, opened(s.browser, url) as page:
            overview.append(measured(page, s.checks[s.period.month], load=True))
            by_page.append(tour(page, s.months, proc.pid))
            memory.append(memory_now(proc.pid, peak))
    return minimal, overview, memory, by_page, minimal_memory


def interactions(s: Setup) -> tuple[list[Sample], list[Sample], list[Sample], tuple[float, float, float]]:
    """Both servers up, one page on each; each change of the overview follows one of the minimal app. First
    months never chosen (the queries run), then months chosen before (their results are cached). Last, the
    press kit is downloaded, for the memory that needs."""
    months = s.months
    if s.runs + 1 > len(months):
        raise SystemExit(f"--runs: at most {len(months) - 1} (months of {s.period.year} to choose from)")
    minimal, new, cached = [], [], []
    options = iter(MINIMAL_OPTIONS[1:] * (2 * s.runs + 2))
    with contextlib.ExitStack() as stack:
        url_m, _ = stack.enter_context(s.minimal())
        url_a, proc = stack.enter_context(s.app())
        peak = stack.enter_context(procmem.TreePeak(proc.pid))
        pm = stack.enter_context(opened(s.browser, url_m))
        pa = stack.enter_context(opened(s.browser, url_a))
        measured(pm, minimal_checks(MINIMAL_OPTIONS[0]))
        measured(pa, s.checks[s.period.month])

        def change(into: list | None, month: int) -> None:
            option = next(options)
            choose(pm, MAIN, "选项", option)
            sample = measured(pm, minimal_checks(option))
            choose(pa, SIDEBAR, "截至月份", f"{month}月")
            result = measured(pa, s.checks[month])
            if into is not None:
                minimal.append(sample)
                into.append(result)

        change(None, months[0])  # warm-up: the first change loads code in both browser and server
        for month in months[1:s.runs + 1]:
            change(new, month)
        for month in months[:s.runs]:
            change(cached, month)
        download_press_kit(pa)
        kit_memory = memory_now(proc.pid, peak)
    return minimal, new, cached, kit_memory


def market_interactions(s: Setup, pages=tuple(MARKET_PAGES)) -> dict[str, list[Sample]]:
    """The overview and the two market pages, each in its own tab of one app server; per month not chosen
    before, a change on the overview, then on 交易效率与竞争, then on 市场主体 (taking turns, so the machine's
    other work weighs on all alike). The first month warms up each page."""
    months = s.months
    if s.runs + 1 > len(months):
        raise SystemExit(f"--runs: at most {len(months) - 1} (months of {s.period.year} to choose from)")
    out: dict[str, list[Sample]] = {"": [], **{path: [] for path in pages}}
    with contextlib.ExitStack() as stack:
        url, _ = stack.enter_context(s.app())
        tabs = {}
        for path in out:
            tabs[path] = stack.enter_context(opened(s.browser, f"{url}/{path}"))
            measured(tabs[path], checks(s, path, s.period.month))
        for i, month in enumerate(months[:s.runs + 1]):
            for path, page in tabs.items():
                choose(page, SIDEBAR, "截至月份", f"{month}月")
                sample = measured(page, checks(s, path, month))
                if i:
                    out[path].append(sample)
    return out


def against(s: Setup, other: Path) -> dict[str, list[Sample]]:
    """(b) on this code ("this") and on the checkout at other ("other"), interleaved in one browser: per month,
    a change of the minimal app, then of both overviews, which goes first alternating. New months first, then
    months chosen before; the first change of each page warms up."""
    months = s.months
    if s.runs + 1 > len(months):
        raise SystemExit(f"--runs: at most {len(months) - 1} (months of {s.period.year} to choose from)")
    out: dict[str, list[Sample]] = {k: [] for k in ("minimal", "this new", "other new", "this cached", "other cached")}
    options = iter(MINIMAL_OPTIONS[1:] * (2 * s.runs + 2))
    with contextlib.ExitStack() as stack:
        url_m, _ = stack.enter_context(s.minimal())
        url_this, _ = stack.enter_context(s.app())
        url_other, _ = stack.enter_context(s.app(other))
        pm = stack.enter_context(opened(s.browser, url_m))
        pages = {"this": stack.enter_context(opened(s.browser, url_this)),
                 "other": stack.enter_context(opened(s.browser, url_other))}
        measured(pm, minimal_checks(MINIMAL_OPTIONS[0]))
        for page in pages.values():
            measured(page, s.checks[s.period.month])
        for i, month in enumerate([*months[:s.runs + 1], *months[:s.runs]]):
            option = next(options)
            choose(pm, MAIN, "选项", option)
            sample = measured(pm, minimal_checks(option))
            if i:
                out["minimal"].append(sample)
            for name in (("this", "other") if i % 2 else ("other", "this")):
                choose(pages[name], SIDEBAR, "截至月份", f"{month}月")
                sample = measured(pages[name], s.checks[month])
                if i:
                    out[f"{name} {'new' if i <= s.runs else 'cached'}"].append(sample)
    return out


def checks(s: Setup, path: str, month: int) -> list:
    if path == "m":
        return phone_checks(s.region_name, Period(s.period.year, month))
    return s.checks[month] if not path else market_checks(s.region_name, Period(s.period.year, month), path)


# --- setting up -------------------------------------------------------------------------------------------

def expectations(path: Path) -> tuple[Period, dict[int, list], int, str]:
    """The first period the overview shows (the latest month of the latest year) and, for every month of that
    year, what the settled overview shows; the number of project rows; the home city's name."""
    con = db.connect(path)
    try:
        q = functools.partial(queries.run, con)
        ctx = summary.context(q)
        months = q("months_with_data", region=ctx.home)
        year, last = int(months.year[0]), int(months.last_month[0])
        checks = {m: overview_checks(q, Period(year, m)) for m in range(1, last + 1)}
        rows = con.execute("select count(*) from fact_project").fetchall()[0][0]
    finally:
        con.close()
    return Period(year, last), checks, rows, ctx.region_name(ctx.home)


def machine(browser) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024  # MemTotal, KiB
    return f"{os.cpu_count()} CPUs ({cpu}), {mem:.1f} GiB RAM, Chromium {browser.version}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, help="an existing database (not written to)")
    where.add_argument("--projects", type=int, default=10_000_000, help="rows to generate (without --db)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--market", action="store_true",
                        help="also month changes on 交易效率与竞争 and 市场主体 beside the overview")
    parser.add_argument("--market-only", action="store_true", help="only those (no (b), (c), (e))")
    parser.add_argument("--phone", action="store_true", help="only month changes on 手机简报 (/m) beside the overview")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="only (b), on this code and on the checkout at DIR (e.g. a git worktree), interleaved")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tradestats-bench-") as tmp, helpers.chromium() as browser:
        path = a.db
        if path is None:
            path = Path(tmp) / "db" / "tradestats.duckdb"
            path.parent.mkdir()
            started = time.perf_counter()
            generate.generate(path, a.projects, 2023, 2024)
            print(f"generated {a.projects:,} project rows in {time.perf_counter() - started:.1f} s")
        period, checks, rows, region_name = expectations(path)
        print(f"browser benchmark: {rows:,} project rows ({path}), {a.runs} runs; {machine(browser)}")
        s = Setup(path, Path(tmp), browser, a.runs, period, checks, region_name)
        if a.phone:
            phone_report(market_interactions(s, ("m",)))
            return
        if a.against:
            against_report(against(s, a.against.resolve()), a.against)
            return
        if a.market or a.market_only:
            market_report(market_interactions(s))
        if a.market_only:
            return
        inter = interactions(s)
        cold = cold_loads_and_memory(s)
        report(cold, inter, rows)


if __name__ == "__main__":
    main()
