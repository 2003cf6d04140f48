"""SQL longer than a line lives in a .sql file named for what it does (issue 27): the pages' questions in
queries/, the statements that write and derive in the sql/ folder of the package that runs them
(tradestats/store/sql/, tradestats/ingest/sql/; statements.statement). The package's
Python holds no multi-line statement, nor a multi-line piece of one (a CASE, its WHEN clauses: a rule's SQL is a
macro in a .sql file, and Python names it), and every statement file is read somewhere."""

import ast
import re

from tradestats import config
from tradestats.store import derive, statements

PACKAGE = config.PACKAGE
SQL_START = re.compile(r"(select|with|insert|update|delete|create|alter|drop|copy|attach)\b", re.IGNORECASE)
# A piece of a statement: CASE [x] WHEN, WHEN … THEN on a line, or a line that starts with WHEN, THEN, ELSE or END
SQL_PIECE = re.compile(r"\bcase\s+(?:[\w.{}]+\s+)?when\b|\bwhen\b[^\n]*\bthen\b|^\s*(?:when|then|else|end)\b",
                       re.IGNORECASE | re.MULTILINE)

# Modules (by file stem: their folders are moving) that still hold multi-line SQL, to be moved into .sql files
# in their turn. The list may only shrink: a module that no longer needs its entry fails the test below.
NOT_YET_MOVED: set[str] = set()


def looks_like_sql(text: str) -> bool:
    """Starts, after white space and `--` comments, with a statement's first word."""
    lines = text.strip().splitlines()
    while lines and (not lines[0].strip() or lines[0].strip().startswith("--")):
        lines.pop(0)
    return bool(SQL_START.match("\n".join(lines).lstrip()))


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the module's, classes' and functions' docstrings: prose, where "when … then" is no SQL."""
    bodies = [n.body for n in ast.walk(tree)
              if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body]
    return {id(b[0].value) for b in bodies if isinstance(b[0], ast.Expr) and isinstance(b[0].value, ast.Constant)}


def multiline_sql(path) -> list[int]:
    """The lines where a string (or f-string) spanning more than one line of the file starts with SQL or, not
    being a docstring, holds a piece of it (SQL_PIECE)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = docstrings(tree)
    parts = set()  # an f-string's literal parts, judged with their f-string
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts |= {id(v) for v in node.values}
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            text = node.value
        else:
            continue
        if node.end_lineno > node.lineno and (looks_like_sql(text) or id(node) not in prose and SQL_PIECE.search(text)):
            found.append(node.lineno)
    return sorted(found)


def test_no_multiline_sql_in_the_package_python():
    found = {path: multiline_sql(path) for path in sorted(PACKAGE.rglob("*.py"))}
    held = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path, lines in found.items() for line in lines
            if path.stem not in NOT_YET_MOVED]
    assert not held, "SQL over one line belongs in a .sql file (tradestats/<package>/sql/, statements.statement):\n" + \
        "\n".join(held)
    stale = sorted(NOT_YET_MOVED - {path.stem for path, lines in found.items() if lines})
    assert not stale, f"no multi-line SQL left in {stale}: take them off NOT_YET_MOVED"


def test_the_check_sees_sql_in_strings_and_f_strings(tmp_path):
    source = tmp_path / "example.py"
    source.write_text('a = """\n  -- why\n  SELECT 1\n"""\nb = f"""insert into {t}\n values (1)"""\n'
                      'c = ("delete from t "\n     "where x")\nd = """not\nsql"""\ne = "select 1"\n', encoding="utf-8")
    assert multiline_sql(source) == [1, 5, 7]


def test_the_check_sees_pieces_of_sql_but_not_prose(tmp_path):
    source = tmp_path / "example.py"
    source.write_text('"""Read when asked, then kept.\nEnd of story."""\n'
                      'a = f"""case when {f} = \'\' then null\n  else {f} end"""\n'
                      'b = ("case {f} when 1 then 2 "\n     "end as x")\n'
                      'c = """\n  when x is null then 1"""\n'
                      'd = ("x <> 1 "\n     "and y")\n'
                      'def g():\n    """when one,\n    then the other"""\n'
                      'e = "case when x then 1 end"\n', encoding="utf-8")
    assert multiline_sql(source) == [3, 5, 7]


def statement_names_used() -> set[str]:
    """The names passed as text to statements.statement() anywhere in the package."""
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "statement"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    return used


def test_every_statement_file_is_read_and_every_statement_read_has_its_file():
    files, used = set(statements.names()), statement_names_used()
    assert not files - used, f"statement files nothing reads: {sorted(files - used)}"
    assert not used - files, f"statements read without a file: {sorted(used - files)}"


def test_every_statement_file_says_what_it_does():
    for name in statements.names():
        text = statements.statement(name)
        assert text.startswith("-- "), f"tradestats/store/{name}.sql: start with a comment"
        # str.format fills a placeholder in a comment too, and a fragment of several lines would leave it
        braced = [line for line in text.splitlines() if "--" in line and "{" in line.split("--", 1)[1]]
        assert not braced, f"tradestats/store/{name}.sql: name placeholders without braces in comments: {braced}"


def test_the_top_lists_orders_are_derives():
    """derive_top_values.sql and derive_project_top.sql write derive.ORDERS out, numbered in their order."""
    values, top = statements.statement("store/derive_top_values"), statements.statement("store/derive_project_top")
    assert [o for o in re.findall(r"project_order_value\('(\w+)'", values)] == list(derive.ORDERS)
    assert re.findall(r"when (\d) then '(\w+)'", top) == [(str(n), o) for n, o in enumerate(derive.ORDERS)]
