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

LEGACY = {"0cd0ddf5dc70": 1}  # the sha256 of an earlier release's schema.sql (first 12 hex digits) → its version


def to_trade_types(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """2: 交易类型 under the sectors (dim_trade_type); the cells keyed by trade type, each existing cell
    carrying its sector's whole-sector type."""
    con.execute("""
        create table dim_trade_type (
            trade_type_code varchar primary key,
            trade_type_name varchar not null,
            sector_code     varchar not null references dim_sector (sector_code),
            sort_order      integer not null)""")
    sectors = [dict(zip(("sector_code", "sector_name", "sort_order"), r)) for r in
               con.execute("select sector_code, sector_name, sort_order from dim_sector").fetchall()]
    reference.load_trade_types(con, reference.trade_types(data_dir, {s["sector_code"] for s in sectors}), sectors)
    con.execute("drop view if exists fact_cells_view")
    con.execute("alter table fact_trade_monthly rename to fact_trade_monthly_v1")
    con.execute("""
        create table fact_trade_monthly (
            year           smallint not null,
            month          tinyint not null check (month between 1 and 12),
            region_code    varchar not null references dim_region (region_code),
            sector_code    varchar not null references dim_sector (sector_code),
            trade_type_code varchar not null references dim_trade_type (trade_type_code),
            projects       integer not null check (projects >= 0),
            amount_wan     decimal(18, 6) not null check (amount_wan >= 0),
            reference_wan  decimal(18, 6),
            savings_wan    decimal(18, 6) not null default 0,
            premium_wan    decimal(18, 6) not null default 0,
            key_projects   integer not null default 0 check (key_projects between 0 and projects),
            key_amount_wan decimal(18, 6) not null default 0,
            import_id      integer not null default 0,
            primary key (year, month, region_code, trade_type_code))""")
    con.execute("""
        insert into fact_trade_monthly by name
        select *, sector_code as trade_type_code from fact_trade_monthly_v1""")
    con.execute("drop table fact_trade_monthly_v1")


def to_targets(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """3: the annual targets (fact_target)."""
    con.execute("""
        create table fact_target (
            year        smallint not null,
            region_code varchar not null references dim_region (region_code),
            sector_code varchar not null default '',
            measure     varchar not null check (measure in ('projects', 'amount_wan', 'savings_wan', 'premium_wan')),
            target      decimal(18, 6) not null check (target > 0),
            import_id   integer not null default 0,
            primary key (year, region_code, sector_code, measure))""")


def to_alerts(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """4: the 预警 ledger (alert); an upgraded database has none until its next evaluation."""
    con.execute("""
        create table alert (
            alert_id        integer primary key,
            alert_key       varchar not null,
            rule            varchar not null,
            level           varchar not null check (level in ('red', 'yellow')),
            year            smallint not null,
            month           tinyint not null check (month between 1 and 12),
            region_code     varchar not null,
            sector_code     varchar,
            measure         varchar,
            message         varchar not null,
            figures         varchar not null,
            link            varchar not null,
            status          varchar not null check (status in ('open', 'acknowledged', 'closed')),
            raised_at       timestamp not null,
            import_id       integer not null default 0,
            import_at       timestamp,
            acknowledged_by varchar,
            acknowledged_at timestamp,
            note            varchar,
            closed_at       timestamp,
            closed_by       varchar,
            close_reason    varchar,
            rolled_back     boolean not null default false)""")


def to_market_fields(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """5: the project list's optional fields (投标人数, the dates, 中标人 …) and its failed trades (流标/终止)."""
    for column, kind in (("eval_method", "varchar"), ("bidders", "integer"),
                         ("announce_date", "date"), ("accept_date", "date"), ("open_date", "date"),
                         ("winner", "varchar"), ("winner_credit_code", "varchar"), ("winner_region", "varchar"),
                         ("winner_region_code", "varchar"), ("agency", "varchar"), ("funding", "varchar"),
                         ("industry", "varchar"), ("outcome_known", "boolean")):
        con.execute(f"alter table fact_project add column {column} {kind}")
    con.execute("""
        create table fact_tender_failed (
            project_id      varchar not null,
            project_name    varchar not null,
            sector_code     varchar not null,
            region_code     varchar not null,
            failed_date     date not null,
            outcome         varchar not null check (outcome in ('failed', 'stopped')),
            reference_wan   decimal(18, 6),
            method          varchar,
            eval_method     varchar,
            bidders         integer check (bidders >= 0),
            announce_date   date,
            accept_date     date,
            open_date       date,
            stop_date       date,
            agency          varchar,
            funding         varchar,
            industry        varchar,
            is_key_industry boolean not null default false,
            import_id       integer not null default 0)""")


def to_spans(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """6: figures of a span of months — a quarter, a 1–N月 累计, a year — as files give them (fact_trade_span)."""
    con.execute("""
        create table fact_trade_span (
            year            smallint not null,
            month_from      tinyint not null check (month_from between 1 and 12),
            month_to        tinyint not null check (month_to between 1 and 12 and month_to > month_from),
            region_code     varchar not null references dim_region (region_code),
            sector_code     varchar not null references dim_sector (sector_code),
            trade_type_code varchar not null references dim_trade_type (trade_type_code),
            projects        integer not null check (projects >= 0),
            amount_wan      decimal(18, 6) not null check (amount_wan >= 0),
            reference_wan   decimal(18, 6),
            savings_wan     decimal(18, 6) not null default 0,
            premium_wan     decimal(18, 6) not null default 0,
            key_projects    integer not null default 0 check (key_projects between 0 and projects),
            key_amount_wan  decimal(18, 6) not null default 0,
            import_id       integer not null default 0,
            primary key (year, month_from, month_to, region_code, trade_type_code))""")


def to_totals(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """7: figures of all sectors together, of a month or a span, where a file has no sector split (fact_trade_total);
    a span's figure chosen over its months (fact_trade_span.chosen), and the choice in the import history."""
    con.execute("alter table fact_trade_span add column chosen boolean not null default false")
    con.execute("alter table import_log add column note varchar")
    con.execute("""
        create table fact_trade_total (
            year            smallint not null,
            month_from      tinyint not null check (month_from between 1 and 12),
            month_to        tinyint not null check (month_to between 1 and 12 and month_to >= month_from),
            region_code     varchar not null references dim_region (region_code),
            projects        integer not null check (projects >= 0),
            amount_wan      decimal(18, 6) not null check (amount_wan >= 0),
            reference_wan   decimal(18, 6),
            savings_wan     decimal(18, 6),  -- null: the file does not say
            premium_wan     decimal(18, 6),
            key_projects    integer not null default 0 check (key_projects between 0 and projects),
            key_amount_wan  decimal(18, 6) not null default 0,
            import_id       integer not null default 0,
            primary key (year, month_from, month_to, region_code))""")


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
