"""交易类型 under the sectors: a bulletin's sub-type rows import side by side and add up to their sector; the
same type twice is the duplicate; a sector's row beside its types is their 小计; a file's level (types or
the sector as a whole) replaces the other's stored cells; the dump carries the types back."""

import datetime as dt
import functools

import pytest
from conftest import FIXTURE_DATA, app_page, frames

from tradestats.deploy import deployment
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.store import db, queries

TODAY = dt.date(2025, 6, 30)
HEAD = "月份,地区,交易类型,项目数,交易额（万元）\n"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


def plan(store, text, name="m.csv"):
    return importer.plan(store, name, text.encode(), today=TODAY)


def imported(store, text, name="m.csv"):
    p = plan(store, text, name)
    assert not p.errors, [str(x) for x in p.errors]
    importer.apply(store, p, confirmed=True)
    return p


def sectors(store, year, month, region="900100"):
    q = functools.partial(queries.run, db.connect(store))
    table = summary.sectors(q, Period(year, month, "month"), region).set_index("sector_code")
    return {code: (int(r.projects), float(r.amount_wan)) for code, r in table.iterrows() if r.projects > 0}


def cells(store):
    con = db.connect(store)
    try:
        return con.execute("select year, month, region_code, trade_type_code, projects, amount_wan::double "
                           "from fact_trade_monthly where year = 2025 order by all").fetchall()
    finally:
        con.close()


def test_sub_types_of_one_sector_import_side_by_side_and_add_up(store):
    p = imported(store, HEAD + "2025-01,一区,土地使用权,2,300\n2025-01,一区,探矿权,1,40\n2025-01,一区,国有产权,1,12\n")
    assert (p.added, p.changed) == (3, 0)
    assert sectors(store, 2025, 1) == {"natural_resources": (3, 340.0), "property_rights": (1, 12.0)}
    assert [c[3] for c in cells(store)] == ["exploration", "land", "state_property"]


def test_the_same_type_twice_is_the_duplicate(store):
    p = plan(store, HEAD + "2025-01,一区,土地使用权,2,300\n2025-01,一区,国有建设用地使用权,1,40\n")
    assert [str(e) for e in p.errors] == ["m.csv 第3行：与第2行重复（同一月份、地区和交易类型出现两次）。"]


def test_a_sector_row_beside_its_types_is_their_subtotal(store):
    text = HEAD + "2025-01,一区,自然资源,3,340\n2025-01,一区,土地使用权,2,300\n2025-01,一区,探矿权,1,40\n"
    p = imported(store, text)
    assert p.added == 2 and sectors(store, 2025, 1) == {"natural_resources": (3, 340.0)}
    wrong = plan(store, text.replace(",3,340", ",3,350"))
    assert [str(e) for e in wrong.errors] == [
        "m.csv 第2行：合计行与各行之和不符：交易额合计 350.00万元，各行之和 340.00万元。"]


def test_a_sector_column_and_a_type_column(store):
    head = "月份,地区,板块,交易类型,项目数,交易额\n"
    imported(store, head + "2025-01,一区,自然资源,土地使用权,2,300\n2025-01,二县,自然资源,,1,5\n"
                           "2025-01,二县,工程建设,房建市政,4,160\n")
    assert sectors(store, 2025, 1) == {"natural_resources": (3, 305.0), "engineering": (4, 160.0)}
    wrong = plan(store, head + "2025-02,一区,产权交易,探矿权,1,30\n")
    assert [str(e) for e in wrong.errors] == ["m.csv 第2行“交易类型”列：交易类型“探矿权”属于自然资源，与板块“产权交易”不符。"]


def test_types_replace_the_whole_sector_cell_and_the_other_way_round(store):
    # 2024-01 一区 工程建设 holds the fixture's whole-sector cell (3宗 150万元); a file of its types takes its place.
    assert sectors(store, 2024, 1, "900101")["engineering"] == (3, 150.0)
    p = imported(store, HEAD + "2024-01,一区,房建市政,2,100\n2024-01,一区,交通工程,1,70\n")
    assert (p.added, p.removed) == (2, 1) and "另有 1 格被取代" in p.describe()
    assert sectors(store, 2024, 1, "900101")["engineering"] == (3, 170.0)
    # The month's city total before and after, as the import's summary shows it: 200 → 220.
    assert (float(p.months.before[0]), float(p.months.after[0])) == (200.0, 220.0)
    # One type corrected: the other stays.
    imported(store, HEAD + "2024-01,一区,交通工程,1,55\n", name="fix.csv")
    assert sectors(store, 2024, 1, "900101")["engineering"] == (3, 155.0)
    # The sector as a whole again: both types give way.
    p = imported(store, HEAD + "2024-01,一区,工程建设,3,160\n", name="whole.csv")
    assert (p.added, p.removed) == (1, 2) and sectors(store, 2024, 1, "900101")["engineering"] == (3, 160.0)


def test_the_dump_carries_the_types_back(store, tmp_path):
    from tradestats.documents import spreadsheet

    imported(store, HEAD + "2025-01,一区,土地使用权,2,300\n2025-01,一区,探矿权,1,40\n")
    q = functools.partial(queries.run, db.connect(store))
    dump = q("cells_as_stats_file")
    assert list(dump[dump["月份"] == "2025-01"]["交易类型"]) == ["土地使用权", "探矿权"]
    again = importer.plan(store, "dump.csv", spreadsheet.csv_bytes(dump), today=TODAY)
    assert not again.errors and again.added == again.changed == 0


def test_the_sectors_page_lists_a_sectors_types(tmp_path, monkeypatch):
    """板块分析 shows the types with count, amount and 同比; a year of sector totals only says so."""
    from tradestats import config

    path = tmp_path / "t.duckdb"
    deployment.build(path)  # the demo: sector totals only
    imported(path, "月份,地区,交易类型,项目数,交易额（万元）\n2024-12,溆浦县,土地使用权,2,300\n2024-12,溆浦县,探矿权,1,40\n")
    monkeypatch.setenv(config.DB_ENV, str(path))

    at = app_page("pages/sectors.py", month=12, kind="month", region="431224", sector="natural_resources")
    table = next(f for f in frames(at) if "交易类型" in f.columns)
    assert list(table["交易类型"]) == ["土地使用权", "探矿权"] and list(table["交易额"]) == ["300.00万元", "40.00万元"]
    assert list(table["占板块"]) == ["88.24%", "11.76%"] and list(table["项目数同比"]) == ["—", "—"]
    at = app_page("pages/sectors.py", month=11, kind="month")
    assert any("没有按交易类型细分" in c.value for c in at.caption)
