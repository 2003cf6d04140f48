"""The 汇报PPT of a month (16:9): a title slide, one slide per standard chart titled with its conclusion, the
counties' table and the open 预警. Built on the deployment's templates/汇报.pptx (its master, theme fonts
and logo) or the shipped one; every slide uses the template's blank layout, with text boxes placed here, so
a template made for another slide size still gives slides that fit."""

from __future__ import annotations

import datetime as dt
import io

import re

from tradestats.present import charts, names
from tradestats.documents import render
from tradestats.documents.brief import Brief, template

PPTX = "汇报.pptx"
ACCENT = "A5282C"  # the house red of the charts
MUTED = "666666"
MAX_ALERTS = 7  # more would not be read in a meeting; the rest are counted
COUNTY_COLUMNS = ("排名", "地区", "项目数（宗）", "交易额（万元）", "同比（%）", "排名变化", "完成率（%）")
# A text never runs out of its box (a 5 000-character name made the 预警 slide's box ~100 lines long): each paragraph
# is shortened (fitted) to the lines its box gives it.
TITLE_LINES = 2  # a slide's title, above the red bar
ALERT_LINES = 2  # a 预警, seven and a count below them in the box
QUOTED = re.compile(r"“([^”]*)”")  # a name in a sentence (a 预警's project): shortened to names.SLIDE first
INSET_EMU = 91440  # a text box's and a table cell's inner margin left and right (0.1 inch, python-pptx's default)
EMU_PER_PT = 12700


def fitted(text: str, width: int, size: float, lines: int) -> str:
    """text shortened (names.shortened) to what `lines` lines of a box `width` EMU wide hold at `size` points: a
    CJK character a full em, any other about 0.6 em (charts.label_px), and an em a line spare for a wrap that
    falls early."""
    room = ((width - 2 * INSET_EMU) / (size * EMU_PER_PT) - 1) * lines
    used = 0.0
    for i, ch in enumerate(text):
        used += charts.label_px(ch, 1)
        if used > room:
            return names.shortened(text, max(1, i - 1))
    return text


def blank_layout(prs):
    """The template's blank layout (by name, else the one with the fewest placeholders)."""
    for layout in prs.slide_layouts:
        if layout.name.strip().lower() in ("blank", "空白", "空白版式"):
            return layout
    return min(prs.slide_layouts, key=lambda layout: len(layout.placeholders))


def without_slides(prs) -> None:
    """A center's template may hold example slides: they are taken out, its layouts and master kept."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def text_box(slide, left, top, width, height, text: str, size: int, bold: bool = False, colour: str | None = None,
             align: str | None = None, lines: int = 1):
    """A text box of text's lines as paragraphs, each fitted to `lines` lines of the box."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = getattr(PP_ALIGN, align)
        run = paragraph.add_run()
        run.text = fitted(line, width, size, lines)
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return box


class Slides:
    """The deck being written, with the geometry of its slide size."""

    def __init__(self, brief: Brief):
        from pptx import Presentation

        self.brief = brief
        self.prs = Presentation(str(template(PPTX)))
        without_slides(self.prs)
        self.layout = blank_layout(self.prs)
        self.width, self.height = self.prs.slide_width, self.prs.slide_height
        self.margin = int(self.width * 0.04)

    def new(self, title: str | None = None):
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE

        slide = self.prs.slides.add_slide(self.layout)
        number = len(self.prs.slides)
        if title is not None:
            text_box(slide, self.margin, int(self.height * 0.03), self.width - 2 * self.margin,
                     int(self.height * 0.12), title, 24, bold=True, lines=TITLE_LINES)
            bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, self.margin, int(self.height * 0.155),
                                         int(self.width * 0.08), int(self.height * 0.008))
            bar.fill.solid()
            bar.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
            bar.line.fill.background()
            text_box(slide, self.width - self.margin - int(self.width * 0.08), int(self.height * 0.93),
                     int(self.width * 0.08), int(self.height * 0.05), str(number), 10, colour=MUTED, align="RIGHT")
        return slide

    def footer(self, slide, text: str) -> None:
        text_box(slide, self.margin, int(self.height * 0.93), int(self.width * 0.8), int(self.height * 0.05),
                 text, 10, colour=MUTED)

    def title_slide(self, today: dt.date) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE

        slide = self.new()
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, int(self.height * 0.3), self.width, int(self.height * 0.28))
        band.fill.solid()
        band.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
        band.line.fill.background()
        b = self.brief
        text_box(slide, self.margin, int(self.height * 0.34), self.width - 2 * self.margin, int(self.height * 0.2),
                 b.deck_title, 36, bold=True, colour="FFFFFF", align="CENTER", lines=2)
        text_box(slide, self.margin, int(self.height * 0.64), self.width - 2 * self.margin, int(self.height * 0.14),
                 f"{b.center}\n{today.year}年{today.month}月{today.day}日", 18, colour="333333", align="CENTER")

    def chart_slide(self, chart) -> None:
        from pptx.util import Emu

        slide = self.new(chart.conclusion)
        png = render.image(chart.figure, "png")
        top, bottom = int(self.height * 0.19), int(self.height * 0.9)
        height = bottom - top
        width = int(height * render.WIDTH_PX / 560)  # the print size's aspect (render.for_print)
        if width > self.width - 2 * self.margin:
            width = self.width - 2 * self.margin
            height = int(width * 560 / render.WIDTH_PX)
        slide.shapes.add_picture(io.BytesIO(png), Emu((self.width - width) // 2), Emu(top), Emu(width), Emu(height))
        self.footer(slide, f"{chart.caption}　{chart.note + '　' if chart.note else ''}{self.brief.source}")

    def county_slide(self) -> None:
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
        from pptx.util import Pt

        table = self.brief.counties
        frame = table.frame[[c for c in COUNTY_COLUMNS if c in table.frame.columns]]
        said = next((c.conclusion for c in self.brief.charts if c.name == "各区县交易额排名"), "")
        slide = self.new(f"各区县交易情况：{said}" if said else "各区县交易情况")
        top = int(self.height * 0.19)
        rows, cols = len(frame) + 1, len(frame.columns)
        row_height = min(int(self.height * 0.72 / rows), int(self.height * 0.06))
        shape = slide.shapes.add_table(rows, cols, self.margin, top, self.width - 2 * self.margin, row_height * rows)
        grid = shape.table
        size = 14 if rows <= 12 else 11 if rows <= 16 else 9
        for c, column in enumerate(frame.columns):
            for r, value in enumerate([column, *frame[column]]):
                cell = grid.cell(r, c)
                cell.text = fitted(str(value), grid.columns[c].width, size, 1)
                cell.margin_top = cell.margin_bottom = 0
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.alignment = (PP_ALIGN.CENTER if r == 0 else PP_ALIGN.RIGHT if column in table.numeric
                                       else PP_ALIGN.LEFT)
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = r == 0
        for row in grid.rows:
            row.height = row_height
        self.footer(slide, f"{table.caption}　{self.brief.source}")

    def alerts_slide(self) -> None:
        lines = self.brief.alerts
        reds = sum(line.startswith("【红色") for line in lines)
        slide = self.new(f"需关注的情况：预警{len(lines)}条（红色{reds}条，黄色{len(lines) - reds}条）")
        shown = [QUOTED.sub(lambda m: f"“{names.shortened(m.group(1), names.SLIDE)}”", line) for line in lines[:MAX_ALERTS]]
        if len(lines) > MAX_ALERTS:
            shown.append(f"……另有{len(lines) - MAX_ALERTS}条，详见看板“预警”页。")
        box = text_box(slide, self.margin, int(self.height * 0.2), self.width - 2 * self.margin, int(self.height * 0.7),
                       "\n".join(shown), 16, lines=ALERT_LINES)
        from pptx.dml.color import RGBColor
        from pptx.util import Pt

        for paragraph, line in zip(box.text_frame.paragraphs, shown):
            paragraph.space_after = Pt(8)
            if line.startswith("【红色"):
                paragraph.runs[0].font.color.rgb = RGBColor.from_string(ACCENT)
        self.footer(slide, f"{self.brief.period_label}未处理或已确认的预警，规则见 alerts.toml　{self.brief.source}")


def pptx(brief: Brief, today: dt.date | None = None) -> bytes:
    slides = Slides(brief)
    slides.title_slide(today or dt.date.today())
    for chart in brief.charts:
        slides.chart_slide(chart)
    if brief.counties is not None:
        slides.county_slide()
    if brief.alerts:
        slides.alerts_slide()
    out = io.BytesIO()
    slides.prs.save(out)
    return out.getvalue()
