"""大屏: the trading hall's display — dark, full width, no sidebar or chrome, large counters with 同比, the
sector split, the county ranking and the monthly trend of the latest year. It refreshes itself on a timer,
so it follows a data refresh with no one touching it. Opened at /screen (bookmark it on the display PC);
drawn for 1920×1080 and scaled to the window by the browser (a 3840×2160 screen at 100 % shows it twice as
large; see tradestats/present/screen.py)."""

import os
from html import escape

import streamlit as st

from tradestats.domain import metrics, summary, targets
from tradestats.domain.periods import Period
from tradestats.present import alert_views, charts, screen
from tradestats.ui import streamlit_compat, web

web.routed()
REFRESH_S = float(os.environ.get("TRADESTATS_SCREEN_REFRESH_S", "60"))
st.html(f"<style>{screen.css()}{streamlit_compat.screen_css(screen.BG, screen.TEXT, screen.PAGE_PADDING)}</style>")
# (the scale is the browser's, screen.scale_css: no reload)


@st.fragment(run_every=REFRESH_S)
def show() -> None:
    ctx = web.context()
    months = web.query("last_month_by_year", region=ctx.home)  # a center may keep only 累计 tables
    if months.empty:
        st.markdown("## 暂无交易数据")
        return
    period = Period(int(months.year[0]), int(months.last_month[0]))
    name = ctx.region_name(ctx.home)
    source = summary.source_line(ctx)
    goals = targets.progress(web.query, ctx, period, ctx.home)
    goals = goals[goals.sector_code.isna()]  # the city's targets for all sectors, in the line under the title
    line = "；".join(f"{targets.label(r)}{targets.sentence(r)}" for r in goals.itertuples()) if len(goals) else source
    alerts = alert_views.open_line(web.query("open_alerts_by_level", region=None), "全市")  # 预警: how many are open
    head = summary.headline(web.query, period, ctx.home)
    # where the figures came from 累计/季度/年度 tables, or what is missing: said in the line under the title
    note = summary.missing_sentence(ctx, period, head["unknown_regions"]) or summary.basis_note(period, head)
    st.html(f"<div class='screen-title'>{escape(name)}公共资源交易 · {period.label}"
            f"<span class='screen-alerts'>{escape(alerts)}</span></div>"
            f"<div class='screen-sub'>数据更新至{ctx.data_through}　{escape(('年度目标：' if len(goals) else '') + line)}"
            f"{'　' + escape(note) if note else ''}</div>")
    for col, metric in zip(st.columns(4), metrics.HEADLINE):
        yoy = head[metric.yoy_column]
        with col:
            st.html(f"<div class='screen-card'><div class='label'>今年累计{metric.label}</div>"
                    f"<div class='value'>{metric.format(head[metric.column])}</div>"
                    f"<div class='delta'>同比 {metrics.change(yoy)}</div></div>")
    left, middle, right = st.columns([1, 1, 1])
    with left:
        sectors = summary.sectors(web.query, period, ctx.home).dropna(subset=["projects"])
        if sectors.empty:  # figures of all sectors together only, or none that can be known: no empty donut
            why = summary.split_note(period, head, sectors) or f"{period.label}各板块的交易额无法得出"
            st.html(f"<div class='screen-rank'>{escape(why.removesuffix('。'))}</div>")
        else:
            web.chart(screen.fit(web.figure(charts.sector_share, sectors, period.label, source)), "大屏_板块占比",
                      key="screen_sector_share", scale=screen.SCALE_VAR)
    with middle:
        ranks = summary.ranking(web.query, ctx, period, ctx.home)  # the city among the province's cities
        counties = web.query("rank_by_region", **period.params(), parent=ctx.home, sector=None,
                             measure="amount_wan")
        if counties.value.isna().all():  # a city of totals only, or no county's figure can be known
            st.html(f"<div class='screen-rank'>{period.label}没有各区县的交易额（数据没有区县拆分或无法得出）</div>")
        else:
            bars = web.figure(charts.rank_bars, counties, metrics.AMOUNT, "", f"{period.label}各区县交易额", source)
            web.chart(screen.fit(bars, height=screen.CHART_HEIGHT - 60), "大屏_区县排名", key="screen_counties",
                      scale=screen.SCALE_VAR)
        own = ranks[ranks.region_code == ctx.home]
        if len(own):
            rank = summary.rank_label(ctx, ctx.home, own["rank"].iloc[0], own.rank_of.iloc[0])
            change = metrics.rank_change(own["rank"].iloc[0], own.rank_prev.iloc[0])
            st.html(f"<div class='screen-rank'>交易额位列{rank}（{change}）</div>")
    with right:
        trend = summary.trend(web.query, period.year - 1, period.year, ctx.home)
        title = f"{period.year}年各月交易额，与{period.year - 1}年对比"
        if trend.value.isna().all():  # a center of 累计 tables only: no month to draw
            st.html(f"<div class='screen-rank'>{period.year - 1}年、{period.year}年没有分月数据，各月走势无法画出</div>")
        else:
            web.chart(screen.fit(web.figure(charts.overlay, trend, metrics.AMOUNT, "value", "month", period.year, title,
                                            source)), "大屏_各月交易额", key="screen_months", scale=screen.SCALE_VAR)


show()
