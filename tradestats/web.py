"""Streamlit glue shared by app.py and the pages: the database connection, cached queries, the filters.

Caches are keyed by the database version (the file the pointer names and its mtime), so a data refresh
turns them over on the next click without a restart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from tradestats import charts, config, db, queries, summary
from tradestats.periods import KINDS, Period


@st.cache_resource(show_spinner="首次启动：正在从 data/ 构建示例数据库……")
def _ensure(path: str) -> bool:
    return db.ensure(Path(path))


def ensure_database() -> None:
    """On first start, build the demo database when there is none (once per server process and path)."""
    _ensure(str(config.db_path()))


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(version: str) -> duckdb.DuckDBPyConnection:
    return db.connect(config.db_path())


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(version: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(version), name, **dict(params))


def version() -> str:
    return db.version_key(config.db_path())


def query(name: str, **params) -> pd.DataFrame:
    """queries.run on the current database version, cached per version, query and parameters."""
    return _query(version(), name, tuple(sorted(params.items())))


def context() -> summary.Context:
    return summary.context(query)


@dataclass(frozen=True)
class Filters:
    period: Period
    region: str
    region_name: str


def sidebar(ctx: summary.Context) -> Filters | None:
    """The shared filters; None (with an explanation shown) when the database holds no trading data."""
    months = query("months_with_data", region=ctx.home)
    if months.empty:
        st.warning("数据库中还没有交易数据。请运行 `tradestats init` 载入示例数据，或导入统计数据后刷新本页。")
        return None
    last = dict(zip(months.year.astype(int), months.last_month.astype(int)))
    st.sidebar.caption(f"数据更新至{max(last)}年{last[max(last)]}月")
    year = st.sidebar.selectbox("年份", list(last), format_func=lambda y: f"{y}年", key="year")
    kind = st.sidebar.radio("统计口径", list(KINDS), format_func=lambda k: KINDS[k], horizontal=True, key="kind")
    options = list(range(1, last[year] + 1))
    if st.session_state.get("month") not in options:
        st.session_state["month"] = options[-1]
    label = "截至月份" if kind == "ytd" else "月份"
    month = st.sidebar.selectbox(label, options, format_func=lambda m: f"{m}月", key="month")
    names = dict(zip(ctx.regions.region_code, ctx.regions.region_name))
    region = st.sidebar.selectbox("地区", list(names), key="region",
                                  format_func=lambda c: f"全市（{names[c]}）" if c == ctx.home else names[c])
    return Filters(Period(year, month, kind), region, names[region])


def notices(ctx: summary.Context) -> None:
    if ctx.is_demo:
        st.info(ctx.settings.get("dataset_notice", "示例数据"), icon=":material/science:")


def source(ctx: summary.Context) -> str:
    """The source line under every chart."""
    demo = "（示例数据）" if ctx.is_demo else ""
    return f"数据来源：{ctx.settings.get('center_name', '')}{demo}"


def chart(fig, filename: str) -> None:
    st.plotly_chart(fig, theme=None, config=charts.config(filename))
