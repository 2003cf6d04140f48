"""Tables and notes as the pages show them: figures formatted by the metric catalogue, and text that came
from outside (names, file names, addresses) neutralised, because a table's toolbar downloads it as CSV."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradestats.domain import metrics
from tradestats.domain.metrics import Metric
from tradestats.domain.periods import Period
from tradestats.domain.summary import Context
from tradestats.notify import webhooks
from tradestats.present.charts import period_name
from tradestats.present.formulas import neutralised


def sector_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """One row per sector: count and amount with their 同比, and the share of the amount."""
    return pd.DataFrame({
        "板块": neutralised(sectors.sector_name),
        metrics.PROJECTS.label: sectors.projects.map(metrics.PROJECTS.format),
        "项目数同比": sectors.projects_yoy_pct.map(metrics.change),
        metrics.AMOUNT.label: sectors.amount_wan.map(metrics.AMOUNT.format),
        "交易额同比": sectors.amount_yoy_pct.map(metrics.change),
        metrics.SHARE.label: sectors.share_pct.map(metrics.pct),
    })


def sector_detail_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """The sector table with the share's movement and each sector's own money measure and rate:
    节约资金/节资率 for purchase sectors, 增收资金/增值率 for sale sectors."""
    purchase = sectors.direction == "purchase"
    money = sectors.savings_wan.where(purchase, sectors.premium_wan)
    money_yoy = sectors.savings_yoy_pct.where(purchase, sectors.premium_yoy_pct)
    rate = sectors.savings_rate_pct.where(purchase, sectors.premium_rate_pct)
    rate_change = sectors.savings_rate_change_pp.where(purchase, sectors.premium_rate_change_pp)
    return sector_table(sectors).assign(**{
        "占比变化": sectors.share_change_pp.map(metrics.points),
        "节约/增收资金": money.map(metrics.money),
        "节约/增收同比": money_yoy.map(metrics.change),
        "节资率/增值率": rate.map(metrics.pct),
        "节资率/增值率变化": rate_change.map(metrics.points),
    })


# At a phone's width a table of many columns is drawn as narrower ones of the same rows, each led by its first
# column (web.table(parts=…)): these are their columns.
SECTOR_DETAIL_PARTS = ((metrics.PROJECTS.label, "项目数同比", metrics.AMOUNT.label, "交易额同比"),
                       (metrics.SHARE.label, "占比变化", "节约/增收资金", "节约/增收同比"), ("节资率/增值率", "节资率/增值率变化"))


def trade_type_table(types: pd.DataFrame) -> pd.DataFrame:
    """One row per trade type under its sector: count and amount with their 同比, and its share of the
    sector's amount; a sector's cells given as a whole are its “（未细分）” row."""
    names = [f"{s}（未细分）" if whole else t for s, t, whole in
             zip(types.sector_name, types.trade_type_name, types.whole_sector)]
    return pd.DataFrame({
        "板块": neutralised(types.sector_name),
        "交易类型": neutralised(pd.Series(names, index=types.index, dtype=object)),
        metrics.PROJECTS.label: types.projects.map(metrics.PROJECTS.format),
        "项目数同比": types.projects_yoy_pct.map(metrics.change),
        metrics.AMOUNT.label: types.amount_wan.map(metrics.AMOUNT.format),
        "交易额同比": types.amount_yoy_pct.map(metrics.change),
        "占板块": types.share_of_sector_pct.map(metrics.pct),
    })


def target_table(goals: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Counties by 完成率 of their target: the target, what is done, 完成率 and the points against 序时进度."""
    return pd.DataFrame({
        "地区": neutralised(goals.short_name),
        "年度目标": goals.target.map(metric.format),
        "已完成": goals.actual.map(metric.format),
        "完成率": goals.completion_pct.map(metrics.pct),
        "较序时进度": goals.vs_schedule_pts.map(metrics.points),
    })


def rank_table(ranks: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    return pd.DataFrame({
        "排名": ranks["rank"].map(metrics.rank),
        "地区": neutralised(ranks.region_name),
        metric.label: ranks.value.map(metric.format),
        "同比": ranks.value_yoy_pct.map(metric.change),
        "上年同期排名": ranks.rank_prev.map(metrics.rank),
        "名次变化": [metrics.rank_change(r, p).removeprefix("较上年") for r, p in zip(ranks["rank"], ranks.rank_prev)],
    })


def trend_table(trend: pd.DataFrame, metric: Metric, grain: str, year: int) -> pd.DataFrame:
    part = trend[trend.year == year]
    return pd.DataFrame({
        "期间": [f"{year}年{period_name(grain, p)}" for p in part.period],
        "当期": part.value.map(metric.format),
        "同比": part.yoy_pct.map(metric.change),
        "环比": part.mom_pct.map(metric.change),
        "累计": part.value_ytd.map(metric.format),
        "累计同比": part.ytd_yoy_pct.map(metric.change),
    })


def month_ranges(months) -> str:
    """[1, 2, 3, 5] → 1-3月、5月."""
    runs: list[list[int]] = []
    for m in sorted(int(x) for x in months):
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return "、".join(f"{r[0]}-{r[-1]}月" if len(r) > 1 else f"{r[0]}月" for r in runs)


def gaps_note(gaps: pd.DataFrame) -> str | None:
    """Which counties did not report which months; None when every one reported every month."""
    if gaps.empty:
        return None
    parts = [f"{g.region_name}（{month_ranges(g.missing_months)}）" for g in gaps.itertuples()]
    return ("以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）：" + "、".join(parts) + "。")


def month_gaps_note(trend: pd.DataFrame, period: Period, head: pd.Series) -> str:
    """Where a period's figures (or last year's) came from figures of spans, or cannot be known: the months of a
    monthly trend (summary.trend by month, the year before and the period's year) with no monthly cells, which
    its chart leaves as gaps — 2024年1-12月、2025年1-9月没有分月数据，; "" otherwise (a month not reported in a
    city of monthly data is show_gaps's to say)."""
    spans = [head[c] for c in ("spans", "spans_prev") if isinstance(head[c], (list, tuple, np.ndarray))]
    if not any(len(s) for s in spans) and "unknown" not in (head["basis"], head["basis_prev"]):
        return ""
    parts = []
    for year, last in ((period.year - 1, 12), (period.year, period.month_to)):
        rows = trend[(trend.year == year) & (trend.period <= last)]
        gone = rows.period[rows.cells.isna()]
        if len(gone):
            parts.append(f"{year}年{month_ranges(gone)}")
    return f"{'、'.join(parts)}没有分月数据，" if parts else ""


def headline_note(ctx: Context, head: pd.Series) -> str:
    """The line under the KPI cards: key industries and the rates, with the basis of the rates."""
    return (f"其中涉重点产业项目{metrics.KEY_PROJECTS.format(head.key_projects)}，"
            f"成交金额{metrics.KEY_AMOUNT.format(head.key_amount_wan)}；"
            f"{metrics.SAVINGS_RATE.label}{metrics.SAVINGS_RATE.format(head.savings_rate_pct)}，"
            f"{metrics.PREMIUM_RATE.label}{metrics.PREMIUM_RATE.format(head.premium_rate_pct)}"
            f"（{rate_basis_note(ctx)}）。")


def rate_basis_note(ctx: Context) -> str:
    """How 节资率 and 增值率 are taken, naming the deployment's purchase and sale sectors."""
    basis = metrics.rate_basis(ctx.settings)
    sectors = ctx.sectors
    named = {d: "、".join(sectors.sector_name[sectors.direction == d]) for d in ("purchase", "sale")}
    return (f"节资率 = 节约资金 ÷ 采购类（{named['purchase']}）{basis}，增值率 = 增收资金 ÷ 出让类（{named['sale']}）"
            f"{basis}；基数由设置 rate_basis 决定")


def problems_table(problems) -> pd.DataFrame:
    """Import problems, errors first: where (file, sheet, row, column) and what."""
    ordered = sorted(problems, key=lambda p: p.warning)
    return pd.DataFrame({"类型": ["警告" if p.warning else "错误" for p in ordered],
                         "位置": neutralised(p.where for p in ordered),
                         "问题": neutralised(p.message for p in ordered)})


def imports_table(log: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "序号": log.import_id, "时间": log.imported_at.astype(str).str[:19],
        "操作人": neutralised(log.imported_by), "文件": neutralised(log.file_name), "月份": neutralised(log.months),
        "新增格": log.cells_added, "修改格": log.cells_changed, "SHA-256": log.sha256.str[:16],
    })


def versions_table(kept: dict[str, str]) -> pd.DataFrame:
    """The database versions kept, and why (the others go at the next import)."""
    return pd.DataFrame({"版本": list(kept), "保留原因": list(kept.values())})


def login_table(entries: list[dict]) -> pd.DataFrame:
    """Login tries from the log (login.recent), as they came: time, client address, result."""
    return pd.DataFrame({"时间": [str(e.get("time", ""))[:19].replace("T", " ") for e in entries],
                         "地址": neutralised(str(e.get("address", "")) for e in entries),
                         "结果": neutralised(str(e.get("result", "")) for e in entries)})


def webhook_table(entries: list[dict]) -> pd.DataFrame:
    """Webhook tries from the log (webhooks.recent): time, where (masked, as a line of an older release may not be),
    format, try, result."""
    return pd.DataFrame({"时间": [str(e.get("time", ""))[:19].replace("T", " ") for e in entries],
                         "地址": neutralised(webhooks.masked(str(e.get("hook", ""))) for e in entries),
                         "格式": [str(e.get("format", "")) for e in entries],
                         "第几次": [int(e.get("attempt") or 0) for e in entries],
                         "结果": neutralised(str(e.get("result", "")) for e in entries),
                         "说明": neutralised(webhooks.masked_text(" ".join(filter(None, [str(e.get("status") or ""),
                                                                                        str(e.get("detail") or "")])))
                                           for e in entries),
                         "消息": neutralised(f"{e.get('title', '')}（预警 {len(e.get('alert_ids') or [])} 条）"
                                           for e in entries)})


PROJECT_ORDERS = {"amount": "成交金额", "savings": metrics.SAVINGS.label, "premium": metrics.PREMIUM.label, "date": "成交日期"}


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "项目编号": neutralised(projects.project_id), "项目名称": neutralised(projects.project_name),
        "板块": neutralised(projects.sector_name), "地区": neutralised(projects.region_name), "成交日期": projects.deal_date.astype(str).str[:10],
        "预算/底价": projects.reference_wan.map(metrics.money), "成交金额": projects.amount_wan.map(metrics.money),
        metrics.SAVINGS.label: projects.savings_wan.map(metrics.money),
        metrics.PREMIUM.label: projects.premium_wan.map(metrics.money),
        "交易方式": neutralised(projects.method.fillna("")), "重点产业": projects.is_key_industry.map({True: "是", False: "否"}),
    })


def project_table_short(projects: pd.DataFrame, order: str) -> pd.DataFrame:
    """The list at a phone's width: the name, 成交金额 and the column it is ordered by (地区 when by amount)."""
    third = PROJECT_ORDERS[order] if order != "amount" else "地区"
    return project_table(projects)[["项目名称", "成交金额", third]]


# 交易效率与竞争 and 市场主体 (issue 17) -------------------------------------------------------------------

def market_table(rows: pd.DataFrame, label: str, few: int) -> pd.DataFrame:
    """One row per group (sector, method, county, month or band): tenders, 流标率, bidders, cycle, trades,
    amount and 节资率, each with its 同比; a group of fewer than `few` tenders is marked 样本少."""
    mark = ["（样本少）" if t < few else "" for t in rows.tenders]
    return pd.DataFrame({
        label: [f"{n}{m}" for n, m in zip(neutralised(rows.name.astype(str)), mark)],
        "项目数（含流标）": rows.tenders.map(lambda v: metrics.count(v)),
        "流标率": rows.failed_rate_pct.map(metrics.pct),
        "流标率变化": rows.failed_rate_change_pp.map(metrics.points),
        "平均投标人数": rows.avg_bidders.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{metrics.rounded(v)}家"),
        "投标人数同比": rows.avg_bidders_yoy_pct.map(metrics.change),
        "交易周期中位数": rows.cycle_days_median.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{v:.1f}天"),
        "周期同比": rows.cycle_days_median_yoy_pct.map(metrics.change),
        "交易周期P90": rows.cycle_days_p90.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{v:.1f}天"),
        "成交宗数": rows.projects.map(metrics.PROJECTS.format),
        "宗数同比": rows.projects_yoy_pct.map(metrics.change),
        metrics.AMOUNT.label: rows.amount_wan.map(metrics.money),
        "交易额同比": rows.amount_yoy_pct.map(metrics.change),
        metrics.SAVINGS_RATE.label: rows.savings_rate_pct.map(metrics.pct),
    })


MARKET_PARTS = (("项目数（含流标）", "流标率", "流标率变化", "平均投标人数", "投标人数同比"),
                ("交易周期中位数", "周期同比", "交易周期P90"), ("成交宗数", "宗数同比", metrics.AMOUNT.label, "交易额同比",
                                                                   metrics.SAVINGS_RATE.label))


def party_table(rows: pd.DataFrame, who: str) -> pd.DataFrame:
    """The first winners or agencies: rank, name, code, home city or not, count and amount with 同比 and share."""
    out = pd.DataFrame({
        "排名": rows["rank"].map(lambda r: f"{int(r)}"),
        "名称": neutralised(rows.name.astype(str)),
        "宗数": rows.projects.map(metrics.PROJECTS.format),
        "宗数同比": rows.projects_yoy_pct.map(metrics.change),
        "宗数占比": rows.projects_share_pct.map(metrics.pct),
        "中标金额": rows.amount_wan.map(metrics.money),
        "金额同比": rows.amount_yoy_pct.map(metrics.change),
        "金额占比": rows.amount_share_pct.map(metrics.pct),
    })
    if who == "winner":
        out.insert(2, "统一社会信用代码", rows.credit_code.map(lambda c: metrics.NO_VALUE if metrics.missing(c) else c))
        out.insert(3, "所在地", rows["local"].map(lambda v: "本地" if v is True else "外地" if v is False else "未知"))
    return out


PARTY_PARTS = (("所在地", "中标金额", "金额同比", "金额占比"), ("宗数", "宗数同比", "宗数占比"),
               ("统一社会信用代码",))


def concentration_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "板块": neutralised(rows.sector_name),
        "中标主体数": rows.winners.map(lambda v: metrics.count(v, "家")),
        "CR4": rows.cr4_pct.map(metrics.pct),
        "CR4变化": rows.cr4_change_pp.map(metrics.points),
        "HHI": rows.hhi.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{int(v)}"),
        "上年HHI": rows.hhi_prev.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{int(v)}"),
        "集中程度": rows.hhi.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else
                             "低" if v < 1500 else "中" if v < 2500 else "高"),
    })


def party_breakdown_table(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    return pd.DataFrame({
        label: neutralised(rows.name.astype(str)),
        "宗数": rows.projects.map(metrics.PROJECTS.format),
        "金额": rows.amount_wan.map(metrics.money),
        "平均节资率": rows.savings_rate_pct.map(metrics.pct),
    })


def party_trades_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "成交日期": rows.deal_date.map(lambda d: d.strftime("%Y-%m-%d")),
        "项目编号": neutralised(rows.project_id),
        "项目名称": neutralised(rows.project_name),
        "板块": neutralised(rows.sector_name),
        "地区": neutralised(rows.region_name),
        "交易方式": neutralised(rows.method.fillna(metrics.NO_VALUE)),
        "投标人数": rows.bidders.map(lambda v: metrics.NO_VALUE if metrics.missing(v) else f"{int(v)}"),
        "成交金额": rows.amount_wan.map(metrics.money),
        "中标人（按文件）": neutralised(rows.winner.fillna(metrics.NO_VALUE)),
    })


def new_winners_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "类别": rows.name,
        "主体数": rows.winners.map(lambda v: metrics.count(v, "家")),
        "主体占比": rows.winners_share_pct.map(metrics.pct),
        "中标宗数": rows.projects.map(metrics.PROJECTS.format),
        "中标金额": rows.amount_wan.map(metrics.money),
        "金额占比": rows.amount_share_pct.map(metrics.pct),
    })
