"""Command line of the office register: `office rollup|confirm`, and `demo DIR --pilots N`.

Exit codes: `office rollup` returns 1 when a package did not verify (a seal broken, made with an
unregistered certificate, or missing) — the register and the workbook are written all the same — and 0
otherwise; `office confirm` returns 1 when no package of the evaluation verifies (nothing recorded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from ..errors import UserError

if TYPE_CHECKING:
    from ..services.office_demo import DemoEntry
    from .register import Register

COMMANDS = ("office",)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    office = sub.add_parser("office", help="省级联席办公室：报送包登记汇总、省级确认；"
                                           "不给出操作时打开办公室窗口（office [DIR]）")
    office.set_defaults(office_dir=None)
    office_sub = office.add_subparsers(dest="office_command", metavar="操作|DIR", required=False,
                                       action=_OperationOrFolder)
    roll = office_sub.add_parser("rollup", help="校验文件夹（含子文件夹）中的全部报送包，汇总为登记表"
                                                "（得分、结论、签章、后续期限、省级确认与需要注意的事项）")
    roll.add_argument("dir", metavar="DIR")
    roll.add_argument("--json", action="store_true", help="以 JSON 输出")
    roll.add_argument("-o", "--out", metavar="OUT.xlsx", help="同时导出 Excel 登记表")
    roll.add_argument("--fingerprint", metavar="FINGERPRINT",
                      help="只接受此签章证书指纹；不给出时接受本机证书和已登记的证书")
    roll.add_argument("--max-panels", type=int, default=None, metavar="N",
                      help="一名专家参加评估组的上限，超过时提示（默认 3）")
    roll.add_argument("--today", metavar="YYYY-MM-DD", help="计算期限所用的日期（默认今天）")
    confirm = office_sub.add_parser("confirm", help="记录省级确认（第二十三条）：确认人、日期与文件号，"
                                                    "追加到 DIR 中的省级登记.sqlite（不改动报送包）")
    confirm.add_argument("dir", metavar="DIR")
    confirm.add_argument("evaluation_id", metavar="EVALUATION_ID", help="评估编号（可只给出前几位，至少 6 位）")
    confirm.add_argument("--by", required=True, metavar="NAME", help="确认人（或确认单位）")
    confirm.add_argument("--document", required=True, metavar="NO", help="确认文件号")
    confirm.add_argument("--date", metavar="YYYY-MM-DD", help="确认日期（默认今天）")
    confirm.add_argument("--fingerprint", metavar="FINGERPRINT", help="只接受此签章证书指纹")


class _OperationOrFolder(argparse._SubParsersAction):
    """`office rollup|confirm …`, or `office [DIR]`: a word that names no operation is the folder to open
    in the office window (ui/office)."""

    class _Any(dict):
        def __contains__(self, key: object) -> bool:
            return True

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.choices = self._Any()  # every word passes argparse's check; __call__ tells them apart

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[no-untyped-def]
        if values[0] in self._name_parser_map:
            super().__call__(parser, namespace, values, option_string)
            return
        if len(values) > 1:
            parser.error(f"未知操作：{values[0]}（可用：{'、'.join(self._name_parser_map)}；"
                         "或只给出文件夹以打开办公室窗口）")
        setattr(namespace, self.dest, None)
        namespace.office_dir = values[0]


def add_demo_option(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--pilots", type=int, metavar="N",
                      help="生成 N 个不同试点的已签字评估及报送包（各类评估、合格与不合格、否决项、复查），"
                           "供省级登记汇总培训与测试")


def run(args: argparse.Namespace) -> int:
    if args.office_command is None:
        return _window(args.office_dir)
    if args.office_command == "rollup":
        return _rollup(args)
    return _confirm(args)


def _window(folder: str | None) -> int:
    """The office window (ui/office) on `folder`, or on the folder chosen last time."""
    import os
    import sys
    from pathlib import Path
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        raise UserError("没有可用的图形显示，无法打开办公室窗口；命令行可用 evaluator-app office rollup DIR")
    if folder is not None and not Path(folder).is_dir():
        raise UserError(f"找不到文件夹：{folder}")
    try:
        from ui.office.app import run as run_window
    except ImportError as err:
        raise UserError(f"无法启动图形界面：{err}。命令行可用 evaluator-app office rollup DIR") from None
    return run_window(folder)


def _day(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise UserError(f"{what} “{text}” 格式不对：应为 YYYY-MM-DD")


def _rollup(args: argparse.Namespace) -> int:
    from .register import DEFAULT_MAX_PANELS, rollup

    today = _day(args.today, "--today")
    max_panels = DEFAULT_MAX_PANELS if args.max_panels is None else args.max_panels
    register = rollup(args.dir, today=today, max_panels=max_panels, expected_fingerprint=args.fingerprint)
    if args.out:
        from ..fileio import describe_os_error, library_temp_files_in, temp_folder
        from ..reports.register_xlsx import export_register_xlsx
        try:
            with temp_folder(args.out) as folder, library_temp_files_in(folder):
                export_register_xlsx(register, args.out)
        except OSError as err:
            raise UserError(f"无法写入 Excel 登记表：{describe_os_error(err, args.out)}") from None
    if args.json:
        print(json.dumps(register.document(), ensure_ascii=False, indent=2))
    else:
        _print_register(register)
        if args.out:
            print(f"已导出 Excel 登记表：{args.out}")
    return 0 if register.all_trusted else 1


def _print_register(register: Register) -> None:
    from .register import SealStatus

    print(f"{register.folder}：报送包 {len(register.rows)} 个（汇总日期 {register.today.isoformat()}）")
    for row in register.rows:
        figures = row.figures or {}
        result = figures.get("result_text") or row.data_problem or "—"
        confirmation = row.confirmation.text if row.confirmation else "未确认"
        print(f"{row.number:>3}. {row.pilot or row.package}　{row.kind} {row.evaluation_date}　"
              f"总分 {figures.get('total') or '—'}　{result}　{row.seal_text}　省级确认：{confirmation}")
        if row.seal is not SealStatus.TRUSTED or len({r.fingerprint for r in register.rows}) > 1:
            print(f"     {row.package}　证书指纹 {row.fingerprint or '—'}")
    if register.counts:
        print("按评估类型与结论（签章可信的评估）：")
        for kind, by_result in register.counts.items():
            print(f"  {kind}：" + "，".join(f"{result} {count}" for result, count in by_result.items()))
    flags = [(row, flag) for row, flag in register.flags if flag.code != "expert_panels"]
    over = [expert for expert in register.experts if expert.panels > register.max_panels]
    if flags or over:
        print(f"需要注意（{len(flags) + len(over)} 处）：")
        for row, flag in flags:
            print(f"  第 {row.number} 行 {row.pilot or row.package}：{flag.text}")
        for expert in over:
            print(f"  专家 {expert.name}（{expert.org}）参加了 {expert.panels} 个评估组"
                  f"（上限 {register.max_panels} 个）")


def _confirm(args: argparse.Namespace) -> int:
    from .register import confirm

    done = confirm(args.dir, args.evaluation_id, args.by, args.document, on=args.date,
                   expected_fingerprint=args.fingerprint)
    c = done.confirmation
    print(f"已记录省级确认：{done.row.pilot}（{done.row.kind} {done.row.evaluation_date}，"
          f"{(done.row.figures or {}).get('result_text', '')}）")
    print(f"  评估编号 {c.evaluation_id}；{c.text}；报送包 {c.package}（SHA-256 {c.package_sha256[:16]}…）")
    if done.earlier:
        print(f"  此前已确认 {done.earlier} 次，以最新一条为准（记录只追加，不修改）")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from ..services.office_demo import build_office_demo

    def progress(entry: DemoEntry) -> None:
        print(f"  {entry.index + 1:>3}. {entry.pilot}　{entry.kind}　{entry.result}", flush=True)

    print(f"正在生成 {args.pilots} 个已全体签字的评估及报送包（每个约需 1 至 3 秒）：", flush=True)
    entries = build_office_demo(args.dir, args.pilots, progress=progress)
    if entries:
        print(f"评估文件在 {entries[0].evaluation.parent}，报送包在 {entries[0].package.parent}")
        print(f"汇总：evaluator-app office rollup {args.dir}")
    return 0


__all__ = ["COMMANDS", "add_demo_option", "add_parsers", "run", "run_demo"]

