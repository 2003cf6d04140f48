"""The statements that write and derive (the import's checks and writes, derive, the upgrades, the demo's
load), one .sql file each beside this module, named for what it does and read by statement(). The pages'
questions are queries/*.sql, run by queries.run.

They sit in tradestats/store/ whichever package runs them: the wheel ships store/*.sql (pyproject's
package-data) and no other folder's. A file whose comment names a {placeholder} is filled by its caller with
str.format from a fixed set of fragments (a table name, an optional filter, a list of columns), never from
input; values are bound as parameters. Comments name placeholders without their braces (str.format would fill
them too)."""

from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).parent
NOT_STATEMENTS = frozenset({"schema", "derived"})  # read whole by db (the stored tables; views and macros)


@functools.cache
def statement(name: str) -> str:
    """The text of tradestats/store/<name>.sql."""
    return (HERE / f"{name}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.sql") if p.stem not in NOT_STATEMENTS)
