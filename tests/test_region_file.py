"""A regions file of another center (code,name,level,parent) adds its pseudo-regions; rows that restate known
regions pass unchanged; a file read as a kind it lacks the columns of, or of no kind at all, says so."""

import datetime as dt

import pytest
from conftest import FIXTURE_DATA

from tradestats.ingest import importer
from tradestats.store import db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    db.build(path, FIXTURE_DATA)
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
