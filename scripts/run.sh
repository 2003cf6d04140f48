#!/usr/bin/env bash
# Set up and run the app on the demo data (the database is built from data/ on first start).
# Extra arguments go to `streamlit run`, e.g. --server.port 8080.
DEBS="fonts-noto-cjk"
source "$(dirname "$0")/venv.sh"
exec .venv/bin/streamlit run app.py "$@"
