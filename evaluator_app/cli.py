"""The command line: `evaluator-app SUBCOMMAND …`; with no subcommand, or with a file, the GUI.

Exit codes: 0 ok, 1 verification failed, 2 bad input or usage. Messages are Chinese and name
the file and the place; a bug is written to a crash log, never shown as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__
from .errors import FormatError, UserError
from .paths import data_dir

if TYPE_CHECKING:
    import argparse

_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的子命令 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}
SUBCOMMANDS = ("sheet", "import", "export-json", "summary", "verify", "restore")


def build_parser() -> "argparse.ArgumentParser":
    import argparse  # only for the command line: the GUI starts without it
    argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="evaluator-app",
        description="社会管理和公共服务综合标准化试点现场考核评估工具。不带子命令（或只给出评估文件）时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"evaluator-app {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令")

    sheet = sub.add_parser("sheet", help="计分表：校验、导出为 Excel、从 Excel 导入")
    sheet_sub = sheet.add_subparsers(dest="sheet_command", metavar="操作", required=True)
    validate = sheet_sub.add_parser("validate", help="校验计分表文件（JSON 或 Excel），列出全部问题")
    validate.add_argument("files", nargs="+", metavar="FILE")
    to_xlsx = sheet_sub.add_parser("export-xlsx", help="把 JSON 计分表导出为 Excel 工作簿")
    to_xlsx.add_argument("sheet", metavar="SHEET.json")
    to_xlsx.add_argument("out", metavar="OUT.xlsx")
    from_xlsx = sheet_sub.add_parser("import-xlsx", help="把 Excel 工作簿转换为 JSON 计分表（先校验）")
    from_xlsx.add_argument("workbook", metavar="IN.xlsx")
    from_xlsx.add_argument("out", metavar="OUT.json")

    imp = sub.add_parser("import", help="把评估交换 JSON 导入为新的评估文件（不覆盖已有文件）")
    imp.add_argument("source", metavar="IN.json")
    imp.add_argument("target", metavar="OUT_FILE")
    exp = sub.add_parser("export-json", help="把评估文件导出为评估交换 JSON")
    exp.add_argument("file", metavar="FILE")
    exp.add_argument("out", metavar="OUT.json")
    summary = sub.add_parser("summary", help="汇总得分、满意度与结论（评估文件或交换 JSON）")
    summary.add_argument("file", metavar="FILE")
    summary.add_argument("--json", action="store_true", help="以 JSON 输出")
    verify = sub.add_parser("verify", help="检查评估文件的完整性与修改记录链")
    verify.add_argument("file", metavar="FILE")
    restore = sub.add_parser("restore", help="用最近一次完好的备份恢复损坏的评估文件")
    restore.add_argument("file", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (len(args_list) == 1 and args_list[0] not in SUBCOMMANDS
                         and not args_list[0].startswith("-")):
        return _run_gui(args_list[0] if args_list else None)
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _dispatch(args)
    except UserError as err:
        print(str(err), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a program that stopped reading
        sys.stderr.close()
        return 0
    except Exception:  # a bug: log it, tell the user where, never show the traceback
        log = write_crash_log()
        print(f"程序内部错误，操作未完成。详细信息已写入 {log}，请将该文件发给技术支持。", file=sys.stderr)
        return 3


def _run_gui(file: str | None) -> int:
    try:
        from ui.app import run
    except ImportError as err:
        print(f"无法启动图形界面：{err}。命令行用法见 evaluator-app --help", file=sys.stderr)
        return 2
    return run(file)


def write_crash_log() -> Path:
    import datetime as dt
    import traceback
    text = traceback.format_exc()
    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(f"evaluator-app {__version__}\n{text}", encoding="utf-8")
        return path
    except OSError:
        return Path("（无法写入日志）")


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "sheet":
        return _sheet(args)
    if args.command == "import":
        return _import(args)
    if args.command == "export-json":
        from .services.files import export_json
        export_json(args.file, args.out)
        print(f"已导出：{args.out}")
        return 0
    if args.command == "summary":
        return _summary(args)
    if args.command == "verify":
        return _verify(args)
    if args.command == "restore":
        return _restore(args)
    raise AssertionError(args.command)


def _sheet(args: argparse.Namespace) -> int:
    from .sheets.schema import load_sheet, sheet_from_document
    from .sheets.xlsx import export_sheet_xlsx, import_sheet_xlsx
    from .jsonfile import write_json_file

    if args.sheet_command == "validate":
        failed = 0
        for file in args.files:
            try:
                if file.lower().endswith(".xlsx"):
                    sheet = sheet_from_document(import_sheet_xlsx(file), file)
                else:
                    sheet = load_sheet(file)
            except UserError as err:
                print(str(err), file=sys.stderr)
                failed += 1
                continue
            items = len(sheet.items)
            mark = "，暂定" if sheet.provisional else ""
            print(f"有效：{file}：{sheet.name}（{len(sheet.categories)} 类 {items} 项，满分 "
                  f"{sheet.max_total}，合格分 {sheet.pass_score}{mark}）")
        return 2 if failed else 0
    if args.sheet_command == "export-xlsx":
        sheet = load_sheet(args.sheet)
        export_sheet_xlsx(sheet.document, args.out)
        print(f"已导出：{args.out}")
        return 0
    document = import_sheet_xlsx(args.workbook)
    sheet_from_document(document, args.workbook)
    write_json_file(args.out, document)
    print(f"已转换：{args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .services.files import import_evaluation, summarize

    target = import_evaluation(args.source, args.target, actor="import")
    summary = summarize(target)
    print(f"已导入：{target}（{summary.panel_size} 名成员）")
    for problem in summary.panel_problems:
        print(f"  待处理：{problem}")
    if summary.missing:
        print(f"  待处理：尚有 {len(summary.missing)} 项评分未录入")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from .exchange.summary_json import summary_document
    from .services.files import summarize, summarize_document

    file = Path(args.file)
    summary = summarize_document(file) if file.suffix.lower() == ".json" else summarize(file)
    document = summary_document(summary)
    if args.json:
        import json
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(format_summary(document))
    return 0


def format_summary(doc: dict) -> str:
    panel = doc["panel"]
    lines = [f"评估类型：{doc['kind']}",
             f"评估组：{panel['size']} 人，标准化专家 {panel['standardization_experts']} 名"
             f"（至少需 {panel['required_standardization_experts']} 名），{'符合要求' if panel['valid'] else '不符合要求'}"]
    lines += [f"  问题：{p}" for p in panel["problems"]]
    lines.append("类别小计：" + "，".join(f"{code} {value}" for code, value in doc["categories"].items()))
    lines.append(f"基础分 {doc['base_score']} + 加分 {doc['bonus']} = 总分 {doc['total']}")
    if doc["vetoes"]:
        lines.append("否决项：" + "、".join(doc["vetoes"]))
    sat = doc["satisfaction"]
    if sat["rate"] is not None:
        lines.append(f"满意度：有效样本 {sat['valid_samples']} 份（无效 {sat['invalid_samples']} 份），满意率 "
                     f"{sat['rate']}，满意度指数 {sat['index']}，换算得分 {sat['derived_score']}")
    lines += [f"提示：{w}" for w in doc["warnings"]]
    if doc["missing"]:
        lines.append(f"尚未评分：{len(doc['missing'])} 项")
    lines.append(f"结论：{doc['result'] or '尚不能形成（评分未完成或评估组不符合要求）'}")
    return "\n".join(lines)


def _verify(args: argparse.Namespace) -> int:
    from .errors import CorruptFileError
    from .storage.store import EvaluationStore

    try:
        store = EvaluationStore.open(args.file, backup=False)
    except CorruptFileError as err:
        print(f"校验未通过：{err}", file=sys.stderr)
        return 1
    with store:
        report = store.verify()
    if report.ok:
        print(f"校验通过：{args.file}（数据库完整，修改记录 {report.entries} 条，链条完整）")
        return 0
    print(f"校验未通过：{args.file}", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _restore(args: argparse.Namespace) -> int:
    from .storage.recovery import restore_latest

    used = restore_latest(Path(args.file))
    print(f"已用备份 {used} 恢复 {args.file}；原文件已改名保留。")
    return 0


__all__ = ["main", "FormatError"]
