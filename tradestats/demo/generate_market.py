"""The optional fields of synthetic projects at scale (tradestats generate): 交易方式 by sector, 投标人数, the
dates before the deal, a winner from a skewed pool of firms (home city, the province, elsewhere) with a valid
统一社会信用代码, 招标代理机构, 资金来源, 项目类型, and failed trades (流标/终止) beside the completed ones.
Like the rest, every draw is a hash of the row number and the seed. The figures the pages sum (宗数, 交易额 …)
do not depend on any of it."""

from __future__ import annotations

import functools
import random
import tomllib

import duckdb

from tradestats import config
from tradestats.ingest.project_fields import CHARSET, check_character

WINNERS = 3000  # firms in the pool
AGENCIES = 40
OUTSIDE = ("110105", "310115", "440305", "420106", "500112", "510107", "360102", "450103")  # other provinces
WORDS = ("建设", "建工", "路桥", "水利水电", "市政", "园林", "科技", "信息", "医疗器械", "设备", "实业", "置业", "矿业", "农业开发")
NAMES = ("华", "湘", "鑫", "盛", "达", "宏", "远", "恒", "兴", "诚", "辰", "沅", "舞", "麓", "新", "合", "泰", "通", "安", "博")


def pick(values: tuple[str, ...], draw: str) -> str:
    """A SQL expression choosing one of values by a hash (repeats weigh more)."""
    items = ", ".join(f"'{v}'" for v in values)
    return f"[{items}][({draw} % {len(values)})::bigint + 1]"


def by_sector(choices: dict[str, tuple[str, ...]], draw: str, other: str = "null") -> str:
    return "case m.sector_code " + " ".join(f"when '{s}' then {pick(v, draw)}" for s, v in choices.items()) + \
        f" else {other} end"


@functools.cache
def mix() -> dict:
    """The fields' values by sector (demo/market_mix.toml of the deployment, else the shipped one)."""
    with open(config.find("demo/market_mix.toml"), "rb") as f:
        return tomllib.load(f)


def method() -> str:
    return by_sector({s: tuple(v) for s, v in mix()["method"].items()}, "hash(i, $seed + 4)", "'挂牌'")


# the winner: a skewed draw from the pool, the first firms far more often (a market with a few large players)
JOIN = f"join gen_winners w on w.idx = floor(pow((hash(i, $seed + 9) % 1000000) / 1000000.0, 3) * {WINNERS})::integer"


def columns(days: int) -> str:
    """The select list of the optional fields, for draws over days days."""
    fields = {name: {s: tuple(v) for s, v in mix()[name].items()} for name in ("eval_method", "funding", "industry")}
    return ",\n            ".join([
        by_sector(fields["eval_method"], "hash(i, $seed + 5)") + " as eval_method",
        "case when method in ('单一来源', '协议转让') then 1 "
        "when d.direction = 'purchase' then 2 + hash(i, $seed + 6) % 7 + hash(i, $seed + 7) % 6 "
        "else 1 + hash(i, $seed + 6) % 4 end as bidders",
        "make_date($first, 1, 1) + (h1 % " + str(days) + ")::integer - (20 + hash(i, $seed + 8) % 45)::integer as announce_date",
        "null::date as accept_date",
        "make_date($first, 1, 1) + (h1 % " + str(days) + ")::integer - (hash(i, $seed + 8) % 9)::integer as open_date",
        "w.name as winner",
        "w.credit_code as winner_credit_code",
        "null::varchar as winner_region",
        "w.region_code as winner_region_code",
        "case when d.direction = 'purchase' then '湖南' || (hash(i, $seed + 10) % " + str(AGENCIES) +
        " + 1) || '号招标代理有限公司' end as agency",
        by_sector(fields["funding"], "hash(i, $seed + 11)") + " as funding",
        by_sector(fields["industry"], "hash(i, $seed + 12)") + " as industry",
        "true as outcome_known"])


def winners(con: duckdb.DuckDBPyConnection, home: str, seed: int = 1) -> None:
    """gen_winners: the pool of firms, the first ones (drawn most often) mostly of the home city."""
    counties = [r[0] for r in con.execute("select region_code from dim_region where parent_code = ? and level = 'county' "
                                          "order by region_code", [home]).fetchall()] or [home]
    cities = [r[0] for r in con.execute("select region_code from dim_region where level = 'city' and region_code <> ? "
                                        "order by region_code", [home]).fetchall()] or list(OUTSIDE)
    rng = random.Random(seed)
    rows, seen = [], set()
    for idx in range(WINNERS):
        where = rng.random()
        region = rng.choice(counties) if where < 0.6 else rng.choice(cities) if where < 0.85 else rng.choice(OUTSIDE)
        name = ""
        while not name or name in seen:
            name = "".join(rng.sample(NAMES, 2)) + rng.choice(WORDS) + rng.choice(("有限公司", "有限责任公司", "集团有限公司"))
        seen.add(name)
        body = "91" + region + "".join(rng.choice(CHARSET) for _ in range(9))
        rows.append((idx, name, body + check_character(body), region))
    con.execute("create or replace temp table gen_winners (idx integer, name varchar, credit_code varchar, "
                "region_code varchar)")
    con.executemany("insert into gen_winners values (?, ?, ?, ?)", rows)


def failed(con: duckdb.DuckDBPyConnection, projects: int, first_year: int, days: int, units: int, seed: int) -> None:
    """About one tender in sixteen fails or is stopped (流标/终止), the purchase sectors' more often."""
    sectors = "[" + ", ".join(f"'{s}'" for s in mix()["failed"]["sectors"]) + "]"
    con.execute(f"""
        insert into fact_tender_failed by name
        select 'F' || lpad(i::varchar, 9, '0') as project_id, s.sector_name || '合成流标项目' || i as project_name,
               s.sector_code, un.region_code,
               make_date($first, 1, 1) + (hash(i, $seed + 20) % {days})::integer as failed_date,
               case when hash(i, $seed + 21) % 100 < 85 then 'failed' else 'stopped' end as outcome,
               hash(i, $seed + 22) % 3 as bidders,
               make_date($first, 1, 1) + (hash(i, $seed + 20) % {days})::integer as open_date,
               0 as import_id
        from range($n) t(i)
        join dim_sector s on s.sector_code = ({sectors}[(hash(i, $seed + 23) % {len(mix()["failed"]["sectors"])})::bigint + 1])
        join units un on un.idx = hash(i, $seed + 24) % {units}
    """, {"n": projects // 16, "first": first_year, "seed": seed}).fetchall()
