"""Entry point: the page router, the shared sidebar filters, the data notices."""

import streamlit as st

from tradestats import charts
from tradestats.ui import web

st.set_page_config(page_title="公共资源交易统计看板", page_icon=web.FAVICON, layout="wide")
st.html(f"<style>{charts.NARROW_CSS}</style>")
web.preload_chart_code()
web.ensure_database()
ctx = web.context()

page = st.navigation([
    st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
    st.Page("pages/trend.py", title="趋势分析", icon=":material/show_chart:", url_path="trend"),
    st.Page("pages/sectors.py", title="板块分析", icon=":material/donut_large:", url_path="sectors"),
    st.Page("pages/regions.py", title="区县与排名", icon=":material/map:", url_path="regions"),
    st.Page("pages/projects.py", title="项目明细", icon=":material/list_alt:", url_path="projects"),
    st.Page("pages/efficiency.py", title="交易效率与竞争", icon=":material/speed:", url_path="efficiency"),
    st.Page("pages/players.py", title="市场主体", icon=":material/apartment:", url_path="players"),
    st.Page("pages/indicators.py", title="绩效指标", icon=":material/verified:", url_path="indicators"),
    st.Page("pages/press.py", title="新闻素材", icon=":material/newspaper:", url_path="press"),
    st.Page("pages/alerts.py", title="预警", icon=":material/notifications:", url_path="alerts"),
    st.Page("pages/admin.py", title="数据管理", icon=":material/database:", url_path="admin"),
    st.Page("pages/screen.py", title="大屏", icon=":material/tv:", url_path="screen"),
])
st.sidebar.markdown(f"**{ctx.settings.get('center_name', '')}**  \n公共资源交易统计看板")
has_data = web.sidebar(ctx)
if not has_data and page.url_path != "admin":  # without data, only 数据管理 has something to do
    st.stop()
web.notices(ctx)
web.run_page(page, has_data)
