"""市场主体 and 交易效率与竞争 on a database whose project list has a link and a 5 002-character name (issue 26): the
charts' names are escaped text, shortened, and the ranking keeps room for its bars; the plain table's name is no
Markdown link; the chosen party's heading and chart title are text too. (tests/test_browser_names.py looks at them
in Chromium.)"""

import json
import re

import pytest
from app_charts import drawn
from conftest import LINK, LONG, plain_tables
from conftest import app_page as page

from tradestats import config
from tradestats.present import charts, names

pytestmark = pytest.mark.app
TAG = re.compile(r"<a[\s>]", re.IGNORECASE)


@pytest.fixture
def named(names_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(names_db))


def tagged(figure: dict) -> list[str]:
    """The figure's strings that Plotly would draw as a link (customdata, what a click reports, aside)."""
    out = []
    for trace in figure["data"]:
        out += [s for k, v in trace.items() if k != "customdata" for s in (v if isinstance(v, list) else [v])
                if isinstance(s, str) and TAG.search(s)]
    return out + [s for s in re.findall(r'"(?:[^"\\]|\\.)*"', json.dumps(figure["layout"], ensure_ascii=False))
                  if TAG.search(s)]


def test_players_ranking_and_table(named):
    at = page("pages/players.py")
    ranking = drawn(at)[0]["figure"]
    assert tagged(ranking) == []
    ticks = ranking["layout"]["yaxis"]["ticktext"]
    assert names.chart_label(LINK) in ticks and ticks[-1] == names.chart_label(LONG)  # the largest on top
    assert max(len(t) for t in ticks) <= names.CHART + len("&lt;&gt;")
    assert ranking["layout"]["margin"]["l"] <= 10 + charts.label_px("字" * names.CHART) + 9  # bars keep the width
    cells = list(plain_tables(at)[0]["名称"])
    assert LINK in cells  # read as written, as text:
    assert not any("<a" in h.value for h in at.get("html"))  # no link
    assert any(len(c) > 5000 for c in cells)  # the table holds the whole name


def test_a_long_named_partys_profile(named, names_db):
    from conftest import runner

    from tradestats.domain import market
    from tradestats.domain.periods import Period

    key = market.top(runner(names_db), Period(2024), "431200", None).key[0]
    at = page("pages/players.py", market_party=("winner", key))
    assert at.subheader[-1].value.startswith("中标人画像：湖南很长的名称")
    months = drawn(at)[-1]["figure"]
    assert months["layout"]["title"]["text"].startswith(names.shortened(LONG, names.CHART) + "各月中标金额")
    at = page("pages/players.py", market_party=("winner", LINK))
    assert at.subheader[-1].value == "中标人画像：" + r'\<a href="https' + "\u2060" + r'\://evil.example/x?a=1&b=2"\>公开招标\</a\>'
    assert tagged(drawn(at)[-1]["figure"]) == []


def test_efficiency_donut_and_bars_by_method(named):
    at = page("pages/efficiency.py", market_dimension="method")
    figures = [c["figure"] for c in drawn(at)]
    assert all(tagged(f) == [] for f in figures)
    donut = next(f for f in figures if f["data"][0]["type"] == "pie")["data"][0]
    assert names.chart_label(LINK) in donut["text"] and names.chart_label(LONG) in donut["text"]
    bars = figures[0]["layout"]
    assert names.chart_label(LONG) in bars["yaxis"]["ticktext"] and bars["margin"]["l"] <= 260
