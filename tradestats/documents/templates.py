"""Blank import templates: Excel with the expected headers and drop-down lists of the valid regions and
sectors, so that a clerk picks names instead of typing them."""

from __future__ import annotations

import io

from tradestats.documents import spreadsheet
from tradestats.domain import metrics
from tradestats.domain.summary import Query
from tradestats.store import db, reference

STATS = ("月份", "地区", "板块", metrics.PROJECTS.label, "交易额（万元）", "预算/底价（万元）", "节约资金（万元）",
         "增收资金（万元）", metrics.KEY_PROJECTS.label, "涉重点产业金额（万元）")
PROJECTS = ("项目编号", "项目名称", "板块", "地区", "成交日期", "预算/底价（万元）", "成交金额（万元）", "交易方式",
            "是否重点产业")
# The project list's optional columns (ingest/project_fields.py), named as the importer reads them: for
# 交易效率与竞争 and 市场主体; left empty, a column leaves its measures empty.
PROJECT_OPTIONAL = ("评标办法", "投标人数", "公告发布日期", "受理日期", "开标日期", "是否流标/终止", "终止日期", "中标人",
                    "中标人统一社会信用代码", "中标人所在地区", "招标代理机构", "资金来源", "项目类型")
# The regions, indicators and targets files: each field's name in the deployment's header words
# (store.reference.header_words), the target's with its unit.
UNITS = {"target": "（万元）"}
KINDS = {"stats": ("统计数据", STATS, "月份写作 2024-03 或 2024年3月；金额单位为万元（表头可改为 元 或 亿元）。"),
         "projects": ("项目明细", PROJECTS + PROJECT_OPTIONAL,
                      "成交日期写作 2024-03-05；金额单位为万元；是否重点产业填“是”或“否”。评标办法及以后各列可选，没有可留空或删去；"
                      "流标或终止的项目也填一行：成交日期、成交金额留空，填开标日期或终止日期，“是否流标/终止”填“流标”或“终止”"
                      "（成交的填“否”）；投标人数填整数；中标人所在地区填地区名称或6位行政区划代码。"),
         "regions": ("地区", None, "级别填 pseudo（市本级、市区两级、城区等统计口径）、county（区县）、city（市州）或 province（省，上级编码留空）；已有的地区可以照抄，不会改变。"),
         "indicators": ("绩效指标", None, "每年每项指标一行；数值只填数字，单位写在“单位”列（如 %、亿元、个）。"),
         "targets": ("年度目标", None, "地区填全市或区县；板块留空表示全部板块；指标为交易额、项目数、节约资金或增收资金；"
                                       "金额目标的单位见表头（可改为 亿元），项目数目标填宗数。")}
ROWS = 1000


def header_names(kind: str) -> tuple[str, ...]:
    """The header of a regions, indicators or targets file as the import names its columns."""
    return tuple(name + UNITS.get(field, "") for field, name in reference.header_words(kind).names.items())


def template(q: Query, kind: str = "stats") -> bytes:
    """The blank workbook of a kind of file, its drop-downs listing the deployment's regions and sectors (read by
    q, a query runner: queries.run on a connection, or the pages' cached web.query)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    title, headers, note = KINDS[kind]
    headers = headers or header_names(kind)
    settings = q("app_settings")
    home = settings.value[settings.key == "home_region"].iloc[0]
    choices = {
        "地区": list(q("template_regions", city=home, targets=kind == "targets").region_name),
        "板块": list(q("sectors").sector_name),
        "是否重点产业": ["是", "否"],
        "是否流标/终止": ["否", "流标", "终止"],
        "指标": [m.label for m in metrics.HEADLINE],
        "级别": list(db.LEVELS),
    }
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("可选值")
    for col, header in enumerate(headers, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 18
        if header not in choices or (kind == "regions" and header != "级别") or (kind == "indicators" and header == "指标"):
            continue
        source = get_column_letter(lists.max_column + (1 if lists["A1"].value else 0))
        for row, value in enumerate(choices[header], start=1):
            spreadsheet.put(lists[f"{source}{row}"], value)  # a region named =… stays a name
        rule = DataValidation(type="list", formula1=f"=可选值!${source}$1:${source}${len(choices[header])}",
                              allow_blank=True, showErrorMessage=True, errorTitle="不在列表中",
                              error="请从下拉列表中选择。")
        rule.add(f"{letter}2:{letter}{ROWS + 1}")
        ws.add_data_validation(rule)
    ws.cell(1, len(headers) + 2, note)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
