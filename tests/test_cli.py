import json
import os
import subprocess
import sys

import pytest


def tradestats(*args, db):
    env = {**os.environ, "TRADESTATS_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "tradestats", *args], env=env, capture_output=True, text=True)


def test_summary_json_has_the_report_figures(demo_db):
    r = tradestats("summary", "--year", "2024", "--json", db=demo_db)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert {k: s[k] for k in ("year", "month", "period", "region_code", "region_name", "projects",
                              "projects_yoy_pct", "amount_yoy_pct", "premium_wan", "rank", "rank_of",
                              "rank_prev")} == \
        {"year": 2024, "month": 12, "period": "ytd", "region_code": "431200", "region_name": "怀化市",
         "projects": 1534, "projects_yoy_pct": 23.81, "amount_yoy_pct": 18.59, "premium_wan": 1555.53,
         "rank": 5, "rank_of": 14, "rank_prev": 6}
    assert round(s["amount_wan"] / 10000, 2) == 293.74 and round(s["savings_wan"] / 10000, 2) == 11.86
    for key in ("savings_yoy_pct", "premium_yoy_pct", "key_projects", "key_amount_wan", "sectors"):
        assert key in s
    assert (s["key_industry_projects"], round(s["key_industry_amount_wan"] / 10000, 2)) == (679, 196.01)
    assert set(s["sectors"][0]) == {"code", "name", "projects", "projects_yoy_pct", "amount_wan",
                                    "amount_yoy_pct", "share_pct"}


def test_summary_table_in_chinese(demo_db):
    r = tradestats("summary", "--year", "2024", db=demo_db)
    assert r.returncode == 0, r.stderr
    assert "项目数              1534宗       +23.81%" in r.stdout
    assert "交易额              293.74亿元   +18.59%" in r.stdout
    assert "14个同级地区中第5（较上年上升1位）" in r.stdout


def test_summary_of_a_month_and_county(demo_db):
    r = tradestats("summary", "--year", "2024", "--month", "3", "--period", "month", "--region", "431224",
                   "--json", db=demo_db)
    s = json.loads(r.stdout)
    assert (s["period"], s["month"], s["region_name"], s["rank_of"]) == ("month", 3, "溆浦县", 14)


def test_null_where_undefined(demo_db):
    s = json.loads(tradestats("summary", "--year", "2020", "--json", db=demo_db).stdout)  # the demo's first year
    assert s["projects"] == 1118 and s["projects_yoy_pct"] is None and s["rank_prev"] is None


@pytest.mark.parametrize("args, message", [
    (("summary", "--year", "2024", "--region", "999"), "错误：地区编码 999 不是怀化市或其所辖区县的编码"),
    (("summary", "--year", "2024", "--month", "13"), "错误：月份应在1到12之间"),
])
def test_bad_arguments_get_a_chinese_message(demo_db, args, message):
    r = tradestats(*args, db=demo_db)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_missing_database_says_to_run_init(tmp_path):
    r = tradestats("summary", "--year", "2024", db=tmp_path / "none.duckdb")
    assert r.returncode == 2 and "请先运行 tradestats init" in r.stderr


def test_init_and_init_empty(tmp_path):
    path = tmp_path / "t.duckdb"
    r = tradestats("init", "--empty", db=path)
    assert r.returncode == 0 and "参考表" in r.stdout
    assert "本期没有数据" in tradestats("summary", "--year", "2024", db=path).stdout
    assert tradestats("init", db=path).returncode == 0
    assert json.loads(tradestats("summary", "--year", "2024", "--json", db=path).stdout)["projects"] == 1534


def test_report_text_is_the_paragraph(demo_db):
    r = tradestats("report", "--year", "2024", db=demo_db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("全年全市完成公共资源进场交易项目1534宗，同比增长23.81%；交易总额293.74亿元")


def test_report_docx_and_export_write_files(demo_db, tmp_path):
    r = tradestats("report", "--year", "2024", "--month", "6", "--format", "docx", "--out", str(tmp_path), db=demo_db)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "怀化市2024年1-6月_简报.docx").stat().st_size > 10000
    r = tradestats("export", "--year", "2024", "--month", "3", "--period", "quarter", "--region", "431224",
                   "--out", str(tmp_path / "kit"), db=demo_db)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "kit" / "溆浦县2024年一季度公共资源交易新闻素材.zip").exists()
    assert "Traceback" not in r.stderr


def test_export_without_chromium_says_what_to_install(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    r = tradestats("export", "--year", "2024", "--out", str(tmp_path), db=demo_db)
    assert r.returncode == 2 and "sudo apt-get install chromium" in r.stderr and not list(tmp_path.glob("*.zip"))


def test_import_of_many_bad_rows_lists_the_first_and_counts_all(tmp_path):
    from conftest import FIXTURE_DATA

    from tradestats.store import db

    path = tmp_path / "t.duckdb"
    db.build(path, FIXTURE_DATA)
    bad = tmp_path / "bad.csv"
    bad.write_text("项目编号,项目名称,板块,地区,成交日期,成交金额\n"
                   + "".join(f"P-{i},道路,工程建设,一区,2024-13-01,1\n" for i in range(250)), encoding="utf-8")
    r = tradestats("import", str(bad), db=path)
    assert r.returncode == 2
    assert r.stderr.count("错误：bad.csv 第") == 100
    assert "……另有 150 处错误未列出。" in r.stderr and "共 250 处错误，未导入，数据库没有改动。" in r.stderr


WRITER = """
import os, sys, time
from pathlib import Path
from tradestats.store import db
path = Path(sys.argv[1])
with db.writing(path):  # an import between its check and its new version
    print("writing", flush=True)
    time.sleep(3)
    db.write_version(path, lambda con: con.execute("update app_setting set value = 'x' where key = 'dataset'"),
                     copy_of=Path(os.path.realpath(path)))
"""


def test_init_waits_for_an_import_in_progress(tmp_path):
    """init during an import reported success and was then silently replaced by the import's version."""
    path = tmp_path / "t.duckdb"
    assert tradestats("init", "--empty", db=path).returncode == 0
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    r = tradestats("init", "--empty", db=path)
    writer.wait(timeout=60)
    assert r.returncode == 0 and "有导入或回退正在进行，等它完成后再构建" in r.stderr, r.stderr
    assert r.stdout.strip().endswith(f"-> {os.path.basename(os.path.realpath(path))}")  # init's version is current
