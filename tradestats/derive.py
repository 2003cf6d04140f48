"""The stored forms pages read instead of the big tables, rewritten by every write of the data (build,
generate, import) in the same transaction, so a version never holds facts and derived tables that disagree.

- fact_cells: the monthly cells with their city, province and rate bases (schema.sql's fact_cells_view).
- project_top: each cell's first TOP_PLACES projects in each order of the project list, and project_count:
  each cell's number of projects. A project list's page within the first TOP_PLACES places of a period is
  read from these — a few thousand rows — however many million projects there are."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TOP_PLACES = 100  # per cell and order: the project page's first two pages of 50
ORDERS = ("amount", "savings", "premium", "date")
BATCH_ROWS = 2_000_000  # projects ranked at once: months are read together up to this many


def derive(con: duckdb.DuckDBPyConnection, months: list[tuple[int, int]] | None = None) -> None:
    """Rewrite the derived tables; the project lists only for months (year, month) when given, else all."""
    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

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
    counts = run(f"""
        insert into project_count
        select year(deal_date) as year, month(deal_date) as month, region_code, sector_code, count(*) as projects
        from fact_project p {only}
        group by all order by all
        returning year, month, projects""")
    lists = [top_lists(con, start, end) for start, end in batches(counts)]
    if lists:
        # In the order the table was always stored in (order, month, region, sector, place): a page's
        # query reads the few row groups of its order and months.
        con.register("derive_top", pa.concat_tables(t for order in sorted(ORDERS) for t in
                                                    (batch[order] for batch in lists)))
        run("insert into project_top select * from derive_top")
        con.unregister("derive_top")
    if months is not None:
        run("drop table derive_months")


def batches(counts: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Ranges of months (as year * 12 + month - 1, end excluded) of at most BATCH_ROWS projects, or one month."""
    per_month: dict[int, int] = {}
    for year, month, projects in counts:
        key = year * 12 + month - 1
        per_month[key] = per_month.get(key, 0) + projects
    out: list[tuple[int, int]] = []
    size = 0
    for key in sorted(per_month):
        if out and out[-1][1] == key and size + per_month[key] <= BATCH_ROWS:
            out[-1] = (out[-1][0], key + 1)
            size += per_month[key]
        else:
            out.append((key, key + 1))
            size = per_month[key]
    return out


def top_lists(con: duckdb.DuckDBPyConnection, start: int, end: int) -> dict[str, pa.Table]:
    """project_top's rows for the months start..end (year * 12 + month - 1, end excluded), by order.

    Ranked in numpy: sorting all of a month's projects by cell, value and project_id takes a fraction of
    what DuckDB's windows or min_by over a struct key take (the ties by project_id make them slow)."""
    values = ", ".join(f"project_order_value('{o}', amount_wan, savings_wan, premium_wan, deal_date) as v_{o}"
                       for o in ORDERS)
    rows = con.sql(f"""
        select p.*, {values}
        from fact_project p
        where deal_date >= make_date({start // 12}, {start % 12 + 1}, 1)
          and deal_date < make_date({end // 12}, {end % 12 + 1}, 1)""").to_arrow_table().combine_chunks()
    names = [n for n in rows.column_names if not n.startswith("v_")]
    cell = cell_numbers(rows)
    by_id = np.empty(len(rows), np.int64)  # each project's place in project_id order (bytewise, as DuckDB)
    by_id[pc.sort_indices(rows["project_id"]).to_numpy()] = np.arange(len(rows))
    year = pc.cast(pc.year(rows["deal_date"]), pa.int16())
    month = pc.cast(pc.month(rows["deal_date"]), pa.int8())
    out = {}
    for order in ORDERS:
        ranked = np.lexsort((by_id, -rows[f"v_{order}"].to_numpy(), cell))  # last key first
        cells = cell[ranked]
        first = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])  # where each cell's run starts
        place = np.arange(len(ranked)) - np.repeat(first, np.diff(np.r_[first, len(ranked)]))
        kept = ranked[place < TOP_PLACES]
        taken = rows.select(names).take(pa.array(kept))
        out[order] = pa.table({"order_key": pa.array([order] * len(kept), pa.string()),
                               "year": year.take(kept), "month": month.take(kept),
                               "place": pa.array(place[place < TOP_PLACES] + 1, pa.int32()),
                               **{n: taken[n] for n in names}})
    return out


def cell_numbers(rows: pa.Table) -> np.ndarray:
    """Each row's cell (month, region, sector) as a number, numbered in the cells' sorted order."""
    month = pc.add(pc.multiply(pc.cast(pc.year(rows["deal_date"]), pa.int64()), 12),
                   pc.cast(pc.month(rows["deal_date"]), pa.int64())).to_numpy()
    number = month - month.min() if len(month) else month
    for name in ("region_code", "sector_code"):
        codes = pc.dictionary_encode(rows[name]).combine_chunks()
        names = codes.dictionary.to_pylist()
        rank = np.empty(len(names), np.int64)
        rank[sorted(range(len(names)), key=lambda i: names[i].encode())] = np.arange(len(names))
        number = number * len(names) + rank[codes.indices.to_numpy()]
    return number


def project_query(search: str, limit: int, offset: int) -> str:
    """The query for a page of a project list: the top lists when they hold it, else the project table."""
    return "projects_top_in_period" if not search and offset + limit <= TOP_PLACES else "projects_in_period"
