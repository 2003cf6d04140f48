"""benchmarks/server_memory.py runs once on a tiny generated database and prints each warm-up step and what
holds the memory (figures printed, never asserted)."""

import subprocess
import sys

from tradestats import config
from tradestats.demo import generate


def test_server_memory_benchmark_smoke(tmp_path):
    path = tmp_path / "db" / "tradestats.duckdb"
    path.parent.mkdir()
    generate.generate(path, 2000, 2023, 2024)
    r = subprocess.run([sys.executable, str(config.ROOT / "benchmarks" / "server_memory.py"), "--db", str(path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for line in ("import pandas", "database opened", "the warm-up run of the overview", "resident MB by mapping",
                 "glibc arenas", "CPython's object allocator", "DuckDB (duckdb_memory, MB)"):
        assert line in r.stdout
