"""新闻素材: the news paragraph of the chosen period and region, ready to copy, and the press kit."""

import streamlit as st

from tradestats import config
from tradestats.documents import auto, brief, month_files, narrative, press_kit, render
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.ui import web

f = web.current()
ctx = web.context()
period, region = f.period, f.region

st.title(f"{f.region_name}{period.label}新闻素材")
if f.sector:
    st.caption("新闻素材按全部板块撰写，侧栏的板块筛选在此页不起作用。")
text = narrative.paragraph(web.query, period, region)
st.subheader("新闻稿段落")
st.code(text, language=None, wrap_lines=True)
st.caption("点击右上角的复制按钮即可复制。所有数字与总览页相同，由数据自动生成，请勿手工改动数字。"
           + summary.basis_note(period, summary.headline(web.query, period, region)))  # 累计 tables: said so

st.subheader("素材包")
st.write("一个 zip 文件：各图表的 PNG（300 dpi）、SVG、PDF（项目明细有交易方式时含交易方式构成图），数据表（Excel 与 CSV），"
         "新闻稿文本和 Word 简报。")
if render.chromium_path() is None:
    st.error("服务器上没有找到 Chromium 浏览器，无法生成图片文件。请在服务器上安装："
             "sudo apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei。各页面图表右上角的相机按钮仍可下载 PNG。")
else:
    name = f"{f.region_name}{period.label}公共资源交易新闻素材.zip"
    st.download_button("下载素材包", data=lambda: press_kit.build(web.query, period, region)[1], file_name=name,
                       mime="application/zip", icon=":material/download:", type="primary", on_click="ignore")

st.subheader("统计月报与汇报PPT")
month = f"{period.year}年{period.month}月"
st.write(f"{f.region_name}{month}的统计月报（当月与1-{period.month}月累计，分板块、分区县、预警、附表、附图、指标说明；"
         "Word 可编辑，PDF 可直接报送）和汇报PPT（16:9，一图一页，标题即结论）。")
ytd = Period(period.year, period.month, "ytd")  # the report's 累计: one that cannot be known makes no report
this_month = Period(period.year, period.month, "month")  # the report's month, whatever the page's kind
if missing := summary.missing_sentence(ctx, ytd, summary.headline(web.query, ytd, region)["unknown_regions"]):
    st.info(f"无法生成{month}的统计月报和汇报PPT：{missing}", icon=":material/event_note:")
elif render.chromium_path() is not None:
    for column, (fmt, label) in zip(st.columns(3), brief.BUTTONS.items()):
        column.download_button(label, data=lambda fmt=fmt: month_files.write(web.query, this_month, region, fmt)[1],
                               file_name=brief.file_name(web.context(), this_month, region, fmt),
                               mime=brief.MIME[fmt], icon=":material/download:", on_click="ignore", key=f"brief_{fmt}")
made = auto.by_month(config.db_path())
st.markdown("**已生成的月报**（某月数据导入齐全后自动生成，存放在服务器的 reports 文件夹）")
if not made:
    st.caption("还没有自动生成的月报。")
for month_name, when, files in made:
    columns = st.columns([3, 1, 1, 1], vertical_alignment="center")
    columns[0].write(f"{month_name}　{when:%Y-%m-%d %H:%M} 生成")
    for column, fmt in zip(columns[1:], brief.FORMATS):
        if fmt in files:
            column.download_button(brief.SHORT[fmt], data=lambda file=files[fmt]: file.read_bytes(),
                                   file_name=files[fmt].name, mime=brief.MIME[fmt], on_click="ignore",
                                   key=f"made_{files[fmt].name}", icon=":material/download:")
