"""The optional fields of a project list (项目明细) that describe how a trade went and who won it —
招标方式's neighbours in the national data specification: 评标办法, 投标人数, the dates from 公告/受理 to 开标,
是否流标/终止, 中标人 with its 统一社会信用代码 and 所在地区, 招标代理机构, 资金来源, 项目类型/行业. Each is
checked in SQL only when a sheet has its column, as project_file checks the others; a column no sheet has
costs nothing and leaves its measures empty (NULL).

A failed or stopped trade (流标/终止) is a row too: it has no 成交日期 and no 成交金额, is dated by its 开标日期
or 终止日期, and goes to fact_tender_failed, never into the counts and amounts of fact_project."""

from __future__ import annotations

import pyarrow as pa

from tradestats.ingest import rules
from tradestats.ingest.rules import sql_text
from tradestats.store.statements import statement

DATES = ("announce_date", "accept_date", "open_date", "stop_date")
TEXTS = ("eval_method", "winner", "agency", "funding", "industry")
OPTIONAL = ("status", "eval_method", "bidders", "announce_date", "accept_date", "open_date", "stop_date",
            "winner", "winner_credit_code", "winner_region", "agency", "funding", "industry")
NAMES = {"status": "是否流标/终止", "eval_method": "评标办法", "bidders": "投标人数", "announce_date": "公告发布日期",
         "accept_date": "受理日期", "open_date": "开标日期", "stop_date": "终止日期", "winner": "中标人",
         "winner_credit_code": "统一社会信用代码", "winner_region": "中标人所在地区", "agency": "招标代理机构",
         "funding": "资金来源", "industry": "项目类型"}
# 是否流标/终止 as trading systems write it: the trade was completed, failed (流标, 废标) or stopped (终止).
DONE = (*rules.NO, "成交", "已成交", "中标", "正常", "完成", "成功", "done")
FAILED = (*rules.YES, "流标", "已流标", "废标", "失败", "failed")
STOPPED = ("终止", "已终止", "中止", "撤销", "取消", "stopped")
MAX_BIDDERS = 100_000
# The columns of the records, in fact_project's order of the new columns, with their types.
PROJECT_COLUMNS = (("eval_method", "varchar"), ("bidders", "integer"), ("announce_date", "date"),
                   ("accept_date", "date"), ("open_date", "date"), ("winner", "varchar"),
                   ("winner_credit_code", "varchar"), ("winner_region", "varchar"), ("winner_region_code", "varchar"),
                   ("agency", "varchar"), ("funding", "varchar"), ("industry", "varchar"),
                   ("outcome_known", "boolean"))
# GB 32100-2015: 统一社会信用代码 is 18 characters of CHARSET; the 18th is a check character of the others.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(code: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 are code (GB 32100-2015)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(code, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def macros() -> str:
    """The optional fields' rules as DuckDB macros: 是否流标/终止's (status_cell.sql), 投标人数's (bidders_cell.sql),
    the dates' (date_cell.sql) and the 统一社会信用代码's, with credit_check(code), the check character the first
    17 characters of a well-formed code call for (credit_code_cell.sql)."""
    terms = " + ".join(f"(strpos('{CHARSET}', code[{i + 1}]) - 1) * {w}" for i, w in enumerate(WEIGHTS))
    return "\n".join([statement("ingest/status_cell"),
                      statement("ingest/bidders_cell").format(max_bidders=MAX_BIDDERS),
                      statement("ingest/date_cell"),
                      statement("ingest/credit_code_cell").format(charset=CHARSET, terms=terms)])


def present(columns_of_sheets) -> list[str]:
    """The optional fields some sheet has a column of, in OPTIONAL's order."""
    found = {f for columns in columns_of_sheets for f, _ in columns.values()}
    return [f for f in OPTIONAL if f in found]


def tables(con, fields: list[str]) -> None:
    """The few-valued columns checked once per value: 是否流标/终止, 中标人所在地区."""
    if "status" in fields:
        con.execute(statement("ingest/status_values").format(
            done=", ".join(map(sql_text, DONE)), failed=", ".join(map(sql_text, FAILED)),
            stopped=", ".join(map(sql_text, STOPPED))))
    if "winner_region" in fields:
        con.execute(statement("ingest/winner_region_values"))


def joins(fields: list[str]) -> str:
    out = [f" left join date_values d_{f} on d_{f}.text = i.{f}" for f in DATES if f in fields]
    if "status" in fields:
        out.append(" join status_values st on st.text = i.status")
    if "winner_region" in fields:
        out.append(" join winner_region_values wr on wr.text = i.winner_region")
    return "".join(out)


def parsed(fields: list[str]) -> str:
    """The columns parsed from the text, beside project_file's (leading comma, or nothing)."""
    out = [f"d_{f}.day as {f}_day" for f in DATES if f in fields]
    out.append("st.outcome" if "status" in fields else "'done' as outcome")
    if "bidders" in fields:
        out.append("bidders_digits(i.bidders) as bidders_text")
    if "winner_credit_code" in fields:
        out.append("upper(norm(i.winner_credit_code)) as credit")
    if "winner_region" in fields:
        out.append("wr.region_code as winner_region_found")
    return ", " + ", ".join(out)


def problems(fields: list[str]) -> list[tuple[str, str]]:
    """(field, the SQL of its problem, as '{field}_problem') for the fields given: a call of its rule's macro
    (macros()), with null for a column the list does not have."""
    def day(f: str) -> str:
        return f"p.{f}_day" if f in fields else "null"
    out = []
    if "status" in fields:
        out.append(("status", f"status_problem(p.outcome, p.status, {day('open_date')}, {day('stop_date')})"))
    if "bidders" in fields:
        out.append(("bidders", "bidders_problem(p.bidders, p.bidders_text)"))
    for f in DATES:
        if f in fields:
            deal_day = "p.day" if f != "stop_date" else "null"
            open_day = day("open_date") if f in ("announce_date", "accept_date") else "null"
            out.append((f, f"date_problem(p.{f}, p.{f}_day, {sql_text(NAMES[f])}, $today, p.outcome, {deal_day}, "
                           f"{open_day})"))
    if "winner_credit_code" in fields:
        out.append(("winner_credit_code", "credit_problem(p.credit, p.winner_credit_code)"))
    return out


def values(fields: list[str]) -> str:
    """The checked rows' columns of the fields given (a leading comma each); with none, nothing, so that a list
    without optional columns is checked as fast as before."""
    region = "winner_region_found" if "winner_region" in fields else "null::varchar"
    credit = "nullif(credit, '')" if "winner_credit_code" in fields else "null::varchar"
    of = {
        **{f: f"nullif(strip({f}), '')" for f in (*TEXTS, "winner_region")},
        "bidders": "try_cast(nullif(bidders_text, '') as integer)",
        **{f: f"{f}_day" for f in DATES},
        "winner_credit_code": credit,
        # the winner's place: as the column names it, else where its credit code was registered (3rd–8th)
        "winner_region_code": f"coalesce({region}, substr({credit}, 3, 6))",
        "outcome_known": "true",
        "outcome": "outcome",
    }
    wanted = [f for f in fields if f in of]
    if {"winner_region", "winner_credit_code"} & set(fields):
        wanted.append("winner_region_code")
    if "status" in fields:
        wanted += ["outcome_known", "outcome"]
    return "".join(f", {of[f]} as {f}" for f in wanted)


def records(fields: list[str]) -> str:
    """The records' new columns from the checked rows (c), typed NULL for a field no sheet has."""
    have = values(fields)
    return "".join(f", c.{f}" if f" as {f}," in have + "," else f", null::{kind} as {f}"
                   for f, kind in PROJECT_COLUMNS if f != "outcome_known") + \
        (", c.outcome_known" if "status" in fields else ", false as outcome_known")


def failed(con, fields: list[str]) -> pa.Table:
    """The checked rows of failed and stopped trades, as fact_tender_failed holds them."""
    kinds = dict(PROJECT_COLUMNS) | {"stop_date": "date"}
    have = values(fields) + ","

    def col(f):
        return f if f" as {f}," in have else f"null::{kinds[f]} as {f}"
    optional = ", ".join(col(f) for f in ("eval_method", "bidders", "announce_date", "accept_date", "open_date",
                                          "stop_date", "agency", "funding", "industry"))
    return con.sql(statement("ingest/failed_trades").format(optional=optional)).select(
        "* exclude (is_key_industry), coalesce(open_date, stop_date) as failed_date, is_key_industry").to_arrow_table()
