"""Imports: a file checked against the database, shown as a plan (what changes), then applied as a new
database version that replaces the current one in one atomic step — all or nothing. The running app keeps
reading the old version until the pointer moves; an import killed at any moment leaves it untouched.

The orchestrator of the import's stages: it hands the file read (sources) to the header stage (headers, with
the vocabulary), the header to the rows stage of the file's kind, the rows to the plan stage (planning), and,
applied, the plan to the write stage (writing); no stage calls importer or one before it back."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pandas as pd

from tradestats.alerting import alerts
from tradestats.documents import auto, push
from tradestats.domain import periods
from tradestats.ingest import (
    headers,
    indicator_file,
    planning,
    project_file,
    region_file,
    sources,
    stats_file,
    target_file,
    value_words,
)
from tradestats.ingest.plans import (
    CELL_KEY,
    PREFER_SPAN,
    STORED,
    TARGET_KEY,
    UNSPLIT,
    VALUES,
    CellsPlan,
    IndicatorsPlan,
    Plan,
    RegionsPlan,
    TargetsPlan,
)
from tradestats.ingest.table import Problem
from tradestats.ingest.vocabulary import of as vocabulary
from tradestats.ingest.writing import constraint, write
from tradestats.store import db
from tradestats.store.statements import statement

__all__ = [  # what the CLI, 数据管理, the tests and the benchmarks use; the plan's types and write re-exported
    "CELL_KEY", "PREFER_SPAN", "STORED", "TARGET_KEY", "UNSPLIT", "VALUES", "CellsPlan", "IndicatorsPlan", "Plan",
    "Refused", "RegionsPlan", "TargetsPlan", "apply", "check", "constraint", "known_names", "plan",
    "plan_year_targets", "sector_directions", "stored_regions", "user", "vocabulary", "write",
]


class Refused(Exception):
    """The import was refused; the problems say why. The database is unchanged."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def known_names(path: Path):
    """For 数据管理's selects: (field, word) → the known names it may be mapped to, the nearest first."""
    con = db.connect(path)
    try:
        vocab = vocabulary(con)
    finally:
        con.close()
    return lambda field, word: value_words.choices(field, word, vocab)


def plan(path: Path, file_name: str, data: bytes, today: dt.date | None = None, kind: str | None = None,
         mapping: str | dict[str, str] | None = None, period: str | None = None, region: str | None = None,
         values: str | None = None, prefer_span: bool = False) -> Plan:
    """Read and check a file against the current database; nothing is written. The kind (stats or
    projects) is recognised from the headers unless given. mapping places columns by hand (--map's
    "区域=地区,…", or header → field name); without it, the mapping remembered for the file's header row.
    period (--period's "2024年1-9月") is the period of a statistics table without a period column, region
    (--region's name or code) the region of one without a region column (else the home city); values
    (--values' "交易类别:某词=土地使用权,…") maps a file's own words of regions and categories, else those remembered;
    prefer_span (--prefer-span): the file's figures of spans answer for their periods though the stored months,
    all there, add up to something else (else the months do)."""
    with ThreadPoolExecutor(1) as pool:  # hashed beside the checks: hashlib lets go of the GIL
        digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        result = check(path, file_name, data, today or dt.date.today(), kind, mapping, period, region, values,
                       prefer_span)
        result.sha256 = digest.result()
    return result


def check(path: Path, file_name: str, data: bytes, today: dt.date, kind: str | None, mapping=None,
          period: str | None = None, region: str | None = None, values: str | None = None,
          prefer_span: bool = False) -> Plan:
    digest = ""  # set by plan()
    try:
        sheets = sources.read(file_name, data, head=project_file.HEAD)  # a CSV only as far as its header
        con = db.connect(path)
    except sources.SourceError as e:
        return Plan(file_name, digest, [Problem(file_name, str(e).split("：", 1)[-1])])
    try:
        vocab = vocabulary(con)
        header = headers.read_header(path, file_name, sheets, vocab.columns, mapping, kind)
        if header.problems:
            return Plan(file_name, digest, header.problems, kind=header.kind)
        found, hand, base = header.kind, header.mapping, db.version_key(path)
        if found == "projects":
            try:
                checked = project_file.check(file_name, sheets, header, vocab, today, sector_directions(con))
            except sources.SourceError as e:
                return Plan(file_name, digest, [Problem(file_name, str(e).split("：", 1)[-1])])
            return planning.plan_projects(con, file_name, digest, checked, base, hand)
        if sheets[0].body is not None:  # the rows under the header: the header's were read first (the same)
            try:
                sheets = sources.read(file_name, data)
            except sources.SourceError as e:
                return Plan(file_name, digest, [Problem(file_name, str(e).split("：", 1)[-1])])
        if found == "regions":
            known, in_use = stored_regions(con)
            parsed = region_file.parse(file_name, sheets, header.fixed, known, in_use)
            return planning.plan_regions(file_name, digest, parsed, known, base)
        if found == "indicators":
            parsed = indicator_file.parse(file_name, sheets, header.fixed, vocab.regions, today)
            return planning.plan_indicators(con, file_name, digest, parsed, base)
        if found == "targets":
            parsed = target_file.parse(file_name, sheets, header.fixed, vocab, today)
            return planning.plan_targets(con, file_name, digest, parsed, base)
        words, vocab, problems = value_words.prepare(path, values, vocab)
        if problems:
            return Plan(file_name, digest, [Problem(file_name, p) for p in problems])
        parsed = stats_file.parse(file_name, sheets, header, vocab, today, period=period, region=region)
        unknown = {(p.field, p.word): None for p in parsed.problems if isinstance(p, stats_file.UnknownWord)}
        if unknown:
            fit = value_words.Values(tuple((f, w, value_words.nearest(f, w, vocab) or "?") for f, w in unknown))
            parsed.problems.append(Problem(file_name, f"若这些是本中心自己的叫法，可用 --values \"{fit.text()}\" 指定对应"
                                                      "（左边是文件中的写法，右边是已知的名称；导入成功后记住，下次自动使用）。"))
        return planning.plan_stats(con, file_name, digest, parsed, found, base, hand, words, sector_directions(con),
                                   prefer_span)
    finally:
        con.close()


def sector_directions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select sector_code, direction from dim_sector").fetchall())


def stored_regions(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, dict], set[str]]:
    """The regions stored (code → level, parent, name, short name) and those data refer to: what a region
    file's rows are read against."""
    known = {r[0]: {"level": r[1], "parent_code": r[2], "region_name": r[3], "short_name": r[4]} for r in con.execute(
        "select region_code, level, coalesce(parent_code, ''), region_name, short_name from dim_region").fetchall()}
    in_use = {r[0] for r in con.execute(statement("ingest/regions_in_use")).fetchall()}
    return known, in_use


def plan_year_targets(path: Path, year: int, data: bytes, file_name: str = "年度目标（网页编辑）.csv",
                      today: dt.date | None = None) -> Plan:
    """A year's targets as edited on 数据管理 (a targets file of that year): its rows replace the year's stored
    targets, and those it leaves out are deleted. A row of another year is an error."""
    header_only = len([line for line in data.decode("utf-8-sig").splitlines() if line.strip()]) <= 1
    result = (TargetsPlan(file_name, hashlib.sha256(data).hexdigest(),
                   base=db.version_key(path), targets=pd.DataFrame(columns=[*TARGET_KEY, "target"]))
              if header_only else plan(path, file_name, data, today=today, kind="targets"))
    if result.errors:
        return result
    others = sorted({int(y) for y in result.targets.year} - {year})
    if others:
        result.problems.append(Problem(file_name, f"只能编辑{year}年的目标，表中有{'、'.join(map(str, others))}年的行。"))
        return result
    con = db.connect(path)
    try:
        stored = con.execute("select year, region_code, sector_code, measure from fact_target where year = ?",
                             [year]).df()
    finally:
        con.close()
    edited = set(map(tuple, result.targets[TARGET_KEY].values.tolist()))
    result.dropped_targets = stored[[tuple(r) not in edited for r in stored[TARGET_KEY].values.tolist()]]
    return result


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
    if result.changes_nothing():
        headers.remember(path, result.mapping)  # checked and already in: a mapping that fits
        if isinstance(result, CellsPlan) and len(result.cells):  # a month already in: its reports, if not made
            month = periods.Period(*result.touched()[-1], "month")
            if not auto.made(path, month):
                auto.after_import(path, month)
        return None
    with db.writing(path):
        if result.base and db.version_key(path) != result.base:
            raise Refused([Problem(result.file_name, "数据在检查之后已被另一次导入或回退改变，请重新检查后再导入。")])
        current = Path(os.path.realpath(path))
        evaluated: list[alerts.Outcome | None] = []

        def fill(con: duckdb.DuckDBPyConnection) -> None:
            write(con, result, by or user(), based_on=current.stem)
            evaluated.append(alerts.after_import(con))  # committed apart: it never undoes the import

        try:
            target = db.write_version(path, fill, copy_of=current)
        except duckdb.ConstraintException as e:  # a rule the checks missed: nothing was written
            raise Refused([Problem(result.file_name, "数据库拒绝写入（与已有数据矛盾），未导入，数据没有改动。"
                                                     f"请把此文件和下面的说明交给维护人员：{constraint(e)}")]) from e
    headers.remember(path, result.mapping)
    value_words.remember(path, getattr(result, "values", None))
    push.after_import(path, evaluated[0], isinstance(result, CellsPlan) and bool(len(result.cells)))
    return target
