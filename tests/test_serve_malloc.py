"""serve.tune_malloc: glibc's mallopt before the server's threads start (two arenas, a fixed mmap threshold).
Harmless: a process that called it allocates and frees large and small blocks from many threads as before,
and it leaves malloc alone where the environment sets malloc's options or the C library is not glibc."""

import os
import platform
import subprocess
import sys

import pytest

from tradestats.ui import serve

GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"

# Threads allocating blocks over and under the threshold (frames, numpy arrays, DuckDB results), freeing
# them, and the numbers still right.
WORK = """
import threading
import duckdb, numpy as np, pandas as pd
from tradestats.ui import serve
print(serve.tune_malloc())
sums = []
def work(i):
    for n in (10, 1_000, 100_000, 3_000_000):
        a = np.arange(n, dtype="int64") + i
        f = pd.DataFrame({"a": a, "b": a.astype(str) if n <= 100_000 else a})
        sums.append(int(f.a.sum()) == n * (n - 1) // 2 + i * n)
        del a, f
    con = duckdb.connect()
    sums.append(con.execute("select sum(range) from range(2000000)").fetchone()[0] == 2_000_000 * 1_999_999 // 2)
    con.close()
threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(len(sums), all(sums))
"""


def run(env: dict[str, str]) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in serve.MALLOC_ENV}
    done = subprocess.run([sys.executable, "-c", WORK], env={**clean, **env}, capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.split()


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_tune_malloc_sets_the_options_and_the_process_works_as_before():
    assert run({}) == ["True", "40", "True"]


def test_the_environments_malloc_options_win():
    assert run({"MALLOC_ARENA_MAX": "4"}) == ["False", "40", "True"]


def test_the_server_tunes_malloc_before_it_warms_up(monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # main() sets it
    monkeypatch.setattr(serve, "tune_malloc", lambda: calls.append("tune"))
    monkeypatch.setattr(serve, "warm", lambda: calls.append("warm"))
    monkeypatch.setattr(serve.gc, "freeze", lambda: None)
    monkeypatch.setattr(serve, "streamlit_command", lambda: lambda: 0)
    with pytest.raises(SystemExit):
        serve.main(["--version"])
    assert calls == ["tune", "warm"]


def test_glibcs_tunables_win_too():
    assert run({"GLIBC_TUNABLES": "glibc.malloc.arena_max=4"}) == ["False", "40", "True"]


def test_tradestats_serve_starts_the_server_in_a_process_of_its_own(tmp_path, monkeypatch):
    """`tradestats serve` replaces itself with `python -m tradestats.ui.serve` (as scripts/run.sh starts it): the
    server then sets malloc up before any thread — the command line had opened DuckDB (its threads made their
    arenas) and imported the import's modules before it got to the command."""
    from tradestats import cli, config

    started = []

    class Started(Exception):
        pass

    def execv(program, argv):
        started.append(argv)
        raise Started

    monkeypatch.setattr(os, "execv", execv)
    monkeypatch.setattr(serve, "main", lambda *a: started.append("in this process") or (_ for _ in ()).throw(Started))
    monkeypatch.delenv(config.DB_ENV, raising=False)
    db = tmp_path / "tradestats.duckdb"
    with pytest.raises(Started):
        cli.main(["--db", str(db), "serve", "--server.port", "8599"])
    assert started == [[sys.executable, "-m", "tradestats.ui.serve", "--server.port", "8599"]]
    assert os.environ[config.DB_ENV] == str(db)
    monkeypatch.delenv(config.DB_ENV)
