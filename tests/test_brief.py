"""The 统计月报 (docx, pdf) and 汇报PPT of the demo's December 2024, each made once and read back as the office
would open it (python-docx, pdftotext/pdffonts/pdfimages, python-pptx): the figures are 总览's, every table
and chart is numbered and sourced, fonts are embedded, and a center's own templates are used."""

import io
import re
import subprocess

import pytest
from docx import Document
from pptx import Presentation
from pptx.util import Emu

from tradestats import cli
from tradestats.deploy import deployment
from tradestats.documents import brief, deck, report
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period

HEADLINE = "全年全市完成公共资源进场交易项目1534宗，同比增长23.81%；交易总额293.74亿元，同比增长18.59%"
CENTER = "怀化市公共资源交易中心"


@pytest.fixture(scope="module")
def content(dq):
    return brief.build(dq, Period(2024, 12, "month"))


@pytest.fixture(scope="module")
def word(content):
    return Document(io.BytesIO(report.docx(content)))


@pytest.fixture(scope="module")
def pdf(content, tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "月报.pdf"
    path.write_bytes(report.pdf(content))
    return path


@pytest.fixture(scope="module")
def slides(content):
    return Presentation(io.BytesIO(deck.pptx(content)))


def flat(text: str) -> str:
    """Text without the line breaks and spaces a PDF's layout puts in."""
    return re.sub(r"\s+", "", text)


def overview_figures(q, year: int, month: int) -> list[str]:
    """总览's headline of the 1–M月累计 as the pages print it."""
    s = summary.summarize(q, Period(year, month))
    return [f"{s['projects']}宗", metrics.change(s["projects_yoy_pct"]).lstrip("+"), metrics.money(s["amount_wan"]),
            metrics.change(s["amount_yoy_pct"]).lstrip("+"), metrics.money(s["savings_wan"]), metrics.money(s["premium_wan"]),
            summary.rank_label(summary.context(q), s["region_code"], s["rank"], s["rank_of"])]


def test_the_content_is_the_pages_figures(content, dq):
    assert HEADLINE in content.overall[1]
    for figure in overview_figures(dq, 2024, 12):
        assert figure in content.overall[1]
    assert content.overall[0].startswith("12月全市完成公共资源进场交易项目211宗")
    assert [h for h, _ in content.sectors] == ["（一）工程建设", "（二）政府采购", "（三）产权交易", "（四）自然资源"]
    assert "工程建设类完成交易项目666宗，同比增长26.14%；交易额184.65亿元" in content.sectors[0][1]
    assert [t.caption for t in [content.counties, *content.appendix]] == [  # 表4: the months of both years, whatever the period
        "表1　2024年全年各区县交易情况", "表2　2024年全年主要指标", "表3　2024年全年分板块交易情况", "表4　2023—2024年各月交易额",
        "表5　2024年全年各区县交易额排名", "表6　2024年全年全省市州交易额排名", "表7　2024年全年年度目标完成情况"]
    assert [c.caption for c in content.charts][:2] == ["图1　各板块交易额", "图2　交易额板块占比"]
    assert content.charts[0].conclusion == "全年交易额293.74亿元，同比增长18.59%，工程建设占62.86%"
    assert content.charts[4].conclusion == "交易额位列全省14个市州第5，较上年上升1位"
    assert content.charts[1].conclusion == "工程建设交易额占比最高（62.86%），其次为自然资源（20.07%）"
    # The demo's project lists have 交易方式: their chart comes last, after the six standard ones.
    assert content.charts[6].caption == "图7　交易方式构成" and len(content.charts) == 7
    assert content.charts[6].conclusion == "公开招标是主要交易方式（宗数占55.15%），其次为挂牌（10.56%）"
    assert content.alerts[0].startswith("【红色预警】洪江区交易额2024年全年完成2.61亿元")


def test_the_overall_paragraph_carries_the_bidders_sentence_and_its_definitions(content, fq):
    # The demo's project list has 投标人数 and 是否流标/终止: the news paragraph's sentence on them, after the sectors.
    assert content.overall[1].endswith("成交金额196.01亿元。全年平均每个项目吸引投标人6.35家，同比增长1.76%；"
                                       "流标率6.58%，比上年同期下降1.23个百分点。")
    defined = dict(content.definitions)
    assert defined["平均投标人数"] == "项目明细中有投标人数的项目（含流标）平均每个项目的投标人（竞买人）数。"
    assert defined["流标率"] == "项目明细中流标或终止的项目 ÷ 全部项目（含流标、终止）。"
    # The fixture has no project list: neither the sentence nor the definitions.
    plain = brief.build(fq, Period(2024, 12, "month"))
    assert "投标人" not in "".join(plain.overall) and not {"平均投标人数", "流标率"} & dict(plain.definitions).keys()


def test_every_table_has_units_in_its_headers(content):
    for table in [content.counties, *content.appendix]:
        numbers = [c for c in table.numeric if c not in brief.NUMBERED]
        assert all(re.search(r"（.*(宗|万元|%|百分点).*）", c) or c in ("本期", "年度目标") or c.endswith("月完成")
                   for c in numbers), (table.caption, numbers)


def test_word_report_reads_back_with_the_figures(word, dq):
    paragraphs = [p.text for p in word.paragraphs]
    for heading in ("一、总体情况", "二、分板块情况", "三、分区县情况", "四、需关注的情况", "附表", "附图", "指标说明"):
        assert heading in paragraphs
    assert paragraphs[0] == "2024年12月公共资源交易统计月报"
    body = "\n".join(paragraphs)
    assert HEADLINE in body
    for figure in overview_figures(dq, 2024, 12):
        assert figure in body
    assert "节约资金 ÷ 采购类预算/底价 × 100%" in body  # 节资率's basis, from settings.toml
    assert "图1　各板块交易额" in body and "表7　2024年全年年度目标完成情况" in body
    assert paragraphs.count("数据来源：怀化市公共资源交易中心（示例数据），数据截至2024年12月") == 7  # under every table
    counties = word.tables[0]
    assert [c.text for c in counties.rows[0].cells][:4] == ["排名", "地区", "项目数（宗）", "交易额（万元）"]
    assert [c.text for c in counties.rows[1].cells][:5] == ["1", "市本级", "537", "1,057,265.60", "16.06"]
    assert all(row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
               for row in counties.rows)
    assert len(word.inline_shapes) == 7  # the six standard charts and 交易方式构成


def test_word_header_names_the_center_and_period_and_the_footer_counts_pages(word):
    section = word.sections[0]
    assert section.header.paragraphs[0].text == f"{CENTER}　2024年12月公共资源交易统计月报"
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_pdf_is_a4_with_the_figures_header_and_page_numbers(pdf, dq):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    body = flat(text)
    assert flat(HEADLINE) in body
    for figure in overview_figures(dq, 2024, 12):
        assert flat(figure) in body
    first = text.split("\f")[0]
    assert f"{CENTER}　2024年12月公共资源交易统计月报".replace("　", "") in flat(first)
    assert flat(f"第 1 页　共 {pages} 页") in flat(first)
    for heading in ("一、总体情况", "四、需关注的情况", "附表", "附图", "指标说明", "表7", "图7"):
        assert heading in body
    assert "1,057,265.60" in text  # the counties' table, numbers as printed
    assert b"/Outlines" in pdf.read_bytes()  # the headings as bookmarks


def test_pdf_embeds_its_fonts_as_real_fonts_and_draws_charts_as_vectors(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)  # emb
    assert not [row for row in rows if "Type" in row and "3" in row]  # no Type 3 outlines: searchable, crisp
    assert any("WenQuanYiZenHei" in row[0] for row in rows)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # only the header lines: the seven charts are inline SVG, not pictures


def test_deck_is_16_9_one_chart_a_slide_titled_with_its_conclusion(slides, content):
    assert (slides.slide_width, slides.slide_height) == (Emu(12192000), Emu(6858000))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in slides.slides]
    assert "2024年12月公共资源交易情况汇报" in texts[0] and any(CENTER in t for t in texts[0])
    charts = list(slides.slides)[1:8]
    for slide, chart, words in zip(charts, content.charts, texts[1:8], strict=True):
        assert words[0] == chart.conclusion
        assert any(w.startswith(f"{chart.caption}　数据来源：{CENTER}") for w in words)
        assert sum(s.shape_type == 13 for s in slide.shapes) == 1  # the chart as one picture
    assert texts[1][0] == "全年交易额293.74亿元，同比增长18.59%，工程建设占62.86%"
    table = next(s.table for s in slides.slides[8].shapes if s.has_table)
    assert [c.text for c in table.rows[1].cells][:5] == ["1", "市本级", "537", "1,057,265.60", "16.06"]
    assert len(table.rows) == 15
    assert texts[9][0] == "需关注的情况：预警6条（红色1条，黄色5条）"
    assert any("【红色预警】洪江区交易额2024年全年完成2.61亿元" in t for t in texts[9])
    assert len(slides.slides) == 10


def test_shapes_stay_inside_their_slides(slides):
    for slide in slides.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= slides.slide_width and shape.top + shape.height <= slides.slide_height


def test_a_centers_own_templates_are_used(dq, tmp_path, monkeypatch, content):
    own = tmp_path / "templates"
    own.mkdir()
    word = Document(str(brief.LAYOUTS / report.DOCX))
    word.sections[0].header.paragraphs[0].text = "本中心自己的页眉：{单位}·{期间}"
    word.add_paragraph("模板里的示例正文，生成时去掉")
    word.save(own / report.DOCX)
    prs = Presentation(str(brief.LAYOUTS / deck.PPTX))
    prs.slide_width, prs.slide_height = Emu(9144000), Emu(6858000)  # a 4:3 template
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "模板里的示例幻灯片"
    prs.save(own / deck.PPTX)
    (own / report.CSS).write_text("@page { size: A4; } h1 { color: #123456; }", encoding="utf-8")
    monkeypatch.setenv("TRADESTATS_HOME", str(tmp_path))
    made = Document(io.BytesIO(report.docx(content)))
    assert made.sections[0].header.paragraphs[0].text == f"本中心自己的页眉：{CENTER}·2024年12月"
    assert "模板里的示例正文，生成时去掉" not in [p.text for p in made.paragraphs]
    slides = Presentation(io.BytesIO(deck.pptx(content)))
    assert slides.slide_width == Emu(9144000) and len(slides.slides) == 10
    assert "模板里的示例幻灯片" not in [s.text_frame.text for slide in slides.slides for s in slide.shapes if s.has_text_frame]
    for slide in slides.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= slides.slide_width
    assert "h1 { color: #123456; }" in report.html_document(content)


def test_a_county_report_has_its_name_and_no_county_table(dq):
    county = brief.build(dq, Period(2024, 6, "month"), "431224")
    assert county.report_title == "溆浦县2024年6月公共资源交易统计月报"
    assert county.counties is None and county.appendix[0].caption == "表1　2024年1-6月主要指标"
    ranks = summary.ranking(dq, summary.context(dq), Period(2024, 6), "431224")
    own = ranks[ranks.region_code == "431224"].iloc[0]
    assert county.counties_text.startswith(f"2024年1-6月，溆浦县交易额{metrics.money(own.value)}，"
                                           f"全市{int(own.rank_of)}个区县中列第{int(own['rank'])}，")
    assert county.overall[1].startswith("1-6月溆浦县完成公共资源进场交易项目")
    assert all("溆浦县" in line for line in county.alerts)


def test_cli_writes_each_format(demo_db, tmp_path, capsys):
    assert cli.main(["--db", str(demo_db), "brief", "--year", "2024", "--month", "12", "--format", "docx",
                     "--out", str(tmp_path)]) == 0
    written = tmp_path / "2024年12月公共资源交易统计月报.docx"
    assert f"已写出 {written}" in capsys.readouterr().out
    assert HEADLINE in "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert cli.main(["--db", str(demo_db), "brief", "--year", "2024", "--month", "6", "--region", "431224",
                     "--format", "pptx", "--out", str(tmp_path / "月报")]) == 0
    assert Presentation(str(tmp_path / "月报" / "溆浦县2024年6月公共资源交易情况汇报.pptx")).slides[0]
    assert cli.main(["--db", str(demo_db), "brief", "--year", "2024", "--month", "12", "--region", "999",
                     "--format", "pptx", "--out", str(tmp_path)]) == 2
    assert "地区编码 999 不是怀化市或其所辖区县的编码" in capsys.readouterr().err
    assert cli.main(["--db", str(demo_db), "brief", "--year", "2030", "--month", "1", "--format", "pdf",
                     "--out", str(tmp_path)]) == 2
    assert "2030年1月全市没有公共资源交易数据，无法生成统计月报" in capsys.readouterr().err


def test_a_sectors_paragraph_names_its_trade_types_where_the_data_has_them(tmp_path):
    import datetime as dt

    from conftest import runner

    from tradestats import config
    from tradestats.ingest import importer

    path = tmp_path / "tradestats.duckdb"
    deployment.build(path, config.DATA_DIR, demo=True)
    text = "月份,地区,交易类型,项目数,交易额（万元）\n2024-12,鹤城区,土地使用权,3,30000\n2024-12,鹤城区,采矿权,1,500\n"
    plan = importer.plan(path, "鹤城12月.csv", text.encode(), today=dt.date(2025, 1, 10))
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    heading, paragraph = brief.build(runner(path), Period(2024, 12, "month")).sectors[3]
    assert heading == "（四）自然资源"
    assert paragraph.endswith("其中，土地使用权3宗，交易额3.00亿元；采矿权1宗，交易额500.00万元。")
