"""The press kit of a period and region: the standard charts as PNG, SVG and PDF, the tables behind them
as an Excel workbook and CSV files, the news paragraph as text and a Word briefing, in one zip whose file
names say what and when."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from tradestats.domain import market, metrics, summary, targets
from tradestats.present import charts, geo
from tradestats.present import tables as page_tables  # the pages' notes; `tables` here is the kit's
from tradestats.documents import narrative, render, spreadsheet
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context, Query


@dataclass(frozen=True)
class Kit:
    ctx: Context
    period: Period
    region: str

    @property
    def scope(self) -> str:
        return self.ctx.region_name(self.region)

    @property
    def stem(self) -> str:
        """What and when, as every file name starts: 怀化市2024年全年."""
        return f"{self.scope}{self.period.label}"


STANDARD = ("各板块交易额", "交易额板块占比", "各月交易额", "各区县交易额排名", "全省市州交易额排名", "各区县交易额地图")


def standard_charts(q: Query, kit: Kit) -> list[tuple[str, go.Figure]]:
    """The charts a press release of the period uses, with their names: those with something to draw (as the
    pages draw no chart of figures that cannot be known, or of a split the data does not have)."""
    ctx, period, region, source = kit.ctx, kit.period, kit.region, summary.source_line(kit.ctx)
    label = period.label
    sectors = summary.sectors(q, period, region).dropna(subset=["projects"])
    trend = summary.trend(q, period.year - 1, period.year, region)
    counties = q("rank_by_region", **period.params(), parent=ctx.home, sector=None, measure="amount_wan")
    cities = q("rank_by_region", **period.params(), parent=ctx.province, sector=None, measure="amount_wan")
    figures = []
    if len(sectors):
        figures += [("各板块交易额", charts.sector_bars(sectors, metrics.AMOUNT, label, source)),
                    ("交易额板块占比", charts.sector_share(sectors, label, source))]
    if trend.value.notna().any():
        figures.append(("各月交易额", charts.overlay(trend, metrics.AMOUNT, "value", "month", period.year,
                                                f"{period.year}年各月交易额，与{period.year - 1}年同月对比", source)))
    if counties.value.notna().any():
        figures.append(("各区县交易额排名", charts.rank_bars(counties, metrics.AMOUNT, region,
                                                       f"{label}各区县交易额排名", source)))
    if cities.value.notna().any():
        figures.append(("全省市州交易额排名", charts.rank_bars(cities, metrics.AMOUNT, ctx.home,
                                                        f"{label}全省市州交易额排名", source)))
    if counties.value.notna().any() and geo.boundaries(ctx.home):
        title = f"{label}{ctx.region_name(ctx.home)}各区县交易额"
        figures.append(("各区县交易额地图", charts.region_map(ctx.home, counties, metrics.AMOUNT, region, title, source)))
    return figures


def left_out(drawn: list[str]) -> str:
    """The sentence naming the standard charts with nothing to draw (so not in the kit), or ""."""
    gone = [name for name in STANDARD[:5] if name not in drawn]
    return f"以下图表没有可画的数据，未附：{'、'.join(gone)}。" if gone else ""


def unreported(q: Query, kit: Kit) -> str:
    """The page's warning where units of the city reported no figure for months of the period (its sum holds only
    what was reported), for the city's kit; "" else. Only the period's own months: a month's figure does not
    hold the months before it (the query lists them from January)."""
    if kit.region != kit.ctx.home:
        return ""
    period = kit.period
    gaps = q("missing_months_by_region", year=period.year, month_to=period.month_to, city=kit.ctx.home)
    gaps = gaps.assign(missing_months=[[m for m in months if m >= period.month_from] for months in gaps.missing_months])
    return page_tables.gaps_note(gaps[[len(m) > 0 for m in gaps.missing_months]]) or ""


def notes(q: Query, kit: Kit) -> dict[str, str]:
    """What the pages say under each table and chart of the kit, by name (a sheet's or a chart's): where the
    period's figures came from 累计/季度/年度 tables or cannot be known, and which months of the monthly ones
    have no monthly figures. Empty where all came from months."""
    period, region = kit.period, kit.region
    head = summary.headline(q, period, region)
    said = (summary.missing_sentence(kit.ctx, period, head["unknown_regions"]) or summary.basis_note(period, head))
    out = {name: said for name in ("主要指标", "板块", "区县排名", "市州排名", "年度目标", "各板块交易额", "交易额板块占比",
                                   "各区县交易额排名", "全省市州交易额排名", "各区县交易额地图") if said}
    gaps = page_tables.month_gaps_note(summary.trend(q, period.year - 1, period.year, region), period, head)
    if gaps:
        out["各月交易额"] = gaps + "图表中这些月份空缺。"
    return out


def methods(q: Query, kit: Kit) -> pd.DataFrame:
    """The period's completed trades by 交易方式, from the project lists; empty where they have no such column
    (every trade's 交易方式 未填)."""
    rows = market.by(q, kit.period, kit.region, None, "method")
    rows = rows[rows.projects > 0]
    return rows.iloc[0:0] if (rows.key == market.NO_METHOD).all() else rows


def market_charts(q: Query, kit: Kit) -> list[tuple[str, go.Figure]]:
    """The kit's charts from the project lists' optional fields, where the data has them: the 交易方式 mix.
    Apart from standard_charts, which the 统计月报 numbers as its 附图."""
    rows = methods(q, kit)
    if rows.empty:
        return []
    title = f"{kit.period.label}交易方式构成"
    return [("交易方式构成", charts.method_mix(rows, title, summary.source_line(kit.ctx)))]


def market_tables(q: Query, kit: Kit) -> dict[str, pd.DataFrame]:
    """The table behind market_charts, where the data has it."""
    rows = methods(q, kit)
    if rows.empty:
        return {}
    table = pd.DataFrame({
        "交易方式": rows.name.to_numpy(), "项目数（宗）": rows.projects.astype("Int64").to_numpy(),
        "占比（%）": rows.projects_share_pct.astype(float).to_numpy(), "交易额（万元）": rows.amount_wan.astype(float).to_numpy(),
        "节资率（%）": rows.savings_rate_pct.astype(float).to_numpy()})
    return {"交易方式": table}


def tables(q: Query, kit: Kit) -> dict[str, pd.DataFrame]:
    """The tables behind the charts, as numbers with their units in the headers."""
    ctx, period, region = kit.ctx, kit.period, kit.region
    head = summary.headline(q, period, region)
    rows = [(m.label, "万元" if m.unit == "money" else m.unit, head[m.column],
             head.get(m.yoy_column))
            for m in (*metrics.HEADLINE, metrics.KEY_PROJECTS, metrics.KEY_AMOUNT, metrics.SAVINGS_RATE,
                      metrics.PREMIUM_RATE)]
    sectors = summary.sectors(q, period, region)
    trend = summary.trend(q, period.year - 1, period.year, region)

    def ranks(parent: str) -> pd.DataFrame:
        r = q("rank_by_region", **period.params(), parent=parent, sector=None, measure="amount_wan")
        return pd.DataFrame({"排名": r["rank"], "地区": r.region_name, "交易额（万元）": r.value,
                             "同比（%）": r.value_yoy_pct, "上年同期排名": r.rank_prev})

    sheets = {
        "主要指标": pd.DataFrame(rows, columns=["指标", "单位", "本期", "同比（%）"]),
        "板块": pd.DataFrame({
            "板块": sectors.sector_name, "项目数（宗）": sectors.projects, "项目数同比（%）": sectors.projects_yoy_pct,
            "交易额（万元）": sectors.amount_wan, "交易额同比（%）": sectors.amount_yoy_pct, "占比（%）": sectors.share_pct,
            "节约资金（万元）": sectors.savings_wan, "节资率（%）": sectors.savings_rate_pct,
            "增收资金（万元）": sectors.premium_wan, "增值率（%）": sectors.premium_rate_pct}),
        "各月交易额": pd.DataFrame({
            "年份": trend.year, "月份": trend.period, "交易额（万元）": trend.value, "同比（%）": trend.yoy_pct,
            "1月起累计（万元）": trend.value_ytd, "累计同比（%）": trend.ytd_yoy_pct}),
        "区县排名": ranks(ctx.home),
        "市州排名": ranks(ctx.province),
    }
    goals = targets.progress(q, ctx, period, region)
    if len(goals):  # where targets are set: each with 完成率 against 序时进度
        sheets["年度目标"] = pd.DataFrame({
            "目标": [targets.label(r) for r in goals.itertuples()],
            "单位": ["宗" if m == "projects" else "万元" for m in goals.measure],
            "年度目标": goals.target.astype(float), f"1-{period.month}月完成": goals.actual.astype(float),
            "完成率（%）": goals.completion_pct.astype(float), "序时进度（%）": goals.schedule_pct.astype(float),
            "较序时进度（百分点）": goals.vs_schedule_pts.astype(float)})
    for df in sheets.values():  # counts, ranks and calendar numbers are whole numbers, blank when undefined
        for column in [c for c in df.columns if "（宗）" in c or "排名" in c or c in ("年份", "月份")]:
            df[column] = df[column].astype("Int64")
    return sheets


def number_format(header: str) -> str:
    if "万元" in header:
        return "#,##0.00"
    if "%" in header or "百分点" in header:
        return "0.00"
    return "0"


def workbook(sheets: dict[str, pd.DataFrame], source: str, said: list[str] = ()) -> bytes:
    """One sheet per table: bold frozen header, number formats by unit, text in text cells (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(name)
        spreadsheet.write_frame(ws, df)
        for i, header in enumerate(df.columns, start=1):
            ws.cell(1, i).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(i)].width = max(10, 2 * len(header) + 2)
            if df[header].dtype.kind in "fiu":
                for cell in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell[0].number_format = number_format(header)
        ws.freeze_panes = "A2"
    notes = wb.create_sheet("说明")
    spreadsheet.append(notes, [source])
    notes.append(["同比为与上年同期相比的百分比；无基数时为空。金额单位为万元。"])
    for line in said:  # where figures came from 累计/季度/年度 tables, or cannot be known
        spreadsheet.append(notes, [line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def briefing(kit: Kit, paragraph: str, images: list[tuple[str, bytes]], sectors: pd.DataFrame,
             said: dict[str, str] | None = None) -> bytes:
    """A Word briefing ready to edit: title, paragraph, charts, the sector table, the source."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    said = said or {}
    doc.add_heading(f"{kit.stem}公共资源交易情况", level=1)
    for text in paragraph.split("\n"):
        doc.add_paragraph(text)
    for name, png in images:
        doc.add_picture(io.BytesIO(png), width=Cm(15))
        doc.add_paragraph(name).alignment = 1
        if said.get(name):
            doc.add_paragraph(said[name]).alignment = 1
    if sectors.dropna(subset=["projects"]).empty:  # nothing to tabulate: the paragraph says why
        doc.add_paragraph(summary.source_line(kit.ctx))
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    doc.add_paragraph("各板块交易情况")
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("板块", metrics.PROJECTS.label, f"{metrics.PROJECTS.label}同比", metrics.AMOUNT.label, f"{metrics.AMOUNT.label}同比",
                                                     metrics.SHARE.label)):
        cell.text = text
    for s in sectors.dropna(subset=["projects"]).itertuples():
        values = (s.sector_name, metrics.count(s.projects), metrics.change(s.projects_yoy_pct),
                  metrics.money(s.amount_wan), metrics.change(s.amount_yoy_pct), metrics.pct(s.share_pct))
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    doc.add_paragraph(summary.source_line(kit.ctx))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_docx(q: Query, period: Period, region: str | None = None) -> tuple[str, bytes]:
    """The Word briefing alone: its file name and bytes."""
    kit = make_kit(q, period, region)
    figures = standard_charts(q, kit)
    images = [(name, render.image(fig, "png")) for name, fig in figures[:3]]
    data = briefing(kit, text(q, kit, [name for name, _ in figures]), images, summary.sectors(q, period, kit.region),
                    notes(q, kit))
    return f"{kit.stem}_简报.docx", data


def text(q: Query, kit: Kit, drawn: list[str]) -> str:
    """The news paragraph, then on lines of their own what the page says beside it: where its figures came
    from 累计/季度/年度 tables, and which charts had nothing to draw."""
    head = summary.headline(q, kit.period, kit.region)
    lines = [narrative.paragraph(q, kit.period, kit.region), summary.basis_note(kit.period, head),
             unreported(q, kit) if head.cells and head["basis"] != "unknown" else "", left_out(drawn)]
    return "\n".join(line for line in lines if line)


def make_kit(q: Query, period: Period, region: str | None) -> Kit:
    ctx = summary.context(q)
    return Kit(ctx, period, region or ctx.home)


def build(q: Query, period: Period, region: str | None = None) -> tuple[str, bytes]:
    """The whole kit as a zip: its file name and bytes."""
    kit = make_kit(q, period, region)
    figures = standard_charts(q, kit) + market_charts(q, kit)
    paragraph = text(q, kit, [name for name, _ in figures])
    sheets = tables(q, kit) | market_tables(q, kit)
    said = notes(q, kit)
    out = io.BytesIO()
    pngs = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{kit.stem}_新闻稿.txt", (paragraph + "\n").encode("utf-8-sig"))
        for name, fig in figures:
            for fmt in render.FORMATS:
                data = render.image(fig, fmt)
                z.writestr(f"图表/{kit.stem}_{name}.{fmt}", data)
                if fmt == "png":
                    pngs.append((name, data))
        z.writestr(f"{kit.stem}_数据表.xlsx", workbook(sheets, summary.source_line(kit.ctx),
                                                    list(dict.fromkeys(v for k, v in said.items() if k in sheets))))
        for name, df in sheets.items():
            z.writestr(f"表格/{kit.stem}_{name}.csv", spreadsheet.csv_bytes(df))
        z.writestr(f"{kit.stem}_简报.docx", briefing(kit, paragraph, pngs[:3], summary.sectors(q, period, kit.region),
                                                   said))
    return f"{kit.stem}公共资源交易新闻素材.zip", out.getvalue()
