"""The command line: `evaluator-app SUBCOMMAND …`; with no subcommand, or with a file, the GUI.

Exit codes (also in the README):
  0    done; a check passed
  1    a check failed: `verify` found a change, a broken or untrusted seal; `report` refused to seal a
       file that differs from what was signed; `restore` declined or cancelled
  2    bad input or usage: a file missing, unreadable or malformed, a refused edit; nothing was written
  3    an internal error (a bug): nothing was finished, a crash log was written and its path printed
  130  interrupted (Ctrl+C)
Messages are Chinese and name the file and the place; a traceback is never shown.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
SUBCOMMANDS = ("sheet", "import", "export-json", "summary", "verify", "restore", "report", "export-xlsx",
               "package", "demo", "unlock", "copy", "trust", "cert", "merge", "member-xlsx", "library", "draw",
               "office")


def build_parser() -> argparse.ArgumentParser:
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
    verify = sub.add_parser("verify", help="校验评估文件（完整性与修改记录链）、报告 PDF（签章）或报送包（清单与签章）")
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--fingerprint", action="append", metavar="FINGERPRINT",
                        help="只接受此签章证书指纹（电话确认的指纹；可重复给出）；不给出时接受本机证书和已登记的证书")
    report = sub.add_parser("report", help="生成评估报告 PDF（未全体签字时为草稿；签字完成后为签章的正式报告）")
    report.add_argument("file", metavar="FILE")
    report.add_argument("-o", "--out", required=True, metavar="OUT.pdf")
    report.add_argument("--paper", action="store_true", help="纸质签字：签字栏留空，打印后手签")
    to_xlsx = sub.add_parser("export-xlsx", help="导出评估汇总 Excel（汇总、各成员计分表、满意度样本与统计）")
    to_xlsx.add_argument("file", metavar="FILE")
    to_xlsx.add_argument("out", metavar="OUT.xlsx")
    package = sub.add_parser("package", help="生成报送包 ZIP：签章的报告、Excel、交换 JSON 与 SHA-256 清单")
    package.add_argument("file", metavar="FILE")
    package.add_argument("out", metavar="OUT.zip")
    copy = sub.add_parser("copy", help="把评估文件复制到 OUT（如 U 盘）并校验复制件；不覆盖已有文件，"
                                       "图形界面打开着该文件时也可使用")
    copy.add_argument("file", metavar="FILE")
    copy.add_argument("out", metavar="OUT")
    merge = sub.add_parser("merge", help="把成员交回的数据、成员文件、个人计分表 Excel、同一评估的其他评估文件"
                                         "或交换 JSON 合并进 TARGET（一次事务；冲突保留两个版本，由组长决定）")
    merge.add_argument("target", metavar="TARGET")
    merge.add_argument("files", nargs="+", metavar="FILE")
    merge.add_argument("--json", action="store_true", help="以 JSON 输出新增、未变与冲突的记录")
    member_xlsx = sub.add_parser("member-xlsx", help="导出成员的个人计分表 Excel（给不用本软件的专家填写；"
                                                     "填好后用 merge 并入评估文件）")
    member_xlsx.add_argument("file", metavar="FILE")
    member_xlsx.add_argument("member", metavar="MEMBER_ID")
    member_xlsx.add_argument("out", metavar="OUT.xlsx")
    trust = sub.add_parser("trust", help="已登记（信任）的签章证书：登记、列出、移除")
    trust_sub = trust.add_subparsers(dest="trust_command", metavar="操作", required=True)
    trust_add = trust_sub.add_parser("add", help="登记签章证书（证书文件 .pem/.der，或电话核对过的指纹）")
    trust_add.add_argument("source", metavar="CERT.pem|FINGERPRINT")
    trust_sub.add_parser("list", help="列出本机证书和已登记的证书")
    trust_remove = trust_sub.add_parser("remove", help="移除已登记的证书")
    trust_remove.add_argument("fingerprint", metavar="FINGERPRINT")
    cert = sub.add_parser("cert", help="本机签章证书")
    cert_sub = cert.add_subparsers(dest="cert_command", metavar="操作", required=True)
    cert_export = cert_sub.add_parser("export", help="把本机签章证书导出为 PEM 文件（交省级联席办公室登记）")
    cert_export.add_argument("out", metavar="OUT.pem")
    demo = sub.add_parser("demo", help="在 DIR 中生成已全体签字的示例评估：评估文件、报告 PDF、Excel 与报送包")
    demo.add_argument("dir", metavar="DIR")
    unlock = sub.add_parser("unlock", help="解锁已签字的评估（须组长、须填写理由；全部签字作废，已签版本保留）")
    unlock.add_argument("file", metavar="FILE")
    unlock.add_argument("--leader", required=True, help="组长的成员编号")
    unlock.add_argument("--reason", required=True, help="解锁理由")
    restore = sub.add_parser(
        "restore", help="用最近一次完好的备份恢复损坏的评估文件（先列出恢复后将丢失的修改、签字与锁定）")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接替换（没有终端时必须给出）")
    restore.add_argument("--force", action="store_true", help="文件完好（且未锁定）时也用备份替换")
    from .office import commands_library
    commands_library.add_parsers(sub)
    from .office import commands_register
    commands_register.add_parsers(sub)
    commands_register.add_demo_option(demo)
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
    import os
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        print("没有可用的图形显示，无法打开窗口。请在桌面环境中运行，或使用命令行子命令（evaluator-app --help）。",
              file=sys.stderr)
        return 2
    if file is not None and not Path(file).exists():
        print(f"找不到评估文件：{file}", file=sys.stderr)
        return 2
    import gc
    # Start-up allocates many long-lived objects (Qt types, enums, modules); collecting them while the
    # window is being built only costs time. The window turns collection back on once it is shown.
    gc.disable()
    try:
        from ui.app import run
    except ImportError as err:
        print(f"无法启动图形界面：{err}。命令行用法见 evaluator-app --help", file=sys.stderr)
        return 2
    return run(file)


def write_crash_log() -> Path:
    """The current exception's traceback in a new log file, never one written before: the name carries
    the time to the microsecond and the process id, and the file is created exclusively."""
    import datetime as dt
    import os
    import traceback
    text = f"evaluator-app {__version__}\n{traceback.format_exc()}".encode()
    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"crash-{dt.datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}"
        for attempt in range(100):
            path = folder / (f"{stem}.log" if attempt == 0 else f"{stem}-{attempt}.log")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
            return path
    except OSError:
        pass
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
    if args.command == "copy":
        return _copy(args)
    if args.command in ("trust", "cert"):
        return _trust(args)
    if args.command == "merge":
        return _merge(args)
    if args.command == "member-xlsx":
        return _member_xlsx(args)
    if args.command == "office" or (args.command == "demo" and args.pilots is not None):
        from .office import commands_register
        return commands_register.run_demo(args) if args.command == "demo" else commands_register.run(args)
    if args.command in ("report", "export-xlsx", "package", "demo", "unlock"):
        return _handover(args)
    if args.command in ("library", "draw"):
        from .office import commands_library as library_commands
        return library_commands.run(args)
    raise AssertionError(args.command)


def _handover(args: argparse.Namespace) -> int:
    from .services import handover
    from .storage.store import EvaluationStore

    if args.command == "demo":
        paths = handover.build_demo(args.dir)
        print("已生成示例评估（6 名成员，已全体签字并锁定）：")
        for path in paths.values():
            print(f"  {path}")
        return 0
    # Only `unlock` writes: it takes the file's writer lock. The others only read, so they work while the
    # file is open in the GUI and on a read-only medium.
    read_only = args.command != "unlock"
    with EvaluationStore.open(args.file, actor="cli", backup=False, read_only=read_only) as store:
        if args.command == "report":
            result = handover.write_report(store, args.out, paper_mode=args.paper)
            summary_line = _report_line(store)
            print(f"已生成{'草稿' if result.draft else '正式'}报告：{result.path}")
            print(summary_line)
            if result.sealed:
                from .signing.seal import fingerprint_lines
                print("签章证书指纹（SHA-256）：")
                for line in fingerprint_lines(result.certificate_fingerprint or ""):
                    print(f"  {line}")
        elif args.command == "export-xlsx":
            print(f"已导出：{handover.write_xlsx(store, args.out)}")
        elif args.command == "package":
            print(f"已生成报送包：{handover.write_package(store, args.out)}")
        else:
            from .operations import unlock
            unlock(store, args.leader, args.reason)
            print(f"已解锁 {args.file}：全部签字已作废，已签版本保留在文件中。")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from .services.files import copy_file_verified

    target = copy_file_verified(args.file, args.out)
    print(f"已复制并校验：{target}（数据库完整，修改记录链条完整，与 {args.file} 为同一评估）")
    return 0


def _report_line(store) -> str:
    from .domain.scoring import compute
    from .numbers import fmt
    from .presentation import result_text
    evaluation = store.load()
    summary = compute(evaluation)
    names = "、".join(m.name for m in evaluation.panel)
    return (f"试点：{evaluation.pilot.get('name', '')}（{evaluation.pilot.get('unit', '')}）\n"
            f"评估组：{names}\n总分：{fmt(summary.total)}　结论：{result_text(summary)}")


def _sheet(args: argparse.Namespace) -> int:
    from .jsonfile import write_json_file
    from .numbers import fmt_plain
    from .presentation import sheet_label
    from .sheets.load import load_sheet_file
    from .sheets.xlsx import export_sheet_xlsx

    if args.sheet_command == "validate":
        failed = 0
        for file in args.files:
            try:
                sheet = load_sheet_file(file)
            except UserError as err:
                print(str(err), file=sys.stderr)
                failed += 1
                continue
            print(f"有效：{file}：{sheet_label(sheet)}，{len(sheet.categories)} 类 {len(sheet.items)} 项，"
                  f"满分 {fmt_plain(sheet.max_total)}，合格分 {fmt_plain(sheet.pass_score)}")
        return 2 if failed else 0
    if args.sheet_command == "export-xlsx":
        export_sheet_xlsx(load_sheet_file(args.sheet).document, args.out)
        print(f"已导出：{args.out}")
        return 0
    write_json_file(args.out, load_sheet_file(args.workbook).document)
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
             f"（至少需 {panel['required_standardization_experts']} 名），"
             f"{'符合要求' if panel['valid'] else '不符合要求'}"]
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
    lines.append(f"结论：{doc['result_text']}")
    lines += [f"后续处理：{doc['consequence']['text']}"] if doc.get("consequence") else []
    return "\n".join(lines)


def _merge(args: argparse.Namespace) -> int:
    from . import operations
    from .storage.store import EvaluationStore
    from .sync.labels import describe_value

    with EvaluationStore.open(args.target, actor="merge") as store:  # as the window's 合并…, older returns skipped
        result = operations.merge(store, args.files).result
    report, older = result.report, result.older
    if args.json:
        import json
        print(json.dumps({**report.document(), "older_returns": older}, ensure_ascii=False, indent=2))
        return report.exit_code
    if older:
        print(f"未合并较早的交回（同一成员文件更晚的交回已合并）：{'、'.join(older)}")
    for source in report.sources:
        whose = f"（成员 {source.member}）" if source.member else ""
        print(f"{source.file}{whose}：新增 {len(source.added)} 条，更新 {len(source.changed)} 条，"
              f"删除 {len(source.removed)} 条，未变 {source.unchanged} 条，冲突 {len(source.conflicts)} 处")
        if source.ignored:
            print(f"  未采纳（不属于该成员的记录）：{'、'.join(source.ignored[:10])}"
                  f"{'等' if len(source.ignored) > 10 else ''}")
    if not report.anything_new:
        print(f"没有新的内容：{args.target} 未改变")
    for conflict in report.open_conflicts:
        print(f"冲突：{conflict.title}", file=sys.stderr)
        for version in conflict.versions:
            print(f"  {version['file']}：{describe_value(conflict.kind, version['value'])}", file=sys.stderr)
    if report.open_conflicts:
        print("冲突须由组长在图形界面中（文件 › 合并冲突…）选择一个版本并填写理由；在此之前不形成结论。",
              file=sys.stderr)
    return report.exit_code


def _member_xlsx(args: argparse.Namespace) -> int:
    from .storage.store import EvaluationStore
    from .sync.workbook import export_member_workbook

    with EvaluationStore.open(args.file, actor="member-xlsx", backup=False) as store:
        target = export_member_workbook(store, args.member, args.out)
        if store.read_only:
            print(f"注意：{args.file} 只能读取，未记下导出时的评分；合并填好的工作簿时，与文件中不同的评分将作为冲突，"
                  "由组长决定", file=sys.stderr)
    print(f"已导出成员 {args.member} 的个人计分表：{target}")
    return 0


def _trust(args: argparse.Namespace) -> int:
    from .signing import trust
    from .signing.seal import fingerprint_lines

    if args.command == "cert":
        target = trust.export_certificate(args.out)
        print(f"已导出本机签章证书：{target}")
        for line in fingerprint_lines(trust.own_fingerprint() or ""):
            print(f"  {line}")
        return 0
    if args.trust_command == "add":
        entry = trust.add(args.source)
        print(f"已登记签章证书{('（' + entry.subject + '）') if entry.subject else ''}：")
        for line in fingerprint_lines(entry.fingerprint):
            print(f"  {line}")
        return 0
    if args.trust_command == "remove":
        if not trust.remove(args.fingerprint):
            raise UserError(f"没有登记过指纹为 {args.fingerprint} 的证书")
        print(f"已移除：{trust.formatted(args.fingerprint)}")
        return 0
    own = trust.own_fingerprint()
    print(f"本机证书：{own or '尚未生成（第一次签字或签章时生成）'}")
    entries = trust.registered()
    print(f"已登记的证书：{len(entries)} 个")
    for entry in entries:
        print(f"  {entry.fingerprint}  {entry.subject}  登记于 {entry.added_at}（来源：{entry.source}）")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .errors import CorruptFileError
    from .signing import file_seal, trust
    from .storage.store import EvaluationStore

    kind = _file_kind(Path(args.file))
    if kind == "pdf":
        return _verify_pdf(args)
    if kind == "zip":
        return _verify_package(args)
    accepted = trust.trust(args.fingerprint or [])
    try:
        store = EvaluationStore.open(args.file, backup=False, read_only=True)
    except CorruptFileError as err:
        print(f"校验未通过：{err}", file=sys.stderr)
        return 1
    with store:
        report = store.verify()
        sealed = file_seal.check(store, accepted) if report.ok else None
        locked = store.locked
    problems = report.problems + (sealed.problems + sealed.untrusted if sealed else [])
    if not problems:
        print(f"校验通过：{args.file}（数据库完整，修改记录 {report.entries} 条，链条完整"
              f"{'，已签字锁定，内容与签字时一致' if locked else ''}）")
        for certificate in sealed.certificates if sealed else []:
            print(f"签章证书（{certificate.trusted_as}）：{certificate.subject}，{certificate.statements} 处签章")
            print(f"  {certificate.fingerprint}")
        return 0
    print(f"校验未通过：{args.file}", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _file_kind(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except OSError as err:
        raise UserError(f"无法读取文件 {path}：{err.strerror or err}") from None
    if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        return "pdf"
    if head.startswith(b"PK") or path.suffix.lower() == ".zip":
        return "zip"
    return "evaluation"


def _verify_pdf(args: argparse.Namespace) -> int:
    from .signing.seal import fingerprint_lines, verify_pdf

    report = verify_pdf(args.file, expected_fingerprint=args.fingerprint)
    if not report.ok:
        print(f"校验未通过：{args.file}", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"校验通过：{args.file}（签章完好，覆盖整个文件，签章证书已确认）")
    _print_seals(report.seals, fingerprint_lines)
    return 0


def _print_seals(seals, fingerprint_lines) -> None:
    for number, seal in enumerate(seals, start=1):
        which = "" if len(seals) == 1 else f"第 {number} 个签章："
        print(f"{which}签章人：{seal.signer}（{seal.trusted_as}）")
        print(f"签章时间：{seal.signed_at or '未知'}")
        print("证书指纹（SHA-256）：")
        for line in fingerprint_lines(seal.fingerprint):
            print(f"  {line}")


def _verify_package(args: argparse.Namespace) -> int:
    from .signing.package import verify_package
    from .signing.seal import fingerprint_lines

    pins = args.fingerprint or []
    if len(pins) > 1:
        raise UserError("报送包只有一份签章报告：--fingerprint 只能给出一个")
    report = verify_package(args.file, pins[0] if pins else None)
    if not report.ok:
        print(f"校验未通过：{args.file}", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"校验通过：{args.file}（{len(report.files)} 个文件与签章报告记录的 SHA-256 一致）")
    for name in report.files:
        print(f"  {name}")
    for seal in report.seals.values():
        _print_seals(seal.seals, fingerprint_lines)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from .storage.recovery import RestoreRefused, restore, restore_plan

    plan = restore_plan(Path(args.file))
    if plan.backup is not None:
        for line in plan.describe():
            print(line)
    refusal = plan.refusal(force=args.force)
    if refusal:
        print(f"未恢复：{refusal}", file=sys.stderr)
        return 1
    if plan.backup is None:
        raise UserError("\n".join(plan.describe()))
    if not args.yes:
        if not _interactive():
            print(f"未恢复，{args.file} 没有改动：确认上面列出的内容后，请加 --yes 再运行", file=sys.stderr)
            return 1
        try:
            answer = input("确认用此备份替换？[y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "是"):
            print(f"已取消，{args.file} 没有改动", file=sys.stderr)
            return 1
    try:
        result = restore(plan, force=args.force)
    except RestoreRefused as err:
        print(f"未恢复：{err}", file=sys.stderr)
        return 1
    print(f"已用备份 {result.backup} 恢复 {args.file}")
    if result.kept:
        print("原文件已改名保留在同一文件夹：")
        for kept in result.kept:
            print(f"  {kept}")
    return 0


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["main", "FormatError"]
