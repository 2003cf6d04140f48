"""The vocabulary of a deployment, in its data folder, else the one shipped in data/: the trade types (交易类型:
trade_types.csv — code, name, sector, order, aliases), each under the sector a center puts it in, and every
sector's whole-sector type, whose code and name are the sector's own (the type of a cell given by sector only);
and the header words of every kind of file (import/columns.csv of statistics and project lists,
import/*_columns.csv of the others), which the import reads and the blank templates write."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tradestats import config

FILE = "trade_types.csv"
COLUMNS = ("trade_type_code", "trade_type_name", "sector_code", "sort_order", "aliases")


def trade_types_file(data_dir: Path | None = None) -> Path:
    return config.find(FILE, data_dir)


def trade_types(data_dir: Path | None, sectors: set[str]) -> list[dict[str, str]]:
    """The file's rows whose sector the deployment has, each with its line number under '_line'; every
    problem of the file at once as a ValueError naming file, row and column (Chinese)."""
    file = trade_types_file(data_dir)
    with open(file, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{file}：缺少列 {'、'.join(missing)}（第1行表头应为 {','.join(COLUMNS)}）。")
        rows = [{**{c: (r[c] or "").strip() for c in COLUMNS}, "_line": str(line)}
                for line, r in enumerate(reader, start=2)]
    problems, seen = [], set(sectors)
    for r in rows:
        where = f"{file} 第{r['_line']}行"
        if not r["trade_type_code"] or r["trade_type_code"] in seen:
            problems.append(f"{where}，trade_type_code列：编码“{r['trade_type_code']}”为空，或与板块或其他交易类型重复。")
        seen.add(r["trade_type_code"])
        if not r["trade_type_name"]:
            problems.append(f"{where}，trade_type_name列：名称为空。")
        if not r["sort_order"].lstrip("-").isdigit():
            problems.append(f"{where}，sort_order列：“{r['sort_order']}”不是整数。")
    if problems:
        raise ValueError("交易类型文件有误：\n" + "\n".join(problems))
    return [r for r in rows if r["sector_code"] in sectors]


def load_trade_types(con: duckdb.DuckDBPyConnection, rows: list[dict], sectors: list[dict]) -> None:
    """dim_trade_type: every sector's whole-sector type, then the file's types."""
    whole = [[s["sector_code"], s["sector_name"], s["sector_code"], int(s["sort_order"]) * 1000] for s in sectors]
    order = {s["sector_code"]: int(s["sort_order"]) * 1000 for s in sectors}
    typed = [[r["trade_type_code"], r["trade_type_name"], r["sector_code"], order[r["sector_code"]] + int(r["sort_order"])]
             for r in rows]
    con.executemany("insert into dim_trade_type values (?, ?, ?, ?)", whole + typed)


def aliases(data_dir: Path | None = None) -> dict[str, str]:
    """The other names of each trade type: alias → trade type code."""
    with open(trade_types_file(data_dir), encoding="utf-8-sig", newline="") as f:
        return {alias.strip(): r["trade_type_code"] for r in csv.DictReader(f)
                for alias in (r.get("aliases") or "").split("|") if alias.strip()}


@dataclass(frozen=True)
class HeaderWords:
    """A kind of file's header words (import/<kind>_columns.csv of the deployment, else the shipped one): each
    word → its field (words), and each field's name in messages, the first word the file gives it (names); by the
    optional column template of columns.csv, the word that heads a field's column in a blank workbook (stats,
    projects) where it is not the first (heads: kind → field → word)."""
    words: dict[str, str]
    names: dict[str, str]
    heads: dict[str, dict[str, str]] = field(default_factory=dict)


# The header words of the kinds of file that are not statistics or project lists (theirs are columns.csv,
# recognised by ingest.headers).
HEADER_FILES = {"regions": "import/region_columns.csv", "targets": "import/target_columns.csv",
                "indicators": "import/indicator_columns.csv", "columns": "import/columns.csv"}


def header_words(kind: str) -> HeaderWords:
    """A kind of file's header words (HEADER_FILES), the deployment's copy if it has one."""
    return _header_words(config.find(HEADER_FILES[kind]))


@functools.cache
def _header_words(path: Path) -> HeaderWords:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names: dict[str, str] = {}
    heads: dict[str, dict[str, str]] = {}
    for r in rows:
        names.setdefault(r["field"], r["alias"])
        for kind in (r.get("template") or "").split():
            heads.setdefault(kind, {}).setdefault(r["field"], r["alias"])
    return HeaderWords({r["alias"]: r["field"] for r in rows}, names, heads)
