"""The optional fields of synthetic projects at scale (tradestats generate), drawn from the demo's distributions
(distributions): the project's name and with it its 交易方式 and 项目类型, 投标人数 and the dates before the deal by
method, a winner from a skewed pool of firms per sector (home city, the province, elsewhere) with a valid
统一社会信用代码, 招标代理机构, 资金来源, and failed trades (流标/终止) beside the completed ones; 评标办法, the
failed trades' sectors and the firms' names' words from demo/market_mix.toml, which the demo's script reads too.
Like the rest, every draw is a hash of the row number and the seed; parts of one hash (h % a, h >> b) serve draws
that need not be apart.
The figures the pages sum (宗数, 交易额 …) do not depend on any of it."""

from __future__ import annotations

import functools
import math
import random
import tomllib
from fractions import Fraction

import duckdb

from tradestats import config
from tradestats.demo import distributions as dist
from tradestats.ingest.project_fields import CHARSET, check_character
from tradestats.store.statements import statement

WINNERS = 3000  # firms in the pools, a sector's by its share of the trades
SLOTS = 1 << 14  # a sector's firms share this many slots by their weights; a draw picks a slot
AGENCIES = 40  # (a benchmark asks for 湖南1号招标代理有限公司 by name)


def quote(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def weighted(pairs: list[tuple[object, float]], draw: str) -> str:
    """A SQL expression choosing one of the values by a hash, each as often as its weight."""
    fractions = [Fraction(str(w)) for _, w in pairs]
    scale = math.lcm(*(f.denominator for f in fractions))
    counts = [int(f * scale) for f in fractions]
    common = math.gcd(*counts)
    counts = [c // common for c in counts]
    total, upto, whens = sum(counts), 0, []
    for (value, _), count in zip(pairs[:-1], counts):
        upto += count
        whens.append(f"when ({draw}) % {total} < {upto} then {quote(value)}")
    return f"case {' '.join(whens)} else {quote(pairs[-1][0])} end" if whens else quote(pairs[-1][0])


def by_sector(choices: dict[str, str], other: str = "null") -> str:
    return "case m.sector_code " + " ".join(f"when '{s}' then {v}" for s, v in choices.items()) + f" else {other} end"


def deal_date(h: str) -> str:
    """A date by hash h: a year of the span ($first, $years), a month by the season, a day up to LAST_DEAL_DAY."""
    month = weighted(list(enumerate(dist.SEASON, 1)), f"{h} >> 8")
    return (f"make_date(($first + {h} % $years)::bigint, ({month})::bigint, "
            f"(1 + ({h} >> 24) % {dist.LAST_DEAL_DAY})::bigint)")


def normal(h: str) -> str:
    """A standard normal draw from hash h (Box–Muller over two of its parts)."""
    return f"(sqrt(-2 * ln(({h} % 1000000 + 1) / 1000001.0)) * cos(2 * pi() * (({h} >> 32) % 1000000) / 1000000.0))"


@functools.cache
def market_mix() -> dict:
    """What is drawn by sector (demo/market_mix.toml of the deployment, else the shipped one; it says what each key
    is): a table per sector, and the firms' names' words."""
    with open(config.find("demo/market_mix.toml"), "rb") as f:
        return tomllib.load(f)


def mix_by_sector() -> dict[str, dict]:
    return {s: v for s, v in market_mix().items() if isinstance(v, dict)}


def as_often(values: list, weights: list[int]) -> list:
    """Each value listed as often as its weight, for pick."""
    return [v for v, n in zip(values, weights) for _ in range(n)]


def pick(values: list[str], draw: str) -> str:
    return f"[{', '.join(quote(v) for v in values)}][({draw} % {len(values)})::bigint + 1]"


def names() -> dict[str, list[dict[str, str]]]:
    return dist.project_names(config.find("demo/project_names.csv"))


def of_name(field, draw: str, other: str = "null") -> str:
    """A field of the project name draw picks in its sector's list (the same name for every field)."""
    return by_sector({s: pick([field(r) for r in rs], draw) for s, rs in names().items()}, other)


def method(draw: str) -> str:
    return of_name(lambda r: r["method"], draw, "'挂牌'")


def bidders(h_normal: str, h: str) -> str:
    """投标人数 by method, by the rules distributions.bidders draws the demo's with."""
    def rule(r: tuple) -> str:
        if r[0] == "lognormal":
            _, mu, sigma, least = r
            return f"greatest({least}, round(exp({mu} + {sigma} * {normal(h_normal)}))::integer)"
        if r[0] == "uniform":
            return f"({r[1]} + {h} % {r[2] - r[1] + 1})::integer"
        if r[0] == "fixed":
            return str(r[1])
        return f"case when {h} % 1000 < {round(r[1] * 1000)} then 1 else ({r[2]} + ({h} >> 16) % {r[3] - r[2] + 1})::integer end"
    return "case method " + " ".join(f"when '{k}' then {rule(r)}" for k, r in dist.BIDDERS.items()) + \
        f" else {rule(dist.OTHER_BIDDERS)} end"


def cycle_days(h: str) -> str:
    """公告 → 成交 in days by method."""
    def days(lo: int, hi: int) -> str:
        return f"({lo} + {h} % {hi - lo + 1})::integer"
    return "case method " + " ".join(f"when '{k}' then {days(*v)}" for k, v in dist.CYCLE.items()) + \
        f" else {days(*dist.OTHER_CYCLE)} end"


def open_date() -> str:
    """开标: on the deal's day for 挂牌, else 1 … OPEN_DAYS days before it, after the announcement."""
    before = f"(1 + h9 % least({dist.OPEN_DAYS}, gap_days - 1))::integer"
    return f"case when method = '挂牌' then deal_date else deal_date - {before} end"


def columns() -> str:
    """The select list of the optional fields, of a row with method, deal_date, gap_days and the draws h4 … h11."""
    funded = "direction = 'purchase'"
    eval_method = by_sector({s: pick(as_often(v["eval_method"], v["generate_eval_method_weights"]), "h5")
                             for s, v in mix_by_sector().items() if "eval_method" in v})
    return ",\n            ".join([
        eval_method + " as eval_method",
        bidders("h6", "h7") + " as bidders",
        "deal_date - gap_days as announce_date",
        "null::date as accept_date",
        open_date() + " as open_date",
        "w.name as winner",
        "w.credit_code as winner_credit_code",
        "null::varchar as winner_region",
        "w.region_code as winner_region_code",
        f"case when {funded} then '湖南' || (h10 % {AGENCIES} + 1) || '号招标代理有限公司' end as agency",
        f"case when {funded} then {weighted(list(dist.FUNDING.items()), 'h11')} end as funding",
        of_name(lambda r: dist.industry(r["name"]), "h4") + " as industry",
        "true as outcome_known"])


# the winner: a firm of the sector's pool, by its slots (the first firms far more often)
JOIN = f"join gen_winners w on w.sector_code = m.sector_code and w.slot = (h7 >> 32) % {SLOTS}"


def winners(con: duckdb.DuckDBPyConnection, home: str, seed: int = 1) -> None:
    """gen_winners: each sector's pool of firms, by slot (a firm has slots as many as its Zipf-like weight gives it),
    about two in three of the home city as distributions has it."""
    def region(code: str) -> tuple[str, str]:
        return tuple(con.execute("select region_name, coalesce(parent_code, '') from dim_region where region_code = ?",
                                 [code]).fetchall()[0])
    counties = [r[0] for r in con.execute(statement("demo/synthetic_winner_counties"), [home]).fetchall()] or [home]
    cities = [r[0] for r in con.execute(statement("demo/synthetic_winner_cities"), [home]).fetchall()] \
        or [c for c, _ in dist.OUTSIDE]
    home_name, province = region(home)
    province_name = region(province)[0] if province else home_name
    sectors = {r[0]: r[1] for r in con.execute("select sector_code, per_mille from mix order by sector_code").fetchall()}
    rng = random.Random(seed)
    rows, seen, words = [], set(), market_mix()["generate_firm_words"]
    for sector, per_mille in sectors.items():
        n = max(1, round(WINNERS * per_mille / sum(sectors.values())))
        weights = [1 / (i + 1) ** dist.WINNER_ZIPF for i in range(n)]
        slots = [max(1, int(SLOTS * w / sum(weights))) for w in weights]
        slots[0] += SLOTS - sum(slots)  # the largest firm takes what rounding left
        lo = 0
        for i in range(n):
            where = rng.random()
            if where < dist.WINNER_HOME:
                code, prefix = rng.choice(counties), home_name[:2]
            elif where < dist.WINNER_PROVINCE:
                code, prefix = rng.choice(cities), province_name[:2]
            else:
                code, place = rng.choice(dist.OUTSIDE)
                prefix = place[:2]
            name = ""
            while not name or name in seen:
                name = prefix + "".join(rng.sample(dist.FIRST, 2)) + rng.choice(words) + rng.choice(dist.SUFFIX)
            seen.add(name)
            body = "91" + code + "".join(rng.choice(CHARSET) for _ in range(9))
            rows.append((sector, lo, lo + slots[i], name, body + check_character(body), code))
            lo += slots[i]
    con.execute(statement("demo/synthetic_firms"))
    con.executemany("insert into gen_firms values (?, ?, ?, ?, ?, ?)", rows)
    con.execute(statement("demo/synthetic_winners")).fetchall()


def failed(con: duckdb.DuckDBPyConnection, projects: int, first_year: int, years: int, units: int, seed: int) -> None:
    """About one tender in sixteen fails or is stopped (流标/终止), in a sector by its generate_failed_weight."""
    weights = {s: v["generate_failed_weight"] for s, v in mix_by_sector().items() if "generate_failed_weight" in v}
    sector = pick(as_often(list(weights), list(weights.values())), "hash(i, $seed + 23)")
    stopped = f"hash(i, $seed + 21) % 1000 < {round(dist.STOPPED_SHARE * 1000)}"
    bidders = f"[{', '.join(map(str, dist.FAILED_BIDDERS))}][((hash(i, $seed + 22)) % {len(dist.FAILED_BIDDERS)})::bigint + 1]"
    con.execute(statement("demo/synthetic_failed").format(
        stopped=stopped, bidders=bidders, deal_date=deal_date("hash(i, $seed + 20)"), sector=sector, units=units),
        {"n": projects // 16, "first": first_year, "years": years, "seed": seed}).fetchall()
