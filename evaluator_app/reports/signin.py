"""The printable sign-in sheet (签到表) of step 1: one row per member, 签字 cells left empty."""

from __future__ import annotations

import io
import os

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ..domain.evaluation import Evaluation, Role
from ..errors import UserError
from ..fileio import atomic_write_bytes
from ..presentation import evaluation_period
from .fonts import check_coverage, register_fonts
from .pdf import TOO_LONG_TO_LAY_OUT
from .typeset import Para, markup

HEADERS = ("序号", "姓名", "单位/职务（职称）", "类别", "角色", "电话", "时间", "签字")
WIDTHS = (12, 18, 44, 22, 13, 29, 18, 24)


def Paragraph(text: str, style: ParagraphStyle) -> RLParagraph:  # noqa: N802 — reads like reportlab's
    """A paragraph of plain text with 避头尾 wrapping and per-character font fallback."""
    return Para(markup(text, style.fontName), style)


def signin_pdf_bytes(evaluation: Evaluation) -> bytes:
    """Refuses (UserError) a name or unit with a character no shipped font draws (see `fonts.check_coverage`)."""
    font = register_fonts()
    check_coverage([("试点名称", evaluation.pilot.get("name", "")), ("试点单位", evaluation.pilot.get("unit", ""))]
                   + [(f"成员“{m.name}”", f"{m.name}{m.org}{m.title}{m.phone}") for m in evaluation.panel])
    title = ParagraphStyle("title", fontName=font, fontSize=20, leading=28, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=16)
    cell = ParagraphStyle("cell", fontName=font, fontSize=10, leading=13)
    pilot = evaluation.pilot
    members = sorted(evaluation.panel, key=lambda m: m.role is not Role.LEADER)
    rows = [[Paragraph(h, cell) for h in HEADERS]]
    for index, member in enumerate(members, 1):
        org = "/".join(x for x in (member.org, member.title) if x)
        rows.append([str(index), Paragraph(member.name, cell), Paragraph(org, cell), member.category.value,
                     member.role.value, Paragraph(member.phone, cell), "", ""])
    for _ in range(max(0, 8 - len(members))):  # spare rows for late changes to the panel
        rows.append([""] * len(HEADERS))
    table = Table(rows, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        # Rows tall enough to sign in, growing with long unit names.
        ("TOPPADDING", (0, 1), (-1, -1), 4 * mm), ("BOTTOMPADDING", (0, 1), (-1, -1), 4 * mm),
    ]))
    story = [Paragraph(f"评估组签到表（{evaluation.kind.value}）", title), Spacer(1, 6 * mm),
             Paragraph(f"试点名称：{pilot.get('name', '')}", body),
             Paragraph(f"试点单位：{pilot.get('unit', '')}", body),
             Paragraph(f"评估日期：{evaluation_period(evaluation)}　　地点：________________", body),
             Spacer(1, 5 * mm), table]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=20 * mm, bottomMargin=18 * mm, title="评估组签到表")
    try:
        document.build(story)
    except LayoutError:
        raise UserError(TOO_LONG_TO_LAY_OUT) from None
    return buffer.getvalue()


def write_signin_pdf(evaluation: Evaluation, out: str | os.PathLike[str]) -> None:
    atomic_write_bytes(out, signin_pdf_bytes(evaluation))
