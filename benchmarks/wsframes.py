"""Streamlit's websocket messages as benchmarks/probe.js recorded them: what each one carries, how big it is,
and when it came, so an interaction can be split into its phases and its bytes."""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass(frozen=True)
class Frame:
    t: float  # ms on the page's clock
    sent: bool
    size: int  # bytes of the message
    kind: str  # the ForwardMsg type, or the element a delta draws (bidi_component for a chart, metric…)
    what: str = ""  # a few words of what it shows: a title, a label


def decode(raw: list[dict]) -> list[Frame]:
    out = []
    for f in raw:
        if f["sent"]:
            out.append(Frame(f["t"], True, f["size"], "rerun request"))
        else:
            out.append(Frame(f["t"], False, f["size"], *describe(ForwardMsg.FromString(base64.b64decode(f["data"])))))
    return out


def describe(msg: ForwardMsg) -> tuple[str, str]:
    kind = msg.WhichOneof("type")
    if kind != "delta":
        return kind or "empty", ""
    delta = msg.delta.WhichOneof("type")
    if delta != "new_element":
        return delta, ""
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "bidi_component":  # our chart element: its figure is in the data's "spec"
        spec = json.loads(json.loads(element.bidi_component.json or "{}").get("spec") or "{}")
        title = spec.get("layout", {}).get("title", {})
        return kind, title.get("text", "") if isinstance(title, dict) else str(title)
    if kind == "metric":
        return kind, element.metric.label
    if kind in ("heading", "markdown"):
        return kind, getattr(element, kind).body[:24]
    return kind, ""


def received(frames: list[Frame]) -> list[Frame]:
    return [f for f in frames if not f.sent]


def phases(frames: list[Frame], start: float, end: float) -> dict[str, float]:
    """ms after the click (or the navigation start) of: the rerun request, the first reply, the end of the
    script run (its last message), the last change to the page."""
    sent = [f.t for f in frames if f.sent]
    got = received(frames)
    first = next((f.t for f in got if not sent or f.t >= sent[0]), float("nan"))
    finished = max((f.t for f in got if f.kind == "script_finished"), default=float("nan"))
    out = {"request sent": sent[0] if sent else float("nan"), "first reply": first, "script finished": finished,
           "page settled": end}
    return {k: v - start for k, v in out.items()}


def by_kind(frames: list[Frame]) -> list[tuple[str, int, int]]:
    """(kind, messages, bytes) of the received messages, most bytes first."""
    count, size = Counter(), Counter()
    for f in received(frames):
        count[f.kind] += 1
        size[f.kind] += f.size
    return [(k, count[k], size[k]) for k, _ in size.most_common()]


def waits(frames: list[Frame], start: float, longer_than: float = 50) -> list[tuple[float, float, Frame, Frame]]:
    """Gaps between consecutive messages from the server: time the script spent between two elements."""
    got = received(frames)
    return [(b.t - start, b.t - a.t, a, b) for a, b in zip(got, got[1:]) if b.t - a.t > longer_than]


def label(f: Frame) -> str:
    return f"{f.kind} {f.what}".strip()
