"""What a run of streamlit.testing's AppTest drew with the chart element (tradestats/ui/chart_element.py),
which AppTest knows only as a component with JSON data."""

from __future__ import annotations

import json

from tradestats.ui import chart_element


def drawn(app_test) -> list[dict]:
    """The charts the run drew, in page order: {"figure", "config", "clickable", "scale"}."""
    charts = []
    for element in app_test.get("bidi_component"):
        if element.proto.component_name == chart_element.NAME:
            data = json.loads(element.proto.json)
            charts.append({"figure": json.loads(data["spec"]), "config": data["config"],
                           "clickable": data["clickable"], "scale": data["scale"]})
    return charts
