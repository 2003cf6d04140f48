"""Charts to files on the server: PNG (300 dpi at print size), SVG and PDF, through kaleido driving the
machine's Chromium. The export browser: one Chromium per process, started on demand and reused for every image
after it (about 0.2 s an image instead of 2-3 s), one export at a time (another waits for it); closed once no
export has used it for TRADESTATS_EXPORT_IDLE_S seconds (default 60), since it holds hundreds of MB that a
small server needs back. The 统计月报's PDF is printed by the same machine's Chromium under the same turn
(exclusive()), the image browser stopped first: never two browsers in one process. Its profile and page
(a few MB) live in a folder of the process's own under the system's temporary folder
(tradestats-chromium-<uid>/), removed when it stops; a process killed before (kill -9 of `tradestats brief`)
leaves its folder, which the next Chromium started removes."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import shutil
import struct
import tempfile
import threading
import time
import zlib
from pathlib import Path

import plotly.graph_objects as go

from tradestats.present import charts

FORMATS = ("png", "svg", "pdf")
WIDTH_PX = 1000  # layout width; PNG at SCALE 2 is 2000 px: 16.9 cm at 300 dpi
SCALE = 2
DPI = 300
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

IDLE_ENV = "TRADESTATS_EXPORT_IDLE_S"
IDLE_S = 60.0

_lock = threading.RLock()  # the browser's turn: one image (or one PDF printed) at a time in the process
_started = False
_last_use = 0.0  # time.monotonic() when an export last finished with the browser
_closing = False  # a thread waits for the browser to be idle, to close it
_work: tuple[Path, int] | None = None  # this process's folder, and its lock file's descriptor, held while it lives


class RenderError(Exception):
    """No image can be made here; the message (Chinese) says what to install."""


def chromium_path() -> str | None:
    """$BROWSER_PATH, else the first Chromium or Chrome on PATH."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"] if os.path.exists(os.environ["BROWSER_PATH"]) else None
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _start() -> None:
    global _started
    if _started:
        return
    path = chromium_path()
    if path is None:
        raise RenderError("服务器上没有找到 Chromium 浏览器，无法导出图片文件。请在服务器上安装："
                          "sudo apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei"
                          "（或用环境变量 BROWSER_PATH 指定浏览器）。页面上图表右上角的相机按钮仍可下载 PNG。")
    import kaleido

    os.environ["BROWSER_PATH"] = path
    work = work_folder()
    # No MathJax: it would be fetched from a CDN, and the charts have no formulas.
    index = work / "index.html"
    index.write_text(kaleido.PageGenerator(mathjax=False).generate_index(), encoding="utf-8")
    kaleido.start_sync_server(page_generator=str(index), tmp_dir=str(work), silence_warnings=True)
    atexit.register(close)
    _started = True
    _start_closer()


def idle_seconds() -> float:
    """$TRADESTATS_EXPORT_IDLE_S, else IDLE_S; a value that is not a number of seconds is said (in Chinese) and
    the default used: an export must not fail over the setting."""
    raw = os.environ.get(IDLE_ENV, "").strip()
    if not raw:
        return IDLE_S
    try:
        value = float(raw)
        if value >= 0 and value == value and value != float("inf"):
            return value
    except ValueError:
        pass
    import warnings

    warnings.warn(f"环境变量 {IDLE_ENV}={raw!r} 不是秒数（应为 0 或正数，如 60），按默认 {IDLE_S:g} 秒关闭导出用的浏览器。",
                  stacklevel=2)
    return IDLE_S


def _start_closer() -> None:
    """Called holding _lock, with the browser just started: a thread that closes it when it has been idle for
    idle_seconds(), and then ends (the next export starts another)."""
    global _closing
    _used()
    if not _closing:
        _closing = True
        threading.Thread(target=_close_when_idle, name="tradestats-export-browser-closer", daemon=True).start()


def _close_when_idle() -> None:
    global _closing
    while True:
        idle = idle_seconds()
        time.sleep(max(0.05, _last_use + idle - time.monotonic()))
        with _lock:
            if _started and time.monotonic() - _last_use < idle:
                continue
            _stop()
            _closing = False  # said under the lock: a browser started after this starts its own closer
            return


def running() -> bool:
    """Whether this process's export browser is up."""
    return _started


@contextlib.contextmanager
def exclusive():
    """The export browser's turn, with it stopped: for a Chromium of the caller's own (report.print_pdf prints
    the 统计月报 with one), so that the process never runs two. Yields the browser's path (None: none here)."""
    with _lock:
        _stop()
        try:
            yield chromium_path()
        finally:
            _used()


def _used() -> None:
    global _last_use
    _last_use = time.monotonic()


def work_parent() -> Path:
    return Path(tempfile.gettempdir()) / f"tradestats-chromium-{os.getuid()}"


def work_folder() -> Path:
    """This process's folder for Chromium's profile and page, made once; the folders of processes that are gone
    (killed before they could remove theirs) removed first. A folder <name> is in use while <name>.lock beside
    it is locked — taken before the folder is made, and dropped by the system when its process ends, however."""
    global _work
    if _work is not None:
        return _work[0]
    parent = work_parent()
    parent.mkdir(mode=0o700, exist_ok=True)
    for old in parent.iterdir():
        if not old.is_dir():
            continue
        try:
            with open(old.with_name(old.name + ".lock"), "a") as f:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: its process is alive
                shutil.rmtree(old, ignore_errors=True)
                os.unlink(f.name)
        except OSError:
            continue
    handle, lock = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".lock", dir=parent)
    fcntl.flock(handle, fcntl.LOCK_EX)  # held for the life of the process
    mine = Path(lock.removesuffix(".lock"))
    mine.mkdir(mode=0o700)
    _work = (mine, handle)
    return mine


def close() -> None:
    """Stop the Chromium of this process (it is started again when needed)."""
    with _lock:
        _stop()


def _stop() -> None:
    global _started
    if _started:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _started = False
        if _work is not None:
            wait_gone(str(_work[0]))
    remove_work_folder()


def wait_gone(marker: str, timeout_s: float = 15) -> None:
    """Until no process runs with marker (a browser's profile folder) in its command line, or timeout_s: a
    browser's last processes (its zygotes) end a moment after the browser itself, and the next browser must not
    start beside them. Read from /proc (Linux); elsewhere it returns at once."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        alive = False
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    if marker.encode() in (entry / "cmdline").read_bytes():
                        alive = True
                        break
                except OSError:
                    continue
        if not alive:
            return
        time.sleep(0.05)


def remove_work_folder() -> None:
    global _work
    if _work is not None:
        folder, held = _work
        _work = None
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder.with_name(folder.name + ".lock"))
        os.close(held)


def for_print(fig: go.Figure) -> go.Figure:
    """A copy at print size, in the print font (a TrueType CJK font, which PDF embeds by name)."""
    out = go.Figure(fig)
    out.update_layout(width=WIDTH_PX, height=max(out.layout.height or 0, 560), font_family=charts.PRINT_FONT)
    return out


def image(fig: go.Figure, fmt: str) -> bytes:
    """One chart as PNG, SVG or PDF bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt}")
    import kaleido

    with _lock:  # one Chromium, one image at a time; Streamlit serves sessions from several threads
        _start()
        try:
            data = kaleido.calc_fig_sync(for_print(fig), opts={"format": fmt, "scale": SCALE if fmt == "png" else 1})
        finally:
            _used()
    return with_dpi(data) if fmt == "png" else data


def picture(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    """A figure at its own size (layout width and height) as PNG or SVG, scaled: the headline card, drawn
    for a phone rather than for print, through the same Chromium."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown image format {fmt}")
    import kaleido

    with _lock:
        _start()
        return kaleido.calc_fig_sync(fig, opts={"format": fmt, "scale": scale, "width": fig.layout.width,
                                                "height": fig.layout.height})


def with_dpi(png: bytes) -> bytes:
    """Write the print resolution into the PNG (a pHYs chunk after the header), so that Word and InDesign
    place it at its print size; the image data is not touched, so nothing is encoded again."""
    header_end = 8 + 4 + 4 + 13 + 4  # signature, then the IHDR chunk: length, type, 13 bytes, CRC
    if png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    per_metre = round(DPI / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    return png[:header_end] + chunk + png[header_end:]
