"""Backtest of the year-end estimate (tradestats.domain.estimate) on the demo years: each year's total estimated from
its months 1–N (N = 1..11) and compared with the year's actual total.

    .venv/bin/python scripts/backtest_estimate.py [--measure amount_wan] [--region 431200]

Two ways of choosing the profile years: as the app does (the complete years before the year; the years with
at least two before them) and leave-one-out (every other demo year, before or after). Error = (estimate −
actual) ÷ actual, in percent; 区间内 counts the years whose actual total lies within the estimate's range
(the lowest and highest per-year estimate) — not shown for leave-one-out, where it is (n − 2)/n by
construction: the years of the highest and the lowest share always fall outside the others' range. The demo's 2020–2022 are synthetic (data/README.md): this shows
how the method behaves on data of that seasonality, not how well it foresees a real center's year."""

from __future__ import annotations

import argparse
import functools
import tempfile
from pathlib import Path

from tradestats import config
from tradestats.domain import estimate, metrics
from tradestats.domain.periods import Period
from tradestats.store import db, queries


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--measure", default="amount_wan", choices=estimate.ADDITIVE)
    p.add_argument("--region", default="431200")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        db.build(path, config.DATA_DIR, demo=True)
        q = functools.partial(queries.run, db.connect(path))
        rows = q("share_of_year_by_month", year=9999, region=a.region, sector=None, measure=a.measure)
        complete = rows[rows.months_with_data == 12]
        years = sorted({int(y) for y in complete.year})
        total = {y: float(complete[complete.year == y].year_value.iloc[0]) for y in years}
        shares = {y: [float(s) for s in complete[complete.year == y].sort_values("month").share] for y in years}
        ytd = {y: [float(v) for v in complete[complete.year == y].sort_values("month").value_ytd] for y in years}

        def err(value: float, y: int) -> float:
            return 100 * (value - total[y]) / total[y]

        judged = [y for y in years if estimate.of(q, Period(y, 6), a.region, None, a.measure).value is not None]
        print(f"全年预计回测：{metrics.CATALOGUE[a.measure].label}，地区 {a.region}，示例数据 {years[0]}–{years[-1]}年")
        print("误差 = (预计 − 实际) ÷ 实际，%；区间内：实际全年落在预计区间（各年比例分别推算的最低—最高值）内的年数\n")
        head = [f"{y}年" for y in judged]
        print("| N月 | " + " | ".join(head) + " | 平均绝对误差 | 区间内 | 留一法平均绝对误差 | 留一法最大绝对误差 |")
        print("|" + " --- |" * (len(head) + 5))
        for n in range(1, 12):
            app = []
            inside = 0
            for y in judged:
                e = estimate.of(q, Period(y, n), a.region, None, a.measure)
                app.append(err(e.value, y))
                inside += e.low <= total[y] <= e.high
            loo = []
            for y in years:
                value, *_ = estimate.project(ytd[y][n - 1], {o: shares[o] for o in years if o != y}, n)
                loo.append(err(value, y))
            print(f"| {n} | " + " | ".join(f"{x:+.1f}" for x in app)
                  + f" | {sum(map(abs, app)) / len(app):.1f} | {inside}/{len(app)}"
                  + f" | {sum(map(abs, loo)) / len(loo):.1f} | {max(map(abs, loo)):.1f} |")


if __name__ == "__main__":
    main()
