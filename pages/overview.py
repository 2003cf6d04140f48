"""总览: the headline figures with 同比, the sector split, the monthly trend and the rank."""

import streamlit as st

from tradestats.domain import estimate, metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.present import charts, tables
from tradestats.ui import web

f = web.current()
ctx = web.context()
period, region, sector = f.period, f.region, f.sector
source = summary.source_line(ctx)

st.title(f"{f.scope}{period.label}公共资源交易总览")
head = summary.headline(web.query, period, region, sector)
if head.cells == 0:
    web.no_data(f)

for col, metric in zip(st.columns(4), metrics.HEADLINE):
    yoy = head[metric.yoy_column]
    col.metric(metric.label, metric.format(head[metric.column]), delta=metrics.change(yoy),
               delta_description="同比", help=metric.help, border=True,
               **({} if not metrics.missing(yoy) else {"delta_color": "off", "delta_arrow": "off"}))
known = web.basis_notes(ctx, period, head)  # a figure of 累计/季度/年度 tables says so; one that cannot be known, why
if known:
    st.caption(tables.headline_note(ctx, head))
web.show_gaps(ctx, period)
web.open_alerts(ctx, region)  # 预警: how many are open, linked to the 预警 page

goals = targets.progress(web.query, ctx, period, region)
goals = goals[goals.sector_code.isna()] if sector is None else goals[goals.sector_code == sector]
if len(goals):  # without targets nothing is shown
    ytd = Period(period.year, period.month, "ytd").label  # 完成率 is always of the months 1–N
    st.subheader(f"年度目标完成情况（{ytd}累计）")
    left, right = st.columns([3, 2])
    with left:
        web.chart(web.figure(charts.target_bars, [targets.label(r) for r in goals.itertuples()], goals.completion_pct,
                             goals.vs_schedule_pts < 0, goals.schedule_pct.iloc[0],
                             f"{f.scope}{ytd}年度目标完成率（%）", source),
                  f"年度目标完成率_{ytd}", key="overview_targets")
    with right:
        st.markdown("\n".join(f"- **{targets.label(r)}**{targets.sentence(r)}（目标"
                               f"{metrics.CATALOGUE[r.measure].format(r.target)}，已完成"
                               f"{metrics.CATALOGUE[r.measure].format(r.actual)}）" for r in goals.itertuples()))
        if region == ctx.home and sector is None:  # the counties behind, at a glance (区县与排名 has them all)
            counties = targets.by_county(web.query, ctx, period, "amount_wan")
            late = counties[counties.vs_schedule_pts < 0]
            if len(counties):
                st.markdown(f"**交易额落后序时进度的区县**（{len(late)}/{len(counties)}个）："
                            + ("、".join(late.short_name) if len(late) else "没有") + "。")
        st.caption(targets.note(ctx, period))

sectors = summary.sectors(web.query, period, region, sector)
unsplit = summary.split_note(period, head, sectors)  # figures of all sectors together: no split, or one of a span
if unsplit and sectors.empty:
    st.info(unsplit, icon=":material/donut_large:")
elif known:  # else no sector's figure can be known either: the sentence above says why
    left, right = st.columns([3, 2])
    with left:
        web.chart(web.figure(charts.sector_bars, sectors, metrics.AMOUNT, period.label, source),
                  f"各板块交易额_{period.label}", key="overview_sector_bars")
    with right:
        web.chart(web.figure(charts.sector_share, sectors, period.label, source), f"交易额板块占比_{period.label}",
                  key="overview_sector_share")
    web.table(tables.sector_table(sectors))  # four rows: no grid needed
    if unsplit:
        st.caption(unsplit)

measure = f.measure
trend = summary.trend(web.query, period.year - 1, period.year, region, measure.column, sector=sector)
title = f"{period.year}年各月{measure.label}，与{period.year - 1}年同月对比"
# 全年预计 (1–N月累计 before December): the figure and its method above the months, the year continued dashed
# on them. The slot stands on every run, so a month that brings or takes the estimate moves no chart.
est = estimate.of(web.query, period, region, sector, measure.column)
slot = st.empty()
gaps = tables.month_gaps_note(trend, period, head)  # months of 累计/季度/年度 tables only: no bar, said so
if gaps and trend.value.isna().all():
    st.info(gaps + "各月走势无法画出。", icon=":material/event_note:")
elif web.plottable(f, trend.value):
    web.chart(web.figure(charts.overlay, trend, measure, "value", "month", period.year, title, source,
                         ahead=estimate.path(est, "value", trend)), f"各月{measure.label}_{period.year}年", key="overview_months")
    if gaps:
        st.caption(gaps + "图中这些月份空缺。")
    if est.applies:
        number, words = slot.container().columns([1, 2], vertical_alignment="center")
        if est.value is not None:
            number.metric(f"预计全年{measure.label}", measure.format(est.value), border=True)
        words.caption(estimate.caption(est, goals, sector))

ranks = summary.ranking(web.query, ctx, period, region, sector=sector)
own = ranks[ranks.region_code == region].iloc[0]
scope = "全省市州" if region == ctx.home else "全市区县"
left, right = st.columns([1, 3])
ranked = not metrics.missing(own["rank"])  # a figure that cannot be known has no rank, nor a change of it
left.metric(f"{metrics.AMOUNT.label}{scope}排名", metrics.rank(own["rank"]),
            delta=metrics.rank_change(own["rank"], own.rank_prev) if ranked else None, delta_arrow="off",
            delta_color="off", border=True)
if ranked:
    left.caption(f"交易额位列{summary.rank_label(ctx, region, own['rank'], own.rank_of)}")
if ranks.value.notna().any():  # else no region's figure of the period can be known: nothing to rank
    with right:
        web.chart(web.figure(charts.rank_bars, ranks, metrics.AMOUNT, region, f"{period.label}{scope}交易额排名",
                             source), f"{scope}交易额排名_{period.label}", key="overview_rank")
