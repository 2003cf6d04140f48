"""The 预警 as the pages show them: the list as a table, one alert as a line and its details, the page and
filters its link names (for st.page_link), and the count of open ones that 总览 and the 大屏 show."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from tradestats.alerting import alert_rules, alerts
from tradestats.domain import metrics
from tradestats.present.formulas import neutralised

# A link's path → the page file that draws it (app.py's navigation).
PAGES = {"": "pages/overview.py", "trend": "pages/trend.py", "regions": "pages/regions.py",
         "projects": "pages/projects.py", "sectors": "pages/sectors.py"}


def when(value) -> str:
    return "" if metrics.missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def handling(r) -> str:
    """Who acknowledged or closed it, when, and why."""
    parts = []
    if not metrics.missing(r.acknowledged_at):
        parts.append(f"{r.acknowledged_by} {when(r.acknowledged_at)} 确认" + (f"：{r.note}" if isinstance(r.note, str) and r.note else ""))
    if not metrics.missing(r.closed_at):
        parts.append(f"{r.closed_by} {when(r.closed_at)} 关闭：{r.close_reason}")
    return "；".join(parts)


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """The list: one row per alert, red first within a month, the link to the view that explains it last."""
    return pd.DataFrame({
        "编号": rows.alert_id.astype(int),
        "级别": [alert_rules.LEVELS[v] for v in rows.level],
        "月份": [f"{y}年{m}月" for y, m in zip(rows.year, rows.month)],
        "说明": neutralised(rows.message),
        "查看": list(rows.link),
        "状态": [alerts.STATUSES[s] + ("（数据已回退）" if b else "") for s, b in zip(rows.status, rows.rolled_back)],
        "处理": neutralised(handling(r) for r in rows.itertuples()),
        "规则": [alert_rules.NAMES[v] for v in rows.rule],
        "发现时间": [when(v) for v in rows.raised_at],
    })


# Widths in pixels: the message takes what the rest leave of a laptop's page; the link stays in sight.
WIDTHS = {"编号": 48, "级别": 48, "月份": 84, "说明": 520, "查看": 52, "状态": 64, "处理": 200, "规则": 150, "发现时间": 130}


def label(r) -> str:
    """An alert in a select: #13 红色 · 溆浦县工程建设2025年1月交易额…… (not its status: a select keeps showing
    the label it had when its value stays the same)."""
    text = r.message if len(r.message) <= 56 else r.message[:55] + "…"
    return f"#{int(r.alert_id)} {alert_rules.LEVELS[r.level]} · {text}"


# The stored figures' names as the page says them; {unit} is the measure's (万元, 宗, %).
FIGURES = {"value": "本期（{unit}）", "base": "上年同期（{unit}）", "yoy_pct": "同比（%）", "threshold_pct": "阈值（%）",
           "actual": "已完成（{unit}）", "target": "年度目标（{unit}）", "completion_pct": "完成率（%）",
           "schedule_pct": "序时进度（%）", "vs_schedule_pts": "与序时进度相差（百分点）", "threshold_pts": "阈值（百分点）",
           "missing_months": "未报送月份", "reported": "同月已报送的单位数", "units": "区县级单位数",
           "min_reporting_pct": "报送比例下限（%）", "low": "往年最低（%）", "high": "往年最高（%）",
           "beyond_pts": "超出（百分点）", "years": "往年", "project_id": "项目编号", "amount_wan": "项目成交金额（万元）",
           "month_amount_wan": "当月交易额（万元）", "month_projects": "当月项目数", "share_pct": "占比（%）",
           "average": "此前月均（{unit}）", "months": "月数", "ratio": "倍数", "factor": "阈值（倍）"}


def figures(r) -> str:
    """The figures that triggered it, as stored (the threshold among them), named in Chinese."""
    unit = {"projects": "宗"}.get(r.measure, "%" if str(r.measure).endswith("_pct") else "万元")
    return "，".join(f"{FIGURES.get(k, k).format(unit=unit)} {'、'.join(map(str, v)) if isinstance(v, list) else v}"
                    for k, v in json.loads(r.figures).items())


def target(link: str) -> tuple[str, dict[str, str]]:
    """The page file and the query parameters a stored link names."""
    parts = urlsplit(link)
    return PAGES.get(parts.path.strip("/"), PAGES[""]), dict(parse_qsl(parts.query))


def open_line(counts: pd.DataFrame, scope: str = "") -> str:
    """全市未处理预警 5 条（红色 1 条，黄色 4 条）, or that there are none; scope names whose (全市, 溆浦县): a page of a
    county counts the county's, so that its readers are not told of the others' (open_scope)."""
    by = dict(zip(counts.level, counts.alerts.astype(int)))
    total = sum(by.values())
    if not total:
        return f"{scope}没有未处理的预警"
    return f"{scope}未处理预警 {total} 条（红色 {by.get('red', 0)} 条，黄色 {by.get('yellow', 0)} 条）"


def open_scope(ctx, region: str | None) -> tuple[str | None, str]:
    """The open alerts a view of region counts: (the region to count, None for all; its name for the line)."""
    if region is None or region == ctx.home:
        return None, "全市"
    return region, ctx.region_name(region)
