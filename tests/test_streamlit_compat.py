"""Each reach past Streamlit's public API (tradestats/ui/streamlit_compat.py) still works as the app relies
on it; a failure names what changed in Streamlit."""

import sys
import types

from tradestats.ui import streamlit_compat

SCRIPT = """
import streamlit as st
import compat_probe

@st.cache_resource
def computed():
    compat_probe.calls.append("computed")
    return len(compat_probe.calls)

computed()
compat_probe.calls.append("ran")
"""


def test_run_app_once_runs_the_script_in_this_process_and_fills_its_caches(tmp_path, monkeypatch):
    probe = types.ModuleType("compat_probe")
    probe.calls = []
    monkeypatch.setitem(sys.modules, "compat_probe", probe)
    script = tmp_path / "app.py"
    script.write_text(SCRIPT, encoding="utf-8")
    changed = f"Streamlit changed: run_app_once relies on {streamlit_compat.RELIES_ON['run_app_once']}"
    try:
        streamlit_compat.run_app_once(script, timeout_s=30)
        streamlit_compat.run_app_once(script, timeout_s=30)
    except Exception as e:  # noqa: BLE001
        raise AssertionError(changed) from e
    assert probe.calls == ["computed", "ran", "ran"], changed


def test_streamlits_table_code_is_found_by_its_built_name():
    assert streamlit_compat.table_code_files(), (
        f"Streamlit changed: table_code_files relies on {streamlit_compat.RELIES_ON['table_code_files']}")



RUN_TWICE = """
import streamlit as st
from streamlit.errors import StreamlitAPIException
from tradestats.ui import streamlit_compat

page = st.navigation([st.Page(lambda: st.write("总览"), title="总览")])
page.run()
try:
    page.run()  # what the compat function undoes: a page st.navigation returned runs once
except StreamlitAPIException:
    st.write("guarded")
streamlit_compat.run_page_again(page)
page.run()
"""


def test_a_page_navigation_returned_runs_again_once_allowed():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(RUN_TWICE).run()
    assert not at.exception, f"{at.exception}: {streamlit_compat.RELIES_ON['run_page_again']}"
    assert [m.value for m in at.markdown] == ["总览", "guarded", "总览"], streamlit_compat.RELIES_ON["run_page_again"]
