"""What an import does with a project list's optional fields beyond project_file's checks: whether a stored
project changed in them, and the failed and stopped trades (流标/终止), which are kept apart from the
completed ones (fact_tender_failed), each 项目编号 replaced by the latest file that brings it."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from tradestats.ingest import project_fields
from tradestats.store.statements import statement

# A stored project is the same as the file's only when its optional fields are too (in changed_projects).
SAME_PROJECT = " and ".join(f"p.{c} is not distinct from i.{c}" for c, _ in project_fields.PROJECT_COLUMNS)
FAILED_COLUMNS = ("project_name", "sector_code", "region_code", "failed_date", "outcome", "reference_wan", "method",
                  "eval_method", "bidders", "announce_date", "accept_date", "open_date", "stop_date", "agency",
                  "funding", "industry", "is_key_industry")
SAME_FAILED = " and ".join(f"p.{c} is not distinct from i.{c}" for c in FAILED_COLUMNS)  # in changed_failed


def changed_failed(con: duckdb.DuckDBPyConnection, failed: pa.Table) -> int:
    con.register("incoming_failed", failed)
    same = con.execute(statement("ingest/count_same_failed").format(same=SAME_FAILED)).fetchall()[0][0]
    con.unregister("incoming_failed")
    return len(failed) - same


def write_failed(con: duckdb.DuckDBPyConnection, failed: pa.Table | None, import_id: int) -> set[tuple[int, int]]:
    """Store the failed trades, replacing those of the same 项目编号; the months those replaced were in."""
    if failed is None or not len(failed):
        return set()
    con.register("incoming_failed", failed)
    before = {(int(y), int(m)) for y, m in con.execute(statement("ingest/failed_months_replaced")).fetchall()}
    con.execute("delete from fact_tender_failed where project_id in (select project_id from incoming_failed)").fetchall()
    con.execute("insert into fact_tender_failed by name select *, ? as import_id from incoming_failed",
                [import_id]).fetchall()  # each fetched: DuckDB wants a result finished first
    con.unregister("incoming_failed")
    return before


def failed_months(failed: pa.Table | None) -> set[tuple[int, int]]:
    """The months of the failed trades, whose stored sums (derive_market) the import rewrites too."""
    if failed is None or not len(failed):
        return set()
    return {(d.year, d.month) for d in failed.column("failed_date").to_pylist()}
