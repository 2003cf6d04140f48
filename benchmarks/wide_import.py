"""How long a wide statistics table takes to import against a long table of the same cells.

    .venv/bin/python benchmarks/wide_import.py [--rows 10000] [--runs 3]

Writes, into a temporary folder, a wide table of ROWS rows as bulletins lay them out — a row per month ×
region × trade type with 本月 and 本年累计 side by side (月份 | 地区 | 交易类型 | 本月项目数 | 本月交易额 |
本年累计项目数 | 本年累计交易额) — and a long table of the same cells, one figure a row with its period in the row
(2024-03 for the month's, 2024年1-3月 for the 累计). Both are imported (plan and apply, what `tradestats import
FILE --yes` does) in turns into fresh copies of the demo database; prints min / median / max of each and the
ratio wide / long of the medians (issue 25's target: ≤ ×1.5)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tradestats.deploy import deployment
from tradestats.documents import auto
from tradestats.ingest import importer
from tradestats.store import db

os.environ[auto.ENV] = "0"  # the import alone


def combinations(demo: Path) -> list[tuple[str, str]]:
    con = db.connect(demo)
    try:
        return con.execute("""select r.region_name, t.trade_type_name
                              from reporting_region u join dim_region r using (region_code), dim_trade_type t
                              where u.home_unit and t.trade_type_code <> t.sector_code  -- types, not sectors
                              order by r.sort_order, t.sort_order""").fetchall()
    finally:
        con.close()


def write_tables(folder: Path, demo: Path, rows: int, seed: int) -> tuple[Path, Path]:
    """The wide table and the long one, of the months from 2015 on (before the demo's years)."""
    pairs, rng = combinations(demo), random.Random(seed)
    wide = ["月份,地区,交易类型,本月项目数,本月交易额,本年累计项目数,本年累计交易额"]
    long = ["期间,地区,交易类型,项目数,交易额"]
    for i in range(rows):
        year, month = 2015 + i // (12 * len(pairs)), 1 + (i // len(pairs)) % 12
        region, kind = pairs[i % len(pairs)]
        n, amount = rng.randint(1, 9), rng.randint(10, 5000)
        ytd_n, ytd_amount = n * month, amount * month
        wide.append(f"{year}-{month:02d},{region},{kind},{n},{amount},{ytd_n},{ytd_amount}")
        long.append(f"{year}-{month:02d},{region},{kind},{n},{amount}")
        if month > 1:  # January's 累计 is the month itself
            long.append(f"{year}年1-{month}月,{region},{kind},{ytd_n},{ytd_amount}")
    (folder / "wide.csv").write_text("\n".join(wide) + "\n", encoding="utf-8")
    (folder / "long.csv").write_text("\n".join(long) + "\n", encoding="utf-8")
    return folder / "wide.csv", folder / "long.csv"


def import_file(file: Path, demo: Path, folder: Path) -> float:
    copy = folder / "import"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    path = copy / demo.name
    shutil.copyfile(os.path.realpath(demo), path)
    start = time.perf_counter()
    plan = importer.plan(path, file.name, file.read_bytes(), today=dt.date(2026, 1, 1), kind="stats")
    if plan.errors:
        raise SystemExit("\n".join(str(p) for p in plan.errors[:10]))
    importer.apply(path, plan, confirmed=True, by="benchmark")
    return time.perf_counter() - start


def stats(seconds: list[float]) -> str:
    return f"{min(seconds):8.2f} {statistics.median(seconds):8.2f} {max(seconds):8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = folder / "demo" / "t.duckdb"
        deployment.build(demo)
        wide, long = write_tables(folder, demo, a.rows, a.seed)
        cells = sum(1 for _ in open(long, encoding="utf-8")) - 1
        print(f"a wide table of {a.rows:,} rows (本月 and 本年累计) against a long one of the same {cells:,} cells; "
              f"{a.runs} runs")
        times: dict[str, list[float]] = {"wide": [], "long": []}
        for _ in range(a.runs):
            times["wide"].append(import_file(wide, demo, folder))
            times["long"].append(import_file(long, demo, folder))
        print(f"\n{'':<12} {'min':>8} {'median':>8} {'max':>8}  (s)")
        for name, seconds in times.items():
            print(f"{name:<12} {stats(seconds)}")
        print(f"\nwide / long ×{statistics.median(times['wide']) / statistics.median(times['long']):.2f} (medians)")


if __name__ == "__main__":
    main()
