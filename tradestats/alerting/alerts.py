"""The 预警 ledger (table alert): a month's evaluation by the rules of alert_rules stored in the database —
after every import and build inside the new version, on demand (tradestats alerts) — and what people do with
the alerts (acknowledge, close), each a new version as imports are. The ledger outlives a rollback: the
version rolled back to gets the ledger of the version left, and alerts whose import is gone say so."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from tradestats.alerting import alert_rules
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.store import db, queries
from tradestats.store.statements import statement

STATUSES = {"open": "未处理", "acknowledged": "已确认", "closed": "已关闭"}
SYSTEM = db.SYSTEM  # who closes an alert whose condition is gone or whose import was rolled back
GONE = "重新评估时条件已不再成立。"
JSON_KEYS = ("id", "level", "rule", "region_code", "sector_code", "message", "status")


@dataclass
class Outcome:
    """What an evaluation of a month changed in the ledger."""
    month: Period  # the month evaluated (kind "month")
    raised: list[dict] = field(default_factory=list)  # the new alerts, as stored
    updated: int = 0
    closed: int = 0
    rolled_back: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.raised or self.updated or self.closed or self.rolled_back)

    def describe(self) -> str:
        return (f"{self.month.year}年{self.month.month}月预警：新增 {len(self.raised)} 条，更新 {self.updated} 条，"
                f"条件不再成立而关闭 {self.closed} 条，因数据回退而关闭 {self.rolled_back} 条。")


def runner(con: duckdb.DuckDBPyConnection):
    return functools.partial(queries.run, con)


def latest_month(con: duckdb.DuckDBPyConnection) -> Period | None:
    """The home city's latest month with data (a Period of kind "month")."""
    q = runner(con)
    home = dict(q("app_settings").itertuples(index=False))["home_region"]
    months = q("months_with_data", region=home)
    return Period(int(months.year[0]), int(months.last_month[0]), "month") if len(months) else None


def evaluate(con: duckdb.DuckDBPyConnection, month: Period, rules: dict | None = None,
             import_id: int = 0, import_at: dt.datetime | None = None, now: dt.datetime | None = None,
             write: bool = True) -> Outcome:
    """Evaluate the month (a Period of kind "month": only its year and month are read) on con's data and bring the ledger up to date, in a transaction of its own (nothing
    is written when write is False: the outcome says what would change). An alert whose import is no longer in
    the import log (rolled back) is closed saying so; a condition found again updates its alert, unless a person
    closed it; one no longer found is closed; what is left is raised as new."""
    now = now or dt.datetime.now()
    q = runner(con)
    found = alert_rules.find(q, summary.context(q), month, rules or alert_rules.load())
    ledger = con.cursor().execute("select * from alert order by alert_id").df()
    imports = {(int(i), pd.Timestamp(t)) for i, t in con.cursor().execute(
        "select import_id, imported_at from import_log").fetchall()}
    outcome = Outcome(month)
    changes: dict[int, dict] = {}  # alert_id → columns to set
    rows = {int(r["alert_id"]): r for r in ledger.to_dict("records")}
    for alert_id, row in rows.items():
        if row["import_id"] <= 0:
            continue
        present = (int(row["import_id"]), pd.Timestamp(row["import_at"])) in imports
        if not present and not row["rolled_back"]:
            change = {"rolled_back": True}
            if row["status"] != "closed":
                change |= {"status": "closed", "closed_at": now, "closed_by": SYSTEM, "close_reason": (
                    f"引发此预警的第{row['import_id']}次导入（{pd.Timestamp(row['import_at']):%Y-%m-%d %H:%M}）"
                    "已被回退，其数据不在当前版本中。")}
            outcome.rolled_back += 1
        elif present and row["rolled_back"]:  # a version after the import made current again
            change = {"rolled_back": False}
            if row["closed_by"] == SYSTEM and str(row["close_reason"]).startswith("引发此预警"):
                change |= {"status": "open" if pd.isna(row["acknowledged_at"]) else "acknowledged",
                           "closed_at": None, "closed_by": None, "close_reason": None}
        else:
            continue
        changes[alert_id] = change
        row.update(change)
    latest = {r["alert_key"]: r for r in rows.values() if r["year"] == month.year and r["month"] == month.month}
    next_id = max(rows, default=0) + 1
    inserts = []
    for f in found:
        row = latest.get(f.key)
        if row is not None and row["status"] != "closed":
            if (row["level"], row["message"], row["figures"], row["link"]) != (f.level, f.message, f.figures_json, f.link):
                changes.setdefault(row["alert_id"], {}).update(
                    {"level": f.level, "message": f.message, "figures": f.figures_json, "link": f.link})
                outcome.updated += 1
            continue
        if row is not None and row["closed_by"] != SYSTEM:
            continue  # closed by a person: not raised again
        new = {"alert_id": next_id, "alert_key": f.key, "rule": f.rule, "level": f.level, "year": month.year,
               "month": month.month, "region_code": f.region_code, "sector_code": f.sector_code, "measure": f.measure,
               "message": f.message, "figures": f.figures_json, "link": f.link, "status": "open",
               "raised_at": now, "import_id": import_id, "import_at": import_at}
        inserts.append(new)
        outcome.raised.append(new)
        next_id += 1
    keys = {f.key for f in found}
    for row in latest.values():
        if row["status"] != "closed" and row["alert_key"] not in keys:
            changes.setdefault(row["alert_id"], {}).update(
                {"status": "closed", "closed_at": now, "closed_by": SYSTEM, "close_reason": GONE})
            outcome.closed += 1
    if write and (changes or inserts):
        con.begin()
        for alert_id, change in changes.items():
            con.execute(f"update alert set {', '.join(f'{c} = ?' for c in change)} where alert_id = ?",
                        [*change.values(), alert_id])
        for new in inserts:
            con.execute(f"insert into alert ({', '.join(new)}) values ({', '.join('?' * len(new))})", list(new.values()))
        con.commit()
    return outcome


def warn(text: str) -> None:
    print(f"预警：{text}", file=sys.stderr, flush=True)


def after_import(con: duckdb.DuckDBPyConnection) -> Outcome | None:
    """In the import's new version, after its data is committed: evaluate the latest month it touched (or, for
    a file without months — targets, regions — the latest month with data), raised by that import. Never
    fails the import: a failure is reported and leaves the ledger as it was."""
    try:
        import_id, imported_at, months = con.execute(
            "select import_id, imported_at, months from import_log order by import_id desc limit 1").fetchone()
        touched = sorted(tuple(int(x) for x in m.strip().split("-")) for m in months.split(",") if m.strip())
        month = Period(*touched[-1], "month") if touched else latest_month(con)
        if month is None:
            return None
        return evaluate(con, month, import_id=import_id, import_at=imported_at)
    except Exception as e:  # noqa: BLE001 — an alert evaluation must never make an import fail
        _abandon(con)
        warn(f"导入已完成，但评估预警时出错（预警未更新）：{e}")
        return None


def after_build(con: duckdb.DuckDBPyConnection, data_dir: Path | None) -> None:
    """A build's version gets the evaluation of its latest month (the demo's alerts); never fails the build."""
    try:
        found = latest_month(con)
        if found:
            evaluate(con, found, rules=alert_rules.load(data_dir))
    except Exception as e:  # noqa: BLE001
        _abandon(con)
        warn(f"数据库已构建，但评估预警时出错（没有预警）：{e}")


def _abandon(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        pass  # no transaction was open


def on_demand(path: Path, month: Period, rules: dict | None = None) -> Outcome:
    """tradestats alerts: evaluate the month (kind "month"); a new version only when the ledger changes."""
    con = db.connect(path)
    try:
        outcome = evaluate(con, month, rules, write=False)
    finally:
        con.close()
    if not outcome.changed:
        return outcome
    done: list[Outcome] = []
    with db.writing(path):
        db.write_version(path, lambda c: done.append(evaluate(c, month, rules)),
                         copy_of=Path(os.path.realpath(path)))
    return done[0]


def month_of(path: Path, year: int | None, month: int | None) -> Period:
    """The month an evaluation is of (a Period of kind "month"): as given, else the latest with data (of the year
    given). The command line's --year and --month in."""
    con = db.connect(path)
    try:
        q = runner(con)
        home = dict(q("app_settings").itertuples(index=False))["home_region"]
        months = q("last_month_by_year", region=home)  # a center may keep only 累计/季度 tables: their last month
    finally:
        con.close()
    last = dict(zip(months.year.astype(int), months.last_month.astype(int)))
    if year is None:
        if not last:
            raise ValueError("数据库中还没有交易数据，没有可评估的月份。")
        year = max(last)
    month = month or last.get(year, 12)
    if not 1 <= month <= 12:
        raise ValueError(f"月份应在1到12之间，而不是 {month}。")
    return Period(year, month, "month")


def listing(path: Path, month: Period | None = None, status: str | None = None) -> pd.DataFrame:
    """The ledger's alerts (of the month, a Period of kind "month", when given; of the status, when given)."""
    con = db.connect(path)
    try:
        return runner(con)("alerts_by_status", year=month.year if month else None, month=month.month if month else None,
                           status=status)
    finally:
        con.close()


def of_latest_import(path: Path) -> pd.DataFrame:
    """The alerts the latest import raised (for what 数据管理 and `tradestats import` say after it)."""
    con = db.connect(path)
    try:
        return con.execute(statement("alerting/raised_by_latest_import")).df()
    finally:
        con.close()


def raised_line(rows: pd.DataFrame) -> str:
    """本次导入新增预警 8 条（红色 1 条，黄色 7 条）, or nothing."""
    reds = int((rows.level == "red").sum())
    return f"本次导入新增预警 {len(rows)} 条（红色 {reds} 条，黄色 {len(rows) - reds} 条）" if len(rows) else ""


def _change(path: Path, alert_id: int, verb: str, allowed: tuple[str, ...], sql: str, params: list) -> Path:
    """A person's change of one alert, as a new version (the app reads only)."""
    def fill(con: duckdb.DuckDBPyConnection) -> None:
        found = con.execute("select status from alert where alert_id = ?", [alert_id]).fetchall()
        if not found:
            raise ValueError(f"没有编号为 {alert_id} 的预警。")
        if found[0][0] not in allowed:
            raise ValueError(f"预警 {alert_id} {STATUSES[found[0][0]]}，不能{verb}。")
        con.execute(sql, [*params, alert_id])

    with db.writing(path):
        return db.write_version(path, fill, copy_of=Path(os.path.realpath(path)))


def acknowledge(path: Path, alert_id: int, by: str, note: str = "", now: dt.datetime | None = None) -> Path:
    """已确认: someone has looked at it (who, when, a note); it stays in the list until closed."""
    by = _who(by)
    return _change(path, alert_id, "确认", ("open",), statement("alerting/acknowledge"),
                   [by, now or dt.datetime.now(), note.strip()])


def close(path: Path, alert_id: int, by: str, note: str = "", now: dt.datetime | None = None) -> Path:
    """已关闭 by a person: dealt with; the same condition found again is not raised again."""
    by = _who(by)
    return _change(path, alert_id, "关闭", ("open", "acknowledged"), statement("alerting/close"),
                   [by, now or dt.datetime.now(), note.strip() or "已处理"])


def _who(by: str) -> str:
    if not by or not by.strip():
        raise ValueError("请填写经办人姓名。")
    if by.strip() == SYSTEM:
        raise ValueError(f"经办人不能是“{SYSTEM}”（系统自动关闭时使用）。")
    return by.strip()


def carry(path: Path, left: Path) -> Path | None:
    """After a rollback made a version current (called holding the lock): give it the ledger of the version
    left — acknowledgements and alerts raised since stay — as a new version, then evaluate its latest month,
    which closes the alerts whose import was rolled back, saying so. None when the two ledgers agree (nothing
    to carry); a failure is reported and leaves the rollback as it is."""
    try:
        newer, current = _ledger(left), Path(os.path.realpath(path))
        older = _ledger(current)
        if newer is None or older is None or newer.equals(older):
            return None  # nothing to carry, or a version of a release before 预警 (upgraded when opened)

        origin = db.carried_from(current) or current.stem  # the version whose data this is

        def fill(con: duckdb.DuckDBPyConnection) -> None:
            con.begin()
            con.execute("insert or replace into app_setting values ('carried_from', ?)", [origin])
            con.register("carried", newer)
            con.execute("delete from alert")
            con.execute("insert into alert by name select * from carried")
            con.unregister("carried")
            con.commit()
            found = latest_month(con)
            if found:
                evaluate(con, found)

        target = db.write_version(path, fill, copy_of=current)
        db.record_rollback(path, target.stem)
        return target
    except Exception as e:  # noqa: BLE001 — the rollback itself is done
        warn(f"已回退，但没能把回退前的预警记录带到当前版本：{e}")
        return None


def _ledger(file: Path) -> pd.DataFrame | None:
    con = duckdb.connect(str(file), read_only=True)
    try:
        return con.execute("select * from alert order by alert_id").df()
    except duckdb.CatalogException:
        return None  # a version of a release before 预警
    finally:
        con.close()


def as_json(rows: pd.DataFrame) -> list[dict]:
    """`tradestats alerts --json`: the keys of JSON_KEYS first, then the rest of what is stored."""
    def value(v):
        if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.isoformat(sep=" ", timespec="seconds")
        return v.item() if hasattr(v, "item") else v

    out = []
    for r in rows.to_dict("records"):
        item = {"id": int(r["alert_id"]), "level": r["level"], "rule": r["rule"], "region_code": r["region_code"],
                "sector_code": value(r["sector_code"]), "message": r["message"], "status": r["status"],
                "level_name": alert_rules.LEVELS[r["level"]], "rule_name": alert_rules.NAMES[r["rule"]],
                "status_name": STATUSES[r["status"]], "year": int(r["year"]), "month": int(r["month"]),
                "measure": value(r["measure"]), "figures": json.loads(r["figures"]), "link": r["link"]}
        for key in ("raised_at", "import_id", "acknowledged_by", "acknowledged_at", "note", "closed_at", "closed_by",
                    "close_reason", "rolled_back"):
            item[key] = value(r[key])
        out.append(item)
    return out
