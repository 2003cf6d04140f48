"""Blank import templates: Excel with the expected headers and drop-down lists of the valid regions and
sectors, so that a clerk picks names instead of typing them."""

from __future__ import annotations

import io

import duckdb

HEADERS = ("月份", "地区", "板块", "项目数", "交易额（万元）", "预算/底价（万元）", "节约资金（万元）", "增收资金（万元）",
           "涉重点产业项目数", "涉重点产业金额（万元）")
ROWS = 500


def stats_template(con: duckdb.DuckDBPyConnection) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    home = con.execute("select value from app_setting where key = 'home_region'").fetchall()[0][0]
    regions = [r[0] for r in con.execute(
        "select region_name from dim_region where (parent_code = ? and level in ('county', 'pseudo')) "
        "or (level = 'city' and region_code <> ?) order by sort_order", [home, home]).fetchall()]
    sectors = [r[0] for r in con.execute("select sector_name from dim_sector order by sort_order").fetchall()]
    wb = Workbook()
    ws = wb.active
    ws.title = "统计数据"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("可选值")
    for i, name in enumerate(regions, start=1):
        lists.cell(i, 1, name)
    for i, name in enumerate(sectors, start=1):
        lists.cell(i, 2, name)
    for column, source, count in (("B", "A", len(regions)), ("C", "B", len(sectors))):
        rule = DataValidation(type="list", formula1=f"=可选值!${source}$1:${source}${count}", allow_blank=True,
                              showErrorMessage=True, errorTitle="不在列表中", error="请从下拉列表中选择。")
        rule.add(f"{column}2:{column}{ROWS + 1}")
        ws.add_data_validation(rule)
    for column in "ABCDEFGHIJ":
        ws.column_dimensions[column].width = 18
    ws["L1"] = "月份写作 2024-03 或 2024年3月；金额单位为万元（表头可改为 元 或 亿元）。"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
