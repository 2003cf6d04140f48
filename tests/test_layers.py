"""The code's layers and the facts it states once: nothing but tradestats/ui/streamlit_compat.py reaches past
Streamlit's public API (who may import streamlit at all: test_architecture's import contracts); the
SQL of the measures a page can choose (derived.sql's measure_value) and the metric catalogue agree; no
sector's name is written in the package's Python."""

import ast
import re

from tradestats import config
from tradestats.domain import metrics

PACKAGE = config.PACKAGE
STREAMLIT_LAYER = PACKAGE / "ui"  # the pages and app.py sit on it


# Streamlit's modules a program may import (its documented API); all else (streamlit.runtime, streamlit.web,
# streamlit.testing, streamlit.delta_generator …) is Streamlit's own business.
PUBLIC_STREAMLIT = {"streamlit", "streamlit.components.v1", "streamlit.components.v2", "streamlit.column_config"}
COMPAT = STREAMLIT_LAYER / "streamlit_compat.py"


def private_streamlit_uses(path) -> list[str]:
    """Where the file imports a Streamlit module outside PUBLIC_STREAMLIT, touches an attribute of a Streamlit
    object whose name starts with an underscore (page._can_be_called), reads the interpreter's frames
    (sys._getframe) or names Streamlit's built files (its hashed static/js chunks) or the server's own routes
    (_stcore/…)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("streamlit") and a.name not in PUBLIC_STREAMLIT]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
            modules = {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            if node.module not in PUBLIC_STREAMLIT or modules & {"streamlit.delta_generator", "streamlit.runtime",
                                                                  "streamlit.web", "streamlit.testing"}:
                found.append(f"from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            found.append(f"._{node.attr[1:]}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                "static/js" in node.value or "_stcore/" in node.value or "uses_pages_directory" in node.value):
            found.append(node.value[:40])
    found += [n for n in ("uses_pages_directory", "PagesManager", "arrowFormatUtils")
              if n in path.read_text(encoding="utf-8")]
    return found


def test_streamlit_is_used_through_its_public_api_outside_the_compat_module():
    """Only tradestats/ui/streamlit_compat.py may reach past Streamlit's public API (each reach guarded by
    its test in tests/test_streamlit_compat.py). The Streamlit layer, app.py and the pages touch no
    underscore attribute at all: any they had would be Streamlit's (their own helpers are module-level)."""
    files = [*STREAMLIT_LAYER.rglob("*.py"), config.ROOT / "app.py", *(config.ROOT / "pages").glob("*.py")]
    uses = {str(p.relative_to(config.ROOT)): u for p in files if p != COMPAT and (u := private_streamlit_uses(p))}
    assert not uses, f"move these into {COMPAT.name}, with a test: {uses}"
    assert private_streamlit_uses(COMPAT), "nothing left in streamlit_compat.py? then delete it and this line"


def test_the_measures_sql_and_the_catalogue_agree():
    sql = (PACKAGE / "store" / "derived.sql").read_text(encoding="utf-8")
    macro = sql[sql.index("macro measure_value"):sql.index("macro measure_change")]
    assert re.findall(r"when '(\w+)' then", macro) == [m.column for m in metrics.MEASURES]
    # A rate's change is in points in SQL (measure_change) as in the catalogue (Metric.change).
    assert all(m.is_rate == m.column.endswith("_pct") for m in metrics.MEASURES)


def test_no_sector_code_is_written_in_the_package():
    codes = [line.split(",")[0] for line in
             (config.DATA_DIR / "sectors.csv").read_text(encoding="utf-8").splitlines()[1:]]
    for path in PACKAGE.rglob("*.py"):
        if "shipped" in path.parts:
            continue
        texts = [text for _, text in string_constants(path)]
        assert not [c for c in codes if any(t == c or f"'{c}'" in t for t in texts)], path  # SQL's quotes too


def string_constants(path):
    """The string constants of a module's code (f-strings' literal parts too), not its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


# A header word of an imported file that happens to be a measure's label: the vocabulary's, not the measure's.
FILE_WORDS = {("ingest/headers.py", "占比")}


def test_a_sector_or_measure_is_named_only_where_it_is_defined():
    """A sector's name (sectors.csv) in no string of the package's or the pages' code; a string equal to a
    measure's label (the metric catalogue) only in domain/metrics.py — sentences and table heads take them from there."""
    sectors = [line.split(",")[1] for line in
               (config.DATA_DIR / "sectors.csv").read_text(encoding="utf-8").splitlines()[1:]]
    sectors = [s for s in sectors if len(s) >= 4]  # not 其他, a plain word
    labels = {m.label for m in metrics.CATALOGUE.values()}
    found = []
    pages = [*(config.ROOT / "pages").glob("*.py"), config.ROOT / "app.py"]
    for path in sorted([*PACKAGE.rglob("*.py"), *pages]):
        if "shipped" in path.parts:
            continue
        where = path.relative_to(PACKAGE if path.is_relative_to(PACKAGE) else config.ROOT).as_posix()
        for line, text in string_constants(path):
            found += [f"{where}:{line} {s}" for s in sectors if s in text]
            if text in labels and where != "domain/metrics.py" and (where, text) not in FILE_WORDS:
                found.append(f"{where}:{line} {text}")
    assert found == []
