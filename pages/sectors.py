"""板块分析: each sector's count, amount and share with their movement; 节约资金/节资率 of the purchase
sectors and 增收资金/增值率 of the sale sectors, each with 同比. A click on a sector narrows every page."""

import streamlit as st

from tradestats.domain import metrics, summary
from tradestats.present import charts, tables
from tradestats.ui import viewport, web

f = web.current()
ctx = web.context()
period, region = f.period, f.region
source = summary.source_line(ctx)

st.title(f"{f.scope}{period.label}板块分析")
sectors = summary.sectors(web.query, period, region, f.sector)
if sectors.projects.isna().all():
    web.no_data(f)  # or the sentence saying what is missing, where the period cannot be known
head = summary.headline(web.query, period, region, f.sector)
web.basis_notes(ctx, period, head)  # where the figures came from 累计/季度/年度 tables
current = sectors.dropna(subset=["projects"])

left, right = st.columns([3, 2])
with left:
    picked = web.chart(web.figure(charts.sector_bars, current, metrics.AMOUNT, period.label, source),
                       f"各板块交易额_{period.label}", key="sectors_bars", clickable=True)
with right:
    web.chart(web.figure(charts.sector_share, current, period.label, source), f"交易额板块占比_{period.label}",
              key="sectors_share")
if picked and picked != f.sector:
    web.narrow(sector=picked)
st.caption("点击柱形可只看该板块（所有页面随之筛选）；侧栏“清除地区和板块筛选”恢复全部板块。")
# Eleven columns: on a phone, three narrower tables of the same rows.
web.table(tables.sector_detail_table(sectors), parts=tables.SECTOR_DETAIL_PARTS if viewport.narrow() else None)

left, right = st.columns(2)
for col, direction, metric, rate in ((left, "purchase", metrics.SAVINGS, metrics.SAVINGS_RATE),
                                     (right, "sale", metrics.PREMIUM, metrics.PREMIUM_RATE)):
    part = current[current.direction == direction]
    with col:
        if part.empty:
            st.info(f"所选板块不计{metric.label}。")
        else:
            web.chart(web.figure(charts.money_by_sector, part, metric, rate, period.label, source),
                      f"各板块{metric.label}_{period.label}", key=f"sectors_{metric.column}")
st.caption(tables.rate_basis_note(ctx) + "。")

types = web.query("amount_by_trade_type", **period.params(), region=region, sector=f.sector)
st.subheader("交易类型")
if types.projects.isna().all():  # a region's split by type cannot be known for the period (as the sectors')
    st.caption(f"{f.scope}{period.label}的交易类型细分无法由已有数据得出，此处不列。")
elif types.whole_sector.all():
    st.caption(f"{f.scope}{period.label}的数据只有板块合计，没有按交易类型细分（导入按交易类型填报的统计文件后，这里列出各类型）。")
else:
    web.table(tables.trade_type_table(types.dropna(subset=["projects"])), wrap=("交易类型",))
    st.caption("各板块的数字是其交易类型之和；“未细分”是只按板块填报的部分。同比按同一交易类型的上年同期计算。")

if f.sector is None:
    shares = web.query("share_by_sector_month", year=period.year, region=region)
    if shares.empty:  # a year of 累计/季度/年度 tables only
        st.info(f"{f.scope}{period.year}年没有分月数据，各月板块占比无法画出。", icon=":material/event_note:")
    else:
        web.chart(web.figure(charts.share_by_month, shares, period.year, source), f"各月板块占比_{period.year}年",
                  key="sectors_share_by_month")
else:
    trend = summary.trend(web.query, period.year - 1, period.year, region, f.measure.column, sector=f.sector)
    title = f"{f.sector_name}{period.year}年各月{f.measure.label}，与{period.year - 1}年同月对比"
    gaps = tables.month_gaps_note(trend, period, head)  # months of 累计/季度/年度 tables only
    if gaps and trend.value.isna().all():
        st.info(gaps + "各月走势无法画出。", icon=":material/event_note:")
    elif web.plottable(f, trend.value):
        web.chart(web.figure(charts.overlay, trend, f.measure, "value", "month", period.year, title, source),
                  f"{f.sector_name}各月{f.measure.label}_{period.year}年", key="sectors_months")
        if gaps:
            st.caption(gaps + "图中这些月份空缺。")
