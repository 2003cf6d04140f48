"""One set of distributions (tradestats/demo/distributions.py) for the demo data set's script (data/demo/generate.py
and market.py) and `tradestats generate`: a changed distribution changes both."""

import ast
import importlib.util
import random
import sys
import tomllib

import duckdb

from tradestats import config
from tradestats.demo import distributions as dist
from tradestats.demo import generate, generate_market


def demo_script(name: str):
    """data/demo/<name>.py as a module (the scripts put their folder and the checkout on the path themselves)."""
    folder = str(config.DATA_DIR / "demo")
    sys.path.insert(0, folder)
    try:
        spec = importlib.util.spec_from_file_location(f"demo_{name}", config.DATA_DIR / "demo" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(folder)


def test_the_demo_script_and_generate_read_the_same_definitions():
    script, market = demo_script("generate"), demo_script("market")
    assert script.SEASON is dist.SEASON and script.sector_mix is dist.sector_mix
    assert script.project_names is dist.project_names
    for name in ("CYCLE", "FUNDING", "OUTSIDE", "FIRST", "STOPPED_SHARE", "FAILED_BIDDERS", "bidders", "industry"):
        assert getattr(market, name) is getattr(dist, name), name
    assert generate.dist is dist and generate_market.dist is dist


def test_what_is_drawn_by_sector_is_stated_once_in_market_mix():
    """demo/market_mix.toml is the one home of what synthetic project lists draw by sector: the demo's market.py
    reads it and writes none of it again (no sector code, no word or share of the file), and generate reads the
    same file."""
    path = config.DATA_DIR / "demo" / "market_mix.toml"
    with open(path, "rb") as f:
        mix = tomllib.load(f)
    assert demo_script("market").BY_SECTOR == mix
    assert config.find("demo/market_mix.toml") == path and generate_market.market_mix() == mix
    sectors = {line.split(",")[0] for line in (config.DATA_DIR / "sectors.csv").read_text(encoding="utf-8").splitlines()[1:]}
    values = [x for v in mix.values() for x in (v.values() if isinstance(v, dict) else [v])]
    stated = sectors | {y for x in values for y in (x if isinstance(x, list) else [x]) if isinstance(y, (str, float))}
    source = (config.DATA_DIR / "demo" / "market.py").read_text(encoding="utf-8")
    written = {n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant)}
    assert not written & stated


def month_shares(season) -> list[float]:
    con = duckdb.connect()
    rows = con.execute(f"select month({generate_market.deal_date('hash(i, 5)')}) as m, count(*) from range(200000) t(i) "
                       "group by m order by m", {"first": 2024, "years": 1}).fetchall()
    return [n / 200000 for _, n in rows]


def test_a_changed_season_changes_generate(monkeypatch):
    assert month_shares(dist.SEASON)[11] > 1.5 * month_shares(dist.SEASON)[0]  # December's rush, January's lull
    monkeypatch.setattr(dist, "SEASON", (1,) * 12)
    flat = month_shares(dist.SEASON)
    assert max(flat) - min(flat) < 0.01


def test_generate_draws_bidders_as_the_demo_does():
    """The same rules of 投标人数 by method: the SQL's draws and the demo's Python draws agree on range and mean."""
    rng = random.Random(1)
    con = duckdb.connect()
    for method in ("公开招标", "询价", "挂牌", "拍卖", "单一来源"):
        python = [dist.bidders(rng, method) for _ in range(20000)]
        sql = [r[0] for r in con.execute(
            f"select {generate_market.bidders('hash(i, 6)', 'hash(i, 7)')} from range(20000) t(i), "
            f"(select '{method}' as method) m").fetchall()]
        assert (min(sql), max(sql) <= max(python) + 10) == (min(python), True), method
        assert abs(sum(sql) / len(sql) - sum(python) / len(python)) < 0.15, method
