"""The month's 统计月报 (docx, pdf) and 汇报PPT, made by themselves: after an import that completes a month for
the home city, a separate process writes them into the reports folder beside the database and tells the
webhooks. The import only starts that process (a few milliseconds) and never waits for it or hears from it;
what it did, or why it failed, is a line of reports.log, shown on 数据管理 and 新闻素材.

A month is complete when every county-level unit of the home city has reported it (a city whose data has no
county split: when the city has it), or — `report_complete_day = 10` in settings.toml — from that day of the
next month on, whoever has reported.

A month's three documents are one set: written into a folder of their own (reports/.writing-<pid>), renamed to
reports/.complete-<pid> once all are there, then moved in; a reader lists a complete folder's files in place of
the ones they replace, so no one sees a mixed set, even while they move or after a kill. A run logs 生成中 when
it starts, and one killed before 成功 stays unfinished — said on 数据管理, and made again by the next writer (the
next import) or `tradestats brief`.

One writer per deployment, and one browser in it: a writer with its Chromium holds hundreds of MB, more than a
small server has twice. An import puts its month in the queue beside the database (.reports.queue) and starts a
writer only when none is running (.reports.writer.lock, beside it, held by the writer); the running writer
takes the queued months one after the other, and ends when the queue is empty. Both look at the queue and
the lock under the queue's own lock, so a month is never left queued with no writer to take it.

A month is a Period of kind "month" (only its year and month are read), in the functions' arguments and in what
queued, unfinished and resume give; the queue, the log and the writer's command line keep it as a year and a month."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
from pathlib import Path

from tradestats.domain import summary
from tradestats.notify import webhooks
from tradestats.store import jsonlog
from tradestats.store import db, queries
from tradestats.domain.periods import Period

REPORTS = "reports"  # the folder beside the database
LOG_NAME = "reports.log"
ENV = "TRADESTATS_AUTO_REPORTS"  # "0": never start (the test suite's default; its own tests turn it on)
DAY_SETTING = "report_complete_day"
ORDER = ("docx", "pdf", "pptx")
WRITING, COMPLETE = ".writing-", ".complete-"  # a run's own folder in reports/, before and after its set is whole
LOCK = ".reports.writer.lock"  # beside the database
QUEUE = ".reports.queue"  # beside the database: the months imports asked for that no writer has taken yet
LOCK_FD = "--lock-fd"  # the writer's option: the descriptor of the writer lock its starter took for it
UNFINISHED = "生成中"  # the result a run logs when it starts; 成功 or 失败 follow unless it is killed


def folder(db_path: Path) -> Path:
    return db_path.parent / REPORTS


def log_path(db_path: Path) -> Path:
    return db_path.parent / LOG_NAME


def log(db_path: Path, entry: dict) -> None:
    """One line of reports.log; a webhook URL in its sentences (a mistyped one in settings.toml) masked."""
    jsonlog.append(log_path(db_path), {k: webhooks.masked_text(v) if k in ("detail", "traceback") else v
                                       for k, v in entry.items()})


def after_import(db_path: Path, month: Period | None) -> subprocess.Popen | None:
    """Called by push.after_import once an import is written: the month the import touched last, queued for the
    writer; a writer started, detached (it outlives a CLI import), when none is running — else the running one
    takes the month after the ones it has. Never raises, never waits; the writer started, if one was."""
    if month is None or os.environ.get(ENV, "1") == "0":
        return None
    try:
        with queue(db_path) as waiting:
            ask(waiting, month)
            with open(db_path.parent / LOCK, "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return None  # a writer is at work: it takes the month before it ends
                # The lock is taken for the writer: it inherits the open file (and so the lock), ours is closed.
                process = subprocess.Popen(
                    [sys.executable, "-m", "tradestats.documents.auto", str(db_path), str(month.year), str(month.month),
                     LOCK_FD, str(lock.fileno())], pass_fds=(lock.fileno(),), stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                    cwd=str(db_path.parent))
        # Reaped when it ends, so that a long-running app leaves no zombies; a CLI import exits without waiting.
        threading.Thread(target=process.wait, daemon=True).start()
        return process
    except Exception as e:  # noqa: BLE001 — the import is done; only the reports are missing
        failed(db_path, month, f"无法启动生成进程：{type(e).__name__}: {e}")
        return None


@contextlib.contextmanager
def queue(db_path: Path):
    """The queue of asked months (a JSON line each), open and locked while in the block."""
    with open(db_path.parent / QUEUE, "a+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield f
        finally:
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)


def ask(waiting, month: Period) -> None:
    waiting.seek(0, os.SEEK_END)
    waiting.write(json.dumps({"year": month.year, "month": month.month}) + "\n")


def take(waiting) -> list[Period]:
    """The queued months in the order asked, each once; the queue emptied."""
    waiting.seek(0)
    months: list[Period] = []
    for line in waiting.read().splitlines():
        try:
            e = json.loads(line)
            key = Period(int(e["year"]), int(e["month"]), "month")
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a full disk: not a month
        if key not in months:
            months.append(key)
    waiting.seek(0)
    waiting.truncate()
    return months


def resume(db_path: Path) -> list[Period]:
    """`tradestats brief`: the months a killed run left unfinished, made again by a writer started as an import
    starts it (which makes them all, and the months a killed writer left in the queue); those months."""
    months = unfinished(db_path)
    if months:
        after_import(db_path, months[0])
    elif not writing_now(db_path) and (waiting := queued(db_path)):
        after_import(db_path, waiting[0])
    return months


def queued(db_path: Path) -> list[Period]:
    """The months in the queue, not taken by a writer yet."""
    if not (db_path.parent / QUEUE).exists():
        return []
    with queue(db_path) as waiting:
        months = take(waiting)
        for one in months:
            ask(waiting, one)
    return months


def made(db_path: Path, month: Period) -> bool:
    """Whether the month's documents (of the home city) are all in the reports folder, made by a run that finished
    after the last one that started: a killed run, a failed one or a month not complete leaves it not made."""
    for e in jsonlog.recent(log_path(db_path), limit=1000):
        if (e.get("year"), e.get("month")) != (month.year, month.month) or e.get("result") == "失败" and e.get("files"):
            continue  # another month's; or the chat message failing after the documents were made
        return e.get("result") == "成功" and any(
            key == f"{month.year}年{month.month}月" and set(files) == set(ORDER) for key, _, files in by_month(db_path))
    return False


@contextlib.contextmanager
def writer_lock(db_path: Path, wait: bool = True):
    """One writer of the reports folder at a time; yields False (without waiting) when wait is False and another
    holds it. Released by the system when its holder dies, a kill -9 included."""
    with open(db_path.parent / LOCK, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def writing_now(db_path: Path) -> bool:
    """Whether a writer holds the reports folder now. Looked at under the queue's lock, so that the look never
    makes an import think a writer is at work."""
    if not (db_path.parent / LOCK).exists():
        return False
    with queue(db_path), writer_lock(db_path, wait=False) as free:
        return not free


def unfinished(db_path: Path) -> list[Period]:
    """The months whose latest run started and neither finished nor failed, with no writer at work: killed runs."""
    return [] if writing_now(db_path) else started_not_ended(db_path)


def started_not_ended(db_path: Path) -> list[Period]:
    latest: dict[tuple, str] = {}
    for e in jsonlog.recent(log_path(db_path), limit=1000):
        latest.setdefault((e.get("year"), e.get("month")), e.get("result"))
    return [Period(*key, "month") for key, result in latest.items() if result == UNFINISHED and None not in key]


def settle(db_path: Path) -> None:
    """Called holding writer_lock: a killed run's set moved in when it was whole, its unfinished folder removed."""
    out = folder(db_path)
    for left in sorted(out.glob(f"{COMPLETE}*")):
        move_in(left)
    for left in out.glob(f"{WRITING}*"):
        shutil.rmtree(left, ignore_errors=True)


def move_in(complete: Path) -> None:
    """A whole set, from its folder into the reports folder beside it."""
    for file in sorted(complete.iterdir()):
        os.replace(file, complete.parent / file.name)
    complete.rmdir()


def missing_units(q, ctx: summary.Context, month: Period) -> list[str]:
    """The units without the month, others having it; not one whose stored 累计/季度/年度 figure covers it
    (missing_months_by_region knows the spans; unreported_months_by_region reads the months' cells alone)."""
    rows = q("unreported_months_by_region", year=month.year, month=month.month, city=ctx.home)
    gaps = q("missing_months_by_region", year=month.year, month_to=month.month, city=ctx.home)
    without = {r for r, months in zip(gaps.region_code, gaps.missing_months) if month.month in list(months)}
    return [r.region_name for r in rows.itertuples() if r.month == month.month and r.region_code in without]


def completeness(q, ctx: summary.Context, month: Period, today: dt.date) -> str:
    """Why the month is not complete (a sentence), or "" when it is."""
    year, label = month.year, f"{month.year}年{month.month}月"
    this_month = Period(year, month.month, "month")
    if summary.headline(q, this_month, ctx.home).cells == 0:
        return f"{label}{ctx.region_name(ctx.home)}还没有数据"
    ytd = Period(year, month.month, "ytd")  # a report whose 累计 cannot be known is not written (brief.build refuses it)
    if cannot := summary.missing_sentence(ctx, ytd, summary.headline(q, ytd, ctx.home)["unknown_regions"]):
        return cannot.removesuffix("。")
    missing = missing_units(q, ctx, this_month)
    if not missing:
        return ""
    day = ctx.settings.get(DAY_SETTING, "").strip()
    if day.isdigit():
        due = dt.date(year + month.month // 12, month.month % 12 + 1, min(int(day), 28))
        if today >= due:
            return ""
    words = f"（设置 {DAY_SETTING} = {day}：{due.month}月{due.day}日起不再等待）" if day.isdigit() else ""
    return f"{label}还有{len(missing)}个区县未报送（{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}）{words}"


def failed(db_path: Path, month: Period, detail: str, files: list[str] | None = None, trace: str = "") -> None:
    """A failure as 数据管理 says it (detail: the error's own sentence) and, for whoever fixes it, the traceback."""
    log(db_path, {"year": month.year, "month": month.month, "result": "失败", "files": files or [], "detail": detail[:800],
                  **({"traceback": trace[-2000:]} if trace else {})})


def run(db_path: Path, month: Period, today: dt.date | None = None) -> list[Path]:
    """In the writer process: the month's documents if the month is complete; logged either way. Then, while it
    holds the reports folder, the months a killed run left unfinished are made again."""
    with writer_lock(db_path):
        settle(db_path)
        again = [m for m in started_not_ended(db_path) if m != month]  # we hold the lock: killed runs
        written = write_month(db_path, month, today)
        for other in again:
            write_month(db_path, other, today)
    return written


def serve(db_path: Path, month: Period, held: int | None = None, today: dt.date | None = None) -> None:
    """The writer process: the months of the queue, one after the other, as long as imports queue them; first the
    settling of what a killed writer left, and the months it left unfinished. held: the descriptor of the writer
    lock, taken by the import that started this process (after_import); without it (started by hand), the month
    is queued and the lock waited for."""
    if held is None:
        with queue(db_path) as waiting:
            ask(waiting, month)
        lock = open(db_path.parent / LOCK, "a")
        fcntl.flock(lock, fcntl.LOCK_EX)
    else:
        lock = os.fdopen(held, "a")
    from tradestats.documents import render  # kaleido and Plotly: in the writer process, not every importer

    with lock:
        settle(db_path)
        again = started_not_ended(db_path)  # we hold the lock: runs that were killed
        while True:
            with queue(db_path) as waiting:
                months = take(waiting)
            if not months and not again:
                render.close()  # before another writer can start: never two browsers
                with queue(db_path) as waiting:
                    months = take(waiting)
                    if not months:  # an import from here on starts a writer of its own
                        fcntl.flock(lock, fcntl.LOCK_UN)
                        return
            for one in [*months, *(m for m in again if m not in months)]:
                write_month(db_path, one, today)
            again = []


def write_month(db_path: Path, month: Period, today: dt.date | None = None) -> list[Path]:
    """The month's set, written apart and moved in whole, or nothing moved; logged either way."""
    written: list[Path] = []
    errors: list[str] = []
    key = {"year": month.year, "month": month.month}  # the month in the log
    work = folder(db_path) / f"{WRITING}{os.getpid()}"  # made when the month is complete
    try:
        con = db.connect(db_path)
        try:
            q = functools.partial(queries.run, con)
            ctx = summary.context(q)
            why_not = completeness(q, ctx, month, today or dt.date.today())
            if why_not:
                log(db_path, {**key, "result": "未生成", "files": [], "detail": why_not + "，月报暂不生成。"})
                return []
            log(db_path, {**key, "result": UNFINISHED, "files": [], "detail": "", "pid": os.getpid()})
            work.mkdir(parents=True)
            from tradestats.documents import month_files  # plotly and the document libraries: only in this process

            for fmt in ORDER:
                try:
                    name, data = month_files.write(q, month, None, fmt)
                    (work / name).write_bytes(data)
                except Exception as e:  # noqa: BLE001 — said for each format; the set is not moved in
                    errors.append(f"{fmt}：{type(e).__name__}: {e}")
        finally:
            con.close()
        if not errors:
            names = sorted(p.name for p in work.iterdir())
            complete = work.rename(work.with_name(f"{COMPLETE}{os.getpid()}"))  # whole: from here on it is moved in
            move_in(complete)
            written = [folder(db_path) / n for n in names]
    except Exception as e:  # noqa: BLE001 — logged for 数据管理; nobody waits on this process
        errors.append(f"{type(e).__name__}: {e}")
        trace = traceback.format_exc(limit=3)
    else:
        trace = ""
    shutil.rmtree(work, ignore_errors=True)
    names = [p.name for p in sorted(written, key=lambda p: ORDER.index(p.suffix.lstrip(".")))]
    if errors:
        failed(db_path, month, "；".join(errors) + ("（文件夹中仍是之前生成的版本）" if made_before(db_path, month) else ""),
               [], trace)
    else:
        log(db_path, {**key, "result": "成功", "files": names, "detail": ""})
    if written:
        notify(db_path, month, names)
    return written


def made_before(db_path: Path, month: Period) -> bool:
    return any(key == f"{month.year}年{month.month}月" for key, _, _ in by_month(db_path))


def notify(db_path: Path, month: Period, names: list[str]) -> None:
    """Where webhooks are set: the documents are ready, and where they are."""
    try:
        hooks = webhooks.configured()
        if not hooks:
            return
        settings = db.read_settings()
        center, base = settings.get("center_name", ""), settings.get("public_url", "").rstrip("/")
        title = f"{center}：{month.year}年{month.month}月统计月报和汇报PPT已生成"
        where = f"请在看板的“新闻素材”页下载{f'：{base}/press' if base else ''}，或在服务器的 {folder(db_path)} 中取用。"

        def markdown(fmt: str, limit: int) -> str:
            mark = "> " if fmt == "wecom" else "- "
            return "\n".join([f"### {title}", *(f"{mark}{n}" for n in names), "", where])[:limit]

        message = webhooks.Message(title, markdown, {"center": center, "year": month.year, "month": month.month,
                                                     "reports": names})
        webhooks.deliver(hooks, message, webhooks.log_path(db_path))
    except Exception as e:  # noqa: BLE001 — the documents are written; the chat message is extra
        log(db_path, {"year": month.year, "month": month.month, "result": "失败", "files": names,
                      "detail": f"月报已生成，但推送消息时出错：{e}"})


def status(db_path: Path) -> tuple[str, str] | None:
    """What 数据管理 says about the latest automatic run: ("error" | "info", sentence), None before any."""
    entries = jsonlog.recent(log_path(db_path), limit=1)
    if not entries:
        return None
    e = entries[0]
    when = str(e.get("time", ""))[:16].replace("T", " ")
    label = f"{e.get('year')}年{e.get('month')}月"
    if e.get("result") == "失败":
        done = f"（已生成：{'、'.join(e['files'])}）" if e.get("files") else ""
        return "error", f"{when} 自动生成{label}统计月报和汇报PPT失败{done}：{webhooks.masked_text(e.get('detail', ''))}"
    if e.get("result") == UNFINISHED:
        if writing_now(db_path):
            return "info", f"{when} 正在自动生成{label}统计月报和汇报PPT……"
        return "error", (f"{when} 自动生成{label}统计月报和汇报PPT没有完成（生成进程被中断），reports 文件夹中仍是之前的版本"
                         "（如有）。下次导入或运行 tradestats brief 时会重新生成。")
    if e.get("result") == "成功":
        return "info", f"{when} 已自动生成{label}统计月报和汇报PPT：{'、'.join(e.get('files', []))}。"
    return "info", f"{when} {webhooks.masked_text(e.get('detail', ''))}"


def listing(db_path: Path) -> list[tuple[Path, dt.datetime]]:
    """The documents in the reports folder, newest first, with when each was written."""
    out = folder(db_path)
    if not out.is_dir():
        return []
    files = {p.name: p for p in out.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lstrip(".") in ORDER}
    for complete in sorted(out.glob(f"{COMPLETE}*")):  # a whole set being moved in (or its mover killed): it wins
        files |= {p.name: p for p in complete.iterdir() if p.suffix.lstrip(".") in ORDER}
    stamped = []
    for p in files.values():
        with contextlib.suppress(FileNotFoundError):  # moved in between the two looks: listed next time
            stamped.append((p, dt.datetime.fromtimestamp(p.stat().st_mtime)))
    return sorted(stamped, key=lambda item: (item[1], item[0].name), reverse=True)


def by_month(db_path: Path) -> list[tuple[str, dt.datetime, dict[str, Path]]]:
    """The documents grouped by the month (and place) they are of — 2024年12月: {docx, pdf, pptx} — with when the
    latest of them was written; the most recently written first."""
    groups: dict[str, dict[str, Path]] = {}
    times: dict[str, dt.datetime] = {}
    for file, when in listing(db_path):
        key = re.sub(r"公共资源交易(统计月报|情况汇报)$", "", file.stem)
        groups.setdefault(key, {})[file.suffix.lstrip(".")] = file
        times[key] = max(times.get(key, when), when)
    return [(key, times[key], groups[key]) for key in sorted(groups, key=lambda k: times[k], reverse=True)]


def main(argv: list[str]) -> int:
    path, month = Path(argv[0]), Period(int(argv[1]), int(argv[2]), "month")  # the process's boundary: ints
    held = int(argv[4]) if argv[3:4] == [LOCK_FD] else None
    try:
        serve(path, month, held)
    except BaseException as e:  # noqa: BLE001 — nobody reads this process's output: the log is where it is seen
        failed(path, month, f"{type(e).__name__}: {e}", trace=traceback.format_exc(limit=3))
        raise
    finally:
        from tradestats.documents import render  # as above: loaded in the writer process only

        render.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
