"""The code's layers and the facts it states once: nothing outside the Streamlit layer imports streamlit; the
SQL of the measures a page can choose (derived.sql's measure_value) and the metric catalogue agree; no
sector's name is written in the package's Python."""

import ast
import re

from tradestats import config, metrics

PACKAGE = config.PACKAGE
STREAMLIT_LAYER = PACKAGE / "ui"  # the pages and app.py sit on it


def imports_of(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_streamlit_layer_imports_streamlit():
    using = {p for p in PACKAGE.rglob("*.py") if "shipped" not in p.parts and "streamlit" in imports_of(p)}
    assert using and all(p.is_relative_to(STREAMLIT_LAYER) for p in using), using


def test_the_measures_sql_and_the_catalogue_agree():
    sql = (PACKAGE / "store" / "derived.sql").read_text(encoding="utf-8")
    macro = sql[sql.index("macro measure_value"):sql.index("macro measure_change")]
    assert re.findall(r"when '(\w+)' then", macro) == [m.column for m in metrics.MEASURES]
    # A rate's change is in points in SQL (measure_change) as in the catalogue (Metric.change).
    assert all(m.is_rate == m.column.endswith("_pct") for m in metrics.MEASURES)


def test_no_sector_is_named_in_the_package():
    sectors = [line.split(",") for line in
               (config.DATA_DIR / "sectors.csv").read_text(encoding="utf-8").splitlines()[1:]]
    names = [s[1] for s in sectors if len(s[1]) >= 4]  # not 其他, a plain word
    codes = [s[0] for s in sectors]
    for path in PACKAGE.rglob("*.py"):
        if "shipped" in path.parts:
            continue
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.strip().startswith("#") and '"""' not in line)
        assert not [n for n in names if f'"{n}' in code or f"（{n}" in code], path
        assert not [c for c in codes if f"'{c}'" in code or f'"{c}"' in code], path
