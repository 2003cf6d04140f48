"""A project list (项目明细: one row per completed trade) turned into project records, every problem found
at once and named by file, sheet, row and column. The records roll up into monthly cells on import."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from tradestats.sources import Sheet
from tradestats.stats_file import (LABELS, MAX_VALUE, Parsed, Problem, Vocabulary, find_header, norm,
                                   parse_number, suggest)

REQUIRED = ("project_id", "project_name", "region", "sector", "deal_date", "amount")
NAMES = {**LABELS, "project_id": "项目编号", "project_name": "项目名称", "deal_date": "成交日期",
         "method": "交易方式", "is_key": "是否重点产业"}
YES = {"是", "y", "yes", "true", "1", "重点", "√"}
NO = {"否", "n", "no", "false", "0", ""}


def parse_date(value, today: dt.date) -> dt.date | str:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel date serial number
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    else:
        # Spaces kept: "2024/3/1 9:30" is a date and a time, not 2024-03-19.
        text = unicodedata.normalize("NFKC", str(value or "")).strip()
        m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\S*)?(?: \S+)?", text)
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
        except ValueError:
            day = None
        if day is None:
            return f"“{value}”不是日期（应写作 2024-03-05、2024年3月5日 或 Excel 日期）"
    if day > today:
        return f"{day:%Y年%m月%d日}还没有到，不能导入未来的成交"
    return day


def parse(file: str, sheets: list[Sheet], vocab: Vocabulary, today: dt.date) -> Parsed:
    out = Parsed()
    used = [(s, h) for s in sheets if (h := find_header(s, vocab, REQUIRED))]
    if not used:
        names = "、".join(NAMES[f] for f in REQUIRED)
        out.problems.append(Problem(file, f"找不到项目明细的表头：需要 {names} 这些列。"))
        return out
    seen: dict[str, str] = {}
    for sheet, (header_index, columns) in used:
        for index in range(header_index + 1, len(sheet.rows)):
            row = sheet.rows[index]
            if all(c is None or norm(c) == "" for c in row):
                continue
            values = {f: (row[j] if j < len(row) else None, unit) for j, (f, unit) in columns.items()}
            where = sheet.where(file, index + 1)
            project, problems = parse_row(values, lambda f: sheet.where(file, index + 1, NAMES[f]), vocab, today)
            out.problems += problems
            if project is None:
                continue
            if project["project_id"] in seen:
                out.problems.append(Problem(where, f"项目编号“{project['project_id']}”与"
                                                   f"{seen[project['project_id']].split(' ', 1)[-1]}重复。"))
                continue
            seen[project["project_id"]] = where
            project["_where"] = where
            out.rows.append(project)
    return out


def parse_row(values: dict, where, vocab: Vocabulary, today: dt.date) -> tuple[dict | None, list]:
    problems = []
    p: dict = {}
    for f in ("project_id", "project_name"):
        raw = values[f][0]
        text = str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw or "").strip()
        if not text:
            problems.append(Problem(where(f), f"{NAMES[f]}为空。"))
        p[f] = text
    day = parse_date(values["deal_date"][0], today)
    if isinstance(day, str):
        problems.append(Problem(where("deal_date"), day + "。"))
    else:
        p["deal_date"] = day
    region_text = norm(values["region"][0])
    if vocab.regions.get(region_text) not in vocab.reporting:
        known = region_text in vocab.regions
        problems.append(Problem(where("region"), f"“{values['region'][0]}”不是按月上报数据的地区。" if known else
                                f"未知的地区“{values['region'][0]}”" + suggest(region_text, [k for k in vocab.regions
                                                                                      if not k.isdigit()])))
    else:
        p["region_code"] = vocab.regions[region_text]
    sector_text = norm(values["sector"][0])
    if sector_text not in vocab.sectors:
        problems.append(Problem(where("sector"), f"未知的板块或交易类型“{values['sector'][0]}”"
                                + suggest(sector_text, [k for k in vocab.sectors if not re.fullmatch(r"[a-z_]+", k)])))
    else:
        p["sector_code"] = vocab.sectors[sector_text]
    for f in ("amount", "reference", "savings", "premium"):
        raw, unit = values.get(f, (None, None))
        number = parse_number(raw, unit, False)
        if isinstance(number, str):
            problems.append(Problem(where(f), number + "。"))
        elif number is None and f == "amount":
            problems.append(Problem(where(f), "成交金额为空。"))
        elif number is not None and (number < 0 or abs(number) >= MAX_VALUE):
            problems.append(Problem(where(f), f"{NAMES[f]}“{raw}”超出范围（不能为负数或过大）。"))
        else:
            p[f] = number
    raw_key = values.get("is_key", (None, None))[0]
    key = norm(int(raw_key) if isinstance(raw_key, float) and raw_key.is_integer() else raw_key).lower()
    if key not in YES | NO:
        problems.append(Problem(where("is_key"), f"“{values['is_key'][0]}”应填“是”或“否”。"))
    p["is_key"] = key in YES
    p["method"] = str(values.get("method", (None, None))[0] or "").strip() or None
    return (None, problems) if problems else (p, [])
