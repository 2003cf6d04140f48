"""Upgrades: a database built by an earlier release turned into this release's stored tables (schema.sql),
step by step, inside the usual all-or-nothing new version (db.upgrade), the old version kept for rollback.

A database records its schema version in app_setting (`schema_version`); those of releases before the
number was kept carry the hash of their schema.sql instead (LEGACY). Views, macros and derived tables
(derived.sql) are not migrated: they are made anew after the steps, and the derived tables refilled.
Each step is a function of the connection and the deployment's data folder, numbered by the version it
makes; a test upgrades a database of the first release (tests/fixture_data/v1.duckdb.gz) and compares it
with one built from schema.sql, so a change of schema.sql without its step fails."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tradestats.store import reference
from tradestats.store.statements import statement

LEGACY = {"0cd0ddf5dc70": 1}  # the sha256 of an earlier release's schema.sql (first 12 hex digits) → its version


def to_trade_types(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """2: 交易类型 under the sectors (dim_trade_type); the cells keyed by trade type, each existing cell
    carrying its sector's whole-sector type."""
    con.execute(statement("store/upgrade_2_create_dim_trade_type"))
    sectors = [dict(zip(("sector_code", "sector_name", "sort_order"), r)) for r in
               con.execute("select sector_code, sector_name, sort_order from dim_sector").fetchall()]
    reference.load_trade_types(con, reference.trade_types(data_dir, {s["sector_code"] for s in sectors}), sectors)
    con.execute("drop view if exists fact_cells_view")
    con.execute("alter table fact_trade_monthly rename to fact_trade_monthly_v1")
    con.execute(statement("store/upgrade_2_create_fact_trade_monthly"))
    con.execute(statement("store/upgrade_2_copy_cells_by_trade_type"))
    con.execute("drop table fact_trade_monthly_v1")


def to_targets(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """3: the annual targets (fact_target)."""
    con.execute(statement("store/upgrade_3_create_fact_target"))


def to_alerts(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """4: the 预警 ledger (alert); an upgraded database has none until its next evaluation."""
    con.execute(statement("store/upgrade_4_create_alert"))


def to_market_fields(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """5: the project list's optional fields (投标人数, the dates, 中标人 …) and its failed trades (流标/终止)."""
    for column, kind in (("eval_method", "varchar"), ("bidders", "integer"),
                         ("announce_date", "date"), ("accept_date", "date"), ("open_date", "date"),
                         ("winner", "varchar"), ("winner_credit_code", "varchar"), ("winner_region", "varchar"),
                         ("winner_region_code", "varchar"), ("agency", "varchar"), ("funding", "varchar"),
                         ("industry", "varchar"), ("outcome_known", "boolean")):
        con.execute(f"alter table fact_project add column {column} {kind}")
    con.execute(statement("store/upgrade_5_create_fact_tender_failed"))


def to_spans(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """6: figures of a span of months — a quarter, a 1–N月 累计, a year — as files give them (fact_trade_span)."""
    con.execute(statement("store/upgrade_6_create_fact_trade_span"))


def to_totals(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """7: figures of all sectors together, of a month or a span, where a file has no sector split (fact_trade_total);
    a span's figure chosen over its months (fact_trade_span.chosen), and the choice in the import history."""
    con.execute("alter table fact_trade_span add column chosen boolean not null default false")
    con.execute("alter table import_log add column note varchar")
    con.execute(statement("store/upgrade_7_create_fact_trade_total"))


STEPS = [(2, "交易类型", to_trade_types), (3, "年度目标", to_targets), (4, "预警", to_alerts),
         (5, "项目明细的投标与中标字段", to_market_fields), (6, "累计、季度与年度数据", to_spans),
         (7, "不分板块的合计数据、报表数优先的选择", to_totals)]
LATEST = STEPS[-1][0]


def version_of(settings: dict[str, str]) -> int | None:
    """The schema version a database's settings say it has; None when they say nothing this release knows."""
    if "schema_version" in settings:
        return int(settings["schema_version"])
    return LEGACY.get(settings.get("schema", ""))


def upgrade(con: duckdb.DuckDBPyConnection, data_dir: Path, version: int) -> list[str]:
    """Run the steps after version; the names of those run. The caller remakes derived.sql and derives."""
    done = []
    for number, name, step in STEPS:
        if number > version:
            step(con, data_dir)
            done.append(f"{number}（{name}）")
    con.execute("delete from app_setting where key in ('schema', 'schema_version')")
    con.execute("insert into app_setting values ('schema_version', ?)", [str(LATEST)])
    return done
