"""Run the named questions of queries/*.sql with bound parameters."""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd

from tradestats.config import QUERIES_DIR

PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@functools.cache
def sql(name: str) -> str:
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


@functools.cache
def params_of(name: str) -> frozenset[str]:
    """The parameters the statement binds (its header comment only documents them)."""
    body = "\n".join(line.split("--", 1)[0] for line in sql(name).splitlines())
    return frozenset(PARAM.findall(body))


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql; params it does not name are ignored, params it names are required."""
    wanted = params_of(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name} needs {sorted(missing)}")
    return con.cursor().execute(sql(name), {k: params[k] for k in wanted}).df()


def names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))
