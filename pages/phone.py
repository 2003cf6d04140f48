"""手机简报: the month on a phone — the summary's figures, rank, targets and open 预警 on the first screen; the
sectors, the first and last counties and the 全年预计 below, each linking to its full page."""

import streamlit as st

from tradestats.domain import estimate, metrics, summary
from tradestats.present import charts, phone
from tradestats.ui import phone_view, web

f = web.current()
ctx = web.context()
period, region, measure = f.period, f.region, f.measure
filters = dict(st.query_params.to_dict())

brief = phone.briefing(web.query, ctx, period, region)
if brief.facts["projects"] is None and not brief.facts["missing"]:
    web.no_data(f)
st.html(f"<style>{phone_view.CSS}</style>" + phone_view.first_screen(brief, filters))
if brief.facts["missing"]:
    st.warning(brief.facts["missing"], icon=":material/help:")
elif brief.facts["note"]:
    st.caption(brief.facts["note"])
if f.sector:
    st.caption(f"手机简报为{f.region_name}全部板块的数字；{f.sector_name}的数字见“板块分析”。")

source = summary.source_line(ctx)
sectors = summary.sectors(web.query, period, region)
if sectors.amount_wan.notna().any():
    web.chart(web.figure(charts.sector_bars_compact, sectors, metrics.AMOUNT, period.label, source),
              f"各板块交易额_{period.label}", key="phone_sectors")
    st.page_link("pages/sectors.py", label="板块分析", icon=":material/donut_large:", query_params=filters)

if region == ctx.home and not web.inapplicable(f):
    first, last = phone.counties(web.query, ctx, period, measure)
    if len(first):
        st.markdown(f"**区县{measure.label}前{len(first)}名**" + ("" if len(last) else "（全部）") + "  \n"
                    + "  \n".join(web.markdown_literal(line) for line in phone.county_lines(first, measure)))
    if len(last):
        st.markdown(f"**后{len(last)}名**  \n"
                    + "  \n".join(web.markdown_literal(line) for line in phone.county_lines(last, measure)))
    if len(first):
        st.page_link("pages/regions.py", label="区县与排名", icon=":material/map:", query_params=filters)

est = estimate.of(web.query, period, region, None, "amount_wan")
if est.applies and est.value is not None:
    st.markdown(f"**{estimate.figure(est)}**")
    st.page_link("pages/trend.py", label="趋势分析", icon=":material/show_chart:", query_params=filters)
st.caption(source)
