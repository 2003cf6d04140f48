"""Spreadsheet files that leave the app: CSV for Excel users and xlsx cells, text never run as a formula
(formulas: CSV text prefixed with ', xlsx text as a text cell)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from tradestats.present.formulas import neutralise

def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for Excel users: UTF-8 with BOM, CRLF, blank where a value is missing, text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in df.columns])
    for row in df.itertuples(index=False):
        writer.writerow(["" if _missing(v) else neutralise(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _cell_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if _missing(value):
        return None
    value = value.item() if hasattr(value, "item") else value
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value  # Excel cannot open those


def append(ws, values) -> None:
    """A row at the end of an openpyxl sheet: numbers as numbers, every text as a text cell — never a
    formula (openpyxl would store text starting with = as one), and no apostrophe to see."""
    ws.append([_cell_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def put(cell, value) -> None:
    """One cell, as append() writes it."""
    cell.value = _cell_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"


def write_frame(ws, df: pd.DataFrame) -> None:
    """A frame into an empty sheet: its header in row 1, then its rows."""
    append(ws, list(df.columns))
    for row in df.itertuples(index=False):
        append(ws, row)
