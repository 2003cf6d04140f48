"""How long importing a large project list takes, against DuckDB reading the same file into a table.

    .venv/bin/python benchmarks/import.py [--rows 1000000] [--runs 3] [--monthly 20000] [--large 10000000 | --large-db PATH]

Writes a project list of N synthetic trades (tradestats generate, written out with the headers of the
import template: regions and sectors by name, amounts in 万元, dates in the demo years) into a temporary
folder, then times, in turns in the same process: (1) DuckDB's own `create table t as select * from
read_csv(file)` into a fresh database file, and (2) our whole import of the file, checks included (plan and
apply, what `tradestats import FILE --kind projects --yes` does) into a fresh copy of the demo database.
Prints min / median / max of each, and the ratio ours / read_csv of the medians.

Then a monthly refresh at scale (--monthly ROWS, 0 to skip): a list of ROWS trades of the month after the
data, imported in turns into a copy of the demo database and into a copy of a database of --large N
generated projects (or --large-db PATH): the ratio large / demo says how much a refresh's time grows with
the database it goes into (the checks and the writes should not read the projects of untouched months)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from tradestats.demo import generate
from tradestats.deploy import deployment
from tradestats.documents import auto, templates
from tradestats.ingest import importer
from tradestats.store import db

os.environ[auto.ENV] = "0"  # the import alone: not the month's reports, which a process of their own would write


def write_project_list(folder: Path, rows: int, seed: int) -> Path:
    """A project list as a clerk would export it from the template: names, not codes; 万元; 是/否."""
    store = folder / "generated" / "t.duckdb"
    store.parent.mkdir()
    generate.generate(store, rows, 2023, 2024, seed=seed)
    headers = templates.headers("projects")  # field → the template's header
    out = folder / "projects.csv"
    con = db.connect(store)
    con.execute(f"""
        copy (
            select p.project_id as "{headers['project_id']}", p.project_name as "{headers['project_name']}",
                   s.sector_name as "{headers['sector']}", r.region_name as "{headers['region']}",
                   p.deal_date as "{headers['deal_date']}",
                   (p.amount_wan + p.savings_wan - p.premium_wan)::decimal(18, 2) as "{headers['reference']}",
                   p.amount_wan::decimal(18, 2) as "{headers['amount']}",
                   p.method as "{headers['method']}",
                   case when p.is_key_industry then '是' else '否' end as "{headers['is_key']}"
            from fact_project p join dim_sector s using (sector_code) join dim_region r using (region_code)
            order by p.project_id
        ) to '{out}' (header true)""")
    con.close()
    shutil.rmtree(store.parent)
    return out


def read_csv_into_table(file: Path, folder: Path) -> None:
    target = folder / "read_csv.duckdb"
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    con.execute("create table t as select * from read_csv(?)", [str(file)])
    con.close()


def import_file(file: Path, demo: Path, folder: Path, today: dt.date = dt.date(2025, 6, 30)) -> tuple[float, float]:
    """Seconds to plan and to apply the import into a fresh copy of a database (its current version only)."""
    copy = folder / "import"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    path = copy / demo.name
    shutil.copyfile(os.path.realpath(demo), path)
    start = time.perf_counter()
    plan = importer.plan(path, file.name, file.read_bytes(), today=today, kind="projects")
    planned = time.perf_counter()
    if plan.errors:
        raise SystemExit("\n".join(str(p) for p in plan.errors[:10]))
    importer.apply(path, plan, confirmed=True, by="benchmark")
    return planned - start, time.perf_counter() - planned


def write_monthly_list(large: Path, folder: Path, rows: int) -> tuple[Path, int, dt.date]:
    """Up to rows trades of the month after large's last, as a clerk's list: its last month's, a month later,
    under new numbers. With how many it has and its last day."""
    headers = templates.headers("projects")  # field → the template's header
    out = folder / "monthly.csv"
    con = db.connect(large)
    last = con.execute("select max(deal_date) from fact_project").fetchall()[0][0]
    written = con.execute(f"""
        copy (
            select 'M' || p.project_id as "{headers['project_id']}", p.project_name as "{headers['project_name']}",
                   s.sector_name as "{headers['sector']}", r.region_name as "{headers['region']}",
                   (p.deal_date + interval 1 month)::date as "{headers['deal_date']}",
                   (p.amount_wan + p.savings_wan - p.premium_wan)::decimal(18, 2) as "{headers['reference']}",
                   p.amount_wan::decimal(18, 2) as "{headers['amount']}",
                   p.method as "{headers['method']}",
                   case when p.is_key_industry then '是' else '否' end as "{headers['is_key']}"
            from fact_project p join dim_sector s using (sector_code) join dim_region r using (region_code)
            where p.deal_date >= date_trunc('month', date '{last}')
            order by p.project_id limit {rows}
        ) to '{out}' (header true)""").fetchall()[0][0]
    con.close()
    month = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return out, written, dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)


def monthly(a, folder: Path, demo: Path) -> None:
    if a.large_db:
        large = Path(a.large_db)
    else:
        large = folder / "large" / "t.duckdb"
        large.parent.mkdir()
        generate.generate(large, a.large, 2023, 2024, seed=a.seed)
    file, rows, today = write_monthly_list(large, folder, a.monthly)
    size = db.connect(large)
    projects = size.execute("select count(*) from fact_project").fetchall()[0][0]
    size.close()
    print(f"\nmonthly refresh: {rows:,} rows of {today:%Y-%m} into the demo database and into one of {projects:,}"
          f" projects; {a.runs} runs")
    small, big = [], []
    for _ in range(a.runs):
        small.append(sum(import_file(file, demo, folder, today)))
        big.append(sum(import_file(file, large, folder, today)))
    print(f"\n{'':<28} {'min':>8} {'median':>8} {'max':>8}  (s)")
    print(f"{'into the demo database':<28} {stats(small)}")
    print(f"{'into the large database':<28} {stats(big)}")
    print(f"\nlarge / demo ×{statistics.median(big) / statistics.median(small):.2f} (medians)")


def stats(seconds: list[float]) -> str:
    return f"{min(seconds):8.2f} {statistics.median(seconds):8.2f} {max(seconds):8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--monthly", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--large-db")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        file = write_project_list(folder, a.rows, a.seed)
        demo = folder / "demo" / "t.duckdb"
        demo.parent.mkdir()
        deployment.build(demo)
        print(f"project list: {a.rows:,} rows, {os.path.getsize(file) / 1e6:.1f} MB; {a.runs} runs")
        baseline, plans, applies = [], [], []
        for _ in range(a.runs):  # in turns, so that a busy moment of the machine falls on both
            start = time.perf_counter()
            read_csv_into_table(file, folder)
            baseline.append(time.perf_counter() - start)
            planned, applied = import_file(file, demo, folder)
            plans.append(planned)
            applies.append(applied)
        ours = [p + q for p, q in zip(plans, applies)]
        print(f"\n{'':<28} {'min':>8} {'median':>8} {'max':>8}  (s)")
        print(f"{'DuckDB read_csv into table':<28} {stats(baseline)}")
        print(f"{'import: check (plan)':<28} {stats(plans)}")
        print(f"{'import: write (apply)':<28} {stats(applies)}")
        print(f"{'import: whole':<28} {stats(ours)}")
        print(f"\nimport / read_csv ×{statistics.median(ours) / statistics.median(baseline):.2f} (medians)")
        if a.monthly:
            monthly(a, folder, demo)


if __name__ == "__main__":
    main()
