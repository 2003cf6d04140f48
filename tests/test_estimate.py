"""全年预计: the year-end estimate from the months so far and the profile of earlier years — exact on a
hand-made profile, the note when there are too few earlier years, summary --json on the demo, and the pages'
figure and dashed continuation."""

import functools
import json
import shutil
import subprocess
import sys

import pytest
from app_charts import drawn
from conftest import FIXTURE_DATA

from tradestats.deploy import deployment
from tradestats.domain import estimate, summary, targets
from tradestats.domain.periods import Period
from tradestats.store import db, queries

HEAD = "year,month,region_code,sector_code,projects,amount_wan,reference_wan,savings_wan,premium_wan,key_projects,key_amount_wan\n"


def cell(year: int, month: int, amount: int) -> str:
    return f"{year},{month},900101,engineering,1,{amount}.00,{amount}.00,0.00,0.00,0,0.00\n"


def known(tmp_path, years=(2022, 2023)):
    """甲市 (all in 一区 工程建设): 2022 10万元 every month (全年120, 1–3月 30: 25%); 2023 30万元 in each of
    months 1–3 and 10万元 after (全年180, 1–3月 90: 50%); 2024 20万元 in each of months 1–3 (累计60). A
    交易额 target of 200万元 for 2024."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    rows = {2022: [10] * 12, 2023: [30] * 3 + [10] * 9, 2024: [20] * 3}
    (folder / "demo" / "trade_monthly.csv").write_text(
        HEAD + "".join(cell(y, m, a) for y in (*years, 2024) for m, a in enumerate(rows[y], 1)), encoding="utf-8")
    (folder / "demo" / "targets.csv").write_text("year,region_code,sector_code,measure,target_wan\n"
                                                 "2024,900100,,amount_wan,200\n", encoding="utf-8")
    path = tmp_path / "t.duckdb"
    deployment.build(path, folder, demo=True)
    return path


def cli(*args, db_path):
    return subprocess.run([sys.executable, "-m", "tradestats", "--db", str(db_path), *args], capture_output=True,
                          text=True)


def test_exact_estimate_on_a_known_profile(tmp_path):
    """Shares of the year by March: 2022 30/120 = 0.25, 2023 90/180 = 0.5, mean 0.375. 2024 1–3月 = 60, so
    the estimate is 60 / 0.375 = 160; per year 60 / 0.25 = 240 and 60 / 0.5 = 120: the range 120–240.
    The mean share by June is (60/120 + 120/180) / 2 = 7/12, so the continuation passes 160 × 7/12 = 93.33
    in June; by April (40/120 + 100/180) / 2 = 4/9, so April's month is 160 × (4/9 − 3/8) = 11.11.
    Against the target of 200: 80% (60%–120%)."""
    path = known(tmp_path)
    q = functools.partial(queries.run, db.connect(path))
    est = estimate.of(q, Period(2024, 3), "900100")
    assert (est.value, est.low, est.high, est.years) == (160.0, 120.0, 240.0, (2022, 2023))
    assert estimate.figure(est) == "预计全年交易额160.00万元（区间120.00万元—240.00万元）"
    ytd = estimate.path(est, "value_ytd")
    assert [m for m, _ in ytd] == list(range(3, 13)) and ytd[0] == (3, 60.0) and ytd[-1] == (12, 160.0)
    assert round(dict(ytd)[6], 2) == 93.33
    trend = q("measure_by_period", year_from=2024, year_to=2024, grain="month", region="900100", sector=None,
              measure="amount_wan")
    months = dict(estimate.path(est, "value", trend))
    assert months[3] == 20.0 and round(months[4], 2) == 11.11
    goals = targets.progress(q, summary.context(q), Period(2024, 3), "900100")
    assert estimate.against_target(est, goals) == "预计全年完成目标的80%（区间60%—120%）"
    assert "往年1-3月完成全年的比例（2022年25.0%、2023年50.0%，平均37.5%）" in estimate.method(est)
    # The county gives the same; a sector without trades no estimate; 项目数 (1 a month) its own: 3 / (3/12) = 12.
    assert estimate.of(q, Period(2024, 3), "900101").value == 160.0
    assert estimate.of(q, Period(2024, 3), "900100", "procurement").value is None
    assert estimate.of(q, Period(2024, 3), "900100", measure="projects").value == 12.0
    r = cli("summary", "--year", "2024", "--month", "3", "--json", db_path=path)
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert (found["estimate"], found["estimate_note"]) == (
        {"measure": "amount_wan", "value": 160.0, "low": 120.0, "high": 240.0}, None)
    text = cli("summary", "--year", "2024", "--month", "3", db_path=path).stdout
    assert "预计全年交易额160.00万元（区间120.00万元—240.00万元）；预计全年完成目标的80%（区间60%—120%）" in text


def test_too_few_earlier_years_says_so(tmp_path, fq):
    path = known(tmp_path, years=(2023,))
    r = json.loads(cli("summary", "--year", "2024", "--month", "3", "--json", db_path=path).stdout)
    assert r["estimate"] is None and r["estimate_note"] == (
        "往年12个月完整且1-3月不为零的年份只有1个（2023年），少于2个，得不出各月完成全年的比例，不做全年预计。")
    # The fixture's 2023 lacks months: no complete year at all.
    assert estimate.of(fq, Period(2024, 2), "900100").note.startswith("往年12个月完整且1-2月不为零的年份没有，")
    # A month of the year not yet in: the 累计 is not whole.
    q = functools.partial(queries.run, db.connect(known(tmp_path / "b")))
    assert estimate.of(q, Period(2024, 5), "900100").note == "2024年4月、5月没有分月数据，1-5月累计不全，不做全年预计。"


def test_summary_json_gives_the_estimate_of_the_demo(demo_db):
    """2024年1-9月 of 怀化 (2020–2022 synthetic): 1–9月累计 2065225.43万元; shares by September 2020
    1288541.84 / 1981161.82, 2021 1500096.86 / 2310016.14, 2022 1382772.04 / 2140396.69, 2023 1551740.87 /
    2476925.90 (0.6504, 0.6494, 0.6460, 0.6265; mean 0.64307), so 2065225.43 / 0.64307 = 3211485.76; the
    range 2065225.43 / 0.6504 = 3175330.16 to 2065225.43 / 0.6265 = 3296562.24 (computed in Decimal)."""
    r = cli("summary", "--year", "2024", "--month", "9", "--json", db_path=demo_db)
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert found["estimate"] == {"measure": "amount_wan", "value": 3211485.76, "low": 3175330.16, "high": 3296562.24}
    assert found["estimate_note"] is None
    text = cli("summary", "--year", "2024", "--month", "9", db_path=demo_db).stdout
    assert "预计全年交易额321.15亿元（区间317.53亿元—329.66亿元）；预计全年完成目标的124%（区间122%—127%）" in text


@pytest.mark.parametrize("args, note", [
    ((), "12月的累计即全年实际数，无需预计。"),
    (("--month", "9", "--period", "month"), "全年预计只按1-N月累计给出，当月或当季不做预计。"),
    (("--month", "9", "--period", "quarter"), "全年预计只按1-N月累计给出，当月或当季不做预计。"),
])
def test_no_estimate_for_december_or_a_month(demo_db, args, note):
    found = json.loads(cli("summary", "--year", "2024", *args, "--json", db_path=demo_db).stdout)
    assert (found["estimate"], found["estimate_note"]) == (None, note)
    assert "预计全年" not in cli("summary", "--year", "2024", *args, db_path=demo_db).stdout


def test_the_pages_show_the_estimate_and_its_dashed_line(demo_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tradestats import config

    monkeypatch.setenv(config.DB_ENV, str(demo_db))

    def open_page(path, **filters):
        at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
        for key, value in filters.items():
            at.session_state[key] = value
        at.run().switch_page(path).run()
        assert not at.exception, at.exception
        return at

    def dashed(at):
        return {c["figure"]["layout"]["title"]["text"]: t for c in drawn(at) for t in c["figure"]["data"]
                if t.get("line", {}).get("dash") == "dash" and t.get("name") == "2024年预计"}

    for path in ("pages/trend.py", "pages/overview.py"):
        at = open_page(path, month=9)
        assert {m.label: m.value for m in at.metric}["预计全年交易额"] == "321.15亿元"
        words = " ".join(c.value for c in at.caption)
        assert "预计全年交易额321.15亿元（区间317.53亿元—329.66亿元）；预计全年完成目标的124%（区间122%—127%）" in words
        assert "平均64.3%）；全年预计 = 2024年1-9月累计 ÷ 平均比例，区间为按各年比例分别推算的最低值和最高值" in words
        lines = dashed(at)
        months = next(t for title, t in lines.items() if "当期" in title or "同月对比" in title)
        assert months["x"] == ["9月", "10月", "11月", "12月"] and round(months["y"][0], 2) == 27.22  # 9月's bar
    ytd = next(t for title, t in dashed(open_page("pages/trend.py", month=9)).items() if "累计" in title)
    assert [round(v, 2) for v in (ytd["y"][0], ytd["y"][-1])] == [206.52, 321.15]
    assert round(ytd["y"][-1] - ytd["error_y"]["arrayminus"][-1], 2) == 317.53
    assert round(ytd["y"][-1] + ytd["error_y"]["array"][-1], 2) == 329.66
    # The whole year, a single month: nothing estimated, nothing said.
    for filters in ({}, {"month": 9, "kind": "month"}):
        at = open_page("pages/overview.py", **filters)
        assert "预计全年交易额" not in [m.label for m in at.metric] and not dashed(at)
        assert not [c for c in at.caption if "全年预计" in c.value]
    # Too few earlier years: the page says so.
    at = open_page("pages/trend.py", year=2021, month=9)
    assert "预计全年交易额" not in [m.label for m in at.metric]
    assert any(c.value == "全年预计：往年12个月完整且1-9月不为零的年份只有1个（2020年），少于2个，得不出各月完成全年的比例，"
                          "不做全年预计。" for c in at.caption)


def test_the_docs_show_the_backtest_the_script_prints():
    from tradestats import config

    r = subprocess.run([sys.executable, str(config.ROOT / "scripts" / "backtest_estimate.py")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    table = [line for line in r.stdout.splitlines() if line.startswith("|")]
    assert len(table) == 13 and table[10].startswith("| 9 | -0.6 | -3.4 | +9.3 |")
    definitions = (config.ROOT / "docs" / "definitions.md").read_text(encoding="utf-8")  # moved from the README
    assert "\n".join(table) in definitions
