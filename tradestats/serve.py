"""Run the dashboard: `python -m tradestats.serve [options of streamlit run]` is `streamlit run app.py`, with
the libraries a page needs (pandas, DuckDB, Plotly and ours) imported before the server starts listening
instead of during the first visit after it, and then frozen out of the garbage collector's way."""

from __future__ import annotations

import gc
import sys

from tradestats import config


def warm() -> None:
    import plotly.graph_objects as go
    from streamlit.web import cli  # noqa: F401  (Streamlit imports Plotly; not thread-safe: all here, in order)

    from tradestats import charts, summary, tables, web  # noqa: F401

    go.Figure(go.Bar(x=[1], y=[1])).to_dict()  # Plotly loads its validators on first use


def main() -> None:
    warm()
    # Everything imported so far lives as long as the server. Frozen, the collector no longer walks it: with
    # Plotly's hundreds of thousands of objects a full collection took 110–270 ms, in the middle of a click.
    gc.freeze()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(config.ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
