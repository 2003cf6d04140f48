"""Where the server's memory goes before its first visitor: the steps of `tradestats serve`'s warm-up
(tradestats.ui.serve.warm) one by one in this process, with the resident set after each, then what holds it.

    .venv/bin/python benchmarks/server_memory.py --db /tmp/bench/p10m/tradestats.duckdb

Per step: RSS, and its anonymous (the heaps) and file-backed (the libraries' code and data) parts, from
/proc/self/status. At the end: the resident MB per mapped library (smaps), glibc's arenas (mallinfo2:
in use, free), CPython's object allocator (its arenas), DuckDB's own accounting (duckdb_memory()), and what
malloc_trim(0) gives back. The page tour's growth on top of this is browser.py's (e)."""

from __future__ import annotations

import argparse
import collections
import ctypes
import os
import re
import sys
import tempfile
from pathlib import Path

FIELDS = ("VmRSS", "RssAnon", "RssFile")


def status() -> dict[str, int]:
    """MB of FIELDS from /proc/self/status."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in FIELDS:
            out[name] = int(value.split()[0]) // 1024
    return out


class Steps:
    def __init__(self) -> None:
        self.last = status()
        print(f"{'step':44} {'RSS':>9} {'anon':>9} {'file':>9}   (MB, + since the step before)")
        self.show("python started", self.last)

    def show(self, name: str, now: dict[str, int]) -> None:
        cells = [f"{now[f]:4} {now[f] - self.last[f]:+4}" for f in FIELDS]
        print(f"{name:44} " + " ".join(f"{c:>9}" for c in cells))
        self.last = now

    def __call__(self, name: str) -> None:
        self.show(name, status())


def by_mapping(top: int = 12) -> list[tuple[str, int]]:
    """Resident MB per mapped file (anonymous memory and the heap under their own names)."""
    sizes: collections.Counter = collections.Counter()
    name = "?"
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if re.fullmatch(r"[0-9a-f]+-[0-9a-f]+", head[0]):
            name = Path(head[5]).name if len(head) > 5 else "[anonymous]"
        elif head[0] == "Rss:":
            sizes[name] += int(head[1])
    return [(n, kib // 1024) for n, kib in sizes.most_common(top)]


class Mallinfo2(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                "fsmblks", "uordblks", "fordblks", "keepcost")]


def malloc_report() -> str:
    try:
        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = Mallinfo2
        m = libc.mallinfo2()
    except (OSError, AttributeError):
        return "glibc's mallinfo2: not available"
    return (f"glibc arenas {m.arena >> 20} MB (in use {m.uordblks >> 20}, free {m.fordblks >> 20}), "
            f"mmapped blocks {m.hblkhd >> 20} MB")


def pymalloc_report() -> str:
    """CPython's object allocator, from sys._debugmallocstats (written to stderr, read back)."""
    with tempfile.TemporaryFile("w+") as out:
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read()
    arenas = re.search(r"# arenas allocated current\s*=\s*([\d,]+)", text)
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    if not (arenas and used):
        return "CPython's object allocator: not reported"
    return (f"CPython's object allocator: {arenas.group(1)} arenas of 1 MiB, "
            f"{int(used.group(1).replace(',', '')) >> 20} MB in objects")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the database the server would open (default: the deployment's)")
    a = parser.parse_args()
    if a.db:
        os.environ["TRADESTATS_DB"] = str(a.db)
    step = Steps()
    from tradestats.ui import serve

    serve.tune_malloc()
    for module in ("numpy", "pandas", "pyarrow", "duckdb", "streamlit", "plotly.graph_objects"):
        __import__(module)
        step(f"import {module}")
    serve.streamlit_command()
    step("streamlit's command")
    from tradestats.domain import summary  # noqa: F401
    from tradestats.present import charts, tables  # noqa: F401
    step("tradestats: charts, summary, tables")
    from tradestats.ui import streamlit_compat, web
    step("tradestats.ui.web (and what it imports)")
    from tradestats import config

    if not config.db_path().exists():
        raise SystemExit(f"no database at {config.db_path()}")
    web.ensure_database()
    step("database opened")
    web.context()
    step("its context (regions, settings)")
    streamlit_compat.run_app_once(config.APP)
    step("the warm-up run of the overview")

    print("\nresident MB by mapping:", ", ".join(f"{n} {mb}" for n, mb in by_mapping()))
    print(malloc_report())
    print(pymalloc_report())
    rows = web.query("memory_by_tag")  # on the pages' own connection
    print("DuckDB (duckdb_memory, MB):", ", ".join(f"{r.tag} {r.mb}" for r in rows.itertuples()) or "nothing over 1 MB")
    before = status()["VmRSS"]
    try:
        ctypes.CDLL(None).malloc_trim(0)
        print(f"malloc_trim(0): RSS {before} → {status()['VmRSS']} MB")
    except (OSError, AttributeError):
        pass


if __name__ == "__main__":
    main()
