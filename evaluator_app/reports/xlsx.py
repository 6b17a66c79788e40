"""The evaluation as an Excel workbook: the panel's figures, each member's sheet, the survey.

Every figure is the app's own computed value (`domain.scoring.compute`), written as a number rounded
half up exactly as the summary shows it (scores to 2 places, rates to 4); openpyxl computes nothing,
so the workbook holds no formulas. Text cells are always text: a note starting with "=" stays a note.

Worksheets: 汇总 (items × members, subtotals, 基础分 + 加分 = 总分, 否决项, 结论, 后续处理, the pilot's data),
one per member (or one 评估组 sheet in consensus mode), 满意度样本 and 满意度统计 (when the sheet has a
survey). The file is written atomically: a temporary file beside the target, then renamed over it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.evaluation import PILOT_FIELDS, Evaluation, Kind, Role
from ..domain.scoring import Summary, compute, scorers
from ..domain.sheet import UNKNOWN_ANSWER, Aggregation, Sheet
from ..domain.survey import is_valid_sample
from ..fileio import atomic_write_bytes
from ..numbers import FOUR_PLACES, Number, fmt, fmt_plain, rounded
from ..presentation import (
    applicable_max,
    category_lines,
    category_max,
    consequence_text,
    evaluation_period,
    member_category_total,
    percent,
    result_text,
    sheet_label,
)

SUMMARY_TITLE = "汇总"
SAMPLES_TITLE = "满意度样本"
STATS_TITLE = "满意度统计"
PANEL_TITLE = "评估组评分"
AGGREGATE_HEADER = "评估组得分"

SCORE_FORMAT = "0.00"
RATE_FORMAT = "0.00%"
COUNT_FORMAT = "0"

NOT_DUE = "未到期"
DERIVED_MARK = "满意度换算"
AGGREGATION_TEXT = {
    Aggregation.MEAN: "各成员评分的算术平均值",
    Aggregation.TRIMMED_MEAN: "去掉一个最高分和一个最低分后的平均值（5 人及以上评分时）",
    Aggregation.CONSENSUS: "评估组共识评分（评估组统一录入一套评分）",
}

MAX_TITLE = 31  # Excel's limit on worksheet names
TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED_TITLES = ("history",)  # Excel reserves "History"
MAX_CELL_TEXT = 32767
LANDSCAPE_ABOVE = 100  # total column width (characters) beyond which a sheet prints landscape

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CATEGORY_FILL = PatternFill("solid", fgColor="F2F2F2")
DERIVED_FILL = PatternFill("solid", fgColor="FFF2CC")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def export_evaluation_xlsx(evaluation: Evaluation, out_path: str | os.PathLike[str],
                           summary: Summary | None = None) -> None:
    """Write the evaluation's workbook at `out_path`, replaced atomically; UserError if it cannot be written."""
    summary = summary if summary is not None else compute(evaluation)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _write_summary(wb.create_sheet(SUMMARY_TITLE), evaluation, summary)
    used = {SUMMARY_TITLE, SAMPLES_TITLE, STATS_TITLE}
    for scorer in scorers(evaluation):
        member = evaluation.member(scorer)
        title = _sheet_title(member.name if member else PANEL_TITLE, used)
        _write_scorer(wb.create_sheet(title), evaluation, summary, scorer)
    if evaluation.sheet.survey is not None:
        _write_samples(wb.create_sheet(SAMPLES_TITLE), evaluation)
        _write_stats(wb.create_sheet(STATS_TITLE), evaluation, summary)
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(out_path, buffer.getvalue())


# --- values -------------------------------------------------------------------------------------

def _score(value: Number | None) -> Decimal | None:
    """A score as the summary shows it: rounded half up to 2 places, from the exact value."""
    return None if value is None else rounded(value)


def _rate(value: Number | None) -> Decimal | None:
    return None if value is None else rounded(value, FOUR_PLACES)


def _time_text(value: str) -> str:
    """"2025-11-18T09:32:00+08:00" shown as "2025-11-18 09:32"; anything else as it is."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def _sheet_title(name: str, used: set[str]) -> str:
    """A worksheet title Excel accepts (≤ 31 characters, no []:*?/\\), unique without regard to case."""
    base = TITLE_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", name)).strip().strip("'").strip() or "成员"
    taken = {title.casefold() for title in used} | set(RESERVED_TITLES)
    title, number = base[:MAX_TITLE], 1
    while title.casefold() in taken:
        number += 1
        suffix = f"（{number}）"
        title = base[:MAX_TITLE - len(suffix)] + suffix
    used.add(title)
    return title


# --- cells and layout ---------------------------------------------------------------------------

def _put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None, *,
         bold: bool = False, fill: PatternFill | None = None, wrap: bool = False,
         center: bool = False) -> Cell:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
        cell.value = text
        cell.data_type = "s"  # always text: never a formula ("=…") nor an error code ("#N/A")
        if text[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    if bold:
        cell.font = BOLD
    if fill is not None:
        cell.fill = fill
    cell.border = GRID
    cell.alignment = Alignment(vertical="center" if center else "top", wrap_text=wrap,
                               horizontal="center" if center else None)
    return cell


def _merge_text(ws: Worksheet, row: int, first: int, last: int, text: str, widths: list[float], *,
                bold: bool = False, fill: PatternFill | None = None) -> None:
    """Text across columns first..last, the row tall enough for it (Excel does not fit merged rows)."""
    for col in range(first, last + 1):
        _put(ws, row, col, None, fill=fill)
    _put(ws, row, first, text, bold=bold, fill=fill, wrap=True)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    _fit_height(ws, row, text, sum(widths[first - 1:last]))


def _fit_height(ws: Worksheet, row: int, text: str, width: float) -> None:
    """Enough lines for `text` in `width` characters; a CJK character takes two."""
    lines = 0
    for part in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
        lines += max(1, math.ceil(units / max(width - 1, 1)))
    if lines > 1:
        current = ws.row_dimensions[row].height or 0
        ws.row_dimensions[row].height = max(current, 15 * lines + 3)


def _title(ws: Worksheet, evaluation: Evaluation, label: str, widths: list[float]) -> None:
    """Row 1: the pilot and what this worksheet is, marked 暂定 when the sheet is provisional."""
    name = evaluation.pilot.get("name") or evaluation.pilot.get("unit") or ""
    provisional = "（计分表暂定）" if evaluation.sheet.provisional else ""
    text = f"{name}　{label}{provisional}"
    cell = _put(ws, 1, 1, text)
    cell.font = TITLE_FONT
    cell.border = Border()
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(widths))
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) * 14 / 11  # 14-point characters
    ws.row_dimensions[1].height = 20 * max(1, math.ceil(units / sum(widths))) + 4


def _header(ws: Worksheet, row: int, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        _put(ws, row, col, text, bold=True, fill=HEADER_FILL, wrap=True, center=True)
    ws.row_dimensions[row].height = 30


def _layout(ws: Worksheet, widths: list[float], header_row: int, freeze: str) -> None:
    """Column widths, frozen panes, A4 fitted to the page width, the header repeated on every page."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = freeze
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > LANDSCAPE_ABOVE else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.text = "&A"


# --- 汇总 ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Columns:
    """The 汇总 matrix: 编号, 项目, 满分, one column per member (none in consensus mode), 评估组得分, 说明."""

    members: list[str]

    @property
    def aggregate(self) -> int:
        return 4 + len(self.members)

    @property
    def note(self) -> int:
        return self.aggregate + 1

    @property
    def widths(self) -> list[float]:
        return [8, 26, 8, *[10] * len(self.members), 11, 30]


def _write_summary(ws: Worksheet, evaluation: Evaluation, summary: Summary) -> None:
    sheet = evaluation.sheet
    consensus = sheet.aggregation is Aggregation.CONSENSUS
    cols = _Columns([] if consensus else [m.id for m in evaluation.panel])
    widths = cols.widths
    last = len(widths)
    _title(ws, evaluation, f"{evaluation.kind.value}汇总表", widths)
    period = evaluation_period(evaluation) or "未定"
    subtitle = (f"试点单位：{evaluation.pilot.get('unit', '')}　　评估日期：{period}　　"
                f"计分表：{sheet_label(sheet)}　　汇总方式：{AGGREGATION_TEXT[sheet.aggregation]}")
    _merge_text(ws, 2, 1, last, subtitle, widths)

    header_row = 3
    member_names = {m.id: m.name for m in evaluation.panel}
    names = [member_names.get(m, m) for m in cols.members]
    _header(ws, header_row, ["编号", "项目", "满分", *names, AGGREGATE_HEADER, "说明"])
    row = header_row + 1
    mine = _member_scores(evaluation)
    na = set(summary.not_applicable)
    subtotals = {line.code: line for line in category_lines(sheet, summary)}
    flagged = {d.item: d for d in summary.disagreements}
    missing_by_item: dict[str, int] = {}
    for _, item_code in summary.missing:
        missing_by_item[item_code] = missing_by_item.get(item_code, 0) + 1

    for category in sheet.categories:
        _put(ws, row, 1, category.code, bold=True, fill=CATEGORY_FILL)
        _put(ws, row, 2, f"{category.name}（小计）", bold=True, fill=CATEGORY_FILL, wrap=True)
        line = subtotals[category.code]
        _put(ws, row, 3, line.maximum, SCORE_FORMAT, bold=True, fill=CATEGORY_FILL)
        for offset, member in enumerate(cols.members):
            _put(ws, row, 4 + offset, _score(member_category_total(evaluation, summary, member, category)),
                 SCORE_FORMAT, bold=True, fill=CATEGORY_FILL)
        _put(ws, row, cols.aggregate, line.score, SCORE_FORMAT, bold=True, fill=CATEGORY_FILL)
        _put(ws, row, cols.note, None, fill=CATEGORY_FILL)
        row += 1
        for item in category.items:
            derived = item.code == summary.derived_item
            fill = DERIVED_FILL if derived else None
            _put(ws, row, 1, item.code, fill=fill)
            _put(ws, row, 2, item.name, fill=fill, wrap=True)
            _put(ws, row, 3, item.max, SCORE_FORMAT, fill=fill)
            for offset, member in enumerate(cols.members):
                if item.code in na:
                    value: Any = NOT_DUE
                elif derived:
                    value = _score(summary.derived_value)
                else:
                    value = _score(mine.get((member, item.code)))
                _put(ws, row, 4 + offset, value, SCORE_FORMAT, fill=fill)
            aggregate = NOT_DUE if item.code in na else _score(summary.items.get(item.code))
            _put(ws, row, cols.aggregate, aggregate, SCORE_FORMAT, bold=True, fill=fill)
            notes = []
            if derived:
                notes.append(_derived_note(evaluation, summary))
            if item.code in flagged:
                d = flagged[item.code]
                notes.append(f"分歧：成员评分 {fmt_plain(d.low)}～{fmt_plain(d.high)}，"
                             f"极差超过满分的 {fmt_plain(sheet.disagreement_ratio * 100)}%")
            if item.code in missing_by_item:
                notes.append(f"尚有 {missing_by_item[item.code]} 份评分未录入")
            note = "；".join(notes)
            _put(ws, row, cols.note, note or None, fill=fill, wrap=True)
            if note:
                _fit_height(ws, row, note, widths[cols.note - 1])
            row += 1

    applicable = applicable_max(sheet, summary)
    _total_row(ws, row, cols, "基础分（各成员合计）", applicable,
               [_score(summary.members.get(m)) for m in cols.members], _score(summary.base_score), "")
    awards = "；".join(f"{b.code} {fmt_plain(b.score)} 分" + (f"：{b.note}" if b.note else "")
                      for b in evaluation.bonuses)
    if sheet.bonus_cap is not None and sum((b.score for b in evaluation.bonuses), Decimal(0)) > sheet.bonus_cap:
        awards += f"（合计超过上限，按 {fmt_plain(sheet.bonus_cap)} 分计）"
    _total_row(ws, row + 1, cols, "加分", sheet.bonus_cap, [], _score(summary.bonus), awards or "无")
    pass_note = "" if evaluation.kind is Kind.MIDTERM else f"合格线 {fmt_plain(sheet.pass_score)} 分"
    _total_row(ws, row + 2, cols, "总分", sheet.total_cap, [], _score(summary.total), pass_note)
    row += 3
    consequence = consequence_text(summary)
    for label, text in (("否决项", _veto_text(sheet, evaluation, summary)),
                        ("结论", result_text(summary)),
                        *((("后续处理", consequence),) if consequence else ())):
        _put(ws, row, 1, None, fill=TOTAL_FILL)
        _put(ws, row, 2, label, bold=True, fill=TOTAL_FILL)
        _merge_text(ws, row, 3, last, text, widths, bold=label == "结论", fill=TOTAL_FILL)
        row += 1
    for text in summary.panel_problems + summary.warnings:
        _put(ws, row, 1, None)
        _put(ws, row, 2, "提示", bold=True)
        _merge_text(ws, row, 3, last, text, widths)
        row += 1

    row += 1
    _merge_text(ws, row, 1, last, "试点及评估基本信息", widths, bold=True, fill=HEADER_FILL)
    for label, value in _info_rows(evaluation, summary):
        row += 1
        _put(ws, row, 1, label, bold=True, wrap=True)
        _put(ws, row, 2, None)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        _merge_text(ws, row, 3, last, value, widths)
    _layout(ws, widths, header_row, freeze=f"D{header_row + 1}")


def _member_scores(evaluation: Evaluation) -> dict[tuple[str, str], Decimal]:
    return {(s.member, s.item): s.score for s in evaluation.scores if s.score is not None}


def _total_row(ws: Worksheet, row: int, cols: _Columns, label: str, maximum: Decimal | None,
               members: list[Decimal | None], aggregate: Decimal | None, note: str) -> None:
    _put(ws, row, 1, None, fill=TOTAL_FILL)
    _put(ws, row, 2, label, bold=True, fill=TOTAL_FILL)
    _put(ws, row, 3, maximum, SCORE_FORMAT, bold=True, fill=TOTAL_FILL)
    for offset in range(len(cols.members)):
        value = members[offset] if offset < len(members) else None
        _put(ws, row, 4 + offset, value, SCORE_FORMAT, bold=True, fill=TOTAL_FILL)
    _put(ws, row, cols.aggregate, aggregate, SCORE_FORMAT, bold=True, fill=TOTAL_FILL)
    _put(ws, row, cols.note, note or None, fill=TOTAL_FILL, wrap=True)
    if note:
        _fit_height(ws, row, note, cols.widths[cols.note - 1])


def _derived_note(evaluation: Evaluation, summary: Summary) -> str:
    stats = summary.survey
    text = DERIVED_MARK
    if stats is not None:
        text += f"（总体满意率 {percent(stats.rate)}，有效样本 {stats.valid_samples} 份）"
    override = next((o for o in evaluation.overrides if o.item == summary.derived_item), None)
    if override is not None:
        computed = fmt(stats.derived_score) if stats is not None else "—"
        text += f"；评估组调整为 {fmt_plain(override.score)} 分（换算 {computed} 分），理由：{override.reason}"
    return text


def _veto_text(sheet: Sheet, evaluation: Evaluation, summary: Summary) -> str:
    if not summary.vetoes:
        return "无"
    confirmed = {d.code for d in evaluation.vetoes if d.confirmed}
    parts = []
    for code in summary.vetoes:
        veto = sheet.veto(code)
        how = "评估组确认" if code in confirmed else "按计分表规则触发"
        parts.append(f"{code} {veto.text if veto else ''}（{how}）")
    return "；".join(parts)


def _info_rows(evaluation: Evaluation, summary: Summary) -> list[tuple[str, str]]:
    sheet = evaluation.sheet
    rows = [("评估类型", evaluation.kind.value)]
    rows += [(label, evaluation.pilot[key]) for key, label in PILOT_FIELDS.items() if evaluation.pilot.get(key)]
    rows.append(("评估日期", evaluation_period(evaluation) or "未定"))
    rows.append(("计分表", f"{sheet_label(sheet)}；满分 {fmt_plain(sheet.max_total)} 分，"
                           f"合格线 {fmt_plain(sheet.pass_score)} 分"))
    rows.append(("汇总方式", AGGREGATION_TEXT[sheet.aggregation]))
    roster = "、".join(
        f"{m.name}（{'组长，' if m.role is Role.LEADER else ''}{m.category.value}"
        + (f"，{m.org}" if m.org else "") + (f"，{m.title}" if m.title else "") + "）"
        for m in evaluation.panel)
    rows.append(("评估组", f"{summary.panel_size} 人：{roster}" if roster else "未组成"))
    rows.append(("标准化专家", f"{summary.standardization_experts} 名（{summary.panel_size} 人评估组至少 "
                               f"{summary.required_experts} 名）"))
    if evaluation.purpose:
        rows.append(("评估目的", evaluation.purpose))
    if evaluation.basis:
        rows.append(("评估依据", evaluation.basis))
    return rows


# --- one member's sheet ---------------------------------------------------------------------------

def _write_scorer(ws: Worksheet, evaluation: Evaluation, summary: Summary, scorer: str) -> None:
    sheet = evaluation.sheet
    widths: list[float] = [8, 28, 8, 8, 46]
    member = evaluation.member(scorer)
    if member is not None:
        _title(ws, evaluation, f"{member.name} 评分表", widths)
        facts = [f"单位：{member.org}" if member.org else "", f"职务（职称）：{member.title}" if member.title else "",
                 f"类别：{member.category.value}", f"角色：{member.role.value}"]
        line = "　　".join(f for f in facts if f)
    else:
        _title(ws, evaluation, PANEL_TITLE, widths)
        line = "共识模式：评估组对每个项目录入一个统一评分"
    _merge_text(ws, 2, 1, len(widths), line, widths)
    header_row = 3
    _header(ws, header_row, ["编号", "项目", "满分", "得分", "扣分理由"])
    row = header_row + 1
    entries = {s.item: s for s in evaluation.scores if s.member == scorer}
    na = set(summary.not_applicable)
    for category in sheet.categories:
        _put(ws, row, 1, category.code, bold=True, fill=CATEGORY_FILL)
        _put(ws, row, 2, f"{category.name}（小计）", bold=True, fill=CATEGORY_FILL, wrap=True)
        _put(ws, row, 3, category_max(category, summary), SCORE_FORMAT, bold=True, fill=CATEGORY_FILL)
        _put(ws, row, 4, _score(member_category_total(evaluation, summary, scorer, category)), SCORE_FORMAT,
             bold=True, fill=CATEGORY_FILL)
        _put(ws, row, 5, None, fill=CATEGORY_FILL)
        row += 1
        for item in category.items:
            derived = item.code == summary.derived_item
            fill = DERIVED_FILL if derived else None
            entry = entries.get(item.code)
            if item.code in na:
                value: Any = NOT_DUE
                note = ""
            elif derived:
                value = _score(summary.derived_value)
                note = f"{DERIVED_MARK}，非成员评分"
            else:
                value = _score(entry.score) if entry is not None and entry.score is not None else None
                note = entry.note if entry is not None else "未评分"
            _put(ws, row, 1, item.code, fill=fill)
            _put(ws, row, 2, item.name, fill=fill, wrap=True)
            _put(ws, row, 3, item.max, SCORE_FORMAT, fill=fill)
            _put(ws, row, 4, value, SCORE_FORMAT, fill=fill)
            _put(ws, row, 5, note or None, fill=fill, wrap=True)
            if note:
                _fit_height(ws, row, note, widths[4])
            row += 1
    applicable = applicable_max(sheet, summary)
    _put(ws, row, 1, None, fill=TOTAL_FILL)
    _put(ws, row, 2, "合计", bold=True, fill=TOTAL_FILL)
    _put(ws, row, 3, applicable, SCORE_FORMAT, bold=True, fill=TOTAL_FILL)
    _put(ws, row, 4, _score(summary.members.get(scorer, Fraction(0))), SCORE_FORMAT, bold=True, fill=TOTAL_FILL)
    _put(ws, row, 5, None, fill=TOTAL_FILL)
    _layout(ws, widths, header_row, freeze=f"C{header_row + 1}")


# --- the survey ---------------------------------------------------------------------------------

def _write_samples(ws: Worksheet, evaluation: Evaluation) -> None:
    spec = evaluation.sheet.survey
    assert spec is not None
    widths: list[float] = [8, 7, 18, 17, 9, *[10] * len(spec.questions), 30, 8]
    _title(ws, evaluation, "满意度调查样本", widths)
    header_row = 2
    _header(ws, header_row, ["编号", "类型", "地点", "时间", "采集人",
                             *[f"{q.code} {q.text}" for q in spec.questions], "备注", "有效性"])
    row = header_row
    for sample in evaluation.survey:
        row += 1
        collector = evaluation.member(sample.collector)
        valid = is_valid_sample(sample, spec)
        values = [sample.id, sample.respondent_type, sample.place, _time_text(sample.time),
                  collector.name if collector else sample.collector,
                  *[sample.answers.get(q.code, "") for q in spec.questions], sample.comment,
                  "有效" if valid else "无效"]
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value or None, wrap=col == len(values) - 1)
        if not valid:
            ws.cell(row=row, column=len(values)).font = Font(bold=True, color="C00000")
        if sample.comment:
            _fit_height(ws, row, sample.comment, widths[-2])
    _layout(ws, widths, header_row, freeze=f"B{header_row + 1}")


def _write_stats(ws: Worksheet, evaluation: Evaluation, summary: Summary) -> None:
    spec = evaluation.sheet.survey
    stats = summary.survey
    assert spec is not None and stats is not None
    labels = list(spec.labels)
    widths: list[float] = [8, 22, *[9] * (len(labels) + 2), 10, 11, 11]
    last = len(widths)
    _title(ws, evaluation, "满意度统计", widths)
    header_row = 2
    level_heads = [f"{level.label}（{fmt_plain(level.weight)}）" for level in spec.levels]
    _header(ws, header_row, ["编号", "问题", *level_heads, UNKNOWN_ANSWER, "有效回答数", "满意率", "严格满意率",
                             "满意度指数"])
    row = header_row
    for question in spec.questions:
        row += 1
        q = stats.questions[question.code]
        overall = question.code == spec.overall_question
        text = question.text + ("（总体评价）" if overall else "")
        _put(ws, row, 1, question.code, bold=overall)
        _put(ws, row, 2, text, bold=overall, wrap=True)
        for offset, label in enumerate([*labels, UNKNOWN_ANSWER]):
            _put(ws, row, 3 + offset, q.counts.get(label, 0), COUNT_FORMAT)
        col = 3 + len(labels) + 1
        _put(ws, row, col, q.valid, COUNT_FORMAT)
        _put(ws, row, col + 1, _rate(q.rate), RATE_FORMAT, bold=overall)
        _put(ws, row, col + 2, _rate(q.strict_rate), RATE_FORMAT)
        _put(ws, row, col + 3, _score(q.index), SCORE_FORMAT)

    row += 2
    _merge_text(ws, row, 1, last, f"总体结果（有效样本；满意 = 前 {spec.satisfied_levels} 个等级）", widths,
                bold=True, fill=HEADER_FILL)
    derive = spec.derive
    bands = "；".join(f"满意率 ≥ {fmt_plain(b.min_rate * 100)}%：{fmt_plain(b.score)} 分"
                      for b in derive.bands) if derive else ""
    override = next((o for o in evaluation.overrides if o.item == summary.derived_item), None)
    minimum_note = (f"有效样本少于最低要求 {spec.min_valid_samples} 份" if stats.below_minimum
                    else f"最低要求 {spec.min_valid_samples} 份")
    if stats.below_minimum and derive is not None and derive.cap_below_min is not None:
        minimum_note += f"，换算得分不超过 {fmt_plain(derive.cap_below_min)} 分"
    overall_question = spec.question(spec.overall_question)
    overall_text = overall_question.text if overall_question else spec.overall_question
    lines: list[tuple[str, Any, str | None, str]] = [
        ("有效样本数", stats.valid_samples, COUNT_FORMAT, minimum_note),
        ("无效样本数", stats.invalid_samples, COUNT_FORMAT, f"“{overall_text}”"
                                                          f"未作答或为“{UNKNOWN_ANSWER}”的样本，保留但不计入"),
        ("总体满意率", _rate(stats.rate), RATE_FORMAT, f"“{overall_text}”的满意率"),
        ("严格满意率", _rate(stats.strict_rate), RATE_FORMAT, "仅计前两个等级"),
        ("满意度指数", _score(stats.index), SCORE_FORMAT, "各问题满意度指数的加权平均"),
        ("满意率 95% 置信区间下限", _rate(stats.wilson_low), RATE_FORMAT, "Wilson 区间，z = 1.96"),
        ("满意率 95% 置信区间上限", _rate(stats.wilson_high), RATE_FORMAT, "Wilson 区间，z = 1.96"),
    ]
    if derive is not None:
        item = evaluation.sheet.item(derive.item)
        name = f"{derive.item} {item.name}" if item else derive.item
        lines.append((f"换算得分（{name}）", _score(stats.derived_score), SCORE_FORMAT, bands))
        if override is not None:
            lines.append(("采用得分（评估组调整）", _score(override.score), SCORE_FORMAT, f"理由：{override.reason}"))
    for label, value, number_format, note in lines:
        row += 1
        _put(ws, row, 1, label, bold=True, wrap=True)
        _put(ws, row, 2, None)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        _put(ws, row, 3, value, number_format, bold=True)
        _merge_text(ws, row, 4, last, note, widths)
    _layout(ws, widths, header_row, freeze=f"C{header_row + 1}")


__all__ = ["export_evaluation_xlsx"]
