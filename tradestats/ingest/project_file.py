"""A project list (项目明细: one row per completed trade) checked as a whole in DuckDB into project records,
every problem named by file, sheet, row and column. The rules are SQL over the file's text — a CSV's as it
came, a workbook's cells written as a CSV would hold them — so every format is checked the same way, and a
million rows in a few seconds. Columns of few values (dates, regions, sectors, 是/否) are checked once per
value and joined back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from tradestats.ingest import project_fields, rules, sources
from tradestats.ingest.headers import Header
from tradestats.ingest.sources import Sheet
from tradestats.ingest.table import HEADER_ROWS_SCANNED, Problem
from tradestats.ingest.vocabulary import NAMES, Vocabulary, suggest
from tradestats.store.statements import statement

YES = (*rules.YES, "重点")  # 是否重点产业
NO = rules.NO
MONEY = ("amount", "reference", "savings", "premium")
READ = ("project_id", "project_name", "deal_date", "region", "sector", *MONEY, "method", "is_key")
CHECKED = ("project_id", "project_name", "deal_date", "region", "sector", *MONEY, "is_key",
           *(f for f in project_fields.OPTIONAL if f not in project_fields.TEXTS + ("winner_region",)))
# a row's problems in this order (the optional fields' only when a sheet has their column)
HEAD = HEADER_ROWS_SCANNED + 1  # the rows of a CSV read before its kind is known: the header and one more
MAX_LISTED = 100  # problems named in a report; the others are counted



@dataclass
class Checked:
    projects: pa.Table | None = None  # the records as fact_project holds them, when the file has no errors
    problems: list[Problem] = field(default_factory=list)
    unlisted: int = 0  # problems found beyond those listed
    failed: pa.Table | None = None  # the failed and stopped trades (流标/终止) as fact_tender_failed holds them

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def check(file: str, sheets: list[Sheet], header: Header, vocab: Vocabulary, today: dt.date,
          directions: dict[str, str]) -> Checked:
    """header: the header stage's reading of the file (the sheets it uses, their headers, its problems)."""
    used = [(n, sheets[n], (header.readings[n].index, header.readings[n].placed)) for n in header.used]
    if not used:
        return Checked(problems=[header.missing])
    doubts = header.doubts
    if any(not p.warning for p in doubts):
        return Checked(problems=doubts)
    con = rules.connect()
    try:
        load_vocabulary(con, vocab, directions)
        con.execute(f"create table sheet_units (sheet_no integer, {', '.join(f'{f}_unit varchar' for f in MONEY)})")
        optional = project_fields.present(c for _, _, (_, c) in used)
        parts = [sheet_rows(con, sheet_no, sheet, header_index, columns, optional)
                 for sheet_no, sheet, (header_index, columns) in used]
        con.execute("create view incoming as " + " union all ".join(parts))
        money = [f for f in MONEY if any(f == field for _, _, (_, c) in used for field, _ in c.values())]
        checked = run_checks(con, file, sheets, vocab, today, money, optional)
        checked.problems[:0] = doubts  # warnings: a field given only as 累计
        return checked
    finally:
        con.close()


def load_vocabulary(con: duckdb.DuckDBPyConnection, vocab: Vocabulary, directions: dict[str, str]) -> None:
    con.execute("create table region_names (text varchar primary key, region_code varchar, reporting boolean)")
    con.executemany("insert into region_names values (?, ?, ?)",
                    [(t, c, c in vocab.reporting) for t, c in vocab.regions.items()])
    con.execute("create table sector_names (text varchar primary key, sector_code varchar)")
    con.executemany("insert into sector_names values (?, ?)", list(vocab.sectors.items()))
    con.execute("create table sector_direction (sector_code varchar primary key, purchase boolean)")
    con.executemany("insert into sector_direction values (?, ?)", [(s, d == "purchase") for s, d in directions.items()])


def sheet_rows(con: duckdb.DuckDBPyConnection, sheet_no: int, sheet: Sheet, header_index: int, columns: dict,
               optional: list[str] = ()) -> str:
    """The query of a sheet's data rows with their columns named by field, and whether the row is blank."""
    at = {f: j for j, (f, _) in columns.items()}
    if "sector" not in at and "trade_type" in at:  # one column of trade types names the sector
        at["sector"] = at["trade_type"]
    dates = frozenset(j for j, (f, _) in columns.items() if f in ("deal_date", *project_fields.DATES))
    rows = sources.table(sheet, header_index + 1, dates)
    con.register(f"sheet_{sheet_no}", rows)  # Arrow, read where it is
    con.execute("insert into sheet_units values (?, ?, ?, ?, ?)",
                [sheet_no, *({f: u for _, (f, u) in columns.items()}.get(f) for f in MONEY)])
    width = rows.num_columns - 1
    texts = ", ".join(f"coalesce(c{at[f]}, '') as {f}" if f in at and at[f] < width else f"'' as {f}" for f in (*READ, *optional))
    # Blank when every cell is: asked column by column of the rows still in doubt (AND would ask them all).
    blank = "case " + " ".join(f"when not (c{j} is null or is_blank(c{j})) then false" for j in range(width)) + " else true end"
    return statement("ingest/sheet_rows").format(sheet_no=sheet_no, texts=texts, blank=blank,
                                                 units=", ".join(f"u.{f}_unit" for f in MONEY))


def run_checks(con: duckdb.DuckDBPyConnection, file: str, sheets: list[Sheet], vocab: Vocabulary,
               today: dt.date, money_fields: list[str], optional: list[str] = ()) -> Checked:
    # Columns of few values (dates, regions, sectors, 是/否) are checked once per value, then joined.
    con.execute(statement("ingest/date_values").format(optional_dates="".join(
        f" union select distinct {f} from incoming" for f in optional if f in project_fields.DATES)))
    con.execute(statement("ingest/region_values"))
    con.execute(statement("ingest/sector_values"))
    con.execute(statement("ingest/key_values"))
    con.execute(project_fields.macros())
    project_fields.tables(con, optional)
    extra = project_fields.problems(optional)
    checked_fields = [f for f in CHECKED if f in CHECKED[:CHECKED.index("is_key") + 1] or f in dict(extra)]
    money = [rules.money_columns(f, NAMES[f], required=f == "amount") if f in money_fields else  # a column no sheet has
             ("", f"null::varchar as {f}_problem", f"null::decimal(18, 6) as {f}_wan") for f in MONEY]
    failing = "status" in optional  # 流标/终止: no 成交日期, no 成交金额
    con.execute(statement("ingest/checked_projects").format(
        money_parts="".join(m[0] + ", " for m in money if m[0]),
        optional_parsed=project_fields.parsed(optional), optional_joins=project_fields.joins(optional),
        project_id_label=NAMES["project_id"], project_name_label=NAMES["project_name"],
        deal_date_unless_failed="when p.outcome <> 'done' and is_blank(p.deal_date) then null" if failing else "",
        money_problems=", ".join(m[1] for m in money),
        optional_problems="".join(f", {sql} as {f}_problem" for f, sql in extra),
        problem_columns=", ".join(f"{f}_problem" for f in checked_fields if f != "amount"),
        amount_problem="unless_failed(amount_problem, outcome, amount) as amount_problem" if failing else "amount_problem",
        money_values=", ".join(m[2] for m in money), optional_values=project_fields.values(optional),
        valid_problems=" and ".join(f"{f}_problem is null" for f in checked_fields if f != "amount"),
        amount_unless_failed="or outcome <> 'done' and is_blank(amount)" if failing else ""),
        {"today": today, "yes": list(YES), "no": list(NO)})
    # The first of a 项目编号 is kept, a later one refused (among rows without other problems).
    con.execute(statement("ingest/repeated_project_ids"))
    found = " union all ".join(
        [statement("ingest/field_problems").format(
            ord=n, field=f, hint={"region": "region_normal", "sector": "sector_normal"}.get(f, "null"))
         for n, f in enumerate(CHECKED) if f in checked_fields] + [statement("ingest/repeated_project_problems")])
    total = con.execute(f"select count(*) from ({found})").fetchall()[0][0]
    listed = con.execute(f"select * from ({found}) order by sheet_no, row_no, ord limit {MAX_LISTED}").fetchall()
    result = Checked(problems=[problem(file, sheets, vocab, *p) for p in listed], unlisted=total - len(listed))
    if not total:
        result.projects = con.sql(statement("ingest/project_records").format(
            optional=project_fields.records(optional),
            done="where c.outcome = 'done'" if "status" in optional else "")).to_arrow_table()
        if "status" in optional:
            result.failed = project_fields.failed(con, optional)
    return result


def problem(file: str, sheets: list[Sheet], vocab: Vocabulary, sheet_no: int, row_no: int, ord: int,
            message: str, hint: str | None, first_sheet: int | None, first_row: int | None) -> Problem:
    sheet = sheets[sheet_no]
    if first_row is not None:  # a repeated 项目编号, named with the row it first came in
        first = sheets[first_sheet].where(file, first_row).split(" ", 1)[-1]
        return Problem(sheet.where(file, row_no), f"{message}{first}重复。")
    if hint is not None and message.startswith("未知"):
        names = ([k for k in vocab.regions if not k.isdigit()] if CHECKED[ord] == "region" else
                 [k for k in vocab.sectors if not re.fullmatch(r"[a-z_]+", k)])  # names, not codes
        message += suggest(hint, names)
    return Problem(sheet.where(file, row_no, NAMES[CHECKED[ord]]), message)
