"""Entry point: the page router, the shared sidebar filters, the data notices."""

import streamlit as st

from tradestats import web

st.set_page_config(page_title="公共资源交易统计看板", page_icon=":material/monitoring:", layout="wide")
web.ensure_database()
ctx = web.context()

page = st.navigation([
    st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
])
st.sidebar.markdown(f"**{ctx.settings.get('center_name', '')}**  \n公共资源交易统计看板")
filters = web.sidebar(ctx)
if filters is None:
    st.stop()
st.session_state["filters"] = filters
web.notices(ctx)
page.run()
