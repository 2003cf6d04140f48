"""How a file travels through the import's modules: the stops it makes, and how often it comes back to a module
it had already left (issue 27: "a statistics file makes 29 stops in 9 modules, 20 of them returns").

    .venv/bin/python benchmarks/import_stops.py [FILE ...] [--sequence]

Imports each FILE (by default tests/import_corpus/good/utf8.csv, a typical statistics file, and
project_list_market_gbk.csv beside it, a project list with failed trades) into a fresh copy of the fixture
database — plan and apply, what `tradestats import FILE --yes` does — with a profile function on every call,
and follows which module of tradestats.ingest the work is in: a call into another module's function is a
stop there, and its return a stop back in the module that called it (calls through other packages — the
store, pandas — are looked through). Consecutive calls within one module are one stop. Each call from one
function to another is followed the first time only, with all it calls in turn: the path of the file through
the code, not once per row. Prints the stops, the distinct modules, the returns (stops to a module already
left: stops − modules), the visits per module and, with --sequence, the stops in order. No timings.

Measured on a statistics file (utf8.csv): before the pipeline (610baa0), 55 stops in 10 modules, 45 returns
(importer 21, stats_file 12, headers 7, sources 4, unsplit 4, value_words 3, region_file, indicator_file,
target_file and market_import 1 each); the numbers after it are in docs/architecture.md. rules and table, which
every stage uses, and plans, what the plan stage hands on, are looked through like the store."""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from tradestats import config
from tradestats.deploy import deployment
from tradestats.documents import auto

ROOT = config.ROOT
FIXTURE_DATA = ROOT / "tests" / "fixture_data"
DEFAULT_FILE = ROOT / "tests" / "import_corpus" / "good" / "utf8.csv"
PROJECT_FILE = ROOT / "tests" / "import_corpus" / "good" / "project_list_market_gbk.csv"
TODAY = dt.date(2025, 6, 30)  # the date the import corpus is checked on
PACKAGE = "tradestats.ingest."
# What every stage uses, as it uses the store or pandas: the rules for what a cell says, a problem and its place
# (table, which holds the rows' Parsed too), and what the plan stage hands on (plans: a Plan, read by importer
# and the write stage, and how cells are handed to DuckDB).
SHARED = {"rules", "table", "plans"}


class Stops:
    """A profile function that keeps the modules of tradestats.ingest the work passes through, in order."""

    def __init__(self):
        self.stack: list[tuple[str | None, object, bool]] = []  # per frame: its ingest module, code, muted
        self.seen: set[tuple] = set()  # (caller's code, its line, callee's code): the calls already followed
        self.sequence: list[str] = []

    def stop(self, module: str | None) -> None:
        if module and (not self.sequence or self.sequence[-1] != module):
            self.sequence.append(module)

    def caller(self) -> tuple[str | None, object]:
        return next(((m, code) for m, code, _ in reversed(self.stack) if m), (None, None))

    def __call__(self, frame, event: str, arg) -> None:
        if event == "call":
            name = frame.f_globals.get("__name__", "")
            module = name.removeprefix(PACKAGE) if name.startswith(PACKAGE) else None
            if module in SHARED:
                module = None
            muted = bool(self.stack) and self.stack[-1][2]
            if module and not muted:
                back = frame.f_back
                edge = (back.f_code, back.f_lineno, frame.f_code) if back else (None, 0, frame.f_code)
                muted = edge in self.seen
                self.seen.add(edge)
                if not muted:
                    self.stop(module)
            self.stack.append((module, frame.f_code, muted))
        elif event == "return" and self.stack:
            module, _, muted = self.stack.pop()
            if module and not muted:
                self.stop(self.caller()[0])


def trace(file: Path, folder: Path) -> list[str]:
    """The stops of importing file into a fresh copy of the fixture database in folder, in order."""
    from tradestats.ingest import importer  # after the build: only the import is traced

    path = folder / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    os.environ[auto.ENV] = "0"  # the import alone, without the documents made after it
    stops = Stops()
    sys.setprofile(stops)
    try:
        result = importer.plan(path, file.name, file.read_bytes(), today=TODAY)
        importer.apply(path, result, confirmed=True)
    finally:
        sys.setprofile(None)
    return stops.sequence


def summary(sequence: list[str]) -> dict:
    visits = collections.Counter(sequence)
    return {"stops": len(sequence), "modules": len(visits), "returns": len(sequence) - len(visits),
            "visits": dict(visits.most_common())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="*", type=Path, default=[DEFAULT_FILE, PROJECT_FILE])
    parser.add_argument("--sequence", action="store_true", help="print the stops in order")
    args = parser.parse_args()
    for file in args.file:
        with tempfile.TemporaryDirectory() as folder:
            sequence = trace(file, Path(folder))
        s = summary(sequence)
        print(f"{file.name}: {s['stops']} stops in {s['modules']} modules, {s['returns']} returns to a module "
              "already left")
        print("visits: " + ", ".join(f"{m} {n}" for m, n in s["visits"].items()))
        if args.sequence:
            print(" → ".join(sequence))


if __name__ == "__main__":
    main()
