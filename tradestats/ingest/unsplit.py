"""Figures of all sectors together: a file's 合计 that no sector's rows add up to (stats_file.all_sectors) —
a table without a sector column, or one that gives only its 合计 for a period and region. They are kept as
they are (fact_trade_total), never guessed into sectors.

A period and place holds either such a figure or cells by sector, never both — the home city's figure and
its units' (counties, 市本级) being one place, whose sums would otherwise count twice: a file's cells by sector
replace a stored figure of all sectors for their period and place; a file's figure of all sectors for a
period and place whose cells by sector are stored is not kept (the split answers for the total), and where
the two differ the plan says so."""
from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd

from tradestats.domain import metrics, periods
from tradestats.store.statements import statement

KEY = ["year", "month_from", "month_to", "region_code"]  # a stored figure of all sectors together
VALUES = ["projects", "amount_wan", "reference_wan", "savings_wan", "premium_wan", "key_projects", "key_amount_wan"]
STORED = Decimal("0.000001")  # DECIMAL(18, 6)


def frame(rows: list[dict]) -> pd.DataFrame:
    """The parsed figures in fact_trade_total's columns: 节约资金, 增收资金 and the reference a row does not give are
    unknown (null), the 涉重点产业 counts 0 as for cells by sector."""
    def money(value) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(STORED)

    return pd.DataFrame([{
        "year": r["year"], "month_from": r["month_from"], "month_to": r["month_to"], "region_code": r["region_code"],
        "projects": int(r["projects"]), "amount_wan": money(r["amount"]), "reference_wan": money(r.get("reference")),
        "savings_wan": money(r.get("savings")), "premium_wan": money(r.get("premium")),  # None: not given
        "key_projects": int(r.get("key_projects") or 0), "key_amount_wan": money(r.get("key_amount") or 0),
        "_where": r["_where"]} for r in rows], columns=[*KEY, *VALUES, "_where"])


def label(year: int, month_from: int, month_to: int) -> str:
    return f"{year}年{month_from}月" if month_from == month_to else f"{year}年{periods.span_label(month_from, month_to)}"


def compare(con: duckdb.DuckDBPyConnection, totals: pd.DataFrame, split_keys: pd.DataFrame, table) \
        -> tuple[pd.DataFrame, tuple[int, int, int], int, list[str]]:
    """totals: the file's figures of all sectors; split_keys: the periods and regions (KEY) of the file's cells
    by sector. Returns the figures to keep (those whose period and region has no stored cells by sector), their
    counts (added, changed, unchanged), how many stored figures of all sectors the file's split replaces, and a
    sentence per figure not kept that differs from the stored split."""
    con.register("incoming_split", split_keys[KEY] if len(split_keys) else pd.DataFrame(
        {"year": pd.Series(dtype="int16"), "month_from": pd.Series(dtype="int8"), "month_to": pd.Series(dtype="int8"),
         "region_code": pd.Series(dtype="object")}))
    replaced = con.execute(statement("ingest/totals_replaced")).fetchall()[0][0]
    con.unregister("incoming_split")
    if totals.empty:
        return totals, (0, 0, 0), replaced, []
    con.register("incoming_totals", table(totals))
    split = con.execute(statement("ingest/totals_against_split")).fetchall()
    old = con.execute(statement("ingest/compare_totals")).fetchall()
    con.unregister("incoming_totals")
    notes = []
    for y, a, b, _, name, n, amount, n_split, amount_split in split:
        if n != n_split or abs(amount - amount_split) > Decimal("0.01"):
            notes.append(f"{name}{label(y, a, b)}：文件只有合计 {n}宗、{metrics.money(amount)}，库中已有分板块数据，"
                         f"各板块之和为 {n_split}宗、{metrics.money(amount_split)}；保留分板块数据，不保存这个合计。")
    stored = {(y, a, b, r) for y, a, b, r, *_ in split}
    keep = totals[[k not in stored for k in zip(totals.year, totals.month_from, totals.month_to, totals.region_code)]]
    added = sum(not e for e, _ in old)
    same = sum(bool(x) for e, x in old if e)
    return keep.reset_index(drop=True), (added, len(old) - added - same, same), replaced, notes


def overlaps(con: duckdb.DuckDBPyConnection, given: pd.DataFrame, split_keys: pd.DataFrame) -> list[str]:
    """Where the file's figures (given: KEY) and the stored ones lie on the home city itself and on its units
    (counties, 市本级) in overlapping months, the city's figure would add both: a sentence for each, to be
    confirmed. split_keys: the file's cells by sector, which replace stored figures of all sectors (write)."""
    if given.empty:
        return []
    con.register("given_keys", given[KEY].drop_duplicates())
    con.register("split_keys", split_keys[KEY] if len(split_keys) else given[KEY].head(0))
    rows = con.execute(statement("ingest/overlapping_levels")).fetchall()
    con.unregister("given_keys")
    con.unregister("split_keys")
    return [f"文件给出{'全市' if city else '区县'}{label(y, a, b)}的数据，库中已有{'区县' if city else '全市'}{label(sy, sa, sb)}"
            f"的数据：全市的数字会把两种口径相加（重复计算）。请只用一种口径（全市或各区县）导入这些月份。"
            for y, a, b, sy, sa, sb, city in rows]


def plan(con: duckdb.DuckDBPyConnection, rows: list[dict], split_keys: pd.DataFrame, table) \
        -> tuple[pd.DataFrame, tuple, list[str]]:
    """The import's stage for figures of all sectors, in one call: the parsed rows as a frame, what compare()
    says of them against the database and the file's split (split_keys), and overlaps()' sentences."""
    whole = frame(rows)
    compared = compare(con, whole, split_keys, table)
    given = pd.concat([split_keys, whole[KEY]]) if len(whole) else split_keys
    return whole, compared, overlaps(con, given, split_keys)


def write(con: duckdb.DuckDBPyConnection, totals: pd.DataFrame, split_keys: pd.DataFrame, table, import_id: int) -> None:
    """Replace the stored figures of all sectors by the file's, and drop those the file's split replaces."""
    def run(sql: str) -> None:
        con.execute(sql).fetchall()

    if len(split_keys):
        con.register("incoming_split", split_keys[KEY])
        run(statement("ingest/delete_split_totals"))
        con.unregister("incoming_split")
    if len(totals):
        con.register("incoming_totals", table(totals.assign(import_id=import_id)))
        run(statement("ingest/delete_replaced_totals"))
        run("insert into fact_trade_total by name select * from incoming_totals")
        con.unregister("incoming_totals")
