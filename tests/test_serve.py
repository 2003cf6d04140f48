"""tradestats.ui.serve starts `streamlit run app.py` through Streamlit's own command; what a server needs (no
file watcher, the pages' font) is in the app's .streamlit/config.toml, a documented setting."""

import tomllib

from tradestats import config
from tradestats.present import charts
from tradestats.ui import serve

APP_CONFIG = config.APP.parent / ".streamlit" / "config.toml"


def test_the_apps_config_sets_the_pages_font_and_no_file_watcher():
    settings = tomllib.loads(APP_CONFIG.read_text(encoding="utf-8"))
    assert settings["theme"]["font"] == charts.PAGE_FONT, "write charts.PAGE_FONT into .streamlit/config.toml"
    assert settings["server"]["fileWatcherType"] == "none"


def test_serve_starts_streamlits_own_command():
    command = serve.streamlit_command()  # the `streamlit` console script: a click group
    assert callable(command) and "run" in command.commands
