"""What the plan stage hands on: a plan per kind of file (what importing it would do, checked against the
database), which the orchestrator shows, the CLI and 数据管理 describe and preview, and the write stage writes;
with what both stages share of a file's cells (their key, their values, how DuckDB is handed them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

import pandas as pd
import pyarrow as pa

from tradestats.domain import metrics, periods
from tradestats.ingest import headers, rules, unsplit, value_words
from tradestats.ingest.table import Problem
from tradestats.ingest.vocabulary import NAMES

CELL_KEY = ["year", "month", "region_code", "trade_type_code"]  # a stored cell; its sector_code comes with it
UNSPLIT = "全部板块（不分板块）"  # what the preview calls a figure of all sectors together
PREFER_SPAN = "命令行加 --prefer-span、数据管理页勾选“以报表数为准”后重新导入"
STORED = Decimal("0.000001")  # the scale of DECIMAL(18, 6): values compared as they will be stored
VALUES = ["projects", "amount_wan", "reference_wan", "savings_wan", "premium_wan", "key_projects", "key_amount_wan"]
TARGET_KEY = ["year", "region_code", "sector_code", "measure"]  # a stored target


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


@dataclass
class RegionsPlan(Plan):
    kind: str = "regions"
    regions: pd.DataFrame | None = None  # the regions to add or rename
    what: ClassVar[str] = "地区"
    unit: ClassVar[str] = "个"


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


@dataclass
class IndicatorsPlan(Plan):
    kind: str = "indicators"
    indicators: pd.DataFrame | None = None  # the values to add or replace
    what: ClassVar[str] = "绩效指标"


def split_keys(result: CellsPlan) -> pd.DataFrame:
    """The periods and regions (unsplit.KEY) of the file's cells by sector: months and spans."""
    frames = [result.cells.assign(month_from=result.cells.month, month_to=result.cells.month)[unsplit.KEY]]
    if result.spans is not None and len(result.spans):
        frames.append(result.spans[unsplit.KEY])
    return pd.concat(frames).drop_duplicates().reset_index(drop=True)


def cell_table(cells: pd.DataFrame) -> pa.Table:
    """Cells for DuckDB with their money as DECIMAL(18, 6): from a column of Decimal objects DuckDB would
    take the type of the first values, and fail on a larger one further down."""
    money = {v for v in VALUES if v.endswith("_wan")}
    return pa.table({c: pa.array([None if pd.isna(v) else Decimal(str(v)).quantize(STORED) for v in cells[c]],
                                 pa.decimal128(18, 6)) if c in money else cells[c] for c in cells.columns
                     if c != "_where"})
