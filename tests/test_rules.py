"""The macros of rules give what stats_file's Python gives, on awkward text and on units."""

from decimal import Decimal

import pytest

from tradestats.ingest import rules
from tradestats.ingest.stats_file import MAX_VALUE, UNITS, norm

TRICKY = [" a ", "\u3000", "", "ab", "\u3000x\t", "x\u00a0", "\u2028", " 中 文 ", "\x1c1", "１２３", "（一）",
          "\t\n", "a\u200bb", "ｌ区", "\u00b4", "№5", "㈱", "1，234．5万元"]


@pytest.fixture(scope="module")
def con():
    con = rules.connect()
    yield con
    con.close()


def test_text_rules_in_sql_agree_with_python(con):
    for text in TRICKY:
        assert con.execute("select strip(?), norm(?), is_blank(?)", [text, text, text]).fetchall()[0] == \
            (text.strip(), norm(text), norm(text) == ""), repr(text)


def test_every_white_space_character_is_known():
    assert {c for c in map(chr, range(0x110000)) if c.isspace()} == set(rules.SPACES)




@pytest.mark.parametrize("unit", [None, *UNITS])
def test_units_and_the_largest_value(con, unit):
    factor, ceiling = con.execute("select unit_factor(?), unit_ceiling(?)", [unit, unit]).fetchall()[0]
    assert Decimal(factor) == UNITS[unit or "万元"] and Decimal(ceiling) * UNITS[unit or "万元"] == MAX_VALUE
    assert con.execute("select money_unit('元', ?), money_unit('宗', ?), known_unit(?), known_unit('千元')",
                       [unit, unit, unit]).fetchall()[0] == ("元", unit, True, False)
