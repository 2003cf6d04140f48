"""Run the dashboard: `tradestats serve [options of streamlit run]` (or `python -m tradestats.ui.serve …`) is
`streamlit run app.py` — the app of the checkout, or the one the installed package ships — made
ready for its first visitor before it listens: the libraries a page needs (pandas, DuckDB, Plotly and ours)
imported and frozen out of the garbage collector's way, the database opened and its context (regions,
settings) read, the overview a visitor without a link sees computed into the shared caches, and no watching
of source files (a server, not a development session; pass --server.fileWatcherType auto to have it back:
this option overrides config.toml and the environment), and the pages' Chinese in the charts' fonts
(charts.PAGE_FONT as --theme.font, unless a font is given: on the command line, in the environment or in
config.toml). Measured on the first visit at 10 M rows, each of
these was 50–250 ms of waiting; the overview's queries and figures, ~400 ms."""

from __future__ import annotations

import gc
import os
import sys
import tomllib
from pathlib import Path

from tradestats import config


def warm() -> None:
    import plotly.graph_objects as go
    from PIL import Image  # noqa: F401  (the favicon is read with it)
    from streamlit import delta_generator
    from streamlit.web import cli  # noqa: F401  (Streamlit imports Plotly; not thread-safe: all here, in order)

    from tradestats import charts, summary, tables  # noqa: F401
    from tradestats.ui import web

    # Plotly loads the validators of a trace type and of layout parts on their first use.
    fig = go.Figure([go.Bar(x=[1], y=[1], text=["1"]), go.Scatter(x=[1], y=[1]), go.Pie(labels=["a"], values=[1])])
    fig.update_layout(template="tradestats", title_text="t").add_annotation(text="t", x=0, y=0)
    fig.to_json()
    # Streamlit checks once whether it runs in a REPL, by inspect.stack() in the middle of the first element
    # a process draws (150 ms with a page's deep stack). It runs under `streamlit run`.
    assert hasattr(delta_generator, "_use_warning_has_been_displayed"), "Streamlit changed: see serve.warm"
    delta_generator._use_warning_has_been_displayed = True
    if config.db_path().exists():  # else the first visit builds the demo database, showing that it does
        try:
            web.ensure_database()
            web.context()
            first_page()
        except Exception:  # noqa: BLE001  (only a head start: the first visit says what is wrong)
            pass


def first_page() -> None:
    """Run app.py once as a visitor without a link would (the overview of the latest period): its queries and
    figures are then in the caches the server shares, and the first visit only draws them."""
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(config.APP), default_timeout=120).run()


WATCHER = "--server.fileWatcherType"
FONT = "--theme.font"


def font_given(options: list[str]) -> bool:
    """Whether the theme's font is set elsewhere: on the command line, in the environment or in a config.toml
    (the app's, the current folder's or the user's), which a command-line option would override."""
    if any(o == FONT or o.startswith(FONT + "=") for o in options) or "STREAMLIT_THEME_FONT" in os.environ:
        return True
    for folder in (config.APP.parent, Path.cwd(), Path.home()):
        file = folder / ".streamlit" / "config.toml"
        if file.exists() and "font" in tomllib.loads(file.read_text(encoding="utf-8")).get("theme", {}):
            return True
    return False


def main(options: list[str] | None = None) -> None:
    """Start the server with options of `streamlit run` (default: this command's arguments)."""
    warm()
    # Everything imported so far lives as long as the server. Frozen, the collector no longer walks it: with
    # Plotly's hundreds of thousands of objects a full collection took 110–270 ms, in the middle of a click.
    gc.freeze()
    from streamlit.web import cli

    from tradestats import charts

    options = list(sys.argv[1:] if options is None else options)
    if not any(o.startswith(WATCHER) for o in options):
        options = [WATCHER, "none", *options]
    if not font_given(options):
        options = [FONT, charts.PAGE_FONT, *options]
    sys.argv = ["streamlit", "run", str(config.APP), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
