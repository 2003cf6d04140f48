"""Logs kept beside the database as JSON lines (login tries, webhook deliveries): appended one line at a time
under a lock, the file moved to <name>.1 once it passes a size (one old file kept), read back newest first."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

MAX_BYTES = 1_000_000
_lock = threading.Lock()


def append(path: Path, entry: dict, now: dt.datetime | None = None) -> None:
    line = json.dumps({"time": (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds"), **entry},
                      ensure_ascii=False)
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def recent(path: Path, limit: int = 200) -> list[dict]:
    """The last entries, newest first (a line that is not JSON is passed over)."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[-limit:]:
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries[::-1]
