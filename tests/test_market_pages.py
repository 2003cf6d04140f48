"""AppTest for 交易效率与竞争 and 市场主体 (issue 17): figures that agree with `tradestats market`'s queries,
the charts drawn, the groups marked when small, a winner's profile, and what the pages say without a
project list."""

import html

import pandas as pd
import pytest
from app_charts import drawn
from conftest import app_page as page
from conftest import metric_values, plain_tables

from tradestats import config
from tradestats.domain import market, summary
from tradestats.domain.periods import Period

pytestmark = pytest.mark.app



def test_efficiency_page_for_2024(demo, dq):
    at = page("pages/efficiency.py")
    assert at.title[0].value == "怀化市2024年全年交易效率与竞争"
    s = market.summarize(dq, summary.context(dq), Period(2024))
    shown = metric_values(at)
    assert shown["流标率"][0] == f"{s['failed_rate_pct']:.2f}%" and shown["流标率"][1].endswith("个百分点")
    assert shown["平均投标人数"][0] == f"{s['avg_bidders']:.2f}家"
    assert shown["交易周期中位数"][0] == f"{s['cycle_days_median']:.1f}天"
    assert shown["项目数"] == ("1534宗", "+23.81%")
    assert len(drawn(at)) == 5
    by_sector = plain_tables(at)[0]
    assert list(by_sector["板块"]) == ["工程建设", "政府采购", "产权交易", "自然资源"]
    assert list(by_sector["成交宗数"])[0] == "666宗" and list(by_sector["宗数同比"])[0] == "+26.14%"


def test_efficiency_page_marks_small_groups(demo):
    at = page("pages/efficiency.py", month=1, kind="month", market_dimension="region")
    names = list(plain_tables(at)[0]["区县"])
    assert any(n.endswith("（样本少）") for n in names) and len(names) > 5


def test_players_page_for_engineering_and_a_winners_profile(demo, dq):
    period = Period(2024)
    top = market.top(dq, period, "431200", "engineering", limit=5)
    at = page("pages/players.py", sector="engineering", market_party=("winner", top.key[0]))
    assert at.title[0].value == "怀化市·工程建设2024年全年市场主体"
    h = market.headline(dq, period, "431200", "engineering", concentration=True).iloc[0]
    assert metric_values(at)["HHI"][0] == str(int(h.hhi)) and metric_values(at)["CR4"][0] == f"{h.cr4_pct:.2f}%"
    table = plain_tables(at)[0]
    assert list(table["名称"])[:5] == list(top.name) and table["宗数"][0] == f"{int(top.projects[0])}宗"
    bars = drawn(at)[0]
    assert bars["clickable"] and list(bars["figure"]["data"][0]["customdata"])[-1] == top.key[0]
    assert at.subheader[-1].value == f"中标人画像：{top.name[0]}"
    assert f"统一社会信用代码 {top.key[0]}" in at.caption[-1].value or any(
        f"统一社会信用代码 {top.key[0]}" in c.value for c in at.caption)


def test_without_a_project_list_the_pages_say_so(fixture_db, monkeypatch):
    monkeypatch.setenv(config.DB_ENV, str(fixture_db))
    for path in ("pages/efficiency.py", "pages/players.py"):
        at = page(path)
        assert "没有导入的项目明细" in at.info[-1].value


def test_a_profile_closes(demo, dq):
    top = market.top(dq, Period(2024), "431200", None, limit=1)
    at = page("pages/players.py", market_party=("winner", top.key[0]))
    assert any(s.value.startswith("中标人画像") for s in at.subheader)
    next(b for b in at.button if b.label == "关闭画像").click().run()
    assert not at.exception and not any(s.value.startswith("中标人画像") for s in at.subheader)


def test_a_plain_tables_names_read_as_written():
    """web.table's cells are text, escaped as HTML: what imported names may hold reads as written (Markdown's
    signs, Streamlit's directives, a tag; in Chromium: tests/test_browser_names.py)."""
    from tradestats.ui import plain_table

    written = ["湖南*建工*集团", "$x$ :red[警] 公司", "- 列表", "<b>甲</b> & 乙", "1. 第一"]
    shown = plain_table.markup(pd.DataFrame({"名称": written, "项目数": ["3宗"] * 5}), wrap=("名称",))
    assert [f'<td class="ts-wrap">{html.escape(n)}</td><td>3宗</td>' in shown for n in written] == [True] * 5
    assert "<b>" not in shown and "&lt;b&gt;甲&lt;/b&gt; &amp; 乙" in shown
    assert '<th scope="col" class="ts-wrap">名称</th><th scope="col">项目数</th>' in shown


def test_a_names_markdown_reads_as_written():
    """A subheader or caption holding a name (市场主体's profile, 手机简报's lines) escapes it as Markdown
    (checked in Chromium: 湖南*建工*集团, $x$ :red[警] 公司 read as written)."""
    from tradestats.ui.web import markdown_literal

    assert markdown_literal("湖南*建工*集团") == r"湖南\*建工\*集团"
    assert markdown_literal("$x$ :red[警] 公司") == r"\$x\$ \:red\[警\] 公司"
    assert [markdown_literal(t) for t in ("- 列表", "1. 第一", "+6.02%", "21.27亿元")] == [
        r"\- 列表", r"1\. 第一", "+6.02%", "21.27亿元"]
