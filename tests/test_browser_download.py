"""A table's own "Download as CSV" (st.dataframe's toolbar) in the real browser: project and region names that
a spreadsheet would run as formulas come out with a leading '."""

import csv
import io

import pytest
from browser import streamlit_server
from conftest import FORMULAS


@pytest.fixture(scope="module")
def served(tmp_path_factory, formula_db):
    tmp = tmp_path_factory.mktemp("download")
    with streamlit_server(formula_db, tmp / "streamlit.log") as url:
        yield url


def test_project_table_download_has_no_formula(served, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        # Headless Chromium has the File System Access API but no dialog to answer: without it, Streamlit
        # falls back to a plain download (what Firefox and Safari users get).
        context.add_init_script("delete window.showSaveFilePicker; delete Window.prototype.showSaveFilePicker;")
        page = context.new_page()
        page.goto(f"{served}/projects")
        table = page.locator("[data-testid=stDataFrame]").first
        table.wait_for(timeout=90000)
        table.hover()
        button = page.locator("[data-testid=stElementToolbar] button[aria-label='Download as CSV']").first
        with page.expect_download(timeout=30000) as download:
            button.click()
        path = tmp_path / "export.csv"
        download.value.save_as(path)
    finally:
        context.close()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["项目编号", "项目名称", "板块", "地区"]
    cells = {cell for row in rows[1:] for cell in row}
    assert {"'" + name for name in FORMULAS} <= cells  # 项目名称 and 交易方式; 地区 =HYPERLINK(…)
    assert not set(FORMULAS) & cells
