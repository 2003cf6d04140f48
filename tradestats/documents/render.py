"""Charts to files on the server: PNG (300 dpi at print size), SVG and PDF, through kaleido driving the
machine's Chromium. One Chromium is started per process on first use and reused for every image after it
(about 0.2 s an image instead of 2-3 s)."""

from __future__ import annotations

import atexit
import os
import shutil
import struct
import threading
import zlib

import plotly.graph_objects as go

from tradestats import charts

FORMATS = ("png", "svg", "pdf")
WIDTH_PX = 1000  # layout width; PNG at SCALE 2 is 2000 px: 16.9 cm at 300 dpi
SCALE = 2
DPI = 300
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

_lock = threading.Lock()
_started = False


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
    # No MathJax: it would be fetched from a CDN, and the charts have no formulas.
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    atexit.register(close)
    _started = True


def close() -> None:
    """Stop the Chromium of this process (it is started again when needed)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


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
        data = kaleido.calc_fig_sync(for_print(fig), opts={"format": fmt, "scale": SCALE if fmt == "png" else 1})
    return with_dpi(data) if fmt == "png" else data


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
