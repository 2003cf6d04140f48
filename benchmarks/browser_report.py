"""What benchmarks/browser.py prints: min / median / max rows, the ratios, and where the time and the bytes go."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import wsframes


@dataclass
class Sample:
    """One measurement: a filter change or a page load."""

    ms: float  # from the click (or navigation start) to the last change to the page
    start: float
    end: float
    frames: list[wsframes.Frame]
    busy: float = 0  # ms the browser's main thread spent in long tasks (over 50 ms) from start to end
    busy_after: float = 0  # … of them after the script run's last message
    files: list[dict] | None = None  # of a page load: what came over HTTP (the browser's resource timing)


def row(name: str, values: list[float], unit: str = "") -> str:
    return (f"  {name:<46} {min(values):9.1f} {statistics.median(values):9.1f} {max(values):9.1f}{unit}"
            f"   (n={len(values)})")


def ratio(name: str, a: list[Sample], b: list[Sample], target: str) -> str:
    r = statistics.median(x.ms for x in a) / statistics.median(x.ms for x in b)
    return f"  ratio {name:<40} ×{r:.2f}   (target {target})"


def median_sample(samples: list[Sample]) -> Sample:
    return sorted(samples, key=lambda x: x.ms)[(len(samples) - 1) // 2]


def print_phases(samples: list[Sample]) -> None:
    table = [wsframes.phases(x.frames, x.start, x.end) for x in samples]
    for key in table[0]:
        print(row(f"  {key}", [p[key] for p in table], " ms"))
    print(row("  browser busy (long tasks), all of it", [x.busy for x in samples], " ms"))
    print(row("  browser busy, after the script finished", [x.busy_after for x in samples], " ms"))


def print_bytes(name: str, samples: list[Sample]) -> None:
    got = [sum(f.size for f in wsframes.received(x.frames)) for x in samples]
    sent = [sum(f.size for f in x.frames if f.sent) for x in samples]
    count = [len(wsframes.received(x.frames)) for x in samples]
    print(f"  {name:<46} received {statistics.median(got) / 1000:7.1f} kB in {statistics.median(count):.0f} "
          f"messages (min {min(got) / 1000:.1f}, max {max(got) / 1000:.1f}); sent {statistics.median(sent):.0f} B")


def print_where(sample: Sample) -> None:
    print("    received, by what it draws:  " + "; ".join(
        f"{kind} {n}× {size / 1000:.1f} kB" for kind, n, size in wsframes.by_kind(sample.frames)))
    gaps = wsframes.waits(sample.frames, sample.start)
    print(f"    the server's pauses over 50 ms between two messages ({sum(g for _, g, _, _ in gaps):.0f} ms "
          f"of the {sample.ms:.0f} ms):")
    for at, gap, before, after in gaps:
        print(f"      {gap:6.0f} ms  until +{at:5.0f} ms: after «{wsframes.label(before)}» "
              f"before «{wsframes.label(after)}»")


MEMORY = ("streamlit process, peak RSS (VmHWM)", "with its children, sampled peak of RSS summed",
          "with its children, sampled peak of PSS summed")


def print_files(name: str, sample: Sample) -> None:
    files = sorted(sample.files, key=lambda f: -f["bytes"])
    print(f"  {name:<46} {len(files)} files, {sum(f['bytes'] for f in files) / 1e6:.1f} MB; the largest:")
    for f in files[:3]:
        print(f"    {f['name']:<40} {f['bytes'] / 1e6:5.2f} MB  requested +{f['start']:5.0f} ms, "
              f"loaded +{f['end']:5.0f} ms")


def report(cold: tuple, inter: tuple, rows: int) -> None:
    minimal_cold, overview_cold, memory, by_page, minimal_memory = cold
    minimal, new, cached, kit_memory = inter
    ms = lambda xs: [x.ms for x in xs]  # noqa: E731
    print("\n(b) filter change → every metric and chart updated, script run over (ms, in the page)")
    print(f"  {'':<46} {'min':>9} {'median':>9} {'max':>9}")
    print(row("minimal app: one select box", ms(minimal)))
    print(row("overview: a month not chosen before", ms(new)))
    print(row("overview: a month chosen before (cached)", ms(cached)))
    print(ratio("overview / minimal, new month", new, minimal, "overview ≤ 400 ms"))
    print(ratio("overview / minimal, cached month", cached, minimal, "overview ≤ 300 ms"))
    print("  the overview's new-month change, ms after the click:")
    print_phases(new)
    print("  the minimal app's change, ms after the click:")
    print_phases(minimal)
    print("  websocket bytes per interaction (median run):")
    print_bytes("minimal app", minimal)
    print_bytes("overview, new month", new)
    print_bytes("overview, cached month", cached)
    for name, samples in (("new-month", new), ("cached-month", cached)):
        print(f"  the overview's median {name} change ({median_sample(samples).ms:.0f} ms):")
        print_where(median_sample(samples))

    print("\n(c) cold load: new server, fresh browser context, navigation start → page fully drawn (ms)")
    print(row("minimal app", ms(minimal_cold)))
    print(row("overview", ms(overview_cold)))
    print(ratio("overview / minimal, cold load", overview_cold, minimal_cold, "overview ≤ 3 s"))
    print("  the overview's cold load, ms after navigation start:")
    print_phases(overview_cold)
    print_bytes("websocket, minimal app cold load", minimal_cold)
    print_bytes("websocket, overview cold load", overview_cold)
    print_files("HTTP, minimal app cold load", median_sample(minimal_cold))
    print_files("HTTP, overview cold load", median_sample(overview_cold))

    print(f"\n(e) server memory at {rows:,} project rows after every page and a month changed on each (MB)")
    for i, name in enumerate(MEMORY):
        print(row(name, [m[i] for m in memory]))
    print(row("for reference, the minimal app's peak RSS", minimal_memory))
    print("  the streamlit process's peak RSS after each page of the tour, median of the runs: " + ", ".join(
        f"{page} {statistics.median(p[page] for p in by_page):.0f}" for page in by_page[0]))
    print("  target < 300 MB. After the interactions above and a press kit download (one run):")
    for name, value in zip(MEMORY, kit_memory):
        print(f"  {name:<46} {value:9.1f}")


def phone_report(samples: dict[str, list[Sample]]) -> None:
    """手机简报's month changes beside the overview's, taken in turns in the same run."""
    ms = lambda xs: [x.ms for x in xs]  # noqa: E731
    print("\n(b'') month change (a month not chosen before) on 手机简报 beside the overview (ms, in the page)")
    print(f"  {'':<46} {'min':>9} {'median':>9} {'max':>9}")
    print(row("overview (总览)", ms(samples[""])))
    print(row("手机简报 (/m)", ms(samples["m"])))
    print(ratio("手机简报 / overview", samples["m"], samples[""], "≤ ×1.2"))


def market_report(samples: dict[str, list[Sample]]) -> None:
    """The market pages' month changes beside the overview's, taken in turns in the same run."""
    ms = lambda xs: [x.ms for x in xs]  # noqa: E731
    overview = samples[""]
    print("\n(b') month change (a month not chosen before) on the market pages beside the overview (ms, in the page)")
    print(f"  {'':<46} {'min':>9} {'median':>9} {'max':>9}")
    print(row("overview (总览)", ms(overview)))
    for path, name in (("efficiency", "交易效率与竞争"), ("players", "市场主体")):
        print(row(f"{name} (/{path})", ms(samples[path])))
    for path, name in (("efficiency", "交易效率与竞争"), ("players", "市场主体")):
        print(ratio(f"{name} / overview", samples[path], overview, "≤ ×1.5"))
    print("  the overview's change, ms after the click:")
    print_phases(overview)
    for path in ("efficiency", "players"):
        print(f"  /{path}, new-month change, ms after the click:")
        print_phases(samples[path])
        print(f"  /{path}'s median change ({median_sample(samples[path]).ms:.0f} ms):")
        print_where(median_sample(samples[path]))


def against_report(samples: dict[str, list[Sample]], other) -> None:
    ms = lambda xs: [x.ms for x in xs]  # noqa: E731
    print(f"\n(b) month change on the overview, this code against {other}, interleaved (ms, in the page)")
    print(f"  {'':<46} {'min':>9} {'median':>9} {'max':>9}")
    print(row("minimal app: one select box", ms(samples["minimal"])))
    for kind in ("new", "cached"):
        for name in ("this", "other"):
            print(row(f"{name}: a month {'not chosen before' if kind == 'new' else 'chosen before'}",
                      ms(samples[f"{name} {kind}"])))
    for kind in ("new", "cached"):
        for name in ("this", "other"):
            print(ratio(f"{name} / minimal, {kind} month", samples[f"{name} {kind}"], samples["minimal"],
                        "issue 28: ×6.5" if kind == "new" else "issue 28: ×4"))
        print(ratio(f"this / other, {kind} month", samples[f"this {kind}"], samples[f"other {kind}"], "≤ ×1"))
