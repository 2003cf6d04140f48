"""The one use of DuckDB for what it does beside its documented purpose, with its test
(tests/test_duckdb_compat.py), which fails when a DuckDB version stops doing it.

DuckDB keeps the memory of the blocks a finished query used (its hash tables, sorts, the blocks of the tables it
read) allocated for its next queries, up to its memory limit; its allocator hands them back to the system only
when a setting asks it to flush (`allocator_bulk_deallocation_flush_threshold`, 512 MiB by default: at 1 MiB it
flushes after every large free, −15 MB and ~20 % more CPU for the pages' queries) or when the memory limit is set:
`BufferPool::SetLimit` evicts down to the limit and then flushes the allocator. Setting the limit to the value
it has is therefore a flush and nothing else (no setting changes): 2–4 ms, −17–26 MB of the server's resident
memory after a market page's queries at 10 M projects. Setting it to almost nothing first also evicts the
blocks of the stored tables that queries read and DuckDB keeps cached (the project table's, the market tables'):
−10–15 MB more at the peak of the tour (benchmarks/README.md: the server's memory) — but a query starting in
that moment would find no memory at all, so that is done only when no work reading the database runs
(`reading`), and every change of the limit takes its turn."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import duckdb

_turn = threading.Lock()  # one change of the memory limit at a time; no reading starts during one
_reading = [0]  # works inside `reading` now


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Around work that queries the process's database (a script run, a route drawing an image): while any
    runs, `hand_back_memory` does not evict."""
    with _turn:
        _reading[0] += 1
    try:
        yield
    finally:
        with _turn:
            _reading[0] -= 1


def hand_back_memory(con: duckdb.DuckDBPyConnection, evict: bool = False) -> bool:
    """Give the memory DuckDB keeps from finished queries back to the system (on a cursor of its own: the
    connection may be running other sessions' queries). With `evict`, the stored tables' cached blocks too, and
    then only when no work is `reading` (else nothing: False)."""
    with _turn:
        if evict and _reading[0]:
            return False
        cursor = con.cursor()
        limit = cursor.execute("select current_setting('memory_limit')").fetchone()[0]
        try:
            if evict:
                with contextlib.suppress(duckdb.OutOfMemoryException):  # a block still pinned: the others evicted
                    cursor.execute("set memory_limit = '1MB'")
        finally:
            cursor.execute(f"set memory_limit = '{limit}'")
        return True
