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


def test_the_server_hands_memory_back_once_it_has_grown(monkeypatch):
    from tradestats.ui import web

    resident, handed = iter([300.0, 300.0, 305.0, 309.0, 301.0]), []
    monkeypatch.setattr(web, "_resident_mb", lambda: next(resident))
    monkeypatch.setattr(web.duckdb_compat, "hand_back_memory", handed.append)
    monkeypatch.setattr(web, "_connection", lambda version: "connection")
    monkeypatch.setattr(web, "version", lambda: "v1")
    monkeypatch.setitem(web._resident_after, "mb", 0.0)
    web._hand_back_memory()  # 300 MB, grown from nothing: handed back, 300 after
    web._hand_back_memory()  # 305: 5 MB more, kept
    web._hand_back_memory()  # 309: 9 MB more, handed back
    assert handed == ["connection", "connection"]
    assert web._resident_after["mb"] == 301.0
