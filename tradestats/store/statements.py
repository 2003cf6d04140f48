"""The statements that write and derive, one .sql file each in the sql/ folder of the package that runs them,
named for what it does and read by statement(): the import's checks and writes in tradestats/ingest/sql/
("ingest/…"), derive's, the upgrades' and the demo's load in tradestats/store/sql/ ("store/…"), and so on for
the synthetic data (demo/), init --city (deploy/) and the 预警 ledger
(alerting/). The pages' questions are queries/*.sql, run by queries.run.

A file whose comment names a {placeholder} is filled by its caller with str.format from a fixed set of
fragments (a table name, an optional filter, a list of columns), never from input; values are bound as
parameters. Comments name placeholders without their braces (str.format would fill them too)."""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def statement(name: str) -> str:
    """The text of a statement by its package and name: "ingest/add_region" is tradestats/ingest/sql/add_region.sql."""
    package, _, stem = name.partition("/")
    return (PACKAGE / package / "sql" / f"{stem}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every statement, as statement() takes its name: the .sql files of each package's sql/ folder."""
    return sorted(f"{p.parent.parent.name}/{p.stem}" for p in PACKAGE.glob("*/sql/*.sql"))
