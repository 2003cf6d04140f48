"""Nothing that leaves the app for a spreadsheet runs as a formula: region, project and indicator names such
as =HYPERLINK(…) or @SUM(A1)|cmd, imported into a database, go out of every export — tradestats dump (CSV
and xlsx), the press kit's workbook and CSV files, the import templates, the pages' tables (whose toolbar
downloads CSV) — as text: xlsx text cells holding the name as it is, CSV and table cells with a leading '."""

import csv
import io

import pytest
from conftest import FORMULAS, frames, runner
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tradestats import cli, config
from tradestats.documents import press_kit, spreadsheet, templates
from tradestats.domain.periods import Period
from tradestats.ingest import importer
from tradestats.ingest.table import Problem
from tradestats.present import formulas, tables

APP = str(config.ROOT / "app.py")
# With data in the fixture's months (三县 has none): these reach the dump and the rankings.
WITH_DATA = ('=HYPERLINK("http://x","y")', "=1+1", "+1", "-1+2")


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("@SUM(A1)|cmd", "'@SUM(A1)|cmd"), ("+1", "'+1"), ("-1+2", "'-1+2"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-2", "-2"), ("-1.5", "-1.5"), ("-1,234.50", "-1,234.50"), ("-", "'-"), ("-2-3", "'-2-3"),
    ("工程建设", "工程建设"), ("a=1", "a=1"), ("", ""), (12.5, 12.5), (-3, -3), (None, None),
])
def test_the_rule(text, safe):
    """OWASP's: a cell starting with = + - @ tab or CR gets a leading ', except a plain negative number."""
    assert formulas.neutralise(text) == safe


def formula_cells(wb) -> list[str]:
    return [f"{ws.title}!{c.coordinate}" for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]


def text_values(wb) -> set:
    return {c.value for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "s"}


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def assert_csv_safe(cells: list[str], names=WITH_DATA) -> None:
    risky = [c for c in cells if c.startswith(formulas.FORMULA_STARTS) and formulas.neutralise(c) != c]
    assert not risky
    # a grid shows (and its toolbar downloads) the prefixed name; a plain table the same
    assert all("'" + name in cells for name in names)


def test_dump_xlsx_holds_names_as_text_cells(formula_db, tmp_path, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(formula_db))
    out = tmp_path / "all.xlsx"
    assert cli.main(["dump", "--out", str(out)]) == 0
    wb = load_workbook(out)
    assert not formula_cells(wb)
    assert set(WITH_DATA) <= text_values(wb)
    sheet = wb.active
    assert [c.value for c in sheet[1]][:5] == ["月份", "地区", "板块", "交易类型", "项目数"]
    assert isinstance(sheet["E2"].value, int)


def test_dump_csv_is_prefixed_and_imports_back_unchanged(formula_db, tmp_path, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(formula_db))
    out = tmp_path / "all.csv"
    assert cli.main(["dump", "--out", str(out)]) == 0
    assert_csv_safe(csv_cells(out.read_bytes()))
    # The dump is a statistics file: read back, its prefixed names are the regions they were written from.
    plan = importer.plan(formula_db, out.name, out.read_bytes())
    assert not plan.errors, [str(p) for p in plan.errors[:3]]
    assert (plan.added, plan.changed) == (0, 0) and plan.unchanged > 0


def test_press_kit_workbook_and_csv(formula_db):
    q = runner(formula_db)
    kit = press_kit.make_kit(q, Period(2024, 3), None)
    sheets = press_kit.tables(q, kit)
    wb = load_workbook(io.BytesIO(press_kit.workbook(sheets, "来源")))
    assert not formula_cells(wb)
    ranks = [(row[1].value, row[1].data_type) for row in wb["区县排名"].iter_rows(min_row=2)]
    assert ('=HYPERLINK("http://x","y")', "s") in ranks and ("=1+1", "s") in ranks  # no apostrophe to see
    assert {("+1", "s"), ("-1+2", "s")} <= {(r[1].value, r[1].data_type) for r in wb["市州排名"].iter_rows(min_row=2)}
    assert_csv_safe(csv_cells(spreadsheet.csv_bytes(sheets["区县排名"])) +
                    csv_cells(spreadsheet.csv_bytes(sheets["市州排名"])))


@pytest.mark.parametrize("kind", ["stats", "projects", "indicators"])  # those with a 地区 drop-down
def test_templates_list_names_as_text(formula_db, kind):
    wb = load_workbook(io.BytesIO(templates.template(runner(formula_db), kind)))
    assert not formula_cells(wb)
    assert set(FORMULAS[:3]) <= text_values(wb)  # the counties the drop-down offers


def page_tables(path: str, **state) -> list:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return frames(at)


@pytest.mark.parametrize("path, state, names", [
    ("pages/projects.py", {}, FORMULAS),  # 项目名称 and 交易方式, 地区 (=HYPERLINK…)
    ("pages/regions.py", {}, WITH_DATA),
    ("pages/indicators.py", {}, FORMULAS),
])  # (板块分析 and 趋势分析 show no names an import brings: sectors come from the deployment's sectors.csv)
def test_page_tables_show_and_download_names_prefixed(formula_db, monkeypatch, path, state, names):
    """What st.dataframe is given is what its toolbar's CSV download writes; a plain table (web.table, no
    download) shows the same text."""
    monkeypatch.setenv(config.DB_ENV, str(formula_db))
    frames = page_tables(path, **state)
    assert frames
    cells = [v for df in frames for column in df.columns for v in df[column] if isinstance(v, str)]
    assert not set(FORMULAS) & set(cells)
    assert not [c for c in cells if c.startswith(("=", "@"))]
    # a grid shows (and its toolbar downloads) the prefixed name; a plain table the same
    assert all("'" + name in cells for name in names)


def test_admin_tables_prefix_what_came_from_outside():
    """File names, the import's user and client addresses are text from outside too."""
    problems = tables.problems_table([Problem("=1+1.csv 第2行", "@SUM(A1)|cmd")])
    assert list(problems.iloc[0]) == ["错误", "'=1+1.csv 第2行", "'@SUM(A1)|cmd"]
    log = tables.login_table([{"time": "2025-01-01T08:00:00+08:00", "address": "=1+1", "result": "密码错误"}])
    assert list(log.iloc[0]) == ["2025-01-01 08:00:00", "'=1+1", "密码错误"]
    import pandas as pd

    imports = tables.imports_table(pd.DataFrame({
        "import_id": [1], "imported_at": pd.to_datetime(["2025-01-01 08:00"]), "imported_by": ["+1"],
        "file_name": ["=HYPERLINK(\"x\").csv"], "months": ["2024-03"], "cells_added": [1], "cells_changed": [0],
        "sha256": ["ab" * 32]}))
    assert imports.iloc[0]["操作人"] == "'+1" and imports.iloc[0]["文件"] == "'=HYPERLINK(\"x\").csv"
