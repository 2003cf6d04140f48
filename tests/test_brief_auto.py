"""The 统计月报 and 汇报PPT made by themselves: an import that completes January 2025 (every county-level unit
reported) starts a process that writes them into the reports folder and tells the group chat; an import that
leaves a county out makes none and says why; a failing writer is logged and said on 数据管理, and the
import is not touched by either."""

import csv
import dataclasses
import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest
from chat_server import chat_server
from conftest import runner
from docx import Document

from tradestats import config, metrics, summary
from tradestats.documents import auto
from tradestats.ingest import importer
from tradestats.periods import Period
from tradestats.store import db


def complete_january(demo_db: Path, month: str = "2025-01") -> bytes:
    """January 2025 (or month) for every county-level unit of Huaihua: December 2024's cells again."""
    con = db.connect(demo_db)
    try:
        rows = con.execute("""
            select r.region_name, s.sector_name, c.projects, c.amount_wan, c.reference_wan, c.savings_wan,
                   c.premium_wan, c.key_projects, c.key_amount_wan
            from fact_cells c join dim_region r using (region_code) join dim_sector s using (sector_code)
            where c.year = 2024 and c.month = 12 and r.parent_code = '431200'
            order by r.sort_order, s.sort_order""").fetchall()
    finally:
        con.close()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["月份", "地区", "板块", "项目数", "交易额（万元）", "预算/底价（万元）", "节约资金（万元）", "增收资金（万元）",
                     "涉重点产业项目数", "涉重点产业金额（万元）"])
    writer.writerows([month, *row] for row in rows)
    return out.getvalue().encode("utf-8")


def fresh_demo(tmp_path: Path) -> Path:
    path = tmp_path / "tradestats.duckdb"
    db.build(path, config.DATA_DIR, demo=True)
    return path


def import_file(path: Path, name: str, data: bytes) -> float:
    """Import as 数据管理 does; how long the import took."""
    plan = importer.plan(path, name, data, today=dt.date(2025, 2, 10))
    assert not plan.errors, [str(p) for p in plan.errors]
    started = time.monotonic()
    assert importer.apply(path, plan, confirmed=True) is not None
    return time.monotonic() - started


def wait_for_log(path: Path, timeout_s: float = 240) -> dict:
    log = auto.log_path(path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").strip():
            return json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
        time.sleep(0.5)
    raise AssertionError(f"{log} not written within {timeout_s} s")


def test_an_import_completing_a_month_writes_its_report_and_deck_and_tells_the_chat(tmp_path, demo_db, monkeypatch):
    monkeypatch.setenv(auto.ENV, "1")
    path = fresh_demo(tmp_path)
    with chat_server() as chat:
        monkeypatch.setenv("TRADESTATS_WEBHOOKS", json.dumps([{"url": chat.url + "/hook", "format": "json"}]))
        took = import_file(path, "2025年1月.csv", complete_january(demo_db))
        assert not auto.folder(path).exists() or not any(auto.folder(path).iterdir())  # written after, apart
        entry = wait_for_log(path)
        deadline = time.monotonic() + 30
        while len(chat.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert took < 30
    names = ["2025年1月公共资源交易统计月报.docx", "2025年1月公共资源交易统计月报.pdf", "2025年1月公共资源交易情况汇报.pptx"]
    assert entry["result"] == "成功", entry
    assert (entry["year"], entry["month"], entry["files"]) == (2025, 1, names)
    assert sorted(p.name for p, _ in auto.listing(path)) == sorted(names)
    # The report's figures are 总览's of January 2025.
    s = summary.summarize(runner(path), Period(2025, 1))
    text = "\n".join(p.text for p in Document(str(auto.folder(path) / names[0])).paragraphs)
    assert "当月完成" not in text  # in January the month is the 累计: said once
    assert (f"1月全市完成公共资源进场交易项目{s['projects']}宗" in text
            and f"交易总额{metrics.money(s['amount_wan'])}" in text)
    ready = [m["body"] for m in chat.received if m["body"]["title"].endswith("统计月报和汇报PPT已生成")]
    assert len(ready) == 1 and ready[0]["reports"] == names and ready[0]["month"] == 1
    assert auto.status(path) == ("info", auto.status(path)[1]) and "已自动生成2025年1月统计月报和汇报PPT" in auto.status(path)[1]


def test_a_writer_that_fails_is_logged_and_said_on_data_management_and_the_import_stands(tmp_path, demo_db,
                                                                                           monkeypatch):
    monkeypatch.setenv(auto.ENV, "1")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))  # charts cannot be drawn
    monkeypatch.delenv("TRADESTATS_WEBHOOKS", raising=False)
    path = fresh_demo(tmp_path)
    import_file(path, "2025年1月.csv", complete_january(demo_db))
    entry = wait_for_log(path)
    assert entry["result"] == "失败" and "Chromium" in entry["detail"] and entry["files"] == []
    level, said = auto.status(path)
    assert level == "error" and said.endswith(entry["detail"]) and "自动生成2025年1月统计月报和汇报PPT失败" in said
    assert summary.summarize(runner(path), Period(2025, 1, "month"))["projects"] > 0  # the import is in
    assert auto.listing(path) == []


def test_a_month_a_county_has_not_reported_makes_nothing_and_says_who(january_db):
    # january_db: January 2025 without 麻阳 (tests/conftest.py); the run only adds reports.log beside it.
    assert auto.run(january_db, 2025, 1) == []
    entry = json.loads(auto.log_path(january_db).read_text(encoding="utf-8").splitlines()[-1])
    assert entry["result"] == "未生成"
    assert entry["detail"] == "2025年1月还有1个区县未报送（麻阳苗族自治县），月报暂不生成。"
    assert not auto.folder(january_db).exists()


def test_the_setting_makes_a_month_complete_on_its_day(january_db):
    q = runner(january_db)
    ctx = summary.context(q)
    assert "麻阳苗族自治县" in auto.completeness(q, ctx, 2025, 1, dt.date(2025, 3, 1))
    ctx = dataclasses.replace(ctx, settings={**ctx.settings, auto.DAY_SETTING: "10"})
    assert "2月10日起不再等待" in auto.completeness(q, ctx, 2025, 1, dt.date(2025, 2, 9))
    assert auto.completeness(q, ctx, 2025, 1, dt.date(2025, 2, 10)) == ""
    assert auto.completeness(q, ctx, 2025, 2, dt.date(2025, 3, 10)) == "2025年2月怀化市还没有数据"


def test_nothing_starts_when_turned_off_or_without_a_month(tmp_path, monkeypatch):
    monkeypatch.setenv(auto.ENV, "0")
    assert auto.after_import(tmp_path / "tradestats.duckdb", 2025, 1) is None
    monkeypatch.setenv(auto.ENV, "1")
    assert auto.after_import(tmp_path / "tradestats.duckdb", None, None) is None


@pytest.mark.parametrize("when", ["2025-02-10T09:30:00+08:00"])
def test_status_sentences(tmp_path, when):
    path = tmp_path / "tradestats.duckdb"
    assert auto.status(path) is None
    auto.log(path, {"time": when, "year": 2025, "month": 1, "result": "失败", "files": ["a.docx"], "detail": "磁盘已满"})
    assert auto.status(path) == ("error", "2025-02-10 09:30 自动生成2025年1月统计月报和汇报PPT失败（已生成：a.docx）：磁盘已满")


def test_starting_the_writer_takes_no_time_and_a_crash_in_it_is_logged(tmp_path, monkeypatch):
    monkeypatch.setenv(auto.ENV, "1")
    path = tmp_path / "tradestats.duckdb"  # no database here: the writer fails at once
    started = time.monotonic()
    process = auto.after_import(path, 2025, 1)
    assert time.monotonic() - started < 1 and process.poll() is None  # started, not waited for
    assert process.wait(timeout=120) == 0
    entry = json.loads(auto.log_path(path).read_text(encoding="utf-8").splitlines()[-1])
    assert entry["result"] == "失败" and (entry["year"], entry["month"]) == (2025, 1)
    assert entry["detail"].startswith("FileNotFoundError: 数据库不存在") and "Traceback" in entry["traceback"]
    assert auto.status(path)[0] == "error"


def test_importing_a_month_already_in_makes_its_report_once(tmp_path, demo_db, monkeypatch):
    # December's file as the office has it, imported into a database that holds December already: nothing
    # changes, and the month's documents, not made yet, are made; imported again, nothing more is started.
    monkeypatch.setenv(auto.ENV, "1")
    monkeypatch.delenv("TRADESTATS_WEBHOOKS", raising=False)
    path = fresh_demo(tmp_path)
    plan = importer.plan(path, "2024年12月.csv", complete_january(demo_db, "2024-12"), today=dt.date(2025, 1, 10))
    assert not plan.errors and plan.changes_nothing()
    assert importer.apply(path, plan, confirmed=True) is None
    entry = wait_for_log(path)
    assert entry["result"] == "成功" and entry["files"] == [
        "2024年12月公共资源交易统计月报.docx", "2024年12月公共资源交易统计月报.pdf", "2024年12月公共资源交易情况汇报.pptx"]
    assert auto.made(path, 2024, 12)
    assert importer.apply(path, plan, confirmed=True) is None
    time.sleep(2)
    assert len(auto.log_path(path).read_text(encoding="utf-8").splitlines()) == 1  # made once
