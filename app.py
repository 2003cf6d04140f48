"""Entry point: the page router, the shared sidebar filters, the data notices."""

import streamlit as st

from tradestats.ui import plain_table, streamlit_compat, web

with web.serving():  # DuckDB's memory handed back after the run (see web.serving)
    st.set_page_config(page_title="公共资源交易统计看板", page_icon=web.FAVICON, layout="wide")
    st.html(f"<style>{plain_table.CSS}{streamlit_compat.PAGE_CSS}{streamlit_compat.PHONE_CSS}</style>")
    web.preload_chart_code()
    web.ensure_database()
    ctx = web.context()

    page = web.navigation()
    st.sidebar.markdown(f"**{ctx.settings.get('center_name', '')}**  \n公共资源交易统计看板")
    has_data = web.sidebar(ctx)
    if not has_data and page.url_path != "admin":  # without data, only 数据管理 has something to do
        st.stop()
    web.notices(ctx)
    web.run_page(page, has_data)
