import os
import shutil

import duckdb
import pytest
from conftest import FIXTURE_DATA

from tradestats.deploy import deployment
from tradestats.domain.periods import Period
from tradestats.store import db, queries


def amount(path) -> float:
    con = db.connect(path)
    try:
        return float(queries.run(con, "headline_by_period", **Period(2024).params(), region="900100",
                                 sector=None).amount_wan[0])
    finally:
        con.close()


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path / "data"


def test_build_publishes_a_version_behind_a_pointer(tmp_path):
    path = tmp_path / "t.duckdb"
    first = deployment.build(path, FIXTURE_DATA)
    assert path.is_symlink() and os.path.realpath(path) == str(first)
    assert amount(path) == 255.0


def test_rebuild_while_a_reader_holds_the_old_version(tmp_path, data_dir):
    """The app keeps its read-only connection; a build is not blocked and the reader keeps a whole version."""
    path = tmp_path / "t.duckdb"
    deployment.build(path, data_dir)
    before = db.version_key(path)
    reader = db.connect(path)
    csv = data_dir / "demo" / "trade_monthly.csv"
    csv.write_text(csv.read_text().replace("2024,3,900102,procurement,1,5.00", "2024,3,900102,procurement,1,45.00"))
    deployment.build(path, data_dir)
    assert db.version_key(path) != before
    old = queries.run(reader, "headline_by_period", **Period(2024).params(), region=None, sector=None)
    assert float(old.amount_wan[0]) == 255.0 + 240 + 255  # the whole province, old version
    assert amount(path) == 295.0
    reader.close()


def test_bad_reference_file_names_file_row_column_and_changes_nothing(tmp_path, data_dir):
    path = tmp_path / "t.duckdb"
    deployment.build(path, data_dir)
    before = db.version_key(path)
    regions = data_dir / "regions.csv"
    lines = regions.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",city,", ",town,")          # row 4: 乙市
    lines[6] = lines[6].replace(",900100,", ",999999,")      # row 7: 一区
    regions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(db.DataError) as e:
        deployment.build(path, data_dir)
    message = str(e.value)
    assert "数据库未改动" in message
    assert f"{regions} 第4行，level列：“town”应为 province / city / county / pseudo 之一。" in message
    assert f"{regions} 第7行，parent_code列：上级“999999”不对" in message
    assert db.version_key(path) == before and amount(path) == 255.0
    assert not list(db.versions_dir(path).glob("*.partial"))


def test_settings_must_name_a_known_city(tmp_path, data_dir):
    settings = data_dir / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"900100"', '"900101"'), encoding="utf-8")
    with pytest.raises(db.DataError, match="home_region = “900101” 应为 regions.csv 中一个 city 级地区的编码"):
        deployment.build(tmp_path / "t.duckdb", data_dir)
    assert not (tmp_path / "t.duckdb").exists()


def test_ensure_builds_only_when_missing(tmp_path):
    path = tmp_path / "sub" / "t.duckdb"
    assert deployment.ensure(path, FIXTURE_DATA) is True
    key = db.version_key(path)
    assert deployment.ensure(path, FIXTURE_DATA) is False and db.version_key(path) == key


def test_empty_build_has_reference_tables_only(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=False)
    con = db.connect(path)
    assert con.execute("select count(*) from fact_trade_monthly").fetchone() == (0,)
    assert con.execute("select count(*) from dim_region").fetchone() == (8,)
    assert con.execute("select value from app_setting where key = 'dataset'").fetchone() == ("empty",)
    con.close()


def test_old_versions_are_pruned(tmp_path):
    path = tmp_path / "t.duckdb"
    for _ in range(db.KEEP_VERSIONS + 2):
        deployment.build(path, FIXTURE_DATA, demo=False)
    assert len(list(db.versions_dir(path).glob("*.duckdb"))) == db.KEEP_VERSIONS


def test_a_plain_database_file_is_kept_as_a_version(tmp_path):
    path = tmp_path / "t.duckdb"
    path.write_bytes(b"not a pointer")
    deployment.build(path, FIXTURE_DATA, demo=False)
    kept = [p for p in db.versions_dir(path).iterdir() if "before-versions" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a pointer"


def test_connect_to_a_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="请先运行 tradestats init"):
        db.connect(tmp_path / "none.duckdb")


def publish_stale(path, dataset: str) -> None:
    """Make a database of another schema version current."""
    stale = db.versions_dir(path) / "stale.duckdb"
    con = duckdb.connect(str(stale))
    con.execute("create table app_setting (key varchar, value varchar)")
    con.execute("insert into app_setting values ('dataset', ?), ('schema', 'old')", [dataset])
    con.close()
    db.publish(path, stale)


def test_ensure_rebuilds_a_demo_database_of_another_schema(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    publish_stale(path, "demo")
    assert deployment.ensure(path, FIXTURE_DATA) is True
    assert amount(path) == 255.0


def test_ensure_refuses_imported_data_of_another_schema(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    publish_stale(path, "imported")
    with pytest.raises(db.DataError, match="是用另一版本的程序构建的.*请运行 tradestats init 重建"):
        deployment.ensure(path, FIXTURE_DATA)


def test_a_killed_writers_files_go_at_the_next_write(tmp_path):
    """A kill while DuckDB's WAL existed left <version>.partial.wal behind for good."""
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=False)
    for name in ("20240101T000000000000-1.partial", "20240101T000000000000-1.partial.wal"):
        (db.versions_dir(path) / name).write_bytes(b"left by kill -9")
    deployment.build(path, FIXTURE_DATA, demo=False)
    assert not [f.name for f in db.versions_dir(path).iterdir() if ".partial" in f.name]
