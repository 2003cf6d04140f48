"""How stats_file reads text and numbers — norm(), str.strip(), a blank cell, units of money and the largest
value — as DuckDB macros, for checks that run in SQL over a whole file. They give what the Python gives
(tests compare them on awkward text)."""

from __future__ import annotations

import unicodedata

import duckdb

from tradestats.ingest.stats_file import MAX_VALUE, UNITS

# White space as str.strip() and re's \s take it (str.isspace(); none lies above U+3000), and the characters
# NFKC leaves as they are: ASCII and the CJK unified ideographs. Text made only of these is normalised in
# SQL; other text (full-width digits and brackets …) goes through Python's NFKC.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
SPACE = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACES) + "]"
NFKC_STABLE = "[\\x{0}-\\x{7f}\\x{4e00}-\\x{9fff}]*"
NUMBER = r"^(-?[0-9]+(?:\.[0-9]+)?)(元|万元|亿元|宗|个)?$"  # parse_number's, on text as norm() leaves it
PLAIN_NUMBER = r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?"  # a number norm() leaves as it is and DECIMAL(18, 6) holds


def sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def macros() -> str:
    factor = " ".join(f"when {sql_text(u)} then {f}" for u, f in UNITS.items())
    ceiling = " ".join(f"when {sql_text(u)} then {MAX_VALUE / f:f}" for u, f in UNITS.items())
    units = ", ".join(sql_text(u) for u in UNITS)
    spaces = sql_text(SPACES)
    return f"""
        create macro nfkc_text(s) as case when regexp_full_match(s, '{NFKC_STABLE}') then s else nfkc(s) end;
        create macro norm(s) as regexp_replace(nfkc_text(s), '{SPACE}+', '', 'g');
        create macro strip(s) as  -- DuckDB's trim(s, characters) is slow
            case when s <> '' and (contains({spaces}, left(s, 1)) or contains({spaces}, right(s, 1)))
                 then regexp_replace(s, '^{SPACE}+|{SPACE}+$', '', 'g') else s end;
        create macro is_blank(s) as regexp_full_match(s, '{SPACE}*');  -- NFKC turns nothing else into space
        create macro money_unit(cell_unit, header_unit) as
            case when cell_unit in ({units}) then cell_unit else header_unit end;
        create macro known_unit(u) as u is null or u in ({units});
        create macro unit_factor(u) as case coalesce(u, '万元') {factor} end;
        create macro unit_ceiling(u) as case coalesce(u, '万元') {ceiling} end;  -- {MAX_VALUE}万元 in the unit
        create macro out_of_range(n, u) as n < 0 or n >= unit_ceiling(u);
    """


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the macros."""
    con = duckdb.connect()
    con.create_function("nfkc", lambda s: unicodedata.normalize("NFKC", s), ["VARCHAR"], "VARCHAR")
    con.execute(macros())
    return con
