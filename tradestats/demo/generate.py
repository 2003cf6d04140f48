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
    con.execute("""
        create temp table units as
        select row_number() over (order by region_code) - 1 as idx, region_code
        from reporting_region
    """).fetchall()
    con.execute(f"""
        create temp table mix as
        select *, sum(per_mille) over (order by sector_code) - per_mille as lo,
               sum(per_mille) over (order by sector_code) as hi
        from ({mix(sectors)})
    """).fetchall()
    units = con.execute("select count(*) from units").fetchall()[0][0]
    years = last_year - first_year + 1
    market.winners(con, con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0])
    sigma = dist.DEAL_SIZE_SIGMA
    con.execute(f"""
        insert into fact_project by name
        with draws as (
            select i, hash(i, $seed) as h1, hash(i, $seed + 1) as h2, hash(i, $seed + 2) as h3,
                   -- a deal's size about its sector's mean: lognormal with mean 1
                   exp({sigma} * {market.normal("hash(i, $seed + 3)")} - {sigma * sigma / 2}) as size,
                   hash(i, $seed + 4) as h4, hash(i, $seed + 5) as h5, hash(i, $seed + 6) as h6,
                   hash(i, $seed + 7) as h7, hash(i, $seed + 8) as h8, hash(i, $seed + 9) as h9,
                   hash(i, $seed + 10) as h10, hash(i, $seed + 11) as h11
            from range($n) t(i)
        ), picked as (
            select draws.*, m.sector_code, m.margin, d.direction, d.sector_name, un.region_code,
                   {market.deal_date("h1")} as deal_date,
                   greatest({dist.MIN_DEAL_CENTS / 100}, round(m.mean_wan * size, 2)) as amount,
                   (h3 >> 16) % 1000 < m.key_per_mille as is_key_industry,
                   {market.method("h4")} as method
            from draws
            join mix m on h3 % 1000 >= m.lo and h3 % 1000 < m.hi
            join dim_sector d using (sector_code)
            join units un on un.idx = h2 % {units}
        ), m as (
            select *, {market.cycle_days("h8")} as gap_days from picked
        )
        select
            'G' || lpad(i::varchar, 9, '0') as project_id,
            sector_name || '合成项目' || i as project_name,
            m.sector_code,
            m.region_code,
            deal_date,
            round(amount * (1 + margin), 2)::decimal(18, 6) as reference_wan,
            amount::decimal(18, 6) as amount_wan,
            case when direction = 'purchase' then round(amount * margin, 2) else 0 end::decimal(18, 6) as savings_wan,
            case when direction = 'sale' then round(amount * margin, 2) else 0 end::decimal(18, 6) as premium_wan,
            method,
            is_key_industry,
            0 as import_id,
            {market.columns()}
        from m
        {market.JOIN}
        order by deal_date, project_id
    """, {"seed": seed, "n": projects, "first": first_year, "years": years}).fetchall()
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
