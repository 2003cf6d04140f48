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
from tradestats.store.statements import statement

TOP_PLACES = 100  # per cell and order: the project page's first two pages of 50
ORDERS = ("amount", "savings", "premium", "date")  # derive_top_*.sql and derive_project_top.sql spell them out
TOP_ORDER = "order by order_key, r.year, r.month, p.region_code, p.sector_code, r.place"  # how a whole derive stores project_top


def cells_of_projects(projects: str) -> str:
    """The SQL of the monthly cells a relation of projects (fact_project's columns) sums into, one per month,
    region and sector (a project list knows no trade types: the cell is the sector's whole-sector type) — what
    a project list's import and the generator write into fact_trade_monthly. A reference price left out is
    the amount with the savings or premium."""
    return statement("store/cells_of_projects").format(projects=projects)


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
    run(statement("store/derive_period_rows"))
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
        first, last = min(months), max(months)
        past = (last[0] + last[1] // 12, last[1] % 12 + 1)
        only = statement("store/derive_projects_of_months").format(first=f"{first[0]:04d}-{first[1]:02d}-01",
                                                             past=f"{past[0]:04d}-{past[1]:02d}-01")
    run(statement("store/derive_project_count").format(only=only))
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
    run(statement("store/derive_top_values").format(only=only))
    run(statement("store/derive_top_reached").format(top_places=TOP_PLACES))
    run(statement("store/derive_project_top").format(top_places=TOP_PLACES, order_by=TOP_ORDER if ordered else ""))
    run("drop table derive_values")
    run("drop table derive_reached")


def project_query(search: str, limit: int, offset: int) -> str:
    """The query for a page of a project list: the top lists when they hold it, else the project table."""
    return "projects_top_in_period" if not search and offset + limit <= TOP_PLACES else "projects_in_period"
