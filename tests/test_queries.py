"""The questions of queries/ on the fixture database; every expected figure is worked out by hand in
tests/fixture_data/README.md terms: 甲市 (home, by county), 乙市 and 丙市 (city totals)."""

import shutil

import pandas as pd
import pytest
from conftest import FIXTURE_DATA, runner

from tradestats.deploy import deployment
from tradestats.domain import summary
from tradestats.domain.periods import Period

HOME, P = "900100", "900000"


def head(fq, period, region=HOME, sector=None):
    return fq("headline_by_period", **period.params(), region=region, sector=sector).iloc[0]


def trend(fq, grain="month", measure="amount_wan", years=(2024, 2024), region=HOME, sector=None):
    t = fq("measure_by_period", year_from=years[0], year_to=years[1], grain=grain, region=region,
           sector=sector, measure=measure)
    return t.set_index(["year", "period"])


def ranks(fq, period, parent=P, measure="amount_wan", sector=None):
    return fq("rank_by_region", **period.params(), parent=parent, sector=sector,
              measure=measure).set_index("region_code")


def test_full_year_sums_and_yoy(fq):
    h = head(fq, Period(2024))
    assert (h.cells, h.projects, float(h.amount_wan)) == (5, 8, 255.0)
    assert (h.projects_yoy_pct, h.amount_yoy_pct) == (60.0, 27.5)
    assert (float(h.savings_wan), h.savings_yoy_pct) == (15.0, -16.67)
    assert (float(h.premium_wan), h.premium_yoy_pct) == (12.0, 140.0)
    assert (h.key_projects, float(h.key_amount_wan)) == (3, 170.0)


def test_rates_follow_the_basis_setting(fq, tmp_path):
    assert head(fq, Period(2024)).savings_rate_pct == 7.14        # 15 / (160 + 44 + 6)
    assert head(fq, Period(2024)).premium_rate_pct == 25.0        # 12 / (40 + 8)
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    settings = data / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"reference"', '"amount"'), encoding="utf-8")
    deployment.build(tmp_path / "t.duckdb", data)
    by_amount = head(runner(tmp_path / "t.duckdb"), Period(2024))
    assert (by_amount.savings_rate_pct, by_amount.premium_rate_pct) == (7.69, 20.0)  # 15/195, 12/60


def test_ytd_takes_months_one_to_n_of_both_years(fq):
    h = head(fq, Period(2024, 2))
    assert (h.projects, float(h.amount_wan)) == (7, 250.0)        # Jan + Feb 2024
    assert (h.projects_prev, float(h.amount_prev_wan)) == (4, 170.0)  # Jan + Feb 2023


def test_single_month(fq):
    h = head(fq, Period(2024, 2, "month"))
    assert (h.projects, float(h.amount_wan)) == (3, 50.0)
    assert (h.projects_yoy_pct, h.amount_yoy_pct) == (200.0, 150.0)


def test_zero_base_gives_no_yoy(fq):
    # 二县 reported 0 procurement trades in March 2023, 1 in March 2024.
    h = head(fq, Period(2024, 3, "month"), region="900102")
    assert h.projects == 1 and h.projects_prev == 0
    assert pd.isna(h.projects_yoy_pct)


def test_period_without_data(fq):
    h = head(fq, Period(2024, 12, "month"))
    assert h.cells == 0 and pd.isna(h.projects) and pd.isna(h.projects_yoy_pct)


def test_region_filter_takes_one_county(fq):
    h = head(fq, Period(2024), region="900101")
    assert (h.projects, float(h.amount_wan), h.projects_yoy_pct, h.amount_yoy_pct) == (5, 190.0, 66.67, 58.33)


def test_sectors_with_shares_and_missing_base(fq):
    s = summary.sectors(fq, Period(2024), HOME).set_index("sector_code")
    assert list(s.index) == ["engineering", "procurement", "property_rights", "natural_resources"]
    assert list(s.projects) == [3, 3, 1, 1]
    assert list(s.projects_yoy_pct.fillna(-1)) == [0.0, 200.0, -1, 0.0]  # 产权交易: no 2023 base
    assert list(s.share_pct) == [58.82, 17.65, 3.92, 19.61]
    assert s.amount_wan.sum() == head(fq, Period(2024)).amount_wan  # parts add up to the whole
    # 2023 shares: 工程建设 130 / 200 = 65%, so -6.18 points; 节资率 10 / 160 = 6.25% against 13 / 143 = 9.09%
    assert (s.loc["engineering", "share_change_pp"], s.loc["engineering", "savings_rate_pct"],
            s.loc["engineering", "savings_rate_change_pp"]) == (-6.18, 6.25, -2.84)
    assert s.loc["natural_resources", "premium_rate_pct"] == 25.0  # 10 / 40


def test_sector_filter(fq):
    h = head(fq, Period(2024), sector="procurement")
    assert (h.projects, float(h.amount_wan), h.projects_yoy_pct, h.savings_rate_pct) == (3, 45.0, 200.0, 10.0)


def test_monthly_trend_with_ytd_and_yoy(fq):
    t = trend(fq)
    assert len(t) == 12
    assert [t.value.get((2024, m)) for m in (1, 2, 3)] == [200.0, 50.0, 5.0]
    assert [t.value_ytd.get((2024, m)) for m in (1, 2, 3)] == [200.0, 250.0, 255.0]
    assert t.loc[(2024, 1), "yoy_pct"] == 33.33            # 200 against 150
    assert t.loc[(2024, 2), "ytd_yoy_pct"] == 47.06        # 250 against 170
    assert pd.isna(t.loc[(2024, 3), "yoy_pct"])            # March 2023 reported zero: no base
    assert pd.isna(t.loc[(2024, 4), "value"]) and pd.isna(t.loc[(2024, 4), "value_ytd"])  # no data, no carry


def test_mom_across_the_year_boundary(fq):
    t = trend(fq)
    assert t.loc[(2024, 1), "mom_pct"] == 566.67            # January 2024 (200) against December 2023 (30)
    assert t.loc[(2024, 2), "mom_pct"] == -75.0
    q = trend(fq, grain="quarter")
    assert (q.loc[(2024, 1), "value"], q.loc[(2024, 1), "yoy_pct"], q.loc[(2024, 1), "mom_pct"]) == \
        (255.0, 50.0, 750.0)                               # Q1 2023: 170; Q4 2023: 30


def test_quarters_and_years(fq):
    q = trend(fq, grain="quarter", measure="projects", years=(2023, 2024))
    assert [q.value.get((2023, i)) for i in (1, 2, 3, 4)][0] == 4 and q.loc[(2023, 4), "value"] == 1
    assert pd.isna(q.loc[(2023, 1), "yoy_pct"])            # no 2022 at all
    y = trend(fq, grain="year", measure="projects", years=(2023, 2024))
    assert list(y.value) == [5, 8] and y.loc[(2024, 1), "yoy_pct"] == 60.0


def test_rate_changes_are_in_percentage_points(fq):
    t = trend(fq, grain="year", measure="savings_rate_pct", years=(2024, 2024))
    # 2024: 15 / 210 = 7.14%; 2023: 18 / 168 = 10.71%
    assert (t.loc[(2024, 1), "value"], t.loc[(2024, 1), "yoy_pct"]) == (7.14, -3.57)


def test_city_rank_is_competition_ranking_with_ties(fq):
    r = ranks(fq, Period(2024))
    assert r.loc[HOME, "rank"] == 1 and r.loc["900300", "rank"] == 1 and r.loc["900200", "rank"] == 3
    assert list(r.rank_of.unique()) == [3]
    assert (r.loc[HOME, "rank_prev"], r.loc["900200", "rank_prev"], r.loc["900300", "rank_prev"]) == (2, 1, 3)


def test_city_without_data_in_the_period_has_no_rank(fq):
    r = ranks(fq, Period(2024, 1))
    assert (r.loc["900200", "rank"], r.loc[HOME, "rank"]) == (1, 2)
    assert pd.isna(r.loc["900300", "rank"]) and r.loc["900300", "rank_of"] == 2


def test_county_rank_by_projects(fq):
    r = ranks(fq, Period(2024), parent=HOME, measure="projects")
    assert (r.loc["900101", "rank"], r.loc["900102", "rank"]) == (1, 2)
    assert pd.isna(r.loc["900103", "rank"]) and pd.isna(r.loc["900199", "rank"])  # no 2024 data
    assert r.loc["900199", "rank_prev"] == 2  # 2023: 一区 3宗, 二县 1宗 and 市本级 1宗 tie


def test_rank_by_a_rate_within_a_sector(fq):
    r = ranks(fq, Period(2024), parent=HOME, measure="savings_rate_pct", sector="procurement")
    # 一区 4 / 44 = 9.09%, 二县 1 / 6 = 16.67%: 二县 first; 2023 一区 5 / 25 = 20%, 二县 no base
    assert (r.loc["900102", "rank"], r.loc["900101", "rank"]) == (1, 2)
    assert (r.loc["900101", "value_yoy_pct"], r.loc["900101", "rank_prev"]) == (-10.91, 1)
    assert pd.isna(r.loc["900102", "rank_prev"])


def test_summary_json_shape(fq):
    s = summary.summarize(fq, Period(2024))
    assert (s["region_name"], s["projects"], s["amount_wan"], s["rank"], s["rank_of"], s["rank_prev"]) == \
        ("甲市", 8, 255.0, 1, 3, 2)
    assert s["sectors"][2] == {"code": "property_rights", "name": "产权交易", "projects": 1,
                               "projects_yoy_pct": None, "amount_wan": 10.0, "amount_yoy_pct": None,
                               "share_pct": 3.92}


def test_summary_of_a_county_ranks_it_among_the_counties(fq):
    s = summary.summarize(fq, Period(2024), "900102")
    assert (s["region_name"], s["projects"], s["rank"], s["rank_of"]) == ("二县", 3, 2, 2)


def test_summary_refuses_an_unknown_region(fq):
    with pytest.raises(ValueError, match="地区编码 123 不是甲市或其所辖区县的编码"):
        summary.summarize(fq, Period(2024), "123")


def test_monthly_sector_shares_add_up_to_100(fq):
    s = fq("share_by_sector_month", year=2024, region=HOME)
    assert list(zip(s.month, s.sector_code, s.share_pct)) == [
        (1, "engineering", 75.0), (1, "natural_resources", 25.0),       # 150 and 50 of 200
        (2, "procurement", 80.0), (2, "property_rights", 20.0),         # 40 and 10 of 50
        (3, "procurement", 100.0)]


def test_missing_months_are_gaps_but_reported_zeros_are_not(fq):
    g = fq("missing_months_by_region", year=2023, month_to=3, city=HOME).set_index("region_code")
    # 2023: 一区 reported January and February; 二县 January and (a zero) March; 三县 and 市本级 nothing.
    assert {c: list(m) for c, m in g.missing_months.items()} == {
        "900199": [1, 2, 3], "900101": [3], "900102": [2], "900103": [1, 2, 3]}
