"""区县与排名: the city's counties (and 市本级) ranked by the chosen measure with 同比 and rank change, on a
map and in a table; the province's cities ranked the same way. A click on a county narrows every page."""

import streamlit as st

from tradestats.domain import summary, targets
from tradestats.domain.periods import Period
from tradestats.present import charts, geo, tables
from tradestats.ui import web

f = web.current()
ctx = web.context()
period, measure = f.period, f.measure
source = summary.source_line(ctx)
home_name = ctx.region_name(ctx.home)

st.title(f"{period.label}{measure.label}区县与全省排名" + (f"·{f.sector_name}" if f.sector else ""))
web.require_applicable(f)
counties = web.query("rank_by_region", **period.params(), parent=ctx.home, sector=f.sector,
                     measure=measure.column)
cells = web.query("cells_by_level_of_city", **period.params(), city=ctx.home).iloc[0]
split = not (cells.county_cells == 0 and cells.city_cells > 0)
if not split:  # a city whose files give only its total
    st.info(f"{home_name}的数据没有区县拆分（只有全市合计），所以没有区县排名和地图；下面是{home_name}在全省市州中的排名。")
elif counties.value.isna().all():
    web.no_data(f)
if split:
    web.show_gaps(ctx, period)
web.basis_notes(ctx, period, summary.headline(web.query, period, ctx.home, f.sector))  # 累计 tables; or what is missing

if split:
    shapes = geo.boundaries(ctx.home)
    left, right = st.columns([3, 2])
    with left:
        if shapes:
            on_map = web.chart(web.figure(charts.region_map, ctx.home, counties, measure, f.region,
                                          f"{period.label}{home_name}各区县{measure.label}", source),
                               f"各区县{measure.label}地图_{period.label}", key="regions_map", clickable=True)
            mapped = {x["properties"]["region_code"] for x in shapes["features"]}
            unmapped = counties[~counties.region_code.isin(mapped)].region_name
            if len(unmapped):
                st.caption(f"{'、'.join(unmapped)}没有行政区划边界，只在排名中列出。")
        else:
            on_map = None
            st.info("部署目录的 boundaries/ 中没有本市的区县边界（tradestats init --city 会写入），地图不显示。")
    with right:
        on_bars = web.chart(web.figure(charts.rank_bars, counties, measure, f.region, f"{period.label}各区县{measure.label}排名",
                                       source), f"各区县{measure.label}排名_{period.label}", key="regions_bars",
                            clickable=True)
    picked = on_map or on_bars
    if picked and picked != f.region:
        web.narrow(region=picked)
    st.caption("点击地图或柱形可只看该区县（所有页面随之筛选）；侧栏“清除地区和板块筛选”恢复全市。")
    web.table(tables.rank_table(counties, measure), wrap=("地区",))

goals = targets.by_county(web.query, ctx, period, measure.column) if f.sector is None else None
if goals is not None and len(goals):  # without county targets of this measure nothing is shown
    ytd = Period(period.year, period.month, "ytd").label
    st.subheader(f"各区县{measure.label}年度目标完成率（{ytd}累计）")
    behind = goals.vs_schedule_pts < 0
    left, right = st.columns([3, 2])
    with left:
        picked = web.chart(web.figure(charts.target_bars, list(goals.short_name), goals.completion_pct, behind,
                                      goals.schedule_pct.iloc[0], f"{ytd}各区县{measure.label}年度目标完成率（%）",
                                      source, list(goals.region_code)),
                           f"各区县{measure.label}目标完成率_{ytd}", key="regions_targets", clickable=True)
    with right:
        web.table(tables.target_table(goals, measure), wrap=("地区",))
        late = goals[behind]
        st.caption((f"落后序时进度的区县（{len(late)}个）：{'、'.join(late.short_name)}。" if len(late) else
                    "各区县都达到了序时进度。") + targets.note(ctx, period))
    if picked and picked != f.region:
        web.narrow(region=picked)

st.subheader(f"{home_name}在全省市州中的排名")
cities = web.query("rank_by_region", **period.params(), parent=ctx.province, sector=f.sector,
                   measure=measure.column)
if cities.value.isna().all():  # no city's figure of the period is known: nothing to rank
    st.info(f"全省各市州{period.label}都没有可以得出的{measure.label}，无法排名。")
else:  # the table under the chart, as the counties' (beside it, its 14 names wrapped a character a line)
    web.chart(web.figure(charts.rank_bars, cities, measure, ctx.home, f"{period.label}全省市州{measure.label}排名",
                         source), f"全省市州{measure.label}排名_{period.label}", key="regions_cities")
    web.table(tables.rank_table(cities, measure), wrap=("地区",))
