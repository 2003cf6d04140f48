"""Text that leaves the app for a spreadsheet never runs there as a formula (a region or project name such as
=HYPERLINK(…) or @SUM(A1)|cmd comes in by import). The rule, which every way out applies: CSV files and the
pages' tables (whose toolbar downloads CSV) prefix such text with ' (documents.spreadsheet: xlsx files hold it
as a text cell)."""

from __future__ import annotations

import re

# OWASP's list (CSV injection): a cell starting with one of these may be run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# … except a plain negative number, which a spreadsheet reads as the number it is.
NEGATIVE_NUMBER = re.compile(r"-\d+(?:,\d{3})*(?:\.\d+)?")


def is_formula(value) -> bool:
    """Whether a spreadsheet might run this cell as a formula: text starting with = + - @ tab or CR."""
    return (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and NEGATIVE_NUMBER.fullmatch(value) is None)


def neutralise(value):
    """For CSV and the pages' tables: such text with a leading ' (a spreadsheet shows it as text)."""
    return "'" + value if is_formula(value) else value


def neutralised(values) -> list:
    """A column of text from outside (names, file names, addresses), as a page's table shows it."""
    return [neutralise(v) for v in values]
