"""The package as a deployment gets it: a wheel built from the checkout, installed (not editable) into a fresh
virtual environment, run from another folder with an empty deployment folder (TRADESTATS_HOME): init, summary,
and `tradestats serve` with the overview drawn in Chromium. Slow (the venv's dependencies come from the
package index): about a minute."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from browser import serving, wait_for_metrics

from tradestats import config
from tradestats.store import statements

# What a checkout holds that is not source: the tests' and builds' leftovers, and a database built in data/.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                    "artifacts", "tradestats.duckdb*", ".tradestats.duckdb*")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("installed")
    source = tmp / "source"
    shutil.copytree(config.ROOT, source, ignore=NOT_SOURCE)
    # A checkout's database beside the data, which the wheel must not take along.
    (source / "data" / "tradestats.duckdb").write_bytes(b"not shipped")
    (source / "data" / "tradestats.duckdb.versions").mkdir()
    (source / "data" / "tradestats.duckdb.versions" / "v.duckdb").write_bytes(b"not shipped")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp / "dist"), str(source)], tmp)
    wheel = next((tmp / "dist").glob("tradestats-*.whl"))
    run([sys.executable, "-m", "venv", str(tmp / "venv")], tmp)
    run([str(tmp / "venv" / "bin" / "pip"), "install", str(wheel)], tmp)
    shutil.rmtree(source)  # nothing of the checkout is left to find
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    home = tmp / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in (config.DB_ENV, "PYTHONPATH")}
    return {"wheel": wheel, "bin": tmp / "venv" / "bin", "cwd": elsewhere, "home": home, "tmp": tmp,
            "env": env | {config.HOME_ENV: str(home)}}


def run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_carries_the_app_queries_and_data_but_no_database(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for name in ("tradestats/shipped/app.py", "tradestats/shipped/pages/overview.py",
                 "tradestats/shipped/.streamlit/config.toml", "tradestats/shipped/queries/headline_by_period.sql",
                 "tradestats/shipped/data/settings.toml", "tradestats/shipped/data/regions.csv",
                 "tradestats/shipped/data/import/columns.csv", "tradestats/shipped/data/demo/trade_monthly.csv",
                 "tradestats/shipped/data/boundaries/431200.geojson", "tradestats/pyproject.toml",
                 "tradestats/chart_assets/chart.js", "tradestats/store/schema.sql", "tradestats/store/derived.sql"):
        assert name in names
    assert len([n for n in names if n.startswith("tradestats/shipped/queries/")]) == \
        len(list((config.QUERIES_DIR).glob("*.sql")))
    # every statement that writes and derives (store.statements), beside its package
    assert {f"tradestats/{n.replace('/', '/sql/')}.sql" for n in statements.names()} <= set(names)
    assert not [n for n in names if ".duckdb" in n]  # no database (nor a version of one, nor its .wal)


def test_init_and_summary_from_another_folder(installed):
    tradestats = str(installed["bin"] / "tradestats")
    out = run([tradestats, "init"], installed["cwd"], env=installed["env"]).stdout
    assert str(installed["home"]) in out
    assert (installed["home"] / config.DB_NAME).is_symlink()
    summary = json.loads(run([tradestats, "summary", "--year", "2024", "--json"], installed["cwd"],
                             env=installed["env"]).stdout)
    assert (summary["projects"], summary["amount_yoy_pct"], summary["rank"]) == (1534, 18.59, 5)
    assert not list(installed["cwd"].iterdir())  # nothing written where it ran


def test_serve_draws_the_overview(installed, page):
    if not (installed["home"] / config.DB_NAME).exists():
        test_init_and_summary_from_another_folder(installed)
    log = installed["tmp"] / "serve.log"
    with serving([str(installed["bin"] / "tradestats"), "serve"], log, installed["cwd"], **installed["env"]) as (url, _):
        page.goto(url)
        wait_for_metrics(page, "1534宗", "293.74亿元", timeout=90000)
        # The charts are the package's Streamlit component: drawn, so its assets were found in the install.
        page.wait_for_function("document.querySelectorAll('.ts-chart .main-svg').length >= 4", timeout=60000)
        assert page.locator("[data-testid=stException]").count() == 0
        assert "怀化市公共资源交易中心" in page.inner_text("[data-testid=stSidebar]")
