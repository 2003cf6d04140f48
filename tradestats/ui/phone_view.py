"""手机简报's first screen as one block of HTML, drawn for 360–430 px: the heading line, the four figures two by
two, the rank, the targets' bars and the open 预警, each linking to its full page. Streamlit's columns stack on a
phone (four figures would take a screen), so the block lays itself out with its own classes (ts-phone-*); every
text in it comes from the briefing (the summary's figures in the catalogue's words) and is escaped."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from tradestats.documents import card
from tradestats.present import phone

CSS = f"""
.ts-phone {{ font-size: 14px; line-height: 1.35; color: #1f2933; }}
.ts-phone a {{ color: inherit; text-decoration: none; }}
.ts-phone-head {{ font-weight: 600; font-size: 15px; margin-bottom: 8px; }}
.ts-phone-grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }}
.ts-phone-fig {{ background: {card.CARD_BG}; border-radius: 8px; padding: 8px 10px; min-width: 0; }}
.ts-phone-label {{ color: #616e7c; font-size: 13px; }}
.ts-phone-value {{ font-size: 22px; font-weight: 700; white-space: nowrap; }}
.ts-phone-up {{ color: {card.UP}; }} .ts-phone-down {{ color: {card.DOWN}; }} .ts-phone-flat {{ color: #616e7c; }}
.ts-phone-row {{ display: block; margin-top: 10px; padding: 8px 10px; border: 1px solid #e4e7eb; border-radius: 8px; }}
.ts-phone-goal {{ display: grid; grid-template-columns: 5.5em 1fr auto; gap: 8px; align-items: center; margin-top: 4px; }}
.ts-phone-bar {{ position: relative; height: 10px; background: #e4e7eb; border-radius: 5px; }}
.ts-phone-bar > i {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }}
.ts-phone-bar > b {{ position: absolute; top: -3px; bottom: -3px; width: 2px; background: #1f2933; }}
.ts-phone-more {{ float: right; color: #616e7c; }}
"""


def _change_class(change: str) -> str:
    return "ts-phone-up" if change.startswith("+") else "ts-phone-down" if change.startswith("-") else "ts-phone-flat"


def href(page: str, filters: dict) -> str:
    """A link to another page of the app with the same filters (relative: the app's root may be a sub-path)."""
    return f"./{page}?{urlencode(filters)}"


def first_screen(brief: phone.Briefing, filters: dict) -> str:
    out = [f'<div class="ts-phone"><div class="ts-phone-head" data-ts="heading">{escape(brief.heading)}</div>',
           f'<a href="{escape(href("", filters))}" class="ts-phone-grid" target="_self">']
    for f in brief.figures:
        out.append(f'<div class="ts-phone-fig" data-ts="figure"><div class="ts-phone-label">{escape(f.label)}</div>'
                   f'<div class="ts-phone-value">{escape(f.value)}</div>'
                   f'<div class="{_change_class(f.change)}">同比 {escape(f.change)}</div></div>')
    out.append("</a>")
    rank = brief.rank + (f"，{brief.rank_change}" if brief.rank_change else "")
    out.append(f'<a class="ts-phone-row" href="{escape(href("regions", filters))}" target="_self">'
               f'<span class="ts-phone-label">交易额排名</span> <b data-ts="rank">{escape(rank)}</b>'
               f'<span class="ts-phone-more">›</span></a>')
    if brief.goals:
        out.append(f'<a class="ts-phone-row" href="{escape(href("", filters))}" target="_self">'
                   '<span class="ts-phone-label">年度目标完成率（竖线为序时进度）</span><span class="ts-phone-more">›</span>')
        for g in brief.goals:
            done = min(max(g.completion_pct or 0, 0), 100)
            colour = card.DOWN if g.behind else card.UP
            mark = f'<b style="left:{min(g.schedule_pct or 0, 100):.2f}%"></b>' if g.schedule_pct is not None else ""
            out.append(f'<div class="ts-phone-goal" data-ts="goal"><span>{escape(g.label)}</span>'
                       f'<span class="ts-phone-bar"><i style="width:{done:.2f}%;background:{colour}"></i>{mark}</span>'
                       f'<span><b>{escape(g.completion)}</b>（{escape(g.schedule)}）</span></div>')
        out.append("</a>")
    tone = "ts-phone-down" if brief.open_alerts else "ts-phone-flat"
    out.append(f'<a class="ts-phone-row {tone}" href="{escape(href("alerts", filters))}" target="_self" data-ts="alerts">'
               f'{escape(brief.alerts)}<span class="ts-phone-more">›</span></a></div>')
    return "".join(out)


# 预警 at a phone's width: one block per alert (its level, month and status above its sentence, who handled it and
# the rule below), with its link to the page that explains it; a grid of nine columns scrolls inside the page.
LIST_CSS = """
.ts-alerts { font-size: 14px; line-height: 1.45; color: #1f2933; }
.ts-alert { padding: 8px 10px; margin-bottom: 8px; border: 1px solid #e4e7eb; border-radius: 8px; overflow-wrap: anywhere; }
.ts-alert-head { color: #616e7c; font-size: 13px; }
.ts-alert-head b { font-weight: 600; }
.ts-alert-red { color: #B03A2E; } .ts-alert-yellow { color: #9A7D0A; }
.ts-alert-foot { display: flex; justify-content: space-between; align-items: flex-end; gap: 8px; margin-top: 4px;
                 color: #616e7c; font-size: 12px; }
.ts-alert-foot a { flex: none; padding: 4px 0 4px 8px; font-size: 14px; text-decoration: none; }
"""


def alert_list(table) -> str:
    """The alerts of alert_views.table (one row each, its columns as the desktop's grid has them) as blocks;
    the stored link ("/regions?…") relative to the app's root, as the briefing's are (it may be served under a
    sub-path)."""
    level = {"红色": "ts-alert-red", "黄色": "ts-alert-yellow"}
    out = ['<div class="ts-alerts">']
    for r in table.to_dict("records"):
        head = [f'<b class="{level.get(r["级别"], "")}">{escape(r["级别"])}</b>', escape(r["月份"]),
                escape(r["状态"]), f'#{int(r["编号"])}']
        foot = "；".join(escape(v) for v in (r["处理"], f'{r["规则"]} · 发现于 {r["发现时间"]}') if v)
        out.append(f'<div class="ts-alert" data-ts="alert"><div class="ts-alert-head">{" · ".join(head)}</div>'
                   f'<div>{escape(r["说明"])}</div><div class="ts-alert-foot"><span>{foot}</span>'
                   f'<a href="{escape("." + r["查看"])}" target="_self">查看 ›</a></div></div>')
    out.append("</div>")
    return "".join(out)
