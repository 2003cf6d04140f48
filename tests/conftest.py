"""Shared fixtures: the hand-checkable fixture database and the demo database, each built once."""

import functools
from pathlib import Path

import pytest

from tradestats import config, db, queries

FIXTURE_DATA = Path(__file__).parent / "fixture_data"


@pytest.fixture(autouse=True, scope="session")
def _component_manifests_scanned_once():
    """AppTest starts a Streamlit runtime per test, and each scans every installed package for component
    manifests (the chart element's, ~0.26 s); the packages do not change during a test session."""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests",
                      functools.cache(manifest_scanner.scan_component_manifests))
        yield


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "tradestats.duckdb"
    db.build(path, FIXTURE_DATA, demo=True)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "tradestats.duckdb"
    db.build(path, config.DATA_DIR, demo=True)
    return path


def runner(path: Path):
    """A query runner over a read-only connection, as the CLI builds it."""
    return functools.partial(queries.run, db.connect(path))


@pytest.fixture(scope="session")
def fq(fixture_db):
    return runner(fixture_db)


@pytest.fixture(scope="session")
def dq(demo_db):
    return runner(demo_db)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for all browser tests."""
    from browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()
