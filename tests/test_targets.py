"""Annual targets against 序时进度: exact 完成率 and points on the demo's (made-up) 2024 targets, the targets file
with its messages, the template, and nothing changed where no target is set."""

import datetime as dt
import functools
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from app_charts import drawn
from conftest import FIXTURE_DATA, app_page, frames

from tradestats.deploy import deployment
from tradestats.domain import summary, targets
from tradestats.domain.periods import Period
from tradestats.ingest import importer, target_file
from tradestats.store import db, queries

TODAY = dt.date(2025, 6, 30)
HEAD = "年份,地区,板块,指标,目标（亿元）\n"


def cli(*args, db_path):
    return subprocess.run([sys.executable, "-m", "tradestats", "--db", str(db_path), *args], capture_output=True,
                          text=True)


def test_schedule_by_months_and_by_days():
    assert targets.schedule_pct(2024, 9) == Decimal("75.00") and targets.schedule_pct(2024, 12) == Decimal("100.00")
    assert targets.schedule_pct(2024, 9, "days") == Decimal("74.86")  # 274 of 366 days
    with pytest.raises(ValueError, match="schedule_basis = “weeks” 应为 months / days 之一"):
        targets.schedule_pct(2024, 9, "weeks")


def test_summary_json_gives_the_targets_of_the_demo(demo_db):
    r = cli("summary", "--year", "2024", "--month", "9", "--json", db_path=demo_db)
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)["targets"]
    assert found[0] == {"measure": "amount_wan", "sector_code": None, "target": 2600000.0, "completion_pct": 79.43,
                        "schedule_pct": 75.0, "vs_schedule_pts": 4.43}
    assert found[1] == {"measure": "projects", "sector_code": None, "target": 1400, "completion_pct": 74.57,
                        "schedule_pct": 75.0, "vs_schedule_pts": -0.43}
    assert [(t["measure"], t["sector_code"]) for t in found[2:]] == [
        ("savings_wan", None), ("amount_wan", "engineering"), ("amount_wan", "natural_resources")]
    text = cli("summary", "--year", "2024", "--month", "9", db_path=demo_db).stdout
    assert "年度目标 交易额：目标 260.00亿元，1–9月完成 206.52亿元，完成年度目标的79.4%，超序时进度4.4个百分点" in text
    assert "年度目标 项目数：目标 1400宗，1–9月完成 1044宗，完成年度目标的74.6%，落后序时进度0.4个百分点" in text
    # A county's own targets.
    county = json.loads(cli("summary", "--year", "2024", "--month", "9", "--region", "431202", "--json",
                            db_path=demo_db).stdout)["targets"]
    assert county == [{"measure": "amount_wan", "sector_code": None, "target": 220000.0, "completion_pct": 65.68,
                       "schedule_pct": 75.0, "vs_schedule_pts": -9.32}]


def test_counties_by_completion(dq):
    ctx = summary.context(dq)
    found = targets.by_county(dq, ctx, Period(2024, 9), "amount_wan")
    assert list(found.short_name[:2]) == ["沅陵", "会同"] and len(found) == 14
    assert (found.vs_schedule_pts < 0).sum() == 7  # behind 序时进度


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


def test_a_targets_file_imports_and_replaces(store):
    text = HEAD + "2025,甲市,,交易额,3\n2025,甲市,工程建设,交易额,2\n2025,一区,,项目数,12\n"
    plan = importer.plan(store, "目标.csv", text.encode(), today=TODAY)
    assert plan.kind == "targets" and not plan.problems and (plan.added, plan.changed) == (3, 0)
    importer.apply(store, plan)
    q = functools.partial(queries.run, db.connect(store))
    found = targets.progress(q, summary.context(q), Period(2025, 1), "900100")
    assert [(r.measure, r.sector_code if isinstance(r.sector_code, str) else None, float(r.target))
            for r in found.itertuples()] == [
        ("amount_wan", None, 30000.0), ("amount_wan", "engineering", 20000.0)]
    plan = importer.plan(store, "改.csv", (HEAD + "2025,甲市,,交易额,3.5\n").encode(), today=TODAY)
    assert (plan.added, plan.changed) == (0, 1)


@pytest.mark.parametrize("row, message", [
    ("2025,乙市,,交易额,3", "第2行“地区”列：“乙市”不是本市或本市的区县（目标按全市或区县设定）。"),
    ("2025,甲市,土地使用权,交易额,3", "第2行“板块”列：“土地使用权”不是板块（目标按板块或全部板块设定；全部板块请留空）。"),
    ("2025,甲市,,节资率,3", "第2行“指标”列：“节资率”不是可设目标的指标（项目数、交易额、节约资金、增收资金）。"),
    ("2025,甲市,,交易额,-3", "第2行“目标”列：目标不能为负数（-3）。"),
    ("2025,甲市,,交易额,0", "第2行“目标”列：目标应为正数。"),
    ("2025,甲市,,交易额,三亿", "第2行“目标”列：“三亿”不是数字。"),
    ("20x5,甲市,,交易额,3", "第2行“年份”列：“20x5”不是有效的年份。"),
])
def test_a_bad_targets_row_gets_its_message_and_changes_nothing(store, row, message):
    before = db.version_key(store)
    plan = importer.plan(store, "目标.csv", (HEAD + row + "\n").encode(), today=TODAY)
    assert [str(p) for p in plan.errors] == [f"目标.csv {message}"]
    with pytest.raises(importer.Refused):
        importer.apply(store, plan)
    assert db.version_key(store) == before


def test_the_targets_template_and_no_targets_no_change(store, tmp_path):
    r = subprocess.run([sys.executable, "-m", "tradestats", "--db", str(store), "template", "targets"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "年度目标导入模板.xlsx").active
    assert [c.value for c in sheet[1]][:5] == ["年份", "地区", "板块", "指标", "目标（万元）"]
    found = json.loads(cli("summary", "--year", "2024", "--json", db_path=store).stdout)
    assert found["targets"] == []


def test_the_overview_and_the_regions_page_show_the_targets(demo_db, monkeypatch):
    from tradestats import config

    monkeypatch.setenv(config.DB_ENV, str(demo_db))

    at = app_page("pages/overview.py", month=9)
    assert "年度目标完成情况（2024年1-9月累计）" in [h.value for h in at.subheader]
    text = " ".join(m.value for m in at.markdown)
    assert "**交易额**完成年度目标的79.4%，超序时进度4.4个百分点（目标260.00亿元，已完成206.52亿元）" in text
    assert "**节约资金**完成年度目标的68.0%，落后序时进度7.0个百分点" in text
    assert "**交易额落后序时进度的区县**（7/14个）：靖州、麻阳、洪江市、新晃、辰溪、鹤城、洪江区。" in text
    bars = next(c["figure"] for c in drawn(at) if "年度目标完成率" in c["figure"]["layout"]["title"]["text"])
    assert bars["data"][0]["y"] == ["节约资金", "项目数", "交易额"] and bars["data"][0]["x"] == [68.0, 74.57, 79.43]
    at = app_page("pages/regions.py", month=9)
    table = next(f for f in frames(at) if "完成率" in f.columns)
    assert list(table["地区"][:3]) == ["沅陵", "会同", "市本级"] and table["较序时进度"][0] == "+6.55个百分点"
    assert any("落后序时进度的区县（7个）：靖州、麻阳、洪江市、新晃、辰溪、鹤城、洪江区。" in c.value for c in at.caption)
    # Without targets (another measure, a sector, or a year without them) nothing is shown.
    assert not [h for h in app_page("pages/overview.py", year=2023).subheader if "年度目标" in h.value]
    assert not [f for f in frames(app_page("pages/regions.py", month=9, measure="projects")) if "完成率" in f.columns]


def test_a_years_targets_edited_on_the_page_replace_the_stored_ones(demo_db, tmp_path):
    """数据管理's editor: the rows shown are the year's targets by name; saved, they go through the targets file's
    checks, replace the year's targets, and the ones taken out are deleted."""

    path = tmp_path / "t.duckdb"
    deployment.build(path)
    q = functools.partial(queries.run, db.connect(path))
    rows = targets.editor_rows(q, 2024)
    assert list(rows.iloc[0]) == ["怀化市", "全部板块", "交易额", 2600000.0] and len(rows) == 19
    kept = rows.iloc[[0, 1]].copy()
    kept.iloc[0, 3] = 2700000.0  # corrected
    plan = importer.plan_year_targets(path, 2024, target_file.as_file(kept, 2024))
    assert not plan.errors and (plan.changed, plan.unchanged, len(plan.dropped_targets)) == (1, 1, 17)
    assert "删除 17 项" in plan.describe()
    importer.apply(path, plan, confirmed=True)
    q = functools.partial(queries.run, db.connect(path))
    assert [list(r) for r in targets.editor_rows(q, 2024).itertuples(index=False)] == [
        ["怀化市", "全部板块", "交易额", 2700000.0], ["怀化市", "全部板块", "项目数", 1400.0]]
    # A bad row is refused with the file's message and nothing changes; an empty table deletes them all.
    bad = kept.copy()
    bad.iloc[1, 2] = "节资率"
    plan = importer.plan_year_targets(path, 2024, target_file.as_file(bad, 2024))
    assert [p.message for p in plan.errors] == ["“节资率”不是可设目标的指标（项目数、交易额、节约资金、增收资金）。"]
    plan = importer.plan_year_targets(path, 2024, target_file.as_file(kept.iloc[0:0], 2024))
    assert not plan.errors and len(plan.dropped_targets) == 2
    importer.apply(path, plan, confirmed=True)
    assert targets.editor_rows(functools.partial(queries.run, db.connect(path)), 2024).empty


def test_a_target_given_twice_is_named_with_the_row_it_repeats(store):
    plan = importer.plan(store, "目标.csv", (HEAD + "2025,甲市,,交易额,3\n2025,甲市,,交易额,4\n").encode(), today=TODAY)
    assert [str(p) for p in plan.errors] == ["目标.csv 第3行“指标”列：与第2行重复（同一年份、地区、板块和指标）。"]
