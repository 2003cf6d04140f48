"""A targets file (年份, 地区, 板块, 指标, 目标): a year's targets of the home city or one of its counties, for
all sectors (板块 empty) or one, for 交易额, 项目数, 节约资金 or 增收资金; the target's unit in the header
(目标（亿元）) or the cell (300亿元), as for statistics files. Every problem named by file, sheet, row, column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from tradestats.domain import metrics
from tradestats.ingest import rules
from tradestats.ingest.rules import norm
from tradestats.ingest.sources import Sheet, cell_text
from tradestats.ingest.table import Parsed, Problem, rows_under_header
from tradestats.ingest.vocabulary import Vocabulary
from tradestats.store import reference


def measures() -> dict[str, str]:
    """The words of a target's 指标: a headline measure's label or column, or a word a statistics file's header
    gives it (import/columns.csv: 宗数, 成交金额 …)."""
    column = {m.column.removesuffix("_wan"): m.column for m in metrics.HEADLINE}  # columns.csv's fields: amount …
    return ({m.label: m.column for m in metrics.HEADLINE} | {m.column: m.column for m in metrics.HEADLINE}
            | {norm(w): column[f] for w, f in reference.header_words("columns").words.items() if f in column})


def parse(file: str, sheets: list[Sheet], headers: list, vocab: Vocabulary, today: dt.date) -> Parsed:
    out = Parsed()
    seen: dict[tuple, int] = {}
    allowed = vocab.home_units | {vocab.home}
    found = list(rows_under_header(sheets, headers))
    cells = [{f: (raw[j] if j < len(raw) else None, unit) for j, (f, unit) in columns.items()}
             for _, _, raw, columns in found]
    years = rules.years([cell_text(c["year"][0]) for c in cells], today.year + 1)
    field_names = reference.header_words("targets").names
    words = measures()
    measured = [words.get(norm(c["measure"][0])) for c in cells]
    targets = {count: rules.numbers([cell_text(c["target"][0]) for c in cells], [c["target"][1] for c in cells],
                                    field_names["target"], count=count) for count in (False, True)}
    for n, ((sheet, index, _, _), cell, (year, year_problem)) in enumerate(zip(found, cells, years)):
        def where(f: str, i: int = index) -> str:
            return sheet.where(file, i + 1, field_names[f])

        row, problems = {}, []
        if year_problem:
            problems.append(Problem(where("year"), year_problem))
        else:
            row["year"] = year
        region = norm(cell["region"][0])
        if vocab.regions.get(region) not in allowed:
            problems.append(Problem(where("region"), f"“{cell['region'][0] or ''}”不是本市或本市的区县"
                                    "（目标按全市或区县设定）。"))
        else:
            row["region_code"] = vocab.regions[region]
        sector = norm(cell.get("sector", (None, None))[0])
        if sector in ("", "全部", "全部板块", "合计", "所有板块"):
            row["sector_code"] = ""
        elif vocab.types.get(sector) not in vocab.type_sector or vocab.types[sector] != vocab.type_sector[vocab.types[sector]]:
            problems.append(Problem(where("sector"), f"“{cell['sector'][0]}”不是板块（目标按板块或全部板块设定；"
                                    "全部板块请留空）。"))
        else:
            row["sector_code"] = vocab.types[sector]
        measure = measured[n]
        if measure is None:
            names = "、".join(m.label for m in metrics.HEADLINE)
            problems.append(Problem(where("measure"), f"“{cell['measure'][0] or ''}”不是可设目标的指标（{names}）。"))
        else:
            row["measure"] = measure
            target, problem = targets[measure == "projects"][n]
            if problem:
                problems.append(Problem(where("target"), problem))
            elif target is None or target <= 0:
                problems.append(Problem(where("target"), "目标应为正数。"))
            else:
                row["target"] = Decimal(target)
        key = tuple(row.get(k) for k in ("year", "region_code", "sector_code", "measure"))
        out.take(row, problems, key, seen, index + 1,
                 Problem(where("measure"), f"与第{seen.get(key)}行重复（同一年份、地区、板块和指标）。"))
    if not out.rows and not out.problems:
        out.problems.append(Problem(file, "文件中没有目标数据行。"))
    return out


def as_file(rows: pd.DataFrame, year: int) -> bytes:
    """数据管理's target editor's rows (targets.EDITOR) as a targets file of the year (CSV), for the import's checks."""
    names = reference.header_words("targets").names
    lines = [",".join(names[f] for f in ("year", "region", "sector", "measure")) + f",{names['target']}（万元）"]
    for r in rows.itertuples(index=False):
        if all(pd.isna(v) or str(v).strip() == "" for v in r):
            continue  # a row added and left blank
        cells = ["" if pd.isna(v) else cell_text(v) for v in r]  # numbers without exponents
        lines.append(",".join([str(year), *(c.replace(",", "") for c in cells)]))
    return ("\n".join(lines) + "\n").encode("utf-8")
