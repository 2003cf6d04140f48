"""Imports on a copy of the fixture database: every file of the bad corpus gets its message and changes
nothing; the good files in every format give the same figures; re-import, history and rollback."""

import csv
import datetime as dt
import functools
import hashlib
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA

from tradestats.alerting import alerts
from tradestats.deploy import deployment
from tradestats.domain import metrics, summary
from tradestats.domain.periods import Period
from tradestats.ingest import headers, importer
from tradestats.store import db, history, queries

CORPUS = Path(__file__).parent / "import_corpus"
TODAY = dt.date(2025, 6, 30)
with open(CORPUS / "expected.csv", encoding="utf-8") as f:
    EXPECTED = list(csv.DictReader(f))


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    return path


def fingerprint(path: Path) -> dict:
    """Every byte of every version file and where the pointer points."""
    files = sorted(db.versions_dir(path).iterdir())
    return {"current": db.version_key(path),
            "files": {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}}


def load(store, name, folder="bad", confirmed=False, mapping=None):
    data = (CORPUS / folder / name).read_bytes()
    plan = importer.plan(store, name, data, today=TODAY, mapping=mapping)
    return plan, (lambda: importer.apply(store, plan, confirmed=confirmed))


def amount(store, year, month, region="900100"):
    q = functools.partial(queries.run, db.connect(store))
    value = summary.headline(q, Period(year, month, "month"), region).amount_wan
    return 0.0 if metrics.missing(value) else float(value)


def test_the_corpus_is_large_enough():
    assert len(EXPECTED) >= 25 and {e["file"] for e in EXPECTED} == {p.name for p in (CORPUS / "bad").iterdir()}


@pytest.mark.parametrize("case", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_bad_file_gets_its_message_and_changes_nothing(store, case):
    before = fingerprint(store)
    plan, apply = load(store, case["file"], mapping=case["map"] or None)
    found = plan.warnings if case["warning"] == "1" else plan.errors
    assert any(case["message"] in str(p) for p in found), [str(p) for p in plan.problems]
    assert all(str(p).startswith(case["file"]) for p in plan.problems)  # every message names the file
    with pytest.raises(importer.Refused):
        apply()
    assert fingerprint(store) == before


def test_many_errors_are_listed_at_once(store):
    plan, _ = load(store, "many_errors.csv")
    messages = [str(p) for p in plan.errors]
    assert any("第3行“月份”列" in m for m in messages) and any("第3行“项目数”列" in m for m in messages)
    assert any("第3行“交易额”列" in m for m in messages) and any("第4行“地区”列" in m for m in messages)
    assert not any("未知的板块或交易类型“采购”" in m for m in messages)  # 采购 is an alias of 政府采购


def test_warnings_import_once_confirmed(store):
    plan, apply = load(store, "far_from_history.csv", confirmed=True)
    assert plan.warnings and not plan.errors
    assert apply() is not None
    assert amount(store, 2024, 3) == 15000 + 5.0  # 一区's new cell and 二县's 5万元 already there


@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "good").iterdir()))
def test_good_files_in_every_format_give_the_same_figures(store, name):
    plan, apply = load(store, name, folder="good")
    assert not plan.problems, [str(p) for p in plan.problems]
    assert (plan.added, plan.changed, plan.unchanged) == (2, 0, 0)
    assert apply() is not None
    assert amount(store, 2025, 1) == 215.5
    assert amount(store, 2025, 1, "900101") == 160.0
    q = functools.partial(queries.run, db.connect(store))
    sectors = summary.sectors(q, Period(2025, 1, "month"), "900100").set_index("sector_code")
    assert sectors.loc["natural_resources", "projects"] == 1


@pytest.mark.parametrize("name", ["bulletin_title_total.xlsx", "bulletin_month_and_ytd.xlsx", "gbk_other_words.csv"])
def test_bulletins_in_other_centers_words_give_the_published_figures(store, name):
    """统计月份/交易月份, 区域/县（市、区）, 交易类别/类别, 交易宗数（宗）, 中标金额, 增值金额/增价/溢价金额: the month's
    columns, not the 本年累计 or 上年同期 ones beside them; the 合计 row checked, not added."""
    plan, apply = load(store, name, folder="good")
    assert not plan.problems and headers.covered(plan.fields) >= {"month", "region", "sector", "projects", "amount", "premium"}
    apply()
    q = functools.partial(queries.run, db.connect(store))
    h = summary.headline(q, Period(2025, 1, "month"), "900100")
    assert (h.projects, float(h.amount_wan), float(h.premium_wan)) == (5, 215.5, 5.5)


def test_reimport_changes_nothing_and_history_records_once(store):
    _, apply = load(store, "utf8.csv", folder="good")
    first = apply()
    before = fingerprint(store)
    plan, apply_again = load(store, "utf8_bom.csv", folder="good")
    assert (plan.added, plan.changed, plan.unchanged) == (0, 0, 2)
    assert apply_again() is None and fingerprint(store) == before
    log = history.imports(store)
    assert list(log.file_name) == ["utf8.csv"] and first.exists()
    assert (log.cells_added[0], log.months[0], len(log.sha256[0])) == (2, "2025-01", 64)


def test_a_changed_cell_replaces_the_old_one(store):
    assert amount(store, 2024, 1, "900101") == 150.0
    plan = importer.plan(store, "fix.csv", "月份,地区,板块,项目数,交易额\n2024-01,一区,工程建设,3,151\n".encode(),
                         today=TODAY)
    assert (plan.added, plan.changed) == (0, 1)
    assert [tuple(m) for m in plan.months[["year", "month"]].itertuples(index=False)] == [(2024, 1)]
    assert (float(plan.months.before[0]), float(plan.months.after[0])) == (200.0, 201.0)
    importer.apply(store, plan)
    assert amount(store, 2024, 1, "900101") == 151.0


def test_rollback_restores_the_previous_version(store):
    _, apply = load(store, "utf8.csv", folder="good")
    apply()
    assert amount(store, 2025, 1) == 215.5
    history.rollback(store, carry=alerts.carry)
    assert amount(store, 2025, 1) == 0.0
    with pytest.raises(ValueError, match="当前版本不是由导入产生的，没有可回退的上一版本"):
        history.rollback(store, carry=alerts.carry)
    with pytest.raises(ValueError, match="没有版本“nope”"):
        history.rollback(store, "nope", carry=alerts.carry)


def test_too_large_a_file_is_refused(store):
    data = ("月份,地区,板块,项目数,交易额\n" + "2024-03,一区,工程建设,3,120\n" * 800_000).encode()
    plan = importer.plan(store, "big.csv", data, today=TODAY)
    assert "文件太大" in str(plan.errors[0])


def test_demo_round_trip_through_a_statistics_file(demo_db, tmp_path, dq):
    """The demo written out as a statistics file and imported into an empty database: the same figures."""
    dump = tmp_path / "demo.csv"
    from tradestats.documents import spreadsheet

    dump.write_bytes(spreadsheet.csv_bytes(dq("cells_as_stats_file")))
    empty = tmp_path / "empty.duckdb"
    deployment.build(empty, demo=False)
    plan = importer.plan(empty, dump.name, dump.read_bytes())
    assert not plan.errors and plan.added == 6480
    importer.apply(empty, plan, confirmed=True)
    q = functools.partial(queries.run, db.connect(empty))
    assert summary.summarize(q, Period(2024)) == summary.summarize(dq, Period(2024))
    assert summary.summarize(q, Period(2024, 6, "quarter"), "431224") == \
        summary.summarize(dq, Period(2024, 6, "quarter"), "431224")


PROJECTS = ("项目编号,项目名称,交易类型,地区,成交日期,预算金额（万元）,成交金额（万元）,交易方式,是否重点产业\n"
            "P-1,一区道路工程,房建市政,一区,2025-01-08,120,110.5,公开招标,是\n"
            "P-2,二县设备采购,政府采购,二县,2025年1月20日,80,72,竞争性磋商,否\n"
            "P-3,一区土地出让,土地使用权,一区,2025/02/05,50,56,拍卖,否\n")


def import_text(store, name, text):
    plan = importer.plan(store, name, text.encode("utf-8"), today=TODAY)
    assert not plan.errors, [str(p) for p in plan.errors]
    return plan, importer.apply(store, plan, confirmed=True)


def test_project_list_rolls_up_into_the_monthly_cells(store):
    plan, target = import_text(store, "projects.csv", PROJECTS)
    assert plan.kind == "projects" and plan.added == 3 and target is not None
    assert amount(store, 2025, 1) == 182.5 and amount(store, 2025, 2) == 56.0
    q = functools.partial(queries.run, db.connect(store))
    h = summary.headline(q, Period(2025, 1, "month"), "900100")
    assert (h.projects, float(h.savings_wan), h.key_projects, float(h.key_amount_wan)) == (2, 17.5, 1, 110.5)
    assert float(summary.headline(q, Period(2025, 2, "month"), "900100").premium_wan) == 6.0
    # The same list again changes nothing.
    plan, target = import_text(store, "projects.csv", PROJECTS)
    assert target is None and plan.projects_changed == 0


def test_a_project_moved_to_another_month_leaves_its_old_cell(store):
    import_text(store, "projects.csv", PROJECTS)
    moved = "项目编号,项目名称,交易类型,地区,成交日期,成交金额\nP-2,二县设备采购,政府采购,二县,2025-02-03,72\n"
    plan, _ = import_text(store, "fix.csv", moved)
    assert plan.projects_changed == 1
    assert amount(store, 2025, 1) == 110.5 and amount(store, 2025, 2) == 128.0


def test_a_project_list_is_not_a_statistics_file(store):
    plan = importer.plan(store, "p.csv", PROJECTS.encode(), today=TODAY, kind="stats")
    assert "这是项目明细文件，不是统计文件；请改用 --kind projects" in str(plan.errors[0])


def test_regions_file_adds_a_county_and_a_peer_city(store):
    text = ("地区编码,地区名称,简称,级别,上级编码\n"
            "900104,四县,四县,county,900100\n"
            "900400,丁市,丁市,city,900000\n"
            "900101,一区（新名）,一区,county,900100\n")
    plan, target = import_text(store, "regions.csv", text)
    assert plan.kind == "regions" and (plan.added, plan.changed) == (2, 1) and target is not None
    q = functools.partial(queries.run, db.connect(store))
    ctx = summary.context(q)
    assert ctx.region_name("900104") == "四县" and ctx.region_name("900101") == "一区（新名）"
    ranks = q("rank_by_region", **Period(2024).params(), parent="900000", sector=None, measure="amount_wan")
    assert "900400" in set(ranks.region_code) and ranks.rank_of.max() == 3  # a peer without data is not ranked
    # The new county takes data at once.
    import_text(store, "m.csv", "月份,地区,板块,项目数,交易额\n2025-01,四县,工程建设,1,10\n")
    assert amount(store, 2025, 1, "900104") == 10.0


def test_regions_file_problems(store):
    text = ("地区编码,地区名称,简称,级别,上级编码\n"
            "900105,五县,五县,town,900100\n"
            "900106,六县,六县,county,999999\n"
            "900101,一区,一区,city,900000\n")
    plan = importer.plan(store, "regions.csv", text.encode(), today=TODAY)
    messages = [str(p) for p in plan.errors]
    assert any("第2行“级别”列：级别“town”应为 province / city / county / pseudo 之一" in m for m in messages)
    assert any("第3行“上级编码”列：上级编码“999999”应是一个已有或本文件中的 city 级地区" in m for m in messages)
    assert any("第4行“级别”列：地区 900101 已有交易数据，不能改变其级别或上级" in m for m in messages)


def test_rollback_after_a_corrected_import_does_not_bring_back_the_undone_one(store):
    """v1 → v2 (a wrong figure) → rollback → v3 (corrected) → rollback: back at v1, not at v2."""
    import_text(store, "wrong.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,999\n")
    history.rollback(store, carry=alerts.carry)
    import_text(store, "right.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,120\n")
    assert amount(store, 2025, 1) == 120.0
    history.rollback(store, carry=alerts.carry)
    assert amount(store, 2025, 1) == 0.0


def test_a_plan_made_before_another_import_is_refused(store):
    a = importer.plan(store, "a.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,100\n".encode(), today=TODAY)
    b = importer.plan(store, "b.csv", "月份,地区,板块,项目数,交易额\n2025-01,二县,工程建设,1,50\n".encode(), today=TODAY)
    importer.apply(store, a)
    with pytest.raises(importer.Refused, match="数据在检查之后已被另一次导入或回退改变"):
        importer.apply(store, b)


def test_columns_a_file_does_not_have_keep_their_stored_values(store):
    # 2024-01 一区 工程建设 holds 3宗 150万元, 预算 160, 节约 10, 涉重点 2宗 120万元.
    plan, _ = import_text(store, "short.csv", "月份,地区,板块,项目数,交易额\n2024-01,一区,工程建设,3,151\n")
    con = db.connect(store)
    row = con.execute("select projects, amount_wan, reference_wan, savings_wan, key_projects, key_amount_wan "
                      "from fact_trade_monthly where year = 2024 and month = 1 and region_code = '900101'").fetchall()
    assert [tuple(float(v) for v in r) for r in row] == [(3, 151, 160, 10, 2, 120)]


@pytest.mark.parametrize("text, message", [
    ("月份,地区,板块,项目数,交易额,采购方式\n2024-03,一区,政府采购,1,12,询价\n", None),  # extra column ignored
    ("月份,地区,板块,项目数,交易额（单位：亿）\n2024-03,三县,工程建设,1,1.5\n", None),
    ("月份,地区,板块,项目数,交易额（千元）\n2024-03,三县,工程建设,1,1500\n", "无法识别单位“千元”"),
    ("月份,地区,板块,项目数,交易额\n2024-03,一区,工程建设,3000000000,1\n", "数值太大"),
    ("月份,地区,板块,项目数,交易额\n2024-03,,工程建设,1,1\n", "第2行“地区”列：地区为空"),
    ("月份,地区,板块,项目数,交易额\n2024-03,一区,工程建设,1,100\n2024-03,乙市,工程建设,1,5\n,甲市,,1,100\n", None),
    ("月份,地区,板块,项目数,交易额\n2024-03,一区,工程建设,1,100\n2024-03,一区,政府采购,1,5\n2024-03,一区,小计,2,106\n",
     "合计行与各行之和不符：交易额合计 106.00万元，各行之和 105.00万元"),
])
def test_more_layouts(store, text, message):
    plan = importer.plan(store, "x.csv", text.encode(), today=TODAY)
    if message is None:
        assert not plan.errors, [str(p) for p in plan.errors]
    else:
        assert any(message in str(p) for p in plan.errors), [str(p) for p in plan.problems]


def test_units_from_the_header_in_words(store):
    plan = importer.plan(store, "x.csv", "月份,地区,板块,项目数,交易额（单位：亿）\n2024-03,三县,工程建设,1,1.5\n".encode(),
                         today=TODAY)
    assert float(plan.cells.amount_wan[0]) == 15000.0


def check_rows(store, rows: list[list], name: str = "工作表1"):
    """Project rows as a workbook's sheet would hold them, checked as an import checks them."""
    from tradestats.ingest import project_file, sources

    con = db.connect(store)
    header = ["项目编号", "项目名称", "板块", "地区", "成交日期", "成交金额", "是否重点产业"]
    sheet = sources.Sheet(name, [header, *rows])
    vocab = importer.vocabulary(con)
    found = headers.of_kind("x.xlsx", [sheet], vocab.columns, "projects")  # the header stage's part
    return project_file.check("x.xlsx", [sheet], found, vocab, TODAY, importer.sector_directions(con))


@pytest.mark.parametrize("value, day", [
    ("2024/3/1 9:30", dt.date(2024, 3, 1)), ("2024-03-05 10:00:00", dt.date(2024, 3, 5)),
    ("2024年3月15日", dt.date(2024, 3, 15)), (dt.datetime(2024, 3, 2, 8, 0), dt.date(2024, 3, 2)),
    (45352, dt.date(2024, 3, 1)), (45352.4, dt.date(2024, 3, 1)), (dt.date(2024, 3, 4), dt.date(2024, 3, 4)),
    ("２０２４－０３－０６", dt.date(2024, 3, 6)), (" 2024.3.7 ", dt.date(2024, 3, 7)),
])
def test_project_dates_with_and_without_times(store, value, day):
    checked = check_rows(store, [["P-1", "道路", "工程建设", "一区", value, 10, "否"]])
    assert not checked.problems, [str(p) for p in checked.problems]
    assert checked.projects.column("deal_date").to_pylist() == [day]


def test_xls_numbers_ids_and_booleans(store, tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("明细")
    for c, h in enumerate(["项目编号", "项目名称", "交易类型", "地区", "成交日期", "成交金额", "是否重点产业"]):
        ws.write(0, c, h)
    for c, v in enumerate([20240301001, "道路工程", "工程建设", "一区", "2024-03-05", 100, 1]):
        ws.write(1, c, v)
    ws2 = wb.add_sheet("统计")
    for c, h in enumerate(["月份", "地区", "板块", "项目数", "交易额"]):
        ws2.write(0, c, h)
    for c, v in enumerate(["2024-03", "一区", "工程建设", True, 5]):
        ws2.write(1, c, v)
    path = tmp_path / "x.xls"
    wb.save(str(path))
    from tradestats.ingest import sources

    sheets = sources.read("x.xls", path.read_bytes())
    assert sheets[0].rows[1][0] == 20240301001 and sheets[0].rows[1][6] == 1 and sheets[1].rows[1][3] == "TRUE"


def test_indicators_file_adds_and_replaces_values(store):
    text = ("年份,地区,类别,指标,数值,单位\n"
            "2025,甲市,服务,非现金缴纳保证金占比,99.5,%\n"
            "2025,甲市,宣传,发布新闻,92,篇\n")
    plan, target = import_text(store, "indicators.csv", text)
    assert plan.kind == "indicators" and (plan.added, plan.changed) == (2, 0) and target is not None
    q = functools.partial(queries.run, db.connect(store))
    rows = q("indicators_by_year", year=2025, region="900100").set_index("indicator")
    assert (float(rows.loc["发布新闻", "value"]), rows.loc["发布新闻", "unit"]) == (92.0, "篇")
    plan, _ = import_text(store, "again.csv", text.replace(",92,", ",95,"))
    assert (plan.added, plan.changed, plan.unchanged) == (0, 1, 1)
    twice = importer.plan(store, "twice.csv", (text + "2025,甲市,宣传,发布新闻,93,篇\n").encode(), today=TODAY)
    assert [str(p) for p in twice.errors] == ["twice.csv 第4行“指标”列：与第3行重复。"]
    plan = importer.plan(store, "bad.csv", "年份,地区,指标,数值,单位\n20x5,甲市,发布新闻,abc,\n".encode(), today=TODAY)
    messages = [str(p) for p in plan.errors]
    assert any("第2行“年份”列：“20x5”不是有效的年份" in m for m in messages)
    assert any("第2行“数值”列：“abc”不是数字" in m for m in messages)
    assert any("第2行“单位”列：单位为空" in m for m in messages)


def test_a_project_list_gives_the_same_figures_as_csv_gbk_xlsx_and_xls(store, tmp_path):
    import xlwt
    from openpyxl import Workbook

    rows = [line.split(",") for line in PROJECTS.strip().splitlines()]
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(tmp_path / "p.xlsx")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("明细")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "p.xls"))
    files = {"p.csv": PROJECTS.encode("utf-8"), "p_gbk.csv": PROJECTS.encode("gbk"),
             "p.xlsx": (tmp_path / "p.xlsx").read_bytes(), "p.xls": (tmp_path / "p.xls").read_bytes()}
    for name, data in files.items():
        plan = importer.plan(store, name, data, today=TODAY)
        assert not plan.errors and plan.kind == "projects", [str(p) for p in plan.problems]
        assert (plan.added, plan.rows_read, len(plan.warnings)) == (3, 3, 1)
        assert [float(v) for v in plan.cells.amount_wan] == [110.5, 72.0, 56.0], name


def test_a_long_project_list_with_growing_amounts_imports(store):
    """DuckDB guessed the type of a column of Decimals from its first values and failed on larger ones."""
    lines = ["项目编号,项目名称,板块,地区,成交日期,成交金额（万元）"]
    lines += [f"L-{i},工程{i},工程建设,一区,2025-01-{1 + i % 28:02d},{i * 37.5:.2f}" for i in range(1, 3001)]
    plan, target = import_text(store, "long.csv", "\n".join(lines) + "\n")
    assert target is not None and plan.rows_read == 3000
    assert amount(store, 2025, 1, "900101") == sum(i * 37.5 for i in range(1, 3001))


def test_rolling_back_and_importing_again_never_loses_the_clean_version(store):
    """The clerk's routine, repeated past the number of versions kept: import a wrong file, roll back,
    import the corrected one. Versions were pruned by name, keeping five: the version rolled back to went.
    (The wrong files raise 预警, so each rollback makes current a copy of the version it reached, holding the
    预警 ledger: data_version names the version whose data is current.)"""
    clean = db.current_version(store)
    for round_ in range(db.KEEP_VERSIONS + 2):
        import_text(store, f"wrong{round_}.csv", f"月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,{900 + round_}\n")
        history.rollback(store, carry=alerts.carry)  # back to the version the wrong file was imported on
        assert db.data_version(store) == clean and amount(store, 2025, 1) == 0.0
    # Now the corrected files, each on the last: the clean version stays, as the one a rollback reached.
    for round_ in range(db.KEEP_VERSIONS + 2):
        parent = db.data_version(store)
        import_text(store, f"wrong{round_}.csv", f"月份,地区,板块,项目数,交易额\n2025-02,一区,工程建设,1,{900 + round_}\n")
        history.rollback(store, carry=alerts.carry)
        assert db.data_version(store) == parent
        import_text(store, f"right{round_}.csv", f"月份,地区,板块,项目数,交易额\n2025-02,一区,工程建设,1,{100 + round_}\n")
    assert amount(store, 2025, 2) == 100.0 + db.KEEP_VERSIONS + 1
    kept = db.kept(store)
    assert set(kept) == {f.stem for f in db.versions_dir(store).glob("*.duckdb")}
    assert "回退到过的版本" in kept[clean] and "当前版本" in kept[db.current_version(store)]
    history.rollback(store, carry=alerts.carry)
    assert amount(store, 2025, 2) == 100.0 + db.KEEP_VERSIONS
    history.rollback(store, clean, carry=alerts.carry)
    assert amount(store, 2025, 2) == 0.0


def test_history_says_which_versions_are_kept_and_why(store, capsys):
    from tradestats import cli

    import_text(store, "a.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,100\n")
    assert cli.main(["--db", str(store), "history"]) == 0
    out = capsys.readouterr().out
    current, before = db.current_version(store), db.based_on(db.versions_dir(store) / f"{db.current_version(store)}.duckdb")
    assert f"* {current}  当前版本；最近 5 个版本之一" in out
    assert f"  {before}  最近一次导入之前的版本（tradestats rollback 回到这里）；最近 5 个版本之一" in out


def test_a_correction_below_the_stored_key_industry_count_is_explained_not_crashed(store):
    """2024-01 一区 工程建设 holds 3宗 of which 2 涉重点产业: a file without those columns lowering it to 1宗
    passed the dry run and failed in DuckDB with a ConstraintException."""
    before = fingerprint(store)
    plan = importer.plan(store, "fix.csv", "月份,地区,板块,项目数,交易额\n2024-01,一区,工程建设,1,151\n".encode(),
                         today=TODAY)
    assert [str(p) for p in plan.errors] == [
        "fix.csv 第2行：项目数 1 小于库中该格的涉重点产业项目数 2。文件没有“涉重点产业项目数”列，该格原有的涉重点产业数据会"
        "保留，与新的项目数矛盾；请在文件中加上“涉重点产业项目数”和“涉重点产业金额”两列，填写更正后的数值（没有则填0）。"]
    with pytest.raises(importer.Refused):
        importer.apply(store, plan, confirmed=True)
    assert fingerprint(store) == before
    # With the columns, the same correction imports: the dry run and the import agree.
    plan, target = import_text(store, "fix.csv", "月份,地区,板块,项目数,交易额,涉重点产业项目数,涉重点产业金额\n"
                                                 "2024-01,一区,工程建设,1,151,0,0\n")
    assert target is not None and amount(store, 2024, 1, "900101") == 151.0


def test_a_write_the_database_refuses_is_a_chinese_refusal(store):
    """Whatever rule the checks might miss, the import ends in a Refused naming the file, never a traceback."""
    plan = importer.plan(store, "x.csv", "月份,地区,板块,项目数,交易额\n2025-01,一区,工程建设,1,10\n".encode(), today=TODAY)
    before = fingerprint(store)
    plan.cells.loc[0, "key_projects"] = 5  # as if a check had let it through
    with pytest.raises(importer.Refused, match="x.csv：数据库拒绝写入（与已有数据矛盾），未导入，数据没有改动"):
        importer.apply(store, plan, confirmed=True)
    assert fingerprint(store) == before
