"""The 抽取记录: the printable record of a random draw of an evaluation panel from the 专家库.

Who drew, when, the witnesses, the seed, the pool (sizes and digest), every exclusion with its reason, the panel
in draw order and the reserves; sealed by the caller (`signing.seal.seal_pdf`) with the draw's JSON embedded.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ..errors import UserError
from .fonts import check_coverage, register_fonts
from .pdf import TOO_LONG_TO_LAY_OUT
from .typeset import Para, markup

TITLE = "评估专家随机抽取记录"
PANEL_HEADERS = ("位次", "姓名", "类别", "单位", "职称", "学历", "年限", "角色", "席位")
PANEL_WIDTHS = (10, 18, 22, 40, 16, 12, 10, 12, 40)
EXCLUSION_HEADERS = ("姓名", "类别", "单位", "排除原因")
EXCLUSION_WIDTHS = (18, 22, 44, 96)


def Paragraph(text: str, style: ParagraphStyle) -> RLParagraph:  # noqa: N802 — reads like reportlab's
    return Para(markup(text, style.fontName), style)


def _grid(table: Table, font: str) -> Table:
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ]))
    return table


def draw_record_pdf_bytes(record: dict, drawn_at: str) -> bytes:
    """`record` is the draw's JSON (`office.draw.draw_document`, with `by` and `witnesses`)."""
    font = register_fonts()
    people = record["panel"] + record["reserves"]
    check_coverage([("试点名称", record["pilot"]["name"]), ("试点单位", record["pilot"]["unit"]),
                    ("保证单位", record["pilot"]["guarantor"]), ("种子", record["seed"]),
                    ("抽取人", record.get("by", "")), ("见证人", "".join(record.get("witnesses", [])))]
                   + [(f"专家“{m['name']}”", f"{m['name']}{m['org']}{m['title']}{m['education']}") for m in people]
                   + [(f"排除的专家“{x['name']}”", f"{x['name']}{x['org']}") for x in record["exclusions"]]
                   + [("回避单位", "".join(record["exclude_orgs"]))])
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=1)
    head = ParagraphStyle("head", fontName=font, fontSize=12, leading=18, spaceBefore=8)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12)
    pilot, pool = record["pilot"], record["pool"]
    witnesses = "、".join(record.get("witnesses", [])) or "（无）"
    by_category = "，".join(f"{category} {count} 名" for category, count in pool["by_category"].items())
    story = [
        Paragraph(TITLE, title), Spacer(1, 4 * mm),
        Paragraph(f"试点名称：{pilot['name']}", body),
        Paragraph(f"试点单位：{pilot['unit']}　　保证单位：{pilot['guarantor'] or '（未填写）'}", body),
        Paragraph(f"抽取人：{record.get('by', '')}　　见证人：{witnesses}", body),
        Paragraph(f"抽取时间：{_moment(drawn_at)}", body),
        Paragraph(f"种子：{record['seed']}", body),
        Paragraph(f"方法：{record['format']}，{record['method']}；同一专家库、试点与种子必得同一结果", body),
        Paragraph(f"评估组 {record['size']} 人，其中标准化专家席位 {record['standardization_seats']} 个"
                  f"（第十九条：不少于三分之一）；备选 {record['reserve']} 名", body),
        Paragraph(f"专家库共 {record['library_size']} 名；符合条件 {pool['size']} 名（{by_category}）；"
                  f"排除 {len(record['exclusions'])} 名", body),
        Paragraph(f"抽取池摘要（SHA-256）：{pool['digest']}", body),
    ]
    if record["exclude_orgs"]:
        story.append(Paragraph(f"另行回避的单位：{'、'.join(record['exclude_orgs'])}", body))
    if record["allow_unqualified"]:
        story.append(Paragraph("本次抽取允许不完全符合第二十八条的专家参加（--allow-unqualified）", body))
    order = {entry["id"]: entry for entry in record["order"]}
    story += [Paragraph("一、评估组（按抽取顺序）", head), _people(record["panel"], order, cell, font)]
    story.append(Paragraph("二、备选专家（回避时依次递补）", head))
    story.append(_people(record["reserves"], order, cell, font) if record["reserves"] else Paragraph("（无）", body))
    story.append(Paragraph("三、排除的专家及原因", head))
    if record["exclusions"]:
        rows = [[Paragraph(h, cell) for h in EXCLUSION_HEADERS]]
        rows += [[Paragraph(x["name"], cell), Paragraph(x["category"], cell), Paragraph(x["org"], cell),
                  Paragraph("；".join(x["reasons"]), cell)] for x in record["exclusions"]]
        story.append(_grid(Table(rows, colWidths=[w * mm for w in EXCLUSION_WIDTHS], repeatRows=1),
                           font))
    else:
        story.append(Paragraph("（无）", body))
    for warning in record["warnings"]:
        story.append(Paragraph(f"提示：{warning}", body))
    signers = [("抽取人", record.get("by", ""))] + [("见证人", w) for w in record.get("witnesses", [])]
    rows = [[Paragraph(h, cell) for h in ("身份", "姓名", "签字", "日期")]]
    rows += [[Paragraph(role, cell), Paragraph(name, cell), "", ""] for role, name in signers]
    signatures = _grid(Table(rows, colWidths=[w * mm for w in (24, 40, 76, 40)]), font)
    signatures.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 4 * mm),
                                    ("BOTTOMPADDING", (0, 1), (-1, -1), 4 * mm)]))
    story += [Paragraph("四、签字", head), signatures]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=18 * mm, bottomMargin=18 * mm, title=TITLE)
    try:
        document.build(story)
    except LayoutError:
        raise UserError(TOO_LONG_TO_LAY_OUT) from None
    return buffer.getvalue()


def _moment(value: str) -> str:
    """2025-11-20 09:05:07（UTC+08:00） from an ISO timestamp with its offset."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = moment.strftime("%z")
    zone = f"（UTC{offset[:3]}:{offset[3:]}）" if offset else ""
    return moment.strftime("%Y-%m-%d %H:%M:%S") + zone


def _people(members: list[dict], order: dict[str, dict], cell: ParagraphStyle, font: str) -> Table:
    rows = [[Paragraph(h, cell) for h in PANEL_HEADERS]]
    for m in members:
        seat = order[m["id"]]
        rows.append([str(seat["position"]), Paragraph(m["name"], cell), Paragraph(m["category"], cell),
                     Paragraph(m["org"], cell), Paragraph(m["title"], cell), Paragraph(m["education"], cell),
                     str(m["years"]), "备选" if "reserve" in m else m["role"],
                     Paragraph(f"{seat['seat']} {seat['seat_number']}/{seat['seats']}\n签 {seat['lot'][:16]}", cell)])
    return _grid(Table(rows, colWidths=[w * mm for w in PANEL_WIDTHS], repeatRows=1), font)
