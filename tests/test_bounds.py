"""Files built to take the server down — a workbook declaring a million rows for two cells, zip bombs of values,
of formatting-only cells and of empty rows, a row of 100 000 columns, a 140 000-character field, a workbook of
a thousand sheets, an .xls whose every row has a formatted cell at column IV — are answered within seconds of
CPU and a bounded memory, each with its Chinese message (or, for a good file, its plan), in a child process
as the server would read them (the issues' bound: 10 s, 500 MB): by the importer, by `tradestats import` and
by 数据管理's uploader. The seconds are the CPU the system counted for the child (wait4), not the wall clock,
which a busy shared machine stretches; a child that runs away is stopped by a CPU limit, not waited for."""

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA
from import_corpus.make_corpus import BOMBS, LARGE_GOOD, formatted_blanks_xls

from tradestats.deploy import deployment

CORPUS = Path(__file__).parent / "import_corpus"
SECONDS, MEGABYTES = 10, 500
CPU_LIMIT_S = 60  # the child's CPU, warm-up included, past which the system stops it (SIGXCPU)
WALL_LIMIT_S = 600  # only against a child that hangs without using CPU
# The child says what it answered; where its own start is not the file's (数据管理's page), the CPU it had used
# before the file (cpu_before); and its peak memory, VmHWM: getrusage's ru_maxrss, in the child or from wait4,
# starts from the RSS of the process that spawned it (the test's, hundreds of MB), kept across exec.
MEASURE = """
import json, resource, sys
from pathlib import Path

def measured(**found):
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(json.dumps({**found, "peak_mb": int(hwm.split()[1]) / 1024}, ensure_ascii=False))

path, file = Path(sys.argv[1]), Path(sys.argv[2])
"""
PLAN = MEASURE + """
from tradestats.ingest import importer
plan = importer.plan(path, file.name, file.read_bytes())
measured(problems=[str(p) for p in plan.problems], plan=None if plan.problems else plan.describe())
"""
COMMAND = MEASURE + """
import contextlib, io
from tradestats import cli
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = cli.main(["--db", str(path), "import", str(file), "--dry-run"])
problems = [line.removeprefix("错误：").removeprefix("警告：") for line in err.getvalue().splitlines()
            if line.startswith(("错误：", "警告："))]
measured(problems=problems, plan=out.getvalue() if code == 0 else None)
"""
# 数据管理 in Streamlit's AppTest, logged in: the CPU of the upload's run alone (the page's own start is not the
# file's), the memory of the whole process.
PAGE = MEASURE + """
import os
from streamlit.testing.v1 import AppTest
from tradestats import config
from tradestats.access import auth
os.environ[config.DB_ENV] = str(path)
os.environ[auth.ENV] = auth.make_hash("correct horse", iterations=1000)
at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120).run()
at.switch_page("pages/admin.py").run()
at.text_input[0].input("correct horse")
at.button[0].click().run()
use = resource.getrusage(resource.RUSAGE_SELF)
before = use.ru_utime + use.ru_stime
at.file_uploader[0].upload(file.name, file.read_bytes())
at.run()
assert not at.exception, at.exception
found = next((d.value for d in at.dataframe if "问题" in d.value.columns), None)  # other tabs have tables too
problems = [] if found is None else [f"{w}：{m}" for w, m in zip(found["位置"], found["问题"])]
measured(cpu_before=before, problems=problems, plan=next((c.value for c in at.code if file.name in c.value), None))
"""
WAYS = {"importer": PLAN, "command": COMMAND, "page": PAGE}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("bounds") / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The files too large to keep in the repository, written once."""
    folder = tmp_path_factory.mktemp("large")
    for name, sheets in LARGE_GOOD.items():
        formatted_blanks_xls(folder / name, sheets)
    return folder


def measure(way: str, store: Path, file: Path) -> dict:
    """The child's answer, with cpu_seconds: user + system of the child and of any process it waited for, as
    wait4 returns them for that child alone, less its warm-up where it reports one."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        child = subprocess.Popen([sys.executable, "-c", WAYS[way], str(store), str(file)], stdout=out, stderr=err)
        resource.prlimit(child.pid, resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 5))
        backstop = threading.Timer(WALL_LIMIT_S, child.kill)
        backstop.start()
        try:
            _, status, use = os.wait4(child.pid, 0)
        finally:
            backstop.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    cpu = use.ru_utime + use.ru_stime
    assert child.returncode != -signal.SIGXCPU, f"{way} {file.name}: stopped at its CPU limit after {cpu:.0f} s of CPU"
    assert child.returncode == 0, stderr[-3000:]
    found = json.loads(stdout.strip().splitlines()[-1])
    return {**found, "cpu_seconds": cpu - found.pop("cpu_before", 0)}


def answered(found: dict, file: Path, good: bool) -> None:
    assert found["cpu_seconds"] < SECONDS and found["peak_mb"] < MEGABYTES, (found["cpu_seconds"], found["peak_mb"])
    if good:  # a formatted empty cell at F1048576, or at IV of every row of an .xls, is passed over
        assert found["problems"] == [], found["problems"]
        assert "新增 2 格" in found["plan"], found["plan"]
    else:
        assert found["problems"] and all(p.startswith(file.name) for p in found["problems"]), found["problems"]


@pytest.mark.parametrize("name", BOMBS)
@pytest.mark.parametrize("way", WAYS)
def test_a_hostile_file_is_answered_quickly_in_bounded_memory(store, name, way):
    file = CORPUS / ("good" if (CORPUS / "good" / name).exists() else "bad") / name
    answered(measure(way, store, file), file, file.parent.name == "good")


@pytest.mark.parametrize("name", LARGE_GOOD)
@pytest.mark.parametrize("way", WAYS)
def test_an_xls_of_formatted_blank_cells_is_read_quickly_in_bounded_memory(store, large, name, way):
    answered(measure(way, store, large / name), large / name, True)
