"""Files built to take the server down — a workbook declaring a million rows for two cells, zip bombs, a row of
100 000 columns, a 140 000-character field — are answered within seconds and a bounded memory, each with
its Chinese message, in a child process as the server would read them (the issue's bound: 10 s, 500 MB)."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA
from import_corpus.make_corpus import BOMBS

from tradestats.store import db

CORPUS = Path(__file__).parent / "import_corpus"
SECONDS, MEGABYTES = 10, 500
CHILD = """
import json, resource, sys
from pathlib import Path
from tradestats.ingest import importer
path, file = Path(sys.argv[1]), Path(sys.argv[2])
plan = importer.plan(path, file.name, file.read_bytes())
print(json.dumps({"problems": [str(p) for p in plan.problems], "added": plan.added,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("bounds") / "t.duckdb"
    db.build(path, FIXTURE_DATA)
    return path


@pytest.mark.parametrize("name", BOMBS)
def test_a_hostile_file_is_answered_quickly_in_bounded_memory(store, name):
    file = CORPUS / ("good" if (CORPUS / "good" / name).exists() else "bad") / name
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, str(store), str(file)], capture_output=True, text=True,
                          timeout=120)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert seconds < SECONDS and found["peak_mb"] < MEGABYTES, (seconds, found["peak_mb"])
    if file.parent.name == "good":  # a formatted empty cell at F1048576 is passed over
        assert found["problems"] == [] and found["added"] == 2
    else:
        assert found["problems"] and all(p.startswith(name) for p in found["problems"]), found["problems"]
