#!/usr/bin/env bash
# Set up and run the app on the demo data (the database is built from data/ on first start).
# Chromium and the fonts serve the server-side chart export of the press kit.
# Extra arguments go to `streamlit run`, e.g. --server.port 8080. tradestats.ui.serve is `streamlit run app.py`
# with the libraries imported while the server starts, so the first visit after a start is not slow.
DEBS="chromium fonts-noto-cjk fonts-wqy-zenhei"
source "$(dirname "$0")/venv.sh"
exec .venv/bin/python -m tradestats.ui.serve "$@"
