"""The demo project list's optional fields (issue 17, data/demo/market.py): reproduced by the generator,
consistent with the trades they describe, and without effect on any published figure (test_demo)."""

import subprocess
import sys

import pytest

from tradestats import config
from tradestats.ingest.project_fields import check_character

pytestmark = pytest.mark.unit


def test_the_generator_writes_the_committed_project_list_and_failed_trades(tmp_path):
    out = tmp_path / "trade_monthly.csv"
    subprocess.run([sys.executable, str(config.DATA_DIR / "demo" / "generate.py"), str(out)], check=True,
                   capture_output=True)
    for name in ("projects.csv", "failed_tenders.csv"):
        assert (tmp_path / name).read_bytes() == (config.DATA_DIR / "demo" / name).read_bytes(), name


def test_the_fields_fit_the_trades(demo_db):
    from tradestats.store import db

    con = db.connect(demo_db)
    try:
        assert con.execute("""
            select count(*) filter (where winner is null or bidders is null or not outcome_known),
                   count(*) filter (where announce_date >= deal_date or open_date > deal_date or open_date < announce_date),
                   count(*) filter (where bidders < 1 or (method = '单一来源' and bidders <> 1))
            from fact_project""").fetchall() == [(0, 0, 0)]
        codes = [r[0] for r in con.execute("select distinct winner_credit_code from fact_project").fetchall()]
        assert all(len(c) == 18 and check_character(c[:17]) == c[17] for c in codes)
        failed = con.execute("""select count(*), count(*) filter (where f.failed_date is null),
                                       count(*) filter (where f.project_id in (select project_id from fact_project))
                                from fact_tender_failed f""").fetchall()[0]
        assert failed[0] > 100 and failed[1:] == (0, 0)
    finally:
        con.close()


def test_the_demo_has_new_and_returning_winners_every_year(dq):
    """Firms enter the demo's market over the years: the 新老中标主体 table has both kinds. 2024 by hand from
    projects.csv: 173 winners, 16 of them with no trade won before 2024."""
    kinds = {y: dq("winners_new_by_period", year=y, month_from=1, month_to=12, region="431200", sector=None)
             .set_index("kind").winners.to_dict() for y in range(2021, 2025)}
    assert kinds[2024] == {"new": 16, "returning": 157}
    assert all(k["new"] > 0 and k["returning"] > 0 for k in kinds.values())
