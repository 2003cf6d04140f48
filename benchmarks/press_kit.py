"""How long the press kit of a period takes, and what reusing one Chromium saves.

    .venv/bin/python benchmarks/press_kit.py [--runs 3]

Prints min / median / max over the runs of: one chart image through the reused Chromium (the baseline),
the same image with a Chromium started for it (kaleido's default), and the whole kit (18 images, the
workbook, the CSVs, the Word briefing), each as a ratio to the baseline. Uses a demo database built in a
temporary folder."""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import tempfile
import time
from pathlib import Path

import kaleido

from tradestats import config
from tradestats.deploy import deployment
from tradestats.documents import press_kit, render
from tradestats.domain.periods import Period
from tradestats.store import db, queries


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def line(name: str, times: list[float], base: float) -> str:
    return (f"{name:<34} min {min(times):6.2f} s  median {statistics.median(times):6.2f} s  "
            f"max {max(times):6.2f} s  ×{statistics.median(times) / base:6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        deployment.build(path, config.DATA_DIR)
        q = functools.partial(queries.run, db.connect(path))
        kit = press_kit.make_kit(q, Period(2024), None)
        fig = press_kit.standard_charts(q, kit)[0][1]
        render.image(fig, "png")  # start the shared Chromium outside the timings
        base = timed(lambda: render.image(fig, "png"), runs)
        fresh = timed(lambda: asyncio.run(kaleido.calc_fig(
            render.for_print(fig), {"format": "png", "scale": render.SCALE}, kopts={"mathjax": False})), runs)
        whole = timed(lambda: press_kit.build(q, Period(2024)), runs)
        render.close()
    b = statistics.median(base)
    print(line("one PNG, shared Chromium (baseline)", base, b))
    print(line("one PNG, a Chromium started for it", fresh, b))
    print(line("whole press kit (18 images + files)", whole, b))


if __name__ == "__main__":
    main()
