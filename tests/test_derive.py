"""The stored forms the pages read agree with what they are derived from: fact_cells with its view, and a
project list's first pages from the top lists with the same pages sorted from the whole project table —
also after an import rewrote only the months it touched."""

import datetime as dt
import itertools
import os
import shutil

import duckdb
import pandas as pd
import pytest

from tradestats.demo import generate
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.store import db, derive, derive_market, queries

HOME, COUNTY, PROVINCE = "431200", "431224", "430000"


@pytest.fixture
def few_places(monkeypatch):
    """Three places per cell, so that a page of a period reaches past many cells' top lists."""
    monkeypatch.setattr(derive, "TOP_PLACES", 3)


@pytest.fixture
def generated(tmp_path, few_places):
    path = tmp_path / "g" / "t.duckdb"
    path.parent.mkdir()
    generate.generate(path, 20000, 2023, 2024, seed=3)
    return path


def table(con, name: str) -> pd.DataFrame:
    return con.execute(f"select * from {name} order by all").df()


def assert_derived_tables_are_current(path):
    """A writable copy re-derived from scratch holds the same derived tables as the version itself."""
    real = os.path.realpath(path)
    copy = f"{real}.check"
    shutil.copyfile(real, copy)
    try:
        con = duckdb.connect(copy)
        before = {t: table(con, t) for t in ("fact_cells", "project_top", "project_count", *derive_market.TABLES,
                                              "party_first")}
        derive.derive(con)
        for name, frame in before.items():
            pd.testing.assert_frame_equal(frame, table(con, name), obj=name)
        assert len(before["project_top"]) and len(before["fact_cells"]) and len(before["party_scope"])
        con.close()
    finally:
        os.unlink(copy)


def pages_agree(con, combos) -> int:
    checked = 0
    for period, region, sector, order, (limit, offset) in combos:
        params = dict(**period.params(), region=region, sector=sector, search="", order=order, limit=limit,
                      offset=offset)
        assert derive.project_query("", limit, offset) == "projects_top_in_period"
        top = queries.run(con, "projects_top_in_period", **params)
        full = queries.run(con, "projects_in_period", **params)
        pd.testing.assert_frame_equal(top, full, obj=str(params))
        checked += len(full)
    return checked


def test_fact_cells_is_its_view(demo_db):
    con = db.connect(demo_db)
    assert con.execute("select count(*) from fact_cells").fetchall()[0][0] > 0
    pd.testing.assert_frame_equal(table(con, "fact_cells"), table(con, "fact_cells_view"))


def test_first_pages_from_the_top_lists_are_the_pages_of_the_whole_table(generated):
    con = db.connect(generated)
    periods = (Period(2024, 6), Period(2024, 3, "month"), Period(2023, 4, "quarter"), Period(2024))
    combos = itertools.product(periods, (None, HOME, COUNTY, PROVINCE), (None, "engineering"),
                               derive.ORDERS, ((3, 0), (2, 1), (1, 2)))
    assert pages_agree(con, combos) > 300
    # The same dates come many times a month: ties are broken by project_id in both.
    ties = con.execute("select count(*) from (select deal_date from fact_project where region_code = ? "
                       "group by all having count(*) > 3)", [COUNTY]).fetchall()[0][0]
    assert ties > 0
    assert_derived_tables_are_current(generated)


def test_pages_past_the_top_lists_or_with_a_search_read_the_project_table():
    assert derive.project_query("", 50, 50) == "projects_top_in_period"
    assert derive.project_query("", 50, 100) == "projects_in_period"
    assert derive.project_query("道路", 50, 0) == "projects_in_period"


def test_an_import_rewrites_the_lists_of_the_months_it_touches(generated):
    con = db.connect(generated)
    moved, old_day = con.execute("select project_id, deal_date from project_top where order_key = 'amount' and "
                                 "place = 1 and region_code = ? and year = 2024 and month = 3 limit 1",
                                 [COUNTY]).fetchall()[0]
    county = con.execute("select short_name from dim_region where region_code = ?", [COUNTY]).fetchall()[0][0]
    con.close()
    text = ("项目编号,项目名称,交易类型,地区,成交日期,成交金额\n"
            f"{moved},改到五月的项目,工程建设,{county},2024-05-20,99999\n"
            f"N-1,新的大项目,工程建设,{county},2024-03-02,88888\n"
            f"N-2,年末的项目,工程建设,{county},2024-12-30,77777\n")  # the months touched end with the year
    plan = importer.plan(generated, "p.csv", text.encode(), today=dt.date(2025, 1, 1), kind="projects")
    assert not plan.errors, plan.errors
    assert importer.apply(generated, plan, confirmed=True) is not None
    con = db.connect(generated)
    first = queries.run(con, "projects_top_in_period", **Period(2024, 3, "month").params(), region=COUNTY,
                        sector="engineering", search="", order="amount", limit=3, offset=0)
    assert first.project_id[0] == "N-1" and moved not in set(first.project_id)
    may = queries.run(con, "projects_top_in_period", **Period(2024, 5, "month").params(), region=COUNTY,
                      sector="engineering", search="", order="amount", limit=1, offset=0)
    assert may.project_id[0] == moved and old_day.month == 3
    combos = itertools.product((Period(2024, 3, "month"), Period(2024, 5, "month"), Period(2024, 6)),
                               (HOME, COUNTY), (None, "engineering"), derive.ORDERS, ((3, 0),))
    assert pages_agree(con, combos) > 0
    con.close()
    assert_derived_tables_are_current(generated)
