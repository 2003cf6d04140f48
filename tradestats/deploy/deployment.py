"""A deployment's database as a whole: built from the deployment's files, upgraded, rolled back — the store's
operations (store.db, store.history) with what the 预警 ledger adds to each (alerts): a build's first
evaluation, a rollback's ledger carried over. The store knows nothing of alerts; this is where they meet,
and what the command line and the pages call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tradestats.alerting import alerts
from tradestats.store import db, history


def build(path: Path, data_dir: Path | None = None, demo: bool = True,
          waiting: Callable[[], None] | None = None) -> Path:
    """db.build, the new version evaluated for its latest month (the demo's 预警)."""
    return db.build(path, data_dir, demo=demo, waiting=waiting, after=alerts.after_build)


def ensure(path: Path, data_dir: Path | None = None) -> bool:
    """db.ensure (build, or upgrade), a build evaluated as by build."""
    return db.ensure(path, data_dir, after=alerts.after_build)


def rollback(path: Path, version: str | None = None) -> Path:
    """history.rollback, the 预警 ledger of the version left carried to the version made current."""
    return history.rollback(path, version, carry=alerts.carry)
