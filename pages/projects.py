"""项目明细: the completed trades of the period behind the monthly figures — searchable, sorted, paged,
with the largest by amount and by savings."""

import streamlit as st

from tradestats.present import tables
from tradestats.store.derive import project_query
from tradestats.ui import viewport, web

f = web.current()
period = f.period
PAGE = 50
narrow = viewport.narrow()

st.title(f"{f.scope}{period.label}项目明细")
search = st.text_input("搜索项目名称或编号", key="project_search").strip()
order = st.segmented_control("排序", list(tables.PROJECT_ORDERS), format_func=tables.PROJECT_ORDERS.get,
                             default="amount", key="project_order") or "amount"
params = dict(**period.params(), region=f.region, sector=f.sector, search=search)
first = web.query(project_query(search, PAGE, 0), **params, order=order, limit=PAGE, offset=0)
if first.empty:
    st.info(f"{f.scope}{period.label}没有项目明细" + ("符合搜索条件。" if search else
            "。项目明细在“数据管理”页导入；统计数据只有月度汇总时，本页为空。"))
    st.stop()
total = int(first.matching[0])
pages = (total + PAGE - 1) // PAGE
number = st.number_input(f"页码（共 {pages} 页，{total} 个项目）", 1, pages, 1, key="project_page") if pages > 1 else 1
offset = (number - 1) * PAGE
rows = first if number == 1 else web.query(project_query(search, PAGE, offset), **params, order=order, limit=PAGE,
                                           offset=offset)
# On a phone: the name, the amount and the order's column as a plain table (eleven columns would scroll
# sideways); the sortable grid of them all on request.
if not narrow:
    st.dataframe(tables.project_table(rows), hide_index=True)
else:
    web.table(tables.project_table_short(rows, order), wrap=("项目名称",))
    if st.toggle("完整表格（全部列，可左右滑动）", key="project_grid"):
        st.dataframe(tables.project_table(rows), hide_index=True)

left, right = st.columns(2)
for col, key, title in ((left, "amount", "成交金额前10"), (right, "savings", "节约资金前10")):
    top = tables.project_table(web.query(project_query("", 10, 0), **dict(params, search=""), order=key, limit=10,
                                         offset=0))[["项目名称", "地区", tables.PROJECT_ORDERS[key]]]
    with col:
        st.subheader(title)
        web.grid(top, narrow, wrap=("项目名称",))
