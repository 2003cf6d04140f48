"""Figures of a span of months (a quarter, a 1–N月 累计, a year) answer any period by one rule (period_cells):
the months when all are there, else the span itself, else a span plus its later months, else the difference of
two, else unknown — worked out by hand on the fixture data (一区 2024 全年: 5宗 190万元) plus stored spans."""

import functools

import pytest
from conftest import FIXTURE_DATA

from tradestats.deploy import deployment
from tradestats.domain import summary, targets
from tradestats.domain.periods import Period, span_note
from tradestats.store import db, queries
from tradestats.store.derive import derive

SPANS = [  # year, from, to, region, type, 宗, 万元
    (2025, 1, 9, "900101", "engineering", 9, 900),
    (2025, 1, 12, "900101", "engineering", 12, 1300),
    (2025, 1, 3, "900102", "natural_resources", 2, 30),
    (2025, 1, 4, "900101", "engineering", 4, 400),
]


@pytest.fixture(scope="module")
def spans(tmp_path_factory):
    path = tmp_path_factory.mktemp("spans") / "t.duckdb"
    deployment.build(path, FIXTURE_DATA, demo=True)

    def add(con):
        con.executemany("insert into fact_trade_span (year, month_from, month_to, region_code, sector_code, "
                        "trade_type_code, projects, amount_wan) values (?, ?, ?, ?, ?, ?, ?, ?)",
                        [[y, a, b, r, t, t, n, w] for y, a, b, r, t, n, w in SPANS])
        con.execute("insert into fact_trade_monthly (year, month, region_code, sector_code, trade_type_code, "
                    "projects, amount_wan) values (2025, 4, '900102', 'procurement', 'procurement', 1, 7)")
        con.execute("insert into fact_target values (2025, '900101', '', 'amount_wan', 2000, 0)")
        derive(con)

    db.write_version(path, add, copy_of=path.resolve())
    return functools.partial(queries.run, db.connect(path))


@pytest.mark.parametrize(("period", "region", "projects", "amount", "basis"), [
    (Period(2025, 9), "900101", 9, 900.0, "span"),  # 1-9月 as stored
    (Period(2025, 12), "900101", 12, 1300.0, "span"),
    (Period(2025, 12, "quarter"), "900101", 3, 400.0, "difference"),  # 1-12月 − 1-9月
    (Period(2025, 4), "900102", 3, 37.0, "span_plus_months"),  # 一季度 + 4月
    (Period(2025, 4, "month"), "900102", 1, 7.0, "months"),
    (Period(2025, 4), "900100", 7, 437.0, "mixed"),  # 一区's 1-4月 beside 二县's 1-3月 + 4月
    (Period(2025, 12), "900100", None, None, "unknown"),  # 二县 has 1-3月 and 4月 only
    (Period(2025, 3, "month"), "900101", None, None, "unknown"),  # only 累计: no month of it can be known
    (Period(2025, 9), "900100", None, None, "unknown"),  # 二县's 1-9月 cannot be known: nor can the city's
])
def test_one_rule_answers_any_period(spans, period, region, projects, amount, basis):
    got = summary.summarize(spans, period, region)
    assert (got["projects"], got["amount_wan"]) == (projects, amount)
    assert got["basis"] == basis


def test_a_figure_that_cannot_be_known_says_what_is_missing_and_no_part_stands_for_the_whole(spans):
    got = summary.summarize(spans, Period(2025, 3, "month"), "900100")
    assert got["amount_wan"] is None and all(s["amount_wan"] is None for s in got["sectors"])
    assert got["missing"].startswith("一区、二县2025年3月的数字无法得出")
    ranks = summary.ranking(spans, summary.context(spans), Period(2025, 3, "month"), "900101")
    assert ranks.set_index("region_code").value.isna()["900101"]


def test_yoy_uses_the_same_rule_for_last_year(spans):
    got = summary.summarize(spans, Period(2025, 12), "900101")  # 一区 2024 全年 from its months: 190万元
    assert got["amount_yoy_pct"] == round(100 * (1300 - 190) / 190, 2) and got["note"] == "全年为年度报表数据，无分月数据。"


def test_period_over_period_is_given_beside_yoy(spans):
    got = summary.summarize(spans, Period(2025, 4, "month"), "900102")  # 4月 7万元 against 3月: only 一季度 known
    assert got["amount_pop_pct"] is None
    q4 = summary.summarize(spans, Period(2025, 12, "quarter"), "900101")  # against 三季度: 1-9月 less 1-6月, unknown
    assert q4["amount_pop_pct"] is None and summary.summarize(spans, Period(2025, 9), "900101")["amount_pop_pct"] is None


def test_span_notes():
    assert span_note([(1, 9)]) == "1-9月为累计报表数据，无分月数据。"
    assert span_note([(7, 9), (1, 12)]) == "全年为年度报表数据，三季度为季度报表数据，无分月数据。"


def test_a_targets_completion_takes_the_year_to_date_by_the_same_rule(spans):
    ctx = summary.context(spans)
    done = targets.progress(spans, ctx, Period(2025, 9), "900101").iloc[0]  # 1-9月 900万元 of 2000万元
    assert (float(done.actual), float(done.completion_pct)) == (900.0, 45.0)
    unknown = targets.progress(spans, ctx, Period(2025, 5), "900101").iloc[0]  # 1-5月: only 1-4月 and 1-9月 stored
    assert unknown.completion_pct is None or unknown.completion_pct != unknown.completion_pct
    assert targets.sentence(unknown) == "完成率无法得出（累计数未知）"
