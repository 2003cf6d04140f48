import pandas as pd
import pytest

from tradestats.domain import metrics
from tradestats.domain.periods import Period
from tradestats.store import queries


@pytest.mark.parametrize("wan, text", [
    (2937386.42, "293.74亿元"),
    (118563.27, "11.86亿元"),
    (10000, "1.00亿元"),
    (9999.994, "9999.99万元"),
    (1555.53, "1555.53万元"),
    (0.125, "0.13万元"),  # half up, not to even
    (0, "0.00万元"),
    (None, "—"),
    (float("nan"), "—"),
    (pd.NA, "—"),
])
def test_money_in_yi_from_one_yi_up(wan, text):
    assert metrics.money(wan) == text


@pytest.mark.parametrize("p, text", [
    (23.81, "+23.81%"), (-5, "-5.00%"), (0, "0.00%"), (0.004, "0.00%"), (None, "—"), (float("nan"), "—"),
])
def test_change_has_sign_and_two_decimals(p, text):
    assert metrics.change(p) == text


def test_count_and_pct():
    assert metrics.PROJECTS.format(1534) == "1534宗"
    assert metrics.SHARE.format(62.857) == "62.86%"
    assert metrics.PROJECTS.format(None) == "—"


@pytest.mark.parametrize("rank, prev, text", [
    (5, 6, "较上年上升1位"), (5, 3, "较上年下降2位"), (5, 5, "与上年持平"), (5, None, "上年无排名"),
])
def test_rank_change(rank, prev, text):
    assert metrics.rank_change(rank, prev) == text


def test_catalogue_matches_the_queries(fq):
    """Every metric of the catalogue is a column that a query really returns, under the same name."""
    period = Period(2024).params()
    head = fq("headline_by_period", **period, region=None, sector=None)
    sectors = fq("amount_by_sector", **period, region=None, sector=None)
    columns = set(head.columns) | set(sectors.columns)
    assert set(metrics.CATALOGUE) <= columns
    for m in metrics.HEADLINE:
        assert m.column.removesuffix("_wan") + "_yoy_pct" in head.columns


def test_every_query_states_grain_and_params():
    for name in queries.names():
        text = queries.sql(name)
        header = text.split("\n", 3)
        assert header[0].startswith("-- grain:"), name
        header = []
        for line in text.splitlines():  # the comment block the file opens with
            if not line.startswith("--"):
                break
            header.append(line)
        assert any(line.startswith("-- params:") for line in header), name
        declared = set(queries.PARAM.findall("\n".join(header)))
        assert declared == set(queries.params_of(name)), name


def test_sector_colours_stay_apart_in_greyscale(fq):
    """Printed in black and white, every two sectors still differ by a visible step of grey."""
    colours = list(fq("sectors").color)
    grey = [0.299 * int(c[1:3], 16) + 0.587 * int(c[3:5], 16) + 0.114 * int(c[5:7], 16) for c in colours[:4]]
    assert min(abs(a - b) for i, a in enumerate(grey) for b in grey[i + 1:]) >= 25
