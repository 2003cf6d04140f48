"""The rules for what a cell says — text, numbers and their units, counts, months, days — written once, as
DuckDB macros (text_rules.sql, and a file per kind of cell: money_cell.sql …) that the select expressions
built here call by name, and used by every kind of file: a project list runs them over its million rows in
one query; a statistics, targets, indicators or regions file gives them its columns in batches (numbers(),
months(), years()); names and header words are compared as norm() leaves them. That rule, NFKC without
white space, is normal() in Python (one string at a time, no query); the macro norm is it for a whole column,
built from the same character tables (tests/test_rules.py checks the two on every character). A cell of a
workbook comes to them as the text a CSV would hold (sources.cell_text)."""

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
# The same without 月: 2024年1-9, 2024.01-09, 2024/1-9 — never a day (a day has one separator throughout:
# 2024.1.9, 2024/1/9, 2024-01-09; so 2024-1-9 stays a day of January).
SPAN_RANGE_BARE = r"^([0-9]{4})(?:年|\.|/)([0-9]{1,2})(?:-|—|–|~|〜|至|到)([0-9]{1,2})(?:累计|合计)?$"
SPAN_QUARTER = r"^([0-9]{4})(?:[qQ]|年?第?)([1-4一二三四])(?:季度|季)?$"
SPAN_UP_TO = r"^截[至止]([0-9]{4})年([0-9]{1,2})月(?:底|末)?(?:累计)?$"
SPAN_YEAR = r"^([0-9]{4})(?:年|年全年|年度|全年)$"
# A row's period written as a word under a month's rows: January to the month above (本年累计 under 2024年9月).
YEAR_TO_DATE_WORDS = ("本年累计", "本年度累计", "年累计", "累计", "本年累计数", "1-本月累计")
AMBIGUOUS_MONTH = r"^[0-9]{4}\.1$"  # 2024.10 written as a number: Excel keeps 2024.1, which reads as January
FORMULA_HINT = "（像是公式，请填写数值）"
DASH = r"^(?:-|—|–|－|/|\\)+$"  # a bulletin's mark for "none": a dash or a slash (after norm)
DASH_HINT = "（没有的请填 0；没有这项数据的，请留空或删去这一行）"
BLANK_HINT = "（若单元格是公式，请改为数值后再导入）"


def sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def macros() -> str:
    """The text rules as DuckDB macros (text_rules.sql), with this module's patterns and units, and the rules of
    a cell of each kind built on them (money_cell.sql, count_cell.sql …), so that what a cell may say and what
    is said of it are written once, in SQL, and Python only names the columns (money_columns and its kin)."""
    factor = " ".join(f"when {sql_text(u)} then {f}" for u, f in UNITS.items())
    ceiling = " ".join(f"when {sql_text(u)} then {MAX_VALUE / f:f}" for u, f in UNITS.items())
    units = ", ".join(sql_text(u) for u in UNITS)
    return "\n".join([
        statement("ingest/text_rules").format(
            nfkc_stable=NFKC_STABLE, space=SPACE, spaces=sql_text(SPACES), number=NUMBER, formula_hint=FORMULA_HINT,
            dash=DASH, dash_hint=DASH_HINT,
            units=units, factor=factor, ceiling=ceiling, day=DAY, month=MONTH, span_range_bare=SPAN_RANGE_BARE),
        statement("ingest/money_cell").format(plain_number=PLAIN_NUMBER, blank_hint=BLANK_HINT),
        statement("ingest/count_cell").format(max_count=MAX_COUNT),
        statement("ingest/month_cell").format(ambiguous_month=AMBIGUOUS_MONTH),
        statement("ingest/period_cell").format(span_range=SPAN_RANGE, span_range_bare=SPAN_RANGE_BARE,
                                               span_quarter=SPAN_QUARTER,
                                               span_up_to=SPAN_UP_TO, span_year=SPAN_YEAR),
        statement("ingest/year_cell"),
        statement("ingest/decimal_cell").format(max_value=MAX_VALUE)])


def sql_bool(value: bool) -> str:
    return "true" if value else "false"


def money_columns(f: str, label: str, required: bool) -> tuple[str, str, str]:
    """SQL for a money column f (text, '' when blank) with its header's unit in f_unit, as three lists of
    select expressions, each using those before it: the number's parts, then its problem (f_problem), then
    its value in 万元 (f_wan, DECIMAL(18, 6)); the rule itself is money_cell.sql's macros."""
    parts = f"money_plain({f}) as {f}_plain, money_parts({f}, {f}_plain) as {f}_parts"
    problem = ", ".join([
        f"money_problem({f}, {f}_unit, {f}_plain, {f}_parts, {sql_text(label)}, {sql_bool(required)}) as {f}_problem",
        f"money_number({f}, {f}_plain, {f}_parts) as {f}_number",
        f"cell_unit({f}_plain, {f}_parts, {f}_unit) as {f}_money_unit"])
    value = f"money_wan({f}, {f}_problem, {f}_plain, {f}_number, {f}_money_unit) as {f}_wan"
    return parts, problem, value


def count_columns(f: str, label: str, required: bool) -> tuple[str, str, str]:
    """As money_columns, for a count (项目数: a whole number; 3宗 and 3个 are 3): f_problem and f_count
    (count_cell.sql)."""
    return (f"count_parts({f}) as {f}_parts",
            f"count_problem({f}, {f}_parts, {sql_text(label)}, {sql_bool(required)}) as {f}_problem",
            f"count_value({f}, {f}_problem, {f}_parts) as {f}_count")


def month_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a month (2024-03, 2024年3月, 202403, a day of it or a date cell) not after $today:
    f_problem, f_year and f_month (month_cell.sql)."""
    value = (f"unless_problem({f}_problem, month_year({f}_parts)) as {f}_year, "
             f"unless_problem({f}_problem, month_number({f}_parts)) as {f}_month")
    return f"month_parts({f}) as {f}_parts", f"month_problem({f}, {f}_parts, $today) as {f}_problem", value


def period_columns(f: str) -> tuple[str, str, str]:
    """As month_columns, for a month or a span of months of one year (SPAN_*): f_problem, f_year, f_from and
    f_to (from = to for a month), the span's last month not after $today's (period_cell.sql)."""
    parts = f"month_parts({f}) as {f}_parts, period_span({f}) as {f}_span"
    problem = f"period_problem({f}, {f}_parts, {f}_span, $today) as {f}_problem"
    value = ", ".join(f"unless_problem({f}_problem, coalesce({f}_span[{n}], {of}({f}_parts))) as {f}_{name}"
                      for n, of, name in ((1, "month_year", "year"), (2, "month_number", "from"),
                                          (3, "month_number", "to")))
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


# Chinese numerals before a month, a quarter or a span's sign (九月, 前三季度, 一至九月, 第二、三季度, 前十个月).
CHINESE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                   "十一": 11, "十二": 12}
_CHINESE_NUMBER = re.compile(r"十[一二]?|[一二三四五六七八九]")
_BEFORE_PERIOD_WORD = re.compile(r"(十[一二]?|[一二三四五六七八九])(?=个?月|季|[、,和及至到~—–-])")
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
# A title's, a sheet's or a file's words for a part of a year whose year is written apart (or elsewhere): each
# pattern (on text whose numerals are digits) and the months it covers.
PERIOD_WORDS = (
    (r"上半年", lambda m: (1, 6)),
    (r"下半年", lambda m: (7, 12)),
    (r"(?:前|第?1(?:至|到|-|—|–|~)第?)([1-4])个?季度?", lambda m: (1, 3 * int(m[1]))),  # 前三季度, 一至三季度, 1-3季度
    (r"第?([1-4])(?:、|,|和|及|至|到|-|—|–|~)第?([1-4])季度?",
     lambda m: (3 * int(m[1]) - 2, 3 * int(m[2])) if int(m[2]) > int(m[1]) else None),  # 第二、三季度
    (r"第([1-4])季度?|(?<![0-9])([1-4])季度", lambda m: (3 * int(m[1] or m[2]) - 2, 3 * int(m[1] or m[2]))),
    (r"前([0-9]{1,2})个?月", lambda m: (1, int(m[1]))),  # 前10个月
    (r"截[至止](?:[0-9]{4}年)?([0-9]{1,2})月(?:底|末)?", lambda m: (1, int(m[1]))),  # 截至9月底
    (r"(?<![0-9])([0-9]{1,2})(?:-|—|–|~|至|到)([0-9]{1,2})月", lambda m: (int(m[1]), int(m[2]))),  # 1-9月
    (r"(?<![0-9.])([0-9]{1,2})月(?!份?[0-9])", lambda m: (int(m[1]), int(m[1]))),  # a sheet's 3月
)
# Words of a part of a year: a text with one of them that no rule above reads names no period (never the year).
PART_OF_YEAR = r"季|半年|个月|截[至止]|[0-9]月"


def _digits(text: str) -> str:
    return _BEFORE_PERIOD_WORD.sub(lambda m: str(CHINESE_NUMBERS[m[1]]), text)


def year_in(text) -> int | None:
    """The year a title or a name writes (2000–2099), if any."""
    found = _YEAR.search(norm(text))
    return int(found[1]) if found else None


def period_in(text, year: int | None = None) -> str | None:
    """The period a title, a sheet's or a file's name names (2024年1-9月怀化市交易情况 → 2024年1-9月; 2024年上半年
    → 2024年1-6月; a sheet's 3月 with year, the year the file's name writes → 2024年3月), as norm() leaves it or
    written as periods() reads it; None when it names none, or a part of a year these rules cannot read (then
    never the whole year). A span before a month, a month before a year."""
    text = _digits(norm(text))
    month = r"([0-9]{4})年([0-9]{1,2})月|([0-9]{4})-([0-9]{2})(?![0-9])"
    bare = SPAN_RANGE_BARE.removeprefix("^").removesuffix("$") + "(?![0-9日号季个])"
    for pattern in (SPAN_RANGE.removeprefix("^").removesuffix("$"), bare, SPAN_UP_TO.removeprefix("^").removesuffix("$"),
                    r"([0-9]{4})(?:[qQ]|年?第?)([1-4])(?:季度|季)", r"([0-9]{4})[qQ]([1-4])", month):
        if found := re.search(pattern, text):
            return found.group()
    year = year_in(text) or year
    for pattern, months in PERIOD_WORDS:
        if (found := re.search(pattern, text)) and year and (span := months(found)) and 1 <= span[0] <= span[1] <= 12:
            return f"{year}年{span[0]}月" if span[0] == span[1] else f"{year}年{span[0]}-{span[1]}月"
    if re.search(PART_OF_YEAR, text):
        return None
    found = re.search(SPAN_YEAR.removeprefix("^").removesuffix("$"), text)
    return found.group() if found else None


def names_part_of_year(text) -> bool:
    """Whether a title or a name speaks of a part of a year (季度, 上半年, 前10个月, 9月 …)."""
    return re.search(PART_OF_YEAR, _digits(norm(text))) is not None


def year_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a year (2024, 2024年) from 2000 to $last: f_problem and f_year (year_cell.sql)."""
    return (f"year_parts({f}) as {f}_parts", f"year_problem({f}, {f}_parts, $last) as {f}_problem",
            f"unless_problem({f}_problem, {f}_parts) as {f}_year")


def decimal_columns(f: str) -> tuple[str, str, str]:
    """As money_columns, for a number as it is, without a unit (98.5, 98.5%, -3, 1,200): f_problem, f_value
    (decimal_cell.sql)."""
    return (f"decimal_parts({f}) as {f}_parts", f"decimal_problem({f}, {f}_parts) as {f}_problem",
            f"unless_problem({f}_problem, decimal_exact({f}_parts)::decimal(18, 6)) as {f}_value")


def years(texts: list[str | None], last: int) -> list[tuple[int | None, str | None]]:
    """Each cell's (year, problem)."""
    return _batch({"t": [t or "" for t in texts]}, year_columns("t"), "t_year, t_problem",
                  {"last": last}) if texts else []


def decimals(texts: list[str | None]) -> list[tuple[Decimal | None, str | None]]:
    """Each cell's (number, problem)."""
    return _batch({"t": [t or "" for t in texts]}, decimal_columns("t"), "t_value, t_problem") if texts else []
