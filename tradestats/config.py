"""Where things are: the project's data and queries folders and the database path."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DB_ENV = "TRADESTATS_DB"
MEMORY_ENV = "TRADESTATS_DUCKDB_MEMORY"
# What a reader (the app, the CLI) lets DuckDB hold: the pages' queries need a few MB; a search through
# millions of projects spills past this instead of growing the server (it took 700 MB at 10 M rows).
READER_MEMORY = "128MB"


def db_path() -> Path:
    """The database path: $TRADESTATS_DB, else data/tradestats.duckdb."""
    return Path(os.environ.get(DB_ENV) or DATA_DIR / "tradestats.duckdb")


def reader_memory() -> str:
    """DuckDB's memory limit for reading: $TRADESTATS_DUCKDB_MEMORY, else READER_MEMORY."""
    return os.environ.get(MEMORY_ENV) or READER_MEMORY
