"""绩效指标: the center's own indicators from its reports (service, supervision, credit, publicity, the
self-evaluation) and its budget execution, each against the year before where the reports give it."""

import streamlit as st

from tradestats.present import charts, indicators
from tradestats.ui import web

f = web.current()
ctx = web.context()
year = f.period.year
source = f"数据来源：{ctx.settings.get('center_name', '')}《部门整体支出绩效自评报告》"

st.title(f"{year}年中心绩效指标")
rows = web.query("indicators_by_year", year=year, region=ctx.home)
if rows.value.isna().all():
    st.info(f"{year}年没有绩效指标数据（绩效指标取自中心的年度绩效自评报告）。")
    st.stop()

value = {r.indicator: (r.value, r.value_prev, r.unit) for r in rows.itertuples()}
cards = indicators.cards(rows, ctx.settings)
budget_lines = indicators.budgets(ctx.settings)
for col, name in zip(st.columns(max(len(cards), 1)), cards):
    v, prev, unit = value.get(name, (None, None, ""))
    change = None if unit != "%" or v is None or prev is None or prev != prev else float(v - prev)
    col.metric(name, indicators.fmt(v, unit), border=True,
               **({} if change is None else {"delta": f"{change:+.2f}个百分点", "delta_description": "较上年"}))

web.table(indicators.table(rows, year, budget_lines), wrap=("指标",))  # every row on the page, none behind a scroll bar
left, right = st.columns(2)
with left:
    budget = indicators.budget(rows, budget_lines)
    if len(budget):
        web.chart(web.figure(charts.budget_bars, budget, year, source), f"预算执行_{year}年", key="indicators_budget")
        st.caption("；".join(f"{b.budget}年初预算{indicators.fmt(b.年初预算, '万元')}，全年预算"
                            f"{indicators.fmt(b.全年预算, '万元')}，实际支出{indicators.fmt(b.实际支出, '万元')}，"
                            f"执行率{b.rate_pct:.2f}%" for b in budget.itertuples()) + "。")
with right:
    if rows.dropna(subset=["value", "value_prev"]).shape[0]:
        web.chart(web.figure(charts.indicator_change, rows, year, source), f"绩效指标变化_{year}年", key="indicators_change")
for name in budget_lines:
    items, note = indicators.line_items(rows, name)
    if len(items):
        with st.expander(f"{name}明细（{len(items)}项）"):
            web.table(items, wrap=("项目",))
            if note:
                st.caption(note)
st.caption("指标取自中心《部门整体支出绩效自评报告》；报告未给出的年份显示“—”，不作推算。")
