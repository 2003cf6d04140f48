"""A statistics file (one row per month × region × sector) turned into fact cells, with every problem of
the file found at once and named by file, sheet, row and column. The import's rows stage for statistics: it
reads the rows under the headers the header stage found (headers.Header) and asks nothing back. Nothing here
touches the database."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from tradestats.ingest import rules
from tradestats.ingest.headers import Header
from tradestats.ingest.rules import norm
from tradestats.ingest.sources import Sheet, cell_text
from tradestats.ingest.table import Parsed, Problem, money_unit_in
from tradestats.ingest.vocabulary import LABELS, Vocabulary, read_csv  # noqa: F401 (read_csv: its old home)
from tradestats.ingest.vocabulary import STATS_REQUIRED as REQUIRED

NUMBERS = ("projects", "amount", "reference", "savings", "premium", "key_projects", "key_amount")
COUNTS = ("projects", "key_projects")
MONEY = tuple(f for f in NUMBERS if f not in COUNTS)
COUNT_UNITS = ("宗", "个", "项", "件")
TOTAL_WORDS = ("合计", "总计", "小计", "全市合计", "全市总计", "总计（全市）", "本页小计", "本页合计")
CHANGE_TOLERANCE = Decimal("0.02")  # percentage points a published 同比 may be off by (rounding, revisions)


@dataclass(frozen=True)
class UnknownWord(Problem):
    """A region or category word the vocabulary does not know, which --values can map."""

    field: str = "sector"  # 'region' or 'sector'
    word: str = ""


# A line under a bulletin's table that is not data: a note (注：…, 说明：…) or who made it and when (制表人：…).
FOOTNOTE = re.compile(r"^(?:注[0-9一二三四五六七八九]?|附注|说明|备注|填表人|填报人|制表人|制表|审核人|审核|负责人|统计人|联系人"
                      r"|联系电话|电话|填报日期|制表日期|填报单位|数据来源|资料来源)[:.、]")


def is_footnote(row: list) -> bool:
    """A row whose first filled cell is a note or a signature (注：本表…, 制表人：张三), the rest text or blank."""
    cells = [norm(c) for c in row if norm(c)]
    return bool(cells) and bool(FOOTNOTE.match(cells[0])) and not any(isinstance(c, (int, float)) for c in row)


ROLES = {"month": "本期", "ytd": "本年累计", "prev": "上年同期", "prev_ytd": "上年同期累计"}  # a wide row's figures


def year_to_date(got: tuple, cell, above: dict[int, tuple], sheet: int) -> tuple:
    """A row's period (and problem) with 本年累计 (rules.YEAR_TO_DATE_WORDS) in its period column read as January
    to the month of the rows above it in the sheet; a month's row is remembered (above) for the next."""
    period, problem = got
    if period is not None and period[1] == period[2]:
        above[sheet] = period
    elif period is None and norm(cell) in rules.YEAR_TO_DATE_WORDS and sheet in above:
        year, _, month = above[sheet]
        return (year, 1, month), None
    return got


def role_period(got: tuple, role: str) -> tuple:
    """A row's period (year, first, last month) and problem as a role of the row's figures has it: 本年累计
    runs from January, 上年同期 is the same months a year earlier."""
    period, problem = got
    if period is None or role == "month":
        return got
    year, first, last = period
    return ((year - 1 if role.startswith("prev") else year), 1 if role.endswith("ytd") else first, last), problem


def check_changes(file: str, checks: list, figures: dict) -> list[Problem]:
    """A 同比 column of a row against its figures: a warning where they disagree by more than rounding."""
    problems = []
    values = rules.decimals([str(c[4]).replace("%", "") for c in checks])
    for (sheet, index, f, role, raw, name), (given, problem) in zip(checks, values):
        cur, prev = figures.get((id(sheet), index, role)), figures.get((id(sheet), index, "prev" + ("_ytd" if role == "ytd" else "")))
        if problem or cur is None or prev is None or not prev.get(f):
            continue
        computed = round(100 * (Decimal(cur[f]) - Decimal(prev[f])) / Decimal(prev[f]), 2)
        if abs(computed - given) > CHANGE_TOLERANCE:
            problems.append(Problem(sheet.where(file, index + 1, name), (
                f"同比为 {given.normalize():f}%，按本行数字算为 {computed:f}%（{LABELS[f]} {Decimal(cur[f]).normalize():f} 对上年同期 "
                f"{Decimal(prev[f]).normalize():f}），请核对。"), warning=True))
    return problems


def period_key(cell: dict) -> tuple:
    """What a cell's figures cover: (year, first month, last month); a month is a span of one."""
    return cell["year"], cell.get("month_from"), cell.get("month_to")


def period_of(file: str, sheet: Sheet, header_index: int, given: str | None) -> tuple[str | None, str] | None:
    """A sheet without a period column: the period it is of — --period (given), else the title rows above its
    header, its sheet's name, the file's name (a sheet's 3月 takes its year from the title or the file's name) —
    with where it was found; (None, where) when a place speaks of a part of a year no rule reads (上半年 is read;
    never taken for the whole year); None when none names one."""
    if given:
        return rules.period_in(given) or given, "命令行的 --period"
    places = [(" ".join(str(c) for c in sheet.rows[i] if c is not None), f"标题（第{i + 1}行）") for i in range(header_index)]
    places += [(sheet.name, f"工作表名“{sheet.name}”")] if sheet.name else []
    places += [(file.rsplit("/", 1)[-1].rsplit(".", 1)[0], "文件名")]
    year = next((y for text, _ in places if (y := rules.year_in(text))), None)
    for text, where in places:
        if found := rules.period_in(text, year):
            return found, where
        if rules.names_part_of_year(text):
            return None, where
    return None


def unit_above(file: str, sheet: Sheet, header_index: int, columns: dict, reading, notes: list[str]) -> str | None:
    """The money unit a line above a sheet's header gives (单位：亿元, 标题（金额单位：元）) for its amount columns
    whose header names none — said in the plan; None without one, or when every amount column names its own."""
    every = [*columns.values(), *(c for taken in reading.roles.values() for c in taken.values())]
    if not any(f in MONEY and unit is None for f, unit in every):
        return None
    for i in range(header_index):
        if unit := money_unit_in(" ".join(str(c) for c in sheet.rows[i] if c is not None)):
            if unit != "万元":  # as a header without a unit is read anyway
                notes.append(f"{'工作表“' + sheet.name + '”的' if sheet.name else ''}金额单位“{unit}”取自第{i + 1}行"
                             "（表头没写单位的金额列按此读）")
            return unit
    return None


def with_unit(columns: dict, unit: str | None) -> dict:
    """columns (index → (field, unit)) with unit for the money columns whose header names none."""
    return {j: (f, unit if f in MONEY and own is None and unit else own) for j, (f, own) in columns.items()}


def parse(file: str, sheets: list[Sheet], header: Header, vocab: Vocabulary, today: dt.date,
          period: str | None = None, region: str | None = None) -> Parsed:
    """header: the header stage's reading of the file (the sheets it uses, their headers, its problems);
    period: --period's text, for the sheets without a period column (else their title, sheet or file name);
    region: --region's, for the sheets without a region column (else the home city)."""
    out = Parsed()
    used = [(sheets[i], (header.readings[i].index, header.readings[i].placed), header.readings[i])
            for i in header.used]
    if any("region" not in {f for f, _ in columns.values()} for _, (_, columns), _ in used):
        out.notes.append(f"没有地区列：各行按{region or '全市'}的数据导入")
    if any(not {"sector", "trade_type"} & {f for f, _ in columns.values()} for _, (_, columns), _ in used):
        out.notes.append("没有板块或交易类型列：各行是全部板块的合计，按“不分板块”保存，不拆分到板块")
    for sheet, (header_index, columns), _ in used:
        if "month" in {f for f, _ in columns.values()}:
            continue
        found = period_of(file, sheet, header_index, period)
        if found is not None and found[0] is None:
            out.problems.append(Problem(f"{file}{f' 工作表“{sheet.name}”' if sheet.name else ''}",
                                        f"没有月份列，{found[1]}说的期间读不出是哪几个月（可以写作 2024年9月、2024年1-9月、"
                                        "2024年第三季度、2024年上半年）；请加上月份列，或用 --period \"2024年1-9月\" 指定。"))
        elif found is None:
            out.problems.append(Problem(f"{file}{f' 工作表“{sheet.name}”' if sheet.name else ''}",
                                        "没有月份列，标题、工作表名和文件名中也没有期间（如 2024年9月、2024年1-9月、2024年第三季度）；"
                                        "请加上月份列，或用 --period \"2024年1-9月\" 指定。"))
        else:
            out.periods[sheet.name] = found
    if out.errors:
        return out
    for sheet in sheets:  # a sheet with data but no header the others have would be left out unseen
        if used and all(sheet is not u for u, _, _ in used) and sum(any(norm(c) for c in r) for r in sheet.rows) > 1:
            out.problems.append(Problem(f"{file} 工作表“{sheet.name}”", "找不到表头，这个工作表不会被导入；"
                                        "请补上与其他工作表相同的表头，或删除这个工作表。"))
    if not used:
        if not any(len(s.rows) for s in sheets):
            out.problems.append(Problem(file, "文件是空的，没有任何数据行。"))
        else:
            out.problems.append(header.missing)
        return out
    out.problems += header.doubts
    totals = []
    seen: dict[tuple, str] = {}
    out.fields = frozenset(f for _, (_, columns), _ in used for f, _ in columns.values())
    above_units = {id(sheet): unit_above(file, sheet, header_index, columns, reading, out.notes)
                   for sheet, (header_index, columns), reading in used}
    used = [(sheet, (header_index, with_unit(columns, above_units[id(sheet)])), reading)
            for sheet, (header_index, columns), reading in used]
    for _, (_, columns), _ in used:  # the file's own unit of each money column (the first sheet's where they differ)
        for f, unit in columns.values():
            if f in MONEY and unit in rules.UNITS:
                out.units.setdefault(f, unit)
    entries = []  # (sheet, row index, values: field → (raw cell, header unit), labels: field → column's name, role)
    checks = []  # (sheet, row index, field, role compared, the 同比 cell, its column's name)
    for sheet, (header_index, columns), reading in used:
        footnotes: list[int] = []
        hidden: list[int] = []
        header_row = [norm(c) for c in sheet.rows[header_index]]
        roles = {role: with_unit(taken, above_units[id(sheet)]) for role, taken in reading.roles.items()
                 if {"projects", "amount"} <= {f for f, _ in taken.values()}}
        main = {f for f, _ in columns.values()} >= {"projects", "amount"}
        for role in set(reading.roles) - set(roles):
            out.notes.append(f"{ROLES[role]}的列只有{'、'.join(LABELS[f] for f, _ in reading.roles[role].values())}，"
                             "没有项目数和交易额两列，不导入（不影响其他数据）")
        for index in range(header_index + 1, len(sheet.rows)):
            row = sheet.rows[index]
            # Blank rows, and the second row of a header merged over two rows, carry no data.
            if all(c is None or norm(c) == "" for c in row) or [norm(c) for c in row] == header_row:
                continue
            if is_footnote(row):  # read on: a note may stand between two parts of a table
                footnotes.append(index + 1)
                continue
            if index + 1 in sheet.hidden:  # hidden in Excel: often an old or a doubled line, sometimes data
                hidden.append(index + 1)
            values = {f: (row[j] if j < len(row) else None, unit) for j, (f, unit) in columns.items()
                      if f in LABELS}  # columns of other kinds of file (交易方式, 项目名称 …) are ignored
            label = {f: LABELS[f] for f in values}
            if "region" not in values:  # a table of one region's figures: the home city's, or --region's
                values["region"], label["region"] = (region or vocab.home, None), "地区（表中没有地区列）"
            if "month" not in values:  # the sheet's period, from its title, name, the file's or --period
                text, found_in = out.periods[sheet.name]
                values["month"], label["month"] = (text, None), f"期间（{found_in}）"
            if "sector" not in values and "trade_type" not in values:  # all sectors together: each row a 合计
                values["sector"], label["sector"] = (TOTAL_WORDS[0], None), "板块（表中没有板块列）"
            elif "sector" not in values:  # one column of trade types (and sectors): it names both
                values["sector"], label["sector"] = values.pop("trade_type"), LABELS["trade_type"]
            names = {f: v for f, v in values.items() if f in ("month", "region", "sector", "trade_type")}
            if main:
                entries.append((sheet, index, values, label, "month"))
            for role, taken in roles.items():  # the row's 累计 and 上年同期 figures: cells of their own spans
                entries.append((sheet, index, names | {f: (row[j] if j < len(row) else None, unit)
                                                       for j, (f, unit) in taken.items() if f in LABELS},
                                label | {f: f"{LABELS[f]}（{ROLES[role]}）" for f, _ in taken.values()}, role))
            for j, (f, role) in reading.checks.items():
                if j < len(row) and norm(row[j]):
                    checks.append((sheet, index, f, role, row[j], reading.cells[j]))
        if hidden:
            out.problems.append(Problem(f"{file}{' 工作表“' + sheet.name + '”' if sheet.name else ''}", (
                f"第{'、'.join(map(str, hidden))}行在 Excel 中是隐藏的，已按数据导入；若不是数据（旧数、重复的行），"
                "请删去这些行后再导入。"), warning=True))
        if footnotes:
            out.notes.append(f"{'工作表“' + sheet.name + '”' if sheet.name else ''}第{'、'.join(map(str, footnotes))}行是表下的"
                             "说明文字（注：、制表人：等），不是数据，没有导入")
    read = read_values(entries, today)
    figures: dict[tuple, dict] = {}  # (sheet, row index, role) → the row's figures of that role, for the checks
    above: dict[int, tuple] = {}  # sheet → the last month its rows named, for a 本年累计 row under it
    kept: dict[tuple, dict] = {}  # key → its cell
    told: set[str] = set()  # the rows' problems reported
    for (sheet, index, values, label, role), got in zip(entries, read):
        where = sheet.where(file, index + 1)
        if role == "month":
            got = dict(got, month=year_to_date(got["month"], values["month"][0], above, id(sheet)))
        got = dict(got, month=role_period(got["month"], role))
        cell, row_problems = parse_row(values, got, label, lambda col: sheet.where(file, index + 1, col), vocab)
        if cell is not None:
            figures[(id(sheet), index, role)] = cell
            cell["_role"] = role
            if role != "month" and (id(sheet), index, "month") in figures and \
                    period_key(figures[(id(sheet), index, "month")]) == period_key(cell):
                continue  # 1月's 累计 is the month itself
        # A wide row's roles (本月, 本年累计, 上年同期) share its region, category and month cells: each problem once.
        out.problems += [p for p in row_problems if str(p) not in told]
        told.update(map(str, row_problems))
        if cell is None:
            continue
        cell["_where"] = where
        if cell.pop("_total"):
            totals.append(cell)
            continue
        key = period_key(cell) + (cell["region_code"], cell["trade_type_code"])
        if key in seen and role == "month" and norm(values["month"][0]) in rules.YEAR_TO_DATE_WORDS:
            if any(cell.get(f) != kept[key].get(f) for f in ("projects", "amount")):  # 1月's 累计 is the month
                out.problems.append(Problem(where, f"本年累计与{seen[key].split(' ', 1)[-1]}的1月数不符。"))
            continue
        if key in seen:
            out.problems.append(Problem(where, f"与{seen[key].split(' ', 1)[-1]}重复（同一月份、地区和交易类型出现两次）。"))
            continue
        seen[key], kept[key] = where, cell
        out.rows.append(cell)
    if not any(r["region_code"] in vocab.home_units for r in out.rows):  # a bulletin of the city's totals only:
        own = [t for t in totals if t["_home"] and t["year"]]  # its rows of the city are its cells
        totals = [t for t in totals if not any(t is o for o in own)]
        for cell in own:
            cell["region_code"] = vocab.home
            key = period_key(cell) + (cell["region_code"], cell["trade_type_code"])
            if key in seen:
                out.problems.append(Problem(cell["_where"], f"与{seen[key].split(' ', 1)[-1]}重复（同一月份、地区和交易类型出现两次）。"))
                continue
            seen[key] = cell["_where"]
            out.rows.append(cell)
    out.problems += check_changes(file, checks, figures)
    out.rows, subtotals, notes = sector_subtotals(out.rows, vocab)
    out.notes += notes
    totals, out.whole = all_sectors(totals, out.rows, vocab)
    out.problems += check_totals(totals + subtotals, out.rows + out.whole, vocab.home_units | {vocab.home})
    out.problems += plausibility(out.rows + out.whole)
    return out


def read_values(entries: list, today: dt.date) -> list[dict]:
    """Each row's month and numbers by the rules, column by column: field → (value, problem)."""
    def column(f: str) -> tuple[list, list]:
        cells = [e[2].get(f, (None, None)) for e in entries]
        return [cell_text(raw, date=f == "month") for raw, _ in cells], [unit for _, unit in cells]

    read: list[dict] = [{} for _ in entries]
    texts, _ = column("month")
    for got, period in zip(read, rules.periods(texts, today)):
        got["month"] = period
    for f in NUMBERS:
        texts, units = column(f)
        for got, number in zip(read, rules.numbers(texts, units, LABELS[f], count=f in COUNTS,
                                                   required=f in REQUIRED)):
            got[f] = number
    return read


def part_name(text: str) -> str:
    """其中：房建市政, 其中:交通工程, -房建市政 → the part's own name (an indented 其中 row is a part of the row above)."""
    return re.sub(r"^(?:其中[:：、]?|[-—·•]+)", "", text) or text


def parse_row(values: dict, got: dict, label: dict, where, vocab: Vocabulary) -> tuple[dict | None, list]:
    """A row as a cell, from its cells (values) and what the rules read in them (got: read_values')."""
    problems = []
    cell: dict = {"_total": False}
    region_text, sector_text = norm(values["region"][0]), part_name(norm(values["sector"][0]))
    whole_city = region_text in TOTAL_WORDS or vocab.regions.get(region_text) == vocab.home
    month_total = norm(values["month"][0]) in TOTAL_WORDS  # 合计 written in the first column
    if month_total and region_text == "":
        whole_city = True
    cell["_total"] = whole_city or sector_text in TOTAL_WORDS or month_total  # 合计 of the city, or 小计 of a region
    # The city named with a sector: a 合计 beside county rows, the city's own cell in a file without them.
    cell["_home"] = vocab.regions.get(region_text) == vocab.home and sector_text not in ("", *TOTAL_WORDS)
    period, problem = got["month"]
    if problem and not (cell["_total"] and norm(values["month"][0]) in ("", *TOTAL_WORDS)):
        problems.append(Problem(where(label["month"]), problem))
    elif problem:  # a 合计 row without a month (or 合计 in its place) sums the whole file
        cell["year"] = cell["month"] = cell["month_from"] = cell["month_to"] = None
    else:
        cell["year"], cell["month_from"], cell["month_to"] = period
        cell["month"] = period[1] if period[1] == period[2] else None  # None: a span's figures
    if whole_city:
        cell["region_code"] = None
    elif not region_text:
        problems.append(Problem(where(label["region"]), "地区为空。"))
    elif region_text not in vocab.regions:
        problems.append(UnknownWord(where(label["region"]), f"未知的地区“{values['region'][0]}”"
                                    + vocab.hint("region", region_text), field="region", word=rules.strip(values["region"][0])))
    elif vocab.regions[region_text] not in vocab.reporting:
        problems.append(Problem(where(label["region"]), f"“{values['region'][0]}”不是按月上报数据的地区"
                                "（本市应按区县、市本级填报，外市按市州填报）。"))
    else:
        cell["region_code"] = vocab.regions[region_text]
    type_text = part_name(norm(values["trade_type"][0])) if "trade_type" in values else ""
    if cell["_total"] and sector_text in ("", *TOTAL_WORDS):
        cell["sector_code"] = cell["trade_type_code"] = None
    elif not sector_text:
        problems.append(Problem(where(label["sector"]), f"{label['sector']}为空。"))
    elif sector_text not in vocab.types:
        problems.append(UnknownWord(where(label["sector"]), f"未知的板块或交易类型“{values['sector'][0]}”"
                                    + vocab.hint("sector", sector_text), field="sector", word=rules.strip(values["sector"][0])))
    elif type_text and type_text not in vocab.types:
        problems.append(UnknownWord(where(label["trade_type"]), f"未知的交易类型“{values['trade_type'][0]}”"
                                    + vocab.hint("sector", type_text), field="sector",
                                    word=rules.strip(values["trade_type"][0])))
    else:
        code = vocab.types[type_text or sector_text]
        cell["trade_type_code"], cell["sector_code"] = code, vocab.type_sector[code]
        if type_text and vocab.type_sector[vocab.types[sector_text]] != cell["sector_code"]:
            problems.append(Problem(where(label["trade_type"]), f"交易类型“{values['trade_type'][0]}”属于"
                                    f"{vocab.sector_name(cell['sector_code'])}，与{label['sector']}"
                                    f"“{values['sector'][0]}”不符。"))
    for f in NUMBERS:
        number, problem = got[f]
        if problem:
            problems.append(Problem(where(label.get(f, LABELS[f])), problem))
        else:
            cell[f] = number
    if problems:
        return None, problems
    if cell.get("key_projects") and cell["key_projects"] > cell["projects"]:
        return None, [Problem(where(label["key_projects"]), "涉重点产业项目数大于项目数。")]
    return cell, []


def sector_subtotals(rows: list[dict], vocab: Vocabulary) -> tuple[list[dict], list[dict], list[str]]:
    """A sector's row beside rows of its trade types (工程建设, then 其中 房建市政 and 交通工程) is their 小计 when
    its figures equal their sum: not added. Otherwise, for the sector of other trades (其他, direction either),
    it is a category of its own — 其他 beside 农村产权 is the other trades — kept as the sector's own cell beside
    its types, and a note says so; for another sector it is a 小计 that does not add up (refused). Alone, it
    is the sector's cell. Returns the rows, the 小计 rows and the notes."""
    def group(r: dict) -> tuple:
        return period_key(r) + (r["region_code"], r["sector_code"])

    typed: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["trade_type_code"] != r["sector_code"]:
            typed.setdefault(group(r), []).append(r)
    whole, notes = [], []
    for r in rows:
        parts = typed.get(group(r)) if r["trade_type_code"] == r["sector_code"] else None
        if parts is None:
            continue
        if r["sector_code"] not in vocab.open_sectors or (r["projects"] == sum(p["projects"] for p in parts) and
                                                          abs(r["amount"] - sum(p["amount"] for p in parts)) <= Decimal("0.01")):
            whole.append(r)
        else:
            notes.append(f"{r['_where']}：“{vocab.sector_name(r['sector_code'])}”一行不等于其下各交易类型之和，"
                         "不是小计，按该板块的其他交易单独一类导入")
    return [r for r in rows if not any(r is w for w in whole)], whole, notes


def all_sectors(totals: list[dict], rows: list[dict], vocab: Vocabulary) -> tuple[list[dict], list[dict]]:
    """A 合计 of all sectors that nothing in the file adds up to — a table without a sector column, or one
    that gives only its 合计 for a period and region — is the figure of all sectors together: kept as such
    (fact_trade_total), never guessed into sectors. A region's first; then the city's, whose parts are its
    units' rows and figures (a second 合计 of a period and region is checked against the first). Returns the
    totals left to check against their parts, and the figures."""
    def parts(total: dict, among: list[dict]) -> bool:
        return any(period_key(r) == period_key(total) and (r["region_code"] == total["region_code"] if total["region_code"]
                                                            else r["region_code"] in vocab.home_units | {vocab.home})
                   for r in among)

    whole: list[dict] = []
    left = []
    for city in (False, True):
        for total in [t for t in totals if (t["region_code"] is None) == city]:
            if total["year"] is None or total["sector_code"] is not None or parts(total, rows + whole):
                left.append(total)
                continue
            whole.append(dict(total, region_code=total["region_code"] or vocab.home))
    return left, whole


def check_totals(totals: list[dict], rows: list[dict], home_units: frozenset[str]) -> list[Problem]:
    """A 合计 row (of the city: its counties; 小计 of a region: its sectors) is checked against the rows it
    sums, never added to them."""
    problems = []
    for total in totals:
        def covered(r: dict) -> bool:
            same_month = total["year"] is None or period_key(r) == period_key(total)
            same_region = r["region_code"] == total["region_code"] if total["region_code"] else \
                r["region_code"] in home_units
            return same_month and same_region and total["sector_code"] in (None, r["sector_code"])

        parts = [r for r in rows if covered(r)]
        for f in ("projects", "amount", "savings", "premium"):
            if total.get(f) is None:
                continue
            got = sum((r.get(f) or 0) for r in parts)
            if abs(got - total[f]) > Decimal("0.01"):
                shown = (lambda x: f"{x:,}宗") if f in COUNTS else (lambda x: f"{x:,.2f}万元")
                problems.append(Problem(total["_where"], f"合计行与各行之和不符：{LABELS[f]}合计 {shown(total[f])}，"
                                                         f"各行之和 {shown(got)}。"))
    return problems


def plausibility(rows: list[dict]) -> list[Problem]:
    """Warnings that need a person's confirmation, not errors: an amount per project no market has."""
    problems = []
    for r in rows:
        if r["projects"] and r["amount"] / r["projects"] > 500_000:
            problems.append(Problem(r["_where"], f"平均每宗成交金额超过50亿元（{r['amount'].normalize():,f}万元 / {r['projects']}宗），"
                                                 "单位是否应为“元”？", warning=True))
    return problems
