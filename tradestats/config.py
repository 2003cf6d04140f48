"""Where things are: what ships with the code (the app, its queries, the default reference files and the demo
data set) and the deployment's folder, TRADESTATS_HOME, whose files override them and which holds the
database. find() is the one place that says where a deployment's file is, read_toml() the one that reads its
TOML files (settings.toml, alerts.toml)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent  # a source checkout's root (tests and benchmarks live there)
# Installed from a wheel, the app, its pages, queries and data ride inside the package (pyproject.toml maps the
# repository's folders to tradestats/shipped at build time); from a checkout or an editable install they are
# the repository's own.
SHIPPED = PACKAGE / "shipped" if (PACKAGE / "shipped" / "app.py").is_file() else ROOT
APP = SHIPPED / "app.py"
SERVER = SHIPPED / "server.py"  # the app with its own routes (the headline card), as `tradestats serve` runs it
QUERIES_DIR = SHIPPED / "queries"
DATA_DIR = SHIPPED / "data"  # the shipped defaults: reference files, import vocabulary, boundaries, the demo
HOME_ENV = "TRADESTATS_HOME"
DB_ENV = "TRADESTATS_DB"
DB_NAME = "tradestats.duckdb"
MEMORY_ENV = "TRADESTATS_DUCKDB_MEMORY"
# What a reader (the app, the CLI) lets DuckDB hold: the pages' queries need a few MB; a search through
# millions of projects spills past this instead of growing the server (it took 700 MB at 10 M rows).
READER_MEMORY = "128MB"


def home() -> Path:
    """The deployment's folder: $TRADESTATS_HOME; else the repository's data/ (the demo) in a checkout, and
    a folder of the user's ($XDG_DATA_HOME/tradestats, ~/.local/share/tradestats) for an installed package,
    whose own folder is no place for a database."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV])
    if SHIPPED == ROOT:
        return DATA_DIR
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "tradestats"


def find(name: str, folder: Path | None = None) -> Path:
    """A deployment's file by its path in the deployment folder (`settings.toml`, `regions.csv`,
    `import/columns.csv`, `boundaries/431200.geojson`): the copy in folder (default: home()) if there is one,
    else the one shipped with the code if there is one, else the folder's path (which a message then names)."""
    own = (folder or home()) / name
    if own.exists():
        return own
    shipped = DATA_DIR / name
    return shipped if shipped.exists() else own


def read_toml(name: str, folder: Path | None = None) -> tuple[Path, dict]:
    """A deployment's TOML file (settings.toml, alerts.toml) found as find() finds it, and what it says ({} when
    there is none); a file that is not TOML is refused with a sentence naming it (ValueError)."""
    file = find(name, folder)
    if not file.exists():
        return file, {}
    try:
        return file, tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{file}：格式错误（{e}）。") from e


def db_path() -> Path:
    """The database path: $TRADESTATS_DB, else tradestats.duckdb in the deployment folder."""
    return Path(os.environ.get(DB_ENV) or home() / DB_NAME)


def reader_memory() -> str:
    """DuckDB's memory limit for reading: $TRADESTATS_DUCKDB_MEMORY, else READER_MEMORY."""
    return os.environ.get(MEMORY_ENV) or READER_MEMORY
