"""A short table as HTML, drawn by web.table with st.html: one element the browser sets at once.

st.table renders every cell, headings included, through Streamlit's Markdown component, on every run: the
overview's four sector rows cost the browser's main thread 5–9 ms of each month change (benchmarks/README),
and a name from an import had to be escaped against Markdown ("湖南*建工*集团", "[官网](http://…)"). Here a
cell is text, escaped as HTML, and looks as st.table's did (CSS below: its font, paddings, hairlines and
muted headings, in the page's own text colour)."""

from __future__ import annotations

import html
import numbers

import pandas as pd

CLASS = "ts-table"  # the table's class: what CSS and the tests look for
WRAP = "ts-wrap"  # a cell of a column that wraps (names); any other stays on one line ("88宗", "23.24亿元")

CSS = f"""
.{CLASS}-box {{ overflow-x: auto; }}
.{CLASS} {{ width: 100%; border-collapse: collapse; border-spacing: 0; font-size: 14px; line-height: 21px; }}
.{CLASS} :is(td, th) {{ padding: 4px 6px; text-align: left; vertical-align: middle; white-space: nowrap;
    font-weight: 400; border-bottom: 1px solid color-mix(in srgb, currentColor 10%, transparent); }}
.{CLASS} th {{ color: color-mix(in srgb, currentColor 70%, transparent); }}
.{CLASS} tbody tr:last-child td {{ border-bottom: none; }}
.{CLASS} :is(td, th).{WRAP} {{ white-space: normal; }}
@media (max-width: 640px) {{  /* a phone: the table fits the width instead of scrolling; a heading may wrap */
  .{CLASS} :is(td, th) {{ font-size: 0.72rem; padding: 0.3rem 0.25rem; }}
  .{CLASS} th {{ white-space: normal; }}
}}
"""


def text(value) -> str:
    """A cell as it reads: a missing value empty, a whole number without ".0"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value)


def markup(frame: pd.DataFrame, wrap: tuple[str, ...] = ()) -> str:
    """frame as an HTML table (no index); the cells of the columns in wrap may break over lines."""
    classes = [f' class="{WRAP}"' if column in wrap else "" for column in frame.columns]
    head = "".join(f'<th scope="col"{c}>{html.escape(str(name))}</th>' for name, c in zip(frame.columns, classes))
    rows = "".join("<tr>" + "".join(f"<td{c}>{html.escape(text(v))}</td>" for v, c in zip(row, classes)) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    return f'<div class="{CLASS}-box"><table class="{CLASS}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
