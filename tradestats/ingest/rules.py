"""The rules for what a cell says — text, numbers and their units, counts, months, days — written once, as
DuckDB macros and the SQL built from them here, and used by every kind of file: a project list runs them
over its million rows in one query; a statistics, targets, indicators or regions file gives them its
columns in batches (numbers(), months(), years()); names and header words are compared as norm() leaves
them. That rule, NFKC without white space, is normal() in Python (one string at a time, no query); the macro
norm is it for a whole column, built from the same character tables (tests/test_rules.py checks the two on
every character). A cell of a workbook comes to them as the text a CSV would hold (sources.cell_text)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
import unicodedata
from decimal import Decimal

import duckdb
import pyarrow as pa

from tradestats.domain import metrics
from tradestats.store.statements import statement

UNITS = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(metrics.WAN_PER_YI)}
# 是/否 as files write them (a cell of 是否重点产业, 是否流标/终止)
YES = ("是", "y", "yes", "true", "1", "√")
NO = ("否", "n", "no", "false", "0", "")
MAX_VALUE = Decimal("1e11")  # 万元: a thousand times a province's yearly trading, within DECIMAL(18, 6)
MAX_COUNT = Decimal(10_000_000)

# White space as str.strip() and re's \s take it (str.isspace(); none lies above U+3000), and the characters
# NFKC leaves as they are: ASCII and the CJK unified ideographs. Text made only of these is normalised in
# SQL; other text (full-width digits and brackets …) goes through Python's NFKC.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
SPACE = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACES) + "]"
NOT_SPACE = "[^" + SPACE[1:]
NFKC_STABLE = "[\\x{0}-\\x{7f}\\x{4e00}-\\x{9fff}]*"
NUMBER = r"^(-?[0-9]+(?:\.[0-9]+)?)(元|万元|亿元|宗|个)?$"  # on text as norm() leaves it, without commas
PLAIN_NUMBER = r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?"  # a number norm() leaves as it is and DECIMAL(18, 6) holds
TIME = f"(?:[ T]{NOT_SPACE}*)?(?: {NOT_SPACE}+)?"  # a time after a day (a workbook's date cell has 00:00:00)
DAY = f"^([0-9]{{4}})[-/.年]([0-9]{{1,2}})[-/.月]([0-9]{{1,2}})日?{TIME}$"  # on stripped NFKC text
CLOCK = r"(?:T?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"  # a time of day, once norm() took the spaces
MONTH = f"^([0-9]{{4}})[-/.年]([0-9]{{1,2}})月?(?:[-/.][0-9]{{1,2}}日?{CLOCK})?$|^([0-9]{{4}})([0-9]{{2}})$"
# Spans of months (on text as norm() leaves it): 2024年1-9月, 2024年1月至9月, 2024年7—9月; 2024年第三季度, 2024年三季度,
# 2024Q3; 截至2024年9月; 2024年, 2024年全年, 2024年度. A month stays a month (MONTH).
SPAN_RANGE = r"^([0-9]{4})年([0-9]{1,2})月?(?:-|—|–|~|〜|至|到)([0-9]{1,2})月(?:累计|合计)?$"
SPAN_QUARTER = r"^([0-9]{4})(?:[qQ]|年?第?)([1-4一二三四])(?:季度|季)?$"
SPAN_UP_TO = r"^截[至止]([0-9]{4})年([0-9]{1,2})月(?:底|末)?(?:累计)?$"
SPAN_YEAR = r"^([0-9]{4})(?:年|年全年|年度|全年)$"
# A row's period written as a word under a month's rows: January to the month above (本年累计 under 2024年9月).
YEAR_TO_DATE_WORDS = ("本年累计", "本年度累计", "年累计", "累计", "本年累计数", "1-本月累计")
PERIOD_FORMS = "不是月份或期间（应写作 2024-03、2024年3月 或 Excel 日期；累计、季度或全年写作 2024年1-9月、2024年第三季度、2024年）"
AMBIGUOUS_MONTH = r"^[0-9]{4}\.1$"  # 2024.10 written as a number: Excel keeps 2024.1, which reads as January
FORMULA_HINT = "（像是公式，请填写数值）"
BLANK_HINT = "（若单元格是公式，请改为数值后再导入）"


def sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def macros() -> str:
    """The text rules as DuckDB macros (text_rules.sql), with this module's patterns and units."""
    factor = " ".join(f"when {sql_text(u)} then {f}" for u, f in UNITS.items())
    ceiling = " ".join(f"when {sql_text(u)} then {MAX_VALUE / f:f}" for u, f in UNITS.items())
    units = ", ".join(sql_text(u) for u in UNITS)
    return statement("ingest/text_rules").format(
        nfkc_stable=NFKC_STABLE, space=SPACE, spaces=sql_text(SPACES), number=NUMBER, formula_hint=FORMULA_HINT,
        units=units, factor=factor, ceiling=ceiling, day=DAY, month=MONTH)


def money_columns(f: str, label: str, required: bool) -> tuple[str, str, str]:
    """SQL for a money column f (text, '' when blank) with its header's unit in f_unit, as three lists of
    select expressions, each using those before it: the number's parts, then its problem (f_problem), then
    its value in 万元 (f_wan, DECIMAL(18, 6)). A plain number (the common case: no unit, no comma, at most 6
    decimals) is taken as it is, without the slower general way."""
    parts = f"""regexp_full_match({f}, '{PLAIN_NUMBER}') as {f}_plain,
                case when not {f}_plain and {f} <> '' then number_parts({f}) end as {f}_parts"""
    number = f"case when {f}_plain then {f} else nullif({f}_parts.n, '') end"
    unit = f"case when {f}_plain then {f}_unit else money_unit({f}_parts.u, {f}_unit) end"
    exact = f"try_cast({number} as decimal(38, 18))"
    negative = f"{sql_text(label)} || '不能为负数（' || {f} || '）。'"
    too_large = f"'数值太大（' || {f} || '），超过可存储的范围，请检查单位或数值。'"
    problem = f"""case
        when {f}_plain and known_unit({f}_unit) then
            case when {f}::decimal(18, 6) < 0 then {negative}
                 when {f}::decimal(18, 6) >= unit_ceiling({f}_unit) then {too_large} end
        when is_blank({f}) then {sql_text(f"{label}为空{BLANK_HINT}。") if required else "null"}
        when {number} is null then '“' || {f} || '”不是数字' || formula_hint({f}) || '。'
        when not known_unit({unit}) then '无法识别单位“' || {unit} || '”（金额单位应为 元、万元 或 亿元）。'
        when {exact} is null or abs({exact}) >= unit_ceiling({unit}) then {too_large}
        when {exact} < 0 then {negative}
        end as {f}_problem,
        {number} as {f}_number, {unit} as {f}_money_unit"""
    value = f"""case when {f}_problem is not null or is_blank({f}) then null
        when {f}_plain and coalesce({f}_money_unit, '万元') = '万元' then {f}::decimal(18, 6)
        else round_even({f}_number::decimal(38, 18) * unit_factor({f}_money_unit), 6)::decimal(18, 6)
        end as {f}_wan"""
    return parts, problem, value


def count_columns(f: str, label: str, required: bool) -> tuple[str, str, str]:
    """As money_columns, for a count (项目数: a whole number; 3宗 and 3个 are 3): f_problem and f_count."""
    parts = f"case when {f} <> '' then number_parts({f}) end as {f}_parts"
    exact = f"try_cast(nullif({f}_parts.n, '') as decimal(38, 18))"
    problem = f"""case
        when is_blank({f}) then {sql_text(f"{label}为空{BLANK_HINT}。") if required else "null"}
        when nullif({f}_parts.n, '') is null then '“' || {f} || '”不是数字' || formula_hint({f}) || '。'
        when {exact} <> trunc({exact}) then '“' || {f} || '”不是整数。'
        when {exact} is null or abs({exact}) > {MAX_COUNT} then '数值太大（' || {f} || '），请检查。'
        when {exact} < 0 then {sql_text(label)} || '不能为负数（' || {f} || '）。'
        end as {f}_problem"""
    value = f"case when {f}_problem is null and not is_blank({f}) then {exact}::bigint end as {f}_count"
    return parts, problem, value


def month_of(f: str) -> tuple[str, str]:
    """The year and the month a month cell f says (its parts from month_parts, in f_parts), as SQL."""
    return (f"coalesce(nullif({f}_parts.y, ''), nullif({f}_parts.y2, ''))::int",
            f"coalesce(nullif({f}_parts.m, ''), nullif({f}_parts.m2, ''))::int")


def month_problems(f: str) -> str:
    """The WHEN clauses of what is wrong with a month cell f, as SQL."""
    year, month = month_of(f)
    return f"""
        when regexp_full_match(norm({f}), '{AMBIGUOUS_MONTH}')
            then '“' || {f} || '”不是月份（像是写成数字的 ' || norm({f}) || '0？请把月份列设为文本，写作 2024-10 或 2024年10月）。'
        when {year} is null then '“' || {f} || '”不是月份（应写作 2024-03、2024年3月 或 Excel 日期）。'
        when {month} not between 1 and 12 or {year} < 2000 then '“' || {f} || '”不是有效的月份。'
        when ({year}, {month}) > (year($today), month($today))
            then {year} || '年' || {month} || '月还没有到，不能导入未来月份的数据。'"""


def month_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a month (2024-03, 2024年3月, 202403, a day of it or a date cell) not after $today:
    f_problem, f_year and f_month."""
    year, month = month_of(f)
    problem = f"case {month_problems(f)} end as {f}_problem"
    value = (f"case when {f}_problem is null then {year} end as {f}_year, "
             f"case when {f}_problem is null then {month} end as {f}_month")
    return f"month_parts({f}) as {f}_parts", problem, value


def period_columns(f: str) -> tuple[str, str, str]:
    """As month_columns, for a month or a span of months of one year (SPAN_*): f_problem, f_year, f_from and
    f_to (from = to for a month), the span's last month not after $today's."""
    text = f"norm({f})"

    def part(pattern: str, group: int) -> str:
        return f"regexp_extract({text}, '{pattern}', {group})"

    q = part(SPAN_QUARTER, 2)
    quarter = f"case {q} when '一' then 1 when '二' then 2 when '三' then 3 when '四' then 4 else try_cast({q} as int) end"
    parts = f"""month_parts({f}) as {f}_parts,
        case when regexp_full_match({text}, '{SPAN_RANGE}')
                 then [{part(SPAN_RANGE, 1)}::int, {part(SPAN_RANGE, 2)}::int, {part(SPAN_RANGE, 3)}::int]
             when regexp_full_match({text}, '{SPAN_QUARTER}') and ({text} like '%季%' or {text} ilike '%q%')
                 then [{part(SPAN_QUARTER, 1)}::int, 3 * {quarter} - 2, 3 * {quarter}]
             when regexp_full_match({text}, '{SPAN_UP_TO}')
                 then [{part(SPAN_UP_TO, 1)}::int, 1, {part(SPAN_UP_TO, 2)}::int]
             when regexp_full_match({text}, '{SPAN_YEAR}') then [{part(SPAN_YEAR, 1)}::int, 1, 12]
        end as {f}_span"""
    problem = f"""case
        when {f}_span is null then case {month_problems(f).replace("不是月份（应写作 2024-03、2024年3月 或 Excel 日期）",
                                                                  PERIOD_FORMS)} end
        when {f}_span[2] not between 1 and 12 or {f}_span[3] not between 1 and 12 or {f}_span[2] > {f}_span[3]
             or {f}_span[1] < 2000
            then '“' || {f} || '”不是有效的期间（月份应在1到12之间，从小到大）。'
        when ({f}_span[1], {f}_span[3]) > (year($today), month($today))
            then '“' || {f} || '”还没有结束（' || {f}_span[1] || '年' || {f}_span[3] || '月还没有到），不能导入未来的数据。'
        end as {f}_problem"""
    year, month = month_of(f)
    value = (f"case when {f}_problem is null then coalesce({f}_span[1], {year}) end as {f}_year, "
             f"case when {f}_problem is null then coalesce({f}_span[2], {month}) end as {f}_from, "
             f"case when {f}_problem is null then coalesce({f}_span[3], {month}) end as {f}_to")
    return parts, problem, value


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the macros."""
    con = duckdb.connect()
    con.create_function("nfkc", lambda s: unicodedata.normalize("NFKC", s), ["VARCHAR"], "VARCHAR")
    con.execute(macros())
    return con


_local = threading.local()


def _con() -> duckdb.DuckDBPyConnection:
    """This thread's connection for the small files' batches (a connection serves one thread at a time)."""
    if not hasattr(_local, "con"):
        _local.con = connect()
    return _local.con


def normal(text: str) -> str:
    """The rule: Unicode NFKC (full-width to half-width …), then no white space (str.isspace, as SPACES)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


_normal = functools.lru_cache(maxsize=65536)(normal)  # a header's text is compared several times


def norm(value) -> str:
    """Full-width to half-width, no white space: how names, codes and header words are compared. In Python,
    not a query: a workbook of many sheets has hundreds of thousands of header texts."""
    return "" if value is None else _normal(str(value))


def strip(value) -> str:
    """Without white space at either end (str.strip, as the macro strip): how names are kept as written."""
    return "" if value is None else str(value).strip()


def _batch(columns: dict[str, list], layers: tuple[str, str, str], out: str, params: dict | None = None) -> list:
    """The columns' rows through the three layers of select expressions; out, in the rows' order."""
    con = _con()
    size = len(next(iter(columns.values())))
    con.register("batch", pa.table({"i": pa.array(range(size), pa.int64()),
                                    **{k: pa.array(v, pa.string()) for k, v in columns.items()}}))
    parts, problem, value = layers
    try:
        return con.execute(statement("ingest/batch_layers").format(out=out, parts=parts, problem=problem, value=value),
                           params or {}).fetchall()
    finally:
        con.unregister("batch")


def numbers(texts: list[str | None], units: list[str | None], label: str, count: bool = False,
            required: bool = False) -> list[tuple[Decimal | int | None, str | None]]:
    """Each cell's (value in 万元, or count; problem): (None, None) when blank and not required."""
    if count:
        layers, out = count_columns("t", label, required), "t_count, t_problem"
    else:
        layers, out = money_columns("t", label, required), "t_wan, t_problem"
    return _batch({"t": [t or "" for t in texts], "t_unit": list(units)}, layers, out) if texts else []


def months(texts: list[str | None], today: dt.date) -> list[tuple[tuple[int, int] | None, str | None]]:
    """Each cell's ((year, month), problem)."""
    rows = _batch({"t": [t or "" for t in texts]}, month_columns("t"), "t_year, t_month, t_problem",
                  {"today": today}) if texts else []
    return [((y, m) if problem is None else None, problem) for y, m, problem in rows]


def periods(texts: list[str | None], today: dt.date) -> list[tuple[tuple[int, int, int] | None, str | None]]:
    """Each cell's ((year, first month, last month), problem): a month, a quarter, a 1–N月 累计 or a year."""
    rows = _batch({"t": [t or "" for t in texts]}, period_columns("t"), "t_year, t_from, t_to, t_problem",
                  {"today": today}) if texts else []
    return [((y, a, b) if problem is None else None, problem) for y, a, b, problem in rows]


def period_in(text) -> str | None:
    """The period a title, a sheet's or a file's name names (2024年1-9月怀化市交易情况 → 2024年1-9月), as norm()
    leaves it, for periods() to read; None when it names none. A span before a month, a month before a year."""
    text = norm(text)
    month = r"([0-9]{4})年([0-9]{1,2})月|([0-9]{4})-([0-9]{2})(?![0-9])"
    for pattern in (SPAN_RANGE, SPAN_UP_TO, r"([0-9]{4})(?:[qQ]|年?第?)([1-4一二三四])(?:季度|季)",
                    r"([0-9]{4})[qQ]([1-4])", month, SPAN_YEAR):
        found = re.search(pattern.removeprefix("^").removesuffix("$"), text)
        if found:
            return found.group()
    return None


def year_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a year (2024, 2024年) from 2000 to $last: f_problem and f_year."""
    parts = f"nullif(regexp_extract(norm({f}), '^([0-9]{{4}})年?$', 1), '')::int as {f}_parts"
    problem = (f"case when {f}_parts is null or {f}_parts not between 2000 and $last "
               f"then '“' || {f} || '”不是有效的年份。' end as {f}_problem")
    return parts, problem, f"case when {f}_problem is null then {f}_parts end as {f}_year"


def decimal_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a number as it is, without a unit (98.5, 98.5%, -3, 1,200): f_problem, f_value."""
    parts = f"regexp_extract(replace(norm({f}), ',', ''), '^(-?[0-9]+(?:\\.[0-9]+)?)%?$', 1) as {f}_parts"
    exact = f"try_cast(nullif({f}_parts, '') as decimal(38, 18))"
    problem = f"""case when nullif({f}_parts, '') is null then '“' || {f} || '”不是数字' || formula_hint({f}) || '。'
        when {exact} is null or abs({exact}) >= {MAX_VALUE} then '数值太大（' || {f} || '），请检查。'
        end as {f}_problem"""
    return parts, problem, f"case when {f}_problem is null then {exact}::decimal(18, 6) end as {f}_value"


def years(texts: list[str | None], last: int) -> list[tuple[int | None, str | None]]:
    """Each cell's (year, problem)."""
    return _batch({"t": [t or "" for t in texts]}, year_columns("t"), "t_year, t_problem",
                  {"last": last}) if texts else []


def decimals(texts: list[str | None]) -> list[tuple[Decimal | None, str | None]]:
    """Each cell's (number, problem)."""
    return _batch({"t": [t or "" for t in texts]}, decimal_columns("t"), "t_value, t_problem") if texts else []
