"""Many readers at once, measured at the server: N sessions over Streamlit's own websocket protocol (the
protobuf messages of streamlit.proto, no browser per session), each changing the month, and every other
time the region, every few seconds as a reader of 总览 does.

    .venv/bin/python benchmarks/load.py --sessions 30 [--db PATH | --projects 10000000] [--every 10]
                                        [--duration 120] [--url http://host:port]

A session opens the overview (its first run: the page drawn), then each `--every` seconds (±30 %, so that
the sessions do not click in step) picks another month, or another region, from the sidebar's own options
and sends the rerun a browser would send. An interaction's server time runs from that request to the
script_finished message of the run it asked for (loopback: the network adds nothing worth counting);
p50/p95/p99 over all sessions' interactions after each has opened its page. Errors: an exception drawn by the
page, a run that did not finish within 60 s, a dropped connection. The server (its process and children,
from /proc): peak RSS, RSS at the end, and its CPU seconds per second of the run; this script's own CPU
too, since on one machine the sessions' client takes its share. Without --url a server is started on the
database (--db, else --projects rows generated in a temporary folder) and stopped afterwards."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import procmem
import websockets
from browser import helpers
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tradestats import config
from tradestats.demo import generate

MONTH_LABELS = ("月份", "截至月份", "季度")
REGION_LABEL = "地区"
RUN_TIMEOUT_S = 60
EARLY = 2  # ScriptFinishedStatus FINISHED_EARLY_FOR_RERUN: another run of the same request follows


@dataclass
class Widget:
    id: str
    options: list[str]
    value: str


@dataclass
class Tally:
    times_ms: list[float] = field(default_factory=list)
    received: list[int] = field(default_factory=list)  # bytes an interaction's run sent back
    errors: list[str] = field(default_factory=list)
    opened: int = 0


class Session:
    """One reader: a websocket to the server and the sidebar's month and region widgets as its runs draw them."""

    def __init__(self, url: str, query: str, tally: Tally, rng: random.Random):
        self.ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.query, self.tally, self.rng = query, tally, rng
        self.widgets: dict[str, Widget] = {}  # the sidebar's select boxes and radios, by label
        self.page_hash = ""

    async def run(self, every: float, until: float) -> None:
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=RUN_TIMEOUT_S, ping_interval=None) as ws:
                await self.rerun(ws, [])
                self.tally.opened += 1
                turn = 0
                while time.monotonic() < until:
                    await asyncio.sleep(every * self.rng.uniform(0.7, 1.3))
                    if time.monotonic() >= until:
                        break
                    started = time.perf_counter()
                    if await self.rerun(ws, self.change(turn)):
                        self.tally.times_ms.append((time.perf_counter() - started) * 1000)
                    turn += 1
        except (OSError, websockets.WebSocketException, asyncio.TimeoutError) as e:
            self.tally.errors.append(f"connection: {type(e).__name__}: {e}")

    def change(self, turn: int) -> list[WidgetState]:
        """Another month; every other time another region as well. As a browser does, the values of all the
        widgets it knows are sent (a widget left out is taken as gone, and its value with it)."""
        labels = [next((label for label in MONTH_LABELS if label in self.widgets), None)]
        if turn % 2:
            labels.append(REGION_LABEL)
        for label in labels:
            widget = self.widgets.get(label) if label else None
            if widget is not None and len(widget.options) > 1:
                widget.value = self.rng.choice([o for o in widget.options if o != widget.value])
        return [WidgetState(id=w.id, string_value=w.value) for w in self.widgets.values()]

    async def rerun(self, ws, states: list[WidgetState]) -> bool:
        """Ask for a run with these widget values; wait for it to finish. Whether it did, without an error."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(states)
        await ws.send(msg.SerializeToString())
        ok, size = True, 0
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            try:
                raw = await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                self.tally.errors.append(f"no script_finished within {RUN_TIMEOUT_S} s")
                return False
            if isinstance(raw, str):
                continue
            size += len(raw)
            fwd = ForwardMsg.FromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "delta":
                ok &= self.seen(fwd)
            elif kind == "script_finished" and fwd.script_finished != EARLY:
                if states:
                    self.tally.received.append(size)
                return ok

    def seen(self, fwd: ForwardMsg) -> bool:
        """Note the month and region widgets; False for an exception drawn by the page."""
        if fwd.delta.WhichOneof("type") != "new_element":
            return True
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.tally.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
            return False
        if kind in ("selectbox", "radio"):
            box = getattr(element, kind)
            if box.HasField("raw_value"):
                value = box.raw_value
            else:
                old = self.widgets.get(box.label)
                index = box.default if box.HasField("default") else 0
                value = old.value if old and old.id == box.id else box.options[index] if box.options else ""
            self.widgets[box.label] = Widget(box.id, list(box.options), value)
        return True


class ServerUse:
    """The server's tree, sampled while in a with block: peak RSS, and its CPU seconds."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = procmem.TreePeak(pid, every=0.5)

    def cpu_s(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for p in procmem.tree(self.pid):
            try:
                fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            except (OSError, IndexError):
                pass
        return total

    def __enter__(self) -> ServerUse:
        self.cpu0, self.t0 = self.cpu_s(), time.monotonic()
        self.peak.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.peak.__exit__(*exc)
        self.cpu1, self.t1 = self.cpu_s(), time.monotonic()
        self.rss_end_mb = sum(procmem.kib(p, "VmRSS") for p in procmem.tree(self.pid)) / 1024


def machine_line() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024  # MemTotal, KiB
    return f"load benchmark: {os.cpu_count()} CPUs ({cpu}), {mem:.1f} GiB RAM, load average {os.getloadavg()[0]:.2f}"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def load(url: str, sessions: int, every: float, duration: float, query: str, seed: int) -> Tally:
    tally = Tally()
    until = time.monotonic() + duration
    rng = random.Random(seed)
    clients = [Session(url, query, tally, random.Random(rng.random())) for _ in range(sessions)]

    async def staggered(i: int, s: Session) -> None:
        await asyncio.sleep(every * i / sessions)  # readers arrive over the first interval, not all at once
        await s.run(every, until)

    await asyncio.gather(*(staggered(i, s) for i, s in enumerate(clients)))
    return tally


def measure(url: str, pid: int | None, a: argparse.Namespace) -> None:
    client0 = resource.getrusage(resource.RUSAGE_SELF)
    use = ServerUse(pid) if pid else None
    if use:
        use.__enter__()
    started = time.monotonic()
    tally = asyncio.run(load(url, a.sessions, a.every, a.duration, a.query, a.seed))
    took = time.monotonic() - started
    if use:
        use.__exit__(None, None, None)
    client1 = resource.getrusage(resource.RUSAGE_SELF)
    t = tally.times_ms
    print(f"{a.sessions} sessions, one interaction each every {a.every:g} s (±30 %), {took:.0f} s; "
          f"{tally.opened} pages opened")
    print(f"  interactions: {len(t)}, server time p50 {percentile(t, 50):.0f} ms, p95 {percentile(t, 95):.0f} ms, "
          f"p99 {percentile(t, 99):.0f} ms, max {max(t, default=float('nan')):.0f} ms"
          + (f", mean {statistics.fmean(t):.0f} ms" if t else ""))
    if tally.received:
        print(f"  received per interaction: median {statistics.median(tally.received) / 1024:.0f} KB")
    print(f"  errors: {len(tally.errors)}" + "".join(f"\n    {e}" for e in tally.errors[:10]))
    if use:
        cpu = use.cpu1 - use.cpu0
        print(f"  server (process and children): peak RSS {use.peak.peak_rss_kib / 1024:.0f} MB, "
              f"at the end {use.rss_end_mb:.0f} MB, own peak (VmHWM) {procmem.kib(use.pid, 'VmHWM') / 1024:.0f} MB; "
              f"CPU {cpu:.1f} s ({cpu / took:.2f} cores)")
    mine = client1.ru_utime + client1.ru_stime - client0.ru_utime - client0.ru_stime
    print(f"  this client: CPU {mine:.1f} s ({mine / took:.2f} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="sessions at once (N)")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between a session's interactions")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of clicking")
    parser.add_argument("--query", default="", help="the address's query string the sessions open (year=2024&…)")
    parser.add_argument("--seed", type=int, default=1)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="a server already running (its RSS and CPU are then not measured)")
    where.add_argument("--db", type=Path, help="an existing database (not written to)")
    where.add_argument("--projects", type=int, default=10_000_000, help="rows to generate (without --db or --url)")
    a = parser.parse_args()
    if a.sessions < 1 or a.every <= 0 or a.duration <= 0:
        parser.error("--sessions、--every、--duration 须为正数")
    a.query = urllib.parse.urlencode(urllib.parse.parse_qsl(a.query))
    print(machine_line())
    if a.url:
        measure(a.url, None, a)
        return
    with tempfile.TemporaryDirectory(prefix="tradestats-load-") as tmp:
        path = a.db
        if path is None:
            path = Path(tmp) / "db" / "tradestats.duckdb"
            path.parent.mkdir()
            started = time.perf_counter()
            generate.generate(path, a.projects, 2023, 2024)
            print(f"generated {a.projects:,} project rows in {time.perf_counter() - started:.1f} s")
        with helpers.streamlit_process(config.ROOT / "app.py", Path(tmp) / "app.log",
                                       **{config.DB_ENV: str(path)}) as (url, proc):
            print(f"server {url} (pid {proc.pid}) on {path} ({Path(os.path.realpath(path)).stat().st_size / 1e6:.1f} MB)")
            measure(url, proc.pid, a)


if __name__ == "__main__":
    main()
