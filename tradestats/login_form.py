"""The 数据管理 login as the pages draw it — shared by 数据管理 (imports) and 预警 (acknowledging): nothing
without a configured password, the form (throttled by tradestats.login) until the session has logged in."""

from __future__ import annotations

import streamlit as st

from tradestats import auth, config, login


def logged_in(what: str = "导入数据") -> bool:
    """True once this session has logged in; else draw why not, or the form, and return False."""
    stored = auth.configured_hash(lambda key: st.secrets[key])
    if not stored:
        st.warning(f"尚未设置数据管理密码，本页不能{what}。设置方法：运行 `tradestats password` 生成密码摘要，"
                   f"写入环境变量 `{auth.ENV}`，或写入 `.streamlit/secrets.toml` 的 `{auth.SECRET} = \"…\"`，然后重启应用。")
        return False
    if st.session_state.get("admin"):
        return True
    address = login.client_key(st.context.ip_address)
    with st.form("login"):
        password = st.text_input("密码", type="password")
        if st.form_submit_button("登录"):
            opened, message = login.try_password(password, stored, address, login.log_path(config.db_path()))
            if opened:
                st.session_state["admin"] = True
                st.rerun()
            st.error(message)
        elif not (status := login.THROTTLE.status(address)).allowed and status.reason != "soon":
            st.error(status.message)
    return False
