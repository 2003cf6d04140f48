"""The questions of queries/ on the fixture database; every expected figure is worked out by hand in
tests/fixture_data/README.md terms: 甲市 (home, by county), 乙市 and 丙市 (city totals)."""

import pandas as pd
import pytest

from tradestats import summary
from tradestats.periods import Period

HOME, P = "900100", "900000"


def head(fq, period, region=HOME, basis="reference"):
    return fq("headline_by_period", **period.params(), region=region, rate_basis=basis).iloc[0]


def test_full_year_sums_and_yoy(fq):
    h = head(fq, Period(2024))
    assert (h.cells, h.projects, float(h.amount_wan)) == (5, 8, 255.0)
    assert (h.projects_yoy_pct, h.amount_yoy_pct) == (60.0, 27.5)
    assert (float(h.savings_wan), h.savings_yoy_pct) == (15.0, -16.67)
    assert (float(h.premium_wan), h.premium_yoy_pct) == (12.0, 140.0)
    assert (h.key_projects, float(h.key_amount_wan)) == (3, 170.0)


def test_rates_follow_the_basis_setting(fq):
    assert head(fq, Period(2024)).savings_rate_pct == 7.14        # 15 / (160 + 44 + 6)
    assert head(fq, Period(2024)).premium_rate_pct == 25.0        # 12 / (40 + 8)
    assert head(fq, Period(2024), basis="amount").savings_rate_pct == 7.69  # 15 / (150 + 40 + 5)


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
    s = fq("amount_by_sector", **Period(2024).params(), region=HOME).set_index("sector_code")
    assert list(s.index) == ["engineering", "procurement", "property_rights", "natural_resources"]
    assert list(s.projects) == [3, 3, 1, 1]
    assert list(s.projects_yoy_pct.fillna(-1)) == [0.0, 200.0, -1, 0.0]  # 产权交易: no 2023 base
    assert list(s.share_pct) == [58.82, 17.65, 3.92, 19.61]
    assert s.amount_wan.sum() == head(fq, Period(2024)).amount_wan  # parts add up to the whole


def test_monthly_trend(fq):
    t = fq("amount_by_month", year=2024, region=HOME)
    got = {(r.year, r.month): float(r.amount_wan) for r in t.itertuples()}
    assert got == {(2023, 1): 150.0, (2023, 2): 20.0, (2023, 3): 0.0, (2023, 12): 30.0,
                   (2024, 1): 200.0, (2024, 2): 50.0, (2024, 3): 5.0}


def test_city_rank_is_competition_ranking_with_ties(fq):
    r = fq("rank_by_region", **Period(2024).params(), parent=P, measure="amount_wan").set_index("region_code")
    assert r.loc[HOME, "rank"] == 1 and r.loc["900300", "rank"] == 1 and r.loc["900200", "rank"] == 3
    assert list(r.rank_of.unique()) == [3]
    assert (r.loc[HOME, "rank_prev"], r.loc["900200", "rank_prev"], r.loc["900300", "rank_prev"]) == (2, 1, 3)


def test_city_without_data_in_the_period_has_no_rank(fq):
    r = fq("rank_by_region", **Period(2024, 1).params(), parent=P, measure="amount_wan").set_index("region_code")
    assert (r.loc["900200", "rank"], r.loc[HOME, "rank"]) == (1, 2)
    assert pd.isna(r.loc["900300", "rank"]) and r.loc["900300", "rank_of"] == 2


def test_county_rank_by_projects(fq):
    r = fq("rank_by_region", **Period(2024).params(), parent=HOME, measure="projects").set_index("region_code")
    assert (r.loc["900101", "rank"], r.loc["900102", "rank"]) == (1, 2)
    assert pd.isna(r.loc["900103", "rank"]) and pd.isna(r.loc["900199", "rank"])  # no 2024 data
    assert r.loc["900199", "rank_prev"] == 2  # 2023: 一区 3宗, 二县 1宗 and 市本级 1宗 tie


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
