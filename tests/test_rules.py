"""The one set of rules every kind of file is read by (tradestats.ingest.rules): text as names are compared,
numbers with their units, counts, months, years — each rule on awkward cells, with its message."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest

from tradestats.ingest import rules
from tradestats.ingest.rules import MAX_VALUE, UNITS

TRICKY = [" a ", "\u3000", "", "ab", "\u3000x\t", "x\u00a0", "\u2028", " 中 文 ", "\x1c1", "１２３", "（一）",
          "\t\n", "a\u200bb", "ｌ区", "\u00b4", "№5", "㈱", "1，234．5万元"]
TODAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def con():
    con = rules.connect()
    yield con
    con.close()


@pytest.mark.parametrize("text", TRICKY)
def test_text_is_compared_as_nfkc_without_white_space(con, text):
    # What the rules promise, said with Python's own Unicode tables (the fast path in SQL must agree).
    normal = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    assert con.execute("select strip(?), norm(?), is_blank(?)", [text, text, text]).fetchall()[0] == \
        (text.strip(), normal, normal == "")
    assert rules.norm(text) == rules.normal(text) == normal and rules.strip(text) == text.strip()


def test_every_white_space_character_is_known():
    assert {c for c in map(chr, range(0x110000)) if c.isspace()} == set(rules.SPACES)


def test_the_macros_norm_and_strip_are_the_python_rule_on_every_character(con):
    # normal() is the rule, norm the same for a column: every character (a thousand to a text, so that what
    # NFKC composes is composed on both sides), each that the macro passes by NFKC alone, each white space.
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]  # surrogates are no text
    texts = ["".join(chars[i:i + 1000]) for i in range(0, len(chars), 1000)]
    texts += [c for c in chars if c < "\x80" or "\u4e00" <= c <= "\u9fff"] + [f"{c}x{c}" for c in rules.SPACES]
    got = con.execute("select norm(t), strip(t) from unnest(?) as u(t)", [texts]).fetchall()
    assert got == [(rules.normal(t), t.strip()) for t in texts]


@pytest.mark.parametrize("unit", [None, *UNITS])
def test_units_and_the_largest_value(con, unit):
    factor, ceiling = con.execute("select unit_factor(?), unit_ceiling(?)", [unit, unit]).fetchall()[0]
    assert Decimal(factor) == UNITS[unit or "万元"] and Decimal(ceiling) * UNITS[unit or "万元"] == MAX_VALUE
    assert con.execute("select money_unit('元', ?), money_unit('宗', ?), known_unit(?), known_unit('千元')",
                       [unit, unit, unit]).fetchall()[0] == ("元", unit, True, False)


@pytest.mark.parametrize("text, unit, expected", [
    ("1,234.5万元", None, (Decimal("1234.5"), None)),
    ("3亿元", "元", (Decimal("30000"), None)),  # the cell's unit before the header's
    ("12", "元", (Decimal("0.0012"), None)),
    ("２３", None, (Decimal("23"), None)),
    ("", None, (None, "交易额为空（若单元格是公式，请改为数值后再导入）。")),
    ("-5", None, (None, "交易额不能为负数（-5）。")),
    ("-5元", None, (None, "交易额不能为负数（-5元）。")),
    ("abc", None, (None, "“abc”不是数字。")),
    ("=SUM(A1:A3)", None, (None, "“=SUM(A1:A3)”不是数字（像是公式，请填写数值）。")),
    ("5", "千元", (None, "无法识别单位“千元”（金额单位应为 元、万元 或 亿元）。")),
    ("100000000000", None, (None, "数值太大（100000000000），超过可存储的范围，请检查单位或数值。")),
    ("10000000亿元", None, (None, "数值太大（10000000亿元），超过可存储的范围，请检查单位或数值。")),
    ("1" * 45, None, (None, f"数值太大（{'1' * 45}），超过可存储的范围，请检查单位或数值。")),
])
def test_money(text, unit, expected):
    assert rules.numbers([text], [unit], "交易额", required=True) == [expected]


def test_money_not_required_may_be_blank():
    assert rules.numbers(["", None, " "], [None] * 3, "节约资金") == [(None, None)] * 3


@pytest.mark.parametrize("text, expected", [
    ("3", (3, None)), ("3宗", (3, None)), ("1,200", (1200, None)), ("2.5", (None, "“2.5”不是整数。")),
    ("-1", (None, "项目数不能为负数（-1）。")), ("20000000", (None, "数值太大（20000000），请检查。")),
    ("x", (None, "“x”不是数字。")), ("", (None, "项目数为空（若单元格是公式，请改为数值后再导入）。")),
])
def test_counts(text, expected):
    assert rules.numbers([text], [None], "项目数", count=True, required=True) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("2024-03", ((2024, 3), None)), ("2024年3月", ((2024, 3), None)), ("2024 年 3 月", ((2024, 3), None)),
    ("202403", ((2024, 3), None)), ("2024/3/5", ((2024, 3), None)), ("2024-03-05 00:00:00", ((2024, 3), None)),
    ("2024.10", ((2024, 10), None)), ("2024.03", ((2024, 3), None)),
    ("2024.1", (None, "“2024.1”不是月份（像是写成数字的 2024.10？请把月份列设为文本，写作 2024-10 或 2024年10月）。")),
    ("2030-01", (None, "2030年1月还没有到，不能导入未来月份的数据。")),
    ("1999-12", (None, "“1999-12”不是有效的月份。")), ("2024-13", (None, "“2024-13”不是有效的月份。")),
    ("三月", (None, "“三月”不是月份（应写作 2024-03、2024年3月 或 Excel 日期）。")),
    ("2024-1-9", ((2024, 1), None)), ("2024.1.9", ((2024, 1), None)),  # a day: one separator throughout
    ("2024年1-9", (None, "“2024年1-9”不是月份（应写作 2024-03、2024年3月 或 Excel 日期）。")),  # months 1 to 9
    ("2024.01-09", (None, "“2024.01-09”不是月份（应写作 2024-03、2024年3月 或 Excel 日期）。")),
])
def test_months(text, expected):
    assert rules.months([text], TODAY) == [expected]


def test_days(con):
    texts = ["2024-03-05", "2024年3月5日", "2024/3/5 10:30:00", "2024.03.05", "2024-02-30", "0000-01-01", "明天"]
    assert [r[0] for r in con.execute("select day_of(t) from unnest(?) as u(t)", [texts]).fetchall()] == \
        [dt.date(2024, 3, 5)] * 4 + [None] * 3


def test_years_and_plain_numbers():
    assert rules.years(["2024", "2024年", "1999", "2027", "x"], 2026) == [
        (2024, None), (2024, None), (None, "“1999”不是有效的年份。"), (None, "“2027”不是有效的年份。"),
        (None, "“x”不是有效的年份。")]
    assert rules.decimals(["98.5%", "-3", "1,200", "x"]) == [
        (Decimal("98.5"), None), (Decimal("-3"), None), (Decimal("1200"), None), (None, "“x”不是数字。")]


def test_a_statistics_file_and_a_project_list_are_read_by_the_same_rule():
    # The same cell and header unit give the same figure and the same message in both kinds of file.
    from tradestats.ingest import project_file, stats_file

    assert stats_file.rules is project_file.rules


@pytest.mark.parametrize("cell, expected", [
    (dt.datetime(2024, 3, 1), (2024, 3)), (dt.date(2024, 3, 9), (2024, 3)), (45352, (2024, 3)),  # a date serial
    (202403, (2024, 3)), (202403.0, (2024, 3)), (2024.03, (2024, 3)), (2024.12, (2024, 12)),
    (2024.1, None),  # 2024.10 typed as a number: October or January cannot be told
])
def test_a_workbooks_month_cell(cell, expected):
    from tradestats.ingest.sources import cell_text

    assert rules.months([cell_text(cell, date=True)], TODAY)[0][0] == expected


@pytest.mark.parametrize("text", ["-", "—", "/", "--"])
def test_a_bulletins_dash_for_none_is_told_what_to_write(text):
    """A dash or a slash, a bulletin's mark for none, is no number: the message says to write 0 (or leave it blank)."""
    hint = "（没有的请填 0；没有这项数据的，请留空或删去这一行）。"
    assert rules.numbers([text], [None], "交易额", required=True) == [(None, f"“{text}”不是数字{hint}")]
    assert rules.numbers([text], [None], "项目数", count=True, required=True) == [(None, f"“{text}”不是数字{hint}")]
