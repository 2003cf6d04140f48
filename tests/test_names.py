"""Names from imported files are text everywhere (issue 26, items 5 and 6): a 中标人 or 交易方式 written as
`<a href="https://…">公开招标</a>` is never a link — not in a chart's labels, the press kit's SVG, the 统计月报's PDF
— and a name of 5 002 characters is shortened with … on charts and slides (charts keep room for their bars, the
汇报PPT's texts stay in their boxes), whole in the tooltip and the tables. Each document is read back as the
office would open it (pdftotext and pdftohtml, python-pptx, the SVG as XML)."""

import html
import io
import json
import math
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import plotly.io
import pytest
from conftest import LINK, LONG, runner
from pptx import Presentation

from tradestats.documents import brief, deck, press_kit, report
from tradestats.domain import market, metrics
from tradestats.domain.periods import Period
from tradestats.present import charts, names

RAW_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)  # a tag Plotly would draw as a link
SHOWN_LINK = names.shortened(LINK, names.CHART)  # '<a href="https:…': the link's label, read as text
SHOWN_LONG = names.shortened(LONG, names.CHART)


@pytest.fixture(scope="module")
def nq(names_db):
    return runner(names_db)


def strings(node):
    """Every string a figure draws (labels, texts, tooltips, titles, ticks …): all in its JSON but customdata,
    what a click reports."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "customdata":
                yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def unescaped(label: str) -> str:
    """What Plotly draws of a label: the signs of its escapes."""
    return label.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def check_figure(fig, horizontal: bool = False, longest: int = names.CHART) -> list[str]:
    """A figure with LINK and LONG among its names: no tag in any of its strings, every name's label (tick or
    slice) at most `longest` characters, LINK's and LONG's labels there as text; a horizontal chart's left margin leaves
    its bars most of a 700 px chart. The labels, as drawn."""
    data = json.loads(plotly.io.to_json(fig, validate=False))
    tagged = [s[:80] for s in strings(data) if RAW_LINK.search(s)]
    assert not tagged, tagged
    axis = "yaxis" if horizontal else "xaxis"
    labels = data["layout"].get(axis, {}).get("ticktext") or [t for trace in data["data"] for t in trace.get("text", [])]
    drawn = [unescaped(t) for t in labels]
    assert any(d.startswith(SHOWN_LINK) for d in drawn) and any(d.startswith(SHOWN_LONG) for d in drawn), drawn
    assert max(map(len, drawn)) <= longest
    if horizontal:
        assert fig.layout.margin.l <= 10 + charts.label_px("字" * names.CHART) + 8 + 1
    return drawn


def test_the_rules():
    assert names.shortened("湖南建工", 16) == "湖南建工"
    assert names.shortened(LONG, 16) == "湖南很长的名称很长的名称很长的…" and len(names.shortened(LONG, 16)) == 16
    assert names.plotly_text(LINK) == '&lt;a href="https://evil.example/x?a=1&amp;b=2"&gt;公开招标&lt;/a&gt;'
    assert names.plotly_text("&lt;") == "&amp;lt;"  # an escape in a name is read as written, too
    tip = names.tooltip(LONG)
    assert tip.count("<br>") == names.TOOLTIP // names.TOOLTIP_LINE - 1 and tip.endswith("…")
    n = names.TOOLTIP_LINE
    assert names.tooltip(LINK) == "<br>".join(names.plotly_text(LINK[i:i + n]) for i in range(0, len(LINK), n))


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


PARTIES = frame(name=[LONG, "湖南建工", LINK], key=["K1", "K2", "K3"], amount_wan=[300000.0, 2000.0, 100000.0],
                local=[True, False, None], credit_code=[None, "91430100MA4L1234XL", None])
GROUPS = frame(name=[LONG, "公开招标", LINK], key=["a", "b", "c"], tenders=[1, 30, 1], projects=[1, 30, 1],
               avg_bidders=[5.0, 6.0, 5.0])
SECTORS = frame(sector_name=[LONG, "工程建设", LINK], sector_code=["a", "b", "c"], color=["#111", "#222", "#333"],
                amount_wan=[1.0, 2.0, 3.0], savings_wan=[1.0, 2.0, 3.0], savings_rate_pct=[1.0, 2.0, 3.0],
                share_pct=[10.0, 20.0, 70.0], month=[1, 1, 1])


@pytest.mark.parametrize("build, horizontal, longest", [
    (lambda: charts.party_bars(PARTIES, "前10名", "来源"), True, names.CHART),
    (lambda: charts.market_bars(GROUPS, "avg_bidders", "家", "平均投标人数", "来源", few=5), True, names.CHART),
    (lambda: charts.method_mix(GROUPS, "交易方式构成", "来源"), False, names.CHART),
    (lambda: charts.rank_bars(frame(short_name=[LONG, "鹤城区", LINK], region_code=["1", "2", "3"], value=[3.0, 2.0, 1.0]),
                              metrics.AMOUNT, "2", "排名", "来源"), True, names.CHART),
    (lambda: charts.target_bars([LONG, "鹤城区", LINK], pd.Series([50.0, 90.0, 120.0]), pd.Series([True, False, False]),
                                90.0, "完成率", "来源"), True, names.CHART),
    (lambda: charts.sector_bars(SECTORS, metrics.AMOUNT, "2024年", "来源"), False, names.CHART),
    (lambda: charts.sector_share(SECTORS, "2024年", "来源"), False, names.CHART),
    (lambda: charts.money_by_sector(SECTORS, metrics.SAVINGS, metrics.SAVINGS_RATE, "2024年", "来源"), False, names.CHART),
    (lambda: charts.budget_bars(frame(budget=[LONG, "一般公共预算", LINK], 年初预算=[1.0, 2.0, 3.0], 全年预算=[1.0, 2.0, 3.0],
                                      实际支出=[1.0, 2.0, 3.0], rate_pct=[90.0, 95.0, None]), 2024, "来源"), False, names.CHART),
    (lambda: charts.indicator_change(frame(indicator=[LONG, "满意度", LINK], unit=["%", "%", "%"], value=[1.0, 2.0, 3.0],
                                           value_prev=[1.0, 2.0, 3.0]), 2024, "来源"), False, names.CHART + 3),  # （%）
], ids=["party_bars", "market_bars", "method_mix", "rank_bars", "target_bars", "sector_bars", "sector_share",
        "money_by_sector", "budget_bars", "indicator_change"])
def test_every_chart_of_names_writes_them_as_text_and_short(build, horizontal, longest):
    check_figure(build(), horizontal, longest)


def test_a_title_and_a_legend_are_text():
    months = frame(sector_code=["a", "c"], month=[1, 1], share_pct=[40.0, 60.0], sector_name=[LONG, LINK],
                   color=["#111", "#333"])
    fig = charts.share_by_month(months, 2024, LINK)
    assert not [s for s in strings(fig.to_plotly_json()) if RAW_LINK.search(s)]
    assert [t.name for t in fig.data] == [names.chart_label(LONG), names.chart_label(LINK)]
    fig = charts.party_months(frame(key=["2024-12"], amount_wan=[1.0], projects=[1]), f"{LINK}各月中标金额", "来源")
    assert fig.layout.title.text.startswith(names.plotly_text(LINK) + "各月中标金额")


def test_the_ranking_of_the_database_keeps_its_bars(nq):
    top = market.top(nq, Period(2024), "431200", None)
    assert top.name[0] == LONG and LINK in list(top.name)
    drawn = check_figure(charts.party_bars(top, "前10名", "来源"), horizontal=True)
    assert drawn[-1] == SHOWN_LONG  # the largest, on top


@pytest.fixture(scope="module")
def kit(nq):
    return zipfile.ZipFile(io.BytesIO(press_kit.build(nq, Period(2024))[1]))


SVG = "{http://www.w3.org/2000/svg}"


def test_the_press_kits_svg_draws_names_as_text(kit):
    svgs = [n for n in kit.namelist() if n.endswith(".svg")]
    assert any(n.endswith("_交易方式构成.svg") for n in svgs)
    for name in svgs:
        root = ET.fromstring(kit.read(name))
        assert not list(root.iter(f"{SVG}a")), name  # no link element
    mix = ET.fromstring(kit.read(next(n for n in svgs if n.endswith("_交易方式构成.svg"))))
    texts = ["".join(t.itertext()) for t in mix.iter(f"{SVG}text")]
    assert any(t.startswith(SHOWN_LINK) for t in texts) and any(t.startswith(SHOWN_LONG) for t in texts), texts
    assert not any(LONG[:names.CHART] in t for t in texts)


@pytest.fixture(scope="module")
def content(nq):
    return brief.build(nq, Period(2024, 12, "month"))


@pytest.fixture(scope="module")
def pdf(content, tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "月报.pdf"
    path.write_bytes(report.pdf(content))
    return path


def test_the_reports_pdf_has_no_link_and_the_names_as_text(pdf):
    links = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "<a " not in links  # pdftohtml writes each link annotation as <a href>
    assert b"/URI" not in pdf.read_bytes() and b"/Subtype /Link" not in pdf.read_bytes()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert SHOWN_LINK in text and SHOWN_LONG in text  # the donut's labels, as text


# The 汇报PPT: what a box holds, worked out as the office lays it out — a CJK character (and …) a full em, any other
# about 0.6 em; a line 1.2 times the type's size; the boxes' inner margins.
def ems(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.6 for c in text)


def text_height_pt(paragraphs, width_emu: int, left_right_emu: int) -> float:
    inner_pt = (width_emu - left_right_emu) / 12700
    height = 0.0
    for p in paragraphs:
        size = max((r.font.size.pt for r in p.runs if r.font.size), default=18)
        lines = max(1, math.ceil(ems(p.text) * size / inner_pt))
        height += lines * size * 1.2 + (p.space_after.pt if p.space_after is not None else 0)
    return height


def overflowing(prs) -> list[str]:
    """The texts of a deck that run out of their box (or cell), and the shapes out of their slide."""
    out = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not (0 <= shape.left and shape.left + shape.width <= prs.slide_width and 0 <= shape.top
                    and shape.top + shape.height <= prs.slide_height):
                out.append(f"slide {number}: {shape.name} out of the slide")
            if shape.has_text_frame and shape.text_frame.text:
                tf = shape.text_frame
                need = text_height_pt(tf.paragraphs, shape.width, tf.margin_left + tf.margin_right)
                if need + (tf.margin_top + tf.margin_bottom) / 12700 > shape.height / 12700 + 1:
                    out.append(f"slide {number}: {need:.0f} pt of text in a {shape.height / 12700:.0f} pt box: "
                               f"{tf.text[:60]}")
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        need = text_height_pt(cell.text_frame.paragraphs, table.columns[c].width,
                                              cell.margin_left + cell.margin_right)
                        if need + (cell.margin_top + cell.margin_bottom) / 12700 > row.height / 12700 + 1:
                            out.append(f"slide {number}: cell {r},{c} {cell.text[:40]}")
    return out


def test_the_decks_texts_stay_in_their_boxes_and_on_their_slides(content):
    prs = Presentation(io.BytesIO(deck.pptx(content)))
    assert overflowing(prs) == []
    alerts = [s.text_frame.text for s in prs.slides[-1].shapes if s.has_text_frame]
    assert any(f"单个项目“{names.shortened(LONG, names.SLIDE)}”（N-2）成交60.00亿元" in t for t in alerts), alerts


def test_the_demo_deck_passes_the_same_check(dq):
    """The measure of a box above is no stricter than the demo's deck, which fits."""
    assert overflowing(Presentation(io.BytesIO(deck.pptx(brief.build(dq, Period(2024, 12, "month")))))) == []


def test_a_slides_title_names_a_long_method_shortened():
    rows = frame(key=[LONG, LINK], name=[LONG, LINK], projects=[5, 3], projects_share_pct=[62.5, 37.5])
    assert brief.method_words(rows) == (f"{names.shortened(LONG, names.SLIDE)}是主要交易方式（宗数占62.50%），"
                                        f"其次为{names.shortened(LINK, names.SLIDE)}（37.50%）")
    assert deck.fitted(LONG, 12192000 * 92 // 100, 24, deck.TITLE_LINES).endswith("…")
    assert deck.fitted("全年交易额293.74亿元，同比增长18.59%", 12192000 * 92 // 100, 24, 1) == "全年交易额293.74亿元，同比增长18.59%"


def test_a_plain_tables_cell_is_never_a_link():
    """A plain table's cell (web.table) is HTML-escaped text: no address in a name, no tag becomes a link."""
    from tradestats.ui import plain_table

    written = [LINK, "甲公司 https://evil.example/y", "代理 www.evil.example", "a@evil.example", "HTTP://X.CN",
               '<a href="https://evil.example">官网</a>']
    shown = plain_table.markup(frame(名称=written), wrap=("名称",))
    assert "<a" not in shown
    assert [f'<td class="ts-wrap">{html.escape(n)}</td>' in shown for n in written] == [True] * len(written)


def test_a_names_markdown_is_never_a_link():
    from tradestats.ui.web import markdown_literal

    for name in (LINK, "甲公司 https://evil.example/y", "代理 www.evil.example", "a@evil.example", "HTTP://X.CN"):
        cell = markdown_literal(name)
        assert not re.search(r"(?i)https?\\?:|www\.|\w@", cell), cell  # what GitHub's Markdown would link
        # It reads as written: its escapes and word joiners (U+2060, invisible) aside, the name.
        assert re.sub(r"\\(.)", r"\1", cell).replace("\u2060", "") == name

