"""The write stage: a plan, handed on by the orchestrator, written into the new database version it fills —
the file's rows, the months they touch derived again, the import logged — inside one transaction. It reads
the plan and calls no stage before it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from tradestats.ingest import market_import, unsplit
from tradestats.ingest.plans import (
    CELL_KEY,
    STORED,
    TARGET_KEY,
    CellsPlan,
    IndicatorsPlan,
    Plan,
    RegionsPlan,
    TargetsPlan,
    cell_table,
    split_keys,
)
from tradestats.store.derive import derive
from tradestats.store.statements import statement


def constraint(error: duckdb.ConstraintException) -> str:
    """DuckDB's message without what does not concern a clerk (the server's paths)."""
    return str(error).split("\n")[0].replace(str(Path.cwd()), "")[:200]


def write(con: duckdb.DuckDBPyConnection, result: Plan, by: str, based_on: str) -> None:
    """Write the plan, derive the months it touched, and log the import: one transaction."""
    con.begin()
    import_id = con.execute("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]
    more = write_kind(con, result, import_id)
    touched = result.touched() if isinstance(result, CellsPlan) else []
    spans = ([a + b for a, b in zip(result.span_counts, result.total_counts)] if isinstance(result, CellsPlan)
             else (0, 0, 0))  # counted with the cells
    derive(con, sorted(set(touched) | more))
    con.execute("insert or replace into app_setting values ('based_on', ?)", [based_on])  # what rollback returns to
    con.execute("delete from app_setting where key = 'carried_from'")  # new data: no longer a copy of another version's
    con.execute("insert into import_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, dt.datetime.now(), by, result.kind, result.file_name, result.sha256, result.rows_read,
                 *(a + b for a, b in zip((result.added, result.changed, result.unchanged), spans)),
                 ", ".join(f"{y}-{m:02d}" for y, m in touched), choice_note(result)])
    con.commit()


def choice_note(result: Plan) -> str | None:
    """What the import history keeps of a choice the person made: the spans chosen over their months."""
    if not (isinstance(result, CellsPlan) and result.prefer_span and result.span_differences):
        return None
    return "以报表数为准（不用各月之和）：" + "；".join(t.split("：", 1)[0] for t in result.span_differences)


def write_kind(con: duckdb.DuckDBPyConnection, result: Plan, import_id: int) -> set[tuple[int, int]]:
    """Write what the plan holds (inside the caller's transaction); the months whose derived tables it
    changed beside those of its cells (touched). A plan of the base class (a file refused) holds nothing."""
    if isinstance(result, CellsPlan):
        return write_cells(con, result, import_id)
    if isinstance(result, RegionsPlan):
        write_regions(con, result.regions)
    elif isinstance(result, TargetsPlan):
        write_targets(con, result, import_id)
    elif isinstance(result, IndicatorsPlan):
        write_indicators(con, result.indicators)
    return set()


def write_cells(con: duckdb.DuckDBPyConnection, result: CellsPlan, import_id: int) -> set[tuple[int, int]]:
    """Write the projects, failed trades and cells; the months of failed trades written or replaced."""
    failed_before: set[tuple[int, int]] = set()

    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

    if result.projects is not None:
        con.register("incoming_projects", result.projects)
        run("delete from fact_project where project_id in (select project_id from incoming_projects)")
        run("insert into fact_project by name select *, ? as import_id from incoming_projects", [import_id])
        con.unregister("incoming_projects")
        failed_before = market_import.write_failed(con, result.failed, import_id)
    failed_months = failed_before | market_import.failed_months(result.failed)  # their stored sums too
    if result.spans is not None and len(result.spans):
        con.register("incoming_spans", cell_table(result.spans.assign(import_id=import_id)))
        run(statement("ingest/delete_replaced_spans"))
        run("insert into fact_trade_span by name select * from incoming_spans")
        con.unregister("incoming_spans")
    if result.totals is not None:
        unsplit.write(con, result.totals, split_keys(result), cell_table, import_id)
    if result.cells.empty:
        return failed_months
    cells = result.cells.drop(columns="_where")
    con.register("incoming", cell_table(cells.assign(import_id=import_id)))
    gone = result.displaced if result.displaced is not None else pd.DataFrame(columns=CELL_KEY)
    con.register("displaced", gone[CELL_KEY])
    for replaced in ("incoming", "displaced"):
        run(statement("ingest/delete_replaced_cells").format(cells=replaced))
    run("insert into fact_trade_monthly by name select * from incoming")
    con.unregister("displaced")
    con.unregister("incoming")
    demo_left = run("select count(*) from fact_trade_monthly where import_id = 0")[0][0]
    dataset = run("select value from app_setting where key = 'dataset'")[0][0]
    if not (dataset == "demo" and demo_left):
        run("update app_setting set value = 'imported' where key = 'dataset'")
    return failed_months


def write_targets(con: duckdb.DuckDBPyConnection, result: TargetsPlan, import_id: int) -> None:
    if result.dropped_targets is not None and len(result.dropped_targets):
        con.executemany("delete from fact_target where year = ? and region_code = ? and sector_code = ? and measure = ?",
                        result.dropped_targets[TARGET_KEY].values.tolist())
    if result.targets is not None and len(result.targets):
        targets = result.targets
        con.register("incoming_targets", pa.table({
            **{c: targets[c].tolist() for c in TARGET_KEY},
            "target": pa.array([Decimal(v).quantize(STORED) for v in targets.target], pa.decimal128(18, 6))}))
        con.execute(statement("ingest/write_targets"), [import_id]).fetchall()
        con.unregister("incoming_targets")


def write_regions(con: duckdb.DuckDBPyConnection, regions: pd.DataFrame) -> None:
    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()

    order = run("select coalesce(max(sort_order), 0) from dim_region")[0][0]
    for r in regions.itertuples():
        if run("select count(*) from dim_region where region_code = ?", [r.region_code])[0][0]:
            run(statement("ingest/rename_region"), [r.region_name, r.short_name, r.level, r.parent_code, r.region_code])
        else:
            order += 1
            run(statement("ingest/add_region"), [r.region_code, r.region_name, r.short_name, r.level, r.parent_code, order])
    # The city and province every region rolls up to, as the build derives them.
    run(statement("ingest/region_city_and_province"))


def write_indicators(con: duckdb.DuckDBPyConnection, indicators: pd.DataFrame) -> None:
    con.register("incoming_indicators", indicators)
    con.execute(statement("ingest/write_indicators")).fetchall()
    con.unregister("incoming_indicators")
