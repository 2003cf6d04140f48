"""Generate the demo data set: data/demo/trade_monthly.csv (one row per month × region × sector).

The home city's yearly sector totals come from home_targets.csv, which reproduces the figures the center
published (published_figures.csv); the 2023 natural-resources amount is left blank there and derived so
that the published growth rate of the total holds. Everything finer — months, counties, the other cities
of the province — is synthetic: spread by seeded random weights, deterministic, and checked against the
published figures before the file is written.

The years before the report (EARLIER, 2020–2022) are synthetic through and through — their yearly totals in
home_targets.csv and city_totals.csv are made up — and give the year-end estimate a monthly profile. They
are drawn from random streams of their own, after the published years, so the 2023 and 2024 rows (and
their projects) are the same as without them.

The distributions (the season, the sector mix, deal sizes, the optional fields' in market.py) are the ones
`tradestats generate` draws from too: tradestats/demo/distributions.py, and what is drawn by sector
market_mix.toml.

Run:  python data/demo/generate.py [OUT]   (default: rewrites data/demo/trade_monthly.csv)
"""

from __future__ import annotations

import csv
import random
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import market  # noqa: E402  (beside this script; it puts the checkout on the path)
from tradestats.demo.distributions import (  # noqa: E402
    DEAL_SIZE_SIGMA, KEY_PROJECTS_OF_SHARE, LAST_DEAL_DAY, MIN_DEAL_CENTS, SEASON, project_names, sector_mix)

DATA = HERE.parent
OUT = HERE / "trade_monthly.csv"
PROJECTS_OUT = HERE / "projects.csv"
SEED = 20241231
YEARS = (2023, 2024)  # the report's year and the year its growth rates are of
EARLIER = (2020, 2021, 2022)  # synthetic years before them, for the year-end estimate's profile
MONTHS = range(1, 13)
MONEY_FIELDS = ("amount_wan", "savings_wan", "premium_wan", "key_amount_wan")
FIELDS = ("year", "month", "region_code", "sector_code", "projects", "amount_wan", "reference_wan",
          "savings_wan", "premium_wan", "key_projects", "key_amount_wan")


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cents(text: str) -> int:
    """万元 with two decimals as an integer count of 0.01万元, so that every split adds up exactly."""
    return int((Decimal(text or "0") * 100).to_integral_value())


def wan(x: int) -> str:
    return f"{x // 100}.{x % 100:02d}"


def allocate(total: int, weights: list[float], caps: list[int] | None = None,
             floors: list[int] | None = None) -> list[int]:
    """Split an integer total into integers proportional to weights, within [floor, cap], by largest remainder."""
    n = len(weights)
    caps = caps or [total] * n
    out = list(floors or [0] * n)
    left = total - sum(out)
    if left < 0 or sum(caps) < total:
        raise ValueError(f"cannot allocate {total} within the given floors and caps")
    while left > 0:
        open_ = [i for i in range(n) if weights[i] > 0 and out[i] < caps[i]]
        if not open_:
            raise ValueError(f"no room left to allocate {left}")
        wsum = sum(weights[i] for i in open_)
        share = {i: left * weights[i] / wsum for i in open_}
        over = [i for i in open_ if share[i] >= caps[i] - out[i]]
        if over:
            for i in over:
                left -= caps[i] - out[i]
                out[i] = caps[i]
            continue
        for i in open_:
            whole = int(share[i])
            out[i] += whole
            left -= whole
        for i in sorted(open_, key=lambda i: share[i] - int(share[i]), reverse=True)[:left]:
            out[i] += 1
        left = 0
    return out


def split_year(rng: random.Random, target: dict[str, int], cells: list[tuple[int, str]],
               cell_weight: dict[tuple[int, str], float], direction: str) -> list[dict[str, int]]:
    """Spread one (year, sector) total over month × region cells, keeping every identity exact."""
    n = len(cells)
    w = [cell_weight[c] * rng.uniform(0.6, 1.4) for c in cells]
    projects = allocate(target["projects"], w)
    has = [p > 0 for p in projects]
    # Deal sizes vary from cell to cell; every cell with a trade gets a floor of 0.5万元 a project.
    size = [p * rng.lognormvariate(0, 0.5) for p in projects]
    floor = [MIN_DEAL_CENTS * p for p in projects]
    amount = allocate(target["amount_wan"], size, floors=floor)
    rate = [a * rng.uniform(0.7, 1.3) for a in amount]
    savings = allocate(target["savings_wan"], rate) if direction == "purchase" else [0] * n
    premium = allocate(target["premium_wan"], rate) if direction == "sale" else [0] * n
    key_w = [p * rng.uniform(0.5, 1.5) for p in projects]
    key_projects = allocate(target["key_projects"], key_w, caps=projects)
    key_size = [a * k / p * 1.6 if k else 0 for a, k, p in zip(amount, key_projects, projects)]
    # A cell whose trades are all key-industry ones has all its amount there.
    key_floor = [a if k and k == p else min(a, MIN_DEAL_CENTS * k) for a, k, p in zip(amount, key_projects, projects)]
    # Leave every project outside the key industries at least 0.5万元 of the cell's amount.
    key_cap = [a - MIN_DEAL_CENTS * (p - k) for a, p, k in zip(amount, projects, key_projects)]
    key_amount = allocate(target["key_amount_wan"], key_size, caps=key_cap, floors=key_floor)
    assert all(h or a == 0 for h, a in zip(has, amount))
    return [dict(projects=projects[i], amount_wan=amount[i], savings_wan=savings[i],
                 premium_wan=premium[i], key_projects=key_projects[i], key_amount_wan=key_amount[i])
            for i in range(n)]


def home_targets(published: dict[str, Decimal]) -> dict[tuple[int, str], dict[str, int]]:
    targets = {}
    for row in read_csv("demo/home_targets.csv"):
        targets[int(row["year"]), row["sector_code"]] = {
            "projects": int(row["projects"]),
            "key_projects": int(row["key_projects"]),
            **{k: cents(row[k]) if row[k] else None for k in MONEY_FIELDS},
        }
    # The one blank: the 2023 amount that makes the published growth of the total come out.
    blank = [k for k, t in targets.items() if t["amount_wan"] is None]
    assert len(blank) == 1 and blank[0][0] == 2023, blank
    total_2024 = sum(t["amount_wan"] for (y, _), t in targets.items() if y == 2024)
    base_2023 = round(total_2024 / (1 + published["amount_yoy_pct"] / 100))
    targets[blank[0]]["amount_wan"] = base_2023 - sum(
        t["amount_wan"] or 0 for (y, _), t in targets.items() if y == 2023)
    return targets


def yoy(cur: int, prev: int) -> Decimal:
    return round(Decimal(100) * (cur - prev) / prev, 2)


def check_published(targets: dict[tuple[int, str], dict[str, int]], published: dict[str, Decimal]) -> None:
    def total(year: int, field: str, sector: str | None = None) -> int:
        return sum(t[field] for (y, s), t in targets.items() if y == year and sector in (None, s))

    yi = Decimal("1000000")  # 0.01万元 per 亿元
    got = {
        "projects": total(2024, "projects"),
        "projects_yoy_pct": yoy(total(2024, "projects"), total(2023, "projects")),
        "amount": round(total(2024, "amount_wan") / yi, 2),
        "amount_yoy_pct": yoy(total(2024, "amount_wan"), total(2023, "amount_wan")),
        "premium": Decimal(total(2024, "premium_wan")) / 100,
        "savings": round(total(2024, "savings_wan") / yi, 2),
        "key_projects": total(2024, "key_projects"),
        "key_amount": round(total(2024, "key_amount_wan") / yi, 2),
    }
    for sector in ("engineering", "natural_resources"):
        cur, prev = total(2024, "projects", sector), total(2023, "projects", sector)
        got[f"{sector}_projects"] = cur
        got[f"{sector}_projects_yoy_pct"] = yoy(cur, prev)
    for key, value in got.items():
        if Decimal(value) != published[key]:
            sys.exit(f"published figure {key}: targets give {value}, the report says {published[key]}")


def split_projects(rng: random.Random, year: int, month: int, region: str, short: str, sector: str,
                   v: dict[str, int], names: list[dict]) -> list[list]:
    """The projects of one home-city cell: they add up exactly to the cell (count, amount, reference,
    savings or gains, key-industry count and amount), so the cell is their roll-up."""
    n, k = v["projects"], v["key_projects"]
    if n == 0:
        return []
    weights = [rng.lognormvariate(0, DEAL_SIZE_SIGMA) for _ in range(n)]
    key_amounts = allocate(v["key_amount_wan"], weights[:k], floors=[v["key_amount_wan"] // (2 * k)] * k) if k else []
    rest = v["amount_wan"] - v["key_amount_wan"]
    other = allocate(rest, weights[k:], floors=[MIN_DEAL_CENTS] * (n - k)) if n > k else []
    amounts = key_amounts + other
    savings = allocate(v["savings_wan"], [a + 1 for a in amounts])
    premium = allocate(v["premium_wan"], [a + 1 for a in amounts])
    rows = []
    tag = "".join(word[0] for word in sector.split("_")).upper()  # E, P, PR, NR: unique per sector
    for i in range(n):
        pick = names[rng.randrange(len(names))]
        day = rng.randint(1, LAST_DEAL_DAY)
        reference = amounts[i] + savings[i] - premium[i]
        rows.append([f"{region}-{year}{month:02d}-{tag}{i + 1:03d}", f"{short}{pick['name']}",
                     sector, region, f"{year}-{month:02d}-{day:02d}", wan(reference), wan(amounts[i]),
                     wan(savings[i]), wan(premium[i]), pick["method"], "是" if i < k else "否"])
    return rows


def main(out_path: Path = OUT) -> None:
    rng = random.Random(SEED)
    settings = tomllib.loads((DATA / "settings.toml").read_text(encoding="utf-8"))
    home, province = settings["home_region"], settings["province_region"]
    published = {r["figure"]: Decimal(r["value"]) for r in read_csv("demo/published_figures.csv")}
    sectors = {r["sector_code"]: r for r in read_csv("sectors.csv")}
    mix = sector_mix(DATA / "demo/sector_mix.csv")
    counties = {r["region_code"]: float(r["weight"]) for r in read_csv("demo/county_weights.csv")}
    regions = read_csv("regions.csv")
    assert set(counties) == {r["region_code"] for r in regions if r["parent_code"] == home}, \
        "county_weights.csv must list every region under the home city"
    targets = home_targets(published)
    check_published(targets, published)

    rows = []
    projects = []
    short = {r["region_code"]: r["region_name"] for r in regions}
    names = project_names(DATA / "demo/project_names.csv")
    cities = read_csv("demo/city_totals.csv")

    def one_year(rng: random.Random, project_rng: random.Random, year: int) -> None:
        season = [s * rng.uniform(0.9, 1.1) for s in SEASON]
        cells = [(m, r) for m in MONTHS for r in counties]
        weight = {(m, r): season[m - 1] * counties[r] for m, r in cells}
        for sector in mix:
            split = split_year(rng, targets[year, sector], cells, weight, sectors[sector]["direction"])
            rows.extend((year, m, r, sector, v) for (m, r), v in zip(cells, split))
            for (m, r), v in zip(cells, split):
                projects.extend(split_projects(project_rng, year, m, r, short[r], sector, v, names[sector]))

        for city in cities:
            if int(city["year"]) != year or city["region_code"] == home:
                continue
            assert any(r["region_code"] == city["region_code"] and r["parent_code"] == province
                       for r in regions), city
            amount = cents(city["amount_yi"]) * 10000
            sector_projects = allocate(int(city["projects"]), [m["project_share"] for m in mix.values()])
            sector_amount = allocate(amount, [m["amount_share"] for m in mix.values()])
            cells = [(m, city["region_code"]) for m in MONTHS]
            weight = {c: season[c[0] - 1] for c in cells}
            for (sector, m), p, a in zip(mix.items(), sector_projects, sector_amount):
                target = {"projects": p, "amount_wan": a,
                          "savings_wan": round(a * m["savings_rate"]), "premium_wan": round(a * m["premium_rate"]),
                          "key_projects": round(p * m["key_share"] * KEY_PROJECTS_OF_SHARE), "key_amount_wan": round(a * m["key_share"])}
                split = split_year(rng, target, cells, weight, sectors[sector]["direction"])
                rows.extend((year, mm, r, sector, v) for (mm, r), v in zip(cells, split))

    project_rng = random.Random(SEED + 1)  # its own stream: the cells do not depend on the projects
    for year in YEARS:
        one_year(rng, project_rng, year)
    # The synthetic earlier years last, on streams of their own: the published years' rows stay as they were.
    earlier_rng, earlier_project_rng = random.Random(SEED + 2), random.Random(SEED + 3)
    for year in EARLIER:
        one_year(earlier_rng, earlier_project_rng, year)

    with open(out_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(FIELDS)
        for year, month, region, sector, v in sorted(rows, key=lambda r: r[:4]):
            reference = v["amount_wan"] + v["savings_wan"] - v["premium_wan"]
            money = [v["amount_wan"], reference, v["savings_wan"], v["premium_wan"]]
            out.writerow([year, month, region, sector, v["projects"], *(wan(x) for x in money),
                          v["key_projects"], wan(v['key_amount_wan'])])
    projects_path = out_path.with_name(PROJECTS_OUT.name)
    # The trades' optional fields and the failed trades (data/demo/market.py), on a stream of their own.
    projects, failed = market.enrich(sorted(projects, key=lambda p: (p[4], p[0])), regions, home)
    with open(projects_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["project_id", "project_name", "sector_code", "region_code", "deal_date", "reference_wan",
                      "amount_wan", "savings_wan", "premium_wan", "method", "is_key_industry", *market.COLUMNS])
        out.writerows(projects)
    with open(out_path.with_name("failed_tenders.csv"), "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(market.FAILED_COLUMNS)
        out.writerows(sorted(failed, key=lambda p: (p[4], p[0])))
    print(f"wrote {len(rows)} cells to {out_path} and {len(projects)} projects to {projects_path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
