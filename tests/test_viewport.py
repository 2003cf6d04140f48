"""The pages of wide tables as the server draws them once the browser has said it is a phone's width
(tradestats.ui.viewport: the session's answer preset, as a phone's first such page leaves it): no grid, and
every figure of the desktop's tables in narrower ones; without an answer, the desktop's grids and tables."""

from html import escape

import pandas as pd
import pytest
from conftest import app_page as page
from conftest import frames

from tradestats.ui import viewport

pytestmark = pytest.mark.app
PHONE = {viewport.KNOWN: True}


def side_by_side(parts: list[pd.DataFrame], lead: list[str]) -> pd.DataFrame:
    """A table's parts put back together: the lead columns once, then each part's own."""
    return pd.concat([parts[0], *(p.drop(columns=lead) for p in parts[1:])], axis=1)


def test_the_sectors_detail_in_parts_holds_every_figure_of_the_desktops(demo):
    desk = frames(page("pages/sectors.py"))[0]
    at = page("pages/sectors.py", **PHONE)
    parts = frames(at)[:3]
    assert not at.dataframe and all(len(p.columns) <= 5 for p in parts)
    assert side_by_side(parts, ["板块"])[list(desk.columns)].equals(desk)


def test_the_efficiency_tables_in_parts_hold_every_figure_of_the_desktops(demo):
    desk = frames(page("pages/efficiency.py", market_dimension="region"))
    phone = frames(page("pages/efficiency.py", market_dimension="region", **PHONE))
    assert len(desk) == 2 and len(phone) == 6
    for whole, parts in ((desk[0], phone[:3]), (desk[1], phone[3:])):
        assert side_by_side(parts, [whole.columns[0]])[list(whole.columns)].equals(whole)


def test_the_winners_in_parts_hold_every_figure_of_the_desktops(demo):
    desk = frames(page("pages/players.py"))[0]
    parts = frames(page("pages/players.py", **PHONE))[:3]
    assert side_by_side(parts, ["排名", "名称"])[list(desk.columns)].equals(desk)


def test_the_project_list_is_a_plain_table_of_the_grids_rows(demo):
    desk = page("pages/projects.py", project_order="savings")
    at = page("pages/projects.py", project_order="savings", **PHONE)
    grid, top_amount, top_savings = (d.value for d in desk.dataframe)
    assert not at.dataframe and [t.label for t in at.toggle] == ["完整表格（全部列，可左右滑动）"]
    short, *tops = frames(at)
    assert short.equals(grid[["项目名称", "成交金额", "节约资金"]])
    assert tops[0].equals(top_amount) and tops[1].equals(top_savings)
    at.toggle[0].set_value(True).run()
    assert at.dataframe[0].value.equals(grid)  # every column, on request


def test_the_alerts_are_blocks_with_their_links(demo, dq):
    desk = page("pages/alerts.py")
    at = page("pages/alerts.py", **PHONE)
    assert desk.dataframe and not at.dataframe
    html = "".join(h.proto.body for h in at.get("html"))
    for r in dq("alerts_by_status", year=None, month=None, status="open").itertuples():
        assert escape(r.message) in html and f'href="{escape("." + r.link)}"' in html
