"""Run the dashboard: `tradestats serve [options of streamlit run]` (or `python -m tradestats.ui.serve …`) is
`streamlit run app.py` — the app of the checkout, or the one the installed package ships — made ready for its
first visitor before it listens: the libraries a page needs (pandas, DuckDB, Plotly and ours) imported and
frozen out of the garbage collector's way, the database opened and its context (regions, settings) read, and
the overview a visitor without a link sees computed into the shared caches. Measured on the first visit at
10 M rows, each of these was 50–250 ms of waiting; the overview's queries and figures, ~400 ms.

The app's .streamlit/config.toml (beside app.py, shipped with the package) sets what a server needs: no
watching of source files (a server, not a development session: pass --server.fileWatcherType auto to have
it back) and the pages' Chinese in the charts' fonts (theme.font, charts.PAGE_FONT). An option on the command
line or in the environment (STREAMLIT_THEME_FONT …) overrides the file."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from importlib.metadata import entry_points

from tradestats import config


def streamlit_command():
    """The `streamlit` command (its console script's function), as a shell would run it."""
    (command,) = entry_points(group="console_scripts", name="streamlit")
    return command.load()


# glibc's malloc, set before the server starts a thread (the environment's MALLOC_* variables, if any, win).
# By default it gives each thread that allocates an arena of its own (up to 8 per core: Streamlit runs every
# script run in a new thread) and raises its threshold for mmap to the largest block freed, so that the
# blocks of a query's results and frames, once freed, stay in the arenas instead of going back to the system.
# Two arenas and a fixed threshold (glibc's default 128 KiB): at 10 M projects, the arenas held 52 MB instead
# of 73 MB after the page tour (3 MB free in them instead of 22), the peak 295 MB instead of 302–308.
M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8  # malloc.h
MALLOC_OPTIONS = {M_ARENA_MAX: 2, M_MMAP_THRESHOLD: 128 * 1024}
MALLOC_ENV = ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")


def tune_malloc() -> bool:
    """Set MALLOC_OPTIONS with glibc's mallopt; False where the environment sets malloc's options itself or the
    C library has no such options (macOS has no mallopt; musl's does nothing and says so)."""
    if any(os.environ.get(name) for name in MALLOC_ENV) or "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all([mallopt(option, value) == 1 for option, value in MALLOC_OPTIONS.items()])


def warm() -> None:
    import plotly.graph_objects as go
    from PIL import Image  # noqa: F401  (the favicon is read with it)

    streamlit_command()  # Streamlit imports Plotly; not thread-safe: all here, in order

    from tradestats.domain import summary  # noqa: F401
    from tradestats.present import charts, tables  # noqa: F401
    from tradestats.ui import streamlit_compat, web  # noqa: F401  (likewise: imported in order, after Streamlit)

    # Plotly loads the validators of a trace type and of layout parts on their first use.
    fig = go.Figure([go.Bar(x=[1], y=[1], text=["1"]), go.Scatter(x=[1], y=[1]), go.Pie(labels=["a"], values=[1])])
    fig.update_layout(template="tradestats", title_text="t").add_annotation(text="t", x=0, y=0)
    fig.to_json()
    if config.db_path().exists():  # else the first visit builds the demo database, showing that it does
        try:
            web.ensure_database()
            web.context()
            # The overview of the latest period, as a visitor without a link opens it: its queries and figures
            # land in the caches the server shares, and the first visit only draws them. (This run also draws
            # the process's first element, on a shallow stack: Streamlit then checks whether it runs in a REPL
            # with inspect.stack(), 150 ms in the middle of a page's deep stack.)
            streamlit_compat.run_app_once(config.APP)
        except Exception:  # noqa: BLE001  (only a head start: the first visit says what is wrong)
            pass


def main(options: list[str] | None = None) -> None:
    """Start the server with options of `streamlit run` (default: this command's arguments)."""
    tune_malloc()
    warm()
    # Everything imported so far lives as long as the server. Frozen, the collector no longer walks it: with
    # Plotly's hundreds of thousands of objects a full collection took 110–270 ms, in the middle of a click.
    gc.freeze()
    options = list(sys.argv[1:] if options is None else options)
    sys.argv = ["streamlit", "run", str(config.SERVER), *options]
    sys.exit(streamlit_command()())


if __name__ == "__main__":
    main()
