"""The 数据管理 page: nothing without a configured password, nothing without logging in, a wrong password
refused (and slowed down, across sessions: tests/test_login.py), the import form after a right one."""

import json
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from tradestats import config
from tradestats.access import auth, login
from tradestats.deploy import deployment
from tradestats.ingest import importer, sources
from tradestats.store import db

PLAN = importer.plan

APP = str(config.ROOT / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def digest():
    return auth.make_hash(PASSWORD, iterations=1000)


@pytest.fixture
def admin(demo_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(demo_db))
    # The count of failed tries outlives a session (that is its point; beside the database): each test has its own.
    monkeypatch.setattr(login, "throttle_for", lambda _log, own=login.Throttle(max_failures=2): own)

    def open_page():
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("pages/admin.py").run()
        assert not at.exception, at.exception
        return at
    return open_page


def test_without_a_password_the_page_says_how_to_set_one(admin, monkeypatch):
    monkeypatch.delenv(auth.ENV, raising=False)
    at = admin()
    assert "尚未设置数据管理密码" in at.warning[0].value and "tradestats password" in at.warning[0].value
    assert not at.get("file_uploader")


def test_login_is_required_and_a_wrong_password_refused(admin, monkeypatch, digest):
    monkeypatch.setenv(auth.ENV, digest)
    at = admin()
    assert not at.get("file_uploader") and not at.tabs
    at.text_input[0].input("wrong password")
    at.button[0].click().run()
    assert at.error[0].value == "密码不正确。" and not at.tabs


def test_failures_of_other_sessions_lock_a_new_one(admin, monkeypatch, digest):
    monkeypatch.setenv(auth.ENV, digest)
    for _ in range(2):
        at = admin()
        at.text_input[0].input("wrong password")
        at.button[0].click().run()
    assert at.error[0].value == "密码不正确。密码错误次数过多，此地址已暂停登录，请 15 分钟后再试。"
    fresh = admin()  # a new session: a new tab, a reload
    assert fresh.error[0].value == "密码错误次数过多，此地址已暂停登录，请 15 分钟后再试。"
    fresh.text_input[0].input(PASSWORD)
    fresh.button[0].click().run()
    assert not fresh.tabs and "已暂停登录" in fresh.error[0].value


def test_the_right_password_opens_the_import_form(admin, monkeypatch, digest):
    monkeypatch.setenv(auth.ENV, digest)
    at = admin()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["导入文件", "年度目标", "导入记录与回退", "空白模板", "推送记录", "登录记录"]
    assert at.get("file_uploader")
    tries = next(t for t in at.tabs if t.label == "登录记录")
    assert "最新的在前" in tries.caption[0].value
    log = tries.dataframe[0].value
    assert list(log.columns) == ["时间", "地址", "结果"] and log["结果"].iloc[0] == "成功"
    assert log["地址"].iloc[0] == login.UNKNOWN  # AppTest, like localhost, has no client address


def test_hashes_verify_by_compare_digest_and_reject_garbage():
    stored = auth.make_hash("s3cret-pass", iterations=1000)
    assert auth.verify("s3cret-pass", stored) and not auth.verify("s3cret-pasS", stored)
    assert not auth.verify("x", "not a hash") and not auth.verify("x", "md5$1$abc$def")
    assert [auth.delay_after(n) for n in (0, 1, 2, 3, 4, 5)] == [0, 1, 2, 4, 8, 8]


def logged_in(admin, monkeypatch, digest):
    monkeypatch.setenv(auth.ENV, digest)
    at = admin()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    return at


def test_an_upload_is_checked_once_not_at_every_click(admin, monkeypatch, digest, tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path)  # the demo data, in a database of this test's own
    monkeypatch.setenv(config.DB_ENV, str(path))
    checks = []
    monkeypatch.setattr(importer, "plan", lambda *a, **k: checks.append(a[1]) or PLAN(*a, **k))
    at = logged_in(admin, monkeypatch, digest)
    # Far off 溆浦县's history: a warning to confirm, which is a click (a rerun) before the import.
    at.file_uploader[0].upload("溆浦.csv", "月份,地区,板块,项目数,交易额\n2024-11,溆浦县,政府采购,9,900000\n".encode())
    at.run()
    assert checks == ["溆浦.csv"] and "相差10倍以上" in at.dataframe[0].value.to_string()
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception and "已导入" in at.success[0].value
    assert checks == ["溆浦.csv"]  # neither the tick nor the import checked the file again


def test_the_uploader_takes_what_the_readers_take_and_says_so(admin, monkeypatch, digest):
    at = logged_in(admin, monkeypatch, digest)
    assert f"CSV 不超过 {sources.MAX_UPLOAD_MB} MB" in at.file_uploader[0].label
    server = tomllib.loads((config.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    assert server["maxUploadSize"] == sources.MAX_UPLOAD_MB == sources.MAX_CSV_BYTES >> 20


def test_an_unrecognised_header_gets_a_select_per_column_and_the_mapping_is_remembered(admin, monkeypatch, digest,
                                                                                      tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path)
    monkeypatch.setenv(config.DB_ENV, str(path))
    at = logged_in(admin, monkeypatch, digest)
    header = "统计月份,辖区,类别,宗数,金额（万元）\n"
    at.file_uploader[0].upload("11月.csv", (header + "2024-11,溆浦县,政府采购,9,950\n").encode())
    at.run()
    assert "找不到表头：缺少 地区、交易额" in at.dataframe[0].value.to_string()
    selects = {s.label: s for s in at.selectbox if s.label.startswith("“")}
    assert list(selects) == ["“辖区”是", "“金额（万元）”是"]
    assert (selects["“辖区”是"].value, selects["“金额（万元）”是"].value) == ("地区", "交易额")  # as the message suggests
    selects["“辖区”是"].select("地区")
    selects["“金额（万元）”是"].select("交易额")
    next(b for b in at.button if b.label == "按所选的对应重新检查").click().run()
    assert not at.exception and not at.error
    assert "按指定的列对应：辖区→地区，金额（万元）→交易额" in at.code[0].value
    if at.checkbox:  # a warning (far off 溆浦县's history) to confirm
        at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception and "已导入" in at.success[0].value
    saved = json.loads((tmp_path / "column_mappings.json").read_text(encoding="utf-8"))
    assert saved["统计月份|辖区|类别|宗数|金额(万元)"]["columns"] == [["辖区", "region"], ["金额（万元）", "amount"]]
    # The same header next month: recognised by the remembered mapping, no selects, and said so.
    at.file_uploader[0].upload("12月.csv", (header + "2024-12,溆浦县,政府采购,9,960\n").encode())
    at.run()
    assert not [s for s in at.selectbox if s.label.startswith("“")]
    assert "按上次保存的列对应：辖区→地区，金额（万元）→交易额" in at.code[0].value


def test_the_years_targets_are_edited_on_their_tab(admin, monkeypatch, digest, tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path)
    monkeypatch.setenv(config.DB_ENV, str(path))
    at = logged_in(admin, monkeypatch, digest)
    goals = next(t for t in at.tabs if t.label == "年度目标")
    assert goals.number_input[0].value == 2024
    before = db.version_key(path)
    next(b for b in at.button if b.label == "保存目标").click().run()
    assert not at.exception and at.success[0].value == "目标与当前数据相同，没有改动。"
    assert db.version_key(path) == before


def test_an_unknown_word_gets_a_select_a_table_without_a_period_a_box_and_the_preview_a_table(admin, monkeypatch,
                                                                                              digest, tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path)
    monkeypatch.setenv(config.DB_ENV, str(path))
    at = logged_in(admin, monkeypatch, digest)
    at.file_uploader[0].upload("报表.csv", "地区,交易类别,宗数,交易额\n溆浦,城建项目,9,950\n".encode())
    at.run()
    assert "没有月份列" in at.dataframe[0].value.to_string()
    at.text_input[0].input("2024年1-9月").run()
    next(b for b in at.button if b.label == "按此期间重新检查").click().run()
    assert "未知的板块或交易类型“城建项目”" in at.dataframe[0].value.to_string()
    select = next(s for s in at.selectbox if s.label == "交易类别“城建项目”是")
    select.select("房建市政")
    next(b for b in at.button if b.label == "按所选的叫法重新检查").click().run()
    assert not at.exception and "按指定的取值对应：交易类别“城建项目”→房建市政" in at.code[0].value
    preview = at.dataframe[0].value
    assert preview.iloc[0][["期间", "地区", "交易类型", "项目数（宗）", "交易额（万元）"]].tolist() == [
        "2024年1-9月（累计）", "溆浦县", "房屋建筑和市政工程", 9, 950.0]
    if at.checkbox:
        at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception and "已导入" in at.success[0].value
    saved = json.loads((tmp_path / "value_mappings.json").read_text(encoding="utf-8"))
    assert saved["pairs"] == [["sector", "城建项目", "房建市政"]]


KILLED_SERVER = """
import sys, time
from streamlit.testing.v1 import AppTest
from tradestats import config
from tradestats.documents import push
from tradestats.ingest import importer

def stop_here(*args, **kwargs):  # the server is killed here
    print("here", flush=True)
    time.sleep(300)

if sys.argv[1] == "writing":  # while the new version is written
    importer.write = stop_here
else:  # after it is published, before the page could say so
    push.after_import = stop_here
at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=300)
at.session_state["admin"] = True
at.run()
at.switch_page("pages/admin.py").run()
at.file_uploader[0].upload("2024年12月.csv", sys.argv[2].encode("utf-8"))
at.run()
if at.checkbox:
    at.checkbox[0].check().run()
next(b for b in at.button if b.label == "确认导入").click().run()
"""


@pytest.mark.parametrize("killed", ["writing", "written"])
def test_after_a_server_killed_during_an_import_the_page_says_whether_it_landed(demo_db, tmp_path, monkeypatch,
                                                                               digest, killed):
    """The server (here: AppTest in a process of its own) killed with kill -9 during 确认导入, while the new version
    is written or just after it is published: after logging in again, 数据管理 says which, and the import history
    agrees."""
    import os
    import shutil
    import signal
    import subprocess
    import sys

    from tradestats.store import history

    path = tmp_path / "tradestats.duckdb"
    current = db.versions_dir(demo_db) / f"{db.current_version(demo_db)}.duckdb"
    db.versions_dir(path).mkdir(parents=True)
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    december = "月份,地区,板块,宗数,成交金额（亿元）\r\n2024年12月,溆浦县,工程建设,5,1.2345\r\n"
    env = {**os.environ, config.DB_ENV: str(path), auth.ENV: digest}
    server = subprocess.Popen([sys.executable, "-c", KILLED_SERVER, killed, december], env=env, stdout=subprocess.PIPE,
                              text=True, cwd=str(config.ROOT))
    try:
        assert server.stdout.readline() == "here\n"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    assert history.imports(path).empty == (killed == "writing")

    monkeypatch.setenv(config.DB_ENV, str(path))
    monkeypatch.setenv(auth.ENV, digest)
    monkeypatch.setattr(login, "throttle_for", lambda _log, own=login.Throttle(): own)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/admin.py").run()
    assert not at.warning and not at.success  # nothing said before logging in
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    if killed == "writing":
        said = at.warning[0].value
        assert "在网页上导入“2024年12月.csv”时，服务器中断" in said and "这次导入没有完成，数据没有改动；请重新上传导入。" in said
    else:
        said = at.success[0].value
        assert "在网页上导入“2024年12月.csv”时，服务器中断" in said and "这次导入在中断前已完成：导入记录 #1" in said
    next(b for b in at.button if b.label == "知道了").click().run()
    assert not any("服务器中断" in m.value for m in [*at.warning, *at.success])


def test_a_full_disk_during_an_import_on_the_page_is_said_and_changes_nothing(demo_db, small_disk, monkeypatch, digest):
    import shutil

    from tradestats.store import history

    current = db.versions_dir(demo_db) / f"{db.current_version(demo_db)}.duckdb"
    disk = small_disk((current.stat().st_size >> 20) + 4)  # room for the database, not for its copy
    path = disk / "tradestats.duckdb"
    db.versions_dir(path).mkdir()
    shutil.copyfile(current, db.versions_dir(path) / current.name)
    db.publish(path, db.versions_dir(path) / current.name)
    monkeypatch.setenv(config.DB_ENV, str(path))
    monkeypatch.setenv(auth.ENV, digest)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["admin"] = True
    at.run()
    at.switch_page("pages/admin.py").run()
    at.file_uploader[0].upload("2024年12月.csv", "月份,地区,板块,宗数,成交金额（亿元）\r\n2024年12月,溆浦县,工程建设,5,1.2345\r\n"
                               .encode("utf-8"))
    at.run()
    if at.checkbox:
        at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception, at.exception
    said = at.error[0].value
    assert said.startswith("未导入。无法写入新的数据库版本：") and "磁盘空间不足" in said and "数据没有改动" in said
    assert sorted(p.name for p in db.versions_dir(path).iterdir()) == [current.name] and history.imports(path).empty
    assert not list(disk.glob(f".*{history.PENDING}*"))  # the import's note is gone with it
