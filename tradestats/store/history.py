"""What happened to the data: the imports made (import_log, carried in every version) and the way back — a
rollback makes an earlier version current again, recorded so that pruning keeps what a rollback reached."""

from __future__ import annotations

import os
from collections.abc import Callable
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
