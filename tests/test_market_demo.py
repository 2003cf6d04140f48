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
