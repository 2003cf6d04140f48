"""The stored sums behind 交易效率与竞争 and 市场主体 (derived.sql's tender_cell, tender_cycle, tender_bidders,
party_cell, party_method, and party_scope, party_first and tender_cycle_scope from them): rewritten by every write of the data with the other derived tables, whole or for
the months an import touched, so the pages read a few thousand cells instead of millions of tenders."""

from __future__ import annotations

import datetime as dt

from tradestats.store.statements import statement

TABLES = {"tender_cell": "tender_cells_between", "tender_cycle": "tender_cycles_between",
          "tender_bidders": "tender_bidders_between", "party_cell": "party_cells_between",
          "party_method": "party_methods_between", "party_scope": "party_scopes_between",
          "tender_cycle_scope": "tender_cycle_scopes_between"}
# How a whole rewrite stores each table (an import appends its months): party_scope by the region filter it
# answers first, so that a page's filter skips the other filters' row groups.
ORDER = {"party_scope": "who, scope, year, month", "tender_cycle_scope": "scope, year, month"}


def derive(run, months: list[tuple[int, int]] | None) -> None:
    """months None: all; else only those (year, month), found by a date range (the tables are stored by date)."""
    if months is not None and not months:
        return
    for table, source in TABLES.items():
        if months is None:
            run(f"delete from {table}")
            run(statement("store/derive_market_all").format(table=table, source=source,
                                                      order=ORDER.get(table, "year, month")))
            continue
        first, last = min(months), max(months)
        past = dt.date(last[0] + last[1] // 12, last[1] % 12 + 1, 1)
        run(f"delete from {table} t using derive_months m where t.year = m.year and t.month = m.month")
        run(f"insert into {table} select s.* from {source}(?, ?) s semi join derive_months m using (year, month)",
            [dt.date(first[0], first[1], 1), past])
    run("delete from party_first")  # a few thousand parties: rewritten whole, whichever months changed
    run("insert into party_first select who, party, min(year * 12 + month) from party_cell group by all order by all")
