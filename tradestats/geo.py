"""County boundaries for the map: boundaries/<city code>.geojson of the deployment (written by
`tradestats init --city`, or shipped: data/boundaries/, built by scripts/build_boundaries.py)."""

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
