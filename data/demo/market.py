"""The demo project list's optional fields (issue 17) and its failed trades — synthetic through and through.

Each completed project gets, on a random stream of its own (so the cells and the projects' published columns
stay as they were): 评标办法, 投标人数, 公告发布日期 and 开标日期 before its 成交日期, a winner (中标人/受让人)
with a valid 统一社会信用代码 and 所在地区, 招标代理机构 (purchase sectors), 资金来源 and 项目类型. Failed or
stopped trades (流标/终止) are added beside them, a few per cell; they change no 宗数 and no 交易额.

The distributions that are not by sector are the ones `tradestats generate` draws from too
(tradestats/demo/distributions.py; stated in data/README.md); what is the demo's own here is what is by sector
(the package writes no sector code), its scale (firms per sector, its agencies) and its random streams."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a checkout
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
# By sector (the package writes no sector code; tradestats generate has these in demo/market_mix.toml):
# 评标办法, the first with this probability, else the second; the sectors with 资金来源 and 招标代理机构; the sector
# whose 公开招标 has one bidder more; the words of its firms' names; the share of its tenders that fail (流标/终止).
EVAL_METHOD = {"engineering": ("综合评估法", 0.6, "经评审的最低投标价法"),
               "procurement": ("综合评分法", 0.75, "最低评标价法")}
FUNDED = ("engineering", "procurement")
MORE_BIDDERS = "engineering"
TRADE = {"engineering": ("建设", "建工", "路桥", "水利水电", "市政", "园林绿化", "建筑"),
         "procurement": ("科技", "信息技术", "医疗器械", "办公设备", "物业管理", "汽车销售", "商贸"),
         "property_rights": ("实业", "商贸", "投资", "物流", "酒店管理"),
         "natural_resources": ("置业", "房地产开发", "矿业", "建材", "城市建设投资")}
FAILED_SHARE = {"engineering": 0.05, "procurement": 0.09, "property_rights": 0.12, "natural_resources": 0.08}
AGENCIES = [f"怀化{a}{b}" for a, b in zip(("市", "鑫诚", "正和", "湘西南", "五溪", "沅水", "恒信", "天正", "中立", "宏达",
                                         "明诚", "公诚", "华信", "建科", "远景"),
                                        ("工程咨询有限公司", "招标代理有限公司") * 8)]


def credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(CHARSET) for _ in range(9))
    return body + check_character(body)


def pools(rng: random.Random, counties: dict[str, str], cities: dict[str, str], home_name: str, province_name: str,
          years: range) -> dict[str, list[dict]]:
    """Per sector: firms, first the most active; each with its name, code and place, and the first of years it
    can win in (drawn on a stream of its own: names and codes are as they were before firms had one)."""
    entry = random.Random(SEED + 1)
    out, seen = {}, set()
    for sector, trades in TRADE.items():
        firms = []
        for i in range(60 if sector in ("engineering", "procurement") else 30):
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
        funded = sector in FUNDED
        first, share, second = EVAL_METHOD.get(sector, ("", 0, ""))
        eval_method = (first if rng.random() < share else second) if sector in EVAL_METHOD else ""
        funding = rng.choices(tuple(FUNDING), tuple(FUNDING.values()))[0] if funded else ""
        kind = industry(name)
        agency = rng.choices(AGENCIES, [1 / (i + 1) for i in range(len(AGENCIES))])[0] if funded else ""
        out.append([*p, eval_method, bidders(rng, method, 1 if sector == MORE_BIDDERS else 0), announce.isoformat(), opened.isoformat(),
                    firm["name"], firm["code"], firm["place"], firm["region"], agency, funding, kind])
        if rng.random() < FAILED_SHARE[sector]:  # a tender of the same kind that failed, some days before
            stopped = rng.random() < STOPPED_SHARE
            when = day - dt.timedelta(days=rng.randint(*FAILED_DAYS_BEFORE))
            failed.append([f"{pid}-L", name, sector, region, when.isoformat(), "stopped" if stopped else "failed",
                           reference, method, 0 if stopped else rng.choice(FAILED_BIDDERS),
                           (when - dt.timedelta(days=rng.randint(lo, hi))).isoformat(),
                           "" if stopped else when.isoformat(), when.isoformat() if stopped else "",
                           agency, funding, kind])
    return out, failed
