"""Blank import templates: Excel with the expected headers and drop-down lists of the valid regions and
sectors, so that a clerk picks names instead of typing them."""

from __future__ import annotations

import io

from tradestats.documents import spreadsheet
from tradestats.domain import metrics
from tradestats.domain.summary import Query
from tradestats.store import db, reference

# The fields of the statistics and project-list workbooks in their order, each headed by its word in the
# deployment's import/columns.csv (store.reference.header_words): the one its template column marks for the kind,
# else its first. The project list's optional fields (ingest/project_fields.py) are for 交易效率与竞争 and 市场主体;
# left empty, a column leaves its measures empty.
STATS = ("month", "region", "sector", "projects", "amount", "reference", "savings", "premium", "key_projects",
         "key_amount")
PROJECTS = ("project_id", "project_name", "sector", "region", "deal_date", "reference", "amount", "method", "is_key")
PROJECT_OPTIONAL = ("eval_method", "bidders", "announce_date", "accept_date", "open_date", "status", "stop_date",
                    "winner", "winner_credit_code", "winner_region", "agency", "funding", "industry")
# The regions, indicators and targets workbooks (None): every field of the deployment's import/*_columns.csv in
# its order, by its first word. A money field's header gives its unit.
UNITS = dict.fromkeys(("amount", "reference", "savings", "premium", "key_amount", "target"), "（万元）")
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


def headers(kind: str) -> dict[str, str]:
    """The header of a kind of file, each field's column by the word the import reads it by, in the column's order."""
    _, fields, _ = KINDS[kind]
    if fields is None:
        names = reference.header_words(kind).names
    else:
        words = reference.header_words("columns")
        names = {**words.names, **words.heads.get(kind, {})}
        names = {f: names[f] for f in fields if f in names}  # a field the deployment has no word for, it cannot read
    return {field: name + UNITS.get(field, "") for field, name in names.items()}


def template(q: Query, kind: str = "stats") -> bytes:
    """The blank workbook of a kind of file, its drop-downs listing the deployment's regions and sectors (read by
    q, a query runner: queries.run on a connection, or the pages' cached web.query)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    title, _, note = KINDS[kind]
    columns = headers(kind)
    settings = q("app_settings")
    home = settings.value[settings.key == "home_region"].iloc[0]
    choices = {  # by field
        "region": list(q("template_regions", city=home, targets=kind == "targets").region_name),
        "sector": list(q("sectors").sector_name),
        "is_key": ["是", "否"],
        "status": ["否", "流标", "终止"],
        "measure": [m.label for m in metrics.HEADLINE],
        "level": list(db.LEVELS),
    }
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(columns.values()))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("可选值")
    for col, field in enumerate(columns, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 18
        if field not in choices:
            continue
        source = get_column_letter(lists.max_column + (1 if lists["A1"].value else 0))
        for row, value in enumerate(choices[field], start=1):
            spreadsheet.put(lists[f"{source}{row}"], value)  # a region named =… stays a name
        rule = DataValidation(type="list", formula1=f"=可选值!${source}$1:${source}${len(choices[field])}",
                              allow_blank=True, showErrorMessage=True, errorTitle="不在列表中",
                              error="请从下拉列表中选择。")
        rule.add(f"{letter}2:{letter}{ROWS + 1}")
        ws.add_data_validation(rule)
    ws.cell(1, len(columns) + 2, note)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
