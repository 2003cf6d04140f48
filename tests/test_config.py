"""Where a deployment's files are: its folder (TRADESTATS_HOME) first, the shipped defaults second."""

import duckdb
import pytest

from tradestats import config
from tradestats.deploy import deployment
from tradestats.ingest import stats_file
from tradestats.present import geo
from tradestats.store import db


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv(config.HOME_ENV, str(tmp_path / "home"))
    monkeypatch.delenv(config.DB_ENV, raising=False)
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def test_a_file_of_the_home_wins_over_the_shipped_one(home):
    assert config.find("import/columns.csv") == config.DATA_DIR / "import" / "columns.csv"
    (home / "import").mkdir()
    (home / "import" / "columns.csv").write_text("alias,field\n区域,region\n", encoding="utf-8")
    assert config.find("import/columns.csv") == home / "import" / "columns.csv"
    assert stats_file.read_csv("import/columns.csv") == [{"alias": "区域", "field": "region"}]
    # Neither has it: the home's path, for a message to name.
    assert config.find("boundaries/420500.geojson") == home / "boundaries" / "420500.geojson"


def test_the_database_is_in_the_home_unless_tradestats_db_says(home, monkeypatch, tmp_path):
    assert config.db_path() == home / "tradestats.duckdb"
    monkeypatch.setenv(config.DB_ENV, str(tmp_path / "elsewhere.duckdb"))
    assert config.db_path() == tmp_path / "elsewhere.duckdb"


def test_without_a_home_a_checkout_uses_its_data_folder(monkeypatch):
    monkeypatch.delenv(config.HOME_ENV, raising=False)
    monkeypatch.delenv(config.DB_ENV, raising=False)
    assert config.SHIPPED == config.ROOT and config.home() == config.ROOT / "data"
    assert config.db_path() == config.ROOT / "data" / "tradestats.duckdb"


def test_an_empty_home_builds_the_demo_from_the_shipped_files(home):
    deployment.build(config.db_path())
    con = db.connect(home / "tradestats.duckdb")
    assert con.execute("select value from app_setting where key = 'dataset'").fetchone() == ("demo",)
    con.close()
    assert sorted(p.name for p in home.iterdir()) == [".tradestats.duckdb.import.lock", "tradestats.duckdb",
                                                       "tradestats.duckdb.versions"]


def test_the_homes_settings_and_boundaries_are_used(home):
    settings = (config.DATA_DIR / "settings.toml").read_text(encoding="utf-8")
    (home / "settings.toml").write_text(settings.replace("怀化市公共资源交易中心", "怀化市公共资源交易服务中心"),
                                        encoding="utf-8")
    deployment.build(config.db_path(), demo=False)
    con = duckdb.connect(str(home / "tradestats.duckdb"), read_only=True)
    assert con.execute("select value from app_setting where key = 'center_name'").fetchone() == ("怀化市公共资源交易服务中心",)
    con.close()
    assert len(geo.boundaries("431200")["features"]) == 12  # shipped
    (home / "boundaries").mkdir()
    (home / "boundaries" / "431200.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert geo.boundaries("431200")["features"] == []


def test_a_bad_reference_file_of_the_home_is_named(home):
    (home / "regions.csv").write_text("region_code,region_name\n430000,湖南省\n", encoding="utf-8")
    with pytest.raises(db.DataError, match=str(home / "regions.csv") + "：缺少列"):
        deployment.build(config.db_path())
