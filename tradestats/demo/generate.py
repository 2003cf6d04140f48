"""Synthetic databases at scale: N project records across the regions and sectors of data/, rolled up into
the monthly cells the pages read. Deterministic for a seed (every random number is a hash of the row number
and the seed, so DuckDB's threads cannot reorder it); 10 M rows take a minute or two here."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb

from tradestats import config
from tradestats.demo import generate_market as market
from tradestats.store import db
from tradestats.store.derive import cells_of_projects, derive


def mix() -> str:
    """The sector mix of the synthetic projects as SQL values: each sector's share of the count (per mille)
    and its savings or gains rate as the demo data has them (demo/sector_mix.csv), and its mean deal size."""
    with open(config.find("demo/sector_mix.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    values = ", ".join(
        f"('{r['sector_code']}', {round(float(r['project_share']) * 1000)}, {float(r['synthetic_mean_wan'])}, "
        f"{float(r['savings_rate']) + float(r['premium_rate'])})" for r in rows)
    return f"select * from (values {values}) m(sector_code, per_mille, mean_wan, margin)"


def fill(con: duckdb.DuckDBPyConnection, projects: int, first_year: int, last_year: int, seed: int) -> None:
    con.execute("""
        create temp table units as
        select row_number() over (order by region_code) - 1 as idx, region_code
        from reporting_region
    """).fetchall()
    con.execute(f"""
        create temp table mix as
        select *, sum(per_mille) over (order by sector_code) - per_mille as lo,
               sum(per_mille) over (order by sector_code) as hi
        from ({mix()})
    """).fetchall()
    units = con.execute("select count(*) from units").fetchall()[0][0]
    days = con.execute("select (make_date($b + 1, 1, 1) - make_date($a, 1, 1))::int",
                       {"a": first_year, "b": last_year}).fetchall()[0][0]
    market.winners(con, con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0])
    con.execute(f"""
        insert into fact_project by name
        with draws as (
            select i,
                   hash(i, $seed) as h1, hash(i, $seed + 1) as h2, hash(i, $seed + 2) as h3,
                   (hash(i, $seed + 3) % 1000000 + 1) / 1000001.0 as u
            from range($n) t(i)
        )
        select
            'G' || lpad(i::varchar, 9, '0') as project_id,
            d.sector_name || '合成项目' || i as project_name,
            m.sector_code,
            un.region_code,
            make_date($first, 1, 1) + (h1 % {days})::integer as deal_date,
            round(m.mean_wan * -ln(u) * (1 + m.margin), 2)::decimal(18, 6) as reference_wan,
            round(m.mean_wan * -ln(u), 2)::decimal(18, 6) as amount_wan,
            case when d.direction = 'purchase' then round(m.mean_wan * -ln(u) * m.margin, 2) else 0 end
                ::decimal(18, 6) as savings_wan,
            case when d.direction = 'sale' then round(m.mean_wan * -ln(u) * m.margin, 2) else 0 end
                ::decimal(18, 6) as premium_wan,
            {market.method()} as method,
            h2 % 10 < 4 as is_key_industry,
            0 as import_id,
            {market.columns(days)}
        from draws
        join mix m on h3 % 1000 >= m.lo and h3 % 1000 < m.hi
        join dim_sector d using (sector_code)
        join units un on un.idx = h2 % {units}
        {market.JOIN}
        order by deal_date, project_id
    """, {"seed": seed, "n": projects, "first": first_year}).fetchall()
    market.failed(con, projects, first_year, days, units, seed)
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
