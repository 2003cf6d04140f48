"""The demo project list's optional fields (issue 17) and its failed trades — synthetic through and through.

Each completed project gets, on a random stream of its own (so the cells and the projects' published columns
stay as they were): 评标办法, 投标人数, 公告发布日期 and 开标日期 before its 成交日期, a winner (中标人/受让人)
with a valid 统一社会信用代码 and 所在地区, 招标代理机构 (purchase sectors), 资金来源 and 项目类型. Failed or
stopped trades (流标/终止) are added beside them, a few per cell; they change no 宗数 and no 交易额.

The distributions that are not by sector are the ones `tradestats generate` draws from too
(tradestats/demo/distributions.py; stated in data/README.md), and what is by sector is read from market_mix.toml
beside this script, which generate reads too (评标办法, firms per sector and their names' words, 流标 shares …);
the demo's own here are its agencies, its larger deals' odds and its random streams."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from a checkout
from tradestats.demo.distributions import (  # noqa: E402
    CYCLE, FAILED_BIDDERS, FAILED_DAYS_BEFORE, FIRST, FUNDING, OPEN_DAYS, OTHER_CYCLE, OUTSIDE, STOPPED_SHARE, SUFFIX,
    WINNER_HOME, WINNER_PROVINCE, WINNER_ZIPF, bidders, industry)
from tradestats.ingest.project_fields import CHARSET, check_character  # noqa: E402

SEED = 20241231 + 17
COLUMNS = ("eval_method", "bidders", "announce_date", "open_date", "winner", "winner_credit_code", "winner_region",
           "winner_region_code", "agency", "funding", "industry")
FAILED_COLUMNS = ("project_id", "project_name", "sector_code", "region_code", "failed_date", "outcome", "reference_wan",
                  "method", "bidders", "announce_date", "open_date", "stop_date", "agency", "funding", "industry")
BIG_DEAL_WAN = 1000  # deals this large go to local firms half as often
with open(HERE / "market_mix.toml", "rb") as f:
    BY_SECTOR = tomllib.load(f)  # what is drawn by sector, a table per sector (market_mix.toml says what each key is)
SECTORS = {s: v for s, v in BY_SECTOR.items() if isinstance(v, dict)}
with open(HERE.parent / "sectors.csv", encoding="utf-8", newline="") as f:
    FUNDED = {r["sector_code"] for r in csv.DictReader(f) if r["direction"] == "purchase"}  # 资金来源, 招标代理机构
AGENCIES = [f"怀化{a}{b}" for a, b in zip(("市", "鑫诚", "正和", "湘西南", "五溪", "沅水", "恒信", "天正", "中立", "宏达",
                                         "明诚", "公诚", "华信", "建科", "远景"),
                                        ("工程咨询有限公司", "招标代理有限公司") * 8)]


def share(weights: list[int]) -> float:
    """The first's share of weights."""
    return weights[0] / sum(weights)


def credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(CHARSET) for _ in range(9))
    return body + check_character(body)


def pools(rng: random.Random, counties: dict[str, str], cities: dict[str, str], home_name: str, province_name: str,
          years: range) -> dict[str, list[dict]]:
    """Per sector: firms, first the most active; each with its name, code and place, and the first of years it
    can win in (drawn on a stream of its own: names and codes are as they were before firms had one)."""
    entry = random.Random(SEED + 1)
    out, seen = {}, set()
    for sector, mix in SECTORS.items():
        firms, trades = [], mix["demo_firm_words"]
        for i in range(mix["demo_firms"]):
            where = rng.random()
            if where < WINNER_HOME:
                code, place = rng.choice(sorted(counties.items()))
                prefix = home_name[:2]
            elif where < WINNER_PROVINCE:
                code, place = rng.choice(sorted(cities.items()))
                prefix = province_name[:2]
            else:
                code, place = rng.choice(OUTSIDE)
                prefix = place[:2]
            name = ""
            while not name or name in seen:
                name = prefix + "".join(rng.sample(FIRST, 2)) + rng.choice(trades) + rng.choice(SUFFIX)
            seen.add(name)
            since = years[0] if i < 10 or entry.random() < 0.5 else entry.choice(years[1:])
            firms.append({"name": name, "code": credit_code(rng, code), "place": place, "region": code,
                          "local": where < WINNER_HOME, "weight": 1 / (i + 1) ** WINNER_ZIPF, "since": since})
        out[sector] = firms
    return out


def enrich(projects: list[list], regions: list[dict], home: str) -> tuple[list[list], list[list]]:
    """projects (the columns of projects.csv) with COLUMNS added, and the failed trades."""
    rng = random.Random(SEED)
    counties = {r["region_code"]: r["region_name"] for r in regions
                if r["parent_code"] == home and r["level"] == "county"}
    cities = {r["region_code"]: r["region_name"] for r in regions
              if r["level"] == "city" and r["region_code"] != home}
    names = {r["region_code"]: r["region_name"] for r in regions}
    province = next(r["parent_code"] for r in regions if r["region_code"] == home)
    years = sorted({int(p[4][:4]) for p in projects})
    firms = pools(rng, counties, cities, names[home], names[province], range(years[0], years[-1] + 1))
    out, failed = [], []
    for p in projects:
        pid, name, sector, region, deal, reference, amount, _, _, method, _ = p
        day = dt.date.fromisoformat(deal)
        lo, hi = CYCLE.get(method, OTHER_CYCLE)
        announce = day - dt.timedelta(days=rng.randint(lo, hi))
        opened = day - dt.timedelta(days=rng.randint(1, min(OPEN_DAYS, (day - announce).days - 1))) \
            if method != "挂牌" else day
        pool = [f for f in firms[sector] if f["since"] <= day.year]  # one random draw, whatever its size
        big = float(amount) >= BIG_DEAL_WAN  # large deals go more often to firms from outside the city
        weights = [f["weight"] * (0.5 if big and f["local"] else 1) for f in pool]
        firm = rng.choices(pool, weights)[0]
        funded, mix = sector in FUNDED, SECTORS[sector]
        eval_method = (mix["eval_method"][0] if rng.random() < share(mix["demo_eval_method_weights"])
                       else mix["eval_method"][1]) if "eval_method" in mix else ""
        funding = rng.choices(tuple(FUNDING), tuple(FUNDING.values()))[0] if funded else ""
        kind = industry(name)
        agency = rng.choices(AGENCIES, [1 / (i + 1) for i in range(len(AGENCIES))])[0] if funded else ""
        out.append([*p, eval_method, bidders(rng, method, mix.get("demo_more_bidders", 0)), announce.isoformat(), opened.isoformat(),
                    firm["name"], firm["code"], firm["place"], firm["region"], agency, funding, kind])
        if rng.random() < mix["demo_failed_share"]:  # a tender of the same kind that failed, some days before
            stopped = rng.random() < STOPPED_SHARE
            when = day - dt.timedelta(days=rng.randint(*FAILED_DAYS_BEFORE))
            failed.append([f"{pid}-L", name, sector, region, when.isoformat(), "stopped" if stopped else "failed",
                           reference, method, 0 if stopped else rng.choice(FAILED_BIDDERS),
                           (when - dt.timedelta(days=rng.randint(lo, hi))).isoformat(),
                           "" if stopped else when.isoformat(), when.isoformat() if stopped else "",
                           agency, funding, kind])
    return out, failed
