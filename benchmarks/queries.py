"""Every question the pages ask, timed at two database sizes, and the overview's questions against a pandas
implementation of them on the same data.

    .venv/bin/python benchmarks/queries.py [--small 100000] [--large 10000000] [--runs 5] [--spans]

For each query: min / median / max in ms at the small and the large size, and the ratio large / small (the
pages read monthly cells, so it stays near 1 however many project rows there are; the project list is the
exception, paged from the project table). Then the overview's four questions in DuckDB and in pandas at the
large size, as a ratio. Databases are generated (tradestats generate) in a temporary folder."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from tradestats.demo import generate
from tradestats.domain.periods import Period
from tradestats.store import db, queries
from tradestats.store.derive import derive

HOME, PROVINCE = "431200", "430000"
PERIOD = Period(2024, 6).params()
ASKED = {  # each query file with the parameters a page gives it
    "headline_by_period": dict(**PERIOD, region=HOME, sector=None),
    "amount_by_sector": dict(**PERIOD, region=HOME, sector=None),
    "measure_by_period": dict(year_from=2023, year_to=2024, grain="month", region=HOME, sector=None,
                              measure="amount_wan"),
    "rank_by_region": dict(**PERIOD, parent=PROVINCE, sector=None, measure="amount_wan"),
    "share_by_sector_month": dict(year=2024, region=HOME),
    "share_of_year_by_month": dict(year=2024, region=HOME, sector=None, measure="amount_wan"),
    "missing_months_by_region": dict(year=2024, month_to=6, city=HOME),
    "months_with_data": dict(region=HOME),
    "last_month_by_year": dict(region=HOME),
    "regions_of_city": dict(city=HOME),
    "app_settings": {},
    "sectors": {},
    "projects_top_in_period": dict(**PERIOD, region=HOME, sector=None, search="", order="amount", limit=50,
                                   offset=0),
    "imports_by_time": {},
    "cells_as_stats_file": {},
    # 交易效率与竞争 and 市场主体 (issue 17): read the stored sums of derived.sql (tender_cell, party_scope …)
    "market_by_period": dict(**PERIOD, region=HOME, sector=None),
    "concentration_by_period": dict(**PERIOD, region=HOME, sector=None),
    "market_by_dimension": dict(**PERIOD, region=HOME, sector=None, by=("sector", "method", "band")),
    "tenders_by_bidders": dict(**PERIOD, region=HOME, sector=None),
    "winners_top_in_period": dict(**PERIOD, region=HOME, sector=None, who="winner", order="amount_wan", limit=10),
    "concentration_by_sector": dict(**PERIOD, region=HOME, sector=None),
    "winners_new_by_period": dict(**PERIOD, region=HOME, sector=None),
    "party_trades_by": dict(who="agency", key="湖南1号招标代理有限公司", by="month"),
    "party_trades": dict(who="agency", key="湖南1号招标代理有限公司", limit=200),
}
# The project page's other questions, which read the project table itself: a page past the top lists, and
# a search. They grow with the table; the page asks them only when someone pages that deep or searches.
PROJECT_TABLE = {
    "projects_in_period (page 3)": dict(ASKED["projects_top_in_period"], offset=100),
    "projects_in_period (search)": dict(ASKED["projects_top_in_period"], search="道路"),
}
OVERVIEW = ("headline_by_period", "amount_by_sector", "measure_by_period", "rank_by_region")
# With --spans: 2022 known only from 累计 figures (1-3, 1-6, 1-9 and 1-12月 of every reporting region and trade
# type), so these questions go the rule's longest ways: a span as stored, and a quarter as the difference of two.
SPAN_PERIODS = {"2022年1-9月 (span)": Period(2022, 9).params(),
                "2022年四季度 (difference)": Period(2022, 12, "quarter").params()}
SPANNED = ("headline_by_period", "amount_by_sector", "rank_by_region")


def add_spans(path: Path) -> None:
    """2022's 累计 figures, made from 2024's months (the generated years are 2023 and 2024)."""
    def fill(con):
        for last in (3, 6, 9, 12):
            con.execute("""insert into fact_trade_span (year, month_from, month_to, region_code, sector_code,
                               trade_type_code, projects, amount_wan, reference_wan, savings_wan, premium_wan)
                           select 2022, 1, ?, region_code, any_value(sector_code), trade_type_code, sum(projects),
                                  sum(amount_wan), sum(reference_wan), sum(savings_wan), sum(premium_wan)
                           from fact_trade_monthly where year = 2024 and month <= ? group by all""", [last, last])
        derive(con)
    db.write_version(path, fill, copy_of=Path(os.path.realpath(path)))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def stats(ms: list[float]) -> str:
    return f"{min(ms):8.1f} {statistics.median(ms):8.1f} {max(ms):8.1f}"


def pandas_overview(cells: pd.DataFrame, regions: pd.DataFrame) -> None:
    """The overview's questions the way a pandas dashboard would answer them."""
    c = cells.merge(regions[["region_code", "city_code", "province_code"]], on="region_code")
    period = c[c.month.between(1, 6) & c.year.isin([2023, 2024])]
    home = period[period.city_code == HOME]
    home.groupby("year")[["projects", "amount_wan", "savings_wan", "premium_wan"]].sum()
    home.groupby(["year", "sector_code"])[["projects", "amount_wan"]].sum()
    c[c.city_code == HOME].groupby(["year", "month"]).amount_wan.sum()
    by_city = period[period.province_code == PROVINCE].groupby(["year", "city_code"]).amount_wan.sum()
    by_city.groupby(level=0).rank(ascending=False, method="min")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large-db", type=Path, help="use this database (tradestats generate) for the large size")
    parser.add_argument("--spans", action="store_true", help="add 2022 累计 figures and time the questions of 2022")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for n in (a.small, a.large):
            path = Path(tmp) / f"p{n}" / "t.duckdb"
            path.parent.mkdir()
            if n == a.large and a.large_db:
                db.ensure(Path(a.large_db))  # made by an earlier release: upgraded, as the app does at its start
                if not a.spans:
                    sizes[n] = db.connect(Path(a.large_db))
                    continue
                shutil.copyfile(os.path.realpath(a.large_db), path)  # spans go into a copy
            else:
                start = time.perf_counter()
                generate.generate(path, n, 2023, 2024)
                print(f"generated {n:,} project rows in {time.perf_counter() - start:.1f} s")
            if a.spans:
                add_spans(path)
            sizes[n] = db.connect(path)
        print(f"\n{'query':<26} {'min':>8} {'median':>8} {'max':>8}  at {a.small:,} | "
              f"{'min':>8} {'median':>8} {'max':>8}  at {a.large:,} | large/small (ms)")
        asked = [(name, name, params) for name, params in ASKED.items()]
        if a.spans:
            asked += [(f"{name} {when}", name, ASKED[name] | period) for name in SPANNED
                      for when, period in SPAN_PERIODS.items()]
        asked += [(label, "projects_in_period", params) for label, params in PROJECT_TABLE.items()]
        for label, name, params in asked:
            if label == next(iter(PROJECT_TABLE)):
                print("the project table itself (deep pages, search):")
            small, large = (timed(lambda c=con: queries.run(c, name, **params), a.runs) for con in sizes.values())
            print(f"{label:<26} {stats(small)} | {stats(large)} | ×{statistics.median(large) / statistics.median(small):.2f}")
        con = sizes[a.large]
        duck = timed(lambda: [queries.run(con, n, **ASKED[n]) for n in OVERVIEW], a.runs)
        cells = con.execute("select * from fact_trade_monthly").df()
        regions = con.execute("select * from dim_region").df()
        panda = timed(lambda: pandas_overview(cells, regions), a.runs)
        print(f"\noverview, DuckDB queries   {stats(duck)} ms")
        print(f"overview, pandas on cells  {stats(panda)} ms   pandas / DuckDB ×{statistics.median(panda) / statistics.median(duck):.2f}")
        for con in sizes.values():
            con.close()


if __name__ == "__main__":
    main()
