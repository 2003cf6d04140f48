"""County boundaries for the map: boundaries/<city code>.geojson of the deployment (written by
`tradestats init --city`, or shipped: data/boundaries/, built by scripts/build_boundaries.py), and the
simplification both writers apply to the source polygons."""

from __future__ import annotations

import functools
import json

from tradestats import config


def boundaries(city: str) -> dict | None:
    """The city's county polygons as a GeoJSON FeatureCollection, or None when there are none."""
    file = config.find(f"boundaries/{city}.geojson")
    if not file.exists():
        return None
    return _read(str(file), file.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read(file: str, mtime_ns: int) -> dict:
    with open(file, encoding="utf-8") as f:
        return json.load(f)


# -- simplified polygons for a deployment (tradestats init --city, scripts/build_boundaries.py) ----------

# Degrees (~300 m): coarse enough to keep the file small, fine enough that counties stay recognisable.
TOLERANCE = 0.003
DECIMALS = 4  # ~10 m, far below the tolerance


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


def simplify(geometry: dict) -> list:
    """A Polygon's or MultiPolygon's simplified polygons; a polygon goes when its outer ring collapses, a
    hole when it does."""
    source = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    polygons = []
    for outer, *holes in source:
        rings = [simplify_ring(r) for r in [outer, *holes]]
        if rings[0] is not None:
            polygons.append([r for r in rings if r is not None])
    return polygons


def count_points(multipolygon: list) -> int:
    return sum(len(ring) for polygon in multipolygon for ring in polygon)


def feature(code: str, name: str, short_name: str, polygons: list) -> dict:
    return {"type": "Feature", "id": code, "properties": {"region_code": code, "name": name, "short_name": short_name},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


def collection_text(features: list[dict], attribution: str) -> str:
    """The file: one line of compact JSON, features in the order given (by code), the credit beside them."""
    collection = {"type": "FeatureCollection", "attribution": attribution, "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
