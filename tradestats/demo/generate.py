"""Synthetic databases at scale: N project records across the regions and sectors of data/, rolled up into
the monthly cells the pages read, drawn from the demo data set's distributions (distributions: the season, the
sector mix, deal sizes, savings and gains rates, key-industry shares, and generate_market's). Deterministic for a seed (every random
number is a hash of the row number and the seed, so DuckDB's threads cannot reorder it); 10 M rows take a
minute or two here."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from tradestats import config
from tradestats.demo import distributions as dist
from tradestats.demo import generate_market as market
from tradestats.store import db
from tradestats.store.derive import cells_of_projects, derive
from tradestats.store.statements import statement


def sector_mix() -> dict[str, dict[str, float]]:
    return dist.sector_mix(config.find("demo/sector_mix.csv"))


def mix(sectors: dict[str, dict[str, float]]) -> str:
    """The sector mix as SQL values: each sector's share of the count (per mille), its mean deal size, its savings
    or gains rate and its share of key-industry trades (per mille)."""
    values = ", ".join(
        f"('{s}', {round(m['project_share'] * 1000)}, {m['synthetic_mean_wan']}, {m['savings_rate'] + m['premium_rate']}, "
        f"{round(m['key_share'] * dist.KEY_PROJECTS_OF_SHARE * 1000)})" for s, m in sectors.items())
    return f"select * from (values {values}) m(sector_code, per_mille, mean_wan, margin, key_per_mille)"


def fill(con: duckdb.DuckDBPyConnection, projects: int, first_year: int, last_year: int, seed: int) -> None:
    sectors = sector_mix()
    con.execute(statement("demo/synthetic_units")).fetchall()
    con.execute(statement("demo/synthetic_mix").format(mix=mix(sectors))).fetchall()
    units = con.execute("select count(*) from units").fetchall()[0][0]
    years = last_year - first_year + 1
    market.winners(con, con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0])
    sigma = dist.DEAL_SIZE_SIGMA
    con.execute(statement("demo/synthetic_projects").format(
        sigma=sigma, half_variance=sigma * sigma / 2, normal=market.normal("hash(i, $seed + 3)"),
        deal_date=market.deal_date("h1"), min_deal=dist.MIN_DEAL_CENTS / 100, method=market.method("h4"),
        units=units, cycle_days=market.cycle_days("h8"), columns=market.columns(), join=market.JOIN),
        {"seed": seed, "n": projects, "first": first_year, "years": years}).fetchall()
    market.failed(con, projects, first_year, years, units, seed)
    con.execute(f"insert into fact_trade_monthly by name select *, 0 as import_id from ({cells_of_projects('fact_project')})"
                ).fetchall()
    derive(con)
    con.execute("update app_setting set value = 'synthetic' where key = 'dataset'").fetchall()
    con.execute("insert or replace into app_setting values ('dataset_notice', ?)",
                [f"合成数据：由 tradestats generate 生成的 {projects} 条项目明细及其月度汇总，仅用于性能测试。"]).fetchall()


def generate(path: Path, projects: int, first_year: int, last_year: int, seed: int = 1,
             data_dir: Path | None = None) -> Path:
    """A new database at path (behind its pointer, as builds are) holding the synthetic data."""
    db.build(path, data_dir, demo=False)
    with db.writing(path):
        return db.write_version(path, lambda con: fill(con, projects, first_year, last_year, seed),
                                copy_of=Path(os.path.realpath(path)))
