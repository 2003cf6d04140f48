"""An indicators file (年份, 地区, 指标, 数值, 单位, optionally 类别): the center's own performance
indicators, one row per year × region × indicator, every problem named by file, sheet, row and column."""

from __future__ import annotations

import datetime as dt

from tradestats.ingest import rules
from tradestats.ingest.rules import norm
from tradestats.ingest.sources import Sheet, cell_text
from tradestats.ingest.table import Parsed, Problem, rows_under_header
from tradestats.store import reference


def parse(file: str, sheets: list[Sheet], headers: list, regions: dict[str, str], today: dt.date) -> Parsed:
    """regions: name, short name or code → code."""
    out = Parsed()
    seen: dict[tuple, int] = {}
    names = reference.header_words("indicators").names
    found = list(rows_under_header(sheets, headers))
    cells = [{f: raw[j] if j < len(raw) else None for j, f in columns.items()} for _, _, raw, columns in found]
    years = rules.years([cell_text(c["year"]) for c in cells], today.year)
    values = rules.decimals([cell_text(c["value"]) for c in cells])
    for (sheet, index, _, _), cell, (year, year_problem), (value, value_problem) in zip(found, cells, years, values):
        def where(f: str, i: int = index) -> str:
            return sheet.where(file, i + 1, names[f])

        row, problems = {}, []
        if year_problem:
            problems.append(Problem(where("year"), year_problem))
        else:
            row["year"] = year
        if norm(cell["region"]) not in regions:
            problems.append(Problem(where("region"), f"未知的地区“{cell['region']}”。"))
        else:
            row["region_code"] = regions[norm(cell["region"])]
        row["indicator"] = rules.strip(cell["indicator"])
        if not row["indicator"]:
            problems.append(Problem(where("indicator"), "指标为空。"))
        if value_problem:
            problems.append(Problem(where("value"), value_problem))
        else:
            row["value"] = value
        row["unit"] = rules.strip(cell["unit"])
        if not row["unit"]:
            problems.append(Problem(where("unit"), "单位为空。"))
        row["category"] = rules.strip(cell.get("category")) or "其他"
        key = (row.get("year"), row.get("region_code"), row["category"], row["indicator"])
        out.take(row, problems, key, seen, index + 1, Problem(where("indicator"), f"与第{seen.get(key)}行重复。"))
    if not out.rows and not out.problems:
        out.problems.append(Problem(file, "文件中没有指标数据行。"))
    return out
