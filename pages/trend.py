"""趋势分析: a measure over time by month, quarter or year; 当期 and 累计 side by side; 同比 and 环比;
several years laid over each other."""

import streamlit as st

from tradestats.domain import estimate, summary, targets
from tradestats.present import charts, tables
from tradestats.ui import web

f = web.current()
ctx = web.context()
period, measure = f.period, f.measure
source = summary.source_line(ctx)

st.title(f"{f.scope}{measure.label}趋势分析")
web.require_applicable(f)
grain = st.segmented_control("粒度", list(charts.GRAINS), format_func=lambda g: f"按{charts.GRAINS[g]}",
                             default="month", key="grain") or "month"
years = sorted(y for y in web.query("months_with_data", region=ctx.home).year.astype(int) if y <= period.year)
first = st.selectbox("与之对比的最早年份", years, format_func=lambda y: f"{y}年", key="first_year",
                     index=max(0, len(years) - 2))  # the year before, unless asked for more
trend = summary.trend(web.query, first, period.year, f.region, measure.column, grain, f.sector)
if trend[trend.year == period.year].cells.isna().all():
    web.no_data(f)
if not web.plottable(f, trend.value):
    st.stop()

# The chosen month's figures, as on the overview.
month = summary.trend(web.query, period.year, period.year, f.region, measure.column, "month", f.sector)
row = month[month.period == period.month].iloc[0]
est = estimate.of(web.query, period, f.region, f.sector, measure.column)  # 全年预计, for 1–N月累计 before December
dashed = grain == "month" and est.value is not None  # the year's continuation on the month charts
cols = st.columns(3 if est.value is not None else 2)
cols[0].metric(f"{period.year}年{period.month}月{measure.label}（当期）", measure.format(row.value),
               delta=measure.change(row.yoy_pct), delta_description="同比", border=True)
cols[1].metric(f"{period.year}年1-{period.month}月{measure.label}（累计）", measure.format(row.value_ytd),
               delta=measure.change(row.ytd_yoy_pct), delta_description="同比", border=True)
if est.value is not None:
    cols[2].metric(f"预计全年{measure.label}", measure.format(est.value), border=True,
                   help=f"区间{measure.format(est.low)}—{measure.format(est.high)}")

span = f"{first}-{period.year}年" if first < period.year else f"{period.year}年"
left, right = st.columns(2)
with left:
    web.chart(web.figure(charts.overlay, trend, measure, "value", grain, period.year, f"{span}各{charts.GRAINS[grain]}"
                             f"{measure.label}（当期）", source, ahead=estimate.path(est, "value", trend) if dashed else None),
              f"{measure.label}当期_{span}", key="trend_period")
with right:
    web.chart(web.figure(charts.overlay, trend, measure, "value_ytd", grain, period.year, f"{span}{measure.label}"
                             f"（累计）", source, ahead=estimate.path(est, "value_ytd") if dashed else None,
                         spread=(est.low, est.high) if dashed else None), f"{measure.label}累计_{span}",
              key="trend_ytd")
slot = st.empty()  # on every run: a month that brings or takes the estimate moves no chart
if est.applies:
    goals = targets.progress(web.query, ctx, period, f.region)
    slot.caption(estimate.caption(est, goals, f.sector) + ("虚线为预计，12月的竖线为区间。" if dashed else ""))
comparable = trend[trend.year == period.year][["yoy_pct", "mom_pct"]].notna().any().any()
if grain != "year" and comparable:
    web.chart(web.figure(charts.changes, trend, measure, grain, period.year, source),
              f"{measure.label}同比环比_{period.year}年", key="trend_changes")
elif grain != "year":
    st.info("没有可比的基数（上年同期或上一期为零或没有数据），无法计算同比和环比。")
web.table(tables.trend_table(trend, measure, grain, period.year))  # plain: no scrolling inside the page
st.caption(f"同比、环比{measure.change_label}：本期与上年同期、上一期相比；1月的环比与上年12月相比。"
           "没有基数（上年同期为零或没有数据）时显示“—”。")
