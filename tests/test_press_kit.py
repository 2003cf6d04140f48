"""The press kit of the demo 2024, built once: what is in the zip, and each file opened by the tool a
press officer would use (pdffonts, an image reader, Word, Excel)."""

import csv
import io
import subprocess
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from tradestats.documents import narrative, press_kit, render, spreadsheet
from tradestats.domain.periods import Period

STEM = "怀化市2024年全年"


@pytest.fixture(scope="module")
def kit(dq):
    name, data = press_kit.build(dq, Period(2024))
    assert name == f"{STEM}公共资源交易新闻素材.zip"
    return zipfile.ZipFile(io.BytesIO(data))


def test_every_chart_in_three_formats_and_the_documents(kit):
    names = set(kit.namelist())
    for chart in ("各板块交易额", "交易额板块占比", "各月交易额", "各区县交易额排名", "全省市州交易额排名", "各区县交易额地图",
                  "交易方式构成"):
        for fmt in ("png", "svg", "pdf"):
            assert f"图表/{STEM}_{chart}.{fmt}" in names
    assert {f"{STEM}_新闻稿.txt", f"{STEM}_数据表.xlsx", f"{STEM}_简报.docx"} <= names


def test_paragraph_text_is_the_pages_paragraph(kit, dq):
    assert kit.read(f"{STEM}_新闻稿.txt").decode("utf-8-sig").strip() == narrative.paragraph(dq, Period(2024))


def test_pdf_embeds_a_cjk_font_and_carries_the_text(kit, tmp_path):
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(kit.read(f"图表/{STEM}_各板块交易额.pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" == row[-5] for row in rows)  # the emb column: every font embedded
    assert any("WenQuanYiZenHei" in row[0] for row in rows)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "2024年全年各板块交易额（亿元）" in text and "工程建设" in text and "184.65" in text


def test_png_is_300_dpi_at_print_size_and_not_blank(kit):
    image = Image.open(io.BytesIO(kit.read(f"图表/{STEM}_各板块交易额.png")))
    assert image.size == (2 * render.WIDTH_PX, 2 * 560)
    assert round(image.info["dpi"][0]) == 300
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # bars, text and anti-aliasing, not a flat page


def test_svg_names_the_cjk_fonts(kit):
    svg = kit.read(f"图表/{STEM}_各板块交易额.svg").decode("utf-8")
    assert "WenQuanYi Zen Hei" in svg and "Noto Sans CJK SC" in svg and "工程建设" in svg


def test_docx_holds_the_paragraph_images_and_table(kit, dq):
    doc = Document(io.BytesIO(kit.read(f"{STEM}_简报.docx")))
    texts = [p.text for p in doc.paragraphs]
    assert f"{STEM}公共资源交易情况" in texts
    assert narrative.paragraph(dq, Period(2024)) in texts
    assert len(doc.inline_shapes) == 3
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["板块", "项目数", "项目数同比", "交易额", "交易额同比", "占比"]
    assert [c.text for c in table.rows[1].cells][:3] == ["工程建设", "666宗", "+26.14%"]


def test_xlsx_has_one_sheet_per_table_with_units_and_formats(kit):
    wb = load_workbook(io.BytesIO(kit.read(f"{STEM}_数据表.xlsx")))
    assert wb.sheetnames == ["主要指标", "板块", "各月交易额", "区县排名", "市州排名", "年度目标", "交易方式", "说明"]
    sheet = wb["板块"]
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["板块", "项目数（宗）", "项目数同比（%）", "交易额（万元）", "交易额同比（%）", "占比（%）"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet["B2"].value == 666 and sheet["D2"].number_format == "#,##0.00"
    assert round(sheet["D2"].value, 2) == 1846512.33
    main = {row[0].value: row[2].value for row in wb["主要指标"].iter_rows(min_row=2)}
    assert main["项目数"] == 1534 and round(main["交易额"], 2) == 2937386.42
    goals = [[c.value for c in row] for row in wb["年度目标"].iter_rows()]  # the demo's (made-up) targets
    assert goals[0] == ["目标", "单位", "年度目标", "1-12月完成", "完成率（%）", "序时进度（%）", "较序时进度（百分点）"]
    assert goals[1] == ["交易额", "万元", 2600000, 2937386.42, 112.98, 100, 12.98]


def test_the_method_mix_chart_and_its_table_where_the_project_lists_have_methods(kit, tmp_path):
    # The demo's project list has 交易方式 (as `tradestats market --year 2024 --json`: methods).
    pdf = tmp_path / "mix.pdf"
    pdf.write_bytes(kit.read(f"图表/{STEM}_交易方式构成.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "2024年全年交易方式构成（宗数占比）" in text and "公开招标" in text and "55.1%" in text
    image = Image.open(io.BytesIO(kit.read(f"图表/{STEM}_交易方式构成.png")))
    assert image.size == (2 * render.WIDTH_PX, 2 * 560) and len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50
    sheet = load_workbook(io.BytesIO(kit.read(f"{STEM}_数据表.xlsx")))["交易方式"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["交易方式", "项目数（宗）", "占比（%）", "交易额（万元）", "节资率（%）"]
    assert rows[1] == ["公开招标", 846, 55.15, 2006036.09, 5.03]
    assert rows[2] == ["挂牌", 162, 10.56, 369125.86, None]  # a sale: no 节资率
    assert [r[0] for r in rows[1:]] == ["公开招标", "挂牌", "网络竞价", "竞争性磋商", "拍卖", "询价"]
    assert sum(r[1] for r in rows[1:]) == 1534 and sheet["D2"].number_format == "#,##0.00"
    csv_rows = list(csv.reader(io.StringIO(kit.read(f"表格/{STEM}_交易方式.csv").decode("utf-8-sig"))))
    assert csv_rows[1] == ["公开招标", "846", "55.15", "2006036.09", "5.03"]


def test_no_method_mix_without_methods_in_the_data(fq):
    # The fixture has monthly cells and no project list: the kit is as before, without the chart or its table.
    kit = press_kit.make_kit(fq, Period(2024), None)
    assert press_kit.market_charts(fq, kit) == [] and press_kit.market_tables(fq, kit) == {}
    assert [name for name, _ in press_kit.standard_charts(fq, kit)][:5] == [
        "各板块交易额", "交易额板块占比", "各月交易额", "各区县交易额排名", "全省市州交易额排名"]


def test_csv_is_utf8_with_bom_for_excel(kit):
    raw = kit.read(f"表格/{STEM}_板块.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "板块" and rows[1][:2] == ["工程建设", "666"]


def test_workbook_and_csv_neutralise_text_cells():
    """(The rule and every export path over an imported database: test_spreadsheet.py.)"""
    import pandas as pd

    df = pd.DataFrame({"地区": ["=HYPERLINK(\"x\")", "鹤城区"], "交易额（万元）": [-1.5, 2.0]})
    assert spreadsheet.csv_bytes(df).decode("utf-8-sig").splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\",-1.5"
    sheet = load_workbook(io.BytesIO(press_kit.workbook({"t": df}, "来源")))["t"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=HYPERLINK(\"x\")", "s") and sheet["B2"].value == -1.5


def test_without_chromium_the_message_says_what_to_install(monkeypatch):
    render.close()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(render.RenderError, match="apt-get install chromium"):
        render.image(__import__("plotly.graph_objects").graph_objects.Figure(), "png")
