import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

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

    from tradestats.deploy import deployment

    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
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
from tradestats.deploy import deployment
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


@pytest.mark.parametrize("args, said", [
    ((), "错误：缺少命令。可用的命令：init、summary、market"),
    (("sumary", "--year", "2024"), "错误：没有“sumary”这个命令。可用的命令：init、summary"),
    (("summary",), "错误：缺少参数：--year（tradestats summary -h 显示说明）"),
    (("summary", "--year"), "错误：参数 --year 后面缺少它的值"),
    (("summary", "--year", "二〇二四"), "错误：参数 --year 应为整数，而不是“二〇二四”"),
    (("summary", "--year", "2024", "--period", "week"), "错误：参数 --period 的值“week”无效，应为 ytd、month、quarter 之一"),
    (("summary", "--year", "2024", "--jsn"), "错误：无法识别的参数：--jsn"),
    (("import",), "错误：缺少参数：file"),
    (("brief", "--year", "2024", "--month", "12"), "错误：缺少参数：--format"),
])
def test_a_usage_error_is_said_in_chinese(tmp_path, args, said):
    r = tradestats(*args, db=tmp_path / "none.duckdb")
    assert r.returncode == 2 and said in r.stderr, r.stderr
    assert r.stderr.startswith("用法：tradestats")
    assert not any(word in r.stderr for word in ("usage", "error", "argument", "invalid", "required", "unrecognized"))


def test_the_help_is_chinese():
    r = tradestats("import", "-h", db="none.duckdb")
    assert r.returncode == 0 and r.stdout.startswith("用法：tradestats import") and "显示这段说明" in r.stdout
    assert not any(word in r.stdout for word in ("usage", "show this help", "options:", "positional arguments"))


def test_a_folder_given_as_the_file_to_import(demo_db, tmp_path):
    r = tradestats("import", str(tmp_path), db=demo_db)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert f"错误：{tmp_path} 是一个文件夹。请给出要导入的文件（.xlsx、.xls 或 .csv）" in r.stderr
    r = tradestats("dump", "--out", str(tmp_path), db=demo_db)  # a folder where a file is written: the system's error
    assert r.returncode == 2 and "Traceback" not in r.stderr and f"错误：{tmp_path} 是一个文件夹，不是文件。" in r.stderr


DECEMBER_FILE = "月份,地区,板块,宗数,成交金额（亿元）\r\n2024年12月,溆浦县,工程建设,5,1.2345\r\n"


@pytest.mark.parametrize("room", ["copy", "write"])  # the disk fills while copying the database, or writing to it
def test_a_full_disk_during_an_import_says_so_and_leaves_nothing(demo_db, tmp_path, small_disk, room):
    from tradestats.store import db

    current = db.versions_dir(demo_db) / f"{db.current_version(demo_db)}.duckdb"
    size_mb = current.stat().st_size >> 20
    disk = small_disk(size_mb + (4 if room == "copy" else size_mb + 1))
    path = disk / "tradestats.duckdb"
    db.versions_dir(path).mkdir()
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    def files():  # the writers' lock file aside, made by the first import and kept
        return sorted(p.name for p in disk.rglob("*") if not p.name.endswith(".import.lock"))

    before = files(), tradestats("summary", "--year", "2024", "--json", db=path).stdout
    december = tmp_path / "2024年12月.csv"
    december.write_text(DECEMBER_FILE, encoding="utf-8")
    r = tradestats("import", str(december), "--yes", db=path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "错误：无法写入新的数据库版本：" in r.stderr and "磁盘空间不足" in r.stderr and "数据没有改动" in r.stderr
    after = files(), tradestats("summary", "--year", "2024", "--json", db=path).stdout
    assert after == before  # no .partial, no .wal, the same figures


def test_a_killed_brief_leaves_no_browser_profile_behind(demo_db, tmp_path, request):
    """kill -9 of `tradestats brief` while its Chromium draws the charts leaves the browser's profile (a few MB) in
    the system's temporary folder; the next command that starts a Chromium removes it, and its own."""
    import signal
    import tempfile
    import time

    # The system's temporary folder as the commands see it: a short path (Chromium's socket in it must fit the
    # system's 107 characters, which a folder under pytest's tmp_path does not).
    tmp = Path(tempfile.mkdtemp(prefix="ts-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(tmp, ignore_errors=True))
    env = {**os.environ, "TRADESTATS_DB": str(demo_db), "TMPDIR": str(tmp)}
    args = [sys.executable, "-m", "tradestats", "brief", "--year", "2024", "--month", "12", "--format", "pdf",
            "--out", str(tmp_path / "out")]

    def profiles() -> list[Path]:
        return [p for p in tmp.rglob("Default") if p.is_dir()]

    def left() -> list[str]:
        return sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*") if not p.is_dir())

    brief = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not profiles():
        assert brief.poll() is None and time.monotonic() < deadline, "brief ended before its Chromium started"
        time.sleep(0.1)
    os.kill(brief.pid, signal.SIGKILL)
    brief.wait(timeout=30)
    deadline = time.monotonic() + 30  # its Chromium, left without its parent, ends by itself
    while time.monotonic() < deadline and str(tmp) in subprocess.run(["ps", "-eo", "args"], capture_output=True,
                                                                     text=True).stdout:
        time.sleep(0.5)
    assert left()  # the profile is there
    r = subprocess.run(args, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert left() == []
