"""County boundaries for the map: data/boundaries/<city code>.geojson (built by scripts/build_boundaries.py)."""

from __future__ import annotations

import functools
import json

from tradestats.config import DATA_DIR


@functools.cache
def boundaries(city: str) -> dict | None:
    """The city's county polygons as a GeoJSON FeatureCollection, or None when none are shipped."""
    file = DATA_DIR / "boundaries" / f"{city}.geojson"
    if not file.exists():
        return None
    return json.loads(file.read_text(encoding="utf-8"))
