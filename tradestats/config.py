"""Where things are: the project's data and queries folders and the database path."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DB_ENV = "TRADESTATS_DB"


def db_path() -> Path:
    """The database path: $TRADESTATS_DB, else data/tradestats.duckdb."""
    return Path(os.environ.get(DB_ENV) or DATA_DIR / "tradestats.duckdb")
