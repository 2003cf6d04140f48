"""Imports: a file checked against the database, shown as a plan (what changes), then applied as a new
database version that replaces the current one in one atomic step — all or nothing. The running app keeps
reading the old version until the pointer moves; an import killed at any moment leaves it untouched."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import duckdb
import pandas as pd
import pyarrow as pa

from tradestats.alerting import alerts
from tradestats.documents import auto, push
from tradestats.domain import metrics, periods
from tradestats.ingest import (
    headers,
    indicator_file,
    market_import,
    project_file,
    region_file,
    rules,
    sources,
    stats_file,
    target_file,
    unsplit,
    value_words,
)
from tradestats.ingest.table import Problem
from tradestats.ingest.vocabulary import NAMES, Vocabulary
from tradestats.ingest.vocabulary import of as vocabulary
from tradestats.store import db
from tradestats.store.derive import cells_of_projects, derive
from tradestats.store.statements import statement

CELL_KEY = ["year", "month", "region_code", "trade_type_code"]  # a stored cell; its sector_code comes with it
UNSPLIT = "全部板块（不分板块）"  # what the preview calls a figure of all sectors together
PREFER_SPAN = "命令行加 --prefer-span、数据管理页勾选“以报表数为准”后重新导入"
STORED = Decimal("0.000001")  # the scale of DECIMAL(18, 6): values compared as they will be stored
VALUES = ["projects", "amount_wan", "reference_wan", "savings_wan", "premium_wan", "key_projects", "key_amount_wan"]
HISTORY_FACTOR = 10


class Refused(Exception):
    """The import was refused; the problems say why. The database is unchanged."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Plan:
    """What importing a file would do, checked against the database and nothing written: the problems found
    and, without errors, what the file adds and changes. One kind per kind of file (CellsPlan, RegionsPlan,
    TargetsPlan, IndicatorsPlan); a plan of this base class is a file refused before its kind was read."""

    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    kind: str = "stats"
    rows_read: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    base: str = ""  # the database version it was checked against
    unlisted: int = 0  # errors found beyond those in problems (a report names the first ones only)
    mapping: headers.Mapping | None = None  # columns placed by hand (given, or remembered for the header row)

    what: ClassVar[str] = "文件"  # the kind of file, in Chinese
    unit: ClassVar[str] = "项"  # what a row of it is counted in

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted

    def changes_nothing(self) -> bool:
        return self.added == self.changed == 0

    def tally(self, rows: list[tuple]) -> None:
        """added, changed and unchanged from (already stored, the same as stored) per row of the file."""
        self.added = sum(not existed for existed, _ in rows)
        self.unchanged = sum(bool(same) for existed, same in rows if existed)
        self.changed = len(rows) - self.added - self.unchanged

    def describe(self) -> str:
        """What the import would do, in Chinese, for the CLI and the page."""
        return (f"{self.file_name}（{self.what}）：读取 {self.rows_read} 行；新增 {self.added} {self.unit}，"
                f"修改 {self.changed} {self.unit}，不变 {self.unchanged} {self.unit}。")

    def write(self, con: duckdb.DuckDBPyConnection, import_id: int) -> set[tuple[int, int]]:
        """Write what the plan holds (inside the caller's transaction); the months whose derived tables it
        changed beside those of its cells (touched)."""
        return set()


@dataclass
class CellsPlan(Plan):
    """A statistics file (kind stats) or a project list (kind projects): the monthly cells it gives."""

    cells: pd.DataFrame = field(default_factory=pd.DataFrame)  # the file's cells, in the fact table's columns
    spans: pd.DataFrame | None = None  # the file's figures of spans of months (quarters, 累计, years)
    span_counts: tuple[int, int, int] = (0, 0, 0)  # of those: added, changed, unchanged
    span_differences: list[str] = field(default_factory=list)  # a span whose months are all stored, and differ
    prefer_span: bool = False  # the person chose the file's spans over the stored months where they differ
    units: dict[str, str] = field(default_factory=dict)  # a money field → its unit in the file (preview())
    totals: pd.DataFrame | None = None  # the file's figures of all sectors together (unsplit)
    total_counts: tuple[int, int, int] = (0, 0, 0)  # of those: added, changed, unchanged
    totals_replaced: int = 0  # stored figures of all sectors that the file's cells by sector replace
    total_differences: list[str] = field(default_factory=list)  # a total not kept: its stored split differs
    period_sources: list[str] = field(default_factory=list)  # where a table without a period column got its period
    values: value_words.Values | None = None  # a file's own words mapped (--values, or remembered)
    names: dict[str, str] = field(default_factory=dict)  # region and trade type codes → names, for preview()
    displaced: pd.DataFrame | None = None  # stored cells the file's give way to: a sector's whole-sector cell
    # when the file has its trade types, or its trade types when the file has the sector as a whole
    months: pd.DataFrame | None = None  # per month touched: the home city's amount before and after
    fields: frozenset[str] = frozenset()  # the columns the file has
    projects: pa.Table | None = None  # for a project list: its records, which the cells roll up
    projects_changed: int = 0  # of those, the ones new to the database or different from it
    failed: pa.Table | None = None  # for a project list: its failed and stopped trades (流标/终止)
    failed_changed: int = 0  # of those, the ones new to the database or different from it

    @property
    def removed(self) -> int:
        return 0 if self.displaced is None else len(self.displaced)

    def changes_nothing(self) -> bool:
        return (super().changes_nothing() and self.projects_changed == self.removed == self.failed_changed == 0
                and self.span_counts[:2] == self.total_counts[:2] == (0, 0) and self.totals_replaced == 0)

    def describe(self) -> str:
        what = "项目明细" if self.kind == "projects" else "统计数据"
        lines = [f"{self.file_name}（{what}）：读取 {self.rows_read} 行；月度汇总新增 {self.added} 格，修改 "
                 f"{self.changed} 格，不变 {self.unchanged} 格。"]
        for text in self.period_sources:
            lines.append(f"  {text}。")
        if self.spans is not None and len(self.spans):
            added, changed, same = self.span_counts
            labels = "、".join(dict.fromkeys(f"{y}年{periods.span_label(a, b)}" for y, a, b in
                                             zip(self.spans.year, self.spans.month_from, self.spans.month_to)))
            lines.append(f"  累计、季度或年度数据（{labels}，按报表原样保存，不拆分到月）：新增 {added} 格，修改 {changed} 格，"
                         f"不变 {same} 格。")
        for text in self.span_differences:
            lines.append(f"  {text}")
        if self.span_differences:
            lines.append("  按选择，页面以报表数为准。" if self.prefer_span else
                         f"  各月数据齐全时页面按各月之和显示；若应以报表数为准，{PREFER_SPAN}。")
        if self.totals is not None and len(self.totals):
            added, changed, same = self.total_counts
            labels = "、".join(dict.fromkeys(unsplit.label(y, a, b) for y, a, b in
                                             zip(self.totals.year, self.totals.month_from, self.totals.month_to)))
            lines.append(f"  不分板块的合计数据（{labels}，文件没有分板块数据，按全部板块合计保存）：新增 {added} 格，"
                         f"修改 {changed} 格，不变 {same} 格。")
        if self.totals_replaced:
            lines.append(f"  库中 {self.totals_replaced} 格不分板块的合计数据被文件的分板块数据取代。")
        for text in self.total_differences:
            lines.append(f"  {text}")
        if self.removed:
            lines.append(f"  另有 {self.removed} 格被取代（同一月份、地区和板块，文件按交易类型细分而库中只有板块合计，或相反）。")
        if self.mapping:
            lines.append("  " + self.mapping.describe(NAMES))
        if self.projects is not None:
            lines.append(f"  项目：新增或更新 {self.projects_changed} 个，其余 {len(self.projects) - self.projects_changed}"
                         " 个与已有记录相同。")
        if self.failed is not None and len(self.failed):
            lines.append(f"  流标或终止的项目 {len(self.failed)} 个（不计入项目数和交易额），其中新增或更新 {self.failed_changed} 个。")
        for m in (self.months.itertuples() if self.months is not None else []):
            lines.append(f"  {m.year}年{m.month}月 全市交易额：{metrics.money(m.before)} → {metrics.money(m.after)}")
        return "\n".join(lines)

    def preview(self) -> pd.DataFrame:
        """What will be stored, a row per figure: 期间 (a month, a quarter, a 累计 or a year), 地区, 交易类型 (a
        sector's own when the file gives the sector), the figures in the file's units (万元 where its header
        names none), and the file's row it came from."""
        def money(frame: pd.DataFrame, column: str, f: str, label: str) -> dict:  # a column the file has
            unit = self.units.get(f, "万元")
            return {f"{label}（{unit}）": frame[column].astype(float) / float(rules.UNITS[unit])} \
                if f == "amount" or f in self.fields else {}

        frames = []
        for frame, span in ((self.cells, False), (self.spans, True), (self.totals, None)):
            if frame is None or frame.empty:
                continue
            label = ([f"{y}年{periods.span_label(a, b)}（{periods.span_kind(a, b)}）" if a < b else f"{y}年{a}月"
                      for y, a, b in zip(frame.year, frame.month_from, frame.month_to)] if span is not False else
                     [f"{y}年{m}月" for y, m in zip(frame.year, frame.month)])
            frames.append(pd.DataFrame({
                "期间": label, "地区": [self.names.get(r, r) for r in frame.region_code],
                "交易类型": ([self.names.get(t, t) for t in frame.trade_type_code] if span is not None
                             else [UNSPLIT] * len(frame)),
                "项目数（宗）": frame.projects.astype(int), **money(frame, "amount_wan", "amount", metrics.AMOUNT.label),
                **money(frame, "savings_wan", "savings", metrics.SAVINGS.label),
                **money(frame, "premium_wan", "premium", metrics.PREMIUM.label),
                "来源": [w.split(" ", 1)[-1] for w in frame["_where"]]}))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def touched(self) -> list[tuple[int, int]]:
        """The months the file's cells fall in."""
        return sorted({(int(y), int(m)) for y, m in zip(self.cells.year, self.cells.month)}) if len(self.cells) else []

    def write(self, con: duckdb.DuckDBPyConnection, import_id: int) -> set[tuple[int, int]]:
        return write_cells(con, self, import_id)


@dataclass
class RegionsPlan(Plan):
    kind: str = "regions"
    regions: pd.DataFrame | None = None  # the regions to add or rename
    what: ClassVar[str] = "地区"
    unit: ClassVar[str] = "个"

    def write(self, con: duckdb.DuckDBPyConnection, import_id: int) -> None:
        write_regions(con, self.regions)


@dataclass
class TargetsPlan(Plan):
    kind: str = "targets"
    targets: pd.DataFrame | None = None  # the targets to add or replace
    dropped_targets: pd.DataFrame | None = None  # a year's targets as edited on 数据管理: those taken out
    what: ClassVar[str] = "年度目标"

    def changes_nothing(self) -> bool:
        return super().changes_nothing() and (self.dropped_targets is None or not len(self.dropped_targets))

    def describe(self) -> str:
        dropped = f"，删除 {len(self.dropped_targets)} 项" if self.dropped_targets is not None else ""
        return super().describe().removesuffix("。") + dropped + "。"

    def write(self, con: duckdb.DuckDBPyConnection, import_id: int) -> None:
        write_targets(con, self, import_id)


@dataclass
class IndicatorsPlan(Plan):
    kind: str = "indicators"
    indicators: pd.DataFrame | None = None  # the values to add or replace
    what: ClassVar[str] = "绩效指标"

    def write(self, con: duckdb.DuckDBPyConnection, import_id: int) -> None:
        con.register("incoming_indicators", self.indicators)
        con.execute(statement("ingest/write_indicators")).fetchall()
        con.unregister("incoming_indicators")


def known_names(path: Path):
    """For 数据管理's selects: (field, word) → the known names it may be mapped to, the nearest first."""
    con = db.connect(path)
    try:
        vocab = vocabulary(con)
    finally:
        con.close()
    return lambda field, word: value_words.choices(field, word, vocab)


def stored(value):
    return value.quantize(STORED) if isinstance(value, Decimal) else value


def to_cells(rows: list[dict], directions: dict[str, str]) -> pd.DataFrame:
    """Parsed rows as fact cells; the reference price and the money measure are completed from each other."""
    out = []
    for r in ({k: stored(v) for k, v in row.items()} for row in rows):
        direction = directions[r["sector_code"]]
        amount, reference = r["amount"], r.get("reference")
        savings, premium = r.get("savings"), r.get("premium")
        if direction == "either":  # 其他: savings and gains as the row says, the reference from them
            savings, premium = savings or Decimal(0), premium or Decimal(0)
            if reference is None:
                reference = amount + savings - premium
        else:
            purchase = direction == "purchase"
            if reference is None:
                reference = amount + (savings or 0) if purchase else amount - (premium or 0)
            if purchase and savings is None:
                savings = reference - amount
            if not purchase and premium is None:
                premium = amount - reference
            savings, premium = (savings, Decimal(0)) if purchase else (Decimal(0), premium)
        out.append({"year": r["year"], "month": r["month"], "month_from": r["month_from"], "month_to": r["month_to"],
                    "region_code": r["region_code"], "trade_type_code": r["trade_type_code"],
                    "sector_code": r["sector_code"], "projects": int(r["projects"]), "amount_wan": amount,
                    "reference_wan": reference, "savings_wan": savings, "premium_wan": premium,
                    "key_projects": int(r.get("key_projects") or 0), "key_amount_wan": r.get("key_amount") or Decimal(0),
                    "_where": r["_where"], "_role": r.get("_role", "month")})
    return pd.DataFrame(out, columns=[*CELL_KEY, "month_from", "month_to", "sector_code", *VALUES, "_where", "_role"])


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
        found, hand = header.kind, header.mapping
        if found == "projects":
            return plan_projects(con, file_name, digest, sheets, header, db.version_key(path), today, vocab)
        if sheets[0].body is not None:  # the rows under the header: the header's were read first (the same)
            try:
                sheets = sources.read(file_name, data)
            except sources.SourceError as e:
                return Plan(file_name, digest, [Problem(file_name, str(e).split("：", 1)[-1])])
        if found == "regions":
            return plan_regions(con, file_name, digest, sheets, header.fixed, db.version_key(path))
        if found == "indicators":
            return plan_indicators(con, file_name, digest, sheets, header.fixed, db.version_key(path), today, vocab)
        if found == "targets":
            return plan_targets(con, file_name, digest, sheets, header.fixed, db.version_key(path), today, vocab)
        words, vocab, problems = value_words.prepare(path, values, vocab)
        if problems:
            return Plan(file_name, digest, [Problem(file_name, p) for p in problems])
        parsed = stats_file.parse(file_name, sheets, header, vocab, today, period=period, region=region)
        unknown = {(p.field, p.word): None for p in parsed.problems if isinstance(p, stats_file.UnknownWord)}
        if unknown:
            fit = value_words.Values(tuple((f, w, value_words.nearest(f, w, vocab) or "?") for f, w in unknown))
            parsed.problems.append(Problem(file_name, f"若这些是本中心自己的叫法，可用 --values \"{fit.text()}\" 指定对应"
                                                      "（左边是文件中的写法，右边是已知的名称；导入成功后记住，下次自动使用）。"))
        result = CellsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows) + len(parsed.whole),
                           kind=found,
                      fields=parsed.fields, base=db.version_key(path), mapping=hand,
                      period_sources=[f"{f'工作表“{sheet}”的' if sheet else ''}期间“{text}”取自{where}"
                                      for sheet, (text, where) in parsed.periods.items()] + parsed.notes
                                     + ([words.describe()] if words else []), values=words)
        if parsed.errors:
            return result
        if not parsed.rows and not parsed.whole:
            result.problems.append(Problem(file_name, "文件中没有数据行。"))
            return result
        cells = keep_stored_months(con, to_cells(parsed.rows, sector_directions(con)), result)
        is_span = cells.month.isna()
        result.cells = cells[~is_span].drop(columns=["month_from", "month_to"]).reset_index(drop=True)
        result.cells["month"] = result.cells.month.astype(int)
        result.spans = cells[is_span].drop(columns="month").reset_index(drop=True).assign(chosen=prefer_span)
        result.prefer_span, result.units = prefer_span, parsed.units
        # The figures of all sectors first (their keys are the cells' and spans', which compare keeps as they are).
        whole, compared, overlaps = unsplit.plan(con, parsed.whole, split_keys(result), cell_table)
        compare(con, result)
        compare_spans(con, result, whole)
        result.totals, result.total_counts, result.totals_replaced, result.total_differences = compared
        result.problems += [Problem(file_name, text, warning=True) for text in overlaps]
        result.names = dict(con.execute(statement("ingest/names_of_codes")).fetchall())
    finally:
        con.close()
    return result


def sector_directions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select sector_code, direction from dim_sector").fetchall())


def plan_projects(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, sheets, header: headers.Header,
                  base: str, today: dt.date, vocab: Vocabulary) -> Plan:
    """A project list, checked in bulk: its records, and the cells they roll up into with the database's."""
    mapping = header.mapping
    try:
        checked = project_file.check(file_name, sheets, header, vocab, today, sector_directions(con))
    except sources.SourceError as e:
        return Plan(file_name, digest, [Problem(file_name, str(e).split("：", 1)[-1])])
    rows = len(checked.projects) if checked.projects is not None else 0
    failed = len(checked.failed) if checked.failed is not None else 0
    result = CellsPlan(file_name, digest, checked.problems, kind="projects", rows_read=rows + failed, base=base,
                       unlisted=checked.unlisted, mapping=mapping)
    if checked.errors or checked.unlisted:
        return result
    if failed:
        result.failed = checked.failed
        result.failed_changed = market_import.changed_failed(con, checked.failed)
    if not rows and failed:  # only failed trades: no cell changes
        result.projects = checked.projects
        return result
    if not rows:
        result.problems.append(Problem(file_name, "文件中没有数据行。"))
        return result
    result.projects = checked.projects
    result.cells = roll_up(con, result.projects, file_name)
    result.projects_changed = changed_projects(con, result.projects)
    compare(con, result)
    return result


def plan_regions(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, sheets, found: list, base: str) -> Plan:
    known = {r[0]: {"level": r[1], "parent_code": r[2], "region_name": r[3], "short_name": r[4]} for r in con.execute(
        "select region_code, level, coalesce(parent_code, ''), region_name, short_name from dim_region").fetchall()}
    in_use = {r[0] for r in con.execute(statement("ingest/regions_in_use")).fetchall()}
    parsed = region_file.parse(file_name, sheets, found, known, in_use)
    result = RegionsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows), base=base)
    if parsed.errors:
        return result
    rows = pd.DataFrame(parsed.rows).drop(columns="_where")
    same = [r.region_code in known and all(known[r.region_code][k] == getattr(r, k)
                                            for k in ("level", "parent_code", "region_name", "short_name"))
            for r in rows.itertuples()]
    result.regions = rows
    result.added = int(sum(r not in known for r in rows.region_code))
    result.unchanged = int(sum(same))
    result.changed = len(rows) - result.added - result.unchanged
    return result


def plan_targets(con, file_name: str, digest: str, sheets, found: list, base: str, today: dt.date,
                 vocab: Vocabulary) -> Plan:
    parsed = target_file.parse(file_name, sheets, found, vocab, today)
    result = TargetsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows), base=base)
    if parsed.errors:
        return result
    rows = pd.DataFrame(parsed.rows)
    con.register("incoming_targets", rows.assign(target=rows.target.astype(float)))
    old = con.execute(statement("ingest/compare_targets")).fetchall()
    con.unregister("incoming_targets")
    result.targets = rows
    result.tally([(r[0], r[1]) for r in old])
    return result


TARGET_KEY = ["year", "region_code", "sector_code", "measure"]


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


def plan_indicators(con, file_name: str, digest: str, sheets, found: list, base: str, today: dt.date,
                    vocab: Vocabulary) -> Plan:
    parsed = indicator_file.parse(file_name, sheets, found, vocab.regions, today)
    result = IndicatorsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows), base=base)
    if parsed.errors:
        return result
    rows = pd.DataFrame(parsed.rows)
    con.register("incoming_indicators", rows)
    old = con.execute(statement("ingest/compare_indicators")).fetchall()
    con.unregister("incoming_indicators")
    result.indicators = rows
    result.tally([(r[5], r[4]) for r in old])
    return result


def changed_projects(con: duckdb.DuckDBPyConnection, projects: pa.Table) -> int:
    con.register("incoming_projects", projects)
    same = con.execute(statement("ingest/count_same_projects").format(same_optional=market_import.SAME_PROJECT)
                       ).fetchall()[0][0]
    con.unregister("incoming_projects")
    return len(projects) - same


def roll_up(con: duckdb.DuckDBPyConnection, projects: pa.Table, file_name: str) -> pd.DataFrame:
    """The cells the projects fall in, summed over every project of the cell: those in the database,
    replaced by the file's where the same 项目编号 comes again. Only the touched months' stored projects are
    read (a date range: the project table is stored by month, so whole row groups are skipped): summing
    every stored project took 0.8 s of a 20 000-row monthly list's check at 10 M projects."""
    con.register("incoming_projects", projects)
    touched = con.sql(statement("ingest/touched_cells")).to_arrow_table()
    con.register("touched_cells", touched)
    first, past = con.execute(statement("ingest/touched_range")).fetchall()[0]
    # The touched months' projects as they will be: those stored, replaced by the file's where it has them.
    con.execute(statement("ingest/merged_projects").format(first=f"{first:%Y-%m-%d}", past=f"{past:%Y-%m-%d}"))
    cells = con.sql(statement("ingest/roll_up_cells").format(cells=cells_of_projects("merged_projects"))
                    ).to_arrow_table().to_pandas()  # exact Decimals
    con.execute("drop view merged_projects")
    con.unregister("touched_cells")
    con.unregister("incoming_projects")
    names = dict(con.execute("select region_code, region_name from dim_region").fetchall())
    sectors = dict(con.execute("select sector_code, sector_name from dim_sector").fetchall())
    cells["_where"] = [f"{file_name} {y}年{m}月{names[r]}{sectors[c]}（项目汇总）"
                       for y, m, r, c in zip(cells.year, cells.month, cells.region_code, cells.sector_code)]
    return cells


def cell_table(cells: pd.DataFrame) -> pa.Table:
    """Cells for DuckDB with their money as DECIMAL(18, 6): from a column of Decimal objects DuckDB would
    take the type of the first values, and fail on a larger one further down."""
    money = {v for v in VALUES if v.endswith("_wan")}
    return pa.table({c: pa.array([None if pd.isna(v) else Decimal(str(v)).quantize(STORED) for v in cells[c]],
                                 pa.decimal128(18, 6)) if c in money else cells[c] for c in cells.columns
                     if c != "_where"})


def compare(con: duckdb.DuckDBPyConnection, result: Plan) -> None:
    """Count what the import adds and changes, flag amounts far off their history, sum the months."""
    cells = result.cells
    con.register("incoming", cell_table(cells))
    old = con.execute(statement("ingest/compare_cells")).df()
    # A sector's month and region holds its whole-sector cell or cells of its trade types, never both: the
    # file's level replaces the other one's stored cells (other types at the file's level stay).
    result.displaced = con.execute(statement("ingest/displaced_cells")).df()
    merged = cells.merge(old, on=CELL_KEY, how="left")
    if result.kind == "stats":
        keep_stored(result, merged)
        cells = result.cells
    same = pd.Series(True, index=merged.index)
    for v in VALUES:
        same &= merged[v].astype(float).round(6) == merged[f"old_{v}"].astype(float).round(6)
    result.added = int((~merged.existed).sum())
    result.unchanged = int((merged.existed & same).sum())
    result.changed = len(merged) - result.added - result.unchanged
    fresh = ~(merged.existed & same).to_numpy()
    history = con.execute(statement("ingest/amount_history")).df()
    usual = {(h.region_code, h.trade_type_code): float(h.usual) for h in history.itertuples()}
    rows = zip(cells["_where"], cells.region_code, cells.trade_type_code, cells.amount_wan.astype(float), fresh)
    for where, region, sector, amount, is_fresh in rows:
        base = usual.get((region, sector))
        if is_fresh and base and amount > 0 and not 1 / HISTORY_FACTOR < amount / base < HISTORY_FACTOR:
            hint = "，单位可能填错了（元/万元/亿元）" if not 1e-3 < amount / base < 1e3 else ""
            result.problems.append(Problem(where, f"交易额 {amount:,.2f}万元 与该地区该板块近12个月的月均"
                                                  f"{base:,.2f}万元 相差10倍以上{hint}，请确认。", warning=True))
    home = con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0]
    con.register("displaced", result.displaced)
    result.months = con.execute(statement("ingest/home_city_months"), {"home": home}).df()
    con.unregister("displaced")
    con.unregister("incoming")


def keep_stored_months(con: duckdb.DuckDBPyConnection, cells: pd.DataFrame, result: CellsPlan) -> pd.DataFrame:
    """A wide row's 上年同期 of one month gives last year's cell where the database has none; a stored month
    stays as it is (the year before's own file is its source), the plan naming those that differ. The roles
    are dropped after."""
    prev = cells[(cells._role == "prev") & cells.month.notna()]
    if len(prev):
        con.register("incoming_prev", cell_table(prev.drop(columns=["month_from", "month_to", "_role"])))
        stored = con.execute(statement("ingest/compare_prev_year_cells")).fetchall()
        con.unregister("incoming_prev")
        keys = {(int(r[0]), int(r[1]), r[2], r[3]) for r in stored}
        differ = sum(not r[4] for r in stored)
        drop = [role == "prev" and month == month and (int(y), int(month), r, t) in keys for y, month, r, t, role
                in zip(cells.year, cells.month, cells.region_code, cells.trade_type_code, cells._role)]
        cells = cells[[not d for d in drop]]
        if keys:
            result.period_sources.append(f"上年同期的 {len(keys)} 格库中已有（其中 {differ} 格与文件不同），保留库中数据")
    return cells.drop(columns="_role").reset_index(drop=True)


def split_keys(result: CellsPlan) -> pd.DataFrame:
    """The periods and regions (unsplit.KEY) of the file's cells by sector: months and spans."""
    frames = [result.cells.assign(month_from=result.cells.month, month_to=result.cells.month)[unsplit.KEY]]
    if result.spans is not None and len(result.spans):
        frames.append(result.spans[unsplit.KEY])
    return pd.concat(frames).drop_duplicates().reset_index(drop=True)


def compare_spans(con: duckdb.DuckDBPyConnection, result: CellsPlan, totals: pd.DataFrame) -> None:
    """Count the spans' figures the import adds and changes, and list those whose months are all there and add
    up to something else (the months answer for the span: period_cells) — each month's stored cells, else its
    stored figure of all sectors together, else the file's own (totals: a sheet of monthly 合计 beside a
    quarter split by sector)."""
    spans = result.spans
    if spans is None or spans.empty:
        return
    con.register("incoming_spans", cell_table(spans))
    rows = con.execute(statement("ingest/compare_spans")).fetchall()
    added = sum(not e for e, _ in rows)
    same = sum(bool(x) for e, x in rows if e)
    result.span_counts = (added, len(rows) - added - same, same)
    monthly = totals[totals.month_from == totals.month_to] if len(totals) else totals
    con.register("file_totals", cell_table(monthly[["year", "month_from", "region_code", "projects", "amount_wan"]]
                                           if len(monthly) else pd.DataFrame({
                                               "year": [0], "month_from": [0], "region_code": [""],
                                               "projects": [0], "amount_wan": [0.0]}).head(0)))
    differ = con.execute(statement("ingest/span_differences")).fetchall()
    con.unregister("incoming_spans")
    con.unregister("file_totals")
    for y, a, b, name, n, amount, n_months, amount_months in differ:
        result.span_differences.append(
            f"{name}{y}年{periods.span_label(a, b)}：文件为 {n}宗、{metrics.money(amount)}，各月之和为 {n_months}宗、"
            f"{metrics.money(amount_months)}；各月数据齐全，页面按各月之和显示。")


def keep_stored(result: Plan, merged: pd.DataFrame) -> None:
    """A column the file does not have keeps what the database holds for the cells it has, unless it is
    derived from one the file gives (预算/底价 from 节约资金 or 增收资金, and the other way round)."""
    fields = result.fields
    keep = {"key_projects": "key_projects", "key_amount_wan": "key_amount"}
    if not {"savings", "premium"} & fields:
        keep["reference_wan"] = "reference"
    if "reference" not in fields:
        keep |= {"savings_wan": "savings", "premium_wan": "premium"}
    existed = merged.existed.fillna(False).astype(bool).to_numpy()
    for column, name in keep.items():
        if name not in fields:
            merged[column] = merged[column].where(~existed, merged[f"old_{column}"])
            result.cells[column] = merged[column].to_numpy()
    if "key_projects" not in fields:  # a kept count cannot exceed the file's new one
        for where, projects, key in zip(result.cells["_where"], result.cells.projects, result.cells.key_projects):
            if key > projects:
                result.problems.append(Problem(where, (
                    f"项目数 {projects} 小于库中该格的涉重点产业项目数 {key}。文件没有“涉重点产业项目数”列，该格原有的"
                    "涉重点产业数据会保留，与新的项目数矛盾；请在文件中加上“涉重点产业项目数”和“涉重点产业金额”两列，"
                    "填写更正后的数值（没有则填0）。")))


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


def constraint(error: duckdb.ConstraintException) -> str:
    """DuckDB's message without what does not concern a clerk (the server's paths)."""
    return str(error).split("\n")[0].replace(str(Path.cwd()), "")[:200]


def write(con: duckdb.DuckDBPyConnection, result: Plan, by: str, based_on: str) -> None:
    con.begin()
    import_id = con.execute("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]
    more = result.write(con, import_id) or set()
    touched = result.touched() if isinstance(result, CellsPlan) else []
    spans = ([a + b for a, b in zip(result.span_counts, result.total_counts)] if isinstance(result, CellsPlan)
             else (0, 0, 0))  # counted with the cells
    derive(con, sorted(set(touched) | more))
    con.execute("insert or replace into app_setting values ('based_on', ?)", [based_on])  # what rollback returns to
    con.execute("delete from app_setting where key = 'carried_from'")  # new data: no longer a copy of another version's
    con.execute("insert into import_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, dt.datetime.now(), by, result.kind, result.file_name, result.sha256, result.rows_read,
                 *(a + b for a, b in zip((result.added, result.changed, result.unchanged), spans)),
                 ", ".join(f"{y}-{m:02d}" for y, m in touched), choice_note(result)])
    con.commit()


def choice_note(result: Plan) -> str | None:
    """What the import history keeps of a choice the person made: the spans chosen over their months."""
    if not (isinstance(result, CellsPlan) and result.prefer_span and result.span_differences):
        return None
    return "以报表数为准（不用各月之和）：" + "；".join(t.split("：", 1)[0] for t in result.span_differences)


def write_cells(con: duckdb.DuckDBPyConnection, result: CellsPlan, import_id: int) -> set[tuple[int, int]]:
    """Write the projects, failed trades and cells; the months of failed trades written or replaced."""
    failed_before: set[tuple[int, int]] = set()

    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()  # fetched: DuckDB wants a result finished first

    if result.projects is not None:
        con.register("incoming_projects", result.projects)
        run("delete from fact_project where project_id in (select project_id from incoming_projects)")
        run("insert into fact_project by name select *, ? as import_id from incoming_projects", [import_id])
        con.unregister("incoming_projects")
        failed_before = market_import.write_failed(run, con, result.projects, result.failed, import_id)
    failed_months = failed_before | market_import.failed_months(result.failed)  # their stored sums too
    if result.spans is not None and len(result.spans):
        con.register("incoming_spans", cell_table(result.spans.assign(import_id=import_id)))
        run(statement("ingest/delete_replaced_spans"))
        run("insert into fact_trade_span by name select * from incoming_spans")
        con.unregister("incoming_spans")
    if result.totals is not None:
        unsplit.write(con, result.totals, split_keys(result), cell_table, import_id)
    if result.cells.empty:
        return failed_months
    cells = result.cells.drop(columns="_where")
    con.register("incoming", cell_table(cells.assign(import_id=import_id)))
    gone = result.displaced if result.displaced is not None else pd.DataFrame(columns=CELL_KEY)
    con.register("displaced", gone[CELL_KEY])
    for replaced in ("incoming", "displaced"):
        run(statement("ingest/delete_replaced_cells").format(cells=replaced))
    run("insert into fact_trade_monthly by name select * from incoming")
    con.unregister("displaced")
    con.unregister("incoming")
    demo_left = run("select count(*) from fact_trade_monthly where import_id = 0")[0][0]
    dataset = run("select value from app_setting where key = 'dataset'")[0][0]
    if not (dataset == "demo" and demo_left):
        run("update app_setting set value = 'imported' where key = 'dataset'")
    return failed_months


def write_targets(con: duckdb.DuckDBPyConnection, result: TargetsPlan, import_id: int) -> None:
    if result.dropped_targets is not None and len(result.dropped_targets):
        con.executemany("delete from fact_target where year = ? and region_code = ? and sector_code = ? and measure = ?",
                        result.dropped_targets[TARGET_KEY].values.tolist())
    if result.targets is not None and len(result.targets):
        targets = result.targets
        con.register("incoming_targets", pa.table({
            **{c: targets[c].tolist() for c in TARGET_KEY},
            "target": pa.array([Decimal(v).quantize(STORED) for v in targets.target], pa.decimal128(18, 6))}))
        con.execute(statement("ingest/write_targets"), [import_id]).fetchall()
        con.unregister("incoming_targets")


def write_regions(con: duckdb.DuckDBPyConnection, regions: pd.DataFrame) -> None:
    def run(sql: str, params: list | None = None) -> list:
        return con.execute(sql, params or []).fetchall()

    order = run("select coalesce(max(sort_order), 0) from dim_region")[0][0]
    for r in regions.itertuples():
        if run("select count(*) from dim_region where region_code = ?", [r.region_code])[0][0]:
            run(statement("ingest/rename_region"), [r.region_name, r.short_name, r.level, r.parent_code, r.region_code])
        else:
            order += 1
            run(statement("ingest/add_region"), [r.region_code, r.region_name, r.short_name, r.level, r.parent_code, order])
    # The city and province every region rolls up to, as the build derives them.
    run(statement("ingest/region_city_and_province"))
