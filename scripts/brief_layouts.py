"""Writes the default templates of the 统计月报 (Word) and the 汇报PPT into tradestats/documents/layouts/.
They are committed; run this again only to change the defaults. A center changes its own copies instead
(templates/统计月报.docx, templates/汇报.pptx in its deployment folder; see docs/reports.md, Templates)."""

import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from pptx import Presentation
from pptx.util import Emu

OUT = Path(__file__).resolve().parent.parent / "tradestats" / "documents" / "layouts"
BODY_FONT, HEADING_FONT = "宋体", "黑体"  # what a Chinese office's Word has; other machines substitute their CJK font


def fonts(style, name: str, size: float, bold: bool | None = None, colour: RGBColor | None = None) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = colour or RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(key), name)
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(key), None)


def field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as a simple field: Word, WPS and LibreOffice update it when shown."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def word() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
    section.left_margin, section.right_margin = Cm(2.4), Cm(2.4)
    section.header_distance, section.footer_distance = Cm(1.3), Cm(1.2)
    styles = doc.styles
    fonts(styles["Normal"], BODY_FONT, 12)
    styles["Normal"].paragraph_format.first_line_indent = Pt(24)
    styles["Normal"].paragraph_format.line_spacing = 1.5
    styles["Normal"].paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13)):
        fonts(styles[name], HEADING_FONT, size, bold=name != "Title")
        styles[name].paragraph_format.first_line_indent = Pt(0)
        styles[name].paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
        styles[name].paragraph_format.space_after = Pt(6)
    styles["Title"].paragraph_format.alignment = 1
    for border in styles["Title"].element.get_or_add_pPr().findall(qn("w:pBdr")):  # Word's blue rule under it
        border.getparent().remove(border)
    fonts(styles["Subtitle"], BODY_FONT, 11, colour=RGBColor(0x44, 0x44, 0x44))
    styles["Subtitle"].paragraph_format.alignment = 1
    styles["Subtitle"].font.italic = False
    styles["Subtitle"].paragraph_format.first_line_indent = Pt(0)
    fonts(styles["Caption"], HEADING_FONT, 10.5, bold=False)
    styles["Caption"].paragraph_format.alignment = 1
    styles["Caption"].paragraph_format.first_line_indent = Pt(0)
    styles["Caption"].paragraph_format.keep_with_next = True
    source = styles.add_style("Source", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = styles["Normal"]
    fonts(source, BODY_FONT, 9, colour=RGBColor(0x55, 0x55, 0x55))
    source.paragraph_format.first_line_indent = Pt(0)
    source.paragraph_format.space_after = Pt(9)
    fonts(styles["List Bullet"], BODY_FONT, 11)
    styles["List Bullet"].paragraph_format.first_line_indent = None
    # Tables in a smaller size, single-spaced, without the body's indent.
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    fonts(table_text, BODY_FONT, 9)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    fonts(styles["Table Grid"], BODY_FONT, 9)
    tpr = styles["Table Grid"].element.get_or_add_pPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    tpr.append(spacing)
    indent = OxmlElement("w:ind")
    indent.set(qn("w:firstLine"), "0")
    tpr.append(indent)
    header = section.header.paragraphs[0]
    header.text = "{单位}　{标题}"
    header.alignment = 1
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("第 ")
    field(footer, "PAGE")
    footer.add_run(" 页　共 ")
    field(footer, "NUMPAGES")
    footer.add_run(" 页")
    for paragraph in (header, footer):
        paragraph.paragraph_format.first_line_indent = Pt(0)
        for run in paragraph.runs:
            run.font.size = Pt(9)
    doc.save(OUT / "统计月报.docx")


def powerpoint() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 33.867 × 19.05 cm
    data = io.BytesIO()
    prs.save(data)
    # The theme's fonts: 微软雅黑 for Latin and East Asian text (PowerPoint and WPS on Windows have it; other
    # machines substitute their own CJK font). A center's template brings its own theme.
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", item.filename):
                text = body.decode("utf-8")
                text = re.sub(r'<a:latin typeface="[^"]*"', '<a:latin typeface="Microsoft YaHei"', text)
                text = re.sub(r'<a:ea typeface="[^"]*"', '<a:ea typeface="Microsoft YaHei"', text)
                body = text.encode("utf-8")
            dst.writestr(item, body)
    (OUT / "汇报.pptx").write_bytes(out.getvalue())


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    word()
    powerpoint()
    print(f"written to {OUT}", file=sys.stderr)
