"""A region's words as clerks write them (the adversarial report's 7 and 9), in a deployment of 怀化 built from the
shipped regions: 全市 is the city's total row, checked against the sum of its units as 合计 is; a county written
as its short name + 县/市/区 (靖州县) is that county when no other region has the short name; and a refusal's
suggestion never puts figures in the wrong place — no other 市州 and not the city itself for a unit within the
city (市直, 怀化市本级, 怀化经开区), nothing for a note (制表人：张三) or a word far from every known name."""

import datetime as dt

import pytest

from tradestats.deploy import deployment
from tradestats.ingest import importer, value_words
from tradestats.store import db

TODAY = dt.date(2024, 6, 30)
HEAD = "月份,地区,板块,项目数,交易额（万元）"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("huaihua") / "t.duckdb"
    deployment.build(path, demo=False)
    return path


@pytest.fixture(scope="module")
def vocab(store):
    con = db.connect(store)
    try:
        return importer.vocabulary(con)
    finally:
        con.close()


def plan(store, *lines):
    return importer.plan(store, "5月.csv", "\n".join([HEAD, *lines]).encode("utf-8"), today=TODAY)


def errors(found) -> list[str]:
    return [str(p) for p in found.errors]


def test_a_full_city_row_is_the_total_checked_as_heji(store, vocab):
    assert (vocab.regions["全市"], vocab.regions["本市"]) == ("431200", "431200")
    rows = ["2024-05,鹤城区,工程建设,10,1000", "2024-05,沅陵县,工程建设,12,1200"]
    found = plan(store, *rows, "2024-05,全市,工程建设,22,2200")
    assert errors(found) == []
    assert list(zip(found.cells.region_code, found.cells.projects, found.cells.amount_wan.astype(float))) == \
        [("431202", 10, 1000.0), ("431222", 12, 1200.0)]
    for word in ("全市", "合计"):  # the same check, the same message
        assert errors(plan(store, *rows, f"2024-05,{word},工程建设,22,2300")) == \
            ["5月.csv 第4行：合计行与各行之和不符：交易额合计 2,300.00万元，各行之和 2,200.00万元。"]


def test_a_short_name_with_the_suffix_of_its_level_is_the_region(store, vocab):
    assert {w: vocab.regions.get(w) for w in ("靖州县", "麻阳县", "通道县", "芷江县", "新晃县", "洪江市", "长沙县")} == \
        {"靖州县": "431229", "麻阳县": "431226", "通道县": "431230", "芷江县": "431228", "新晃县": "431227",
         "洪江市": "431281", "长沙县": None}  # 长沙 is a city's short name: 长沙县 is not 长沙市
    found = plan(store, "2024-05,靖州县,工程建设,3,300", "2024-05,麻阳县,工程建设,2,200")
    assert errors(found) == [] and list(found.cells.region_code) == ["431229", "431226"]


@pytest.mark.parametrize("field, word, name", [
    ("region", "市直", "市本级"),  # not 长沙市
    ("region", "怀化市本级", "市本级"),  # not 怀化市, the city's total
    ("region", "鹤城区（含经开区）", "鹤城区"),
    ("region", "怀化经开区", None),  # not 怀化: no unit of the city is near
    ("region", "怀化高新区", None),
    ("region", "株州市", "株洲市"),
    ("sector", "制表人：张三", None),  # a note, not a name (not 铁路工程)
    ("sector", "工程建筑", "工程建设"),
])
def test_the_name_a_refusal_suggests(vocab, field, word, name):
    assert value_words.nearest(field, word, vocab) == name
    assert vocab.hint(field, word) == (f"，是不是“{name}”？" if name else "。")


def test_a_unit_within_the_city_is_offered_only_the_citys_units(vocab):
    offered = value_words.choices("region", "市直", vocab)
    assert offered[0] == "市本级" and {vocab.regions[n] for n in offered} <= vocab.home_units


def test_the_values_a_refusal_prints(store):
    found = plan(store, "2024-05,市直,工程建设,5,500", "2024-05,怀化市本级,工程建设,2,200",
                 "2024-05,怀化经开区,工程建设,4,400")
    assert errors(found)[-1] == (
        '5月.csv：若这些是本中心自己的叫法，可用 --values "地区:市直=市本级,地区:怀化市本级=市本级,地区:怀化经开区=?" '
        "指定对应（左边是文件中的写法，右边是已知的名称；导入成功后记住，下次自动使用）。")


def test_the_row_messages_suggest_as_the_values_do(store):
    found = plan(store, "2024-05,市直,工程建设,5,500", "2024-05,怀化经开区,工程建设,4,400")
    assert errors(found)[:2] == ["5月.csv 第2行“地区”列：未知的地区“市直”，是不是“市本级”？",
                                 "5月.csv 第3行“地区”列：未知的地区“怀化经开区”。"]
