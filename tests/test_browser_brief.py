"""新闻素材's 统计月报 button in a real server and Chromium: the PDF downloads under its name with 总览's figures."""

import subprocess

from browser import streamlit_server
from conftest import runner

from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period


def test_the_press_page_downloads_the_months_report_as_pdf(tmp_path, page):
    path = tmp_path / "db" / "tradestats.duckdb"
    with streamlit_server(path, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/press?year=2024&month=6")
        page.wait_for_selector("[data-testid=stCode]", timeout=90000)
        with page.expect_download(timeout=180000) as download:
            page.get_by_role("button", name="统计月报（PDF）").click()
        assert download.value.suggested_filename == "2024年6月公共资源交易统计月报.pdf"
        target = tmp_path / "月报.pdf"
        download.value.save_as(target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    s = summary.summarize(runner(path), Period(2024, 6))
    flat = "".join(text.split())
    assert f"1-6月全市完成公共资源进场交易项目{s['projects']}宗" in flat
    assert f"交易总额{metrics.money(s['amount_wan'])}" in flat
