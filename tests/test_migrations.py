"""A database of the first release (tests/fixture_data/v1.duckdb.gz) opens in this one: upgraded inside a new
version (the old one kept for rollback), with the same figures, its import history, and imports after it;
and what the upgrade makes is exactly what a new build makes, table by table and column by column."""

import datetime as dt
import functools
import gzip
import os
import shutil

import duckdb
import pytest
from conftest import FIXTURE_DATA

from tradestats.alerting import alerts
from tradestats.deploy import deployment
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.store import db, history, migrations, queries

V1 = FIXTURE_DATA / "v1.duckdb.gz"
PERIODS = [Period(2024), Period(2024, 3, "month"), Period(2025, 1, "month"), Period(2024, 6, "quarter")]


@pytest.fixture
def v1(tmp_path):
    """The first release's database where a deployment keeps it (a plain file, as before versions)."""
    path = tmp_path / "t.duckdb"
    with gzip.open(V1) as src, open(path, "wb") as out:
        shutil.copyfileobj(src, out)
    return path


def figures(path):
    q = functools.partial(queries.run, db.connect(path))
    return [summary.summarize(q, p, r) for p in PERIODS for r in (None, "900101")]


def catalog(path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "columns": con.execute("""select table_name, column_index, column_name, data_type, is_nullable,
                                             column_default
                                      from duckdb_columns() where database_name = current_database()
                                      order by all""").fetchall(),
            "constraints": con.execute("""select table_name, constraint_type, constraint_text
                                          from duckdb_constraints() where database_name = current_database()
                                          order by all""").fetchall(),
            "views": con.execute("select view_name, sql from duckdb_views() where not internal order by all").fetchall(),
            "macros": con.execute("""select function_name, macro_definition from duckdb_functions()
                                     where database_name = current_database() and function_type like '%macro'
                                     order by all""").fetchall(),
        }
    finally:
        con.close()


def figures_as_released(path, tmp_path):
    """The figures of a first-release database through today's queries, which use derived.sql's macros (the
    upgrade makes them): read from a copy given those macros, and nothing else, before it is upgraded."""
    copy = tmp_path / "as_released.duckdb"
    shutil.copy(path, copy)
    macros = [s for s in db.DERIVED.read_text(encoding="utf-8").split(";\n") if "create or replace macro" in s
              and "fact_" not in s and " as table" not in s]  # the scalar macros: they read no table
    # and period_cells, whose rule for spans of months reads span_parts and period_source (empty in a database
    # of that release), worked out as period_rows from that release's fact_cells
    rule = [s for s in db.DERIVED.read_text(encoding="utf-8").split(";\n")
            if any(f"create or replace {what}" in s for what in ("macro period_cells", "macro span_parts_of",
                                                                  "view span_parts_view", "table span_parts ",
                                                                  "view period_rows_view", "table period_rows ",
                                                                  "macro period_rows_of"))]
    con = duckdb.connect(str(copy))
    con.execute(";\n".join(macros))
    for table in ("span_cells", "period_source"):
        con.execute(f"create table {table} as select year, month as month_from, month as month_to, "
                    "* exclude (year, month) from fact_cells limit 0")
    con.execute("create table fact_trade_span as select year, month as month_from, month as month_to, region_code, "
                "false as chosen from fact_cells limit 0")  # the spans chosen over their months: none then
    con.execute(";\n".join(rule))
    con.execute("insert into period_rows select * from period_rows_view")
    con.close()
    return figures(copy)


def test_a_first_release_database_is_upgraded_with_its_figures_and_history(v1, tmp_path):
    before = figures_as_released(v1, tmp_path)
    assert migrations.version_of(db.settings_of(v1)) == 1
    target = db.upgrade(v1, FIXTURE_DATA)
    assert target is not None and migrations.version_of(db.settings_of(v1)) == migrations.LATEST
    assert figures(v1) == before
    log = history.imports(v1)
    assert list(log.kind) == ["upgrade", "stats"] and list(log.file_name)[1] == "2025年1月.csv"
    assert log.file_name[0] == f"结构升级 1 → {migrations.LATEST}：2（交易类型）、3（年度目标）、4（预警）、5（项目明细的投标与中标字段）、6（累计、季度与年度数据）、7（不分板块的合计数据、报表数优先的选择）"
    # The first release's file stays, as a version to roll back to.
    assert any("before-versions" in f.name for f in db.versions_dir(v1).iterdir())
    # The next import: sub-types of a sector, which the first release could not hold.
    plan = importer.plan(v1, "2月.csv", "月份,地区,交易类型,项目数,交易额\n2025-02,一区,土地使用权,1,30\n"
                                        "2025-02,一区,探矿权,1,20\n".encode(), today=dt.date(2025, 6, 30))
    assert not plan.errors and plan.added == 2
    importer.apply(v1, plan, confirmed=True)
    q = functools.partial(queries.run, db.connect(v1))
    assert float(summary.headline(q, Period(2025, 2, "month"), "900101").amount_wan) == 50.0
    history.rollback(v1, carry=alerts.carry)
    assert float(summary.headline(functools.partial(queries.run, db.connect(v1)), Period(2025, 1, "month"),
                                  "900100").amount_wan) == 215.5


def test_an_upgraded_database_is_what_a_new_build_makes(v1, tmp_path):
    db.upgrade(v1, FIXTURE_DATA)
    fresh = tmp_path / "fresh.duckdb"
    deployment.build(fresh, FIXTURE_DATA)
    assert catalog(v1) == catalog(fresh)


def test_the_app_upgrades_an_imported_database_and_rebuilds_a_demo_one(v1):
    con = duckdb.connect(str(v1))
    con.execute("update app_setting set value = 'imported' where key = 'dataset'")
    con.close()
    assert deployment.ensure(v1, FIXTURE_DATA) is True and deployment.ensure(v1, FIXTURE_DATA) is False
    assert list(history.imports(v1).kind) == ["upgrade", "stats"]  # upgraded, not rebuilt


def test_a_database_of_a_newer_release_is_refused(v1):
    db.upgrade(v1, FIXTURE_DATA)
    con = duckdb.connect(os.path.realpath(v1))
    con.execute("update app_setting set value = '99' where key = 'schema_version'")
    con.execute("update app_setting set value = 'imported' where key = 'dataset'")
    con.close()
    with pytest.raises(db.DataError, match=f"是用更新版本的程序构建的（结构版本 99，本程序 {migrations.LATEST}）。请升级程序。"):
        deployment.ensure(v1, FIXTURE_DATA)


def test_the_command_line_upgrades_before_it_reads(v1):
    import subprocess
    import sys

    con = duckdb.connect(str(v1))
    con.execute("update app_setting set value = 'imported' where key = 'dataset'")
    con.close()
    r = subprocess.run([sys.executable, "-m", "tradestats", "--db", str(v1), "summary", "--year", "2025", "--month", "1",
                        "--period", "month", "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"数据库已升级到本程序的结构（版本 {migrations.LATEST}）" in r.stderr and '"amount_wan": 215.5' in r.stdout


def test_views_and_macros_of_an_earlier_release_are_made_anew_when_opened(tmp_path):
    # Same stored tables, other derived.sql (a release changed a view or a macro): opening remakes them.
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)

    def as_an_earlier_release(con):
        con.execute("drop view reporting_region")
        con.execute("update app_setting set value = 'imported' where key = 'dataset'")
        con.execute("update app_setting set value = '000000000000' where key = 'derived'")

    db.write_version(path, as_an_earlier_release, copy_of=path.resolve())
    before = figures(path)
    assert deployment.ensure(path, FIXTURE_DATA)
    assert db.settings_of(path)["derived"] == db.derived_digest() and figures(path) == before
    con = db.connect(path)
    assert con.execute("select count(*) from reporting_region").fetchall()[0][0] > 0
    assert con.execute("select kind, file_name from import_log order by import_id desc limit 1").fetchall() == [
        ("upgrade", f"结构升级 {migrations.LATEST} → {migrations.LATEST}：派生视图更新")]
    con.close()
    assert not deployment.ensure(path, FIXTURE_DATA)  # once is enough


# -- a deployment that began with the demo ------------------------------------------------------------------

RELEASE = FIXTURE_DATA / "release-2026-11-29.duckdb.gz"


@pytest.fixture
def demo_started(tmp_path):
    """A database of the 2026-11-29 release (12e280a) that began with the demo: the fixture data built with its
    demo, then `2025年1月.csv` imported (一区 工程建设 4宗 160万元, 二县 自然资源 1宗 55.5万元: the demo's cells remain,
    so its dataset stayed 'demo') and alert 3 acknowledged by 张三 — the version file, gzipped."""
    path = tmp_path / "t.duckdb"
    with gzip.open(RELEASE) as src, open(path, "wb") as out:
        shutil.copyfileobj(src, out)
    return path


def stored_cells(path):
    con = db.connect(path)
    try:
        return con.execute("select * from fact_trade_monthly order by all").fetchall()
    finally:
        con.close()


def month_amount(path, year, month, region="900100"):
    q = functools.partial(queries.run, db.connect(path))
    return float(summary.headline(q, Period(year, month, "month"), region).amount_wan)


def test_an_upgrade_keeps_the_imports_of_a_deployment_that_began_with_the_demo(demo_started):
    assert db.settings_of(demo_started)["dataset"] == "demo"
    before = stored_cells(demo_started)
    assert deployment.ensure(demo_started, FIXTURE_DATA) is True
    assert db.settings_of(demo_started)["derived"] == db.derived_digest()
    assert stored_cells(demo_started) == before and month_amount(demo_started, 2025, 1) == 215.5
    log = history.imports(demo_started)
    assert list(log.kind) == ["upgrade", "stats"] and log.file_name[1] == "2025年1月.csv"
    acked = alerts.listing(demo_started).set_index("alert_id").loc[3]
    assert (acked.status, acked.acknowledged_by, acked.note) == ("acknowledged", "张三", "已电话催报")
    assert db.settings_of(demo_started)["dataset"] == "demo"  # the demo's cells are still there: the notice stays
    assert deployment.ensure(demo_started, FIXTURE_DATA) is False  # once is enough: the next command does not rebuild it
    # Back to the file the earlier release left: the next command upgrades it again, its import still there.
    before = next(f.stem for f in db.versions_dir(demo_started).iterdir() if "before-versions" in f.name)
    history.rollback(demo_started, before)
    deployment.ensure(demo_started, FIXTURE_DATA)
    assert month_amount(demo_started, 2025, 1) == 215.5 and history.imports(demo_started).kind.iloc[-1] == "stats"


def test_a_release_that_changes_only_derived_sql_keeps_the_imports_too(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    plan = importer.plan(path, "1月.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,4,160\n".encode(),
                         today=dt.date(2025, 6, 30))
    importer.apply(path, plan, confirmed=True)
    db.write_version(path, lambda con: con.execute("update app_setting set value = '000000000000' where key = 'derived'"),
                     copy_of=path.resolve())
    assert deployment.ensure(path, FIXTURE_DATA) is True
    assert month_amount(path, 2025, 1) == 160.0 and list(history.imports(path).kind) == ["upgrade", "stats"]


def test_an_acknowledged_alert_is_kept_too(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    first = int(alerts.listing(path).alert_id.min())
    alerts.acknowledge(path, first, by="张三")
    db.write_version(path, lambda con: con.execute("update app_setting set value = '000000000000' where key = 'derived'"),
                     copy_of=path.resolve())
    assert deployment.ensure(path, FIXTURE_DATA) is True
    assert alerts.listing(path).set_index("alert_id").loc[first].acknowledged_by == "张三"


def test_a_database_only_the_deployments_files_made_is_built_anew(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)
    db.write_version(path, lambda con: con.execute("update app_setting set value = '000000000000' where key = 'derived'"),
                     copy_of=path.resolve())
    assert deployment.ensure(path, FIXTURE_DATA) is True
    assert history.imports(path).empty  # built anew: no upgrade line
    assert db.settings_of(path)["derived"] == db.derived_digest()
