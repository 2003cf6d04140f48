"""The demo project list's optional fields (issue 17) and its failed trades — synthetic through and through.

Each completed project gets, on a random stream of its own (so the cells and the projects' published columns
stay as they were): 评标办法, 投标人数, 公告发布日期 and 开标日期 before its 成交日期, a winner (中标人/受让人)
with a valid 统一社会信用代码 and 所在地区, 招标代理机构 (purchase sectors), 资金来源 and 项目类型. Failed or
stopped trades (流标/终止) are added beside them, a few per cell; they change no 宗数 and no 交易额.

The distributions (stated in data/README.md): bidders by method (公开招标 about 8, 竞争性磋商/谈判 and 询价 3–5,
挂牌 mostly 1, 拍卖 2–8); 公告 to 成交 by method (公开招标 25–60 days, 磋商 12–30, 询价 6–14, 挂牌 and 拍卖 22–40);
winners drawn from pools per sector with Zipf-like weights, about two in three of the home city, larger deals more
often to firms from 长沙 or outside the province; firms enter the market over the years (the ten most active
and about half of the rest are there from the first year, the others come in one of the later years), so every
year has new winners beside returning ones; 流标/终止 at 4–12 % of a sector's tenders."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a checkout
from tradestats.ingest.project_fields import CHARSET, check_character  # noqa: E402

SEED = 20241231 + 17
COLUMNS = ("eval_method", "bidders", "announce_date", "open_date", "winner", "winner_credit_code", "winner_region",
           "winner_region_code", "agency", "funding", "industry")
FAILED_COLUMNS = ("project_id", "project_name", "sector_code", "region_code", "failed_date", "outcome", "reference_wan",
                  "method", "bidders", "announce_date", "open_date", "stop_date", "agency", "funding", "industry")
FAILED_SHARE = {"engineering": 0.05, "procurement": 0.09, "property_rights": 0.12, "natural_resources": 0.08}
# 公告 → 成交 in days, and bidders, by method
CYCLE = {"公开招标": (25, 60), "竞争性磋商": (12, 30), "竞争性谈判": (12, 30), "询价": (6, 14), "单一来源": (5, 12),
         "挂牌": (22, 40), "拍卖": (22, 40), "网络竞价": (20, 35)}
INDUSTRY = {"道路": "交通", "供水": "水利", "河道": "水利", "学校": "房屋建筑", "安置房": "房屋建筑", "农田": "农业农村",
            "办公设备": "货物", "医疗设备": "货物", "信息化": "货物", "物业": "服务", "公务用车": "货物",
            "房屋租赁": "国有产权", "股权": "国有产权", "闲置资产": "国有产权", "建设用地": "建设用地使用权", "采矿权": "矿业权"}
OUTSIDE = (("110105", "北京市朝阳区"), ("420106", "武汉市武昌区"), ("440305", "深圳市南山区"), ("500112", "重庆市渝北区"),
           ("510107", "成都市武侯区"), ("520102", "贵阳市南明区"), ("450103", "南宁市青秀区"))
FIRST = ("华", "湘", "鑫", "盛", "达", "宏", "远", "恒", "兴", "诚", "辰", "沅", "舞", "麓", "新", "合", "泰", "通", "安", "博",
         "锦", "凯", "正", "和", "顺", "源", "雪峰", "五溪", "武陵", "潇湘")
TRADE = {"engineering": ("建设", "建工", "路桥", "水利水电", "市政", "园林绿化", "建筑"),
         "procurement": ("科技", "信息技术", "医疗器械", "办公设备", "物业管理", "汽车销售", "商贸"),
         "property_rights": ("实业", "商贸", "投资", "物流", "酒店管理"),
         "natural_resources": ("置业", "房地产开发", "矿业", "建材", "城市建设投资")}


def credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(CHARSET) for _ in range(9))
    return body + check_character(body)


def pools(rng: random.Random, counties: dict[str, str], cities: dict[str, str], years: range) -> dict[str, list[dict]]:
    """Per sector: firms, first the most active; each with its name, code and place, and the first of years it
    can win in (drawn on a stream of its own: names and codes are as they were before firms had one)."""
    entry = random.Random(SEED + 1)
    out, seen = {}, set()
    for sector, trades in TRADE.items():
        firms = []
        for i in range(60 if sector in ("engineering", "procurement") else 30):
            where = rng.random()
            if where < 0.66:
                code, place = rng.choice(sorted(counties.items()))
                prefix = "怀化"
            elif where < 0.88:
                code, place = rng.choice(sorted(cities.items()))
                prefix = "湖南"
            else:
                code, place = rng.choice(OUTSIDE)
                prefix = place[:2]
            name = ""
            while not name or name in seen:
                name = prefix + "".join(rng.sample(FIRST, 2)) + rng.choice(trades) + \
                    rng.choice(("有限公司", "有限责任公司", "集团有限公司"))
            seen.add(name)
            since = years[0] if i < 10 or entry.random() < 0.5 else entry.choice(years[1:])
            firms.append({"name": name, "code": credit_code(rng, code), "place": place, "region": code,
                          "local": where < 0.66, "weight": 1 / (i + 1) ** 0.9, "since": since})
        out[sector] = firms
    return out


def bidders(rng: random.Random, method: str, sector: str) -> int:
    if method == "公开招标":
        return max(3, round(rng.lognormvariate(2.0, 0.45)) + (1 if sector == "engineering" else 0))
    if method in ("竞争性磋商", "竞争性谈判", "询价"):
        return rng.randint(3, 5)
    if method == "单一来源":
        return 1
    if method == "挂牌":
        return 1 if rng.random() < 0.75 else rng.randint(2, 5)
    return rng.randint(2, 8)  # 拍卖, 网络竞价


def enrich(projects: list[list], regions: list[dict], home: str) -> tuple[list[list], list[list]]:
    """projects (the columns of projects.csv) with COLUMNS added, and the failed trades."""
    rng = random.Random(SEED)
    counties = {r["region_code"]: r["region_name"] for r in regions
                if r["parent_code"] == home and r["level"] == "county"}
    cities = {r["region_code"]: r["region_name"] for r in regions
              if r["level"] == "city" and r["region_code"] != home}
    years = sorted({int(p[4][:4]) for p in projects})
    firms = pools(rng, counties, cities, range(years[0], years[-1] + 1))
    agencies = [f"怀化{a}{b}" for a, b in zip(("市", "鑫诚", "正和", "湘西南", "五溪", "沅水", "恒信", "天正", "中立", "宏达",
                                              "明诚", "公诚", "华信", "建科", "远景"),
                                             ("工程咨询有限公司", "招标代理有限公司") * 8)]
    out, failed = [], []
    for p in projects:
        pid, name, sector, region, deal, reference, amount, _, _, method, _ = p
        day = dt.date.fromisoformat(deal)
        lo, hi = CYCLE.get(method, (15, 40))
        announce = day - dt.timedelta(days=rng.randint(lo, hi))
        opened = day - dt.timedelta(days=rng.randint(1, min(7, (day - announce).days - 1))) if method != "挂牌" else day
        pool = [f for f in firms[sector] if f["since"] <= day.year]  # one random draw, whatever its size
        big = float(amount) >= 1000  # large deals go more often to firms from outside the city
        weights = [f["weight"] * (0.5 if big and f["local"] else 1) for f in pool]
        firm = rng.choices(pool, weights)[0]
        purchase = sector in ("engineering", "procurement")
        eval_method = (("综合评估法" if rng.random() < 0.6 else "经评审的最低投标价法") if sector == "engineering" else
                       ("综合评分法" if rng.random() < 0.75 else "最低评标价法") if sector == "procurement" else "")
        funding = rng.choices(("财政资金", "专项债券", "自筹资金", "国有企业自有资金"), (6, 2, 1, 1))[0] if purchase else ""
        industry = next((v for k, v in INDUSTRY.items() if k in name), "其他")
        agency = rng.choices(agencies, [1 / (i + 1) for i in range(len(agencies))])[0] if purchase else ""
        out.append([*p, eval_method, bidders(rng, method, sector), announce.isoformat(), opened.isoformat(),
                    firm["name"], firm["code"], firm["place"], firm["region"], agency, funding, industry])
        if rng.random() < FAILED_SHARE[sector]:  # a tender of the same kind that failed, some days before
            stopped = rng.random() < 0.2
            when = day - dt.timedelta(days=rng.randint(20, 80))
            failed.append([f"{pid}-L", name, sector, region, when.isoformat(), "stopped" if stopped else "failed",
                           reference, method, 0 if stopped else rng.choice((0, 1, 1, 2)),
                           (when - dt.timedelta(days=rng.randint(lo, hi))).isoformat(),
                           "" if stopped else when.isoformat(), when.isoformat() if stopped else "",
                           agency, funding, industry])
    return out, failed
