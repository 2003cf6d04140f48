"""What goes to the group chats: after an import, the month's headline (1–N月累计 with 同比) and the 预警 it
raised; with `tradestats alerts --push`, the headline and the month's open alerts a webhook has not taken yet.
Nothing is sent when no webhook is set, and nothing here ever makes an import fail. The month is a Period of kind
"month", as the 预警 ledger keeps it: only its year and month are read."""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb
import pandas as pd

from tradestats.alerting import alert_rules, alerts
from tradestats.documents import auto
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.notify import webhooks
from tradestats.present import phone
from tradestats.store import db, queries


def headline(q, ctx: summary.Context, month: Period) -> tuple[str, dict]:
    """怀化市2024年1-9月：项目1044宗，同比+32.32%；交易额206.52亿元，同比+33.09%；…: the 1–N月累计 to the month,
    and its figures."""
    period = Period(month.year, month.month, "ytd")
    head = summary.headline(q, period, ctx.home)
    parts = [f"{m.label}{m.format(head[m.column])}，同比{metrics.change(head[m.column.removesuffix('_wan') + '_yoy_pct'])}"
             for m in metrics.HEADLINE]
    figures = {"period_label": period.label, **{c: summary.plain(head[c], whole=c == "projects") for c in (
        "projects", "projects_yoy_pct", "amount_wan", "amount_yoy_pct", "savings_wan", "savings_yoy_pct",
        "premium_wan", "premium_yoy_pct")}}
    if missing := summary.missing_sentence(ctx, period, head["unknown_regions"]):  # a 累计 that cannot be known
        return missing, figures
    note = summary.basis_note(period, head)  # figures of 累计/季度 tables say so, as the pages do
    return f"{ctx.region_name(ctx.home)}{period.label}：{'；'.join(parts)}。{note}", figures


def message(q, ctx: summary.Context, month: Period, rows: list[dict], base_url: str = "") -> webhooks.Message:
    """The message of a month: a title, the headline and the alerts (red first), each with its link when the
    app's address is known (settings.toml public_url)."""
    rows = sorted(rows, key=lambda r: (r["level"] != "red", r["alert_id"]))
    text, figures = headline(q, ctx, month)
    center = ctx.settings.get("center_name", "")
    title = f"{center}：{month.year}年{month.month}月数据已更新"
    reds = sum(r["level"] == "red" for r in rows)

    def markdown(fmt: str, limit: int) -> str:
        lines = [f"### {title}", f"**{text}**", ""]
        if base_url:  # the month on a phone: 手机简报, not the desktop layout
            lines[2:2] = [f"[手机查看{phone.TITLE}]({phone.link(base_url, month)})", ""]
        if rows:
            lines.append(f"**新增预警 {len(rows)} 条**（红色 {reds} 条，黄色 {len(rows) - reds} 条）：")
        else:
            lines.append("本次没有新的预警。")
        # 企业微信 keeps each line of a quote; 钉钉 (and markdown readers) need a list for one alert a line.
        mark = "> " if fmt == "wecom" else "- "
        tail = f"{mark}……另有 {{}} 条，请在看板的“预警”页查看{f'：{base_url}/alerts' if base_url else ''}。"
        for n, r in enumerate(rows):
            tag = f"【{alert_rules.LEVELS[r['level']]}预警】"
            if fmt == "wecom":
                tag = f"<font color=\"{'warning' if r['level'] == 'red' else 'comment'}\">{tag}</font>"
            link = f" [查看]({base_url}{r['link']})" if base_url else ""
            line = f"{mark}{tag}{r['message']}{link}"
            rest = len(rows) - n - 1
            if len("\n".join([*lines, line, tail.format(rest) if rest else ""]).encode()) > limit:
                lines.append(tail.format(len(rows) - n))
                break
            lines.append(line)
        return "\n".join(lines)

    data = {"center": center, "year": month.year, "month": month.month, "headline": text, "figures": figures,
            "alerts": alerts.as_json(pd.DataFrame(rows)) if rows else []}
    return webhooks.Message(title, markdown, data, [int(r["alert_id"]) for r in rows])


def public_url() -> str:
    return db.read_settings().get("public_url", "").rstrip("/")


def send(path: Path, month: Period, rows: list[dict], hooks: list[webhooks.Hook]) -> dict[str, bool]:
    con = db.connect(path)
    base_url = public_url()
    try:
        q = functools.partial(queries.run, con)
        note = message(q, summary.context(q), month, rows, base_url)
        if any(h.card for h in hooks):
            note.card_png = card_png(q, path, month)
            if note.card_png and base_url:
                note.card_url = base_url + phone.card_path(month)
    finally:
        con.close()
    return webhooks.deliver(hooks, note, webhooks.log_path(path))


def card_png(q, path: Path, month: Period) -> bytes | None:
    """The month's headline card, also kept beside the database (cards/), where the app serves it at its
    stable address; None, with a warning, when it cannot be drawn (no Chromium): the message goes without."""
    from tradestats.documents import card  # Chromium's and Plotly's: loaded only when a card is sent

    try:
        _, fig = card.of(q, month)
        data = card.png(fig)
    except Exception as e:  # noqa: BLE001 — a picture never stops the message
        alerts.warn(f"主要指标卡片没有生成，消息只发文字：{e}")
        return None
    file = phone.card_file(path, month)
    file.parent.mkdir(exist_ok=True)
    file.write_bytes(data)
    return data


def after_import(path: Path, outcome: alerts.Outcome | None, touched_months: bool) -> None:
    """After an import that changed months (or raised alerts): the headline and the new alerts. Never raises."""
    if touched_months and outcome is not None:  # the month's 统计月报 and 汇报PPT, by a process of their own
        auto.after_import(path, outcome.month)
    try:
        hooks = webhooks.configured()
        if not hooks or outcome is None or not (touched_months or outcome.raised):
            return
        raised = {r["alert_id"] for r in outcome.raised}
        rows = alerts.listing(path, outcome.month)
        send(path, outcome.month, [r for r in rows.to_dict("records") if r["alert_id"] in raised], hooks)
    except Exception as e:  # noqa: BLE001 — an import never fails because a webhook did
        alerts.warn(f"导入已完成，但推送消息时出错：{webhooks.masked_text(str(e))}")


def on_demand(path: Path, month: Period) -> dict[str, bool]:
    """tradestats alerts --push: to each webhook, the headline and the month's open alerts it has not taken."""
    hooks = webhooks.configured()
    if not hooks:
        return {}
    con = db.connect(path)
    try:
        rows = queries.run(con, "alerts_by_status", year=month.year, month=month.month, status="open").to_dict("records")
    except duckdb.Error:
        rows = []
    finally:
        con.close()
    done = {}
    for hook in hooks:
        taken = webhooks.delivered(webhooks.log_path(path), hook)
        done |= send(path, month, [r for r in rows if int(r["alert_id"]) not in taken], [hook])
    return done
