"""The 评估报告 as PDF: 附件3 (试点评估, 中期评估) or 附件6 (复查), with the appendices.

Layout follows the habits of GB/T 9704 where they help: A4, text block 156 mm × 225 mm
(top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), title 22 pt (二号), headings 16 pt (三号),
body 14 pt (四号), tables 10.5–11 pt (五号). One embedded font (WenQuanYi Micro Hei) for all text.

Sections: cover; the form's main table (pilot data, panel list with each member's REPORT
signature); 评估综述 (or 复查报告) with the result and the 组长's CONCLUSION signature; then
附表1 计分汇总表, 附表2 one 计分表 per member, 附表3 公众满意度调查统计, 附表4 问题与改进建议,
附表5 评估工作程序记录. Every page carries 第 x 页 共 y 页, the evaluation id and a short
fingerprint of the evaluation data; drafts carry a 草稿 watermark.

All figures come from `compute(evaluation)` and are printed with `fmt` (exact, half up); no float
ever touches a score.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__
from ..domain.evaluation import PILOT_FIELDS, RECUSAL_QUESTIONS, Evaluation, Kind, Member, Role, Score
from ..domain.rules import Severity, qualification_findings
from ..domain.scoring import Summary, compute, scorers
from ..domain.sheet import PANEL_MEMBER, UNKNOWN_ANSWER, Aggregation, Item
from ..domain.signature import Purpose, Signature
from ..domain.steps import steps_for
from ..domain.survey import SurveyStats
from ..errors import UserError
from ..fileio import atomic_write_bytes
from ..numbers import fmt, fmt_plain
from ..presentation import (
    applicable_max,
    category_lines,
    cn_date,
    consequence_text,
    evaluation_period,
    formal,
    member_category_total,
    percent,
    result_text,
    sheet_label,
)
from .fonts import FONT_NAME, HEADING_FONT, check_coverage, register_fonts
from .typeset import HeavyTitle, Para, draw_string, markup

ProgressCallback = Callable[[int, int], None]
# (member id, item code) → the score's revisions, oldest first: {"old", "new", "reason", "author", "at"}.
Revisions = Mapping[tuple[str, str], Sequence[Mapping]]

PORTRAIT = A4
LANDSCAPE = landscape(A4)
# GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 mm × 225 mm.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
# Landscape pages (the score matrix of a large panel): the binding edge stays on the long side.
L_MARGIN_TOP, L_MARGIN_BOTTOM, L_MARGIN_LEFT, L_MARGIN_RIGHT = 24 * mm, 32 * mm, 30 * mm, 30 * mm

FOOTER_PAGE_Y = 20 * mm
FOOTER_INFO_Y = 14 * mm
FOOTER_CERT_Y = 26 * mm

GRID = 0.6
GREY = colors.Color(0.35, 0.35, 0.35)
HEAD_FILL = colors.Color(0.93, 0.93, 0.93)
CATEGORY_FILL = colors.Color(0.96, 0.96, 0.96)
WATERMARK_GREY = colors.Color(0.86, 0.86, 0.86)

SIGNATURE_MAX_HEIGHT = 30  # points, inside a panel-list row
DRAFT_WORD = "草稿"
NOT_FILLED = "（未填写）"


# -- wording -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    """The labels that differ between 附件3 (评估, 中期评估) and 附件6 (复查)."""

    title: str
    verb: str  # 评估 / 复查
    date_label: str
    unit_label: str
    time_label: str
    panel_label: str
    purpose_label: str
    basis_label: str
    overview_label: str
    leader_sign_label: str


WORDING = {
    Kind.PILOT: Wording("评估报告", "评估", "评估日期", "试点单位", "评估时间", "评估专家组人员名单", "评估目的",
                        "评估依据", "评估综述", "评估专家组长签字"),
    Kind.MIDTERM: Wording("中期评估报告", "评估", "评估日期", "试点单位", "评估时间", "评估专家组人员名单",
                          "评估目的", "评估依据", "评估综述", "评估专家组长签字"),
    Kind.REINSPECTION: Wording("复查报告", "复查", "复查日期", "接受复查单位", "复查时间", "复查专家组人员名单",
                               "复查目的", "复查依据", "复查报告", "复查专家组组长签字"),
}
SERIES_TITLE = "社会管理和公共服务综合标准化试点"


# -- styles --------------------------------------------------------------------------------------

def _style(name: str, size: float, leading: float | None = None, align: int = TA_LEFT, font: str = FONT_NAME,
           **more) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                          alignment=align, wordWrap="CJK", **more)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "series": _style("series", 22, 34, TA_CENTER),
        "title": _style("title", 22, 34, TA_CENTER, spaceBefore=6),
        "draft_note": _style("draft_note", 12, 18, TA_CENTER, textColor=GREY),
        "cover_label": _style("cover_label", 15, 22, TA_RIGHT),
        "cover_value": _style("cover_value", 15, 22, TA_LEFT),
        "h1": _style("h1", 16, 24, TA_CENTER, font=HEADING_FONT, spaceAfter=8),
        "h2": _style("h2", 16, 26, TA_LEFT, font=HEADING_FONT, spaceBefore=8, spaceAfter=4),
        "h3": _style("h3", 12, 18, TA_LEFT, font=HEADING_FONT, spaceBefore=8, spaceAfter=3),
        # 三号 (16 pt) body on a 28 pt line: GB/T 9704's 22 lines of 28 characters in the text block.
        "body": _style("body", 16, 28, TA_JUSTIFY, firstLineIndent=32),
        "body_plain": _style("body_plain", 12, 20, TA_LEFT),
        "list": _style("list", 12, 19, TA_JUSTIFY, leftIndent=24, firstLineIndent=-24, spaceAfter=3),
        "cell": _style("cell", 11, 15),
        "cell_c": _style("cell_c", 11, 15, TA_CENTER),
        "cell_r": _style("cell_r", 11, 15, TA_RIGHT),
        "sheet": _style("sheet", 10, 13),
        "sheet_c": _style("sheet_c", 10, 13, TA_CENTER),
        "small": _style("small", 9, 11.5),
        "small_c": _style("small_c", 9, 11.5, TA_CENTER),
        "small_r": _style("small_r", 9, 11.5, TA_RIGHT),
        "tiny_c": _style("tiny_c", 8, 10, TA_CENTER),
        "note": _style("note", 9, 13, TA_LEFT, textColor=GREY),
        "warn": _style("warn", 11, 16, TA_LEFT, textColor=colors.Color(0.6, 0.1, 0.1)),
        "sign_label": _style("sign_label", 14, 22, TA_LEFT),
        "sign_date": _style("sign_date", 14, 22, TA_RIGHT),
        "cert": _style("cert", 9, 13, TA_LEFT),
        "cert_value": _style("cert_value", 10.5, 15, TA_LEFT),
    }


def _markup(text: str, base: str = FONT_NAME) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept, each run the base face lacks in a face
    that has it (see `typeset.markup`)."""
    return markup(text, base)


def _p(text: str, style: str = "cell") -> Paragraph:
    chosen = _styles()[style]
    return Para(markup(text, chosen.fontName), chosen)


def _pm(text: str, style: str = "cell") -> Paragraph:
    """A paragraph from markup the caller has already escaped (with `_markup`)."""
    return Para(text, _styles()[style])


# -- small helpers -------------------------------------------------------------------------------

def _cn_time(value: str | None) -> str:
    """An ISO timestamp as 2025-11-20 09:05 (in its own offset); anything else as given."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" not in value and " " not in value:
        return cn_date(value)
    return moment.strftime("%Y-%m-%d %H:%M")


def _num(value) -> str:
    return "—" if value is None else fmt(value)


def data_fingerprint(evaluation: Evaluation) -> str:
    """SHA-256 (hex) of the canonical exchange JSON of the evaluation."""
    from ..exchange.document import evaluation_document
    from ..jsonfile import dumps

    return hashlib.sha256(dumps(evaluation_document(evaluation)).encode("utf-8")).hexdigest()


def short_fingerprint(evaluation: Evaluation) -> str:
    return data_fingerprint(evaluation)[:16]


def format_certificate_fingerprint(value: str) -> str:
    """A SHA-256 fingerprint in groups of four upper-case hex digits, easy to read over the phone.

    Separators in the input (colons, spaces) are ignored; a value that is not 64 hex digits is
    printed as given.
    """
    digits = re.sub(r"[\s:\-]", "", value)
    if re.fullmatch(r"[0-9A-Fa-f]{64}", digits):
        digits = digits.upper()
        return " ".join(digits[i:i + 4] for i in range(0, 64, 4))
    return value.strip()


def score_line(summary: Summary) -> str:
    """基础分 X + 加分 Y = 总分 Z, saying so when the sheet's cap on the total applied."""
    line = f"基础分 {fmt(summary.base_score)} + 加分 {fmt(summary.bonus)} = 总分 {fmt(summary.total)}"
    uncapped = summary.base_score + summary.bonus
    if summary.total < uncapped:
        line += f"（合计 {fmt(uncapped)}，超过总分上限，按 {fmt(summary.total)} 计）"
    return line


# -- signatures ----------------------------------------------------------------------------------

def _latest(signatures: Iterable[Signature], signer: str, purpose: Purpose) -> Signature | None:
    found = [s for s in signatures if s.signer == signer and s.purpose is purpose]
    return max(found, key=lambda s: s.signed_at) if found else None


def _signature_image(signature: Signature | None, max_width: float, max_height: float) -> Flowable | None:
    """The signature PNG scaled to fit the box, aspect kept; None when there is none."""
    if signature is None or not signature.png:
        return None
    try:
        reader = ImageReader(io.BytesIO(signature.png))
        width, height = reader.getSize()
    except Exception:  # noqa: BLE001 — a damaged image must not stop the report; the cell says so
        return _p("（签名图像无法读取）", "small_c")
    if width <= 0 or height <= 0:
        return None
    scale = min(max_width / width, max_height / height)
    image = Image(io.BytesIO(signature.png), width=width * scale, height=height * scale, mask="auto")
    image.hAlign = "CENTER"
    return image


# -- page furniture ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Furniture:
    evaluation_id: str
    fingerprint: str
    certificate: str | None


class NumberedCanvas(pdfcanvas.Canvas):
    """Holds every page until the end so each footer can say 共 y 页 (two passes over the pages)."""

    def __init__(self, *args, furniture: Furniture, **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 — reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        furniture = self._furniture
        width = self._pagesize[0]
        self.saveState()
        self.setFillColor(colors.black)
        draw_string(self, width / 2, FOOTER_PAGE_Y, f"第 {number} 页 共 {total} 页", 10.5)
        self.setFillColor(GREY)
        ident = furniture.evaluation_id or "（未编号）"
        draw_string(self, width / 2, FOOTER_INFO_Y, f"评估编号：{ident}    报告数据指纹：{furniture.fingerprint}", 8)
        if furniture.certificate and number == total:
            self.setFillColor(colors.black)
            fingerprint = format_certificate_fingerprint(furniture.certificate)
            draw_string(self, width / 2, FOOTER_CERT_Y, f"报告签章证书指纹 (SHA-256)：{fingerprint}", 8)
        self.restoreState()


def _watermark(canv: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
    """A diagonal light-grey 草稿 under the page's content."""
    width, height = canv._pagesize
    canv.saveState()
    canv.setFillColor(WATERMARK_GREY)
    canv.setFont(FONT_NAME, 150)
    canv.translate(width / 2, height / 2)
    canv.rotate(35)
    canv.drawCentredString(0, -50, DRAFT_WORD)
    canv.restoreState()


def _no_watermark(canv: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
    pass


class _Progress(Flowable):
    """A zero-size marker: reports progress when layout reaches it."""

    def __init__(self, callback: ProgressCallback | None, done: int, total: int):
        super().__init__()
        self.callback, self.done, self.total = callback, done, total
        self.width = self.height = 0
        self._fired = False

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        if self.callback is not None and not self._fired:
            self._fired = True
            self.callback(self.done, self.total)


# -- the build -----------------------------------------------------------------------------------

@dataclass
class _Context:
    evaluation: Evaluation
    summary: Summary
    wording: Wording
    signatures: Sequence[Signature]
    paper_mode: bool
    draft: bool
    certificate: str | None
    step_times: dict[int, tuple[str, str]]
    width: float  # the portrait frame's width
    landscape_width: float
    revisions: Revisions = field(default_factory=dict)
    story: list = field(default_factory=list)

    def signature(self, member: Member, purpose: Purpose) -> Signature | None:
        if self.paper_mode:
            return None
        return _latest(self.signatures, member.id, purpose)


def default_draft(evaluation: Evaluation, signatures: Iterable[Signature], paper_mode: bool = False) -> bool:
    """A draft unless every member has signed the report (paper mode: signatures go on the print)."""
    if paper_mode:
        return False
    signed = {s.signer for s in signatures if s.purpose is Purpose.REPORT}
    return not evaluation.panel or any(m.id not in signed for m in evaluation.panel)


SECTIONS = ("cover", "main", "overview", "matrix", "member_sheets", "survey", "notes", "procedure", "panel")


def build_report_pdf(evaluation: Evaluation, out_path: str | os.PathLike[str], *,
                     signatures: Sequence[Signature] = (), paper_mode: bool = False, draft: bool | None = None,
                     certificate_fingerprint: str | None = None,
                     step_times: dict[int, tuple[str, str]] | None = None,
                     progress: ProgressCallback | None = None,
                     revisions: Revisions | None = None) -> None:
    """Write the report PDF to `out_path` (atomically: the file is complete or untouched).

    `signatures`: the members' PNG signatures (REPORT for the panel list, CONCLUSION for the 组长's
    line, SHEET under each 计分表); none are drawn in `paper_mode`, where cells stay empty for
    pens. `draft` defaults to "not every member has a REPORT signature" (False in paper mode).
    `progress(done, total)` is called as layout passes each major section, then once at the end;
    it may raise to cancel the build (nothing is written then). `revisions` maps (member, item) to
    that score's revisions as `EvaluationStore.score_revisions` lists them (see `collect_revisions`);
    they are printed in the 协商记录.

    Refuses (UserError) when a text holds a character no shipped font can draw, naming the field and
    the characters, rather than print the report without them.
    """
    data = report_pdf_bytes(evaluation, signatures=signatures, paper_mode=paper_mode, draft=draft,
                            certificate_fingerprint=certificate_fingerprint, step_times=step_times,
                            progress=progress, revisions=revisions)
    atomic_write_bytes(out_path, data)
    if progress is not None:
        progress(len(SECTIONS) + 1, len(SECTIONS) + 1)


def report_pdf_bytes(evaluation: Evaluation, *, signatures: Sequence[Signature] = (), paper_mode: bool = False,
                     draft: bool | None = None, certificate_fingerprint: str | None = None,
                     step_times: dict[int, tuple[str, str]] | None = None,
                     progress: ProgressCallback | None = None, revisions: Revisions | None = None) -> bytes:
    """The report as PDF bytes (see `build_report_pdf`)."""
    register_fonts()
    check_coverage(printed_fields(evaluation, revisions))
    total_steps = len(SECTIONS) + 1
    if progress is not None:
        progress(0, total_steps)
    signatures = list(signatures or ())
    if draft is None:
        draft = default_draft(evaluation, signatures, paper_mode)
    summary = compute(evaluation)
    fingerprint = short_fingerprint(evaluation)
    wording = WORDING[evaluation.kind]

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=PORTRAIT, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{evaluation.pilot.get('name', '')} {wording.title}".strip(),
        author=f"{wording.verb}专家组", subject=f"{SERIES_TITLE}{wording.title}；数据指纹 {fingerprint}",
        creator=f"evaluator-app {__version__}", initialFontName=FONT_NAME, initialFontSize=10.5,
        initialLeading=14,
    )
    on_page = _watermark if draft else _no_watermark
    portrait_frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, PORTRAIT[0] - MARGIN_LEFT - MARGIN_RIGHT,
                           PORTRAIT[1] - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="portrait")
    landscape_frame = Frame(L_MARGIN_LEFT, L_MARGIN_BOTTOM, LANDSCAPE[0] - L_MARGIN_LEFT - L_MARGIN_RIGHT,
                            LANDSCAPE[1] - L_MARGIN_TOP - L_MARGIN_BOTTOM, 0, 0, 0, 0, id="landscape")
    doc.addPageTemplates([
        PageTemplate("portrait", [portrait_frame], onPage=on_page, pagesize=PORTRAIT),
        PageTemplate("landscape", [landscape_frame], onPage=on_page, pagesize=LANDSCAPE),
    ])
    ctx = _Context(evaluation, summary, wording, signatures, paper_mode, draft, certificate_fingerprint,
                   dict(step_times or {}), portrait_frame._width, landscape_frame._width, dict(revisions or {}))
    builders = {
        "cover": _cover, "main": _main_table, "overview": _overview, "matrix": _matrix,
        "member_sheets": _member_sheets, "survey": _survey, "notes": _notes, "procedure": _procedure,
        "panel": _panel_appendix,
    }
    for index, name in enumerate(SECTIONS, start=1):
        builders[name](ctx)
        ctx.story.append(_Progress(progress, index, total_steps))
    furniture = Furniture(evaluation.id, fingerprint, certificate_fingerprint)
    try:
        doc.build(ctx.story, canvasmaker=functools.partial(NumberedCanvas, furniture=furniture))
    except LayoutError:
        raise UserError(TOO_LONG_TO_LAY_OUT) from None
    return buffer.getvalue()


# A table cell taller than a page cannot be laid out; the texts typed into such cells are bounded on entry,
# so only a file written outside the app gets here.
TOO_LONG_TO_LAY_OUT = ("报告无法排版：某一栏的内容过长，一页放不下（例如试点名称、单位或成员姓名）；"
                       "请缩短后再生成报告")


# -- cover -----------------------------------------------------------------------------------------

def _cover(ctx: _Context) -> None:
    ev, w = ctx.evaluation, ctx.wording
    story = ctx.story
    story.append(Spacer(1, 28 * mm))
    story.append(HeavyTitle([SERIES_TITLE], _styles()["series"]))
    story.append(Spacer(1, 6))
    story.append(HeavyTitle([w.title], _styles()["title"]))
    if ctx.draft:
        story.append(Spacer(1, 6 * mm))
        story.append(_p(f"{DRAFT_WORD}：尚未经全体{w.verb}专家组成员签字，不作为正式报告", "draft_note"))
    story.append(Spacer(1, 45 * mm))
    rows = [
        ("试点名称", ev.pilot.get("name", "")),
        ("试点单位", ev.pilot.get("unit", "")),
        ("业务指导单位", ev.pilot.get("guidance_unit", "")),
        ("管理单位", ev.pilot.get("management_unit", "")),
        (w.date_label, evaluation_period(ev)),
    ]
    label_width = 36 * mm
    value_width = min(ctx.width - label_width, 95 * mm)
    table = Table([[_p(label, "cover_label"), _p(value, "cover_value")] for label, value in rows],
                  colWidths=[label_width, value_width], hAlign="CENTER", splitInRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), GRID, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (1, 0), (1, -1), 8),
    ]))
    story.append(table)
    story.append(NextPageTemplate("portrait"))
    story.append(PageBreak())


# -- main table ----------------------------------------------------------------------------------

def _grid_style(extra: list | None = None) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("GRID", (0, 0), (-1, -1), GRID, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    return TableStyle(commands + (extra or []))


def _scaled(weights: Sequence[float], width: float) -> list[float]:
    total = sum(weights)
    return [width * w / total for w in weights]


def _term(ev: Evaluation) -> str:
    """试点期限 on three lines (start, 至, end), so no date is cut."""
    start, end = ev.pilot.get("term_start", ""), ev.pilot.get("term_end", "")
    if start or end:
        return f"{cn_date(start) or '—'}\n至\n{cn_date(end) or '—'}"
    return ""


def _qualified(ev: Evaluation) -> str:
    """The date on a line of its own, then the document number."""
    parts = [cn_date(ev.pilot.get("qualified_date", "")), ev.pilot.get("qualified_document", "")]
    return "\n".join(p for p in parts if p)


class LabelledRows(Table):
    """A label | text table whose rows may split over pages: the continued part of a row carries its
    label again, marked （续）, instead of an empty label cell."""

    def __init__(self, data, labels: Sequence[str] = (), **kwargs):
        super().__init__(data, **kwargs)
        self.row_labels = list(labels)

    def split(self, availWidth, availHeight):  # noqa: N803 — reportlab's names
        parts = super().split(availWidth, availHeight)
        labels = getattr(self, "row_labels", [])
        if len(parts) != 2 or not labels:
            return parts
        first, rest = parts
        head, tail = len(first._cellvalues), len(rest._cellvalues)
        in_row = head + tail == len(labels) + 1
        first.row_labels = labels[:head]
        rest.row_labels = labels[head - 1:] if in_row else labels[head:]
        if in_row and rest.row_labels:
            # reportlab leaves the label in one part only (which one depends on its centring).
            label = rest.row_labels[0]
            first._cellvalues[-1][0] = [_p(label, "cell_c")]
            rest._cellvalues[0][0] = [_p(f"{label}（续）", "cell_c")]
        return parts


def _ordered_panel(ev: Evaluation) -> tuple[list[Member], list[Member]]:
    leaders = [m for m in ev.panel if m.role is Role.LEADER]
    others = [m for m in ev.panel if m.role is not Role.LEADER]
    return leaders, others


def _main_table(ctx: _Context) -> None:
    ev, w = ctx.evaluation, ctx.wording
    pilot = ev.pilot
    # One grid for every row (附件6's 试点期限 row included): label, value, label, value, label, value.
    # The value columns hold a whole date (2025年12月31日) and the last one a full phone number.
    cols = _scaled([74, 80, 48, 80, 70, 90], ctx.width)
    label, value = "cell_c", "cell"
    lb = lambda text: _p(text, label)  # noqa: E731
    vl = lambda text: _p(text, value)  # noqa: E731
    when = evaluation_period(ev)

    info = [
        [lb("试点名称"), vl(pilot.get("name", "")), "", "", "", ""],
        [lb(w.unit_label), vl(pilot.get("unit", "")), "", "", "", ""],
        [lb("地址"), vl(pilot.get("address", "")), "", lb(w.time_label), vl(when), ""],
        [lb("法定代表人（负责人）"), vl(pilot.get("legal_representative", "")), lb("联系人"),
         vl(pilot.get("contact", "")), lb("电话"), vl(pilot.get("phone", ""))],
    ]
    spans = [("SPAN", (1, 0), (5, 0)), ("SPAN", (1, 1), (5, 1)), ("SPAN", (1, 2), (2, 2)), ("SPAN", (4, 2), (5, 2))]
    roomy = [("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6)]
    tables: list[Flowable] = []
    if ev.kind is Kind.REINSPECTION:
        info.append([lb("试点期限"), _p(_term(ev), "sheet_c"), _p("试点评估时间", "sheet_c"),
                     _p(cn_date(pilot.get("pilot_evaluation_date")), "sheet_c"),
                     _p("确定为“试点合格单位”时间及文件号", "sheet_c"), _p(_qualified(ev), "sheet_c")])
    else:
        info.append([lb("保证单位"), vl(pilot.get("guarantor", "")), "", lb("业务指导单位"),
                     vl(pilot.get("guidance_unit", "")), ""])
        spans += [("SPAN", (1, 4), (2, 4)), ("SPAN", (4, 4), (5, 4))]
    info_table = Table(info, colWidths=cols)
    info_table.setStyle(_grid_style(spans + roomy))
    tables.insert(0, info_table)

    # The panel list: 专家组 | 姓名 | 单位/职务（职称） | 电话 | 签字
    leaders, others = _ordered_panel(ev)
    sign_width = cols[5] - 8
    rows = [[_p(w.panel_label, "cell_c"), "", "", "", "", ""],
            [lb("专家组"), lb("姓名"), lb("单位/职务（职称）"), "", lb("电话"), lb("签字")]]
    style = [("SPAN", (0, 0), (5, 0)), ("SPAN", (2, 1), (3, 1)), ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL)]

    def member_row(role_label: str, member: Member | None) -> list:
        if member is None:
            return [lb(role_label), "", "", "", "", Spacer(1, SIGNATURE_MAX_HEIGHT)]
        org_title = "/".join(x for x in (member.org, member.title) if x)
        image = _signature_image(ctx.signature(member, Purpose.REPORT), sign_width, SIGNATURE_MAX_HEIGHT)
        # The signature cell keeps the row tall enough to sign in, signed or not.
        return [lb(role_label), _p(member.name, "cell_c"), vl(org_title), "", _p(member.phone, "cell_c"),
                image or Spacer(1, SIGNATURE_MAX_HEIGHT)]

    blank: list[Member | None] = [None]  # an empty row to write a name in by hand
    for leader in leaders or blank:
        rows.append(member_row("组长", leader))
    first_member_row = len(rows)
    for member in others or blank:
        rows.append(member_row("小组成员", member))
    for r in range(2, len(rows)):
        style.append(("SPAN", (2, r), (3, r)))
    if len(rows) - first_member_row > 1:
        style.append(("SPAN", (0, first_member_row), (0, len(rows) - 1)))
    panel_table = Table(rows, colWidths=cols, repeatRows=2)
    panel_table.setStyle(_grid_style(style + [("ALIGN", (5, 2), (5, -1), "CENTER")]))

    # Two plain columns, no spans: reportlab splits a spanned row across pages into the wrong column.
    # A row split over a page repeats its label (“评估依据（续）”) so no cell is left unlabelled.
    aims = LabelledRows([[lb(w.purpose_label), vl(ev.purpose)],
                         [lb(w.basis_label), vl(ev.basis)]],
                        [w.purpose_label, w.basis_label], colWidths=[cols[0], sum(cols[1:])], splitInRow=1)
    aims.setStyle(_grid_style([("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    ctx.story += [*tables, panel_table, aims]


# -- 评估综述 / 复查报告, result, 组长 signature ------------------------------------------------------

def _paragraphs(text: str) -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [line for line in lines if line]


def _warnings(ctx: _Context) -> list[str]:
    summary = ctx.summary
    notes = [f.message for f in summary.findings if f.severity is Severity.WARNING and f.code != "score.note"]
    if summary.survey is not None and summary.survey.below_minimum and ctx.evaluation.sheet.survey:
        notes.append(_below_minimum_text(summary.survey, ctx.evaluation))
    notes += summary.panel_problems
    return list(dict.fromkeys(notes))


def _result_block(ctx: _Context) -> Table:
    ev, summary = ctx.evaluation, ctx.summary
    sheet = ev.sheet
    result = f"<font size=13>{_markup(result_text(summary))}</font>"
    consequence = consequence_text(summary)
    if consequence:
        result += f"<br/>{_markup(formal(consequence))}"
    rows = [
        [_p(f"{ctx.wording.verb}结论", "cell_c"), _pm(result)],
        [_p("得分", "cell_c"), _p(score_line(summary))],
    ]
    if ev.kind is Kind.MIDTERM and summary.progress is not None:
        rows.append([_p("完成度", "cell_c"),
                     _p(f"{percent(summary.progress)}（基础分 ÷ 适用项目满分 "
                        f"{fmt_plain(applicable_max(ev.sheet, summary))}；"
                        f"进展良好 ≥ 80%，基本正常 70%–80%，滞后 < 70%）")])
    else:
        rows.append([_p("合格分数线", "cell_c"), _p(f"{fmt_plain(sheet.pass_score)} 分，且无否决项")])
    vetoes = [f"{code} {veto.text}" if (veto := sheet.veto(code)) else code for code in summary.vetoes]
    rows.append([_p("否决项", "cell_c"), _p("；".join(vetoes) if vetoes else "无")])
    rows.append([_p("计分表", "cell_c"), _p(sheet_label(ev.sheet))])
    notes = _warnings(ctx)
    if notes:
        rows.append([_p("提示", "cell_c"), _p("\n".join(f"· {n}" for n in notes))])
    cols = _scaled([1, 5], ctx.width)
    table = Table(rows, colWidths=cols, splitInRow=1)
    table.setStyle(_grid_style([("BACKGROUND", (0, 0), (0, -1), HEAD_FILL)]))
    return table


def _overview(ctx: _Context) -> None:
    ev, w = ctx.evaluation, ctx.wording
    story = ctx.story
    story.append(Spacer(1, 10))
    story.append(KeepTogether([_p(f"{w.overview_label}：", "h2"), _result_block(ctx)]))
    story.append(Spacer(1, 8))
    paragraphs = _paragraphs(ev.summary_text)
    if paragraphs:
        story += [_p(text, "body") for text in paragraphs]
    elif ctx.paper_mode:
        story.append(Spacer(1, 60 * mm))
    else:
        story.append(_p(NOT_FILLED, "note"))

    leaders, _ = _ordered_panel(ev)
    leader = leaders[0] if leaders else None
    signature = ctx.signature(leader, Purpose.CONCLUSION) if leader else None
    image = _signature_image(signature, 50 * mm, 18 * mm)
    date = cn_date(signature.signed_at) if signature else "　　　　年　　月　　日"
    sign = Table([[_p(f"{w.leader_sign_label}：", "sign_label"), image or ""],
                  ["", _p(date, "sign_date")]],
                 colWidths=_scaled([3, 2], ctx.width), rowHeights=[20 * mm, None])
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                              ("ALIGN", (1, 0), (1, 0), "CENTER"),
                              ("LINEBELOW", (1, 0), (1, 0), GRID, colors.black),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    block: list = [Spacer(1, 12), sign]
    if ctx.certificate:
        block += [Spacer(1, 6), _p("报告签章证书指纹 (SHA-256)：", "cert"),
                  _p(format_certificate_fingerprint(ctx.certificate), "cert_value")]
    story.append(KeepTogether(block))


# -- 附表1 计分汇总表 ------------------------------------------------------------------------------

def _score_map(ev: Evaluation) -> dict[tuple[str, str], Score]:
    return {(s.member, s.item): s for s in ev.scores}


def _scorer_label(ev: Evaluation, who: str) -> str:
    if who == PANEL_MEMBER:
        return "评估组" if ev.kind is not Kind.REINSPECTION else "复查专家组"
    member = ev.member(who)
    return member.name if member else who


def _aggregation_note(ev: Evaluation) -> str:
    mode = ev.sheet.aggregation
    if mode is Aggregation.CONSENSUS:
        return "计分方式：共识评分，评估组对每个项目给出一个统一得分。"
    if mode is Aggregation.TRIMMED_MEAN:
        return "计分方式：项目得分为各成员评分去掉一个最高分和一个最低分后的平均值（5 人以上评分时）。"
    return "计分方式：项目得分为各成员评分的算术平均值；总分等于各成员合计的平均值。"


def _matrix(ctx: _Context) -> None:
    ev, summary = ctx.evaluation, ctx.summary
    sheet = ev.sheet
    who = scorers(ev)
    consensus = sheet.aggregation is Aggregation.CONSENSUS
    scores = _score_map(ev)
    disagreements = {d.item for d in summary.disagreements}
    subtotals = {line.code: line for line in category_lines(sheet, summary)}

    member_cols = [] if consensus else who
    n = len(member_cols)
    fixed = [24, 26, 44]  # code, max, panel score
    portrait_member = (ctx.width - sum(fixed) - 100) / n if n else 0
    use_landscape = n > 0 and portrait_member < 32
    width = ctx.landscape_width if use_landscape else ctx.width
    member_width = min(48.0, (width - sum(fixed) - 110) / n) if n else 0
    name_width = width - sum(fixed) - member_width * n
    cols = [fixed[0], name_width, fixed[1]] + [member_width] * n + [fixed[2]]
    last = len(cols) - 1

    if use_landscape:
        ctx.story += [NextPageTemplate("landscape"), PageBreak()]
    else:
        ctx.story.append(PageBreak())
    ctx.story.append(_p("附表1　计分汇总表", "h1"))
    ctx.story.append(_p(f"计分表：{sheet_label(ev.sheet)}", "note"))
    ctx.story.append(Spacer(1, 4))

    s, sc, sr = "small", "small_c", "small_r"
    header = [_p("编号", sc), _p("项目", sc), _p("满分", sc)]
    for m in member_cols:
        member = ev.member(m)
        role = "（组长）" if member and member.role is Role.LEADER else ""
        header.append(_pm(f"{_markup(_scorer_label(ev, m))}<br/><font size=7>{role}</font>" if role
                          else _markup(_scorer_label(ev, m)), "tiny_c"))
    header.append(_p("评估组" if consensus else "项目得分", sc))
    rows = [header]
    style: list = [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    notes: list[str] = []

    def full_row(label: str, value: str, fill=None, label_style: str = s) -> None:
        rows.append([_p(label, label_style), "", "", *([""] * n), _p(value, sr)])
        r = len(rows) - 1
        style.append(("SPAN", (0, r), (last - 1, r)))
        if fill is not None:
            style.append(("BACKGROUND", (0, r), (-1, r), fill))

    for category in sheet.categories:
        rows.append([_p(category.code, sc), _p(category.name, s), _p(fmt_plain(category.max), sc),
                     *([""] * n), ""])
        r = len(rows) - 1
        style.append(("BACKGROUND", (0, r), (-1, r), CATEGORY_FILL))
        if n:
            style.append(("SPAN", (3, r), (last, r)))
        for item in category.items:
            name = item.name
            marks = []
            if item.code == summary.derived_item and item.code not in summary.not_applicable:
                marks.append("满意度换算，已调整" if summary.overridden else "满意度换算")
            if item.code in disagreements:
                marks.append("△")
            label = _markup(name) + (f"<font size=7 color='#555555'>（{'；'.join(marks)}）</font>" if marks else "")
            row = [_p(item.code, sc), _pm(label, s), _p(fmt_plain(item.max), sc)]
            r = len(rows)
            if item.code in summary.not_applicable:
                if n:
                    row += [_p("未到期", sc)] + [""] * (n - 1)
                row.append(_p("—" if n else "未到期", sc))
                if n > 1:
                    style.append(("SPAN", (3, r), (last - 1, r)))
            elif item.code == summary.derived_item:
                if n:
                    row += [_p(_num(summary.derived_value), sc)] + [""] * (n - 1)
                    if n > 1:
                        style.append(("SPAN", (3, r), (last - 1, r)))
                row.append(_p(_num(summary.items.get(item.code)), sr))
            else:
                for m in member_cols:
                    score = scores.get((m, item.code))
                    row.append(_p(fmt_plain(score.score) if score is not None and score.score is not None
                                  else "未评", sc))
                row.append(_p(_num(summary.items.get(item.code)), sr))
            rows.append(row)
        subtotal = [_p("", s), _p("小计", s), _p("", sc)]
        for m in member_cols:
            subtotal.append(_p(fmt(member_category_total(ev, summary, m, category)), sc))
        subtotal.append(_p(str(subtotals[category.code].score), sr))
        rows.append(subtotal)

    if n:
        totals = [_p("", s), _p("成员合计", s), _p(fmt_plain(applicable_max(ev.sheet, summary)), sc)]
        totals += [_p(fmt(summary.members.get(m, Fraction(0))), sc) for m in member_cols]
        totals.append(_p(fmt(summary.base_score), sr))
        rows.append(totals)
        style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), CATEGORY_FILL))
    full_row("基础分", fmt(summary.base_score))
    bonus_texts = {spec.code: spec.text for spec in sheet.bonuses}
    bonus_parts = [f"{b.code} {bonus_texts.get(b.code, '')} +{fmt_plain(b.score)}"
                   + (f"（{b.note}）" if b.note else "") for b in ev.bonuses]
    cap = f"（上限 {fmt_plain(sheet.bonus_cap)} 分）" if sheet.bonus_cap is not None else ""
    full_row(f"加分{cap}：" + ("；".join(bonus_parts) if bonus_parts else "无"), fmt(summary.bonus))
    total_note = f"（上限 {fmt_plain(sheet.total_cap)} 分）" if sheet.total_cap is not None else ""
    full_row(f"总分{total_note}：{score_line(summary)}", fmt(summary.total), CATEGORY_FILL)
    vetoes = [f"{code} {veto.text}" if (veto := sheet.veto(code)) else code for code in summary.vetoes]
    full_row("否决项：" + ("；".join(vetoes) if vetoes else "无"), "否决" if vetoes else "—")
    full_row(f"{ctx.wording.verb}结论：{result_text(summary)}", summary.result or "—", CATEGORY_FILL)

    table = Table(rows, colWidths=cols, repeatRows=1, splitInRow=1)
    table.setStyle(_grid_style(style + [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    ctx.story.append(table)

    notes.append(_aggregation_note(ev))
    if summary.derived_item:
        override = next((o for o in ev.overrides if o.item == summary.derived_item), None)
        if override is not None:
            notes.append(f"{summary.derived_item} 由公众满意度调查换算，评估组调整为 {fmt_plain(override.score)} 分，"
                         f"理由：{override.reason}。")
        else:
            notes.append(f"{summary.derived_item} 由公众满意度调查换算（见附表3），不由成员评分。")
    if disagreements:
        notes.append("△ 成员评分极差超过该项满分的 "
                     f"{fmt(ev.sheet.disagreement_ratio * 100)}%：" + "；".join(
                         f"{d.item}（{fmt_plain(d.low)}–{fmt_plain(d.high)}）" for d in summary.disagreements))
    if summary.missing:
        notes.append(f"尚有 {len(summary.missing)} 项评分未录入（表中“未评”），结论暂不能形成。")
    ctx.story.append(Spacer(1, 4))
    ctx.story += [_p(text, "note") for text in notes]
    if use_landscape:
        ctx.story.append(NextPageTemplate("portrait"))


# -- 附表2 计分表 (one per member) ------------------------------------------------------------------

def _member_sheets(ctx: _Context) -> None:
    who = scorers(ctx.evaluation)
    for index, m in enumerate(who, start=1):
        ctx.story.append(PageBreak())
        _member_sheet(ctx, m, index, len(who))


def _member_sheet(ctx: _Context, who: str, index: int, count: int) -> None:
    ev, summary = ctx.evaluation, ctx.summary
    sheet = ev.sheet
    scores = _score_map(ev)
    member = ev.member(who)
    number = f"附表2-{index}" if count > 1 else "附表2"
    if member is not None:
        title = f"{number}　计分表（{member.name}）"
        facts = [f"成员：{member.name}", f"角色：{member.role.value}", f"类别：{member.category.value}"]
        if member.org:
            facts.append(f"单位：{member.org}")
        if member.title:
            facts.append(f"职务（职称）：{member.title}")
    else:
        title = f"{number}　计分表（{_scorer_label(ev, who)}共识评分）"
        facts = [f"{_scorer_label(ev, who)}共识评分：全体成员共同确定每个项目的得分"]
    story = ctx.story
    story.append(_p(title, "h1"))
    story.append(_p("　".join(facts), "note"))
    story.append(_p(f"计分表：{sheet_label(ev.sheet)}", "note"))
    story.append(Spacer(1, 4))

    cols = _scaled([32, 108, 30, 34, 238], ctx.width)
    rows = [[_p("编号", "sheet_c"), _p("项目", "sheet_c"), _p("满分", "sheet_c"), _p("得分", "sheet_c"),
             _p("扣分理由 / 说明", "sheet_c")]]
    style: list = [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    for category in sheet.categories:
        rows.append([_p(category.code, "sheet_c"), _p(category.name, "sheet"), _p(fmt_plain(category.max), "sheet_c"),
                     "", ""])
        style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), CATEGORY_FILL))
        for item in category.items:
            rows.append(_member_item_row(ctx, who, item, scores))
        rows.append(["", _p("小计", "sheet"), "", _p(fmt(member_category_total(ev, summary, who, category)),
                                                      "sheet_c"), ""])
    rows.append(["", _p("合计", "sheet"), _p(fmt_plain(applicable_max(ev.sheet, summary)), "sheet_c"),
                 _p(fmt(summary.members.get(who, Fraction(0))), "sheet_c"), ""])
    style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), CATEGORY_FILL))
    table = Table(rows, colWidths=cols, repeatRows=1, splitInRow=1)
    table.setStyle(_grid_style(style + [("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story.append(table)
    story.append(Spacer(1, 10))

    if member is not None:
        signers = [member]
    else:
        signers = list(ev.panel)
    blocks = []
    for signer in signers:
        signature = ctx.signature(signer, Purpose.SHEET)
        image = _signature_image(signature, 50 * mm, 14 * mm)
        when = f"签字时间：{_cn_time(signature.signed_at)}" if signature else "签字时间："
        sign = Table([[_p(f"评分人签字（{signer.name}）：", "body_plain"), image or ""], ["", _p(when, "small_c")]],
                     colWidths=_scaled([5, 4], ctx.width), rowHeights=[16 * mm, None])
        sign.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"), ("LINEBELOW", (1, 0), (1, 0), GRID, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        blocks.append(KeepTogether([sign]))
    story += blocks


def _member_item_row(ctx: _Context, who: str, item: Item, scores: dict) -> list:
    summary = ctx.summary
    base = [_p(item.code, "sheet_c"), _p(item.name, "sheet"), _p(fmt_plain(item.max), "sheet_c")]
    if item.code in summary.not_applicable:
        return base + [_p("未到期", "sheet_c"), _p("未到期，不计入满分", "sheet")]
    if item.code == summary.derived_item:
        note = "由公众满意度调查换算（见附表3）"
        if summary.overridden:
            override = next((o for o in ctx.evaluation.overrides if o.item == item.code), None)
            note = f"满意度换算，评估组调整：{override.reason}" if override else note
        return base + [_p(_num(summary.derived_value), "sheet_c"), _p(note, "sheet")]
    score = scores.get((who, item.code))
    if score is None or (score.score is None and not score.na):
        return base + [_p("未评", "sheet_c"), _p("", "sheet")]
    if score.score is None:
        return base + [_p("未到期", "sheet_c"), _p(score.note, "sheet")]
    return base + [_p(fmt_plain(score.score), "sheet_c"), _p(score.note, "sheet")]


# -- 附表3 公众满意度调查统计 --------------------------------------------------------------------------

def _below_minimum_text(stats: SurveyStats, ev: Evaluation) -> str:
    spec = ev.sheet.survey
    assert spec is not None  # survey statistics come from the sheet's survey
    text = f"有效样本 {stats.valid_samples} 份，少于最低要求 {spec.min_valid_samples} 份"
    derive = spec.derive
    if derive is not None and derive.cap_below_min is not None:
        text += f"，{derive.item} 得分以 {fmt_plain(derive.cap_below_min)} 分为上限"
    return text + "。"


def _survey(ctx: _Context) -> None:
    ev, summary = ctx.evaluation, ctx.summary
    spec = ev.sheet.survey
    story = ctx.story
    story.append(PageBreak())
    story.append(_p("附表3　公众满意度调查统计", "h1"))
    stats = summary.survey
    if spec is None or stats is None:
        story.append(_p("本计分表不含公众满意度调查。", "body_plain"))
        return
    total = stats.valid_samples + stats.invalid_samples
    target = f"，目标 {spec.target_valid_samples} 份" if spec.target_valid_samples else ""
    story.append(_p(f"共收集样本 {total} 份：有效 {stats.valid_samples} 份，无效 {stats.invalid_samples} 份"
                    f"（总体满意度缺答或答“{UNKNOWN_ANSWER}”的样本无效）；"
                    f"最低要求 {spec.min_valid_samples} 份{target}。",
                    "body_plain"))
    kinds: dict[str, int] = {}
    for sample in ev.survey:
        kinds[sample.respondent_type or "未注明"] = kinds.get(sample.respondent_type or "未注明", 0) + 1
    if kinds:
        story.append(_p("受访者：" + "，".join(f"{k} {v} 份" for k, v in kinds.items()) + "。", "body_plain"))
    if stats.below_minimum:
        story.append(Spacer(1, 4))
        story.append(_p("注意：" + _below_minimum_text(stats, ev), "warn"))
    story.append(Spacer(1, 6))

    labels = list(spec.labels)
    levels = labels + [UNKNOWN_ANSWER]
    s, sc, sr = "small", "small_c", "small_r"
    header = [_p("问题", sc)] + [_p(label, "tiny_c") for label in levels] + [
        _p("有效回答", "tiny_c"), _p("满意率", "tiny_c"), _p("满意度指数", "tiny_c")]
    rows = [header]
    for question in spec.questions:
        q = stats.questions.get(question.code)
        if q is None:
            continue
        text = question.text + ("（总体）" if question.code == spec.overall_question else "")
        rows.append([_p(f"{question.code} {text}", s)] + [_p(str(q.counts.get(label, 0)), sc) for label in levels]
                    + [_p(str(q.valid), sc), _p(percent(q.rate), sr), _p(_num(q.index), sr)])
    cols = [ctx.width - 33 * (len(levels) + 1) - 46 * 2] + [33] * (len(levels) + 1) + [46, 46]
    table = Table(rows, colWidths=cols, repeatRows=1, splitInRow=1)
    overall_row = next((i for i, q in enumerate(spec.questions, start=1) if q.code == spec.overall_question), None)
    extra = [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    if overall_row is not None:
        extra.append(("BACKGROUND", (0, overall_row), (-1, overall_row), CATEGORY_FILL))
    table.setStyle(_grid_style(extra))
    story.append(table)
    overall = stats.questions.get(spec.overall_question)
    if overall is not None and overall.valid:
        overall_question = spec.question(spec.overall_question)
        title = (f"{spec.overall_question} {overall_question.text if overall_question else ''} "
                 f"回答分布（有效样本 {overall.valid} 份）")
        story.append(Spacer(1, 8))
        story.append(_bar_chart(overall.counts, labels, ctx.width, title))
    story.append(Spacer(1, 8))

    derive = spec.derive
    weighted = any(q.weight != 1 for q in spec.questions)
    facts = [
        ("总体满意率", f"{percent(stats.rate)}（{spec.overall_question} 总体满意度，"
                  f"“{'、'.join(labels[:spec.satisfied_levels])}”占有效样本的比例）"),
        ("严格满意率", f"{percent(stats.strict_rate)}（“{'、'.join(labels[:min(2, spec.satisfied_levels)])}”）"),
        ("满意度指数", f"{_num(stats.index)}（各问题满意度指数的{'加权' if weighted else ''}平均；"
                  + "，".join(f"{lv.label} {fmt_plain(lv.weight)}" for lv in spec.levels) + "）"),
        ("满意率 95% 置信区间", f"{percent(stats.wilson_low)} – {percent(stats.wilson_high)}（Wilson 区间，z = 1.96）"
         if stats.wilson_low is not None else "—"),
    ]
    if derive is not None:
        item = ev.sheet.item(derive.item)
        name = f"{derive.item} {item.name}" if item else derive.item
        text = f"{_num(stats.derived_score)} 分（满分 {fmt_plain(item.max) if item else '—'}）"
        bands = "；".join(f"满意率 ≥ {fmt_plain(b.min_rate * 100)}% 得 {fmt_plain(b.score)} 分" for b in derive.bands)
        text += f"；换算规则：{bands}"
        if summary.overridden:
            override = next((o for o in ev.overrides if o.item == derive.item), None)
            if override is not None:
                text += f"。评估组调整为 {fmt_plain(override.score)} 分，理由：{override.reason}"
        facts.append((f"{name} 换算得分", text))
    fact_table = Table([[_p(k, "cell_c"), _p(v)] for k, v in facts], colWidths=_scaled([1.3, 3], ctx.width),
                       splitInRow=1)
    fact_table.setStyle(_grid_style([("BACKGROUND", (0, 0), (0, -1), HEAD_FILL)]))
    story.append(fact_table)


def _bar_chart(counts: dict[str, int], labels: list[str], width: float, title: str) -> Drawing:
    values = [counts.get(label, 0) for label in labels]
    peak = max(values) if values else 0
    step = max(1, -(-peak // 5))
    height = 180
    drawing = Drawing(width, height, initialFontName=FONT_NAME, initialFontSize=10)
    drawing.add(String(width / 2, height - 14, title, fontName=FONT_NAME, fontSize=11, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 46, 30
    chart.width, chart.height = width - 70, height - 62
    chart.data = [values]
    chart.barWidth = 10
    chart.groupSpacing = 18
    chart.bars[0].fillColor = colors.Color(0.30, 0.45, 0.65)
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * max(1, -(-peak // step)) + (step if peak % step == 0 else 0)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.dy = -4
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT_NAME
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 7
    drawing.add(chart)
    drawing.add(String(14, 30 + (height - 62) / 2, "份数", fontName=FONT_NAME, fontSize=9, textAnchor="middle"))
    return drawing


# -- 附表4 问题与改进建议 ------------------------------------------------------------------------------

def _note_reference(ctx: _Context, item_code: str, step: int | None) -> str:
    parts = []
    if item_code:
        item = ctx.evaluation.sheet.item(item_code)
        parts.append(f"{item_code} {item.name}" if item else item_code)
    if step is not None:
        found = next((s for s in steps_for(ctx.evaluation.kind) if s.number == step), None)
        parts.append(f"第 {step} 步{'：' + found.title if found else ''}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _notes(ctx: _Context) -> None:
    ev = ctx.evaluation
    story = ctx.story
    story.append(CondPageBreak(80 * mm))
    story.append(Spacer(1, 12))
    story.append(_p("附表4　问题与改进建议", "h1"))
    for heading, notes in (("一、存在的问题", ev.findings), ("二、改进意见和建议", ev.suggestions)):
        story.append(_p(heading, "h2"))
        if not notes:
            story.append(_p("无。" if not ctx.paper_mode else "", "body_plain"))
            continue
        for number, note in enumerate(notes, start=1):
            reference = _note_reference(ctx, note.item, note.step)
            story.append(_pm(f"{number}．{_markup(note.text)}<font color='#555555' size=10>{_markup(reference)}</font>",
                             "list"))


# -- 附表5 程序记录 ---------------------------------------------------------------------------------

def _procedure(ctx: _Context) -> None:
    ev = ctx.evaluation
    story = ctx.story
    story.append(CondPageBreak(90 * mm))
    story.append(Spacer(1, 12))
    title = "复查工作程序记录" if ev.kind is Kind.REINSPECTION else "评估工作程序记录"
    story.append(_p(f"附表5　{title}", "h1"))
    rows = [[_p("序号", "sheet_c"), _p("步骤", "sheet_c"), _p("依据", "sheet_c"), _p("开始时间", "sheet_c"),
             _p("完成时间", "sheet_c")]]
    for step in steps_for(ev.kind):
        start, finish = ctx.step_times.get(step.number, ("", ""))
        rows.append([_p(str(step.number), "sheet_c"), _p(step.title, "sheet"), _p(step.article, "sheet_c"),
                     _p(_cn_time(start).replace(" ", "\n"), "sheet_c"),
                     _p(_cn_time(finish).replace(" ", "\n"), "sheet_c")])
    table = Table(rows, colWidths=_scaled([30, 170, 86, 72, 72], ctx.width), repeatRows=1, splitInRow=1)
    table.setStyle(_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    story.append(table)
    if ev.evaluation_date:
        story.append(Spacer(1, 4))
        story.append(_p(f"{ctx.wording.date_label}：{evaluation_period(ev)}；程序依据："
                        f"{'第三十四条' if ev.kind is Kind.REINSPECTION else '第二十一条'}。", "note"))


# -- 附表6 评估组组成与回避、否决项认定、协商记录 -------------------------------------------------------------

def collect_revisions(store, evaluation: Evaluation) -> dict[tuple[str, str], list[dict]]:
    """Every score's revisions from an `EvaluationStore` (its `score_revisions`), for `revisions=`."""
    found: dict[tuple[str, str], list[dict]] = {}
    for score in evaluation.scores:
        rows = store.score_revisions(score.member, score.item)
        if rows:
            found[(score.member, score.item)] = list(rows)
    return found


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("是" if value else "否")


def _member_name(ev: Evaluation, member_id: str) -> str:
    if not member_id:
        return ""
    return _scorer_label(ev, member_id)


def _panel_appendix(ctx: _Context) -> None:
    ev, summary = ctx.evaluation, ctx.summary
    story = ctx.story
    group = "复查专家组" if ev.kind is Kind.REINSPECTION else "评估组"
    story.append(PageBreak())
    story.append(_p(f"附表6　{group}组成与回避、否决项认定、协商记录", "h1"))

    # 一、组成与遴选 (第十九条, 第二十八条)
    story.append(_p(f"一、{group}组成与成员遴选", "h3"))
    members = [m for group_ in _ordered_panel(ev) for m in group_]
    standardization = sum(1 for m in members if m.category.value == "标准化专家")
    needed = -(-len(members) // 3)
    article = "第三十四条" if ev.kind is Kind.REINSPECTION else "第十九条"
    story.append(_p(f"共 {len(members)} 人（{article}：一般为 5 至 7 人），其中标准化专家 {standardization} 人"
                    f"（不少于成员总数的三分之一，即 {needed} 人）。专家条件依第二十八条：本科以上学历、"
                    "高级以上技术职称、从事标准化或者相关业务工作 5 年以上。", "body_plain"))
    rows = [[_p(h, "tiny_c") for h in ("序号", "姓名", "角色", "类别", "遴选方式及记录", "学历", "高级职称",
                                        "从业年限", "专家条件核对")]]
    for index, m in enumerate(members, start=1):
        selection = m.selection or "（未记录）"
        if m.selection_record:
            selection += f"：{m.selection_record}"
        if m.replaces:
            selection += f"（替换 {_member_name(ev, m.replaces)}）"
        checks = [f.message.split("：", 1)[-1] for f in qualification_findings(m)]
        rows.append([_p(str(index), "small_c"), _p(m.name, "small_c"), _p(m.role.value, "small_c"),
                     _p(m.category.value, "small_c"), _p(selection, "small"), _p(m.education or "—", "small_c"),
                     _p(_yes_no(m.senior_title), "small_c"),
                     _p("—" if m.years is None else f"{m.years} 年", "small_c"),
                     _p("；".join(checks) if checks else "符合", "small")])
    table = Table(rows, colWidths=_scaled([20, 40, 26, 50, 112, 38, 26, 30, 72], ctx.width), repeatRows=1)
    table.setStyle(_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    story.append(table)
    if summary.panel_problems:
        story.append(_p("注意：" + "；".join(summary.panel_problems), "warn"))

    # 二、回避声明
    story.append(_p("二、回避声明", "h3"))
    questions = list(RECUSAL_QUESTIONS.items())
    story.append(_p("每名成员评分前逐项声明（“是”者须回避，更换人员后方可评分）：" + "；".join(
        f"{index}．{text}" for index, (_, text) in enumerate(questions, start=1)) + "。", "note"))
    rows = [[_p("姓名", "tiny_c")] + [_p(f"声明{index}", "tiny_c") for index in range(1, len(questions) + 1)]
            + [_p("声明时间", "tiny_c"), _p("结论", "tiny_c")]]
    for m in members:
        recusal = m.recusal
        if recusal is None:
            rows.append([_p(m.name, "small_c")] + [_p("—", "small_c") for _ in questions]
                        + [_p("—", "small_c"), _p("未声明", "small_c")])
            continue
        answers = [_p(_yes_no(recusal.answers.get(key)), "small_c") for key, _ in questions]
        verdict = "须回避" if recusal.conflict else "无须回避"
        rows.append([_p(m.name, "small_c"), *answers, _p(_cn_time(recusal.declared_at) or "—", "small_c"),
                     _p(verdict, "small_c")])
    table = Table(rows, colWidths=_scaled([60] + [40] * len(questions) + [90, 70], ctx.width), repeatRows=1)
    table.setStyle(_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    story.append(table)

    # 三、否决项认定
    story.append(_p("三、否决项认定", "h3"))
    decisions = {d.code: d for d in ev.vetoes}
    rows = [[_p(h, "tiny_c") for h in ("编号", "否决项", "认定", "理由 / 依据")]]
    for spec in ev.sheet.vetoes:
        decision = decisions.get(spec.code)
        if spec.code in summary.vetoes:
            verdict = "成立（否决）"
        elif decision is not None and not decision.confirmed:
            verdict = "不成立"
        else:
            verdict = "未发现"
        reason = decision.note if decision is not None and decision.note else ""
        if spec.rule is not None:
            rule = f"{spec.rule.target} 得分低于其满分的 {fmt_plain(spec.rule.below_ratio * 100)}% 时自动成立"
            reason = f"{reason}（{rule}）" if reason else rule
        rows.append([_p(spec.code, "small_c"), _p(spec.text, "small"), _p(verdict, "small_c"),
                     _p(reason or "—", "small")])
    for code, decision in decisions.items():  # decisions on codes the sheet no longer lists
        if ev.sheet.veto(code) is None:
            rows.append([_p(code, "small_c"), _p("（计分表中无此项）", "small"),
                         _p("成立（否决）" if decision.confirmed else "不成立", "small_c"),
                         _p(decision.note or "—", "small")])
    if len(rows) == 1:
        story.append(_p("本计分表未设否决项。", "body_plain"))
    else:
        table = Table(rows, colWidths=_scaled([30, 170, 54, 150], ctx.width), repeatRows=1)
        table.setStyle(_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
        story.append(table)

    # 四、协商记录
    story.append(_p("四、协商记录（评分修改与调整）", "h3"))
    rows = [[_p(h, "tiny_c") for h in ("评分人", "项目", "原分", "改为", "理由", "修改人 / 时间")]]
    sheet = ev.sheet
    for (who, code), changes in sorted(ctx.revisions.items(), key=lambda entry: (
            scorers(ev).index(entry[0][0]) if entry[0][0] in scorers(ev) else 99, _item_order(sheet, entry[0][1]))):
        item = sheet.item(code)
        for change in changes:
            old, new = change.get("old"), change.get("new")
            author = _member_name(ev, str(change.get("author") or ""))
            rows.append([_p(_scorer_label(ev, who), "small_c"),
                         _p(f"{code} {item.name}" if item else code, "small"),
                         _p("—" if old is None else fmt_plain(Decimal(str(old))), "small_c"),
                         _p("—" if new is None else fmt_plain(Decimal(str(new))), "small_c"),
                         _p(str(change.get("reason") or "（未注明）"), "small"),
                         _p("\n".join(x for x in (author, _cn_time(str(change.get("at") or ""))) if x) or "—",
                            "small_c")])
    for override in ev.overrides:
        item = sheet.item(override.item)
        derived = summary.derived_value
        rows.append([_p(group, "small_c"), _p(f"{override.item} {item.name}" if item else override.item, "small"),
                     _p(_num(derived) if override.item == summary.derived_item else "—", "small_c"),
                     _p(fmt_plain(override.score), "small_c"), _p(override.reason or "（未注明）", "small"),
                     _p("—", "small_c")])
    if len(rows) == 1:
        story.append(_p("成员提交评分后未作修改，评估组未调整换算得分。", "body_plain"))
    else:
        table = Table(rows, colWidths=_scaled([50, 110, 34, 34, 150, 70], ctx.width), repeatRows=1)
        table.setStyle(_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
        story.append(table)
    if summary.disagreements:
        story.append(_p("成员评分分歧（极差超过该项满分的 "
                        f"{fmt(sheet.disagreement_ratio * 100)}%）：" + "；".join(
                            f"{d.item}（{fmt_plain(d.low)}–{fmt_plain(d.high)}）" for d in summary.disagreements)
                        + "。", "note"))


def _item_order(sheet, code: str) -> int:
    codes = [item.code for category in sheet.categories for item in category.items]
    return codes.index(code) if code in codes else len(codes)


def printed_fields(evaluation: Evaluation, revisions: Revisions | None = None) -> list[tuple[str, str]]:
    """(where, text) for every piece of entered text the report prints, to check the fonts cover it."""
    ev = evaluation
    fields: list[tuple[str, str]] = [("评估编号", ev.id)]
    fields += [(f"试点信息“{PILOT_FIELDS.get(key, key)}”", str(value)) for key, value in ev.pilot.items()]
    fields += [("评估目的", ev.purpose), ("评估依据", ev.basis), ("评估综述", ev.summary_text)]
    for m in ev.panel:
        who = f"成员“{m.name}”"
        fields += [("成员姓名", m.name), (f"{who}的单位", m.org), (f"{who}的职务（职称）", m.title),
                   (f"{who}的电话", m.phone), (f"{who}的学历", m.education), (f"{who}的遴选方式", m.selection),
                   (f"{who}的遴选记录", m.selection_record)]
    for score in ev.scores:
        fields.append((f"{_scorer_label(ev, score.member)}对 {score.item} 的扣分理由", score.note))
    fields += [(f"否决项 {v.code} 的认定理由", v.note) for v in ev.vetoes]
    fields += [(f"加分项 {b.code} 的说明", b.note) for b in ev.bonuses]
    fields += [(f"{o.item} 的调整理由", o.reason) for o in ev.overrides]
    fields += [("存在的问题", n.text) for n in ev.findings] + [("改进建议", n.text) for n in ev.suggestions]
    fields += [("受访者类型", s.respondent_type) for s in ev.survey]
    sheet = ev.sheet
    fields.append(("计分表名称", f"{sheet.name} {sheet.version}"))
    for category in sheet.categories:
        fields.append((f"计分表类别 {category.code}", category.name))
        fields += [(f"计分表项目 {item.code}", item.name) for item in category.items]
    fields += [(f"否决项 {v.code}", v.text) for v in sheet.vetoes]
    fields += [(f"加分项 {b.code}", b.text) for b in sheet.bonuses]
    if sheet.survey is not None:
        fields += [("满意度等级", label) for label in sheet.survey.labels]
        fields += [(f"调查问题 {q.code}", q.text) for q in sheet.survey.questions]
    for (who, code), changes in (revisions or {}).items():
        for change in changes:
            fields.append((f"{_scorer_label(ev, who)}对 {code} 的评分修改理由", str(change.get("reason") or "")))
    return [(where, text) for where, text in fields if text]
