"""The first month of a real center, as a new one would do it (issue 15's "done means"): a city of another
province set up with one command, a regions file for its pseudo-regions, then its own bulletins — a workbook
with a title row, its own header words, trade-type rows and a 合计 row, and a GBK CSV for the year before —
and `tradestats summary` gives the bulletin's totals, sector figures and 同比 exactly. And a city whose
bulletin gives only the city's totals."""

import io
import json
import os
import subprocess
import sys

import pytest

from tradestats import config

CITY = "420500"  # 宜昌, 湖北
REGIONS = "code,name,level,parent\n420000,湖北省,province,\n420500,宜昌市,city,420000\n420599,市本级,pseudo,420500\n"
# The clerk's workbook: a title, the bulletin's own words, trade types, a 合计 row (checked, not added).
HEADER = ["统计月份", "区域", "交易类别", "交易宗数（宗）", "成交金额（万元）", "增值金额（万元）"]
JANUARY = [
    ["2025年1月", "市本级", "房建市政", 5, 1200, None],
    ["2025年1月", "市本级", "交通工程", 2, 800, None],
    ["2025年1月", "夷陵区", "土地使用权", 1, 3000, 300],
    ["2025年1月", "夷陵区", "探矿权", 1, 500, 20],
    ["2025年1月", "当阳市", "国有产权", 2, 100, 5],
    ["2025年1月", "合计", None, 11, 5600, 325],
]
# The same month a year before, as a GBK CSV in other words again.
LAST_YEAR = ("交易月份,所属区域,类别,成交宗数,中标金额（亿元）\r\n"
             "2024-01,市本级,房建市政,4,0.1\r\n"
             "2024-01,夷陵区,国有建设用地使用权,2,0.2\r\n"
             "2024-01,当阳市,国有产权,1,0.02\r\n")


def tradestats(home, *args, cwd=None):
    env = {**os.environ, config.HOME_ENV: str(home)}
    env.pop(config.DB_ENV, None)
    return subprocess.run([sys.executable, "-m", "tradestats", *args], env=env, capture_output=True, text=True,
                          cwd=cwd)


def workbook(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["宜昌市公共资源交易中心2025年1月交易情况统计表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("center")
    home = tmp / "home"
    r = tradestats(home, "init", "--city", CITY, "--empty")
    assert r.returncode == 0, r.stderr
    (tmp / "regions.csv").write_text(REGIONS, encoding="utf-8")
    (tmp / "2024年1月.csv").write_bytes(LAST_YEAR.encode("gbk"))
    (tmp / "2025年1月.xlsx").write_bytes(workbook(JANUARY))
    for name in ("regions.csv", "2024年1月.csv", "2025年1月.xlsx"):
        r = tradestats(home, "import", str(tmp / name))
        assert r.returncode == 0, (name, r.stdout, r.stderr)
    return home


def test_the_bulletin_gives_its_totals_sectors_and_yoy(center):
    r = tradestats(center, "summary", "--year", "2025", "--month", "1", "--period", "month", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["region_name"], s["projects"], s["amount_wan"], s["premium_wan"]) == ("宜昌市", 11, 5600.0, 325.0)
    assert (s["projects_yoy_pct"], s["amount_yoy_pct"]) == (57.14, 75.0)  # 7宗 3200万元 a year before
    sectors = {x["code"]: (x["projects"], x["amount_wan"], x["amount_yoy_pct"]) for x in s["sectors"]}
    assert sectors == {"engineering": (7, 2000.0, 100.0), "natural_resources": (2, 3500.0, 75.0),
                       "property_rights": (2, 100.0, -50.0)}
    county = json.loads(tradestats(center, "summary", "--year", "2025", "--month", "1", "--period", "month",
                                   "--region", "420506", "--json").stdout)
    assert (county["region_name"], county["amount_wan"], county["rank"]) == ("夷陵区", 3500.0, 1)


def test_a_bulletin_without_a_total_that_agrees_is_refused(center, tmp_path):
    wrong = [row[:] for row in JANUARY]
    wrong[-1][4] = 5700
    (tmp_path / "错.xlsx").write_bytes(workbook(wrong))
    r = tradestats(center, "import", "--dry-run", str(tmp_path / "错.xlsx"))
    assert r.returncode == 2
    assert "错.xlsx 工作表“Sheet”第8行：合计行与各行之和不符：交易额合计 5,700.00万元，各行之和 5,600.00万元。" in r.stderr


def test_a_city_whose_bulletin_gives_only_its_totals(tmp_path):
    """韶关's bulletin: rows of the city by sector, no county split, and a 合计."""
    home = tmp_path / "home"
    assert tradestats(home, "init", "--city", "440200", "--empty").returncode == 0
    file = tmp_path / "韶关2025年1月.csv"
    file.write_bytes(("月份,地区,交易类型,项目数,交易额（万元）\r\n2025-01,韶关市,房建市政,6,2400\r\n"
                      "2025-01,韶关市,土地使用权,2,900\r\n2025-01,合计,,8,3300\r\n").encode("gbk"))
    r = tradestats(home, "import", str(file))
    assert r.returncode == 0, r.stderr
    s = json.loads(tradestats(home, "summary", "--year", "2025", "--month", "1", "--period", "month", "--json").stdout)
    assert (s["projects"], s["amount_wan"]) == (8, 3300.0)
