"""Streamlit glue shared by app.py and the pages: the database connection, cached queries, the filters.

Caches are keyed by the database version (the file the pointer names and its mtime), so a data refresh
turns them over on the next click without a restart. The filters live in session state under the keys of
FILTER_KEYS and are mirrored in the URL, so a copied link opens the same view."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from tradestats import config
from tradestats.access import auth, login
from tradestats.deploy import deployment
from tradestats.domain import metrics, summary
from tradestats.domain.periods import KINDS, Period
from tradestats.present import charts, memo, phone, tables
from tradestats.store import db, duckdb_compat, queries
from tradestats.ui import chart_element, plain_table, streamlit_compat

FILTER_KEYS = ("year", "kind", "month", "region", "sector", "measure")
PENDING = "_pending_filters"
URL_WRITTEN = "_url_written"
ALL_SECTORS = ""
FAVICON = str(config.PACKAGE / "favicon.png")  # local: an intranet PC cannot fetch icon fonts


@st.cache_resource(show_spinner="首次启动：正在从部署目录的文件构建数据库……")
def _ensure(path: str) -> bool:
    return deployment.ensure(Path(path))


def _preload() -> str:
    """The script that imports the chart element's module and Streamlit's table code, from the server's root
    (server.baseUrlPath)."""
    path = st.get_option("server.baseUrlPath").strip("/")
    root = f"/{path}/" if path else "/"
    files = [*streamlit_compat.table_code_files(), chart_element.MODULE_URL]
    return "<script>" + "".join(f"import({root + f!r}).catch(() => {{}});" for f in files) + "</script>"


def preload_chart_code() -> None:
    """Before any query: have the browser load the chart element's module (which loads Plotly) and
    Streamlit's table code while the server computes the page, instead of after the first chart or table
    arrives. The same element on every run: the browser runs it once (it does not change), and an element
    drawn on the first run only would move every element after it, so that the next run would draw the
    charts in columns anew instead of redrawing them in place."""
    st.html(_preload(), unsafe_allow_javascript=True)


def ensure_database() -> None:
    """On first start, build the demo database when there is none (once per server process and path)."""
    try:
        _ensure(str(config.db_path()))
    except db.DataError as e:
        st.error(str(e))
        st.stop()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(version: str) -> duckdb.DuckDBPyConnection:
    con = db.connect(config.db_path())
    _opened["connection"] = con
    return con


_opened: dict[str, duckdb.DuckDBPyConnection] = {}  # the latest connection: memory is handed back through it


@st.cache_resource(max_entries=1024, show_spinner=False)
def _query(version: str, name: str, params: tuple) -> pd.DataFrame:
    # cache_resource: every session gets the same frame, not a copy unpickled per call (cache_data cost
    # ~7 ms a call, a third of a cached page run). Nothing changes a frame in place (pandas 3 copies on
    # write anything derived from it).
    frame = queries.run(_connection(version), name, **dict(params))
    _resident_after["queried"] = True
    _hand_back_memory(evict=False)
    return frame


def version() -> str:
    return db.version_key(config.db_path())


def query(name: str, **params) -> pd.DataFrame:
    """queries.run on the current database version, cached per version, query and parameters; the frame is
    shared: read it, never change it in place."""
    return _query(version(), name, tuple(sorted(params.items())))


@st.cache_resource(max_entries=2, show_spinner=False)
def _context(version: str) -> summary.Context:
    return summary.context(query)


def context() -> summary.Context:
    """The database's context (home city, regions, settings), once per data version; shared."""
    return _context(version())


@dataclass(frozen=True)
class Filters:
    period: Period
    region: str
    region_name: str
    sector: str | None
    sector_name: str
    measure: metrics.Metric

    @property
    def scope(self) -> str:
        """What the page is about, for titles: 怀化市 / 溆浦县·工程建设."""
        return self.region_name + (f"·{self.sector_name}" if self.sector else "")


# The app's pages: file, title, icon, URL path (the first is the default page, at /).
PAGES = (
    ("pages/overview.py", "总览", ":material/dashboard:", None),
    ("pages/phone.py", phone.TITLE, ":material/smartphone:", phone.URL_PATH),
    ("pages/trend.py", "趋势分析", ":material/show_chart:", "trend"),
    ("pages/sectors.py", "板块分析", ":material/donut_large:", "sectors"),
    ("pages/regions.py", "区县与排名", ":material/map:", "regions"),
    ("pages/projects.py", "项目明细", ":material/list_alt:", "projects"),
    ("pages/efficiency.py", "交易效率与竞争", ":material/speed:", "efficiency"),
    ("pages/players.py", "市场主体", ":material/apartment:", "players"),
    ("pages/indicators.py", "绩效指标", ":material/verified:", "indicators"),
    ("pages/press.py", "新闻素材", ":material/newspaper:", "press"),
    ("pages/alerts.py", "预警", ":material/notifications:", "alerts"),
    ("pages/admin.py", "数据管理", ":material/database:", "admin"),
    ("pages/screen.py", "大屏", ":material/tv:", "screen"),
)
NAVIGATED = "_navigated"  # set by the run of app.py that called st.navigation, taken by run_page


def _navigation():
    """st.navigation over PAGES: the page the URL names, which may run once. Every page is listed (expanded):
    Streamlit folds all but the first ten behind "View more", which hid 预警, 数据管理 and 大屏."""
    return st.navigation([st.Page(path, title=title, icon=icon, default=url is None,
                                  **({"url_path": url} if url else {}))
                          for path, title, icon, url in PAGES], expanded=True)


def navigation():
    """app.py's navigation: the page to run (by run_page) on this run of the app."""
    page = _navigation()
    st.session_state[NAVIGATED] = True
    return page


def routed() -> None:
    """Every page starts here. Only on the first run of a fresh server opened at a page's URL does this do
    anything: Streamlit, seeing a pages/ folder and no st.navigation call yet in the process, runs the page
    file alone (its multipage mode of a pages/ folder, which any st.navigation call ends). Declare the
    navigation, as app.py does, and rerun: app.py then runs and routes to this page, keeping the URL and its
    query parameters."""
    if "filters" not in st.session_state:
        _navigation()
        st.rerun()


def current() -> Filters:
    """The filters app.py put in session state for the page it runs."""
    routed()
    return st.session_state["filters"]


def narrow(**values) -> None:
    """Change filters from a page (a click on a chart): applied before the sidebar is drawn on the rerun.
    A click is reported on one run only, so it cannot narrow the filters again."""
    st.session_state[PENDING] = values
    st.rerun()


def _options(ctx: summary.Context, last: dict[int, int]) -> dict[str, list]:
    year = st.session_state.get("year", max(last))
    return {
        "year": list(last),
        "kind": list(KINDS),
        "month": list(range(1, last.get(year, 12) + 1)),
        "region": list(ctx.regions.region_code),
        "sector": [ALL_SECTORS, *query("sectors").sector_code],
        "measure": [m.column for m in metrics.MEASURES],
    }


def _coerce(value: str, options: list):
    """A URL value as the option it names, or None when it names none."""
    for option in options:
        if str(option) == value:
            return option
    return None


def _apply(ctx: summary.Context, last: dict[int, int], values: dict) -> None:
    """Put valid values into the widgets' state before they are drawn; invalid ones are ignored."""
    for key in FILTER_KEYS:  # in order: the month's options depend on the year
        if key in values:
            value = _coerce(str(values[key]), _options(ctx, last)[key])
            if value is not None:
                st.session_state[key] = value


# The page's body runs as a fragment under this key: a change of a filter that changes nothing in the sidebar
# (the month, the measure) reruns the page alone, not the sidebar and navigation around it.
PAGE_FRAGMENT = "page"
SIDEBAR_VERSION = "_sidebar_version"  # the data version the sidebar was drawn from


def _rerun_page() -> None:
    st.rerun(PAGE_FRAGMENT)


def sidebar(ctx: summary.Context) -> bool:
    """Draw the shared filters; False (with an explanation shown) when the database holds no trading data."""
    months = query("last_month_by_year", region=ctx.home)  # spans too: a center may keep only 累计
    if months.empty:
        st.warning("数据库中还没有交易数据。请在“数据管理”页导入统计数据，或运行 `tradestats init` 载入示例数据。")
        return False
    last = dict(zip(months.year.astype(int), months.last_month.astype(int)))
    url = st.query_params.to_dict()
    if url != st.session_state.get(URL_WRITTEN):
        # A link opened, or the back button: the address bar leads; otherwise the widgets do.
        _apply(ctx, last, url)
    _apply(ctx, last, st.session_state.pop(PENDING, {}))
    options = _options(ctx, last)
    st.session_state.setdefault("measure", metrics.AMOUNT.column)
    if st.session_state.get("month") not in options["month"]:
        st.session_state["month"] = options["month"][-1]

    st.session_state[SIDEBAR_VERSION] = version()
    bar = st.sidebar
    bar.caption(f"数据更新至{ctx.data_through}")
    # The year changes the months offered, the kind the month's label, the region and sector the button
    # below: a change of those reruns the app. The month and the measure change the page only.
    year = bar.selectbox("年份", options["year"], format_func=lambda y: f"{y}年", key="year")
    kind = bar.radio("统计口径", options["kind"], format_func=KINDS.get, horizontal=True, key="kind")
    bar.selectbox({"ytd": "截至月份", "month": "月份", "quarter": "季度"}[kind], options["month"],
                  format_func=lambda m: f"{m}月" if kind != "quarter" else Period(year, m, kind).label,
                  key="month", on_change=_rerun_page)
    names = _region_names(ctx)
    region = bar.selectbox("地区", options["region"], key="region",
                           format_func=lambda c: f"全市（{names[c]}）" if c == ctx.home else names[c])
    sectors = _sector_names()
    sector = bar.selectbox("板块", options["sector"], key="sector",
                           format_func=lambda c: sectors.get(c, "全部板块"))
    bar.selectbox("指标", options["measure"], key="measure", on_change=_rerun_page,
                  format_func=lambda c: metrics.CATALOGUE[c].label)
    if region != ctx.home or sector:
        if bar.button("清除地区和板块筛选", icon=":material/filter_alt_off:"):
            narrow(region=ctx.home, sector=ALL_SECTORS)
    return True


def _region_names(ctx: summary.Context) -> dict[str, str]:
    return dict(zip(ctx.regions.region_code, ctx.regions.region_name))


def _sector_names() -> dict[str, str]:
    return dict(zip(query("sectors").sector_code, query("sectors").sector_name))


def chosen(ctx: summary.Context) -> Filters:
    """The filters the sidebar's widgets hold, mirrored in the URL. Called by the page's fragment, so that a
    rerun of the page alone sees the month just chosen."""
    state = {key: st.session_state[key] for key in FILTER_KEYS}
    url = {k: str(v) for k, v in state.items() if v != ALL_SECTORS}
    if st.query_params.to_dict() != url:
        st.query_params.from_dict(url)
    st.session_state[URL_WRITTEN] = url
    sectors = _sector_names()
    return Filters(Period(state["year"], state["month"], state["kind"]), state["region"],
                   _region_names(ctx)[state["region"]], state["sector"] or None,
                   sectors.get(state["sector"], "全部板块"), metrics.CATALOGUE[state["measure"]])


@st.fragment(key=PAGE_FRAGMENT)
def run_page(page, has_data: bool) -> None:
    """Run the page chosen in the navigation, with the filters of the moment in session state. Data refreshed
    since the sidebar was drawn (its freshness, the months it offers) reruns the app instead."""
    if has_data and st.session_state.get(SIDEBAR_VERSION) != version():
        st.rerun()
    st.session_state["filters"] = chosen(context()) if has_data else None
    # st.navigation lets the page it returns run once: a rerun of this fragment alone (not of app.py) runs the
    # same page again, without asking st.navigation, whose message would redraw the sidebar's navigation.
    if not st.session_state.pop(NAVIGATED, False):
        streamlit_compat.run_page_again(page)
    with serving():
        page.run()


@contextlib.contextmanager
def serving() -> Iterator[None]:
    """Around a script run (app.py's, or the page's fragment run alone): after it, when a query ran since the
    last time and no other run is reading, DuckDB's kept memory is handed back and its cached blocks evicted."""
    try:
        with duckdb_compat.reading():
            yield
    finally:
        _hand_back_memory(evict=True)


# DuckDB keeps the memory its queries freed and the blocks of the tables they read (the market pages' and the
# project list's: tens of MB at 10 M projects). After a query that raised the server's resident memory by this much
# since the last time, the freed memory is handed back; after a run that queried, when no other run is reading,
# the cached blocks too. A run that only reads cached frames pays nothing (benchmarks/README.md: the server's memory).
HAND_BACK_MB = 8
_resident_after = {"mb": 0.0, "queried": False}  # after the last hand-back: resident MB, a query run since (shared)


def _resident_mb() -> float:
    """The server's resident memory (Linux: /proc/self/statm), else 0."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


def _hand_back_memory(evict: bool) -> None:
    con = _opened.get("connection")
    if con is None:
        return
    if evict and _resident_after.get("queried"):
        if duckdb_compat.hand_back_memory(con, evict=True):
            _resident_after.update(mb=_resident_mb(), queried=False)
    elif _resident_mb() - _resident_after["mb"] >= HAND_BACK_MB and duckdb_compat.hand_back_memory(con):
        _resident_after["mb"] = _resident_mb()


NOTICE_KEY = "demo_notice"  # its element carries the class st-key-demo_notice (the big screen hides it)


def notices(ctx: summary.Context) -> None:
    """The demo's notice: one line, its sentence (which numbers are published, which synthetic) under 详情."""
    if ctx.is_demo:
        notice = ctx.settings.get("dataset_notice", "示例数据")
        with st.expander(f"{notice.partition('：')[0]}，仅供演示 · 详情", icon=":material/science:", key=NOTICE_KEY):
            st.markdown(notice)


def _frame_fingerprint(frame: pd.DataFrame) -> bytes:
    content = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return hashlib.blake2b(content + repr((list(frame.columns), list(frame.dtypes))).encode()).digest()


# The frames figures are drawn from are mostly the cached query results themselves: fingerprinted once each,
# not on every run (hashing them was a third of a cached overview run).
_frame_key = memo.PerObject(_frame_fingerprint)


@st.cache_resource(max_entries=512, show_spinner=False, hash_funcs={pd.DataFrame: _frame_key})
def _figure(version: str, name: str, _build, args: tuple, kwargs: tuple):
    return _build(*args, **dict(kwargs))


def figure(build, *args, **kwargs):
    """build(*args, **kwargs) — a charts function — once per data version and arguments: building a Plotly
    figure costs 7–19 ms, more than the queries behind it once they are cached. The figure is shared
    between sessions: draw it, never change it."""
    return _figure(version(), build.__qualname__, build, args, tuple(sorted(kwargs.items())))


# Markdown (a subheader, a caption, 手机简报's lines) holding a name from an import ("湖南*建工*集团",
# "[官网](http://…)", "$…$", ":red[…]"): the name must show as written. Backslash-escaped, Markdown's signs
# and Streamlit's directives are literal; a leading "- ", "+ ", "1. " would start a list.
MARKDOWN_SIGNS = re.compile(r"[\\`*_\[\]<>$~|:#!{}]")
# GitHub's Markdown also links a URL, a www. address or an e-mail address written as text (autolink literals),
# after the Markdown is read, so that no escape keeps it text: a word joiner (U+2060, invisible) inside the
# scheme's "http:", after "www" and before "@" does (checked in Chromium, "甲https://…" and mailto: included).
AUTOLINKS = re.compile(r"(?i)(?<=http)(?=\\:)|(?<=https)(?=\\:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def markdown_literal(text: str) -> str:
    """text as it reads in Markdown: never a link."""
    text = MARKDOWN_SIGNS.sub(r"\\\g<0>", text)
    text = AUTOLINKS.sub(WORD_JOINER, text)
    text = re.sub(r"^([-+]) ", r"\\\1 ", text)
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def table(frame: pd.DataFrame, wrap: tuple[str, ...] = (), parts: tuple[tuple[str, ...], ...] | None = None,
          lead: tuple[str, ...] | None = None) -> None:
    """A short table drawn as a plain table (no grid: a few rows need no scrolling or sorting, and a grid
    redraws its cells well after the run): HTML (plain_table), which the browser sets in one go where st.table
    renders each cell as Markdown. Its cells stay on one line ("88宗" is never broken after "88") but those of
    the columns in wrap (names), which take the room left.
    With parts (at a phone's width, viewport.narrow()), a table of many columns is drawn as one narrower
    table per part (the frame's columns it names; a part naming none is left out), each led by the lead
    columns (the first by default; names, they wrap): it fits the width instead of scrolling sideways, and no
    figure is lost."""
    if parts:
        lead = lead or (frame.columns[0],)
        for part in parts:
            if columns := [c for c in part if c in frame.columns]:
                table(frame[[*lead, *columns]], tuple(dict.fromkeys((*lead, *wrap))))
        return
    st.html(plain_table.markup(frame, wrap))


def grid(frame: pd.DataFrame, narrow: bool, wrap: tuple[str, ...] = ()) -> None:
    """A table a desktop shows as a grid (sortable, its columns resizable), shown at a phone's width (narrow:
    viewport.narrow()) as a plain table, which fits the width where a grid scrolls inside the page."""
    if narrow:
        table(frame, wrap)
    else:
        st.dataframe(frame, hide_index=True)


def chart(fig, filename: str, *, key: str, clickable: bool = False, scale: str | None = None):
    """Draw a figure; the camera button saves it as filename. Clickable, returns the clicked point's
    customdata (e.g. a region code) on the run the click starts. The key names the chart's place on the page,
    the same on every run, so a new filter redraws it in place. scale: the CSS variable the browser multiplies
    the figure's sizes by (chart_element.draw)."""
    return chart_element.draw(fig, charts.config(filename), key, clickable, scale)


def show_gaps(ctx: summary.Context, period: Period) -> None:
    """Say so when counties of the city did not report months of the period."""
    note = tables.gaps_note(query("missing_months_by_region", year=period.year, month_to=period.month_to, city=ctx.home))
    if note:
        st.warning(note, icon=":material/report:")


def logged_in(what: str = "导入数据") -> bool:
    """The 数据管理 login, shared by 数据管理 (imports) and 预警 (acknowledging): True once this session has
    logged in; else draw why not (no password configured) or the form (throttled by tradestats.access.login), and
    return False."""
    stored = auth.configured_hash(lambda key: st.secrets[key])
    if not stored:
        st.warning(f"尚未设置数据管理密码，本页不能{what}。设置方法：运行 `tradestats password` 生成密码摘要，"
                   f"写入环境变量 `{auth.ENV}`，或写入 `.streamlit/secrets.toml` 的 `{auth.SECRET} = \"…\"`，然后重启应用。")
        return False
    if st.session_state.get("admin"):
        return True
    address = login.client_key(st.context.ip_address)
    with st.form("login"):
        password = st.text_input("密码", type="password")
        if st.form_submit_button("登录"):
            opened, message = login.try_password(password, stored, address, login.log_path(config.db_path()))
            if opened:
                st.session_state["admin"] = True
                st.rerun()
            st.error(message)
        else:  # the counts of every server process on the deployment folder
            status = login.throttle_for(login.log_path(config.db_path())).status(address)
            if not status.allowed and status.reason != "soon":
                st.error(status.message)
    return False


def open_alerts(ctx: summary.Context, region: str) -> None:
    """How many 预警 are open (by level) — the county's on a county's page, else all —, linked to the 预警 page."""
    from tradestats.present import alert_views  # the 预警 views: loaded by the pages that show them

    counted, scope = alert_views.open_scope(ctx, region)
    label = alert_views.open_line(query("open_alerts_by_level", region=counted), scope)
    st.page_link("pages/alerts.py", label=label, icon=":material/notifications_active:")


def inapplicable(f: Filters) -> str | None:
    """Why the chosen measure means nothing for the chosen sector (节约资金 of a sale sector), or None."""
    if not (f.sector and f.measure.direction):
        return None
    sectors = query("sectors")
    direction = dict(zip(sectors.sector_code, sectors.direction))
    if direction[f.sector] in (f.measure.direction, "either"):
        return None
    kind = metrics.DIRECTIONS[f.measure.direction]
    applies = "、".join(sectors[sectors.direction == f.measure.direction].sector_name)
    return f"{f.sector_name}不计{f.measure.label}：{f.measure.label}只对{kind}板块（{applies}）计算。请在侧栏换一个指标或板块。"


def require_applicable(f: Filters) -> None:
    """Stop a page about the chosen measure, with the reason, when the measure does not apply."""
    note = inapplicable(f)
    if note:
        st.info(note)
        st.stop()


def plottable(f: Filters, values) -> bool:
    """True when a chart of the measure would show something; else say why instead of an empty chart."""
    note = inapplicable(f)
    if note is None and all(metrics.missing(v) for v in values):
        note = f"{f.scope}在所选期间没有{f.measure.label}的数据（比率在基数为零时无定义）。"
    if note:
        st.info(note)
    return note is None


def basis_notes(ctx: summary.Context, period: Period, head: pd.Series) -> bool:
    """Under a period's headline figures: where they cannot be known, the one sentence saying what is missing
    (and False: the page has no figures of the period to draw); where they came from figures of spans of months
    (累计, 季度, 年度 tables) rather than from months, the note saying so."""
    missing = summary.missing_sentence(ctx, period, head["unknown_regions"])
    unsplit = summary.unsplit_sentence(ctx, period, head["unsplit_regions"])
    for sentence in (missing, unsplit):
        if sentence:
            st.warning(sentence, icon=":material/help:")
    if missing or unsplit:
        return False
    note = summary.basis_note(period, head)
    if note:
        st.info(note, icon=":material/event_note:")
    return True


def no_data(f: Filters) -> None:
    """Say why the page has nothing to draw for the period, and stop: no data; or no figure of the period can be
    known (what is missing); or only as all sectors together, which a page of sectors cannot split; or it has
    figures of spans only, which a page of months cannot draw."""
    head = summary.headline(query, f.period, f.region, f.sector)
    missing = summary.missing_sentence(context(), f.period, head["unknown_regions"])
    unsplit = (summary.unsplit_sentence(context(), f.period, head["unsplit_regions"])
               or summary.split_note(f.period, head, pd.DataFrame()))
    note = summary.basis_note(f.period, head)
    if missing or unsplit:
        st.warning(missing or unsplit, icon=":material/help:")
    elif note:
        st.info(f"{f.scope}{f.period.label}：{note}本页按月份画出的图表因此空缺，该期的数字见“总览”。",
                icon=":material/event_note:")
    else:
        st.warning(f"{f.scope}{f.period.label}没有交易数据。请选择其他年份、月份、地区或板块。")
    st.stop()


def column_selects(problems: list, key: str) -> dict[str, str] | None:
    """数据管理's --map: when an upload's header was not (wholly) recognised, a select per column it could
    not place, set to the field that would fit; the columns given a field (header → field name), or None
    when the header was recognised."""
    from tradestats.ingest.headers import HeaderProblem  # the import's modules: loaded on 数据管理 only

    problem = next((p for p in problems if isinstance(p, HeaderProblem)), None)
    if problem is None or not problem.unplaced:
        return None
    none, names, suggested = "（不导入）", dict(problem.labels), dict(problem.suggested)
    options = [none, *names.values()]
    st.caption("表头中有列没有认出（或不能确定）。请为下列各列选择对应的字段，再按所选的对应重新检查：")
    chosen = {}
    for i, (column, box) in enumerate(zip(problem.unplaced, st.columns(3) * len(problem.unplaced))):
        default = names.get(suggested.get(column), none)
        with box:
            choice = st.selectbox(f"“{column}”是", options, index=options.index(default), key=f"{key}_{i}")
        if choice != none:
            chosen[column] = choice
    return chosen


def value_selects(problems: list, key: str, known) -> str | None:
    """数据管理's --values: a select per region or category word of an upload the vocabulary does not know, set
    to the nearest known name (known(field, word) gives the names, nearest first); the chosen mapping as
    --values' text, or None when every word was known."""
    from tradestats.ingest.stats_file import UnknownWord  # as in column_selects: on 数据管理 only
    from tradestats.ingest.value_words import WORDS, Values  # likewise

    words = list(dict.fromkeys((p.field, p.word) for p in problems if isinstance(p, UnknownWord)))
    if not words:
        return None
    st.caption("文件中有地区或交易类别的叫法没有认出。若是本中心自己的叫法，请选择对应的已知名称，再按所选的对应重新检查（导入后记住）：")
    pairs = []
    for i, ((field, word), box) in enumerate(zip(words, st.columns(3) * len(words))):
        with box:
            pairs.append((field, word, st.selectbox(f"{WORDS[field]}“{word}”是", known(field, word), key=f"{key}_{i}")))
    return Values(tuple(pairs)).text()
