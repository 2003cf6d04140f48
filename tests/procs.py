"""The real process table, read from /proc: a process's descendants, the Chromium browsers among them, the
report writers running on the machine, and a sampler that keeps the largest of each seen while a with block
runs (children come and go between two looks, so only sampling sees them together)."""

from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path

PROC = Path("/proc")


def descendants(pid: int) -> list[int]:
    """pid's children, theirs, and so on (pid itself not included)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for children in (PROC / str(p) / "task").glob("*/children"):
            with contextlib.suppress(OSError):
                found = [int(c) for c in children.read_text().split()]
                out.extend(found)
                todo.extend(found)
    return out


def cmdline(pid: int) -> list[str]:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
    except OSError:
        return []


def rss_kib(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def is_chromium(pid: int) -> bool:
    try:
        return Path((PROC / str(pid) / "exe").readlink()).name in ("chromium", "chrome", "headless_shell")
    except OSError:
        return False


def parent(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def profile(pid: int) -> str | None:
    """The profile folder (--user-data-dir) of a Chromium process: in its command line (which Chromium rewrites
    as one string), else its parent's — a process read in the moment it rewrites it, or between a fork and the
    program it runs, shows none."""
    found = re.search(r"--user-data-dir=(\S+)", " ".join(cmdline(pid)))
    if found:
        return found.group(1)
    up = parent(pid)
    return profile(up) if up and is_chromium(up) else None


def browsers(pid: int) -> list[str]:
    """The Chromium browsers pid has started (directly or through a child) whose processes are not all gone, by
    their profile folder: one browser, one profile, however many processes it runs — and the last of them,
    ending a moment after the browser's own, still count."""
    return sorted({found for p in descendants(pid) if is_chromium(p) and (found := profile(p))})


def is_writer(pid: int, db_path: Path) -> bool:
    args = cmdline(pid)
    return "tradestats.documents.auto" in args[1:3] and str(db_path) in args


def report_writers(db_path: Path) -> list[int]:
    """The report writers (`python -m tradestats.documents.auto DB …`) of the database on the machine. A
    writer's child, between its fork and the program it runs (its Chromium), shows the writer's command line:
    it is the writer's, not another."""
    found = [int(e.name) for e in PROC.iterdir() if e.name.isdigit() and is_writer(int(e.name), db_path)]
    return [p for p in found if parent(p) not in found]


class Peaks:
    """While in a with block: the largest number of Chromium browsers under root (when given) and of report
    writers of the database `writers` (when given) seen at once, sampled every `every` seconds in a thread."""

    def __init__(self, root: int | None = None, writers: Path | None = None, every: float = 0.05):
        self.root, self.writers, self.every = root, writers, every
        self.most_browsers = self.most_writers = 0
        self.ever_browsers = False
        self.worst: list = []  # the sample with the most browsers (or writers): what they were
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.root is not None:
                found = browsers(self.root)
                if len(found) > self.most_browsers:
                    self.most_browsers, self.worst = len(found), found
                self.ever_browsers |= bool(found)
            if self.writers is not None:
                found = [cmdline(p) for p in report_writers(self.writers)]
                if len(found) > self.most_writers:
                    self.most_writers, self.worst = len(found), found
            self._stop.wait(self.every)

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
