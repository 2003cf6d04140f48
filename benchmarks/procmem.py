"""Memory of a process and of everything it started, read from /proc: the process's peak resident set
(VmHWM), and sampled peaks of the whole tree (children such as a Chromium drawing chart images come and
go, so only sampling sees them at their largest together)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

PROC = Path("/proc")


def tree(pid: int) -> list[int]:
    """pid and its descendants, from /proc/*/task/*/children."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for children in (PROC / str(p) / "task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in children.read_text().split())
    return out


def kib(pid: int, field: str, table: str = "status") -> int:
    """A field in KiB of /proc/pid/status (VmRSS, VmHWM) or smaps_rollup (Pss); 0 once the process is gone."""
    try:
        for line in (PROC / str(pid) / table).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreePeak:
    """Samples the memory of pid's tree every `every` seconds, in a thread, while in a with block: the sum of
    the resident sets (shared pages counted in each process, so Chromium's processes are overcounted) and
    the sum of the proportional sets (PSS: each shared page split among the processes sharing it)."""

    def __init__(self, pid: int, every: float = 0.2):
        self.pid, self.every = pid, every
        self.peak_rss_kib = self.peak_pss_kib = 0
        self._lock = threading.Lock()  # sample() is called from the thread and from outside
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def sample(self) -> None:
        pids = tree(self.pid)
        rss, pss = sum(kib(p, "VmRSS") for p in pids), sum(kib(p, "Pss", "smaps_rollup") for p in pids)
        with self._lock:
            self.peak_rss_kib, self.peak_pss_kib = max(self.peak_rss_kib, rss), max(self.peak_pss_kib, pss)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
