"""Header rows as people write them. A column is known by its words without the unit part (交易额（亿元）,
金额/万元), by the names of data/import/columns.csv, or by a known name at its end once words such as 本月 or
其中 are taken off (所属区域 → 区域 → 地区) — never by a guess between two columns, and never a 累计 column for
the month's. What is still unplaced is placed by hand (--map, 数据管理's selects); a mapping that imported is
remembered for its header row in the deployment folder, beside the database.

The import's header stage (read): a file's sheets read once for their headers — the mapping, each sheet's
header, the kind of file they make it and the problems of its headers — and handed on to the reader of its
kind, which never asks here again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import fcntl
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tradestats.ingest import rules
from tradestats.ingest.rules import norm
from tradestats.ingest.sources import Sheet
from tradestats.ingest.table import HEADER_ROWS_SCANNED, Problem, split_unit
from tradestats.ingest.vocabulary import LABELS, NAMES, PROJECTS_REQUIRED, STATS_REQUIRED
from tradestats.store import reference

STORE = "column_mappings.json"  # remembered mappings, in the folder of the database
CUMULATIVE = re.compile(r"本?年?累计|全年|\d{1,2}[-~—–至到]\d{1,2}月")
# Words of a column of the same period a year earlier (上年同期交易额, 去年同期累计): a figure of its own.
PREVIOUS = re.compile(r"上年同期|去年同期|上年同月|去年同月|上年|去年|同期")
# Words of a column that compares (同比增幅 %, 增减): checked against the figures, never stored.
CHECKS = ("同比", "增幅", "增长率", "增长")  # in percent; 增减 (a difference) is neither stored nor checked
# Words of columns that are not a month's value even when they end in a known name (上年同期交易额, 交易额同比).
NOT_THE_MONTH = ("同比", "环比", "增长", "增幅", "增减", "上年", "去年", "同期", "占比", "比重", "排名", "名次", "率",
                 "平均", "计划", "目标", "预计")
FIGURE = re.compile(r"[-+]?[\d,]*\.?\d+%?")  # a cell of a figure (480, 1,205,000, -16.67, 20.00%), no header's
AFFIXES = ("其中", "本月数", "当月数", "本期数", "本月", "当月", "本期", "月度", "名称")  # taken off either end
KEYED = {"projects": "key_projects", "amount": "key_amount"}  # 重点项目数 is not 项目数
KEY_FIELDS = frozenset(("key_projects", "key_amount", "is_key"))
# Words that make a column a likely candidate for a field, for the --map a message suggests (never applied).
HINTS = {"month": ("月", "期", "时间"), "region": ("区", "县", "地", "域", "市"), "sector": ("类", "板块", "业务", "行业"),
         "projects": ("宗", "数量", "件数", "个数"), "amount": ("金额", "额", "价"),
         "reference": ("预算", "底价", "限价", "控制价", "起始价", "挂牌价", "起拍价", "评估"),
         "savings": ("节约", "节资", "节支"), "premium": ("增值", "增收", "溢价", "增价"), "key_projects": ("重点",),
         "key_amount": ("重点",), "project_id": ("编号", "代码", "编码"), "project_name": ("名称",),
         "deal_date": ("日期", "时间"), "method": ("方式",), "is_key": ("重点",)}
MONEY = ("amount", "reference", "savings", "premium", "key_amount")
SYNONYMS: dict[str, str] = {}  # field names --map takes beside the labels and the English names


@dataclass(frozen=True)
class Mapping:
    """Columns placed by hand: the header as the file writes it → field."""

    columns: tuple[tuple[str, str], ...]
    saved: bool = False  # remembered from an earlier import
    row: str = ""  # the header row it belongs to (row_key), once found in the file

    def field_of(self, cell) -> str | None:
        return next((f for header, f in self.columns if names(header, cell)), None)

    def describe(self, labels: dict[str, str]) -> str:
        how = "按上次保存的列对应" if self.saved else "按指定的列对应"
        return how + "：" + "，".join(f"{h}→{labels.get(f, f)}" for h, f in self.columns)


def names(header: str, cell) -> bool:
    """Whether a header given by hand names a cell: as written, or without its unit when it gives none
    (增值金额 for 增值金额（万元）)."""
    text, key = norm(cell), norm(header)
    return bool(text) and (key == text or (split_unit(key)[1] is None and key == split_unit(text)[0]))


@dataclass(frozen=True)
class HeaderProblem(Problem):
    """A header that is not (wholly) recognised, with what 数据管理 needs to offer a select per column."""

    unplaced: tuple[str, ...] = ()  # the header row's columns no field was taken from, as written
    suggested: tuple[tuple[str, str], ...] = ()  # (column, field) that would fit
    labels: tuple[tuple[str, str], ...] = ()  # the fields of the file's kind: (field, label)


@dataclass
class Reading:
    """One row read as a header."""

    index: int
    cells: list[str]  # as written, "" for an empty cell
    placed: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # column → (field, unit)
    doubtful: dict[str, list[int]] = field(default_factory=dict)  # field → columns that could each be it
    cumulative: dict[str, list[int]] = field(default_factory=dict)  # field → its 累计 columns
    # The row's other figures beside the period's own: role ('ytd': 1–N月 累计, 'prev': the same period a year
    # earlier, 'prev_ytd': 累计 a year earlier) → column → (field, unit); and the 同比 columns that compare
    # two of them: column → (field, the role compared with its year before).
    roles: dict[str, dict[int, tuple[str, str | None]]] = field(default_factory=dict)
    checks: dict[int, tuple[str, str]] = field(default_factory=dict)
    groups: dict[int, str] = field(default_factory=dict)  # column → the group name above it, as written

    @property
    def fields(self) -> set[str]:
        return {f for f, _ in self.placed.values()}

    @property
    def rank(self) -> tuple[int, int]:
        seen = len(self.placed) + sum(map(len, self.doubtful.values())) + sum(map(len, self.cumulative.values()))
        return len(self.fields), seen

    def quoted(self, columns: list[int]) -> str:
        texts = [(f"“{self.groups[j]}”下的" if j in self.groups else "") + f"“{self.cells[j]}”" for j in columns]
        return "和".join(texts) if len(texts) == 2 else "、".join(texts)


def not_a_value(name: str) -> bool:
    """Whether a header (its name, with the group above it in a header over two rows) is of no figure of a
    period: 同比, 占比, 平均 … (NOT_THE_MONTH) once its 累计 and 上年同期 words are taken off, or nothing else."""
    bare = CUMULATIVE.sub("", PREVIOUS.sub("", name))
    return not bare or any(word in bare for word in NOT_THE_MONTH)


def strip_affixes(name: str) -> str:
    changed = True
    while changed and name:
        changed = False
        for word in AFFIXES:
            if name != word and name.startswith(word):
                name, changed = name.removeprefix(word).lstrip(":"), True
            if name != word and name.endswith(word):
                name, changed = name.removesuffix(word), True
    return name


class Words:
    """The names of columns.csv ready for recognise: as they are, and as stems (two characters or more, not
    English ones) in one pattern that finds the longest a text ends with."""

    def __init__(self, columns: dict[str, str]):
        self.columns = columns
        stems = sorted((a for a in columns if len(a) >= 2 and not a.isascii()), key=len, reverse=True)
        self.ends = re.compile("(?:" + "|".join(map(re.escape, stems)) + ")$") if stems else None
        self.seen: dict[str, tuple[str, bool] | None] = {}

    def stem(self, name: str) -> str | None:
        found = self.ends.search(name) if self.ends else None  # leftmost: the longest ending
        return self.columns[found.group()] if found else None

    def recognise(self, text: str) -> tuple[str, bool] | None:
        if text not in self.seen:
            self.seen[text] = self.read(text)
        return self.seen[text]

    def read(self, text: str) -> tuple[str, bool] | None:
        name, unit = split_unit(text)
        if unit == "%":
            return None
        for known in dict.fromkeys((name, norm(text))):  # 县(市、区): a bracket that is not a unit
            if known in self.columns:
                return self.columns[known], False, False
        cumulative, previous = bool(CUMULATIVE.search(name)), bool(PREVIOUS.search(name))
        bare = CUMULATIVE.sub("", PREVIOUS.sub("", name))
        if not_a_value(name):
            return None
        # As it stands (标的项目名称 ends with 项目名称), then without 本月, 其中, 名称 … (所属区县名称 → 区县).
        found = next((f for text in dict.fromkeys((bare, strip_affixes(bare)))
                      if (f := self.columns.get(text) or self.stem(text))), None)
        if found and "重点" in bare and found not in KEY_FIELDS:
            found = KEYED.get(found)
        return (found, cumulative, previous) if found else None


_last: list[Words] = []  # the words of the last vocabulary: one import reads its header rows several times


def words(columns: dict[str, str]) -> Words:
    if not _last or _last[0].columns is not columns:
        _last[:] = [Words(columns)]
    return _last[0]


def recognise(text: str, columns: dict[str, str]) -> tuple[str, bool, bool] | None:
    """The field a header names, whether it is a 累计 column and whether a year earlier's; None when it
    names none."""
    return words(columns).recognise(str(text))


def is_title(row: list) -> bool:
    """A title above the table: one text, in the first cell or merged over the row."""
    texts = [(j, norm(c)) for j, c in enumerate(row) if norm(c)]
    return bool(texts) and len({t for _, t in texts}) == 1 and (len(texts) > 1 or texts[0][0] == 0)


def candidates(cell, above_cell) -> list[tuple[str, str | None]]:
    """The texts a column may be known by, with its unit: in a header over two rows, the group name above
    with this one first (其中涉重点产业 + 项目数, 交易额 + 本月), then this name alone, then the group's."""
    name, unit = split_unit(cell)
    if not norm(above_cell):
        return [(cell, unit)]
    above, above_unit = split_unit(above_cell)
    unit = unit or above_unit
    if above == name:
        return [(cell, unit)]
    return [(above + name, unit), (cell, unit), (above_cell, unit)]


def read_row(rows: list[list], i: int, columns: dict[str, str], mapping: Mapping | None) -> Reading:
    row = rows[i]
    reading = Reading(i, [rules.strip(c) for c in row])
    above = rows[i - 1] if i > 0 and not is_title(rows[i - 1]) else []
    found: dict[int, tuple[str, str | None, bool, bool]] = {}
    checks: list[tuple[int, str | None]] = []
    for j, cell in enumerate(row):
        if not norm(cell) or FIGURE.fullmatch(norm(cell)):
            continue  # a figure is no header's (a data row, read with the header above it as its group)
        if mapping and (by_hand := mapping.field_of(cell)):
            reading.placed[j] = (by_hand, split_unit(cell)[1])
            continue
        texts = candidates(cell, above[j] if j < len(above) else None)
        if len(texts) > 1:
            reading.groups[j] = rules.strip(above[j])
        got = None
        for text, unit in texts:  # under a group of 同比, 占比 …, neither the name below it nor the group is a value
            if (got := recognise(text, columns)) or not_a_value(split_unit(text)[0]):
                break
        if got:
            found[j] = (got[0], unit, got[1], got[2])
            continue
        name, unit = split_unit(texts[0][0])
        if name and not CUMULATIVE.sub("", PREVIOUS.sub("", name)) and PREVIOUS.search(name):
            # 上年同期 alone: of the field of the figure before it (交易额 | 上年同期)
            before = [k for k, g in found.items() if not g[3]]
            if before:
                k = max(before)
                found[j] = (found[k][0], unit or found[k][1], bool(CUMULATIVE.search(name)) or found[k][2], True)
            continue
        percent = unit == "%" or any(word in name for word in ("增幅", "增长率", "率")) or "增减" not in name
        if percent and any(word in norm(text) for text, _ in texts[:1] for word in CHECKS):
            checks.append((j, next((g[0] for t, _ in texts
                                    if (g := recognise(re.sub("|".join(CHECKS), "", split_unit(t)[0]), columns))),
                                   None)))
    by_hand = reading.fields  # a column placed by hand outranks what the words say
    month_columns: dict[str, list[int]] = {}
    role_columns: dict[str, dict[str, list[int]]] = {"ytd": {}, "prev": {}, "prev_ytd": {}}
    for j, (f, _, cumulative, previous) in found.items():
        if f in by_hand:
            continue
        if cumulative and not previous:
            reading.cumulative.setdefault(f, []).append(j)
            role_columns["ytd"].setdefault(f, []).append(j)
        elif previous:  # of the same span as the figure of its field before it: 上年同期 after 累计 is 累计's
            before = [k for k, g in found.items() if k < j and g[0] == f and not g[3]]
            role = "prev_ytd" if cumulative or (before and found[max(before)][2]) else "prev"
            role_columns[role].setdefault(f, []).append(j)
        else:
            month_columns.setdefault(f, []).append(j)
    for f, at in month_columns.items():
        if len(at) == 1:
            reading.placed[at[0]] = (f, found[at[0]][1])
        else:  # two columns that could be the same field: neither is taken
            reading.doubtful[f] = at
    for role, fields in role_columns.items():
        taken = {at[0]: (f, found[at[0]][1]) for f, at in fields.items() if len(at) == 1}
        if taken:
            reading.roles[role] = taken
    of_ytd = {k for role in ("ytd", "prev_ytd") for k in reading.roles.get(role, {})}
    for j, f in checks:  # the figure it compares: named, else the field of the nearest figure before it
        before = [k for k in found if k < j and (f is None or found[k][0] == f)]
        if before:
            k = max(before)
            reading.checks[j] = (found[k][0], "ytd" if k in of_ytd else "month")
    return reading


def best(sheet: Sheet, columns: dict[str, str], mapping: Mapping | None = None) -> Reading | None:
    """The row of the first ones that reads best as a header: most fields placed, then most columns known."""
    found = None
    for i in range(min(len(sheet.rows), HEADER_ROWS_SCANNED)):
        reading = read_row(sheet.rows, i, columns, mapping)
        if found is None or reading.rank > found.rank:
            found = reading
    return found


def covered(fields) -> set[str]:
    """The fields a header gives: a 交易类型 column names the sector as well (its values are types or sectors)."""
    return set(fields) | ({"sector"} if "trade_type" in fields else set())


def find(sheet: Sheet, columns: dict[str, str], required=(), mapping: Mapping | None = None) -> Reading | None:
    """The header row of a sheet when it has every required field."""
    reading = best(sheet, columns, mapping)
    return reading if reading and has(reading, required) else None


def has(reading: Reading, required) -> bool:
    """Whether a header reading gives every required field."""
    return covered(reading.fields | of_ytd(reading)) >= set(required)  # a table of 累计 only too


def of_ytd(reading: Reading) -> set[str]:
    """The fields its 累计 columns import: those of a 累计 with 项目数 and 交易额 (its own figures), else none."""
    ytd = {f for f, _ in reading.roles.get("ytd", {}).values()}
    return ytd if {"projects", "amount"} <= ytd else set()


def suggest(reading: Reading, wanted: list[str], labels: dict[str, str], columns: dict[str, str]) -> dict[int, str]:
    """For the fields wanted, the unplaced column each most likely is (its position → field): by the words of
    HINTS and, between equals, by its likeness to the field's names; never one named, or under a group of,
    上年同期, 累计, 同比 … A suggestion, never applied."""
    taken = set(reading.placed)
    out: dict[int, str] = {}
    for f in wanted:
        if f in reading.doubtful:
            j = reading.doubtful[f][0]
            out[j] = f
            taken.add(j)
            continue
        spellings = [a for a, g in columns.items() if g == f and not a.isascii()] + [labels[f]]
        scored = []
        for j, cell in enumerate(reading.cells):
            if j in taken or not cell or any(reading.cells[k] == cell for k in out):
                continue
            name, unit = split_unit(cell)
            read_as = split_unit(reading.groups.get(j, ""))[0] + name
            if PREVIOUS.search(read_as) or CUMULATIVE.search(read_as) or not_a_value(read_as):
                continue  # never a field of the period's own figures
            hits = sum(len(h) for h in HINTS.get(f, ()) if h in name)
            hits += f in MONEY and unit in ("元", "万元", "亿元")
            hits += f == "projects" and unit in ("宗", "个", "项", "件")
            if hits:
                likeness = max(difflib.SequenceMatcher(None, name, n).ratio() for n in spellings)
                scored.append((hits, likeness, -j, j))
        if scored:
            j = max(scored)[3]
            out[j] = f
            taken.add(j)
    return out


def unmappable(reading: Reading, j: int) -> bool:
    """Whether the row writes column j's header more than once (under different groups): --map cannot name it."""
    return sum(norm(c) == norm(reading.cells[j]) for c in reading.cells) > 1


def rename(reading: Reading, j: int, f: str, labels: dict[str, str]) -> str:
    """What to do instead of a --map for such a column."""
    if f in reading.doubtful:
        return "这几列表头相同，--map 无法区分；请删去不导入的那组列，或把它的分组名改为 上年同期、本年累计、同比 之一。"
    return f"表头“{reading.cells[j]}”出现了不止一次，--map 无法指定；请在文件中把{reading.quoted([j])}改名为“{labels[f]}”（可带单位）。"


def place(file: str, sheet: Sheet) -> tuple[str, str]:
    """Where a header problem is (the file, or its sheet) and how the row is introduced."""
    return file, (f"工作表“{sheet.name}”" if sheet.name else "文件")


def map_text(pairs: dict[str, str], labels: dict[str, str]) -> str:
    return ",".join(f"{column}={labels[f]}" for column, f in pairs.items())


def not_found(file: str, read: list[tuple[Sheet, Reading | None]], columns: dict[str, str], required,
              labels: dict[str, str], mapping: Mapping | None = None, what: str = "表头") -> HeaderProblem:
    """Why no sheet has a header with every required field (read: each sheet with its best reading): the fields
    missing, the columns found, the two columns that could each be one, the 累计 columns that are not the
    month's, and the --map to give."""
    readings = [(s, r) for s, r in read if r]
    if not readings:
        return HeaderProblem(file, f"找不到{what}：文件中没有内容。")
    sheet, reading = max(readings, key=lambda sr: (len(covered(sr[1].fields) & set(required)), sr[1].rank))
    if not reading.rank[1]:  # nothing known: the first row with text is what the file has as a header
        first = next((i for i, row in enumerate(sheet.rows[:HEADER_ROWS_SCANNED]) if any(norm(c) for c in row)), None)
        reading = read_row(sheet.rows, first, columns, mapping) if first is not None else reading
    missing = [f for f in required if f not in covered(reading.fields)]
    parts = [f"找不到{what}：缺少 {'、'.join(labels[f] for f in missing)}。"]
    for f in missing:
        if f in reading.doubtful:
            parts.append(f"{reading.quoted(reading.doubtful[f])}都可能是{labels[f]}，不能确定用哪一列，都没有采用。")
        elif f in reading.cumulative:
            first = reading.cells[reading.cumulative[f][0]]
            parts.append(f"{reading.quoted(reading.cumulative[f])}是累计数，不能当作当月的{labels[f]}（每行应是一个月的数；"
                         f"1月的累计即当月，确是1月时可用 --map \"{first}={labels[f]}\" 指定）。")
    where, row_name = place(file, sheet)
    parts.append(f"{row_name}第{reading.index + 1}行的列：{'、'.join(c for c in reading.cells if c)}。")
    wanted = [f for f in missing if f not in reading.cumulative]
    found = suggest(reading, wanted, labels, columns)
    parts += dict.fromkeys(rename(reading, j, f, labels) for j, f in found.items() if unmappable(reading, j))
    pairs = {reading.cells[j]: f for j, f in found.items() if not unmappable(reading, j)}
    wanted = [f for f in wanted if f not in found.values() or f in pairs.values()]
    if pairs:
        parts.append(f"可用 --map \"{map_text(pairs, labels)}\" 指定（左边是文件中的表头，右边是字段名）。")
    unsure = [labels[f] for f in wanted if f not in pairs.values()]
    if unsure and pairs:
        parts.append(f"没有看出哪一列是 {'、'.join(unsure)}；若文件中有，请一并写进 --map。")
    elif unsure:
        parts.append(f"可用 --map \"表头=字段名\" 指定各列（多个用逗号分隔），字段名：{'、'.join(unsure)}。")
    return HeaderProblem(where, "".join(parts), unplaced=unplaced(reading), suggested=tuple(pairs.items()),
                         labels=tuple(labels.items()))


def unplaced(reading: Reading) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for j, c in enumerate(reading.cells) if c and j not in reading.placed))


def doubts(file: str, used: list[tuple[Sheet, Reading]], labels: dict[str, str]) -> list[Problem]:
    """Of sheets whose header was found, with it: two columns that could be the same field (an error: neither
    was taken), and a field the file gives only as 累计 (a warning: the month's value is not in the file)."""
    problems = []
    for sheet, reading in used:
        where, row_name = place(file, sheet)
        row = f"{row_name}第{reading.index + 1}行："
        for f, at in reading.doubtful.items():
            if f in labels:
                pairs = {} if unmappable(reading, at[0]) else {reading.cells[at[0]]: f}
                what = (f"请用 --map \"{map_text(pairs, labels)}\" 指定其中一列（左边是文件中的表头）。" if pairs
                        else rename(reading, at[0], f, labels))
                problems.append(HeaderProblem(where, f"{row}{reading.quoted(at)}都可能是{labels[f]}，不能确定用哪一列，都没有采用。{what}",
                                              unplaced=unplaced(reading), suggested=tuple(pairs.items()),
                                              labels=tuple(labels.items())))
        for f, at in reading.cumulative.items():
            if f in labels and f not in reading.fields | of_ytd(reading) and f not in reading.doubtful:
                problems.append(Problem(where, f"{row}{labels[f]}只有累计列{reading.quoted(at)}，累计数不是当月的"
                                               f"{labels[f]}，不会导入（该列按没有处理）。", warning=True))
    return problems


def parse_mapping(given: str | dict[str, str], labels: dict[str, str]) -> tuple[Mapping | None, list[str]]:
    """--map "区域=地区,增值金额(万元)=增收资金" (or the same as a dict) as a Mapping, or what is wrong with
    it. A field is named by its label (地区), by 交易类型, or in English (region)."""
    fields = {norm(label): f for f, label in labels.items()} | {norm(f): f for f in labels}
    fields |= {norm(part): f for f, label in labels.items() for part in label.split("/")}
    fields |= {norm(k): f for k, f in SYNONYMS.items() if f in labels}
    pairs, problems = [], []
    if isinstance(given, str):
        for part in (p.strip() for p in re.split(r"[,，;；]", given)):
            header, eq, name = part.replace("＝", "=").partition("=")
            if part and (not eq or not header.strip() or not name.strip()):
                problems.append(f"--map 中的“{part}”应写作 表头=字段名（多个用逗号分隔），如 --map \"区域=地区\"。")
            elif part:
                pairs.append((header.strip(), name.strip()))
    else:
        pairs = [(h, str(n).strip()) for h, n in given.items() if str(n).strip()]
    chosen: dict[str, tuple[str, str]] = {}
    columns = []
    for header, name in pairs:
        f = fields.get(norm(name))
        if f is None:
            close = difflib.get_close_matches(norm(name), list(labels.values()), n=1, cutoff=0.4)
            hint = f"是不是“{close[0]}”？" if close else ""
            problems.append(f"--map 中“{header}={name}”的“{name}”不是字段名，{hint}可用的字段名："
                            f"{'、'.join(labels.values())}。")
        elif f in chosen and norm(chosen[f][0]) != norm(header):
            problems.append(f"--map 把“{chosen[f][0]}”和“{header}”都指定为{labels[f]}，一个字段只能对应一列。")
        elif any(norm(h) == norm(header) for h, _ in columns):
            problems.append(f"--map 中表头“{header}”出现了两次。")
        else:
            chosen[f] = (header, name)
            columns.append((header, f))
    return (Mapping(tuple(columns)) if columns and not problems else None), problems


def row_key(row: list) -> str:
    """A header row as remembered: its texts, normalised."""
    return "|".join(norm(c) for c in row if norm(c))


def bind(file: str, sheets: list[Sheet], columns: dict[str, str], mapping: Mapping) -> tuple[Mapping, list[Problem]]:
    """The mapping for the header row that has most of its headers, spelt as that row spells them, or the
    problems of headers the row does not have, or has twice."""
    def count(row: list, header: str) -> int:
        return sum(names(header, c) for c in row)

    rows = [row for s in sheets for row in s.rows[:HEADER_ROWS_SCANNED]]
    row = max(rows, key=lambda r: sum(count(r, h) > 0 for h, _ in mapping.columns), default=[])
    problems = []
    for header, _ in mapping.columns:
        if not count(row, header):
            readings = [(s, r) for s in sheets if (r := best(s, columns)) and r.rank[1]]
            seen = ""
            if readings:
                s, r = max(readings, key=lambda sr: sr[1].rank)
                seen = f"{place(file, s)[1]}第{r.index + 1}行的列：{'、'.join(c for c in r.cells if c)}。"
            problems.append(Problem(file, f"--map 中的表头“{header}”不在文件的表头中。{seen}请照文件中的写法填写表头。"))
        elif count(row, header) > 1:
            problems.append(Problem(file, f"--map 中的表头“{header}”在表头行中出现了不止一次，无法确定是哪一列。"))
    as_written = tuple((next((rules.strip(c) for c in row if names(h, c)), h), f) for h, f in mapping.columns)
    return dataclasses.replace(mapping, columns=as_written, row=row_key(row)), problems


def store_path(db_path: Path) -> Path:
    return Path(db_path).parent / STORE


def load(db_path: Path) -> dict:
    """The remembered mappings: header row → {"columns": [[header, field], …], "saved_at": …}."""
    try:
        saved = json.loads(store_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: the memory is lost, never an import
        return {}
    return saved if isinstance(saved, dict) else {}


def recall(db_path: Path, sheets: list[Sheet]) -> Mapping | None:
    """The mapping remembered for a header row of the file, if any (an entry edited out of shape is none)."""
    saved = load(db_path)
    for sheet in sheets if saved else []:
        for row in sheet.rows[:HEADER_ROWS_SCANNED]:
            entry = saved.get(row_key(row))
            try:
                columns = tuple((str(h), str(f)) for h, f in entry["columns"])
            except (KeyError, TypeError, ValueError):
                continue
            return Mapping(columns, saved=True, row=row_key(row)) if columns else None
    return None


def choose(db_path: Path, file: str, sheets: list[Sheet], columns: dict[str, str], given, labels: dict[str, str]
           ) -> tuple[Mapping | None, list[Problem]]:
    """The mapping an import uses: the one given (--map, 数据管理's selects), checked against the file, else
    the one remembered for the file's header row."""
    if not given:
        return recall(db_path, sheets), []
    mapping, problems = parse_mapping(given, labels)
    if problems:
        return None, [Problem(file, p) for p in problems]
    return bind(file, sheets, columns, mapping)


def remember(db_path: Path, mapping: Mapping | None) -> None:
    """Keep a mapping that imported for its header row (written whole, then renamed into place)."""
    if mapping is None or mapping.saved or not mapping.row:
        return
    entry = {"columns": [list(p) for p in mapping.columns], "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
    update_store(store_path(db_path), lambda saved: saved | {mapping.row: entry})


def update_store(target: Path, update) -> None:
    """Rewrite a JSON file of what a deployment remembers (column mappings, value words) as update(its content)
    gives it, one writer at a time, written whole and renamed into place (a damaged file reads as {})."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            saved = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(json.dumps(update(saved if isinstance(saved, dict) else {}), ensure_ascii=False, indent=2)
                           + "\n", encoding="utf-8")
        os.replace(partial, target)


# The header stage: what a file's header rows say, read once and handed on (Header).

KIND_NAMES = {"projects": "项目明细", "stats": "统计", "regions": "地区", "indicators": "绩效指标", "targets": "年度目标"}
# The columns a file of fixed headers (a template's) cannot do without; stats and project lists name theirs
# when they are read.
FIXED_REQUIRED = {"regions": ("region_code", "region_name", "level", "parent_code"),
                  "indicators": ("year", "region", "indicator", "value", "unit"),
                  "targets": ("year", "region", "measure", "target")}
NEEDED = ("projects", "amount")  # a statistics table without them has nothing to import


@dataclass
class Header:
    """What the header stage hands on, each list by the position of its sheet: refused (problems, and the kind
    the refusal is of), or the kind of file with its headers."""

    problems: list[Problem] = field(default_factory=list)  # refused: the file goes no further
    kind: str | None = "stats"  # as recognised, or as asked for (--kind); of a refused file, the plan's
    mapping: Mapping | None = None  # columns placed by hand (given, or remembered for the header row)
    readings: list[Reading | None] = field(default_factory=list)  # each sheet's best reading
    fixed: list[tuple[int, dict] | None] = field(default_factory=list)  # regions, indicators, targets: each
    # sheet's header row and its columns (index → field, or → (field, unit) for targets)
    used: list[int] = field(default_factory=list)  # stats and project lists: the sheets whose header it reads
    missing: HeaderProblem | None = None  # when no sheet is used: why
    doubts: list[Problem] = field(default_factory=list)  # of the used sheets' headers


def fixed_header(kind: str, sheet: Sheet) -> tuple[int, dict] | None:
    """The header row of a regions, indicators or targets file (their templates' words) and its columns."""
    columns, required = reference.header_words(kind).words, set(FIXED_REQUIRED[kind])
    for i, row in enumerate(sheet.rows[:HEADER_ROWS_SCANNED]):
        if kind == "targets":  # index → (field, unit)
            units = [split_unit(c) for c in row]
            mapped = {j: (columns[name], unit) for j, (name, unit) in enumerate(units) if name in columns}
            found = {f for f, _ in mapped.values()}
        else:
            key = (lambda c: norm(c).lower()) if kind == "regions" else norm
            mapped = {j: columns[key(c)] for j, c in enumerate(row) if key(c) in columns}
            found = set(mapped.values())
        if found >= required:
            return i, mapped
    return None


def read_header(path: Path, file: str, sheets: list[Sheet], columns: dict[str, str], given=None,
                kind: str | None = None) -> Header:
    """The header stage: the mapping (given: --map, 数据管理's selects; else the one remembered), each sheet's
    header, the kind of file (kind: as asked for, checked against what the headers say) and, for the kind, the
    sheets it reads and the problems of their headers."""
    hand, problems = choose(path, file, sheets, columns, given, NAMES)
    if problems:
        return Header(problems)
    readings = [best(s, columns, hand) for s in sheets]
    fixed = {k: [fixed_header(k, s) for s in sheets] for k in FIXED_REQUIRED}
    found = kind_of(readings, fixed)
    if given and found in FIXED_REQUIRED:
        return Header([Problem(file, "--map 只用于统计文件和项目明细；地区、绩效指标和年度目标文件请使用模板中的表头。")],
                      kind=found)
    refused = kind_problem(file, sheets, kind, found)
    if refused:
        return Header([refused], kind=kind or "stats")
    return of_kind(file, sheets, columns, kind or found, hand, readings, fixed.get(kind or found))


def of_kind(file: str, sheets: list[Sheet], columns: dict[str, str], kind: str | None, mapping: Mapping | None = None,
            readings: list[Reading | None] | None = None, fixed: list | None = None) -> Header:
    """The headers of a file of a known kind (None: a statistics file with nothing recognised), each sheet's
    reading given or read here."""
    if readings is None:
        readings = [best(s, columns, mapping) for s in sheets]
    out = Header(kind=kind, mapping=mapping, readings=readings)
    if kind in FIXED_REQUIRED:
        out.fixed = fixed if fixed is not None else [fixed_header(kind, s) for s in sheets]
        return out
    projects = kind == "projects"
    labels, needed = (NAMES, PROJECTS_REQUIRED) if projects else (LABELS, NEEDED)
    out.used = [i for i, r in enumerate(readings) if r and has(r, needed)]
    if not out.used:
        out.missing = not_found(file, list(zip(sheets, readings)), columns,
                                PROJECTS_REQUIRED if projects else STATS_REQUIRED, labels, mapping,
                                what="项目明细的表头" if projects else "表头")
    else:
        out.doubts = doubts(file, [(sheets[i], readings[i]) for i in out.used], labels)
    return out


def kind_of(readings: list[Reading | None], fixed: dict[str, list]) -> str | None:
    """The kind of file its headers say (with columns placed by hand), or None when no header has a column of
    any kind."""
    for kind in ("regions", "indicators", "targets"):
        if any(fixed[kind]):
            return kind
    if any(r and ("project_id" in r.fields or "project_id" in r.doubtful) for r in readings):
        return "projects"  # a 项目编号 column, where a statistics file has none (two are still one list)
    if any(r and r.placed for r in readings):
        return "stats"
    return None


def kind_problem(file_name: str, sheets: list[Sheet], kind: str | None, found: str | None) -> Problem | None:
    """Why the file cannot be read as the kind asked for (or, without one, as any kind), or None when it can.
    A file read as the regions or indicators it was said to be, but without their columns, is told which are
    missing; a file of another kind is told which."""
    if kind is None and found is None and any(rules.norm(c) for row in header_rows(sheets) for c in row):
        return Problem(file_name, "找不到表头，无法识别文件类型：表头中没有统计文件、项目明细、地区文件或绩效指标文件的列（找到的列："
                                  f"{seen_columns(sheets)}）。统计文件需要 {'、'.join(LABELS[f] for f in STATS_REQUIRED)}"
                                  f"；地区文件需要 {'、'.join(reference.header_words('regions').names[f] for f in FIXED_REQUIRED['regions'])}。"
                                  "请检查表头（或使用 tradestats template 写出的模板），或用 --kind 指定文件类型。")
    if kind is None or kind == found:
        return None  # an empty file is told so when read
    if kind in FIXED_REQUIRED:
        required, words = FIXED_REQUIRED[kind], reference.header_words(kind)
        columns, names = words.words, words.names
        present = {columns[norm] for row in header_rows(sheets) for norm in map(header_word, row) if norm in columns}
        missing = [names[f] for f in required if f not in present]
        if missing:
            hint = f"；这像是{KIND_NAMES[found]}文件，请改用 --kind {found}" if found else ""
            return Problem(file_name, f"按{KIND_NAMES[kind]}文件读取：缺少 {'、'.join(missing)} 列（找到的列："
                                      f"{seen_columns(sheets)}）{hint}。")
        return None
    if found is not None:
        return Problem(file_name, f"这是{KIND_NAMES[found]}文件，不是{KIND_NAMES[kind]}文件；请改用 --kind {found}。")
    return None


def header_rows(sheets: list[Sheet]) -> list[list]:
    return [row for s in sheets for row in s.rows[:HEADER_ROWS_SCANNED]]


def header_word(cell) -> str:
    """A header cell as the kinds' column names are written: without its unit part (目标（亿元）), lower case."""
    return split_unit(cell)[0].lower()


def seen_columns(sheets: list[Sheet]) -> str:
    """The first non-empty row of the file, as the columns a person would read there."""
    row = next((r for r in header_rows(sheets) if any(rules.norm(c) for c in r)), [])
    words = [rules.strip(c) for c in row if rules.norm(c)]
    return "、".join(words[:12]) + ("……" if len(words) > 12 else "") if words else "无"
