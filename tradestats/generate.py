"""Synthetic databases at scale: N project records across the regions and sectors of data/, rolled up into
the monthly cells the pages read. Deterministic for a seed (every random number is a hash of the row number
and the seed, so DuckDB's threads cannot reorder it); 10 M rows take a minute or two here."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from tradestats import generate_market as market
from tradestats.store import db
from tradestats.store.derive import derive

# Sector mix of the counts (per mille), mean deal size in 万元, savings or gains as a share of it.
MIX = """
    select * from (values
        ('engineering', 430, 2000.0, 0.05), ('procurement', 280, 300.0, 0.06),
        ('property_rights', 140, 500.0, 0.03), ('natural_resources', 150, 3000.0, 0.004)
    ) m(sector_code, per_mille, mean_wan, margin)
"""


def fill(con: duckdb.DuckDBPyConnection, projects: int, first_year: int, last_year: int, seed: int) -> None:
    home = con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0]
    con.execute("""
        create temp table units as
        select row_number() over (order by region_code) - 1 as idx, region_code
        from dim_region
        where (parent_code = $home and level in ('county', 'pseudo')) or (level = 'city' and region_code <> $home)
    """, {"home": home}).fetchall()
    con.execute(f"""
        create temp table mix as
        select *, sum(per_mille) over (order by sector_code) - per_mille as lo,
               sum(per_mille) over (order by sector_code) as hi
        from ({MIX})
    """).fetchall()
    units = con.execute("select count(*) from units").fetchall()[0][0]
    days = con.execute("select (make_date($b + 1, 1, 1) - make_date($a, 1, 1))::int",
                       {"a": first_year, "b": last_year}).fetchall()[0][0]
    market.winners(con, home)
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
            {market.METHOD} as method,
            h2 % 10 < 4 as is_key_industry,
            0 as import_id,
            {market.COLUMNS.format(days=days)}
        from draws
        join mix m on h3 % 1000 >= m.lo and h3 % 1000 < m.hi
        join dim_sector d using (sector_code)
        join units un on un.idx = h2 % {units}
        {market.JOIN}
        order by deal_date, project_id
    """, {"seed": seed, "n": projects, "first": first_year}).fetchall()
    market.failed(con, projects, first_year, days, units, seed)
    con.execute("""
        insert into fact_trade_monthly
        select year(deal_date), month(deal_date), region_code, sector_code, sector_code, count(*), sum(amount_wan),
               sum(reference_wan), sum(savings_wan), sum(premium_wan),
               count(*) filter (where is_key_industry), coalesce(sum(amount_wan) filter (where is_key_industry), 0), 0
        from fact_project group by all
    """).fetchall()
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
