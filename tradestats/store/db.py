"""The DuckDB store: build a database version from a deployment's files, publish it behind a pointer, open it to read.

A build writes a new file under `<db>.versions/`, then swaps the symlink `<db>` to it with an atomic
rename: readers see the old data or the new, never half a build, and a running app (which holds its
version file open read-only) never blocks the build. The previous versions stay for rollback.
"""

from __future__ import annotations

import csv
import errno
import fcntl
import hashlib
import os
import shutil
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from tradestats import config
from tradestats.domain import metrics
from tradestats.config import reader_memory
from tradestats.store import migrations, reference
from tradestats.store.derive import derive
from tradestats.store.statements import statement

SCHEMA = Path(__file__).with_name("schema.sql")  # the stored tables
DERIVED = Path(__file__).with_name("derived.sql")  # views, macros, derived tables: made anew by builds and upgrades


def make_derived(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)make derived.sql's views, macros and derived tables, and note which derived.sql made them: a
    database whose note differs from this release's gets them made anew when opened (ensure)."""
    text = DERIVED.read_text(encoding="utf-8")
    con.execute(text)
    con.execute("insert or replace into app_setting values ('derived', ?)", [derived_digest()])


def derived_digest() -> str:
    return hashlib.sha256(DERIVED.read_bytes()).hexdigest()[:12]
KEEP_VERSIONS = 5
LEVELS = ("province", "city", "county", "pseudo")
PARENT_LEVEL = {"province": None, "city": "province", "county": "city", "pseudo": "city"}  # a region's 上级


class DataError(Exception):
    """A data file is wrong; the message (Chinese) names the file, row and column."""


def versions_dir(path: Path) -> Path:
    return path.with_name(path.name + ".versions")


def version_key(path: Path) -> str:
    """Identifies the data a reader would see now: the version file and its modification time."""
    real = Path(os.path.realpath(path))
    return f"{real}@{real.stat().st_mtime_ns}"


def current_version(path: Path) -> str:
    """The name of the version the pointer names (its file name without .duckdb)."""
    return Path(os.path.realpath(path)).stem


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the current version read-only."""
    if not path.exists():
        raise FileNotFoundError(f"数据库不存在：{path}。请先运行 tradestats init。")
    return duckdb.connect(os.path.realpath(path), read_only=True, config={"memory_limit": reader_memory()})


def settings_of(path: Path) -> dict[str, str]:
    con = connect(path)
    try:
        return dict(con.execute(statement("store/database_settings")).fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()


After = Callable[[duckdb.DuckDBPyConnection, Path | None], None]  # what a layer above adds to a build


def ensure(path: Path, data_dir: Path | None = None, after: After | None = None) -> bool:
    """Build the demo database when there is none; upgrade one of an earlier release (a demo or empty one that
    holds nothing but what the deployment's files make is built anew instead); True when it wrote a version.
    after: as build's."""
    if not path.exists():
        build(path, data_dir, demo=True, after=after)
        return True
    found = settings_of(path)
    version = migrations.version_of(found)
    if version == migrations.LATEST and found.get("derived") == derived_digest():
        return False
    if found.get("dataset") in ("demo", "empty") and made_by_files(path):
        build(path, data_dir, demo=found["dataset"] == "demo", after=after)
        return True
    if version is None or version > migrations.LATEST:
        raise DataError(f"数据库 {path} 是用{'更新' if version else '另一'}版本的程序构建的（结构版本 "
                        f"{version or found.get('schema', '未知')}，本程序 {migrations.LATEST}）。"
                        + ("请升级程序。" if version else "请运行 tradestats init 重建。"))
    upgrade(path, data_dir)
    return True


SYSTEM = "系统"  # who writes the 预警 ledger's automatic changes; any other name there is a person's


def made_by_files(path: Path) -> bool:
    """True when the current version holds nothing a person put there — no import of any kind (statistics,
    projects, targets, regions), no 预警 acknowledged or closed by someone — so a build from the deployment's
    files makes it again; a database of an earlier release may lack the ledger."""
    con = connect(path)

    def count(sql: str, params: list | None = None) -> int:
        try:
            return con.execute(sql, params or []).fetchall()[0][0]
        except duckdb.CatalogException:  # a table that release did not have: it holds nothing
            return 0

    try:
        return not (count("select count(*) from import_log where kind <> 'upgrade'")
                    or count("select count(*) from alert where acknowledged_by is not null or closed_by <> ?", [SYSTEM]))
    finally:
        con.close()


def upgrade(path: Path, data_dir: Path | None = None) -> Path | None:
    """Turn the current version, built by an earlier release, into a new version of this release's
    schema, all or nothing; the old version stays for rollback. None when there was nothing to do (another
    process upgraded it meanwhile)."""
    def fill(con: duckdb.DuckDBPyConnection) -> None:
        con.begin()
        settings = dict(con.execute("select key, value from app_setting").fetchall())
        version = migrations.version_of(settings)
        steps = migrations.upgrade(con, data_dir, version) or ["派生视图更新"]
        make_derived(con)
        derive(con)
        import_id = con.execute("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]
        con.execute("insert into import_log values (?, ?, ?, 'upgrade', ?, '', 0, 0, 0, 0, '', null)",
                    [import_id, datetime.now(), "tradestats", f"结构升级 {version} → {migrations.LATEST}："
                     + "、".join(steps)])
        if settings.get("based_on"):  # a rollback undoes the latest import, not the upgrade
            con.execute("update app_setting set value = ? where key = 'based_on'", [settings["based_on"]])
        con.commit()

    with writing(path):
        found = settings_of(path)
        if migrations.version_of(found) == migrations.LATEST and found.get("derived") == derived_digest():
            return None
        return write_version(path, fill, copy_of=Path(os.path.realpath(path)))


@contextmanager
def writing(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """One writer at a time for a database — an import, a rollback, a build: a second waits (after calling
    waiting, to say so) rather than losing the first's changes or being silently replaced by them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.import.lock")
    with open(lock, "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def build(path: Path, data_dir: Path | None = None, demo: bool = True,
          waiting: Callable[[], None] | None = None, after: After | None = None) -> Path:
    """Build a new version from the deployment folder data_dir (default: config.home(); a file it lacks is
    the shipped one) — reference tables, and the demo facts when demo and the demo data set is of this
    deployment's city — and make it current, after any import or rollback in progress. after(con, data_dir),
    called last in the new version, is what a layer above adds (deployment.build: the 预警 ledger's first
    evaluation)."""
    settings = read_settings(data_dir)
    sectors = read_reference(data_dir, "sectors.csv", SECTOR_COLUMNS)
    regions = read_reference(data_dir, "regions.csv", REGION_COLUMNS)
    check_reference(data_dir, sectors, regions, settings)
    try:
        types = reference.trade_types(data_dir, {s["sector_code"] for s in sectors})
    except ValueError as e:
        raise DataError(f"参考数据有误，数据库未改动：{e}") from e
    demo_dir = demo_of(data_dir, settings) if demo else None

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        load_reference(con, sectors, regions, settings)
        make_derived(con)
        reference.load_trade_types(con, types, sectors)
        if demo_dir:
            load_demo(con, demo_dir)
        derive(con)
        if after is not None:
            after(con, data_dir)

    with writing(path, waiting):
        return write_version(path, fill)


class WriteFailed(DataError):
    """A new version could not be written — the disk full, the folder not writable — and nothing changed; the
    message (Chinese) says why, where, and what to do."""


def write_version(path: Path, fill: Callable[[duckdb.DuckDBPyConnection], None],
                  copy_of: Path | None = None) -> Path:
    """Write a new version — empty, or a copy of copy_of — with fill, then make it current. All or nothing:
    a failure, or a kill, before the pointer moves leaves the current version as it was, and a failure leaves
    no file behind. Called holding writing(path), so any partial file there is a killed writer's, and is
    removed first. The disk full (or the folder not writable) is WriteFailed, in Chinese."""
    target = new_version_file(path)
    for stale in versions_dir(path).glob("*.partial*"):  # a killed writer's file and DuckDB's .wal beside it
        stale.unlink(missing_ok=True)
    partial = target.with_suffix(".partial")
    con = None
    try:
        if copy_of is not None:
            shutil.copyfile(copy_of, partial)
        con = duckdb.connect(str(partial))
        fill(con)
        con.execute("checkpoint")
        con.close()
        os.replace(partial, target)
        publish(path, target)
    except BaseException as e:
        if con is not None:
            try:
                con.close()
            except duckdb.Error:
                pass  # its file is removed next: what it could not write does not matter
        published = os.path.realpath(path) == os.path.realpath(target)
        for left in (partial, partial.with_name(partial.name + ".wal"), *([] if published else [target])):
            left.unlink(missing_ok=True)
        full = (isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)
                or isinstance(e, duckdb.Error) and "No space left on device" in str(e))
        if not published and (full or isinstance(e, OSError) and e.errno is not None):
            folder = versions_dir(path)
            if full:
                need = (copy_of.stat().st_size >> 20) + 1 if copy_of is not None and copy_of.exists() else 1
                why, fix = (f"{folder} 所在的磁盘空间不足（剩余 {shutil.disk_usage(folder).free >> 20} MB，新版本需要约"
                            f" {need} MB 以上）"), "请清理磁盘空间后重试"
            else:
                denied = e.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
                why = f"{'没有写入权限' if denied else e.strerror}（{getattr(e, 'filename', None) or folder}）"
                fix = "请改正该文件夹的权限后重试" if denied else "请把这段说明交给维护人员"
            raise WriteFailed(f"无法写入新的数据库版本：{why}。数据没有改动，也没有留下写了一半的文件；{fix}。") from e
        raise
    prune(path)
    return target


def new_version_file(path: Path) -> Path:
    """A name for the next version: versions sort by name in the order they were made."""
    folder = versions_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{datetime.now().strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}.duckdb"


def publish(path: Path, target: Path) -> None:
    """Point path at target with one atomic rename; a plain database file there is kept as a version."""
    if path.exists() and not path.is_symlink():
        os.replace(path, versions_dir(path) / f"00000000-before-versions-{os.getpid()}.duckdb")
    link = path.with_name(f".{path.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, path.parent), link)
    os.replace(link, path)


ROLLBACKS = "rollbacks.txt"  # in the versions folder: the versions a rollback made current, one a line


def based_on(file: Path) -> str | None:
    """The version an import made this one from (None for a build)."""
    return setting_of(file, "based_on")


def carried_from(file: Path) -> str | None:
    """The version whose data this one holds when it is that version made current again by a rollback, copied
    with the 预警 ledger of the version left (alerts.carry); None otherwise."""
    return setting_of(file, "carried_from")


def setting_of(file: Path, key: str) -> str | None:
    try:
        con = duckdb.connect(str(file), read_only=True, config={"memory_limit": reader_memory()})
    except duckdb.Error:
        return None
    try:
        found = con.execute("select value from app_setting where key = ?", [key]).fetchall()
    except duckdb.Error:
        found = []
    finally:
        con.close()
    return found[0][0] if found else None


def data_version(path: Path) -> str:
    """The version whose data is current: the current one, or the one a rollback reached when the current
    version is its copy holding the 预警 ledger."""
    return carried_from(Path(os.path.realpath(path))) or current_version(path)


def record_rollback(path: Path, version: str) -> None:
    with open(versions_dir(path) / ROLLBACKS, "a", encoding="utf-8") as f:
        f.write(version + "\n")


def kept(path: Path, keep: int = KEEP_VERSIONS) -> dict[str, str]:
    """The versions pruning keeps, newest first, each with why (Chinese): the current one; the one the latest
    import was made on (what `rollback` returns to); every earlier one the current data descends from that a
    rollback once made current (the clean data a clerk went back to); and the newest `keep`."""
    files = sorted(versions_dir(path).glob("*.duckdb"), reverse=True)
    current = Path(os.path.realpath(path)).stem if path.exists() else None
    why: dict[str, list[str]] = {f.stem: [] for f in files}
    if current in why:
        why[current].append("当前版本")
        parent = based_on(versions_dir(path) / f"{current}.duckdb")
        if parent in why:
            why[parent].append("最近一次导入之前的版本（tradestats rollback 回到这里）")
        rolled = versions_dir(path) / ROLLBACKS
        reached = set(rolled.read_text(encoding="utf-8").split()) if rolled.exists() else set()
        seen = {current}
        origin = carried_from(versions_dir(path) / f"{current}.duckdb")
        if origin in why and origin in reached:
            why[origin].append("回退到过的版本，当前版本是它加上预警记录的副本")
        while parent in why and parent not in seen:  # up the chain of imports the current data came from
            seen.add(parent)
            origin = carried_from(versions_dir(path) / f"{parent}.duckdb")
            for version in (parent, origin):
                if version in why and version in reached and "回退到过的版本" not in "".join(why[version]):
                    why[version].append("回退到过的版本，当前数据由它导入而来")
            parent = based_on(versions_dir(path) / f"{parent}.duckdb")
    for f in files[:keep]:
        why[f.stem].append(f"最近 {keep} 个版本之一")
    return {v: "；".join(w) for v, w in why.items() if w}


def prune(path: Path, keep: int = KEEP_VERSIONS) -> None:
    """Delete the versions kept() does not keep."""
    keeping = kept(path, keep)
    for old in versions_dir(path).glob("*.duckdb"):
        if old.stem not in keeping:
            old.unlink(missing_ok=True)


# -- reference data -------------------------------------------------------------------------------

SECTOR_COLUMNS = ("sector_code", "sector_name", "direction", "color", "sort_order")
REGION_COLUMNS = ("region_code", "region_name", "short_name", "level", "parent_code", "sort_order")


def read_settings(data_dir: Path | None = None) -> dict[str, str]:
    try:
        given = config.read_toml("settings.toml", data_dir)[1]
    except ValueError as e:
        raise DataError(str(e)) from e
    # Tables ([[webhook]]: URLs and secrets, read when sending) are not settings the database keeps.
    return {k: str(v) for k, v in given.items() if not isinstance(v, (dict, list))}


def read_reference(data_dir: Path | None, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a reference CSV (UTF-8) of the deployment (config.find), each with its line number under
    '_line'."""
    file = config.find(name, data_dir)
    with open(file, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{file}：缺少列 {'、'.join(missing)}（第1行表头应为 {','.join(columns)}）。")
        rows = []
        for line, row in enumerate(reader, start=2):
            for c in columns:
                row[c] = (row[c] or "").strip()
            row["_line"] = str(line)
            rows.append(row)
    return rows


def check_reference(data_dir: Path | None, sectors: list[dict], regions: list[dict], settings: dict) -> None:
    """Every problem of the reference files at once, as Chinese sentences naming file, row and column."""
    problems = []

    def bad(file: str, row: dict, column: str, text: str) -> None:
        problems.append(f"{config.find(file, data_dir)} 第{row['_line']}行，{column}列：{text}")

    for file, rows, key in (("sectors.csv", sectors, "sector_code"), ("regions.csv", regions, "region_code")):
        seen = set()
        for row in rows:
            if not row[key]:
                bad(file, row, key, "编码为空。")
            elif row[key] in seen:
                bad(file, row, key, f"编码 {row[key]} 重复。")
            seen.add(row[key])
            if not row["sort_order"].lstrip("-").isdigit():
                bad(file, row, "sort_order", f"“{row['sort_order']}”不是整数。")
    for row in sectors:
        if row["direction"] not in metrics.SECTOR_DIRECTIONS:
            bad("sectors.csv", row, "direction", f"“{row['direction']}”应为 {' / '.join(metrics.SECTOR_DIRECTIONS)} 之一。")
    level = {r["region_code"]: r["level"] for r in regions}
    for row in regions:
        if row["level"] not in LEVELS:
            bad("regions.csv", row, "level", f"“{row['level']}”应为 {' / '.join(LEVELS)} 之一。")
        parent = row["parent_code"]
        expected = PARENT_LEVEL.get(row["level"], "city") or ""
        if (level.get(parent, "") if parent else "") != expected:
            want = f"一个 {expected} 级地区的编码" if expected else "空"
            bad("regions.csv", row, "parent_code", f"上级“{parent}”不对：{row['level']} 级地区的上级应为{want}。")
    for key, want in (("home_region", "city"), ("province_region", "province")):
        if level.get(settings.get(key, "")) != want:
            problems.append(f"{config.find('settings.toml', data_dir)}：{key} = “{settings.get(key, '')}” 应为 regions.csv 中"
                            f"一个 {want} 级地区的编码。")
    if problems:
        raise DataError("参考数据有误，数据库未改动：\n" + "\n".join(problems))


def load_reference(con: duckdb.DuckDBPyConnection, sectors: list[dict], regions: list[dict],
                   settings: dict[str, str]) -> None:
    con.executemany("insert into dim_sector values (?, ?, ?, ?, ?)",
                    [[r[c] for c in SECTOR_COLUMNS] for r in sectors])
    parent = {r["region_code"]: r["parent_code"] for r in regions}
    rows = []
    for r in regions:
        code = r["region_code"]
        city = {"province": None, "city": code}.get(r["level"], r["parent_code"])
        province = code if r["level"] == "province" else parent.get(city) if city else None
        rows.append([code, r["region_name"], r["short_name"], r["level"], r["parent_code"] or None,
                     city, province, int(r["sort_order"])])
    con.executemany("insert into dim_region values (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.executemany("insert into app_setting values (?, ?)", sorted(settings.items()))
    con.execute("insert into app_setting values ('dataset', 'empty'), ('built_at', ?), ('schema_version', ?)",
                [datetime.now().isoformat(timespec="seconds"), str(migrations.LATEST)])


def demo_of(data_dir: Path | None, settings: dict[str, str]) -> Path | None:
    """The demo data set's folder (the deployment's demo/, else the shipped one), or None when it is of
    another city than the deployment's (its dataset.toml's home_region)."""
    demo = config.find("demo/dataset.toml", data_dir).parent
    city = tomllib.loads((demo / "dataset.toml").read_text(encoding="utf-8")).get("home_region")
    return demo if city in (None, settings.get("home_region")) else None


def load_demo(con: duckdb.DuckDBPyConnection, demo: Path) -> None:
    con.execute(statement("store/demo_load_cells"), [str(demo / "trade_monthly.csv")])
    projects = demo / "projects.csv"
    if projects.exists():
        con.execute(statement("store/demo_load_projects"), [str(projects)])
        load_demo_failed(con, demo)
    indicators = demo / "indicators.csv"
    if indicators.exists():
        con.execute(statement("store/demo_load_indicators"), [str(indicators)])
    targets = demo / "targets.csv"
    if targets.exists():
        con.execute(statement("store/demo_load_targets"), [str(targets)])
    meta = tomllib.loads((demo / "dataset.toml").read_text(encoding="utf-8"))
    con.execute("update app_setting set value = ? where key = 'dataset'", [meta["name"]])
    con.execute("insert into app_setting values ('dataset_notice', ?)", [meta["notice"]])


def load_demo_failed(con: duckdb.DuckDBPyConnection, demo: Path) -> None:
    """The demo's failed trades (流标/终止) beside its projects, whose optional columns say they are known."""
    failed = demo / "failed_tenders.csv"
    if not failed.exists():
        return
    with open(demo / "projects.csv", encoding="utf-8") as f:
        columns = f.readline().strip().split(",")
    if "winner" in columns:
        con.execute("update fact_project set outcome_known = true")
    con.execute(statement("store/demo_load_failed_tenders"), [str(failed)])
