"""The blank import templates (tradestats/documents/templates.py): the project list's carries the optional
columns of issue 17 as the importer names them, and a template filled in as a clerk would (dates as Excel
dates, picks from the drop-downs) imports back with the values it was given."""

import datetime as dt
import io

import pytest
from conftest import FIXTURE_DATA, runner
from openpyxl import load_workbook

from tradestats.deploy import deployment
from tradestats.documents import templates
from tradestats.domain import market, summary
from tradestats.domain.periods import Period
from tradestats.ingest import headers, importer, project_fields
from tradestats.store import db

TODAY = dt.date(2025, 6, 30)
CODE = "91430100MA4L1234XL"  # a 统一社会信用代码 with the right check character (GB 32100-2015)
OPTIONAL = ["评标办法", "投标人数", "公告发布日期", "受理日期", "开标日期", "是否流标/终止", "终止日期", "中标人",
            "中标人统一社会信用代码", "中标人所在地区", "招标代理机构", "资金来源", "项目类型"]
# A completed trade and a failed one (流标: no 成交日期, no 成交金额, dated by its 开标日期), in the template's order.
DONE = ["P-1", "道路", "工程建设", "一区", dt.date(2024, 3, 5), 120, 100, "公开招标", "否", "综合评估法", 5,
        dt.date(2024, 2, 1), dt.date(2024, 1, 20), dt.date(2024, 3, 1), "否", None, "甲建设公司", CODE, "二县",
        "代理甲", "财政资金", "市政"]
FAILED = ["P-2", "桥", "工程建设", "一区", None, 80, None, "公开招标", "否", "经评审的最低投标价法", 2,
          dt.date(2024, 2, 10), None, dt.date(2024, 3, 8), "流标", None, None, None, None, "代理乙", "自筹资金", "交通"]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


def template(path) -> bytes:
    return templates.template(runner(path), "projects")


def test_the_project_template_carries_the_optional_columns_as_the_importer_reads_them(store):
    sheet = load_workbook(io.BytesIO(template(store))).active
    header = [c.value for c in sheet[1]][:len(templates.PROJECTS) + len(OPTIONAL)]
    assert header[:9] == ["项目编号", "项目名称", "板块", "地区", "成交日期", "预算/底价（万元）", "成交金额（万元）", "交易方式",
                          "是否重点产业"]
    assert header[9:] == OPTIONAL
    # Each names its field, and together they are every optional field of a project list.
    con = db.connect(store)
    columns = importer.vocabulary(con).columns
    con.close()
    found = [headers.recognise(h, columns)[0] for h in OPTIONAL]
    assert sorted(found) == sorted(project_fields.OPTIONAL)
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["O2:O1001"].startswith("=可选值!$D$1")  # 是否流标/终止: 否, 流标, 终止
    choices = load_workbook(io.BytesIO(template(store)))["可选值"]
    assert [c.value for c in choices["D"]][:4] == ["否", "流标", "终止", None]


def test_a_filled_template_imports_back_with_its_values(store):
    wb = load_workbook(io.BytesIO(template(store)))
    sheet = wb.active
    for row in (DONE, FAILED):
        sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    plan = importer.plan(store, "项目明细导入模板.xlsx", out.getvalue(), today=TODAY)
    assert not plan.errors, [str(p) for p in plan.errors]
    assert len(plan.projects) == 1 and len(plan.failed) == 1
    importer.apply(store, plan, confirmed=True)
    con = db.connect(store)
    try:
        assert con.execute("""
            select project_id, project_name, sector_code, region_code, deal_date, reference_wan, amount_wan,
                   savings_wan, method, is_key_industry, eval_method, bidders, announce_date, accept_date, open_date,
                   winner, winner_credit_code, winner_region, winner_region_code, agency, funding, industry,
                   outcome_known
            from fact_project""").fetchall() == [(
            "P-1", "道路", "engineering", "900101", dt.date(2024, 3, 5), 120, 100, 20, "公开招标", False, "综合评估法", 5,
            dt.date(2024, 2, 1), dt.date(2024, 1, 20), dt.date(2024, 3, 1), "甲建设公司", CODE, "二县", "900102",
            "代理甲", "财政资金", "市政", True)]
        assert con.execute("""
            select project_id, project_name, region_code, failed_date, outcome, reference_wan, method, eval_method,
                   bidders, announce_date, open_date, stop_date, agency, funding, industry
            from fact_tender_failed""").fetchall() == [(
            "P-2", "桥", "900101", dt.date(2024, 3, 8), "failed", 80, "公开招标", "经评审的最低投标价法", 2,
            dt.date(2024, 2, 10), dt.date(2024, 3, 8), None, "代理乙", "自筹资金", "交通")]
    finally:
        con.close()
    # And the measures they feed: 2 tenders, one failed, (5 + 2) / 2 bidders, 公告 → 成交 in 33 days.
    q = runner(store)
    s = market.summarize(q, summary.context(q), Period(2024, 3, "month"), "900101")
    assert (s["projects"], s["tenders"], s["failed"], s["failed_rate_pct"], s["avg_bidders"], s["cycle_days_median"]) == (
        1, 2, 1, 50.0, 3.5, 33.0)
    assert s["top_winners"] == [{"name": "甲建设公司", "credit_code": CODE, "projects": 1, "amount_wan": 100.0}]


def test_a_regions_template_names_its_columns_as_the_deployments_header_words_do(store, tmp_path, monkeypatch):
    """The blank regions, indicators and targets workbooks head their columns with each field's first word in the
    deployment's import/*_columns.csv — the words the import reads them by — not a list of their own."""
    from tradestats import config

    home = tmp_path / "home"
    (home / "import").mkdir(parents=True)
    shipped = (config.DATA_DIR / "import" / "region_columns.csv").read_text(encoding="utf-8")
    (home / "import" / "region_columns.csv").write_text("field,alias\nregion_code,区划代码\n" + shipped.split("\n", 1)[1],
                                                        encoding="utf-8")
    monkeypatch.setenv(config.HOME_ENV, str(home))
    sheet = load_workbook(io.BytesIO(templates.template(runner(store), "regions"))).active
    assert [c.value for c in sheet[1]][:5] == ["区划代码", "地区名称", "简称", "级别", "上级编码"]
    monkeypatch.delenv(config.HOME_ENV)
    sheet = load_workbook(io.BytesIO(templates.template(runner(store), "targets"))).active
    assert [c.value for c in sheet[1]][:5] == ["年份", "地区", "板块", "指标", "目标（万元）"]


def test_a_deployments_first_word_in_columns_csv_heads_the_stats_template(store, tmp_path, monkeypatch):
    """The blank statistics and project-list workbooks head their columns with each field's word in the deployment's
    import/columns.csv — its first, or the one the file's template column marks for the kind (成交金额 for a project
    list's amount) — the words the import reads them by, not a list of their own."""
    from tradestats import config

    home = tmp_path / "home"
    (home / "import").mkdir(parents=True)
    first, rows = (config.DATA_DIR / "import" / "columns.csv").read_text(encoding="utf-8").split("\n", 1)
    (home / "import" / "columns.csv").write_text(f"{first}\nregion,统计区域\namount,成交总金额\n{rows}", encoding="utf-8")
    monkeypatch.setenv(config.HOME_ENV, str(home))
    sheet = load_workbook(io.BytesIO(templates.template(runner(store), "stats"))).active
    assert [c.value for c in sheet[1]][:6] == ["月份", "统计区域", "板块", "项目数", "成交总金额（万元）", "预算/底价（万元）"]
    assert "B2:B1001" in {str(v.sqref) for v in sheet.data_validations.dataValidation}  # 统计区域's drop-down
    sheet = load_workbook(io.BytesIO(template(store))).active
    assert [c.value for c in sheet[1]][2:7] == ["板块", "统计区域", "成交日期", "预算/底价（万元）", "成交金额（万元）"]
