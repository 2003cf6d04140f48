"""The one use of DuckDB beside its documented purpose (tradestats.store.duckdb_compat): setting the memory limit
to the value it has hands the memory of finished queries back to the system. Fails when a DuckDB version stops
doing so (then the server's memory after the market pages grows again: benchmarks/README.md)."""

import subprocess
import sys

PROBE = """
import duckdb
from tradestats.store import duckdb_compat

def anon_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("RssAnon"))

con = duckdb.connect(config={"memory_limit": "256MB", "threads": "2"})
con.execute("select count(*) from (select i % 500000 as k, sum(i) from range(5000000) t(i) group by k)").fetchall()
kept = anon_mb()
duckdb_compat.hand_back_memory(con)
print(kept, anon_mb(), con.execute("select current_setting('memory_limit')").fetchone()[0])
"""


def test_setting_the_memory_limit_again_hands_back_what_finished_queries_kept():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    kept, after, limit = int(out[0]), int(out[1]), " ".join(out[2:])
    assert kept - after >= 10, f"DuckDB kept {kept} MB, {after} MB after the hand-back: it no longer flushes"
    assert limit == "244.0 MiB"  # the limit itself unchanged (256 MB)


EVICT = """
import duckdb, sys
from tradestats.store import duckdb_compat

con = duckdb.connect(sys.argv[1], read_only=True, config={"memory_limit": "256MB"})

def cached_mb():
    return con.execute("select coalesce(sum(memory_usage_bytes), 0)::bigint // 1048576 from duckdb_memory() "
                       "where tag = 'BASE_TABLE'").fetchone()[0]

con.execute("select sum(a), sum(b), max(c) from t").fetchall()
read = cached_mb()
with duckdb_compat.reading():  # another run reading: nothing evicted, nothing changed
    refused = duckdb_compat.hand_back_memory(con, evict=True)
kept = cached_mb()
duckdb_compat.hand_back_memory(con)  # a flush only: the blocks stay
flushed = cached_mb()
done = duckdb_compat.hand_back_memory(con, evict=True)
print(read, refused, kept, flushed, done, cached_mb(), con.execute("select current_setting('memory_limit')").fetchone()[0])
"""


def test_evicting_drops_the_cached_blocks_of_stored_tables_only_when_nothing_reads(tmp_path):
    import duckdb

    path = tmp_path / "t.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select i as a, i * 7 as b, md5(i::varchar) as c from range(3000000) r(i)")
    out = subprocess.run([sys.executable, "-c", EVICT, str(path)], capture_output=True, text=True,
                         check=True).stdout.split()
    read, refused, kept, flushed, done, after, limit = int(out[0]), out[1], int(out[2]), int(out[3]), out[4], \
        int(out[5]), " ".join(out[6:])
    assert read >= 20, f"the scan cached {read} MB of the table's blocks"
    assert (refused, kept, flushed) == ("False", read, read)
    assert (done, after) == ("True", 0), f"DuckDB kept {after} of {read} MB of cached blocks: it no longer evicts"
    assert limit == "244.0 MiB"


def test_the_server_hands_memory_back_once_it_has_grown_and_evicts_after_a_run_that_queried(monkeypatch):
    from tradestats.ui import web

    resident, handed = iter([300.0, 300.0, 305.0, 309.0, 301.0, 302.0, 290.0]), []
    monkeypatch.setattr(web, "_resident_mb", lambda: next(resident))
    monkeypatch.setattr(web.duckdb_compat, "hand_back_memory",
                        lambda con, evict=False: handed.append((con, evict)) or True)
    monkeypatch.setitem(web._opened, "connection", "connection")
    monkeypatch.setitem(web._resident_after, "mb", 0.0)
    monkeypatch.setitem(web._resident_after, "queried", False)
    web._hand_back_memory(evict=False)  # after a query: 300 MB, grown from nothing: handed back, 300 after
    web._hand_back_memory(evict=False)  # 305: 5 MB more, kept
    web._hand_back_memory(evict=True)  # after a run that ran no query: nothing
    web._hand_back_memory(evict=False)  # 309: 9 MB more, handed back (301 after)
    assert handed == [("connection", False), ("connection", False)]
    web._resident_after["queried"] = True
    web._hand_back_memory(evict=True)  # after a run that queried: evicted, whatever the growth (290 after)
    assert handed[-1] == ("connection", True)
    assert web._resident_after == {"mb": 290.0, "queried": False}


def test_a_run_reads_until_it_ends_and_hands_back_after(monkeypatch):
    from tradestats.ui import web

    seen = []
    monkeypatch.setitem(web._opened, "connection", "connection")
    monkeypatch.setitem(web._resident_after, "queried", True)
    monkeypatch.setattr(web.duckdb_compat, "hand_back_memory",
                        lambda con, evict=False: seen.append(("hand back", evict, web.duckdb_compat._reading[0])))
    with web.serving():
        with web.serving():  # the page's fragment inside app.py's run
            seen.append(("reading", web.duckdb_compat._reading[0]))
    assert seen == [("reading", 2), ("hand back", True, 1), ("hand back", True, 0)]


def test_no_query_of_a_reading_work_fails_while_another_thread_hands_memory_back(tmp_path):
    """Evicting sets the limit to 1 MB for a moment: a query starting then would fail for want of memory. Works
    inside `reading` never meet that moment (with the gate left out, this fails within a few evictions)."""
    import threading
    import time

    import duckdb

    from tradestats.store import duckdb_compat

    path = tmp_path / "t.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select i, i % 5000 as k from range(400000) r(i)")
    con = duckdb.connect(str(path), read_only=True, config={"memory_limit": "256MB"})
    failures, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            with duckdb_compat.reading():
                try:
                    con.cursor().execute("select k, sum(i), count(*) from t group by k").fetchall()
                except duckdb.Error as e:
                    failures.append(e)
            time.sleep(0.001)  # between two clicks: a moment with no reader

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    evicted = 0
    try:
        for _ in range(300):
            evicted += duckdb_compat.hand_back_memory(con, evict=True)
            time.sleep(0.0005)
        deadline = time.monotonic() + 30  # on a loaded machine the readers may overlap through all 300
        while not evicted and time.monotonic() < deadline:
            evicted += duckdb_compat.hand_back_memory(con, evict=True)
            time.sleep(0.0005)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert failures == []
    assert evicted > 0  # some evictions found no reader and ran
    assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "244.0 MiB"
