"""The distributions of synthetic data, defined once: the demo data set (data/demo/generate.py and market.py,
seeded Python) and `tradestats generate` (generate and generate_market, hashes in DuckDB) both draw from them.
Synthetic through and through; the values are the demo set's (data/README.md states them). What is by sector
is data, not code (no sector code is written in the package): sector_mix.csv, project_names.csv, and the
optional fields by sector in demo/market_mix.toml, which the demo's market.py and generate_market both read."""

from __future__ import annotations

import csv
import random
from pathlib import Path

# Relative activity by month: a slow start after the Spring Festival and the December rush to close the year.
SEASON = (0.55, 0.60, 0.85, 0.90, 0.95, 1.00, 1.00, 0.95, 1.05, 1.10, 1.20, 1.75)
LAST_DEAL_DAY = 28  # a deal falls on day 1 to 28 of its month, the same in every month
MIN_DEAL_CENTS = 50  # every trade is worth at least 0.5万元 (in 0.01万元)
DEAL_SIZE_SIGMA = 0.8  # the trades' sizes about their mean: lognormal with this σ
KEY_PROJECTS_OF_SHARE = 0.6  # a sector's share of key-industry trades, of its key-industry share of the amount


def sector_mix(path: Path) -> dict[str, dict[str, float]]:
    """demo/sector_mix.csv by sector, in its order: the share of trades and of the amount, the savings and gains
    rates, the key-industry share of the amount, and the mean deal size of synthetic project lists (万元)."""
    with open(path, encoding="utf-8", newline="") as f:
        return {r["sector_code"]: {k: float(v) for k, v in r.items() if k != "sector_code"} for r in csv.DictReader(f)}


def project_names(path: Path) -> dict[str, list[dict[str, str]]]:
    """demo/project_names.csv by sector: the names of trades, each with its 交易方式; drawn with equal weight."""
    names: dict[str, list[dict[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            names.setdefault(r["sector_code"], []).append(r)
    return names


# 项目类型 by a word of the project's name (the first that matches), else 其他
INDUSTRY = {"道路": "交通", "供水": "水利", "河道": "水利", "学校": "房屋建筑", "安置房": "房屋建筑", "农田": "农业农村",
            "办公设备": "货物", "医疗设备": "货物", "信息化": "货物", "物业": "服务", "公务用车": "货物",
            "房屋租赁": "国有产权", "股权": "国有产权", "闲置资产": "国有产权", "建设用地": "建设用地使用权", "采矿权": "矿业权"}


def industry(name: str) -> str:
    return next((v for k, v in INDUSTRY.items() if k in name), "其他")


# 资金来源 of the purchase sectors' trades, by weight
FUNDING = {"财政资金": 6, "专项债券": 2, "自筹资金": 1, "国有企业自有资金": 1}

# 投标人数 by 交易方式: ("lognormal", μ, σ, at least), ("uniform", low, high),
# ("fixed", n), ("mostly_one", probability of one, else low, high); other methods: OTHER_BIDDERS
BIDDERS = {"公开招标": ("lognormal", 2.0, 0.45, 3),
           "竞争性磋商": ("uniform", 3, 5), "竞争性谈判": ("uniform", 3, 5), "询价": ("uniform", 3, 5),
           "单一来源": ("fixed", 1),
           "挂牌": ("mostly_one", 0.75, 2, 5)}
OTHER_BIDDERS = ("uniform", 2, 8)  # 拍卖, 网络竞价


def bidders(rng: random.Random, method: str, more: int = 0) -> int:
    """more: bidders a lognormal draw adds (the demo's 工程建设 has one more in a 公开招标)."""
    rule = BIDDERS.get(method, OTHER_BIDDERS)
    if rule[0] == "lognormal":
        _, mu, sigma, least = rule
        return max(least, round(rng.lognormvariate(mu, sigma)) + more)
    if rule[0] == "uniform":
        return rng.randint(rule[1], rule[2])
    if rule[0] == "fixed":
        return rule[1]
    return 1 if rng.random() < rule[1] else rng.randint(rule[2], rule[3])  # mostly_one


# 公告 → 成交 in days by 交易方式 (low, high); 开标 1 to OPEN_DAYS days before the deal (挂牌: the deal's day)
CYCLE = {"公开招标": (25, 60), "竞争性磋商": (12, 30), "竞争性谈判": (12, 30), "询价": (6, 14), "单一来源": (5, 12),
         "挂牌": (22, 40), "拍卖": (22, 40), "网络竞价": (20, 35)}
OTHER_CYCLE = (15, 40)
OPEN_DAYS = 7

# Winners: a firm's draw below WINNER_HOME is of the home city's counties, below WINNER_PROVINCE of the province's
# other cities, else of OUTSIDE. Firms are drawn with Zipf-like weights 1 / (rank + 1) ** WINNER_ZIPF.
WINNER_HOME, WINNER_PROVINCE = 0.66, 0.88
WINNER_ZIPF = 0.9
OUTSIDE = (("110105", "北京市朝阳区"), ("420106", "武汉市武昌区"), ("440305", "深圳市南山区"), ("500112", "重庆市渝北区"),
           ("510107", "成都市武侯区"), ("520102", "贵阳市南明区"), ("450103", "南宁市青秀区"))
# a firm's name: the first two characters of its city's name (the home city's, the province's for its other cities,
# its place's outside), two of FIRST, a word of its trade (demo/market_mix.toml's) and a SUFFIX
FIRST = ("华", "湘", "鑫", "盛", "达", "宏", "远", "恒", "兴", "诚", "辰", "沅", "舞", "麓", "新", "合", "泰", "通", "安", "博",
         "锦", "凯", "正", "和", "顺", "源", "雪峰", "五溪", "武陵", "潇湘")
SUFFIX = ("有限公司", "有限责任公司", "集团有限公司")

# 流标/终止 (which share of a sector's tenders fail is the data's: demo/market_mix.toml): the share
# stopped rather than failed, the bidders of a failed one (as often as listed; a stopped one has none), and how many
# days before a completed trade it was
STOPPED_SHARE = 0.2
FAILED_BIDDERS = (0, 1, 1, 2)
FAILED_DAYS_BEFORE = (20, 80)
