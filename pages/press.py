"""新闻素材: the news paragraph of the chosen period and region, ready to copy, and the press kit."""

import streamlit as st

from tradestats.documents import narrative, press_kit, render
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
st.caption("点击右上角的复制按钮即可复制。所有数字与总览页相同，由数据自动生成，请勿手工改动数字。")

st.subheader("素材包")
st.write("一个 zip 文件：各图表的 PNG（300 dpi）、SVG、PDF，数据表（Excel 与 CSV），新闻稿文本和 Word 简报。")
if render.chromium_path() is None:
    st.error("服务器上没有找到 Chromium 浏览器，无法生成图片文件。请在服务器上安装："
             "sudo apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei。各页面图表右上角的相机按钮仍可下载 PNG。")
else:
    name = f"{f.region_name}{period.label}公共资源交易新闻素材.zip"
    st.download_button("下载素材包", data=lambda: press_kit.build(web.query, period, region)[1], file_name=name,
                       mime="application/zip", icon=":material/download:", type="primary", on_click="ignore")
