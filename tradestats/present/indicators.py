"""The center's own indicators (绩效指标) and its budget execution, as the pages show them."""

from __future__ import annotations

import pandas as pd

from tradestats.domain import metrics
from tradestats.present.formulas import neutralised

STAGES = ("年初预算", "全年预算", "实际支出")
MISSING = "—（报告未给出）"


def fmt(value, unit: str) -> str:
    """99.27% / 8.97亿元 / 1264.03万元 / 68441条 / 96.22分, or a dash where the report gives nothing."""
    if metrics.missing(value):
        return MISSING
    number = metrics.rounded(value)
    text = f"{number.normalize():f}" if unit not in ("万元", "亿元") else f"{number}"
    return f"{text}{unit}"


def listed(settings: dict[str, str], key: str) -> list[str]:
    """A setting that lists names, separated by 、 (settings.toml's indicator_cards, budget_lines)."""
    return [n.strip() for n in settings.get(key, "").replace("，", "、").split("、") if n.strip()]


def cards(rows: pd.DataFrame, settings: dict[str, str]) -> list[str]:
    """The indicators shown as cards: the deployment's indicator_cards, else the first four given in %."""
    return listed(settings, "indicator_cards") or list(rows[rows.unit == "%"].indicator[:4])


def budgets(settings: dict[str, str]) -> list[str]:
    return listed(settings, "budget_lines")


def table(rows: pd.DataFrame, year: int, budget_lines: list[str]) -> pd.DataFrame:
    """Every indicator but the budget lines, with the year before beside it."""
    shown = rows[~rows.category.isin(["预算", *(f"{b}明细" for b in budget_lines)])]
    return pd.DataFrame({
        "类别": neutralised(shown.category), "指标": neutralised(shown.indicator),
        f"{year - 1}年": [fmt(v, u) for v, u in zip(shown.value_prev, shown.unit)],
        f"{year}年": [fmt(v, u) for v, u in zip(shown.value, shown.unit)],
    })


def budget(rows: pd.DataFrame, budget_lines: list[str]) -> pd.DataFrame:
    """Budget against spending: one row per budget (基本支出, 项目支出 …), with the execution rate."""
    value = dict(zip(rows.indicator, rows.value))
    out = []
    for name in budget_lines:
        stages = [value.get(f"{name}{stage}") for stage in STAGES]
        if all(metrics.missing(v) for v in stages):
            continue
        planned, spent = stages[1], stages[2]
        rate = None if metrics.missing(planned) or metrics.missing(spent) or not planned else 100 * spent / planned
        out.append({"budget": name, **dict(zip(STAGES, stages)), "rate_pct": rate})
    return pd.DataFrame(out)


def line_items(rows: pd.DataFrame, name: str) -> tuple[pd.DataFrame, str | None]:
    """The line items of a budget and, when they do not add up to its spending, a note saying by how much."""
    items = rows[rows.category == f"{name}明细"]
    total = sum(float(v) for v in items.value if not metrics.missing(v))
    spent = rows[rows.indicator == f"{name}实际支出"].value
    note = None
    if len(items) and len(spent) and not metrics.missing(spent.iloc[0]) and abs(total - float(spent.iloc[0])) >= 0.005:
        note = (f"{name}明细合计 {total:.2f}万元，与实际支出 {float(spent.iloc[0]):.2f}万元 相差 "
                f"{abs(total - float(spent.iloc[0])):.2f}万元（报告原文如此，应为四舍五入所致）。")
    return pd.DataFrame({"项目": neutralised(items.indicator), "金额": [fmt(v, u) for v, u in zip(items.value, items.unit)]}), note
