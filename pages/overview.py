"""总览: the headline figures with 同比, the sector split, the monthly trend and the rank."""

import streamlit as st

from tradestats import charts, metrics, summary, tables, web

ctx = web.context()
f: web.Filters = st.session_state["filters"]
period, region = f.period, f.region
source = web.source(ctx)

st.title(f"{f.region_name}{period.label}公共资源交易总览")
head = summary.headline(web.query, ctx, period, region)
if head.cells == 0:
    st.warning(f"{f.region_name}{period.label}没有交易数据。请选择其他年份、月份或地区。")
    st.stop()

for col, metric in zip(st.columns(4), metrics.HEADLINE):
    yoy = head[metric.column.removesuffix("_wan") + "_yoy_pct"]
    col.metric(metric.label, metric.format(head[metric.column]), delta=metrics.change(yoy),
               delta_description="同比", help=metric.help, border=True,
               **({} if not metrics.missing(yoy) else {"delta_color": "off", "delta_arrow": "off"}))
st.caption(tables.headline_note(ctx, head))

sectors = summary.sectors(web.query, period, region)
left, right = st.columns([3, 2])
with left:
    web.chart(charts.sector_bars(sectors, metrics.AMOUNT, period.label, source), f"各板块交易额_{period.label}")
with right:
    web.chart(charts.sector_share(sectors, period.label, source), f"交易额板块占比_{period.label}")
st.dataframe(tables.sector_table(sectors), hide_index=True)

column = st.segmented_control("趋势指标", [m.column for m in metrics.HEADLINE], key="trend_metric",
                              format_func=lambda c: metrics.CATALOGUE[c].label, default=metrics.AMOUNT.column)
measure = metrics.CATALOGUE[column or metrics.AMOUNT.column]
trend = summary.trend(web.query, period.year, region)
web.chart(charts.monthly_trend(trend, measure, period.year, source), f"各月{measure.label}_{period.year}年")

ranks = summary.ranking(web.query, ctx, period, region)
own = ranks[ranks.region_code == region].iloc[0]
scope = "全省市州" if region == ctx.home else "全市区县"
left, right = st.columns([1, 3])
left.metric(f"交易额{scope}排名", metrics.rank(own["rank"]),
            delta=metrics.rank_change(own["rank"], own.rank_prev), delta_arrow="off", delta_color="off",
            border=True)
left.caption(f"交易额位列{summary.rank_label(ctx, region, own['rank'], own.rank_of)}")
with right:
    web.chart(charts.rank_bars(ranks, region, f"{period.label}{scope}交易额排名", source),
              f"{scope}交易额排名_{period.label}")
