"""What names mean, the first thing an import loads: the regions, sectors and trade types as the database and
data/import/ spell them, the words of header columns, and the fields of statistics files and project lists with
their labels. Every stage of the import reads it; it calls none of them."""

from __future__ import annotations

import csv
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

import duckdb

from tradestats import config
from tradestats.domain import metrics
from tradestats.ingest import project_fields
from tradestats.ingest.rules import norm
from tradestats.present.formulas import neutralise
from tradestats.store import reference

STATS_REQUIRED = ("month", "region", "sector", "projects", "amount")  # a statistics file's columns
LABELS = {"month": "月份", "region": "地区", "sector": "板块", "trade_type": "交易类型", "projects": metrics.PROJECTS.label,
          "amount": metrics.AMOUNT.label, "reference": "预算/底价", "savings": metrics.SAVINGS.label,
          "premium": metrics.PREMIUM.label, "key_projects": metrics.KEY_PROJECTS.label,
          "key_amount": "涉重点产业金额"}  # the file's word, not the metric's 涉重点产业成交金额
PROJECTS_REQUIRED = ("project_id", "project_name", "region", "sector", "deal_date", "amount")  # a project list's
NAMES = {**LABELS, "project_id": "项目编号", "project_name": "项目名称", "deal_date": "成交日期",
         "method": "交易方式", "is_key": "是否重点产业", **project_fields.NAMES}  # the fields --map takes
CITY_WORDS = ("全市", "本市")  # the home city as its own tables name it: a 全市 row is the city's total, as 合计
# A short name + the suffix of its level names the region (靖州县: 靖州苗族侗族自治县) when no other region has that
# short name: the suffix → the levels it may name.
SUFFIX_LEVELS = {"县": ("county",), "区": ("county", "pseudo"), "市": ("city", "county")}
SUB_CITY = re.compile(r"市直|本级|[区县]")  # a unit within a city: 市直, 怀化市本级, 鹤城区, 怀化经开区, 靖州县
NOT_A_NAME = re.compile(r"[:：]")  # 制表人：张三 — a note, never a name
CLOSE = 0.4  # how alike a word and a known name are, at least, for the name to be suggested


@dataclass(frozen=True)
class Vocabulary:
    """What names mean: regions and sectors as the database and data/import/ spell them."""

    regions: dict[str, str]  # code, name or short name → code
    sectors: dict[str, str]  # code, name or alias of a sector or a trade type → sector code
    home: str
    reporting: frozenset[str]  # codes a cell may carry: the home city's counties, the other cities
    columns: dict[str, str]  # header text → field
    home_units: frozenset[str] = frozenset()  # the home city's counties and pseudo-regions
    types: dict[str, str] = field(default_factory=dict)  # code, name or alias → trade type code
    type_sector: dict[str, str] = field(default_factory=dict)  # trade type code → its sector's code
    open_sectors: frozenset[str] = frozenset()  # sectors of either direction (其他): their own row is a category
    region_names: tuple[str, ...] = ()  # the regions' names and short names, in their order: what is suggested

    def names_for(self, field: str, word: str) -> list[str]:
        """The known names a word of a field ('region' or 'sector') may be mapped to, the nearest first (ties in
        the regions' order). A word of a unit within a city (SUB_CITY) is one of the home city's units: never
        another city, nor the home city itself (a total)."""
        if field == "region":
            names = [n for n in self.region_names if not SUB_CITY.search(word) or self.regions[n] in self.home_units]
        else:
            names = [k for k in self.types if not re.fullmatch(r"[a-z_]+", k)]
        return sorted(names, key=lambda n: -likeness(word, n))

    def hint(self, field: str, word: str) -> str:
        """A message's end after an unknown word: the name it may be, if any."""
        return suggest(word, self.names_for(field, word))

    def sector_name(self, code: str) -> str:
        """The sector's name as the vocabulary knows it (the whole-sector type's first name)."""
        return next((name for name, c in self.types.items() if c == code and not re.fullmatch(r"[a-z_]+", name)),
                    code)

    @classmethod
    def load(cls, regions, sectors, home: str, reporting, types=None) -> Vocabulary:
        """reporting: reporting_region's rows; types: dim_trade_type's (without them, every sector is its
        own one type)."""
        region_map = {}
        for r in regions.itertuples():
            for text in (r.region_code, r.region_name, r.short_name):
                region_map[norm(text)] = r.region_code
                # As a dump (CSV) wrote it: a name such as =1+1 with its leading ', which reads back as itself.
                region_map.setdefault(norm(neutralise(text)), r.region_code)
        names = tuple(dict.fromkeys(norm(t) for r in regions.itertuples() for t in (r.region_name, r.short_name)
                                    if isinstance(t, str) and t))
        shorts = Counter(norm(r.short_name) for r in regions.itertuples() if isinstance(r.short_name, str))
        for r in regions.itertuples():
            if isinstance(r.short_name, str) and r.short_name and shorts[norm(r.short_name)] == 1:
                for suffix in (s for s, levels in SUFFIX_LEVELS.items() if r.level in levels):
                    region_map.setdefault(norm(r.short_name) + suffix, r.region_code)
        for word in CITY_WORDS:
            region_map.setdefault(word, home)
        type_sector = {s.sector_code: s.sector_code for s in sectors.itertuples()}  # the whole-sector types
        type_map = {norm(s.sector_code): s.sector_code for s in sectors.itertuples()}
        type_map |= {norm(s.sector_name): s.sector_code for s in sectors.itertuples()}
        type_map |= {norm(a["alias"]): a["sector_code"] for a in read_csv("import/sector_aliases.csv")
                     if a["sector_code"] in type_sector}
        if types is not None:
            type_sector |= {t.trade_type_code: t.sector_code for t in types.itertuples()}
            type_map |= {norm(t.trade_type_code): t.trade_type_code for t in types.itertuples()}
            type_map |= {norm(t.trade_type_name): t.trade_type_code for t in types.itertuples()}
            type_map |= {norm(alias): code for alias, code in reference.aliases().items() if code in type_sector}
        sector_map = {name: type_sector[code] for name, code in type_map.items()}
        columns = {norm(a["alias"]): a["field"] for a in read_csv("import/columns.csv")}
        units = frozenset(r.region_code for r in reporting.itertuples() if r.home_unit)
        open_sectors = frozenset(s.sector_code for s in sectors.itertuples() if s.direction == "either")
        return cls(region_map, sector_map, home, frozenset(reporting.region_code), columns, units, type_map, type_sector,
                   open_sectors, names)



def read_csv(name: str) -> list[dict[str, str]]:
    """A vocabulary file of the deployment (config.find: its own copy, else the shipped one)."""
    with open(config.find(name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def of(con: duckdb.DuckDBPyConnection) -> Vocabulary:
    """The vocabulary of the database con is connected to."""
    settings = dict(con.execute("select key, value from app_setting").fetchall())
    regions = con.execute("select * from dim_region order by sort_order, region_code").df()
    sectors = con.execute("select * from dim_sector").df()
    types = con.execute("select * from dim_trade_type").df()
    reporting = con.execute("select * from reporting_region").df()
    return Vocabulary.load(regions, sectors, settings["home_region"], reporting, types)


def likeness(word: str, name: str) -> float:
    return difflib.SequenceMatcher(None, name, word).ratio()


def nearest(text: str, names) -> str | None:
    """The name to suggest for text: the nearest of names if it is CLOSE, never for text that is not a name."""
    names = [n for n in names if n not in CITY_WORDS]  # words of a total, never a unit's name
    best = max(names, key=lambda n: likeness(text, n), default=None)  # the first of equals
    return best if best is not None and not NOT_A_NAME.search(text) and likeness(text, best) >= CLOSE else None


def suggest(text: str, names) -> str:
    close = nearest(text, names)
    return f"，是不是“{close}”？" if close else "。"
