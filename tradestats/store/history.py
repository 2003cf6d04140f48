"""What happened to the data: the imports made (import_log, carried in every version) and the way back — a
rollback makes an earlier version current again, recorded so that pruning keeps what a rollback reached — and
an import the page started that its server did not see to the end (killed, restarted), and what became of it."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from tradestats.store import db, queries


def imports(path: Path) -> pd.DataFrame:
    """The imports that made the current version, newest first."""
    con = db.connect(path)
    try:
        return queries.run(con, "imports_by_time")
    finally:
        con.close()


def rollback(path: Path, version: str | None = None,
             carry: Callable[[Path, Path], Path | None] | None = None) -> Path:
    """Make an earlier version current again: the one named, or the one the current import was made on.
    carry(path, left), called holding the writer's lock, may bring what must outlive a rollback from the
    version left (alerts.carry: the 预警 ledger) as a new current version, which is then returned."""
    with db.writing(path):
        files = {f.stem: f for f in sorted(db.versions_dir(path).glob("*.duckdb"))}
        if version is None:
            version = db.based_on(Path(os.path.realpath(path)))
            if version is None:
                raise ValueError("当前版本不是由导入产生的，没有可回退的上一版本。")
            if version not in files:
                raise ValueError(f"上一版本 {version} 已不在保留的版本中。")
        target = files.get(version) or files.get(version.removesuffix(".duckdb"))
        if target is None:
            raise ValueError(f"没有版本“{version}”。可用的版本：{'、'.join(files)}")
        left = Path(os.path.realpath(path))
        db.publish(path, target)
        db.record_rollback(path, target.stem)
        carried = carry(path, left) if carry else None
    return carried or target


PENDING = ".pending-import-"  # beside the database: .<db name>.pending-import-<id>.json while an import runs


@contextlib.contextmanager
def attempt(path: Path, file_name: str, sha256: str, by: str) -> Iterator[None]:
    """An import (数据管理's 确认导入) noted beside the database while it runs, the note locked: a server killed
    during it leaves the note unlocked, and the page says after the next login whether the import landed."""
    note = path.with_name(f".{path.name}{PENDING}{uuid.uuid4().hex[:12]}.json")
    with open(note, "w", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        json.dump({"file_name": file_name, "sha256": sha256, "by": by,
                   "started": dt.datetime.now().isoformat(timespec="seconds")}, f, ensure_ascii=False)
        f.flush()
        try:
            yield
        finally:
            note.unlink(missing_ok=True)


def interrupted(path: Path) -> list[dict]:
    """The imports a server was killed during (their notes unlocked): file_name, by, started, and — landed — the
    import_log entry that holds them (import_id, imported_at) when they were written before the kill. Imports
    running now are not among them."""
    found = []
    for note in sorted(path.parent.glob(f".{path.name}{PENDING}*.json")):
        try:
            with open(note, encoding="utf-8") as f:
                fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)  # BlockingIOError: still running
                entry = json.load(f) | {"note": note}
        except (OSError, ValueError):
            continue
        log = imports(path)
        started = pd.Timestamp(entry.get("started"))
        done = log[(log.sha256 == entry.get("sha256")) & (log.imported_at >= started)] if len(log) else log
        entry["landed"] = (None if done.empty else
                           {"import_id": int(done.import_id.iloc[-1]), "imported_at": done.imported_at.iloc[-1]})
        found.append(entry)
    return found


def interrupted_sentence(entry: dict) -> str:
    """What 数据管理 says of an interrupted import."""
    said = f"{str(entry.get('started', ''))[:16].replace('T', ' ')} {entry.get('by', '')} 在网页上导入“{entry.get('file_name', '')}”时，服务器中断（停止或重启）。"
    if entry["landed"]:
        return said + (f"这次导入在中断前已完成：导入记录 #{entry['landed']['import_id']}"
                       f"（{entry['landed']['imported_at']:%Y-%m-%d %H:%M:%S}），见“导入记录与回退”。")
    return said + "这次导入没有完成，数据没有改动；请重新上传导入。"


def dismiss(entry: dict) -> None:
    Path(entry["note"]).unlink(missing_ok=True)
