"""Each benchmark runs once on tiny data (timings are printed by the scripts, never asserted here), and the
synthetic generator is deterministic and rolls its projects up into the cells."""

import subprocess
import sys
import urllib.parse

from tradestats import config
from tradestats.demo import generate
from tradestats.store import db


def run(script: str, *args: str) -> str:
    r = subprocess.run([sys.executable, str(config.ROOT / "benchmarks" / script), *args], capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_query_benchmark_smoke():
    out = run("queries.py", "--small", "2000", "--large", "4000", "--runs", "1", "--spans")
    assert "headline_by_period" in out and "pandas / DuckDB ×" in out
    assert "headline_by_period 2022年四季度 (difference)" in out


def test_press_kit_benchmark_smoke():
    out = run("press_kit.py", "--runs", "1")
    assert "whole press kit" in out


def test_browser_benchmark_smoke():
    """Starts its own servers and Chromium on a small generated database, and stops them; with the market
    pages' month changes beside the overview's."""
    out = run("browser.py", "--projects", "2000", "--runs", "1", "--market")
    for line in ("ratio overview / minimal, new month", "ratio overview / minimal, cold load",
                 "streamlit process, peak RSS (VmHWM)", "websocket bytes per interaction",
                 "ratio 交易效率与竞争 / overview", "ratio 市场主体 / overview"):
        assert line in out


def test_browser_benchmark_phone_smoke():
    """手机简报's month changes beside the overview's (issue 29: within 1.2×), printed as a ratio."""
    out = run("browser.py", "--projects", "2000", "--runs", "1", "--phone")
    assert "ratio 手机简报 / overview" in out


def test_browser_benchmark_against_another_checkout_smoke():
    """(b) on this code and on another checkout (here the same one), interleaved in one browser, with ratios."""
    out = run("browser.py", "--projects", "2000", "--runs", "1", "--against", str(config.ROOT))
    for line in ("this: a month not chosen before", "other: a month chosen before", "ratio this / minimal, new month",
                 "ratio this / other, cached month"):
        assert line in out


def test_click_profile_benchmark_smoke():
    """Starts the minimal app, the app's shell and the app, profiles a click on each, and stops them."""
    out = run("click_profile.py", "--projects", "2000", "--clicks", "1")
    assert "all main-thread work" in out and "overview / minimal ×" in out and "plotly" in out


def test_click_profile_against_another_checkout_smoke():
    """The overview's main-thread work per click on this code and on another checkout (here the same one)."""
    out = run("click_profile.py", "--projects", "2000", "--clicks", "1", "--against", str(config.ROOT))
    assert "main-thread work per month change of the overview" in out and "this / other ×" in out


def test_import_benchmark_smoke():
    out = run("import.py", "--rows", "2000", "--runs", "1", "--monthly", "300", "--large", "5000")
    assert "DuckDB read_csv into table" in out and "import / read_csv ×" in out
    assert "into one of 5,000 projects" in out and "large / demo ×" in out


def test_generate_is_deterministic_and_rolls_up(tmp_path):
    a, b = tmp_path / "a" / "t.duckdb", tmp_path / "b" / "t.duckdb"
    for path in (a, b):
        path.parent.mkdir()
        generate.generate(path, 5000, 2023, 2024, seed=7)
    query = ("select count(*), sum(amount_wan), min(deal_date), max(deal_date), count(distinct region_code) "
             "from fact_project")
    ca, cb = db.connect(a), db.connect(b)
    assert ca.execute(query).fetchall() == cb.execute(query).fetchall()
    assert ca.execute("select count(*) from fact_project").fetchall() == [(5000,)]
    assert ca.execute("select sum(projects), sum(amount_wan) from fact_trade_monthly").fetchall() == \
        ca.execute("select count(*), sum(amount_wan) from fact_project").fetchall()


def test_screen_soak_benchmark_smoke():
    out = run("screen_soak.py", "--minutes", "0.25", "--refresh", "2", "--sample", "5")
    assert "from first to last sample: JS heap" in out and "errors: 0" in out


def test_wide_import_benchmark_smoke():
    out = run("wide_import.py", "--rows", "300", "--runs", "1")
    assert "wide / long ×" in out


def test_load_benchmark_smoke():
    """Starts a server on a small generated database, opens two sessions over Streamlit's websocket protocol
    that change the month and the region, and stops it."""
    out = run("load.py", "--projects", "2000", "--sessions", "2", "--every", "1", "--duration", "8")
    assert "2 pages opened" in out and "errors: 0" in out, out
    assert "server time p50" in out and "server (process and children): peak RSS" in out
    interactions = int(out.split("interactions: ")[1].split(",")[0])
    assert interactions >= 2, out


def test_export_memory_benchmark_smoke():
    """Starts a server, downloads a press kit, reads the server's children after it, and stops both."""
    out = run("export_memory.py", "--at", "1")
    assert "right after it:" in out and "1 s after it:" in out, out


def test_browser_probe_counts_changes_not_rewrites():
    """The page's last change (benchmarks/probe.js) moves on a real change of an attribute, a text or the
    tree, never on a write of the value already there (Plotly's pie rewrites its labels' dy so after each draw)."""
    from browser import chromium

    with chromium() as browser:
        page = browser.new_page()
        page.add_init_script((config.ROOT / "benchmarks" / "probe.js").read_text())
        page.goto("data:text/html;charset=utf-8," + urllib.parse.quote(
            '<svg><text><tspan id="t" class="line" dy="1.3em">交易额</tspan></text></svg>'))
        changed = """async (write) => {
            window.__probe.last = 0;
            const t = document.getElementById("t");
            ({same: () => t.setAttribute("dy", "1.3em"), text: () => { t.firstChild.data = "交易额"; },
              attr: () => t.setAttribute("dy", "2.6em"), back: () => { t.setAttribute("dy", "0"); t.setAttribute("dy", "2.6em"); },
              tree: () => t.append("（亿元）")})[write]();
            await new Promise((done) => setTimeout(done, 0));
            return window.__probe.last > 0;
        }"""
        assert [page.evaluate(changed, w) for w in ("same", "text", "attr", "back", "tree")] == [
            False, False, True, False, True]
