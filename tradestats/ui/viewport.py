"""Whether the browser of this session is as narrow as a phone: the server never sees the viewport, so a
small element with nothing to show (a Streamlit component) asks the browser, and says when the answer changes.

A page with a table too wide for a phone (a grid, ten columns) draws a phone's version instead when narrow()
is true. Until the browser has answered, the answer is the one it gave in an earlier visit (a cookie), else
the desktop's, so a desktop never reruns for it; a phone's first such page is run once more when its answer
arrives, and later pages of the session know it. A phone turned sideways, or a window made narrower, answers
again."""

from __future__ import annotations

import functools

import streamlit as st

WIDTH_PX = 640  # as the pages' CSS: at most this, Streamlit stacks columns and the phone rules apply
KEY = "ts_viewport"  # the element's key (its state)
KNOWN = "ts_narrow"  # the answer kept for the session: the element is only on the pages that ask
COOKIE = "ts_narrow"  # and for the next visit: "1" narrow, "0" not

JS = f"""
export default function ({{ data, setStateValue }}) {{
  const query = window.matchMedia("(max-width: {WIDTH_PX}px)");
  const report = () => {{
    document.cookie = `{COOKIE}=${{query.matches ? 1 : 0}}; path=/; max-age=31536000; SameSite=Lax`;
    if (query.matches !== data.narrow) setStateValue("narrow", query.matches);
  }};
  report();
  query.addEventListener("change", report);
  return () => query.removeEventListener("change", report);
}}
"""
# Nothing to see: the element's place in the page takes no room (Streamlit gives it the class st-key-KEY).
CSS = f".st-key-{KEY} {{ display: none; }}"


@functools.cache
def _element():
    return st.components.v2.component("tradestats.viewport", js=JS, css=CSS, isolate_styles=False)


def narrow() -> bool:
    """True when the session's browser is a phone's width (≤ 640 px), as far as it has said; else False. It
    places the asking element where it is called (hidden): once a run, by the pages whose tables depend on it."""
    known = st.session_state.get(KNOWN)
    if known is None:
        known = st.context.cookies.get(COOKIE) == "1"
    said = _element()(key=KEY, data={"narrow": known}, on_narrow_change=lambda: None).narrow
    if said is not None and said != known:
        st.session_state[KNOWN] = known = bool(said)
    return known
