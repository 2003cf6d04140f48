"""Imports: a file checked against the database, shown as a plan (what changes), then applied as a new
database version that replaces the current one in one atomic step — all or nothing. The running app keeps
reading the old version until the pointer moves; an import killed at any moment leaves it untouched."""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import hashlib
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from tradestats import db, metrics, queries, sources, stats_file
from tradestats.stats_file import Problem

CELL_KEY = ["year", "month", "region_code", "sector_code"]
VALUES = ["projects", "amount_wan", "reference_wan", "savings_wan", "premium_wan", "key_projects", "key_amount_wan"]
HISTORY_FACTOR = 10


class Refused(Exception):
    """The import was refused; the problems say why. The database is unchanged."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Plan:
    file_name: str
    sha256: str
    rows_read: int
    cells: pd.DataFrame  # the file's cells, in the fact table's columns
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    months: pd.DataFrame | None = None  # per month touched: the home city's amount before and after

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def describe(self) -> str:
        """What the import would do, in Chinese, for the CLI and the page."""
        lines = [f"{self.file_name}：读取 {self.rows_read} 行；新增 {self.added} 格，修改 {self.changed} 格，"
                 f"不变 {self.unchanged} 格。"]
        for m in (self.months.itertuples() if self.months is not None else []):
            lines.append(f"  {m.year}年{m.month}月 全市交易额：{metrics.money(m.before)} → {metrics.money(m.after)}")
        return "\n".join(lines)


def vocabulary(con: duckdb.DuckDBPyConnection) -> stats_file.Vocabulary:
    settings = dict(con.execute("select key, value from app_setting").fetchall())
    regions = con.execute("select * from dim_region").df()
    sectors = con.execute("select * from dim_sector").df()
    return stats_file.Vocabulary.load(regions, sectors, settings["home_region"])


def to_cells(rows: list[dict], directions: dict[str, str]) -> pd.DataFrame:
    """Parsed rows as fact cells; the reference price and the money measure are completed from each other."""
    out = []
    for r in rows:
        purchase = directions[r["sector_code"]] == "purchase"
        amount, reference = r["amount"], r.get("reference")
        savings, premium = r.get("savings"), r.get("premium")
        if reference is None:
            reference = amount + (savings or 0) if purchase else amount - (premium or 0)
        if purchase and savings is None:
            savings = reference - amount
        if not purchase and premium is None:
            premium = amount - reference
        out.append({"year": r["year"], "month": r["month"], "region_code": r["region_code"],
                    "sector_code": r["sector_code"], "projects": int(r["projects"]), "amount_wan": amount,
                    "reference_wan": reference, "savings_wan": savings if purchase else Decimal(0),
                    "premium_wan": premium if not purchase else Decimal(0),
                    "key_projects": int(r.get("key_projects") or 0), "key_amount_wan": r.get("key_amount") or Decimal(0),
                    "_where": r["_where"]})
    return pd.DataFrame(out, columns=[*CELL_KEY, *VALUES, "_where"])


def plan(path: Path, file_name: str, data: bytes, today: dt.date | None = None) -> Plan:
    """Read and check a file against the current database; nothing is written."""
    today = today or dt.date.today()
    digest = hashlib.sha256(data).hexdigest()
    try:
        sheets = sources.read(file_name, data)
    except sources.SourceError as e:
        return Plan(file_name, digest, 0, pd.DataFrame(), [Problem(file_name, str(e).split("：", 1)[-1])])
    con = db.connect(path)
    try:
        parsed = stats_file.parse(file_name, sheets, vocabulary(con), today)
        result = Plan(file_name, digest, len(parsed.rows), pd.DataFrame(), parsed.problems)
        if parsed.errors:
            return result
        if not parsed.rows:
            result.problems.append(Problem(file_name, "文件中没有数据行。"))
            return result
        directions = dict(con.execute("select sector_code, direction from dim_sector").fetchall())
        result.cells = to_cells(parsed.rows, directions)
        compare(con, result)
    finally:
        con.close()
    return result


def compare(con: duckdb.DuckDBPyConnection, result: Plan) -> None:
    """Count what the import adds and changes, flag amounts far off their history, sum the months."""
    cells = result.cells
    con.register("incoming", cells.drop(columns="_where"))
    old = con.execute(f"""
        select i.year, i.month, i.region_code, i.sector_code,
               {", ".join(f"f.{v} as old_{v}" for v in VALUES)}, f.year is not null as existed
        from incoming i
        left join fact_trade_monthly f using (year, month, region_code, sector_code)""").df()
    merged = cells.merge(old, on=CELL_KEY, how="left")
    same = pd.Series(True, index=merged.index)
    for v in VALUES:
        same &= merged[v].astype(float).round(6) == merged[f"old_{v}"].astype(float).round(6)
    result.added = int((~merged.existed).sum())
    result.unchanged = int((merged.existed & same).sum())
    result.changed = len(merged) - result.added - result.unchanged
    fresh = ~(merged.existed & same).to_numpy()
    history = con.execute("""
        select i.region_code, i.sector_code, avg(f.amount_wan) as usual
        from (select distinct region_code, sector_code, year, month from incoming) i
        join fact_trade_monthly f on f.region_code = i.region_code and f.sector_code = i.sector_code
         and (f.year * 12 + f.month) between (i.year * 12 + i.month - 12) and (i.year * 12 + i.month - 1)
         and f.amount_wan > 0
        group by all""").df()
    usual = {(h.region_code, h.sector_code): float(h.usual) for h in history.itertuples()}
    rows = zip(cells["_where"], cells.region_code, cells.sector_code, cells.amount_wan.astype(float), fresh)
    for where, region, sector, amount, is_fresh in rows:
        base = usual.get((region, sector))
        if is_fresh and base and amount > 0 and not 1 / HISTORY_FACTOR < amount / base < HISTORY_FACTOR:
            hint = "，单位可能填错了（元/万元/亿元）" if not 1e-3 < amount / base < 1e3 else ""
            result.problems.append(Problem(where, f"交易额 {amount:,.2f}万元 与该地区该板块近12个月的月均"
                                                  f"{base:,.2f}万元 相差10倍以上{hint}，请确认。", warning=True))
    home = con.execute("select value from app_setting where key = 'home_region'").fetchone()[0]
    result.months = con.execute("""
        with touched as (select distinct year, month from incoming),
        before as (
            select t.year, t.month, coalesce(sum(c.amount_wan), 0) as before
            from touched t left join fact_cells c on c.year = t.year and c.month = t.month and c.city_code = ?
            group by all),
        kept as (
            select c.year, c.month, sum(c.amount_wan) as kept
            from fact_cells c join touched t using (year, month)
            anti join incoming i using (year, month, region_code, sector_code)
            where c.city_code = ? group by all),
        arriving as (
            select i.year, i.month, sum(i.amount_wan) filter (where r.city_code = ?) as arriving
            from incoming i join dim_region r using (region_code) group by all)
        select b.year, b.month, b.before, coalesce(k.kept, 0) + coalesce(a.arriving, 0) as after
        from before b left join kept k using (year, month) left join arriving a using (year, month)
        order by b.year, b.month""", [home, home, home]).df()
    con.unregister("incoming")


@contextmanager
def import_lock(path: Path):
    """One import at a time for a database: a second waits rather than losing the first's changes."""
    lock = path.with_name(f".{path.name}.import.lock")
    with open(lock, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return str(os.getuid())


def apply(path: Path, result: Plan, confirmed: bool = False, by: str | None = None) -> Path | None:
    """Write the plan as a new version and make it current; the new version file, or None when the file
    changes nothing. Refused (Refused) with errors, or with warnings not confirmed."""
    if result.errors:
        raise Refused(result.errors)
    if result.warnings and not confirmed:
        raise Refused(result.warnings)
    if result.added == result.changed == 0:
        return None
    with import_lock(path):
        for stale in db.versions_dir(path).glob("*.partial"):  # left by an import that was killed
            stale.unlink()
        current = Path(os.path.realpath(path))
        target = db.new_version_file(path)
        partial = target.with_suffix(".partial")
        shutil.copyfile(current, partial)
        con = duckdb.connect(str(partial))
        try:
            write(con, result, by or user())
            con.execute("checkpoint")
        except BaseException:
            con.close()
            partial.unlink(missing_ok=True)
            raise
        con.close()
        os.replace(partial, target)
        db.publish(path, target)
        db.prune(path)
    return target


def write(con: duckdb.DuckDBPyConnection, result: Plan, by: str) -> None:
    cells = result.cells.drop(columns="_where")

    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

    con.begin()
    import_id = run("select coalesce(max(import_id), 0) + 1 from import_log")[0][0]
    con.register("incoming", cells.assign(import_id=import_id))
    run("delete from fact_trade_monthly f using incoming i where f.year = i.year and f.month = i.month "
        "and f.region_code = i.region_code and f.sector_code = i.sector_code")
    run("insert into fact_trade_monthly by name select * from incoming")
    months = ", ".join(sorted({f"{y}-{m:02d}" for y, m in zip(cells.year, cells.month)}))
    run("insert into import_log values (?, ?, ?, 'stats', ?, ?, ?, ?, ?, ?, ?)",
        [import_id, dt.datetime.now(), by, result.file_name, result.sha256, result.rows_read,
         result.added, result.changed, result.unchanged, months])
    demo_left = run("select count(*) from fact_trade_monthly where import_id = 0")[0][0]
    dataset = run("select value from app_setting where key = 'dataset'")[0][0]
    if not (dataset == "demo" and demo_left):
        run("update app_setting set value = 'imported' where key = 'dataset'")
    con.commit()
    con.unregister("incoming")


def history(path: Path) -> pd.DataFrame:
    con = db.connect(path)
    try:
        return queries.run(con, "imports_by_time")
    finally:
        con.close()


def rollback(path: Path, version: str | None = None) -> Path:
    """Make an earlier version current again: the one named, or the one before the current."""
    with import_lock(path):
        files = sorted(db.versions_dir(path).glob("*.duckdb"))
        current = Path(os.path.realpath(path))
        if version:
            matches = [f for f in files if f.stem == version or f.name == version]
            if not matches:
                raise ValueError(f"没有版本“{version}”。可用的版本：{'、'.join(f.stem for f in files)}")
            target = matches[0]
        else:
            earlier = [f for f in files if f < current]
            if not earlier:
                raise ValueError("当前已是保留的最早版本，无法再回退。")
            target = earlier[-1]
        db.publish(path, target)
    return target
