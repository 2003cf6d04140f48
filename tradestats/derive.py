"""The stored forms pages read instead of the big tables, rewritten by every write of the data (build,
generate, import) in the same transaction, so a version never holds facts and derived tables that disagree.

- fact_cells: the monthly cells with their city, province and rate bases (schema.sql's fact_cells_view).
- project_top: each cell's first TOP_PLACES projects in each order of the project list, and project_count:
  each cell's number of projects. A project list's page within the first TOP_PLACES places of a period is
  read from these — a few thousand rows — however many million projects there are."""

from __future__ import annotations

import duckdb

TOP_PLACES = 100  # per cell and order: the project page's first two pages of 50
ORDERS = ("amount", "savings", "premium", "date")


def derive(con: duckdb.DuckDBPyConnection, months: list[tuple[int, int]] | None = None) -> None:
    """Rewrite the derived tables; the project lists only for months (year, month) when given, else all."""
    def run(sql: str, params: list | None = None) -> None:
        con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

    run("delete from fact_cells")
    run("insert into fact_cells select * from fact_cells_view order by year, month, region_code, sector_code")
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
        only = "semi join derive_months m on year(p.deal_date) = m.year and month(p.deal_date) = m.month"
    # One pass over the projects: per cell, the ids at the first places in every order at once (min_by keeps
    # the n smallest keys; the key sorts the order's value descending, then project_id). Ids, not rows: a
    # list of whole rows per cell and order took six times as long. The rows are joined back after.
    lists = ",\n".join(
        f"min_by(project_id, {{v: -project_order_value('{o}', amount_wan, savings_wan, premium_wan, deal_date), "
        f"id: project_id}}, {TOP_PLACES}) as {o}" for o in ORDERS)
    run(f"""
        create or replace temp table derive_cells as
        select year(deal_date) as year, month(deal_date) as month, region_code, sector_code,
               count(*) as projects, {lists}
        from fact_project p {only}
        group by all""")
    run("insert into project_count select year, month, region_code, sector_code, projects from derive_cells")
    places = " union all ".join(
        f"select '{o}' as order_key, year, month, unnest({o}) as project_id, generate_subscripts({o}, 1) as place "
        f"from derive_cells" for o in ORDERS)
    run(f"create or replace temp table derive_places as {places}")  # stored: the join knows its size
    run(f"""
        insert into project_top
        select t.order_key, t.year, t.month, t.place, p.*
        from derive_places t
        join (select * from fact_project where project_id in (select project_id from derive_places)) p
            using (project_id)
        order by t.order_key, t.year, t.month, p.region_code, p.sector_code, t.place""")
    run("drop table derive_cells")
    run("drop table derive_places")


def project_query(search: str, limit: int, offset: int) -> str:
    """The query for a page of a project list: the top lists when they hold it, else the project table."""
    return "projects_top_in_period" if not search and offset + limit <= TOP_PLACES else "projects_in_period"
