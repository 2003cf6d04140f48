"""交易效率与竞争: from the project lists' optional fields — 流标率, average bidders and their distribution,
the cycle from 公告/受理 to 成交 (median, P90), the 招标方式 mix with 节资率 by method and the deal-size bands,
by sector, method, county or month, each with 同比. Small groups are marked, not hidden."""

import streamlit as st

from tradestats.domain import market, metrics, summary
from tradestats.present import charts, tables
from tradestats.ui import viewport, web

f = web.current()
ctx = web.context()
period, region = f.period, f.region
source = summary.source_line(ctx)
parts = tables.MARKET_PARTS if viewport.narrow() else None  # 14 columns: on a phone, three narrower tables

st.title(f"{f.scope}{period.label}交易效率与竞争")
head = market.headline(web.query, period, region, f.sector)
cur, prev = head.iloc[0], head.iloc[1]
if market.none(cur.tenders):
    st.info(f"{f.scope}{period.label}没有导入的项目明细，这一页的指标来自项目明细（导入带投标人数、公告发布日期、"
            "是否流标等列的项目明细后可见）。")
    st.stop()

for col, metric, better in zip(st.columns(5), (market.FAILED_RATE, market.AVG_BIDDERS, market.CYCLE_MEDIAN,
                                              market.CYCLE_P90, metrics.PROJECTS), (False, True, False, False, True)):
    col.metric(**market.card(metric, cur, prev, better))
missing = market.missing_fields(cur)
if missing:
    st.caption("数据没有" + "、".join(missing) + "，相应指标显示为“—”。")
st.caption(f"流标率 = 流标或终止的项目 ÷ 全部项目（{int(cur.tenders)}宗，含流标、终止）；平均投标人数含流标项目；"
           "交易周期为完成交易的项目从公告发布（无公告日期时为受理）到成交的天数。")

dimension = st.segmented_control("分组", list(market.DIMENSIONS)[:4], format_func=market.DIMENSIONS.get,
                                 default="sector", key="market_dimension") or "sector"
grouped = market.by_each(web.query, period, region, f.sector, (dimension, "method", "band"))
rows = grouped[dimension]
left, right = st.columns(2)
with left:
    web.chart(web.figure(charts.market_bars, rows, "avg_bidders", "家", f"{period.label}按{market.DIMENSIONS[dimension]}"
                         f"平均投标人数", source, few=market.FEW), f"平均投标人数_{period.label}", key="efficiency_bidders")
with right:
    web.chart(web.figure(charts.market_bars, rows, "failed_rate_pct", "%", f"{period.label}按{market.DIMENSIONS[dimension]}"
                         f"流标率", source, few=market.FEW), f"流标率_{period.label}", key="efficiency_failed")
# At most 14 rows (the counties): a plain table. A grid redraws its cells well after the run (benchmarks/README.md).
web.table(tables.market_table(rows, market.DIMENSIONS[dimension], market.FEW), parts=parts)
st.caption(f"少于{market.FEW}宗的分组标“样本少”：比率和平均数只作参考。")

left, right = st.columns(2)
with left:
    bidders = web.query("tenders_by_bidders", **period.params(), region=region, sector=f.sector)
    if bidders.empty:
        st.info("数据没有投标人数，无法给出分布。")
    else:
        web.chart(web.figure(charts.bidders_histogram, bidders, f"{period.label}投标人数分布", source),
                  f"投标人数分布_{period.label}", key="efficiency_bidders_histogram")
with right:
    methods = grouped["method"]
    web.chart(web.figure(charts.method_mix, methods, f"{period.label}交易方式构成", source),
              f"交易方式构成_{period.label}", key="efficiency_methods")

bands = grouped["band"]
web.chart(web.figure(charts.band_bars, bands, f"{period.label}成交金额区间", source), f"成交金额区间_{period.label}", key="efficiency_bands")
web.table(tables.market_table(bands, "成交金额区间", market.FEW).drop(columns=["流标率", "流标率变化"]), parts=parts)
