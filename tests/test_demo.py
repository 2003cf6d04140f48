"""The demo data set reproduces every figure of the center's 2024 report, through the code the pages use."""

import csv
import subprocess
import sys

from tradestats import config
from tradestats.domain import summary
from tradestats.domain.periods import Period

HOME = "431200"


def test_headline_figures_of_the_report(dq):
    s = summary.summarize(dq, Period(2024))
    assert s["region_name"] == "怀化市"
    assert (s["projects"], s["projects_yoy_pct"]) == (1534, 23.81)
    assert round(s["amount_wan"] / 10000, 2) == 293.74 and s["amount_yoy_pct"] == 18.59
    assert round(s["savings_wan"] / 10000, 2) == 11.86
    assert s["premium_wan"] == 1555.53
    assert (s["key_projects"], round(s["key_amount_wan"] / 10000, 2)) == (679, 196.01)
    assert (s["rank"], s["rank_of"]) == (5, 14)


def test_sector_figures_of_the_report(dq):
    sectors = {x["code"]: x for x in summary.summarize(dq, Period(2024))["sectors"]}
    assert (sectors["engineering"]["projects"], sectors["engineering"]["projects_yoy_pct"]) == (666, 26.14)
    assert (sectors["natural_resources"]["projects"], sectors["natural_resources"]["projects_yoy_pct"]) == \
        (232, 51.63)
    assert round(sum(x["share_pct"] for x in sectors.values()), 1) == 100.0


def test_published_figures_file_agrees(dq):
    """data/demo/published_figures.csv (quoted in data/README.md) holds the same numbers the app shows."""
    s = summary.summarize(dq, Period(2024))
    sectors = {x["code"]: x for x in s["sectors"]}
    shown = {
        "projects": s["projects"], "projects_yoy_pct": s["projects_yoy_pct"],
        "amount": round(s["amount_wan"] / 10000, 2), "amount_yoy_pct": s["amount_yoy_pct"],
        "premium": s["premium_wan"], "savings": round(s["savings_wan"] / 10000, 2), "amount_rank": s["rank"],
        "key_projects": s["key_projects"], "key_amount": round(s["key_amount_wan"] / 10000, 2),
    }
    for code in ("engineering", "natural_resources"):
        shown[f"{code}_projects"] = sectors[code]["projects"]
        shown[f"{code}_projects_yoy_pct"] = sectors[code]["projects_yoy_pct"]
    with open(config.DATA_DIR / "demo" / "published_figures.csv", encoding="utf-8") as f:
        published = {r["figure"]: float(r["value"]) for r in csv.DictReader(f)}
    assert shown == published


def test_counties_add_up_to_the_city_every_month(dq):
    def months(region):
        return summary.trend(dq, 2020, 2024, region).set_index(["year", "period"]).value

    city = months(HOME)
    total = sum(months(c) for c in dq("regions_of_city", city=HOME).region_code[1:])
    assert (total.round(2) == city.round(2)).all() and len(city) == 60 and city.notna().all()


def test_demo_data_has_every_year_month_region_and_sector(dq):
    """2023 and 2024, and the synthetic 2020–2022 before them (the year-end estimate's profile)."""
    months = dq("months_with_data", region=HOME)
    assert list(months.itertuples(index=False, name=None)) == [(y, 12) for y in range(2024, 2019, -1)]
    ranks = dq("rank_by_region", **Period(2024).params(), parent="430000", sector=None, measure="amount_wan")
    assert ranks["rank"].notna().sum() == 14 and ranks.rank_prev.notna().sum() == 14
    assert ranks.set_index("region_code").loc[HOME, "rank_prev"] == 6


def test_generator_is_deterministic(tmp_path):
    out = tmp_path / "trade_monthly.csv"
    subprocess.run([sys.executable, str(config.DATA_DIR / "demo" / "generate.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (config.DATA_DIR / "demo" / "trade_monthly.csv").read_bytes()


def test_demo_projects_roll_up_to_the_home_cells(demo_db):
    """The synthetic project list of the home city adds up to its monthly cells, every measure exactly."""
    from tradestats.store import db

    con = db.connect(demo_db)
    differing = con.execute("""
        with rolled as (
            select year(deal_date) as year, month(deal_date) as month, region_code, sector_code,
                   count(*) as projects, sum(amount_wan) as amount_wan, sum(reference_wan) as reference_wan,
                   sum(savings_wan) as savings_wan, sum(premium_wan) as premium_wan,
                   count(*) filter (where is_key_industry) as key_projects,
                   coalesce(sum(amount_wan) filter (where is_key_industry), 0) as key_amount_wan
            from fact_project group by all)
        select * from fact_cells f full join rolled r using (year, month, region_code, sector_code)
        where f.city_code = '431200' and f.projects > 0 and (r.projects is null
           or (f.projects, f.amount_wan, f.reference_wan, f.savings_wan, f.premium_wan, f.key_projects,
               f.key_amount_wan) <> (r.projects, r.amount_wan, r.reference_wan, r.savings_wan, r.premium_wan,
               r.key_projects, r.key_amount_wan))""").fetchall()
    assert differing == [] and con.execute("select count(*) from fact_project").fetchall() == [(6221,)]
    con.close()
