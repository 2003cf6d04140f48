"""The 统计月报 and 汇报PPT made by themselves: an import that completes January 2025 (every county-level unit
reported) starts a process that writes them into the reports folder and tells the group chat; an import that
leaves a county out makes none and says why; a failing writer is logged and said on 数据管理, and the
import is not touched by either."""

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import json
import time
from pathlib import Path

import procs
import pytest
from chat_server import chat_server
from conftest import runner
from docx import Document

from tradestats import config
from tradestats.deploy import deployment
from tradestats.documents import auto
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer
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
    deployment.build(path, config.DATA_DIR, demo=True)
    return path


def import_file(path: Path, name: str, data: bytes) -> float:
    """Import as 数据管理 does; how long the import took."""
    plan = importer.plan(path, name, data, today=dt.date(2025, 2, 10))
    assert not plan.errors, [str(p) for p in plan.errors]
    started = time.monotonic()
    assert importer.apply(path, plan, confirmed=True) is not None
    return time.monotonic() - started


def wait_until(condition, timeout_s: float = 240, why: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout_s} s: {why}"
        time.sleep(0.1)


def no_writer(path: Path) -> bool:
    """No report writer of the database running, nor holding the writer lock (a writer ends its run, logged,
    before it lets the lock go, and lets it go before it exits)."""
    return not procs.report_writers(path) and not auto.writing_now(path)


def log_lines(path: Path) -> list[str]:
    return auto.log_path(path).read_text(encoding="utf-8").splitlines()


def wait_for_log(path: Path, timeout_s: float = 240, after: int = 0) -> dict:
    """The entry a run ended with (not its 生成中), the first after the log's first `after` lines."""
    log = auto.log_path(path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        lines = log.read_text(encoding="utf-8").splitlines()[after:] if log.exists() else []
        ended = [e for e in map(json.loads, lines) if e["result"] != auto.UNFINISHED]
        if ended:
            return ended[0]
        time.sleep(0.5)
    raise AssertionError(f"{log} not written within {timeout_s} s")


def test_an_import_completing_a_month_writes_its_report_and_deck_and_tells_the_chat(tmp_path, demo_db, monkeypatch):
    monkeypatch.setenv(auto.ENV, "1")
    path = fresh_demo(tmp_path)
    begun = dt.datetime.now().astimezone().replace(microsecond=0)
    with chat_server() as chat:
        monkeypatch.setenv("TRADESTATS_WEBHOOKS", json.dumps([{"url": chat.url + "/hook", "format": "json"}]))
        took = import_file(path, "2025年1月.csv", complete_january(demo_db))
        assert auto.listing(path) == []  # written after, apart
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
    # 数据管理's sentence, made here from the run's 成功 line: the minute it was written, the month, the three files.
    wait_until(lambda: no_writer(path), why="the writer to end")
    assert json.loads(log_lines(path)[-1]) == entry  # the latest line, the one said
    written = dt.datetime.fromisoformat(entry["time"])
    assert begun <= written <= dt.datetime.now().astimezone()
    assert auto.status(path) == ("info", f"{written:%Y-%m-%d %H:%M} 已自动生成2025年1月统计月报和汇报PPT："
                                         "2025年1月公共资源交易统计月报.docx、2025年1月公共资源交易统计月报.pdf、"
                                         "2025年1月公共资源交易情况汇报.pptx。")


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
    assert auto.run(january_db, Period(2025, 1, "month")) == []
    entry = json.loads(auto.log_path(january_db).read_text(encoding="utf-8").splitlines()[-1])
    assert entry["result"] == "未生成"
    assert entry["detail"] == "2025年1月还有1个区县未报送（麻阳苗族自治县），月报暂不生成。"
    assert not auto.folder(january_db).exists()


def test_the_setting_makes_a_month_complete_on_its_day(january_db):
    q = runner(january_db)
    ctx = summary.context(q)
    assert "麻阳苗族自治县" in auto.completeness(q, ctx, Period(2025, 1, "month"), dt.date(2025, 3, 1))
    ctx = dataclasses.replace(ctx, settings={**ctx.settings, auto.DAY_SETTING: "10"})
    assert "2月10日起不再等待" in auto.completeness(q, ctx, Period(2025, 1, "month"), dt.date(2025, 2, 9))
    assert auto.completeness(q, ctx, Period(2025, 1, "month"), dt.date(2025, 2, 10)) == ""
    assert auto.completeness(q, ctx, Period(2025, 2, "month"), dt.date(2025, 3, 10)) == "2025年2月怀化市还没有数据"


def test_nothing_starts_when_turned_off_or_without_a_month(tmp_path, monkeypatch):
    monkeypatch.setenv(auto.ENV, "0")
    assert auto.after_import(tmp_path / "tradestats.duckdb", Period(2025, 1, "month")) is None
    monkeypatch.setenv(auto.ENV, "1")
    assert auto.after_import(tmp_path / "tradestats.duckdb", None) is None


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
    process = auto.after_import(path, Period(2025, 1, "month"))
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
    assert auto.made(path, Period(2024, 12, "month"))
    wait_until(lambda: no_writer(path), why="the first writer to end")
    made_once = log_lines(path)
    assert [json.loads(line)["result"] for line in made_once] == [auto.UNFINISHED, "成功"]
    with procs.Peaks(writers=path) as seen:
        assert importer.apply(path, plan, confirmed=True) is None
        # A writer the import started, however slow, is running (and holding the lock) until it has logged its
        # run; waited for, it leaves its lines: none may be added, and the queue holds nothing for a later one.
        wait_until(lambda: no_writer(path), why="a writer the second import started to end")
    assert seen.most_writers == 0, seen.worst
    assert log_lines(path) == made_once and auto.queued(path) == []  # made once


NAMES = {"docx": "2024年12月公共资源交易统计月报.docx", "pdf": "2024年12月公共资源交易统计月报.pdf",
         "pptx": "2024年12月公共资源交易情况汇报.pptx"}
XUPU_DECEMBER = "月份,地区,板块,宗数,成交金额（亿元）\r\n2024年12月,溆浦县,工程建设,5,1.2345\r\n"


def document_text(file: Path) -> str:
    """A document's words, white space removed (PDF and slides break lines where they like)."""
    import re
    import subprocess

    from pptx import Presentation

    if file.suffix == ".docx":
        document = Document(str(file))
        text = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    elif file.suffix == ".pdf":
        text = [subprocess.run(["pdftotext", str(file), "-"], capture_output=True, text=True, check=True).stdout]
    else:
        text = [s.text_frame.text for slide in Presentation(str(file)).slides for s in slide.shapes if s.has_text_frame]
    return re.sub(r"\s", "", "".join(text))


def the_set(path: Path) -> dict[str, bytes]:
    """December 2024's documents as the reports folder lists them (auto.by_month), by format."""
    months = {key: files for key, _, files in auto.by_month(path)}
    return {fmt: file.read_bytes() for fmt, file in months.get("2024年12月", {}).items()}


def made_earlier(path: Path) -> dict[str, bytes]:
    """A set of an earlier run (its files' bytes marked as such) and that run's 成功 in reports.log."""
    auto.folder(path).mkdir()
    old = {fmt: f"earlier run's {fmt}".encode() for fmt in NAMES}
    for fmt, name in NAMES.items():
        (auto.folder(path) / name).write_bytes(old[fmt])
    auto.log(path, {"year": 2024, "month": 12, "result": "成功", "files": list(NAMES.values()), "detail": ""})
    return old


@pytest.mark.parametrize("remade_by", ["import", "brief"])
def test_a_writer_killed_midway_leaves_no_mixed_set_and_the_next_run_remakes_it(tmp_path, monkeypatch, remade_by):
    """kill -9 of the writer after it has written its first document: the reports folder still has the earlier
    set whole (not a new Word beside an old PDF), reports.log's earlier 成功 no longer stands, and the next import
    of the month (one that changes nothing) or `tradestats brief` makes the set again, whole and new."""
    import os
    import signal
    import subprocess
    import sys

    monkeypatch.delenv("TRADESTATS_WEBHOOKS", raising=False)
    monkeypatch.setenv(auto.ENV, "0")
    path = fresh_demo(tmp_path)
    old = made_earlier(path)
    plan = importer.plan(path, "2024年12月.csv", XUPU_DECEMBER.encode("utf-8"), today=dt.date(2025, 1, 10))
    assert importer.apply(path, plan, confirmed=True) is not None  # December changed: the documents must change
    amount = metrics.money(summary.summarize(runner(path), Period(2024, 12))["amount_wan"])
    assert amount != "293.74亿元"
    writer = subprocess.Popen([sys.executable, "-m", "tradestats.documents.auto", str(path), "2024", "12"],
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    try:
        while not any(f.is_file() and f.suffix.lstrip(".") in NAMES and f.stat().st_size > 10_000
                      for f in auto.folder(path).rglob("*")):  # its first document, wherever it writes it
            assert writer.poll() is None and time.monotonic() < deadline, "the writer ended before it wrote"
            time.sleep(0.02)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(writer.pid, signal.SIGKILL)  # its Chromium
    assert the_set(path) == old  # never mixed: the earlier set, whole
    level, said = auto.status(path)
    assert level == "error" and "2024年12月统计月报和汇报PPT没有完成" in said and "已自动生成" not in said
    assert not auto.made(path, Period(2024, 12, "month")) and auto.unfinished(path) == [Period(2024, 12, "month")]

    monkeypatch.setenv(auto.ENV, "1")
    lines = len(auto.log_path(path).read_text(encoding="utf-8").splitlines())
    if remade_by == "import":  # the same file again: nothing changes but the month's documents are made
        again = importer.plan(path, "2024年12月.csv", XUPU_DECEMBER.encode("utf-8"), today=dt.date(2025, 1, 10))
        assert again.changes_nothing() and importer.apply(path, again, confirmed=True) is None
    else:
        r = subprocess.run([sys.executable, "-m", "tradestats", "brief", "--year", "2024", "--month", "6", "--format",
                            "docx", "--out", str(tmp_path / "out")], env={**os.environ, "TRADESTATS_DB": str(path)},
                           capture_output=True, text=True)
        assert r.returncode == 0 and "2024年12月自动生成的统计月报和汇报PPT上次没有完成，已在后台重新生成" in r.stderr, r.stderr
    entry = wait_for_log(path, after=lines)
    assert entry["result"] == "成功" and entry["files"] == list(NAMES.values()), entry
    remade = {key: files for key, _, files in auto.by_month(path)}["2024年12月"]
    assert all(amount in document_text(remade[fmt]) for fmt in NAMES), amount  # all three new, the same figures
    assert auto.made(path, Period(2024, 12, "month")) and auto.status(path)[0] == "info"
    assert sorted(p.name for p in auto.folder(path).iterdir()) == sorted(NAMES.values())  # nothing else left there


def test_a_set_being_moved_in_is_listed_whole_and_moved_in_by_the_next_writer(tmp_path):
    """Killed while moving a whole set in (its Word moved, its PDF and deck not yet): the reports folder lists the
    new set, and the next writer finishes the move."""
    path = tmp_path / "tradestats.duckdb"
    made_earlier(path)
    complete = auto.folder(path) / f"{auto.COMPLETE}12345"
    complete.mkdir()
    (auto.folder(path) / NAMES["docx"]).write_bytes(b"new docx")
    (complete / NAMES["pdf"]).write_bytes(b"new pdf")
    (complete / NAMES["pptx"]).write_bytes(b"new pptx")
    (auto.folder(path) / f"{auto.WRITING}777").mkdir()  # a run killed while writing: its folder is left
    (auto.folder(path) / f"{auto.WRITING}777" / NAMES["docx"]).write_bytes(b"half")
    assert the_set(path) == {"docx": b"new docx", "pdf": b"new pdf", "pptx": b"new pptx"}
    with auto.writer_lock(path):
        auto.settle(path)
    assert sorted(p.name for p in auto.folder(path).iterdir()) == sorted(NAMES.values())
    assert the_set(path) == {"docx": b"new docx", "pdf": b"new pdf", "pptx": b"new pptx"}


def test_six_monthly_imports_in_a_row_run_one_writer_at_a_time_and_every_month_is_made(tmp_path, demo_db,
                                                                                       monkeypatch):
    """January to June 2025, each complete, imported one after the other as the office catches up: the process
    table (sampled all along) never shows two report writers of the deployment at once, since a later month
    waits in the queue for the running writer; and every month's three documents are written."""
    monkeypatch.setenv(auto.ENV, "1")
    monkeypatch.delenv("TRADESTATS_WEBHOOKS", raising=False)
    path = fresh_demo(tmp_path)
    months = [(2025, m) for m in range(1, 7)]
    with procs.Peaks(writers=path) as seen:
        for year, month in months:
            plan = importer.plan(path, f"{year}年{month}月.csv", complete_january(demo_db, f"{year}-{month:02d}"),
                                 today=dt.date(2025, 7, 10))
            assert not plan.errors, [str(p) for p in plan.errors]
            assert importer.apply(path, plan, confirmed=True) is not None
        deadline = time.monotonic() + 1200
        while not all(auto.made(path, Period(*m, "month")) for m in months) or procs.report_writers(path):
            assert time.monotonic() < deadline, (auto.log_path(path).read_text(encoding="utf-8"), seen.most_writers)
            time.sleep(1)
    assert seen.most_writers == 1, seen.worst
    made = {key: set(files) for key, _, files in auto.by_month(path)}
    assert made == {f"{y}年{m}月": set(auto.ORDER) for y, m in months}
    assert auto.queued(path) == [] and not auto.writing_now(path)
