"""The plan stage: a file's rows, read by the stage of its kind and handed on by the orchestrator, checked
against the database — a typed plan (plans) of what importing it adds and changes, nothing written. It calls
no stage before it, and the write stage after it only reads what it hands on."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd
import pyarrow as pa

from tradestats.domain import metrics, periods
from tradestats.ingest import headers, market_import, unsplit, value_words
from tradestats.ingest.plans import (
    CELL_KEY,
    STORED,
    VALUES,
    CellsPlan,
    IndicatorsPlan,
    Plan,
    RegionsPlan,
    TargetsPlan,
    cell_table,
    split_keys,
)
from tradestats.ingest.table import Parsed, Problem
from tradestats.store.derive import cells_of_projects
from tradestats.store.statements import statement

HISTORY_FACTOR = 10


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


def plan_stats(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, parsed: Parsed, kind: str, base: str,
               mapping: headers.Mapping | None, words: value_words.Values | None, directions: dict[str, str],
               prefer_span: bool) -> CellsPlan:
    """A statistics file's rows, read (parsed): its monthly cells, its figures of spans of months and of all
    sectors together, each compared with the database's."""
    result = CellsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows) + len(parsed.whole), kind=kind,
                       fields=parsed.fields, base=base, mapping=mapping,
                       period_sources=[f"{f'工作表“{sheet}”的' if sheet else ''}期间“{text}”取自{where}"
                                       for sheet, (text, where) in parsed.periods.items()] + parsed.notes
                                      + ([words.describe()] if words else []), values=words)
    if parsed.errors:
        return result
    if not parsed.rows and not parsed.whole:
        result.problems.append(Problem(file_name, "文件中没有数据行。"))
        return result
    cells = keep_stored_months(con, to_cells(parsed.rows, directions), result)
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
    return result


def plan_projects(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, checked, base: str,
                  mapping: headers.Mapping | None) -> CellsPlan:
    """A project list, checked in bulk (project_file.check): its records, and the cells they roll up into
    with the database's."""
    rows = len(checked.projects) if checked.projects is not None else 0
    failed = len(checked.failed) if checked.failed is not None else 0
    result = CellsPlan(file_name, digest, checked.problems, kind="projects", rows_read=rows + failed, base=base,
                       unlisted=checked.unlisted, mapping=mapping)
    if result.errors or checked.unlisted:  # the plan's, not checked's: the stage before is not called back
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


def plan_regions(file_name: str, digest: str, parsed: Parsed, known: dict[str, dict], base: str) -> RegionsPlan:
    """A region file's rows, read (parsed), against the regions stored (known)."""
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


def compared(con: duckdb.DuckDBPyConnection, view: str, rows: pd.DataFrame, sql: str) -> list[tuple]:
    """The file's rows, seen as view, compared with the database by the statement sql."""
    con.register(view, rows)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister(view)


def plan_targets(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, parsed: Parsed,
                 base: str) -> TargetsPlan:
    result = TargetsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows), base=base)
    if parsed.errors:
        return result
    rows = pd.DataFrame(parsed.rows)
    old = compared(con, "incoming_targets", rows.assign(target=rows.target.astype(float)),
                   statement("ingest/compare_targets"))
    result.targets = rows
    result.tally([(r[0], r[1]) for r in old])
    return result


def plan_indicators(con: duckdb.DuckDBPyConnection, file_name: str, digest: str, parsed: Parsed,
                    base: str) -> IndicatorsPlan:
    result = IndicatorsPlan(file_name, digest, parsed.problems, rows_read=len(parsed.rows), base=base)
    if parsed.errors:
        return result
    rows = pd.DataFrame(parsed.rows)
    old = compared(con, "incoming_indicators", rows, statement("ingest/compare_indicators"))
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
