"""A regions file (地区编码, 地区名称, 简称, 级别, 上级编码; or code, name, short_name, level, parent): new
regions — above all the pseudo-regions a center's data has (市本级, 市区两级, 城区 …), which no national list
holds — or new names for known ones, new counties or peer cities. Checked as a whole against the regions
already known; a row that restates a known region is accepted unchanged (上级编码 may be left blank: a known
region restated at its level and by its name keeps its parent); a region that has data keeps its level and
parent."""

from __future__ import annotations

from tradestats.ingest import rules
from tradestats.ingest.rules import norm
from tradestats.ingest.sources import Sheet
from tradestats.ingest.table import Parsed, Problem, rows_under_header
from tradestats.store import reference
from tradestats.store.db import LEVELS, PARENT_LEVEL


def parse(file: str, sheets: list[Sheet], headers: list, known: dict[str, dict], in_use: set[str]) -> Parsed:
    """known: the regions now in the database by code (level, parent_code); in_use: codes with data."""
    out = Parsed()
    levels = {code: r["level"] for code, r in known.items()}
    names = reference.header_words("regions").names
    rows = []
    for sheet, index, raw, columns in rows_under_header(sheets, headers):
        # Codes and levels compared as normalised text; names kept as written (full-width brackets and all).
        row = {f: (norm if f in ("region_code", "level", "parent_code") else rules.strip)(
            raw[j] if j < len(raw) else "") for j, f in columns.items()}
        # Without a short name, a known region keeps its own (a restated row changes nothing).
        row["short_name"] = row.get("short_name") or known.get(row["region_code"], {}).get("short_name") \
            or row["region_name"]
        # A known region restated at its level and by its name with 上级编码 left blank (the province and the
        # city a clerk writes at the top of their own list) keeps its parent: the row changes nothing.
        old = known.get(row["region_code"])
        if old and not row["parent_code"] and (row["level"], row["region_name"]) == (old["level"], old["region_name"]):
            row["parent_code"] = old["parent_code"]
        row["_where"] = lambda f, i=index, s=sheet: s.where(file, i + 1, names[f])
        rows.append(row)
        levels[row["region_code"]] = row["level"]
    seen = set()
    for row in rows:
        where, code = row["_where"], row["region_code"]
        problems = []
        if not code.isdigit():
            problems.append(Problem(where("region_code"), f"地区编码“{code}”应为数字（GB/T 2260 代码）。"))
        if code in seen:
            problems.append(Problem(where("region_code"), f"地区编码 {code} 在文件中重复。"))
        seen.add(code)
        if not row["region_name"]:
            problems.append(Problem(where("region_name"), "地区名称为空。"))
        if row["level"] not in LEVELS:
            problems.append(Problem(where("level"), f"级别“{row['level']}”应为 {' / '.join(LEVELS)} 之一。"))
        want = PARENT_LEVEL.get(row["level"], "")
        if want is None and row["parent_code"]:
            problems.append(Problem(where("parent_code"), f"省级地区的上级编码应为空（不是“{row['parent_code']}”）。"))
        elif row["level"] == "city" and levels.get(row["parent_code"]) != want:
            problems.append(Problem(where("parent_code"), f"市“{row['region_name']}”的上级编码“{row['parent_code']}”"
                                                          "不是已有或本文件中的省：请在文件中加上这个省的一行（级别 "
                                                          "province，上级编码留空），或改正上级编码。"))
        elif want and levels.get(row["parent_code"]) != want:
            problems.append(Problem(where("parent_code"), f"上级编码“{row['parent_code']}”应是一个已有或本文件中的"
                                                          f" {want} 级地区。"))
        old = known.get(code)
        if old and code in in_use and (old["level"], old["parent_code"]) != (row["level"], row["parent_code"]):
            problems.append(Problem(where("level"), f"地区 {code} 已有交易数据，不能改变其级别或上级。"))
        out.problems += problems
        if not problems:
            out.rows.append({k: v for k, v in row.items() if k != "_where"} | {"_where": where("region_code")})
    if not rows:
        out.problems.append(Problem(file, "文件中没有地区数据行。"))
    return out
