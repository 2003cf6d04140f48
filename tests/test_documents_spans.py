"""The documents of periods known only from figures of spans of months, or only as all sectors together (issue
25): the news paragraph, the press kit, the 统计月报 (docx, pdf) and the 汇报PPT carry the sentences 总览 shows —
where the figures came from (summary.basis_note), what cannot be known (missing_sentence), that the split by
sector is unknown (split_note) — and never a sentence or chart of "—".

The fixture city 甲市 (tests/fixture_data) with, as tests/test_pages_spans.py builds them through the real
importer: for 2025 only 1-9月 累计 (一区 工程建设 9宗 900万元, 二县 自然资源 3宗 300万元): by hand 2025年1-9月
12宗 +50.00%, 1200.00万元 +370.59% against 2024年1-9月's months (8宗, 255万元); 2025年3月 and 9月 cannot be
known. And, in another deployment, 2025年10月 given only as all sectors together (一区 7宗 700万元)."""

import datetime as dt
import shutil
import functools
import io
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from conftest import FIXTURE_DATA
from tradestats import config
from tradestats.alerting import alert_rules
from tradestats.domain import estimate, metrics, summary, targets
from tradestats.deploy.deployment import build as build_deployment
from tradestats.documents import brief, deck, narrative, press_kit, report
from tradestats.ingest import importer
from tradestats.domain.periods import Period
from tradestats.store import db, queries

FILE = "月份,地区,板块,项目数,交易额（万元）\r\n2025年1-9月,一区,工程建设,9,900\r\n2025年1-9月,二县,自然资源,3,300\r\n"
UNSPLIT = "月份,地区,项目数,交易额（万元）\r\n2025年10月,一区,7,700\r\n"
NOTE = "1-9月为累计报表数据，无分月数据。"
CANNOT = "的数字无法得出：没有这些月份的分月数据，已有的累计、季度或年度报表数据也不能得出该期，请导入分月数据或该期的报表数据。"
GAPS = "2024年4-12月、2025年1-9月没有分月数据，图表中这些月份空缺。"
SPLIT = "只有全部板块的合计数据（报表未分板块），分板块数据和节资率、增值率未知。"
# 市本级 and 三县 reported nothing for 2025 (总览 says so too); 一区's and 二县's months are inside their 累计.
UNREPORTED = "以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）：市本级（1-9月）、三县（1-9月）。"


def deployment(folder, *files):
    path = folder / "tradestats.duckdb"
    build_deployment(path, FIXTURE_DATA, demo=True)
    for name, text, today in files:
        plan = importer.plan(path, name, text.encode("utf-8"), today=today)
        assert not plan.errors, [str(p) for p in plan.errors]
        importer.apply(path, plan, confirmed=True)
    return path


@pytest.fixture(scope="module")
def ytd_db(tmp_path_factory):
    return deployment(tmp_path_factory.mktemp("ytd"), ("甲市2025年1-9月.csv", FILE, dt.date(2025, 10, 15)))


@pytest.fixture(scope="module")
def unsplit_db(tmp_path_factory):
    return deployment(tmp_path_factory.mktemp("unsplit"), ("10月合计.csv", UNSPLIT, dt.date(2025, 11, 15)))


@pytest.fixture(scope="module")
def yq(ytd_db):
    return functools.partial(queries.run, db.connect(ytd_db))


@pytest.fixture(scope="module")
def uq(unsplit_db):
    return functools.partial(queries.run, db.connect(unsplit_db))


def kit_of(q, period):
    name, data = press_kit.build(q, period)
    return name, zipfile.ZipFile(io.BytesIO(data))


def lines_of(kit, name):
    return kit.read(name).decode("utf-8-sig").strip().split("\n")


# --- the news paragraph ------------------------------------------------------------------------------------

def test_the_paragraph_of_a_month_without_its_split_says_so_instead_of_an_empty_sector_sentence(uq):
    # On the old code: "…创历史新高。10月服务，其中，涉重点产业交易项目0宗，成交金额0.00万元。"
    text = narrative.paragraph(uq, Period(2025, 10, "month"))
    assert text.startswith("10月全市完成公共资源进场交易项目7宗，上年同期无数据；交易总额700.00万元")
    assert text.endswith("。2025年10月" + SPLIT) and "服务，其中" not in text


# --- the press kit -----------------------------------------------------------------------------------------

def test_the_press_kit_of_a_ytd_figure_carries_the_pages_notes(yq):
    name, kit = kit_of(yq, Period(2025, 9))
    stem = "甲市2025年1-9月"
    assert name == f"{stem}公共资源交易新闻素材.zip"
    # The paragraph as the page shows it, then the page's notes on lines of their own (the old kit: none).
    assert lines_of(kit, f"{stem}_新闻稿.txt") == [narrative.paragraph(yq, Period(2025, 9)), NOTE, UNREPORTED]
    assert narrative.paragraph(yq, Period(2025, 9)).startswith(
        "1-9月全市完成公共资源进场交易项目12宗，同比增长50.00%；交易总额1200.00万元，同比增长370.59%")
    said = [r[0] for r in load_workbook(io.BytesIO(kit.read(f"{stem}_数据表.xlsx")))["说明"].iter_rows(values_only=True)]
    assert said[2:] == [NOTE, GAPS]
    words = [p.text for p in Document(io.BytesIO(kit.read(f"{stem}_简报.docx"))).paragraphs]
    assert NOTE in words and GAPS in words  # under the paragraph, and under the monthly chart


def test_the_press_kit_of_a_month_that_cannot_be_known_has_no_chart_of_dashes(yq):
    name, kit = kit_of(yq, Period(2025, 3, "month"))
    stem = "甲市2025年3月"
    # On the old code: every chart drawn empty, and the paragraph alone.
    assert lines_of(kit, f"{stem}_新闻稿.txt") == [
        "一区、二县2025年3月" + CANNOT,
        "以下图表没有可画的数据，未附：各板块交易额、交易额板块占比、各区县交易额排名、全省市州交易额排名。"]
    charts = sorted(n for n in kit.namelist() if n.startswith("图表/"))
    assert charts == [f"图表/{stem}_各月交易额.{fmt}" for fmt in ("pdf", "png", "svg")]  # 2024's months
    words = [p.text for p in Document(io.BytesIO(kit.read(f"{stem}_简报.docx"))).paragraphs]
    assert "各板块交易情况" not in words  # no table of "—"


def test_the_press_kit_of_a_month_without_its_split_draws_no_sector_chart(uq):
    _, kit = kit_of(uq, Period(2025, 10, "month"))
    stem = "甲市2025年10月"
    text = lines_of(kit, f"{stem}_新闻稿.txt")
    assert text[0].endswith("2025年10月" + SPLIT)
    assert text[1:] == ["以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）：市本级（10月）、二县（10月）、三县（10月）。",
                        "以下图表没有可画的数据，未附：各板块交易额、交易额板块占比。"]
    assert not [n for n in kit.namelist() if "板块" in n and n.startswith("图表/")]
    # A period without any figure: the paragraph says so, not also which units reported nothing.
    _, kit = kit_of(uq, Period(2025, 12, "month"))
    assert lines_of(kit, "甲市2025年12月_新闻稿.txt") == [
        "2025年12月全市没有公共资源交易数据。",
        "以下图表没有可画的数据，未附：各板块交易额、交易额板块占比、各区县交易额排名、全省市州交易额排名。"]


# --- the 统计月报 and 汇报PPT --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ytd_brief(yq):
    return brief.build(yq, Period(2025, 9, "month"))


def test_the_report_of_a_ytd_figure_says_its_month_cannot_be_known_and_where_its_figures_came_from(ytd_brief):
    b = ytd_brief
    # On the old code: "9月全市完成公共资源进场交易项目—，上年同期无数据；交易总额—，…", and no note.
    assert b.overall[0] == "一区、二县2025年9月" + CANNOT
    assert b.overall[1].startswith("1-9月全市完成公共资源进场交易项目12宗，同比增长50.00%；交易总额1200.00万元")
    assert b.overall[2:] == [NOTE, UNREPORTED]
    months = next(c for c in b.charts if c.name == "各月交易额")
    assert months.conclusion == "9月当月交易额无法得出（没有该月的分月数据）" and months.note == GAPS
    assert next(c for c in b.charts if c.name == "各板块交易额").note == NOTE
    assert [t.note for t in [b.counties, *b.appendix]] == [NOTE, NOTE, NOTE, GAPS, NOTE, NOTE]


def test_the_pdf_word_and_slides_carry_the_notes(ytd_brief, tmp_path):
    pdf = tmp_path / "月报.pdf"
    pdf.write_bytes(report.pdf(ytd_brief))
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert NOTE in text and GAPS in text and "一区、二县2025年9月的数字无法得出" in text
    assert "项目—" not in text
    words = [p.text for p in Document(io.BytesIO(report.docx(ytd_brief))).paragraphs]
    assert words.count(NOTE) == 1 + 5 + 4  # 一、总体情况, under five tables and four charts (not the months')
    slides = Presentation(io.BytesIO(deck.pptx(ytd_brief)))
    footers = [s.text_frame.text for slide in slides.slides for s in slide.shapes
               if s.has_text_frame and s.text_frame.text.startswith("图")]
    assert footers[0].startswith(f"图1　各板块交易额　{NOTE}　数据来源：")
    assert footers[2].startswith(f"图3　各月交易额　{GAPS}　数据来源：")


def test_a_report_whose_ytd_cannot_be_known_is_refused_with_what_is_missing(yq, ytd_db):
    with pytest.raises(ValueError) as refused:  # the old code wrote a report of "—"
        brief.build(yq, Period(2025, 3, "month"))
    assert str(refused.value) == "无法生成2025年3月的统计月报：一区、二县2025年1-3月" + CANNOT
    done = subprocess.run([sys.executable, "-m", "tradestats", "--db", str(ytd_db), "brief", "--year", "2025",
                           "--month", "3", "--format", "docx"], capture_output=True, text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "无法生成2025年3月的统计月报：一区、二县2025年1-3月的数字无法得出" in done.stderr


def test_the_report_of_a_month_without_its_split_says_why_it_has_no_sectors(uq):
    b = brief.build(uq, Period(2025, 10, "month"))
    assert b.sectors == [] and b.sectors_text == "2025年1-10月有月份" + SPLIT
    assert b.overall[1].endswith("。2025年1-10月有月份" + SPLIT)
    assert b.overall[2] == ("以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）："
                            "市本级（1-10月）、一区（1-9月）、二县（1-10月）、三县（1-10月）。")
    assert [c.name for c in b.charts] == ["各月交易额", "各区县交易额排名", "全省市州交易额排名"]
    words = [p.text for p in Document(io.BytesIO(report.docx(b))).paragraphs]
    assert words[words.index("二、分板块情况") + 1] == "2025年1-10月有月份" + SPLIT


# --- 新闻素材 ------------------------------------------------------------------------------------------------

def test_the_press_page_offers_no_report_whose_ytd_cannot_be_known(ytd_db, monkeypatch):
    from conftest import app_page

    monkeypatch.setenv(config.DB_ENV, str(ytd_db))
    at = app_page("pages/press.py", year=2025, kind="month", month=3)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载素材包" in labels and not {"统计月报（Word）", "统计月报（PDF）", "汇报PPT"} & set(labels)  # old: offered, and failed
    assert "无法生成2025年3月的统计月报和汇报PPT：一区、二县2025年1-3月" + CANNOT in [i.value for i in at.info]
    at = app_page("pages/press.py", year=2025, kind="ytd", month=9)
    assert {"统计月报（Word）", "统计月报（PDF）", "汇报PPT"} <= {b.proto.label for b in at.get("download_button")}


# --- targets' 完成率 ---------------------------------------------------------------------------------------

TARGETS = "年份,地区,板块,指标,目标（亿元）\n2025,甲市,,交易额,0.24\n2025,一区,,交易额,0.18\n2025,二县,,交易额,0.06\n"


@pytest.fixture(scope="module")
def goals_q(tmp_path_factory):
    path = deployment(tmp_path_factory.mktemp("goals"), ("甲市2025年1-9月.csv", FILE, dt.date(2025, 10, 15)),
                      ("目标.csv", TARGETS, dt.date(2025, 10, 15)))
    return functools.partial(queries.run, db.connect(path))


def test_a_countys_completion_is_of_its_ytd_figure_or_unknown(goals_q):
    ctx = summary.context(goals_q)
    # 一区 1-9月 900万元 of 1800万元, 二县 300 of 600: 50.00%, 25 points behind 序时进度 75% (the old code: 0.00%,
    # from the months' cells alone).
    found = targets.by_county(goals_q, ctx, Period(2025, 9), "amount_wan")
    assert list(found.region_name) == ["一区", "二县"]
    assert list(found.actual) == [900, 300] and list(found.completion_pct) == [50, 50]
    assert [str(p) for p in found.vs_schedule_pts] == ["-25.00", "-25.00"]
    # 1-3月 cannot be known: no 完成率 (the old code: 0.00%, 25 points behind).
    found = targets.by_county(goals_q, ctx, Period(2025, 3), "amount_wan")
    assert found.completion_pct.isna().all() and list(found.vs_schedule_pts) == [None, None]
    b = brief.build(goals_q, Period(2025, 9, "month"))
    assert list(b.counties.frame["完成率（%）"][:2]) == ["50.00", "50.00"]
    assert b.counties_text.endswith("按年度目标，一区、二县落后序时进度。")


# --- 预警 ----------------------------------------------------------------------------------------------------

def test_a_month_inside_a_units_ytd_figure_is_not_an_unreported_month(tmp_path):
    """一区 gives 2025年1-9月; 二县, 三县 and 市本级 give 3月: 一区's 3月 is inside its 累计, not unreported (the
    old code raised 一区2025年3月没有数据，共1个月未报送 for 3月 and again for 9月)."""
    file = ("月份,地区,板块,项目数,交易额（万元）\r\n2025年1-9月,一区,工程建设,9,900\r\n2025-03,二县,自然资源,1,30\r\n"
            "2025-03,三县,自然资源,1,30\r\n2025-03,市本级,工程建设,1,30\r\n")
    q = functools.partial(queries.run, db.connect(deployment(tmp_path, ("t.csv", file, dt.date(2025, 10, 15)))))
    ctx = summary.context(q)
    for month in (3, 9):
        assert [f.message for f in alert_rules.find(q, ctx, Period(2025, month, "month"), alert_rules.load()) if f.region_code == "900101"] == []
    # A unit without a 累计 that misses a month others reported is still found.
    q = functools.partial(queries.run, db.connect(deployment(tmp_path / "b", ("t.csv", file.replace("2025年1-9月", "2025-02"),
                                                                           dt.date(2025, 10, 15)))))
    found = [f.message for f in alert_rules.find(q, ctx, Period(2025, 3, "month"), alert_rules.load()) if f.rule == "missing_month"]
    assert found == ["一区2025年3月没有数据，共1个月未报送（全市4个区县级单位中，同月已报送的3个）。"]


# --- 全年预计 ----------------------------------------------------------------------------------------------------

def test_the_estimate_takes_a_ytd_figure_as_the_ytd(tmp_path):
    """tests/test_estimate.py's profile (一区 工程建设: 2022 10万元 a month, 25% of the year by March; 2023 30万元 in
    months 1-3 and 10 after, 50%) with 2024 given only as 1-3月 累计 60万元: 60 / 0.375 = 160 (120–240), as from
    the months. The old code: "2024年1月、2月、3月没有分月数据，1-3月累计不全，不做全年预计。"."""
    from test_estimate import HEAD, cell

    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    rows = [10] * 12, [30] * 3 + [10] * 9
    (folder / "demo" / "trade_monthly.csv").write_text(
        HEAD + "".join(cell(y, m, a) for y, r in zip((2022, 2023), rows) for m, a in enumerate(r, 1)), encoding="utf-8")
    path = tmp_path / "t.duckdb"
    build_deployment(path, folder, demo=True)
    plan = importer.plan(path, "t.csv", "月份,地区,板块,项目数,交易额（万元）\r\n2024年1-3月,一区,工程建设,3,60\r\n".encode(),
                         today=dt.date(2024, 4, 15))
    importer.apply(path, plan, confirmed=True)
    q = functools.partial(queries.run, db.connect(path))
    est = estimate.of(q, Period(2024, 3), "900100")
    assert (est.value, est.low, est.high, est.actual, est.years) == (160.0, 120.0, 240.0, 60.0, (2022, 2023))
    assert estimate.path(est, "value_ytd")[-1] == (12, 160.0)
    from conftest import app_page, metric_values

    with pytest.MonkeyPatch.context() as patch:  # 总览 and 趋势分析 show it (no exception with the months gaps)
        patch.setenv(config.DB_ENV, str(path))
        assert metric_values(app_page(year=2024, kind="ytd", month=3))["预计全年交易额"][0] == "160.00万元"
        app_page("pages/trend.py", year=2024, kind="ytd", month=3)
    # 1-2月 cannot be known from a 1-3月 累计: no estimate, and why.
    assert estimate.of(q, Period(2024, 2), "900100").note == "2024年1-2月累计无法由已有数据得出，不做全年预计。"


# --- 大屏 ------------------------------------------------------------------------------------------------------

def test_the_big_screen_of_a_period_without_its_split_draws_no_empty_donut(unsplit_db, monkeypatch):
    from app_charts import drawn
    from conftest import app_page

    monkeypatch.setenv(config.DB_ENV, str(unsplit_db))
    at = app_page("pages/screen.py")  # the latest period: 2025年1-10月, 一区's 10月 of all sectors together
    said = " ".join(h.proto.body for h in at.get("html"))
    assert "今年累计项目数</div><div class='value'>7宗" in said
    assert "2025年1-10月有月份" + SPLIT.removesuffix("。") in said  # the old page drew an empty 板块占比 donut instead
    assert [c["figure"]["layout"]["title"]["text"] for c in drawn(at)] == [
        "2025年1-10月各区县交易额（万元）", "2025年各月交易额，与2024年对比（万元）"]


# --- the 统计月报 written by itself after an import -----------------------------------------------------------

def test_the_automatic_report_waits_for_no_unit_whose_ytd_covers_the_month_and_makes_none_that_cannot_be_known(
        tmp_path, yq):
    from tradestats.documents import auto

    today = dt.date(2025, 10, 15)
    # 1-3月 of the 1-9月 deployment cannot be known: said as why not (the old code wrote a report of "—").
    assert auto.completeness(yq, summary.context(yq), Period(2025, 3, "month"), today) == "一区、二县2025年1-3月" + CANNOT.removesuffix("。")
    # 一区 gives 1-9月, the others 3月: 3月 is complete (the old code waited for 一区: 还有1个区县未报送（一区）).
    file = ("月份,地区,板块,项目数,交易额（万元）\r\n2025年1-3月,一区,工程建设,9,900\r\n2025-03,二县,自然资源,1,30\r\n"
            "2025-03,三县,自然资源,1,30\r\n2025-03,市本级,工程建设,1,30\r\n")
    q = functools.partial(queries.run, db.connect(deployment(tmp_path, ("t.csv", file, today))))
    assert auto.missing_units(q, summary.context(q), Period(2025, 3, "month")) == []


def test_the_alerts_command_evaluates_the_last_month_a_ytd_figure_reaches(ytd_db):
    from tradestats.alerting import alerts

    # 2025 is known only as 1-9月: its month 9 is the latest (the old code took 2024年3月, the last monthly cell).
    assert alerts.month_of(ytd_db, None, None) == Period(2025, 9, "month")
    assert alerts.month_of(ytd_db, 2024, None) == Period(2024, 3, "month")


def sector_without_split(folder, *more):
    """一区 工程建设 2000万元 a month in 2024年1-10月 (10月 20000) and 2025年1-9月; 2025年10月 20000万元 of all sectors
    together: 工程建设's 2025年1-10月 cannot be known (总览 shows —), its months 1-9 are 1.80亿元."""
    months = "".join(f"{y}-{m:02d},一区,工程建设,20,{20000 if (y, m) == (2024, 10) else 2000}\r\n"
                     for y in (2024, 2025) for m in range(1, 11 if y == 2024 else 10))
    today = dt.date(2025, 11, 15)
    path = deployment(folder, ("a.csv", "月份,地区,板块,项目数,交易额（万元）\r\n" + months, today),
                      ("b.csv", "月份,地区,项目数,交易额（万元）\r\n2025年10月,一区,20,20000\r\n", today),
                      *((name, text, today) for name, text in more))
    return functools.partial(queries.run, db.connect(path))


def test_no_ytd_drop_is_raised_for_a_sector_whose_month_came_without_its_split(tmp_path):
    """The old code summed 工程建设's months 1-9, 1.80亿元 against 3.80亿元, and raised 红色预警
    一区工程建设交易额…同比下降52.63% (and 甲市's)."""
    q = sector_without_split(tmp_path)
    found = [f.message for f in alert_rules.find(q, summary.context(q), Period(2025, 10, "month"), alert_rules.load()) if f.rule == "yoy_drop"]
    assert found == []
    assert metrics.missing(summary.headline(q, Period(2025, 10), "900101", "engineering").amount_yoy_pct)


def test_a_sector_targets_completion_is_unknown_where_its_month_came_without_its_split(tmp_path):
    """一区's targets for 2025: 5亿元 in all, 5亿元 工程建设. All: 3.80亿元, 76.0%; 工程建设 cannot be known (the old
    code: 1.80亿元, 36.0%, and 红色预警 一区工程建设交易额…落后序时进度47.3个百分点)."""
    q = sector_without_split(tmp_path, ("目标.csv", "年份,地区,板块,指标,目标（亿元）\n2025,一区,工程建设,交易额,5\n2025,一区,,交易额,5\n"))
    ctx = summary.context(q)
    found = targets.progress(q, ctx, Period(2025, 10), "900101")
    assert list(found.completion_pct.fillna(-1)) == [76.0, -1] and list(found.vs_schedule_pts)[1] is None
    assert targets.sentence(found.iloc[1]) == "完成率无法得出（累计数未知）"
    behind = [f.message for f in alert_rules.find(q, ctx, Period(2025, 10, "month"), alert_rules.load()) if f.rule == "behind_schedule"]
    assert behind == ["一区交易额2025年1-10月完成3.80亿元，完成年度目标的76.0%，落后序时进度7.3个百分点（目标5.00亿元，序时进度83.33%）。"]
