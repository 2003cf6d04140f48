"""The `tradestats` command: everything that is not a browser."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from pathlib import Path

from tradestats import config, db, metrics, narrative, press_kit, queries, render
from tradestats.periods import KINDS, Period
from tradestats.summary import summarize
from tradestats.tables import yoy_column


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradestats", description="公共资源交易统计看板的命令行。")
    parser.add_argument("--db", type=Path, help=f"数据库路径（默认 ${config.DB_ENV} 或 data/tradestats.duckdb）")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="从 data/ 构建数据库（可重复运行）")
    init.add_argument("--empty", action="store_true", help="只载入参考表（板块、地区、设置），不载入示例数据")
    init.set_defaults(run=cmd_init)

    summary = sub.add_parser("summary", help="打印某一期间的主要指标")
    period_arguments(summary)
    summary.add_argument("--json", action="store_true", help="输出 JSON")
    summary.set_defaults(run=cmd_summary)

    export = sub.add_parser("export", help="导出新闻素材包（图表 PNG/SVG/PDF、数据表、新闻稿、简报）")
    period_arguments(export)
    export.add_argument("--out", type=Path, required=True, help="素材包 zip 写入的目录")
    export.set_defaults(run=cmd_export)

    report = sub.add_parser("report", help="打印新闻稿段落，或写出 Word 简报")
    period_arguments(report)
    report.add_argument("--format", choices=["text", "docx"], default="text")
    report.add_argument("--out", type=Path, help="docx 的文件或目录（默认当前目录）")
    report.set_defaults(run=cmd_report)

    args = parser.parse_args(argv)
    path = args.db or config.db_path()
    try:
        return args.run(args, path)
    except (db.DataError, FileNotFoundError, ValueError, render.RenderError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    finally:
        render.close()


def period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--month", type=int, default=12, help="截至月份（默认12）")
    parser.add_argument("--period", choices=list(KINDS), default="ytd",
                        help="ytd：1–M月累计（默认）；month：M月当月；quarter：M月所在季度")
    parser.add_argument("--region", help="地区编码（默认全市）")


def reading(path: Path):
    """A query runner on the current database, for one command."""
    return functools.partial(queries.run, db.connect(path))


def cmd_init(args, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    target = db.build(path, demo=not args.empty)
    what = "参考表" if args.empty else "参考表和示例数据"
    print(f"已从 {config.DATA_DIR} 构建{what}：{path} -> {target.name}")
    return 0


def cmd_summary(args, path: Path) -> int:
    result = summarize(reading(path), Period(args.year, args.month, args.period), args.region)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary_table(result))
    return 0


def cmd_export(args, path: Path) -> int:
    started = time.monotonic()
    name, data = press_kit.build(reading(path), Period(args.year, args.month, args.period), args.region)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / name).write_bytes(data)
    print(f"已写出 {args.out / name}（{len(data) / 1e6:.1f} MB，用时 {time.monotonic() - started:.1f} 秒）")
    return 0


def cmd_report(args, path: Path) -> int:
    q, period = reading(path), Period(args.year, args.month, args.period)
    if args.format == "text":
        print(narrative.paragraph(q, period, args.region))
        return 0
    name, data = press_kit.report_docx(q, period, args.region)
    out = args.out or Path.cwd()
    target = out / name if out.is_dir() else out
    target.write_bytes(data)
    print(f"已写出 {target}")
    return 0


def summary_table(s: dict) -> str:
    """The summary as a readable Chinese table."""
    lines = [f"{s['region_name']}（{s['region_code']}）{s['period_label']}公共资源交易"]
    if s["projects"] is None:
        lines.append("本期没有数据。")
    rows = [(m.label, m.format(s[m.column]), metrics.change(s[yoy_column(m)])) for m in metrics.HEADLINE]
    rows.append((metrics.KEY_PROJECTS.label, metrics.KEY_PROJECTS.format(s["key_projects"]), ""))
    rows.append((metrics.KEY_AMOUNT.label, metrics.KEY_AMOUNT.format(s["key_amount_wan"]), ""))
    lines += table(("指标", "本期", "同比"), rows)
    if s["rank"] is not None:
        lines.append(f"交易额排名：{s['rank_of']}个同级地区中第{s['rank']}（"
                     f"{metrics.rank_change(s['rank'], s['rank_prev'])}）")
    lines.append("")
    lines += table(("板块", "项目数", "同比", "交易额", "同比", "占比"), [
        (x["name"], metrics.count(x["projects"]), metrics.change(x["projects_yoy_pct"]),
         metrics.money(x["amount_wan"]), metrics.change(x["amount_yoy_pct"]), metrics.pct(x["share_pct"]))
        for x in s["sectors"]
    ])
    return "\n".join(lines)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Columns padded by display width (a Chinese character takes two)."""
    def width(text: str) -> int:
        return sum(2 if ord(c) > 0x2E80 else 1 for c in text)

    cols = list(zip(header, *rows))
    widths = [max(width(c) for c in col) for col in cols]
    return ["  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip()
            for row in (header, *rows)]
