"""The one use of DuckDB for what it does beside its documented purpose, with its test
(tests/test_duckdb_compat.py), which fails when a DuckDB version stops doing it.

DuckDB keeps the memory of the blocks a finished query used (its hash tables, sorts, the blocks of the tables it
read) allocated for its next queries, up to its memory limit; its allocator hands them back to the system only
when a setting asks it to flush (`allocator_bulk_deallocation_flush_threshold`, 512 MiB by default: at 1 MiB it
flushes after every large free, −15 MB and ~20 % more CPU for the pages' queries) or when the memory limit is set:
`BufferPool::SetLimit` evicts down to the limit and then flushes the allocator. Setting the limit to the value
it has is therefore a flush and nothing else (no setting changes): 2–4 ms, −17–26 MB of the server's resident
memory after a market page's queries at 10 M projects (benchmarks/README.md: the server's memory)."""

from __future__ import annotations

import duckdb


def hand_back_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Give the memory DuckDB keeps from finished queries back to the system (on a cursor of its own: the
    connection may be running other sessions' queries)."""
    con.cursor().execute("set memory_limit = current_setting('memory_limit')")
