"""The package's import rules (pyproject.toml's [tool.importlinter]: no cycles, the layers, Streamlit only in
tradestats.ui) hold, checked by import-linter — and break when a cycle, an upward import or a Streamlit
import is added to a copy of the package; a project import inside a function says why on its line."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tradestats import config

ROOT = config.PACKAGE.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    """lint-imports on the package under root, with root's pyproject.toml (root first on the path, so the
    copy is read, not the installed package)."""
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold():
    r = lint(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 4 kept, 0 broken." in r.stdout


@pytest.fixture
def copy(tmp_path):
    """The package and its pyproject.toml, copied: a test breaks a rule there."""
    shutil.copytree(config.PACKAGE, tmp_path / "tradestats", ignore=shutil.ignore_patterns("__pycache__", "shipped"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_import(module: Path, line: str) -> None:
    text = module.read_text(encoding="utf-8")
    head, _, rest = text.partition("from __future__ import annotations\n")
    module.write_text(head + "from __future__ import annotations\n" + line + "\n" + rest, encoding="utf-8")


@pytest.mark.parametrize("module, line, broken", [
    # a cycle: the summary imports the targets, which import the summary
    ("domain/summary.py", "from tradestats.domain import targets  # noqa", "No cycles"),
    # the store reaching up to the 预警 ledger: the cycle db.build once had (and a layer upside down)
    ("store/db.py", "from tradestats.alerting import alerts  # noqa", "Layers"),
    # the domain reaching up to how figures look
    ("domain/periods.py", "from tradestats.present import names  # noqa", "Layers"),
    # the domain reading data itself instead of through the query function it is handed
    ("domain/targets.py", "from tradestats.store import queries  # noqa", "Layers"),
    # two packages side by side in one layer: neither imports the other
    ("access/login.py", "from tradestats.notify import webhooks  # noqa", "Layers"),
    # Streamlit below the user interface
    ("domain/metrics.py", "import streamlit  # noqa", "Streamlit only"),
    # the header stage asking the statistics reader after it (headers and stats_file once called each other)
    ("ingest/headers.py", "from tradestats.ingest import stats_file  # noqa", "The import's stages"),
    # one kind's reader leaning on another's (the project list once took its header from stats_file's)
    ("ingest/project_file.py", "from tradestats.ingest import stats_file  # noqa", "The import's stages"),
    # the plan stage reaching on to the write stage after it
    ("ingest/planning.py", "from tradestats.ingest import writing  # noqa", "The import's stages"),
    # the write stage calling the orchestrator back
    ("ingest/writing.py", "from tradestats.ingest import importer  # noqa", "The import's stages"),
])
def test_a_rule_broken_on_purpose_is_found(copy, module, line, broken):
    assert lint(copy).returncode == 0  # the copy as it is keeps them
    add_import(copy / "tradestats" / module, line)
    r = lint(copy)
    assert r.returncode != 0
    failed = r.stdout.split("Broken contracts", 1)[1]
    assert broken in failed, r.stdout


def function_imports_without_a_reason(package: Path) -> list[str]:
    """`file:line` of each import of the project's own modules inside a function whose line (or the line
    above) has no comment saying why it is there rather than at the top."""
    found = []
    for path in sorted(package.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                name = (inner.module if isinstance(inner, ast.ImportFrom)
                        else inner.names[0].name if isinstance(inner, ast.Import) else None)
                if name and name.split(".")[0] == "tradestats":
                    said = "#" in lines[inner.lineno - 1] or lines[inner.lineno - 2].strip().startswith("#")
                    if not said:
                        found.append(f"{path.relative_to(package.parent)}:{inner.lineno}")
    return found


def test_a_project_import_inside_a_function_says_why(tmp_path):
    assert function_imports_without_a_reason(config.PACKAGE) == []
    # and the check sees one that does not
    (tmp_path / "tradestats").mkdir()
    (tmp_path / "tradestats" / "m.py").write_text("def f():\n    from tradestats.domain import metrics\n\n    return metrics\n")
    assert function_imports_without_a_reason(tmp_path / "tradestats") == ["tradestats/m.py:2"]


def test_the_top_holds_only_the_entry_points_and_each_package_says_what_it_holds_and_may_import():
    top = sorted(p.name for p in config.PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "config.py"]
    packages = sorted(p.parent.name for p in config.PACKAGE.glob("*/__init__.py") if p.parent.name != "shipped")
    assert packages == ["access", "alerting", "demo", "deploy", "documents", "domain", "ingest", "notify",
                        "present", "store", "ui"]
    for name in packages:
        doc = ast.get_docstring(ast.parse((config.PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"tradestats/{name}/__init__.py: what it holds and what it may import"
