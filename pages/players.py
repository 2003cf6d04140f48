"""市场主体: winners (中标人/受让人) and agencies ranked by amount or count with 同比 and share, the 本地/外地
split, new and returning winners, concentration per sector (CR4, HHI); a click on a bar or a name of the
ranking chart opens its profile: its trades over time, sectors, regions, methods and average discount."""

import streamlit as st

from tradestats.domain import market, summary
from tradestats.present import charts, names, tables
from tradestats.ui import viewport, web

f = web.current()
ctx = web.context()
period, region = f.period, f.region
source = summary.source_line(ctx)
narrow = viewport.narrow()
LATEST = 20  # a profile's trades a phone lists

st.title(f"{f.scope}{period.label}市场主体")
head = market.headline(web.query, period, region, f.sector, concentration=True)
cur, prev = head.iloc[0], head.iloc[1]
if market.none(cur.projects):
    st.info(f"{f.scope}{period.label}没有导入的项目明细，这一页的指标来自项目明细的中标人、统一社会信用代码、"
            "中标人所在地区和招标代理机构等列。")
    st.stop()

for col, metric in zip(st.columns(5), (market.LOCAL_COUNT, market.LOCAL_AMOUNT, market.CR4, market.HHI, market.WINNERS)):
    col.metric(**market.card(metric, cur, prev, None))
st.caption(f"本地 = 中标人在{ctx.region_name(ctx.home)}（按中标人所在地区，没有时按统一社会信用代码的登记地）；"
           f"全省口径：宗数 {market.value(market.LOCAL_COUNT, cur.province_share_count_pct)}、金额 "
           f"{market.value(market.LOCAL_AMOUNT, cur.province_share_amount_pct)}。同一主体按统一社会信用代码归并，没有代码时按名称。")
if market.none(cur.winners):
    st.info("数据没有“中标人”列，无法排名。")
    st.stop()

who = st.segmented_control("对象", list(market.PARTIES), format_func=market.PARTIES.get, default="winner",
                           key="market_who") or "winner"
order = st.segmented_control("排序", ["amount_wan", "projects"], format_func={"amount_wan": "按金额", "projects": "按宗数"}.get,
                             default="amount_wan", key="market_order") or "amount_wan"
top = market.top(web.query, period, region, f.sector, who, order, limit=market.TOP)
if top.empty:
    st.info(f"数据没有“{market.PARTIES[who]}”列。")
else:
    picked = web.chart(web.figure(charts.party_bars, top, f"{period.label}{market.PARTIES[who]}前{market.TOP}名中标金额",
                                  source), f"{market.PARTIES[who]}排名_{period.label}", key="players_top", clickable=True)
    if picked:
        st.session_state["market_party"] = (who, picked)
    st.caption("点击图中的柱形或名称，查看该主体的画像。红色柱为本地中标人。")
    # Ten rows: a plain table. An st.dataframe grid (to pick a row in it) redraws its cells ~150 ms after the
    # run is over, which made a month change here half as slow again as on 总览 (benchmarks/README.md).
    # On a phone, ten columns as three narrower tables of the same rows.
    web.table(tables.party_table(top, who), wrap=("名称",), parts=tables.PARTY_PARTS if narrow else None,
              lead=("排名", "名称"))

st.subheader("各板块集中度")
web.table(tables.concentration_table(web.query("concentration_by_sector", **period.params(), region=region,
                                               sector=f.sector)))
st.caption(market.CR4.help + "。" + market.HHI.help + "。")
st.subheader("新老中标主体")
web.table(tables.new_winners_table(web.query("winners_new_by_period", **period.params(), region=region,
                                             sector=f.sector)))
st.caption("新中标主体：数据中在本期之前没有中标记录的主体。")

chosen = st.session_state.get("market_party")
if chosen:
    market_profile = market.profile(web.query, *chosen)
    st.divider()
    st.subheader(f"{market.PARTIES[chosen[0]]}画像：{web.markdown_literal(market_profile.name)}")
    st.caption(web.markdown_literal(market_profile.caption))
    if st.button("关闭画像", icon=":material/close:"):
        del st.session_state["market_party"]
        st.rerun()
    short = names.shortened(market_profile.name, names.CHART)
    web.chart(web.figure(charts.party_months, market_profile.months, f"{short}各月中标金额", source),
              f"{short}各月中标金额", key="players_profile_months")
    cols = st.columns(3)
    for col, (label, frame) in zip(cols, market_profile.breakdowns.items()):
        with col:
            web.grid(tables.party_breakdown_table(frame, label), narrow)
    trades = tables.party_trades_table(market_profile.trades)
    if not narrow:
        st.dataframe(trades, hide_index=True)
    else:  # on a phone, the latest trades' date, name and amount; the grid of them all on request
        web.table(trades[["成交日期", "项目名称", "成交金额"]].head(LATEST), wrap=("项目名称",))
        st.caption(f"共{len(trades)}宗" + (f"，以上为最近{LATEST}宗" if len(trades) > LATEST else "") + "；全部列见完整表格。")
        if st.toggle("完整表格（全部列，可左右滑动）", key="party_trades_grid"):
            st.dataframe(trades, hide_index=True)
