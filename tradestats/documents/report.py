"""The 统计月报 as Word (from the deployment's or the shipped .docx template) and as PDF (HTML and CSS, A4,
printed by the machine's headless Chromium: charts as inline SVG, so vector, and the CJK fonts embedded)."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import subprocess
import tempfile
from pathlib import Path

from tradestats.documents import render
from tradestats.documents.brief import Brief, Table, template

SECTIONS = ("一、总体情况", "二、分板块情况", "三、分区县情况", "四、需关注的情况")
DOCX = "统计月报.docx"
CSS = "统计月报.css"
PRINT_TIMEOUT_S = 120


def made_on(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year}年{today.month}月{today.day}日"


def header_text(brief: Brief) -> str:
    return f"{brief.center}　{brief.report_title}"


def outline(brief: Brief) -> list[tuple[str, object]]:
    """The report's blocks in order, for both writers: (kind, content)."""
    out: list[tuple[str, object]] = [("h2", SECTIONS[0]), *(("p", p) for p in brief.overall), ("h2", SECTIONS[1])]
    for heading, paragraph in brief.sectors:
        out += [("h3", heading), ("p", paragraph)]
    if brief.sectors_text:  # no split by sector: why
        out.append(("p", brief.sectors_text))
    out.append(("h2", SECTIONS[2]))
    if brief.counties is not None:
        out += [("p", brief.counties_text), ("table", brief.counties)]
    else:
        out.append(("p", brief.counties_text))
    out.append(("h2", SECTIONS[3]))
    if brief.alerts:
        out += [("p", f"{brief.period_label}需关注的预警{len(brief.alerts)}条（详见看板“预警”页）："), ("alerts", brief.alerts)]
    else:
        out.append(("p", f"{brief.period_label}没有需关注的预警。"))
    out.append(("appendix", "附表"))
    out += [("table", t) for t in brief.appendix]
    out.append(("h2", "附图"))
    out += [("chart", c) for c in brief.charts]
    out += [("h2", "指标说明"), ("definitions", brief.definitions)]
    return out


# --- PDF ---------------------------------------------------------------------------------------------------

def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inline_svg(svg: bytes) -> str:
    """kaleido's SVG scaled to the column: a viewBox from its size, its own width and height dropped; and
    DejaVu Sans beside the chart's TrueType CJK font for the signs that font lacks (the axes' minus, −), so
    that no glyph falls through to an OpenType font Chromium would embed as Type 3."""
    text = svg.decode("utf-8").replace("'WenQuanYi Zen Hei',", "'WenQuanYi Zen Hei', 'DejaVu Sans',")
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    head = re.match(r"<svg[^>]*>", text).group(0)
    width, height = (re.search(rf'\b{a}="([\d.]+)', head).group(1) for a in ("width", "height"))
    fixed = re.sub(r'\s(width|height)="[^"]*"', "", head).replace("<svg", f'<svg viewBox="0 0 {width} {height}"', 1)
    return fixed + text[len(head):]


def html_table(table: Table, source: str) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in table.frame.columns)
    rows = "".join("<tr>" + "".join(
        f'<td class="num">{e(v)}</td>' if c in table.numeric else f"<td>{e(v)}</td>"
        for c, v in zip(table.frame.columns, row)) + "</tr>" for row in table.frame.itertuples(index=False))
    note = f'<p class="source">{e(table.note)}</p>' if table.note else ""
    return (f'<p class="caption">{e(table.caption)}</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            f'</table><p class="source">{e(source)}</p>{note}')


def html_document(brief: Brief, today: dt.date | None = None) -> str:
    e = html.escape
    css = template(CSS).read_text(encoding="utf-8")
    pages = (f"@page {{ @top-center {{ content: {css_string(header_text(brief))}; }} "
             '@bottom-center { content: "第 " counter(page) " 页　共 " counter(pages) " 页"; } }')
    body = [f"<h1>{e(brief.report_title)}</h1>", f'<p class="meta">{e(brief.center)}　{made_on(today)}</p>']
    for kind, content in outline(brief):
        if kind in ("h2", "h3", "p"):
            body.append(f"<{kind}>{e(content)}</{kind}>")
        elif kind == "appendix":
            body.append(f'<h2 class="appendix">{e(content)}</h2>')
        elif kind == "table":
            body.append(html_table(content, brief.source))
        elif kind == "alerts":
            body.append('<ul class="alerts">' + "".join(
                f'<li class="{"red" if a.startswith("【红色") else "yellow"}">{e(a)}</li>' for a in content) + "</ul>")
        elif kind == "chart":
            svg = inline_svg(render.image(content.figure, "svg"))
            note = f'<p class="source">{e(content.note)}</p>' if content.note else ""
            body.append(f"<figure>{svg}<figcaption>{e(content.caption)}</figcaption>{note}</figure>")
        elif kind == "definitions":
            body.append("<dl>" + "".join(f"<div><dt>{e(t)}</dt><dd>{e(d)}</dd></div>" for t, d in content) + "</dl>")
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(brief.report_title)}</title>'
            f"<style>{css}\n{pages}</style></head><body>{''.join(body)}</body></html>")


def print_pdf(page: str) -> bytes:
    """An HTML page to PDF by headless Chromium (its own profile, no default header or footer), in the export
    browser's turn with the image browser stopped: one Chromium at a time in the process."""
    with render.exclusive() as browser:
        return _print_pdf(page, browser)


def _print_pdf(page: str, browser: str | None) -> bytes:
    if browser is None:
        raise render.RenderError("服务器上没有找到 Chromium 浏览器，无法生成 PDF。请在服务器上安装：sudo apt-get install "
                                 "chromium fonts-noto-cjk（或用环境变量 BROWSER_PATH 指定浏览器）。Word 版不需要浏览器。")
    with tempfile.TemporaryDirectory(prefix="tradestats-pdf-") as folder:
        source, out = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                   "--generate-pdf-document-outline",
                   f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={out}", source.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise render.RenderError(f"Chromium 在 {PRINT_TIMEOUT_S} 秒内没有生成 PDF，请稍后重试。") from e
        finally:
            render.wait_gone(str(Path(folder) / "profile"))  # its last processes, before the next browser
        if not out.exists() or out.stat().st_size == 0:
            raise render.RenderError(f"Chromium 没有生成 PDF（退出码 {done.returncode}）：{done.stderr.decode(errors='replace')[-300:]}")
        return out.read_bytes()


def pdf(brief: Brief) -> bytes:
    return print_pdf(html_document(brief))


# --- Word --------------------------------------------------------------------------------------------------

def fill_placeholders(paragraphs, values: dict[str, str]) -> None:
    """{单位}, {标题}, {期间} in the template's header and footer, replaced run by run (keeping their look)."""
    for paragraph in paragraphs:
        for run in paragraph.runs:
            for key, value in values.items():
                if key in run.text:
                    run.text = run.text.replace(key, value)


def emptied(doc) -> None:
    """The template's body removed (its example text), its section settings, styles, header and footer kept."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def style_or_none(doc, name: str):
    try:
        return doc.styles[name]
    except KeyError:  # a center's template without this style: Word's default look
        return None


def text_width(text: str) -> float:
    """A text's width in half-ems: a CJK character is a full em, a digit or sign about half."""
    return sum(2 if ord(ch) > 0x2E80 else 1.3 for ch in str(text))


TEXT_COLUMN_MAX = 12  # half-ems: a long name (靖州苗族侗族自治县) wraps to two lines, a number never does


def column_widths(table: Table, total: int) -> list[int]:
    """The text width shared out by the widest cell of each column (a header may take two lines), the cells'
    padding included, numbers first: Word and WPS keep these; LibreOffice would otherwise give every column the same width."""
    wanted = [min(max([text_width(h) / 2, 4, *(text_width(v) for v in table.frame[h])]),
                  99 if h in table.numeric else TEXT_COLUMN_MAX) + 3 for h in table.frame.columns]
    return [int(total * w / sum(wanted)) for w in wanted]


def docx_table(doc, table: Table, total_width: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_paragraph(table.caption, style=style_or_none(doc, "Caption"))
    t = doc.add_table(rows=1, cols=len(table.frame.columns))
    t.style = style_or_none(doc, "Table Grid")
    t.autofit = False
    widths = column_widths(table, total_width)
    for column, width in zip(t.columns, widths):
        column.width = width  # the grid, which LibreOffice reads; each cell's own width below, which Word reads
    whole = OxmlElement("w:tblW")
    whole.set(qn("w:w"), str(sum(widths) // 635))  # twips
    whole.set(qn("w:type"), "dxa")
    for old in t._tbl.tblPr.findall(qn("w:tblW")):
        t._tbl.tblPr.remove(old)
    t._tbl.tblPr.append(whole)
    text_style = style_or_none(doc, "Table Text")
    for i, (row_cells, values) in enumerate([(t.rows[0].cells, list(table.frame.columns)),
                                             *((None, list(r)) for r in table.frame.itertuples(index=False))]):
        row = t.rows[0] if i == 0 else t.add_row()
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))  # a row never splits across pages
        if i == 0:
            props.append(OxmlElement("w:tblHeader"))  # the header row repeats on the next page
        for column, cell, value, width in zip(table.frame.columns, row.cells, values, widths):
            cell.width = width
            cell.text = str(value)
            paragraph = cell.paragraphs[0]
            paragraph.style = text_style
            if i == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
            elif column in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def docx(brief: Brief, today: dt.date | None = None) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document(str(template(DOCX)))
    emptied(doc)
    values = {"{单位}": brief.center, "{标题}": brief.report_title, "{期间}": brief.period_label}
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            fill_placeholders(part.paragraphs, values)
    doc.add_paragraph(brief.report_title, style=style_or_none(doc, "Title"))
    doc.add_paragraph(f"{brief.center}　{made_on(today)}", style=style_or_none(doc, "Subtitle"))
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    for kind, content in outline(brief):
        if kind in ("h2", "appendix"):
            heading = doc.add_heading(content, level=1)
            if kind == "appendix":
                heading.paragraph_format.page_break_before = True
        elif kind == "h3":
            doc.add_heading(content, level=2)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "table":
            docx_table(doc, content, width)
            doc.add_paragraph(brief.source, style=style_or_none(doc, "Source"))
            if content.note:
                doc.add_paragraph(content.note, style=style_or_none(doc, "Source"))
        elif kind == "alerts":
            for line in content:
                doc.add_paragraph(line, style=style_or_none(doc, "List Bullet"))
        elif kind == "chart":
            png = render.image(content.figure, "png")
            doc.add_picture(io.BytesIO(png), width=min(width, Cm(16)))
            doc.paragraphs[-1].alignment = 1
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
            doc.add_paragraph(content.caption, style=style_or_none(doc, "Caption")).alignment = 1
            if content.note:
                doc.add_paragraph(content.note, style=style_or_none(doc, "Source")).alignment = 1
        elif kind == "definitions":
            for term, text in content:
                p = doc.add_paragraph()
                p.add_run(f"{term}：").bold = True
                p.add_run(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
