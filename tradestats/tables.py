"""Tables and notes as the pages show them: figures formatted by the metric catalogue."""

from __future__ import annotations

import pandas as pd

from tradestats import metrics
from tradestats.summary import Context


def sector_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """One row per sector: count and amount with their 同比, and the share of the amount."""
    return pd.DataFrame({
        "板块": sectors.sector_name,
        metrics.PROJECTS.label: sectors.projects.map(metrics.PROJECTS.format),
        "项目数同比": sectors.projects_yoy_pct.map(metrics.change),
        metrics.AMOUNT.label: sectors.amount_wan.map(metrics.AMOUNT.format),
        "交易额同比": sectors.amount_yoy_pct.map(metrics.change),
        metrics.SHARE.label: sectors.share_pct.map(metrics.pct),
    })


def headline_note(ctx: Context, head: pd.Series) -> str:
    """The line under the KPI cards: key industries and the rates, with the basis of the rates."""
    basis = metrics.RATE_BASIS.get(ctx.settings.get("rate_basis", ""), "")
    return (f"其中涉重点产业项目{metrics.KEY_PROJECTS.format(head.key_projects)}，"
            f"成交金额{metrics.KEY_AMOUNT.format(head.key_amount_wan)}；"
            f"{metrics.SAVINGS_RATE.label}{metrics.SAVINGS_RATE.format(head.savings_rate_pct)}，"
            f"{metrics.PREMIUM_RATE.label}{metrics.PREMIUM_RATE.format(head.premium_rate_pct)}"
            f"（以{basis}为基数）。")
