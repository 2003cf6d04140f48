"""What `tradestats serve` runs: the app (app.py) and its own addresses beside the pages (tradestats/ui/routes.py:
the headline card), one server. `streamlit run server.py` finds the st.App below and serves it."""

import streamlit as st

from tradestats import config
from tradestats.ui import routes

app = st.App(config.APP, routes=routes.ROUTES)
