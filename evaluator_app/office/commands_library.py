"""Command line of the 专家库 and the random draw: `library import|list` and `draw`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError

if TYPE_CHECKING:
    from .draw import DrawResult

COMMANDS = ("library", "draw")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    library = sub.add_parser("library", help="专家库：从 Excel 或 CSV 导入（新建或更新）、列出")
    library_sub = library.add_subparsers(dest="library_command", metavar="操作", required=True)
    imp = library_sub.add_parser("import", help="导入专家名单（.xlsx 或 UTF-8 .csv）；专家库不存在时新建，"
                                                "同一专家（姓名、单位、电话相同）再次导入时更新，每处修改都有记录")
    imp.add_argument("library", metavar="LIBRARY.sqlite")
    imp.add_argument("source", metavar="IN.xlsx|IN.csv")
    listing = library_sub.add_parser("list", help="列出专家库中的专家及是否符合第二十八条")
    listing.add_argument("library", metavar="LIBRARY.sqlite")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")

    draw = sub.add_parser("draw", help="从专家库随机抽取评估组（可复现：同一专家库、试点与种子必得同一结果）")
    draw.add_argument("library", metavar="LIBRARY.sqlite")
    draw.add_argument("--pilot", required=True, metavar="DOC.json", help="评估交换 JSON（取试点单位、保证单位）")
    draw.add_argument("--size", required=True, type=int, metavar="N", help="评估组人数（5 至 7）")
    draw.add_argument("--seed", required=True, metavar="TEXT", help="抽取种子（事先公布或当场确定的文字）")
    draw.add_argument("--standardization", type=int, metavar="K",
                      help="标准化专家席位数（默认并至少为人数的三分之一，向上取整）")
    draw.add_argument("--reserve", type=int, default=0, metavar="R", help="备选人数（回避时依次递补）")
    draw.add_argument("--exclude-org", action="append", default=[], metavar="ORG",
                      help="另行回避的单位（可重复给出）")
    draw.add_argument("--allow-unqualified", action="store_true",
                      help="允许不完全符合第二十八条（本科以上、高级职称、5 年以上）的专家参加抽取")
    draw.add_argument("--json", action="store_true", help="以 JSON 输出抽取结果")
    draw.add_argument("-o", "--out", metavar="OUT.json",
                      help="写出替换了评估组的评估交换 JSON，并在旁边写出签章的抽取记录 PDF（OUT 改为 .pdf）")
    draw.add_argument("--by", default="", metavar="NAME", help="抽取人（写出抽取记录时必须给出）")
    draw.add_argument("--witness", action="append", default=[], metavar="NAME", help="见证人（可重复给出）")


def run(args: argparse.Namespace) -> int:
    if args.command == "library":
        return _import(args) if args.library_command == "import" else _list(args)
    return _draw(args)


def _import(args: argparse.Namespace) -> int:
    from .library import import_file

    report = import_file(args.library, args.source)
    verb = "已创建专家库" if report.created else "已更新专家库"
    print(f"{verb} {args.library}：读取 {report.rows} 名专家，新增 {len(report.added)} 名，"
          f"更新 {len(report.updated)} 名，暂停 {len(report.suspended)} 名，恢复 {len(report.reinstated)} 名，"
          f"未变 {report.unchanged} 名")
    for label, names in (("更新", report.updated), ("暂停", report.suspended), ("恢复", report.reinstated)):
        if names:
            print(f"  {label}：{'、'.join(names)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from .library import listing, open_library

    with open_library(args.library) as lib:
        document = listing(lib)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 1 if document["problems"] else 0
    experts = document["experts"]
    in_library = sum(1 for e in experts if e["status"] == "在库")
    qualified = sum(1 for e in experts if e["status"] == "在库" and e["qualified"])
    print(f"专家库 {args.library}：{len(experts)} 名专家，在库 {in_library} 名，其中符合第二十八条 {qualified} 名；"
          f"修改记录 {document['log_entries']} 条")
    for n, e in enumerate(experts, start=1):
        senior = "高级职称" if e["senior_title"] else "无高级职称"
        line = (f"{n:>4}. {e['name']}　{e['category']}　{e['org']}　{e['region']}　{e['title']}　{e['education']}　"
                f"{senior}　{e['years']} 年　{e['phone']}　{e['status']}")
        print(line + (f"　不符合：{'；'.join(e['shortfalls'])}" if e["shortfalls"] else ""))
    for problem in document["problems"]:
        print(f"校验未通过：{problem}")
    return 1 if document["problems"] else 0


def _draw(args: argparse.Namespace) -> int:
    from ..exchange.document import parse_evaluation
    from ..jsonfile import read_json_file
    from .draw import DrawRequest, PilotInfo, draw, draw_document
    from .library import open_library

    if args.out and not args.by.strip():
        raise UserError("写出抽取记录（-o）时须用 --by 写明抽取人")
    document = read_json_file(args.pilot)
    evaluation = parse_evaluation(document, args.pilot)
    with open_library(args.library) as lib:
        problems = lib.check()
        if problems:
            raise UserError(f"专家库 {args.library} 校验未通过，不能抽取：\n" + "\n".join(f"  - {p}" for p in problems))
        experts = lib.experts()
    request = DrawRequest(size=args.size, seed=args.seed, standardization=args.standardization,
                          reserve=args.reserve, exclude_orgs=tuple(o for o in args.exclude_org if o.strip()),
                          allow_unqualified=args.allow_unqualified)
    result = draw(experts, PilotInfo.of(evaluation), request)
    witnesses = tuple(w.strip() for w in args.witness if w.strip())
    record = draw_document(result, args.by.strip(), witnesses)
    if args.out:
        written = write_outputs(args.out, document, result, record)
        if not args.json:
            print(f"已写出评估交换 JSON：{written[0]}")
            print(f"已写出签章的抽取记录：{written[1]}")
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    pool = record["pool"]
    print(f"种子：{record['seed']}")
    print(f"符合条件 {pool['size']} 名（" + "，".join(f"{c} {n}" for c, n in pool["by_category"].items())
          + f"），排除 {len(record['exclusions'])} 名；抽取池摘要 {pool['digest']}")
    print(f"评估组（{record['size']} 人，标准化专家席位 {record['standardization_seats']} 个）：")
    for member in record["panel"]:
        print(f"  {member['id']} {member['name']}　{member['category']}　{member['org']}　{member['role']}")
    if record["reserves"]:
        print("备选：")
        for member in record["reserves"]:
            print(f"  {member['reserve']}. {member['name']}　{member['category']}　{member['org']}")
    for warning in record["warnings"]:
        print(f"提示：{warning}")
    return 0


def write_outputs(out: str | os.PathLike[str], document: dict, result: DrawResult, record: dict) -> tuple[Path, Path]:
    """The evaluation with the drawn panel (OUT) and the sealed 抽取记录 (OUT with .pdf), both or neither; an
    existing file is never replaced."""
    from ..exchange.document import parse_evaluation
    from ..fileio import describe_os_error, temp_folder
    from ..jsonfile import dumps
    from ..reports.draw_record import TITLE, draw_record_pdf_bytes
    from ..services.files import _link_into_place
    from ..signing.seal import seal_pdf
    from .draw import evaluation_with_panel

    target = Path(out)
    pdf = target.with_suffix(".pdf")
    if target.suffix.lower() == ".pdf":
        raise UserError(f"-o 应为评估交换 JSON 文件（如 draw.json），抽取记录 PDF 写在它旁边；实际为 {target}")
    for path in (target, pdf):
        if path.exists():
            raise UserError(f"目标文件已存在：{path}；为避免覆盖抽取结果，请换一个文件名")
    if not target.parent.is_dir():
        raise UserError(f"找不到文件夹：{target.parent}")
    evaluation_doc = evaluation_with_panel(document, result)
    text = dumps(evaluation_doc)
    parse_evaluation(json.loads(text, parse_float=Decimal), str(target))
    drawn_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    record_bytes = json.dumps({**record, "drawn_at": drawn_at}, ensure_ascii=False, indent=2).encode("utf-8")
    pdf_bytes = draw_record_pdf_bytes(record, drawn_at)
    with temp_folder(target) as folder:
        try:
            (folder / "record.pdf").write_bytes(pdf_bytes)
            (folder / "evaluation.json").write_bytes(text.encode("utf-8"))
        except OSError as err:
            raise UserError(describe_os_error(err, target)) from None
        seal_pdf(folder / "record.pdf", folder / "sealed.pdf", reason=TITLE, attachments={"draw.json": record_bytes})
        _link_into_place(folder / "evaluation.json", target)
        try:
            _link_into_place(folder / "sealed.pdf", pdf)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return target, pdf
