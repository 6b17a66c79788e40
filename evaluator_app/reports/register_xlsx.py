"""The provincial office's register as an Excel workbook (`evaluator-app office rollup DIR -o OUT.xlsx`).

Every figure is the value the register computed (`office.register`): totals and rates from each
package's own summary, rounded half up as the summary shows them; openpyxl computes nothing, so the
workbook holds no formulas. Text cells are always text.

Worksheets: 登记表 (one row per package), 汇总 (evaluations by kind and result), 计分项得分率 (each item's
average score ratio across pilots: which items of the sheet are too hard or too easy), 专家参与 (who sat
on how many panels) and 提示 (every flag). The statistics count packages whose seal is trusted, each
evaluation once. Written atomically.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal

import openpyxl
from openpyxl.styles import Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from ..fileio import atomic_write_bytes
from ..office.register import DEADLINE_DAYS, EASY_FROM, HARD_BELOW, Register, SealStatus
from ..presentation import percent
from .xlsx import COUNT_FORMAT, RATE_FORMAT, SCORE_FORMAT, TOTAL_FILL, _header, _layout, _put

REGISTER_TITLE = "登记表"
COUNTS_TITLE = "汇总"
ITEMS_TITLE = "计分项得分率"
EXPERTS_TITLE = "专家参与"
FLAGS_TITLE = "提示"

REGISTER_COLUMNS = (
    ("序号", 6), ("报送包", 28), ("试点名称", 30), ("试点单位", 24), ("评估类型", 10), ("评估日期", 12),
    ("试点期限", 23), ("评估组人数", 8), ("标准化专家", 8), ("评估组", 10), ("总分", 9), ("结论", 22),
    ("否决项", 9), ("满意率", 9), ("签章", 14), ("签章证书指纹", 30), ("后续处理", 44), ("整改期限", 12),
    ("合格有效期届满", 12), ("复查申请起", 12), ("省级确认", 30), ("评估编号", 16), ("提示", 50),
)


def export_register_xlsx(register: Register, out_path: str | os.PathLike[str]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _write_register(wb.create_sheet(REGISTER_TITLE), register)
    _write_counts(wb.create_sheet(COUNTS_TITLE), register)
    _write_items(wb.create_sheet(ITEMS_TITLE), register)
    _write_experts(wb.create_sheet(EXPERTS_TITLE), register)
    _write_flags(wb.create_sheet(FLAGS_TITLE), register)
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(out_path, buffer.getvalue())


def _title(ws: Worksheet, text: str, note: str, columns: int) -> None:
    cell = _put(ws, 1, 1, text)
    cell.font = Font(bold=True, size=14)
    cell.border = Border()
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = 24
    cell = _put(ws, 2, 1, note, wrap=True)
    cell.border = Border()
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    ws.row_dimensions[2].height = 32
    for col in range(2, columns + 1):
        ws.cell(row=1, column=col).border = Border()
        ws.cell(row=2, column=col).border = Border()


def _note(register: Register) -> str:
    seals = {status: sum(1 for row in register.rows if row.seal is status) for status in SealStatus}
    return (f"文件夹：{register.folder}　汇总日期：{register.today.isoformat()}　报送包 {len(register.rows)} 个："
            f"签章可信 {seals[SealStatus.TRUSTED]}，证书未登记 {seals[SealStatus.UNTRUSTED]}，"
            f"损坏 {seals[SealStatus.BROKEN]}，无签章报告 {seals[SealStatus.MISSING]}。"
            f"统计（汇总、计分项得分率、专家参与）只计签章可信的 {register.counted} 个评估，同一评估只计一次。")


def _write_register(ws: Worksheet, register: Register) -> None:
    widths: list[float] = [width for _, width in REGISTER_COLUMNS]
    _title(ws, "试点评估报送登记表", _note(register), len(widths))
    _header(ws, 3, [name for name, _ in REGISTER_COLUMNS])
    for offset, row in enumerate(register.rows):
        r = 4 + offset
        evaluation, summary, figures = row.evaluation, row.summary, row.figures or {}
        term = ""
        if evaluation is not None and (evaluation.pilot.get("term_start") or evaluation.pilot.get("term_end")):
            term = f"{evaluation.pilot.get('term_start', '')} 至 {evaluation.pilot.get('term_end', '')}"
        consequence = figures.get("consequence") or {}
        confirmation = row.confirmation
        values: list[tuple[object, str | None]] = [
            (row.number, COUNT_FORMAT), (row.package, None), (row.pilot, None), (row.unit, None), (row.kind, None),
            (row.evaluation_date, None), (term, None),
            (summary.panel_size if summary else None, COUNT_FORMAT),
            (summary.standardization_experts if summary else None, COUNT_FORMAT),
            (("符合要求" if summary.panel_valid else "不符合要求") if summary else "", None),
            (Decimal(figures["total"]) if figures.get("total") is not None else None, SCORE_FORMAT),
            (figures.get("result_text") or row.data_problem, None),
            ("、".join(figures.get("vetoes", [])), None),
            (row.satisfaction_rate, RATE_FORMAT),
            (row.seal_text, None), (row.fingerprint or "", None),
            (consequence.get("text") or "", None),
            (_date(row.deadline("整改期限")), None), (_date(row.deadline("合格有效期届满")), None),
            (_date(row.deadline("复查申请起")), None),
            ((confirmation.text + (f"（共 {len(row.confirmations)} 次）" if len(row.confirmations) > 1 else ""))
             if confirmation else "未确认", None),
            (row.evaluation_id, None),
            ("\n".join(flag.text for flag in row.flags), None),
        ]
        for col, (value, number_format) in enumerate(values, start=1):
            fill = TOTAL_FILL if col == 15 and row.seal is SealStatus.TRUSTED else None
            _put(ws, r, col, value, number_format, wrap=col in (3, 4, 12, 17, 21, 23), fill=fill)
        lines = max(1, len(row.flags), len(str(consequence.get("text") or "")) // 22 + 1)
        ws.row_dimensions[r].height = 15 * min(lines, 12) + 3
    _layout(ws, widths, 3, "D4")
    ws.auto_filter.ref = f"A3:{ws.cell(row=3, column=len(widths)).column_letter}{3 + len(register.rows)}"


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def _write_counts(ws: Worksheet, register: Register) -> None:
    results: list[str] = []
    for by_result in register.counts.values():
        results += [result for result in by_result if result not in results]
    widths: list[float] = [14, *[12] * len(results), 10]
    _title(ws, "评估结论汇总（按评估类型）", _note(register), max(len(widths), 2))
    _header(ws, 3, ["评估类型", *results, "合计"])
    r = 4
    for kind, by_result in register.counts.items():
        _put(ws, r, 1, kind, bold=True)
        for col, result in enumerate(results, start=2):
            _put(ws, r, col, by_result.get(result, 0), COUNT_FORMAT)
        _put(ws, r, len(results) + 2, sum(by_result.values()), COUNT_FORMAT, bold=True)
        r += 1
    _put(ws, r, 1, "合计", bold=True, fill=TOTAL_FILL)
    for col, result in enumerate(results, start=2):
        _put(ws, r, col, sum(by.get(result, 0) for by in register.counts.values()), COUNT_FORMAT, fill=TOTAL_FILL)
    _put(ws, r, len(results) + 2, register.counted, COUNT_FORMAT, bold=True, fill=TOTAL_FILL)
    _layout(ws, widths, 3, "B4")


def _write_items(ws: Worksheet, register: Register) -> None:
    headers = ["计分表", "编号", "项目", "类别", "满分", "评估数", "平均得分", "平均得分率", "最低得分率", "最高得分率",
               "判断"]
    widths: list[float] = [30, 7, 26, 20, 7, 8, 10, 11, 11, 11, 8]
    note = ("每项的得分率 = 评估组该项得分 ÷ 该项满分，取各评估的平均值；"
            f"平均得分率低于 {percent(HARD_BELOW)} 标为“偏难”，"
            f"不低于 {percent(EASY_FROM)} 标为“偏易”，供修订暂定计分表参考。{_note(register)}")
    _title(ws, "计分项平均得分率（各试点）", note, len(widths))
    ws.row_dimensions[2].height = 48
    _header(ws, 3, headers)
    for offset, item in enumerate(register.items):
        r = 4 + offset
        values: list[tuple[object, str | None]] = [
            (item.sheet, None), (item.code, None), (item.name, None), (item.category, None),
            (item.maximum, SCORE_FORMAT), (item.count, COUNT_FORMAT), (item.average, SCORE_FORMAT),
            (item.ratio, RATE_FORMAT), (item.lowest, RATE_FORMAT), (item.highest, RATE_FORMAT), (item.mark, None)]
        for col, (value, number_format) in enumerate(values, start=1):
            _put(ws, r, col, value, number_format, wrap=col in (1, 3, 4), bold=col == 11 and bool(item.mark))
    _layout(ws, widths, 3, "C4")


def _write_experts(ws: Worksheet, register: Register) -> None:
    headers = ["姓名", "单位", "类别", "参加评估组数", "其中任组长", f"超过上限（{register.max_panels} 个）",
               "参加的评估"]
    widths: list[float] = [10, 28, 12, 10, 10, 12, 70]
    _title(ws, "专家参与情况", _note(register), len(widths))
    _header(ws, 3, headers)
    for offset, expert in enumerate(register.experts):
        r = 4 + offset
        over = expert.panels > register.max_panels
        values: list[tuple[object, str | None]] = [
            (expert.name, None), (expert.org, None), (expert.category, None), (expert.panels, COUNT_FORMAT),
            (expert.leader, COUNT_FORMAT), ("是" if over else "", None), ("\n".join(expert.evaluations), None)]
        for col, (value, number_format) in enumerate(values, start=1):
            _put(ws, r, col, value, number_format, wrap=col in (2, 7), bold=over and col in (1, 4, 6))
        ws.row_dimensions[r].height = 15 * max(1, len(expert.evaluations)) + 3
    _layout(ws, widths, 3, "B4")


def _write_flags(ws: Worksheet, register: Register) -> None:
    headers = ["序号", "报送包", "试点名称", "提示"]
    widths: list[float] = [6, 28, 30, 80]
    note = ("评估组不符合要求、签章不可信或损坏、同一评估或同一试点出现多次、"
            f"专家参加评估组超过 {register.max_panels} 个、{DEADLINE_DAYS} 天内到期或已过期的期限"
            "（只看同一试点最近一次评估），以及省级确认后更换的报送包。")
    _title(ws, "需要注意的事项", note, len(widths))
    _header(ws, 3, headers)
    r = 4
    for row, flag in register.flags:
        for col, value in enumerate((row.number, row.package, row.pilot, flag.text), start=1):
            _put(ws, r, col, value, COUNT_FORMAT if col == 1 else None, wrap=col in (3, 4))
        r += 1
    _layout(ws, widths, 3, "B4")


__all__ = ["export_register_xlsx"]
