"""A regions file of another center (code,name,level,parent) adds its pseudo-regions; rows that restate known
regions pass unchanged, 上级编码 written or left blank (a clerk's GBK CSV and workbook of a deployment
made by `init --city`); a file read as a kind it lacks the columns of, or of no kind at all, says so."""

import datetime as dt
import io
import shutil

import pytest
from conftest import FIXTURE_DATA

from tradestats import cli, config
from tradestats.deploy import deployment
from tradestats.ingest import importer
from tradestats.store import db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


def plan(store, text: str, kind: str | None = None, name: str = "regions.csv") -> importer.Plan:
    return importer.plan(store, name, text.encode("utf-8"), today=TODAY, kind=kind)


def regions(store) -> dict[str, tuple]:
    con = db.connect(store)
    try:
        return {r[0]: r[1:] for r in con.execute(
            "select region_code, region_name, short_name, level, parent_code, city_code, province_code "
            "from dim_region").fetchall()}
    finally:
        con.close()


def test_pseudo_regions_with_the_province_and_the_city_restated(store):
    text = ("code,name,level,parent\n"
            "900000,测试省,province,\n"
            "900100,甲市,city,900000\n"
            "900180,市区两级,pseudo,900100\n"
            "900181,城区,pseudo,900100\n")
    p = plan(store, text, kind="regions")
    assert not p.problems, [str(x) for x in p.problems]
    assert (p.kind, p.added, p.changed, p.unchanged) == ("regions", 2, 0, 2)
    before = regions(store)
    importer.apply(store, p)
    after = regions(store)
    assert after["900180"] == ("市区两级", "市区两级", "pseudo", "900100", "900100", "900000")
    assert after["900181"][:4] == ("城区", "城区", "pseudo", "900100")
    assert {k: v for k, v in after.items() if k in before} == before  # the restated rows changed nothing


def test_the_same_in_chinese_headers_is_recognised_without_kind(store):
    text = "编码,名称,简称,级别,上级编码\n900000,测试省,测试省,province,\n900182,县级,县级,pseudo,900100\n"
    p = plan(store, text)
    assert (p.kind, p.added, p.unchanged, p.errors) == ("regions", 1, 1, [])


def test_a_city_of_an_unknown_province_is_named(store):
    text = "code,name,level,parent\n900500,戊市,city,910000\n"
    messages = [str(x) for x in plan(store, text).errors]
    assert messages == ["regions.csv 第2行“上级编码”列：市“戊市”的上级编码“910000”不是已有或本文件中的省：请在文件中加上"
                        "这个省的一行（级别 province，上级编码留空），或改正上级编码。"]
    # With its province in the file, it is a new peer list.
    p = plan(store, "code,name,level,parent\n910000,己省,province,\n910100,戊市,city,910000\n")
    assert (p.added, p.errors) == (2, [])
    assert [str(x) for x in plan(store, "code,name,level,parent\n910000,己省,province,900000\n").errors] == [
        "regions.csv 第2行“上级编码”列：省级地区的上级编码应为空（不是“900000”）。"]


def test_kind_regions_on_a_statistics_file_names_the_missing_columns(store):
    text = "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,10\n"
    p = plan(store, text, kind="regions", name="m.csv")
    assert [str(x) for x in p.errors] == [
        "m.csv：按地区文件读取：缺少 地区编码、地区名称、级别、上级编码 列（找到的列：月份、地区、板块、项目数、交易额）；"
        "这像是统计文件，请改用 --kind stats。"]
    p = plan(store, "code,name\n900183,城区\n", kind="regions")
    assert "缺少 级别、上级编码 列（找到的列：code、name）" in str(p.errors[0])
    assert "这像是" not in str(p.errors[0])


def test_a_file_of_no_kind_says_so_and_is_never_called_a_statistics_file(store):
    messages = [str(x) for x in plan(store, "code,label,parent_id\n1,x,0\n", name="x.csv").errors]
    assert len(messages) == 1 and "无法识别文件类型" in messages[0] and "找到的列：code、label、parent_id" in messages[0]
    assert "这是统计文件" not in messages[0]


# A clerk of 宜昌 (Hubei) heads their own list with their province and city, 上级编码 left blank, then the
# pseudo-regions of their data: a GBK CSV and a workbook with a title row, as their office keeps them.
CLERK = [["地区编码", "地区名称", "简称", "级别", "上级编码"],
         [420000, "湖北省", "湖北", "province", None],
         [420500, "宜昌市", "宜昌", "city", None],
         [420599, "市本级", "市本级", "pseudo", 420500],
         [420590, "城区", "城区", "pseudo", 420500]]


def gbk_csv(rows) -> bytes:
    return "".join(",".join("" if c is None else str(c) for c in row) + "\r\n" for row in rows).encode("gbk")


def workbook(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["宜昌市公共资源交易中心地区表"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def yichang(tmp_path_factory):
    home = tmp_path_factory.mktemp("yichang") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.HOME_ENV, str(home))
        patch.delenv(config.DB_ENV, raising=False)
        assert cli.main(["init", "--city", "420500", "--empty"]) == 0
    return home / config.DB_NAME


@pytest.mark.parametrize("name, data", [("地区.csv", gbk_csv(CLERK)), ("地区.xlsx", workbook(CLERK))])
def test_the_home_city_and_its_province_restated_with_a_blank_parent_change_nothing(yichang, tmp_path, name, data):
    store = tmp_path / "t.duckdb"
    shutil.copy(yichang, store)
    p = importer.plan(store, name, data, today=TODAY)
    assert [str(x) for x in p.problems] == []
    assert (p.kind, p.added, p.changed, p.unchanged) == ("regions", 2, 0, 2)
    before = regions(store)
    importer.apply(store, p)
    after = regions(store)
    assert {k: v for k, v in after.items() if k in before} == before  # the province and the city as they were
    assert after["420500"] == ("宜昌市", "宜昌", "city", "420000", "420500", "420000")
    assert after["420599"] == ("市本级", "市本级", "pseudo", "420500", "420500", "420000")
    assert after["420590"][:4] == ("城区", "城区", "pseudo", "420500")


def test_regions_with_data_restated_with_a_blank_parent_are_unchanged(store):
    p = plan(store, "编码,名称,级别,上级编码\n900000,测试省,province,\n900200,乙市,city,\n900199,市本级,pseudo,\n")
    assert (p.added, p.changed, p.unchanged, p.errors) == (0, 0, 3, [])


def test_a_blank_parent_restates_only_what_is_known(yichang, tmp_path):
    """A row with a blank 上级编码 of another level or name, or of a new city, is read as before; a new 简称 is
    a change, as it is with the parent written."""
    store = tmp_path / "t.duckdb"
    shutil.copy(yichang, store)

    def errors(*rows):
        return [str(x) for x in importer.plan(store, "地区.csv", gbk_csv([CLERK[0], *rows]), today=TODAY).errors]

    assert errors([420500, "宜昌市", "宜昌", "county", None]) == [
        "地区.csv 第2行“上级编码”列：上级编码“”应是一个已有或本文件中的 city 级地区。"]
    assert errors([420500, "宜昌地区", "宜昌", "city", None]) == [
        "地区.csv 第2行“上级编码”列：市“宜昌地区”的上级编码“”不是已有或本文件中的省：请在文件中加上这个省的一行"
        "（级别 province，上级编码留空），或改正上级编码。"]
    assert errors([429900, "新市", "新市", "city", None]) == [
        "地区.csv 第2行“上级编码”列：市“新市”的上级编码“”不是已有或本文件中的省：请在文件中加上这个省的一行"
        "（级别 province，上级编码留空），或改正上级编码。"]
    p = importer.plan(store, "地区.csv", gbk_csv([CLERK[0], [420500, "宜昌市", "宜昌市", "city", None]]), today=TODAY)
    assert (p.added, p.changed, p.unchanged, p.errors) == (0, 1, 0, [])


def test_a_parent_written_is_taken_as_written(store):
    """A known region under another parent is a change, refused for a region that has data."""
    p = plan(store, "code,name,level,parent\n910000,己省,province,\n900100,甲市,city,910000\n")
    assert (p.added, p.changed, p.unchanged, p.errors) == (1, 1, 0, [])
    p = plan(store, "code,name,level,parent\n910000,己省,province,\n900200,乙市,city,910000\n")
    assert [str(x) for x in p.errors] == ["regions.csv 第3行“级别”列：地区 900200 已有交易数据，不能改变其级别或上级。"]


def test_a_deployments_own_header_words_are_used_for_regions_and_targets_files(store, tmp_path, monkeypatch):
    """The header words of the regions, targets and indicators files live in data/import/*_columns.csv, as the
    statistics files' do in columns.csv: a center adds its own words in its deployment folder, and the field's
    first word there names it in messages."""
    home = tmp_path / "home"
    (home / "import").mkdir(parents=True)
    shipped = (config.DATA_DIR / "import" / "region_columns.csv").read_text(encoding="utf-8")
    (home / "import" / "region_columns.csv").write_text(shipped + "region_code,区划码\nregion_name,单位名称\n",
                                                        encoding="utf-8")
    targets = (config.DATA_DIR / "import" / "target_columns.csv").read_text(encoding="utf-8")
    (home / "import" / "target_columns.csv").write_text("field,alias\ntarget,任务数\n" + targets.split("\n", 1)[1],
                                                        encoding="utf-8")
    text = "区划码,单位名称,级别,上级编码\n900183,园区,pseudo,900100\n"
    assert plan(store, text).kind != "regions"  # the shipped words do not know 区划码
    monkeypatch.setenv(config.HOME_ENV, str(home))
    p = plan(store, text)
    assert (p.kind, p.added, p.errors) == ("regions", 1, [])
    # A targets file with the center's own word for 目标, which also names the column in a message.
    p = importer.plan(store, "目标.csv", "年份,地区,指标,任务数\n2024,甲市,交易额,-5\n".encode("utf-8"), today=TODAY)
    assert p.kind == "targets" and [str(x) for x in p.errors] == ["目标.csv 第2行“任务数”列：任务数不能为负数（-5）。"]
