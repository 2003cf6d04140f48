"""tradestats.ui.serve sets the pages' font unless one is set already, wherever Streamlit would read it."""

import pytest

from tradestats.ui import serve


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("STREAMLIT_THEME_FONT", raising=False)
    return tmp_path


@pytest.mark.parametrize(("options", "given"), [
    ([], False),
    (["--server.port", "8080"], False),
    (["--theme.font", "serif"], True),
    (["--theme.font=serif"], True),
    (["--theme.fontFaces", "[]"], False),  # another option with the same start
])
def test_a_font_on_the_command_line_is_kept(home, options, given):
    assert serve.font_given(options) is given


def test_a_font_in_the_environment_is_kept(home, monkeypatch):
    monkeypatch.setenv("STREAMLIT_THEME_FONT", "serif")
    assert serve.font_given([])


def test_a_font_in_the_users_config_is_kept(home):
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "config.toml").write_text('[theme]\nbase = "light"\n', encoding="utf-8")
    assert not serve.font_given([])
    (home / ".streamlit" / "config.toml").write_text('[theme]\nfont = "serif"\n', encoding="utf-8")
    assert serve.font_given([])
