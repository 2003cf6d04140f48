"""The stored forms pages read instead of the big tables, rewritten by every write of the data (build,
generate, import) in the same transaction, so a version never holds facts and derived tables that disagree.

- fact_cells: the monthly cells with their city, province and rate bases (derived.sql's fact_cells_view), and
  span_cells: the same of the figures of quarters, 1–N月 累计 and years (fact_trade_span), and what
  period_cells' rule reads: period_source (both in one table) and span_parts (the rule worked out for every
  period of every year and region with spans), and period_rows: the rule's answer for every period of every
  year, region and sector, which the pages' questions read.
- project_top: each cell's first TOP_PLACES projects in each order of the project list, and project_count:
  each cell's number of projects. A project list's page within the first TOP_PLACES places of a period is
  read from these — a few thousand rows — however many million projects there are."""

from __future__ import annotations

import duckdb

from tradestats.store import derive_market

TOP_PLACES = 100  # per cell and order: the project page's first two pages of 50
ORDERS = ("amount", "savings", "premium", "date")


def cells_of_projects(projects: str) -> str:
    """The SQL of the monthly cells a relation of projects (fact_project's columns) sums into, one per month,
    region and sector (a project list knows no trade types: the cell is the sector's whole-sector type) — what
    a project list's import and the generator write into fact_trade_monthly. A reference price left out is
    the amount with the savings or premium."""
    return f"""
        select year(deal_date)::smallint as year, month(deal_date)::tinyint as month, region_code,
               sector_code as trade_type_code, sector_code,
               count(*)::integer as projects, sum(amount_wan) as amount_wan,
               sum(coalesce(reference_wan, amount_wan + savings_wan - premium_wan)) as reference_wan,
               sum(savings_wan) as savings_wan, sum(premium_wan) as premium_wan,
               (count(*) filter (where is_key_industry))::integer as key_projects,
               coalesce(sum(amount_wan) filter (where is_key_industry), 0) as key_amount_wan
        from {projects} group by all"""


def derive(con: duckdb.DuckDBPyConnection, months: list[tuple[int, int]] | None = None) -> None:
    """Rewrite the derived tables; the project lists only for months (year, month) when given, else all."""
    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

    run("delete from fact_cells")
    run("insert into fact_cells select * from fact_cells_view order by year, month, region_code, sector_code")
    run("delete from span_cells")
    run("insert into span_cells select * from sector_cells_view where month_from < month_to order by all")
    run("delete from period_source")
    run("insert into period_source select * from sector_cells_view")
    run("delete from span_parts")
    run("insert into span_parts select * from span_parts_view order by all")
    run("delete from period_rows")
    run("insert into period_rows select * from period_rows_view order by for_split, year, period_from, period_to, "
        "region_code, sector_code")
    if months is None:
        run("delete from project_top")
        run("delete from project_count")
        only = ""
    else:
        if not months:
            return
        run("create or replace temp table derive_months (year smallint, month tinyint)")
        con.executemany("insert into derive_months values (?, ?)", [list(m) for m in months])
        run("delete from project_top t using derive_months m where t.year = m.year and t.month = m.month")
        run("delete from project_count t using derive_months m where t.year = m.year and t.month = m.month")
        # The months' stored projects, found by a date range as well: the project table is stored by month, so
        # whole row groups are skipped (by year() and month() alone every row was read: 0.4 s at 10 M).
        first, last = min(months), max(months)
        past = (last[0] + last[1] // 12, last[1] % 12 + 1)
        only = (f"semi join derive_months m on year(p.deal_date) = m.year and month(p.deal_date) = m.month "
                f"where p.deal_date >= date '{first[0]:04d}-{first[1]:02d}-01' "
                f"and p.deal_date < date '{past[0]:04d}-{past[1]:02d}-01'")
    run(f"""
        insert into project_count
        select year(deal_date) as year, month(deal_date) as month, region_code, sector_code, count(*) as projects
        from fact_project p {only}
        group by all order by all""")
    top_lists(run, only, ordered=months is None)
    derive_market.derive(run, months)
    if months is not None:
        run("drop table derive_months")


def top_lists(run, only: str, ordered: bool) -> None:
    """project_top's rows for the projects `only` selects (all when empty), without sorting every cell's
    projects. A cell's TOP_PLACES-th largest value in an order (max(v, n): a small heap per cell) bounds its
    list: the projects above it are in it, and of those equal to it the ones with the smallest project_ids
    (min(project_id, n)) fill it up — ties are broken by project_id, as the project table's query breaks
    them. Only these few per cell are ranked, then fetched whole by rowid. A cell is one integer here, and so
    is a list (a cell in an order): grouping and partitioning by four columns took twice as long. Ordered, the
    rows are stored by order, cell and place (a full derive); an import appends its few months as they come."""
    values = ", ".join(f"project_order_value('{o}', p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) as v_{o}"
                       for o in ORDERS)
    run(f"""
        create or replace temp table derive_values as
        with regions as (select region_code, row_number() over (order by region_code) as n from dim_region),
        sectors as (select sector_code, row_number() over (order by sector_code) as n from dim_sector)
        select p.rowid as rid, year(p.deal_date)::smallint as year, month(p.deal_date)::tinyint as month,
               ((year(p.deal_date) * 12 + month(p.deal_date)) * (select count(*) + 1 from regions) + r.n)
                   * (select count(*) + 1 from sectors) + s.n as cell,
               p.project_id, {values}
        from fact_project p join regions r using (region_code) join sectors s using (sector_code) {only}""")
    bounds = ", ".join(f"list_last(max(v_{o}, {TOP_PLACES})) as bound_{o}" for o in ORDERS)
    flags = ", ".join(f"v.v_{o} = b.bound_{o} as tied_{o}, v.v_{o} > b.bound_{o} as above_{o}" for o in ORDERS)
    run(f"""
        create or replace temp table derive_reached as
        with bounds as (select cell, {bounds} from derive_values group by cell)
        select v.*, {flags}
        from derive_values v join bounds b using (cell)
        where {" or ".join(f"v.v_{o} >= b.bound_{o}" for o in ORDERS)}""")
    kept = " union all ".join(f"""(
        with first_tied as (
            select cell, unnest(ids) as project_id
            from (select cell, min(project_id, {TOP_PLACES}) as ids from derive_reached where tied_{o} group by cell))
        select {n} as o, cell * {len(ORDERS)} + {n} as list, rid, year, month, project_id, v_{o} as v
        from derive_reached where above_{o}
        union all
        select {n}, cell * {len(ORDERS)} + {n}, rid, year, month, project_id, v_{o}
        from derive_reached semi join first_tied using (cell, project_id) where tied_{o})"""
        for n, o in enumerate(ORDERS))
    names = "case r.o " + " ".join(f"when {n} then '{o}'" for n, o in enumerate(ORDERS)) + " end"
    run(f"""
        insert into project_top
        with ranked as (
            select o, rid, year, month,
                   row_number() over (partition by list order by v desc, project_id)::integer as place
            from ({kept})
            qualify place <= {TOP_PLACES})
        select {names} as order_key, r.year, r.month, r.place, p.*
        from ranked r join fact_project p on p.rowid = r.rid
        {"order by order_key, r.year, r.month, p.region_code, p.sector_code, r.place" if ordered else ""}""")
    run("drop table derive_values")
    run("drop table derive_reached")


def project_query(search: str, limit: int, offset: int) -> str:
    """The query for a page of a project list: the top lists when they hold it, else the project table."""
    return "projects_top_in_period" if not search and offset + limit <= TOP_PLACES else "projects_in_period"
