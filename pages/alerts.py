"""预警: the alerts the rules of alerts.toml raised, newest month first — open, acknowledged (who, when, a note),
closed — each with its figures and a link to the view that explains it. Acknowledging or closing one takes the
数据管理 login and writes a new database version, as an import does."""

import streamlit as st

from tradestats import config
from tradestats.alerting import alerts
from tradestats.present import alert_views
from tradestats.ui import phone_view, viewport, web

web.routed()
st.title("预警")
if "alert_done" in st.session_state:  # what the last click did, said after the rerun it started
    st.success(st.session_state.pop("alert_done"))
rows = web.query("alerts_by_status", year=None, month=None, status=None)
by_status = rows.status.value_counts()
for col, (status, name) in zip(st.columns(3), alerts.STATUSES.items()):
    col.metric(name, f"{int(by_status.get(status, 0))} 条", border=True)
st.caption(alert_views.open_line(web.query("open_alerts_by_level", region=None), "全市") + "。规则和阈值在部署目录的 alerts.toml 中"
           "（没有时用随程序发布的默认值）；每次导入后评估导入的月份，也可运行 tradestats alerts --year Y --month M。")

status = st.segmented_control("状态", list(alerts.STATUSES), format_func=alerts.STATUSES.get, default="open",
                              key="alert_status")
shown = rows[rows.status == status] if status else rows
if shown.empty:
    st.info(f"没有{alerts.STATUSES[status]}的预警。" if status else "还没有预警。")
elif viewport.narrow():  # on a phone, a block per alert: nine columns would scroll inside the page
    st.html(f"<style>{phone_view.LIST_CSS}</style>" + phone_view.alert_list(alert_views.table(shown)))
else:
    st.dataframe(alert_views.table(shown), hide_index=True, column_config={
        **{name: st.column_config.Column(width=px) for name, px in alert_views.WIDTHS.items()},
        "查看": st.column_config.LinkColumn(width=alert_views.WIDTHS["查看"], display_text="查看")})

st.subheader("处理预警")
pending = rows[rows.status != "closed"]
if pending.empty:
    st.caption("没有待处理的预警。")
    st.stop()
choice = st.selectbox("选择预警", list(pending.alert_id), format_func=lambda i: alert_views.label(
    pending[pending.alert_id == i].iloc[0]), key="alert_choice")
row = pending[pending.alert_id == choice].iloc[0]
st.markdown(f"**{row.message}**")
st.caption(f"{alerts.STATUSES[row.status]}。" + (f"{alert_views.handling(row)}。" if alert_views.handling(row) else "")
           + f"触发数据：{alert_views.figures(row)}")
page, params = alert_views.target(row.link)
st.page_link(page, label="查看相关页面与筛选", icon=":material/open_in_new:", query_params=params)
if not web.logged_in("确认或关闭预警"):
    st.stop()
with st.form("alert_action", clear_on_submit=True):
    by = st.text_input("经办人")
    note = st.text_area("说明（如核实情况、处理措施）")
    left, right = st.columns(2)
    acknowledge = left.form_submit_button("确认预警", type="primary", disabled=row.status != "open")
    close = right.form_submit_button("关闭预警")
if acknowledge or close:
    try:
        (alerts.acknowledge if acknowledge else alerts.close)(config.db_path(), int(choice), by, note)
    except ValueError as e:
        st.error(str(e))
    else:
        st.session_state["alert_done"] = f"预警 #{int(choice)} 已{'确认' if acknowledge else '关闭'}。"
        st.rerun()
