"""Run the dashboard: `python -m tradestats.serve [options of streamlit run]` is `streamlit run app.py`, with
the libraries a page needs (pandas, DuckDB, Plotly and ours) imported while the server starts instead of
during the first visit after it — the biggest part of a cold first page on the server's side."""

from __future__ import annotations

import sys
import threading

from tradestats import config


def warm() -> None:
    import plotly.graph_objects as go

    from tradestats import charts, summary, tables, web  # noqa: F401

    go.Figure(go.Bar(x=[1], y=[1])).to_dict()  # Plotly loads its validators on first use


def main() -> None:
    from streamlit.web import cli  # first, alone: it imports Plotly, whose lazy imports are not thread-safe

    threading.Thread(target=warm, name="warm-imports", daemon=True).start()

    sys.argv = ["streamlit", "run", str(config.ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
