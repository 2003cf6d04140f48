"""The docs a user finds things in: a short README with the two commands CI really runs, every `tradestats`
command and flag written down (read from the parser, so a new flag without its line fails here), no link,
anchor or picture in the README or docs/ that leads nowhere, and every environment variable the code reads
in the configuration page."""

import argparse
import re
import unicodedata
from pathlib import Path

import pytest

from tradestats import cli, config

ROOT = config.ROOT
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS, ROOT / "data" / "README.md"]  # every page whose links are checked
MAX_README_LINES = 200


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """The text outside fenced code blocks and inline code spans, where links and headings are."""
    markdown = re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", markdown)


# (a) The README is short and holds the two commands for a fresh machine: the test command is the one .ci/run
# runs, the run command the script that starts the app.

def ci_command() -> str:
    ran = [line.split(None, 1)[1] for line in text(ROOT / ".ci" / "run").splitlines() if line.startswith("exec ")]
    assert len(ran) == 1, "no single exec line in .ci/run"
    return ran[0].strip()


def two_commands() -> list[str]:
    """The indented command lines of the README's section on the two commands."""
    section = text(README).split("\n## Two commands", 1)[1].split("\n## ", 1)[0]
    return [line[4:] for line in section.splitlines() if line.startswith("    ") and line.strip()]


def test_the_readme_is_short_and_holds_the_two_commands_ci_runs():
    lines = text(README).splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines, more than {MAX_README_LINES}"
    assert len(two_commands()) == 2, two_commands()
    run, test = two_commands()
    assert test == ci_command() == "./scripts/test.sh"
    started = text(ROOT / run)  # the script that runs the app: ends by starting the server
    assert (ROOT / run).stat().st_mode & 0o111 and "-m tradestats.ui.serve" in started.splitlines()[-1], run
    assert (ROOT / test).stat().st_mode & 0o111


# (b) Every subcommand and every flag, from the parser itself.

def commands() -> dict[str, list[str]]:
    """The flags of each subcommand ("" for the command's own), from cli.build_parser()."""
    parser = cli.build_parser()
    out = {"": [o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"]}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out[name] = [o for a in sub._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
    return out


def documented_lines() -> list[str]:
    return [line for page in (README, *DOCS) for line in text(page).splitlines()]


def uses(line: str, command: str) -> list[str]:
    """The stretches of a line that show `tradestats <command> …`: up to the end of its inline code span, or of a
    code line (before its comment)."""
    found = []
    for m in re.finditer(rf"tradestats(?: \[--db PATH\])? {re.escape(command)}(?=[\s`\]|]|$)" if command
                         else r"tradestats \[?--db", line):
        rest = line[m.start():]
        end = min([i for i in (rest.find("`"), rest.find("  #"), rest.find(" | ")) if i > 0] or [len(rest)])
        found.append(rest[:end])
    return found


def test_every_command_and_flag_is_documented():
    lines = documented_lines()
    missing = []
    for command, flags in commands().items():
        stretches = [s for line in lines for s in uses(line, command)]
        if not stretches:
            missing.append(f"tradestats {command}")
        for flag in flags:
            if not any(re.search(rf"{re.escape(flag)}(?![\w-])", s) for s in stretches):
                missing.append(f"tradestats {command} {flag}".replace("  ", " "))
    assert not missing, f"not in README.md or docs/*.md (on a line showing the command): {missing}"


def test_no_flag_is_documented_that_the_command_lacks():
    known = commands()
    wrong = []
    for line in documented_lines():
        for command in known:
            if not command or command == "serve":  # serve passes streamlit's options on
                continue
            for stretch in uses(line, command):
                for flag in re.findall(r"--[a-z][\w-]*(?![\w.-])", stretch):
                    if flag not in known[command] and flag not in known[""] + ["--help"]:
                        wrong.append(f"{stretch!r}: {flag}")
    assert not wrong, wrong


# (c), (d) Links, anchors and pictures.

def slug(heading: str) -> str:
    """GitHub's anchor for a heading (github-slugger): the heading's text lowercased, with punctuation, symbols and
    other marks taken out — letters of any script (Chinese included), digits, `_`, `-` and spaces kept — and each
    space made a `-`."""
    words = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    words = re.sub(r"[`*]|<[^>]+>", "", words).strip().lower()
    kept = "".join(ch for ch in words if ch in " -_" or ch.isalpha()
                   or unicodedata.category(ch)[0] == "M" or unicodedata.category(ch) in ("Nd", "Nl"))
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings; a repeated one gets -1, -2 … as on GitHub."""
    seen: dict[str, int] = {}
    out = set()
    for line in re.sub(r"^```.*?^```", "", text(path), flags=re.M | re.S).splitlines():
        if m := re.match(r"#{1,6} (.+?)#*\s*$", line):
            base = slug(m.group(1))
            name = base if base not in seen else f"{base}-{seen[base]}"
            seen[base] = seen.get(base, 0) + 1
            out.add(name)
    return out


def test_the_slug_is_githubs():
    assert slug("预警 and the group chat") == "预警-and-the-group-chat"
    assert slug("Two commands (fresh Debian machine, from the repository's root)") == (
        "two-commands-fresh-debian-machine-from-the-repositorys-root")
    assert slug("全年预计 (year-end estimate)") == "全年预计-year-end-estimate"
    assert slug("统计月报与汇报PPT") == "统计月报与汇报ppt"
    assert slug("The 数据管理 password and logins") == "the-数据管理-password-and-logins"
    assert slug("Names are text: never formulas, links or markup") == "names-are-text-never-formulas-links-or-markup"
    assert slug("`settings.toml` and `rate_basis`（节资率）") == "settingstoml-and-rate_basis节资率"


def links(path: Path) -> list[str]:
    body = prose(text(path))
    found = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", body)
    found += re.findall(r"<img\s[^>]*src=\"([^\"]+)\"", body)
    return [f for f in found if not re.match(r"[a-z][a-z+.-]*:", f)]  # http:, https:, mailto:


def pictures(path: Path) -> list[str]:
    body = prose(text(path))
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", body) + re.findall(r"<img\s[^>]*src=\"([^\"]+)\"", body)


# A parameter named "page" would mark these as browser tests (conftest's BROWSER_FIXTURES): "doc".
@pytest.mark.parametrize("doc", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_anchor_resolves(doc):
    broken = []
    for link in links(doc):
        target, _, anchor = link.partition("#")
        file = (doc.parent / target).resolve() if target else doc
        if not file.exists():
            broken.append(f"{link}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{link}: no heading #{anchor} in {file.relative_to(ROOT)}")
    assert not broken, broken


@pytest.mark.parametrize("doc", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_picture_referenced_exists(doc):
    missing = [p for p in pictures(doc) if not (doc.parent / p).is_file()]
    assert not missing, missing


def test_every_picture_in_docs_is_shown_somewhere():
    shown = {(doc.parent / p).resolve() for doc in PAGES for p in pictures(doc)}
    unused = [p.name for p in sorted((ROOT / "docs").glob("*.png")) if p.resolve() not in shown]
    assert not unused, unused


# Every environment variable the code reads, in the configuration page.

def test_every_environment_variable_is_in_the_configuration_page():
    code = [*ROOT.joinpath("tradestats").rglob("*.py"), *ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py"]
    names = {name for file in code for name in re.findall(r"\bTRADESTATS_[A-Z_]+[A-Z]\b", text(file))}
    page = text(ROOT / "docs" / "configuration.md")
    assert names and not [n for n in sorted(names) if f"`{n}`" not in page], sorted(names)


# Every module of the package in the architecture page's map, by its name and what it holds ("name (…)", or
# in a list "name, …"): a module added without its line fails here.

def test_every_module_is_in_the_package_map():
    page = text(ROOT / "docs" / "architecture.md")
    described = re.sub(r"\s+", " ", page.split("## The package map", 1)[1].split("\n## ", 1)[0])
    modules = sorted(p for p in ROOT.joinpath("tradestats").rglob("*.py") if not p.name.startswith("__"))
    missing = [str(p.relative_to(ROOT)) for p in modules
               if not re.search(rf"(?<![\w/.-]){re.escape(p.stem)}(?= ?\(|,| and )", described)]
    packages = sorted(p.parent.name for p in ROOT.joinpath("tradestats").glob("*/__init__.py"))
    missing += [f"tradestats/{name}/" for name in packages if not re.search(rf"(?<![\w/.-]){name}/ ", described)]
    assert modules and not missing, f"not in docs/architecture.md's package map: {missing}"
