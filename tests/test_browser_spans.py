"""A center that publishes only 累计 tables (issue 25), in the real server and a real browser: a deployment made
by `tradestats init --city`, its statistics file of 1–N月 figures imported by `tradestats import`, then 总览 of
2025年1-9月 (its figures as the file gives them, and the note saying they are 累计) and of 2025年3月 (no
figure can be known: "—" and one sentence saying what is missing).

The figures, by hand (韶关市, 万元): 2025年1-9月 房建市政 30宗 12000 (节约 600 of 预算 12600) + 土地使用权 10宗
4500 (增收 300 of 底价 4200) = 40宗, 1.65亿元; against 2024年1-9月's 33宗 15000: +21.21%, +10.00%; 节约资金
600 against 500: +20.00%; 增收资金 300 against 400: -25.00%."""

import os
import subprocess
import sys

import pytest
from browser import settled_text, streamlit_server, wait_for_metrics

from tradestats import config
from tradestats.domain import metrics

CITY = "440200"  # 韶关, 广东: a city outside Hunan
FILE = ("统计期间,地区,交易类型,项目数,交易额（万元）,预算/底价（万元）,节约资金（万元）,增收资金（万元）\r\n"
        "2024年1-9月,韶关市,房建市政,25,10000,10500,500,\r\n"
        "2024年1-9月,韶关市,土地使用权,8,5000,4600,,400\r\n"
        "2024年1-12月,韶关市,房建市政,36,15000,15800,800,\r\n"
        "2024年1-12月,韶关市,土地使用权,12,7000,6400,,600\r\n"
        "2025年1-6月,韶关市,房建市政,18,7000,7350,350,\r\n"
        "2025年1-6月,韶关市,土地使用权,6,2500,2300,,200\r\n"
        "2025年1-9月,韶关市,房建市政,30,12000,12600,600,\r\n"
        "2025年1-9月,韶关市,土地使用权,10,4500,4200,,300\r\n")
NOTE = "1-9月为累计报表数据，无分月数据"
MISSING = "韶关市2025年3月的数字无法得出"


def tradestats(home, *args):
    env = {**os.environ, config.HOME_ENV: str(home)}
    env.pop(config.DB_ENV, None)
    r = subprocess.run([sys.executable, "-m", "tradestats", *args], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    """The deployment folder: 韶关 set up with one command, its 累计 file imported."""
    tmp = tmp_path_factory.mktemp("ytd_center")
    home = tmp / "home"
    tradestats(home, "init", "--city", CITY, "--empty")
    (tmp / "韶关累计.csv").write_text(FILE, encoding="utf-8")
    tradestats(home, "import", str(tmp / "韶关累计.csv"))
    return home


@pytest.fixture(scope="module")
def span_server(center, tmp_path_factory):
    log = tmp_path_factory.mktemp("ytd_center_log") / "streamlit.log"
    with streamlit_server(center / "tradestats.duckdb", log, **{config.HOME_ENV: str(center)}) as url:
        yield url


def test_overview_of_a_period_known_only_as_a_ytd_figure(span_server, page):
    # On the old code: "数据库中还没有交易数据" (the sidebar offered only years with monthly cells).
    page.goto(f"{span_server}/?year=2025&kind=ytd&month=9")
    wait_for_metrics(page, "40宗", "1.65亿元", "600.00万元", "300.00万元", timeout=90000)
    text = settled_text(page)
    assert "韶关市2025年1-9月公共资源交易总览" in text
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert values[:4] == ["40宗", "1.65亿元", "600.00万元", "300.00万元"]
    deltas = page.locator("[data-testid=stMetricDelta]").all_inner_texts()
    assert [d.strip() for d in deltas[:4]] == ["+21.21%", "+10.00%", "+20.00%", "-25.00%"]
    assert f"{NOTE}（同比的上年同期数同样）。" in text
    # No month of either year has monthly cells: the monthly chart is not drawn empty, it says why.
    assert "2024年1-12月、2025年1-9月没有分月数据，各月走势无法画出。" in text
    assert "节资率4.76%，增值率7.14%" in text  # 600 / 12600, 300 / 4200
    assert "数据更新至2025年9月" in page.inner_text("[data-testid=stSidebar]")
    assert "没有交易数据" not in text and "以下地区有月份没有上报数据" not in text
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_month_of_it_shows_dashes_and_says_what_is_missing(span_server, page):
    # On the old code: "数据库中还没有交易数据".
    page.goto(f"{span_server}/?year=2025&kind=month&month=3")
    page.wait_for_selector("h1:has-text('韶关市2025年3月公共资源交易总览')", timeout=90000)
    page.wait_for_function("t => document.querySelector('[data-testid=stMain]').innerText.includes(t)",
                           arg=MISSING, timeout=30000)
    text = settled_text(page)
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert values == [metrics.NO_VALUE] * 5  # the four cards and the rank
    assert text.count(MISSING) == 1  # one sentence, not one per card or chart
    assert (f"{MISSING}：没有这些月份的分月数据，已有的累计、季度或年度报表数据也不能得出该期，"
            "请导入分月数据或该期的报表数据。") in text
    assert NOTE not in text  # no figure of a span stands for the month
    # Nothing to draw, and no empty chart: no sector bars, no share, no rank of unknown figures.
    assert page.locator(".ts-chart").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0
