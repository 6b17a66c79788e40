"""A member's personal 计分表 as an Excel workbook, for an expert without the app, and that workbook,
filled in, read back as a merge source (a return).

The layout is documented in docs/several-laptops.md. The visible worksheet `计分表` lists the member's
items with their maxima, step and guidance; only the score and note cells are unlocked. A hidden,
protected worksheet `校验信息` carries what the merge needs to trust the workbook: the evaluation id,
the member id, the evaluation's kind, the sheet's text (whose SHA-256 the evaluation file records) and
a checksum over all of it, so an edited hidden sheet is refused, not misread.

Reading reuses the sheet workbook's bounded readers (evaluator_app/sheets/xlsx.py): the file's size,
its archive, the rows and cells really present are limited before anything is parsed; every cell read
is bounded in length and magnitude; every problem is named by its cell (`计分表!D7`) and the whole
workbook is refused at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.evaluation import Kind
from ..domain.rules import score_findings
from ..domain.sheet import Aggregation, Item, Sheet
from ..errors import FormatError, Problem, UserError
from ..fileio import atomic_write_bytes
from ..jsonfile import MAX_PROBLEMS, MAX_STRING_CHARS, ContentProblems, loads_checked
from ..numbers import MAX_NUMBER_CHARS, bounds_problem, fmt_plain
from ..sheets.schema import sheet_from_document
from ..sheets.xlsx import (
    Formula,
    _blank,
    _check_archive,
    _number_from_cell,
    _parse_number,
    _read_file,
    _read_rows,
    cell_shown,
)
from ..storage.store import EvaluationStore, now
from .records import Record, store_records
from .sources import Source, sheet_sha256

FORMAT = "evaluator-member-workbook/1"
SHEET = "计分表"
INFO = "校验信息"
NOT_DUE = "不适用"  # a 中期评估 item not yet due

# The visible worksheet: a few lines about whose it is, the table's header on HEADER_ROW, one item a row.
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
COLUMNS = ("项目代码", "项目名称", "类别", "得分", "备注", "满分", "步长", "评分指引")
CODE, NAME, CATEGORY, SCORE, NOTE, MAX, STEP, GUIDANCE = range(len(COLUMNS))
WIDTHS = (10, 26, 16, 9, 40, 8, 8, 60)
WRAPPED = {NAME, CATEGORY, NOTE, GUIDANCE}

# The hidden worksheet: 键 | 值 rows; long texts are split over several rows of the same key.
INFO_KEYS = ("format", "evaluation_id", "member_id", "member_name", "kind", "sheet_sha256", "exported_at")
CHUNKED = ("sheet", "extra")
CHECKSUM = "checksum"
CHUNK_CHARS = 30_000  # Excel holds at most 32 767 characters in a cell
MAX_INFO_CHARS = 2 * 1024 * 1024  # the sheet's text and the scores' other keys, together

FILL_HEAD = PatternFill("solid", fgColor="DDEBF7")
FILL_INPUT = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def source_id(evaluation_id: str, member_id: str) -> str:
    """The merge source a member's workbook is: the same for every workbook of that member."""
    return f"xlsx:{evaluation_id}:{member_id}"


# --- export ---------------------------------------------------------------------------------------

def export_member_workbook(store: EvaluationStore, member_id: str, out: str | os.PathLike[str]) -> Path:
    """Write `member_id`'s personal 计分表 to `out` (replaced atomically), pre-filled with the member's scores.

    When the store is writable, the scores written are remembered as shared with this workbook (the base
    of merging it back, as for a member file): a pre-filled score the expert leaves alone never overrides a
    later change in the file, one the expert changes is taken unless the file changed it too."""
    target = Path(out)
    sheet = store.sheet
    if sheet.aggregation is Aggregation.CONSENSUS:
        raise UserError("该计分表为共识模式，由评估组统一评分，没有个人计分表")
    row = store.conn.execute("SELECT name FROM member WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        raise UserError(f"评估组中没有编号为 {member_id} 的成员")
    name = row[0]
    mine = {r.key.split("/", 1)[1]: r for (kind, _), r in store_records(store).items()
            if kind == "score" and r.owner == member_id}
    text = store.conn.execute("SELECT document FROM sheet WHERE id = 1").fetchone()[0]
    digest = sheet_sha256(store)
    pilot = store.conn.execute("SELECT value FROM pilot_field WHERE name = 'name'").fetchone()
    info = {"format": FORMAT, "evaluation_id": store.evaluation_id, "member_id": member_id, "member_name": name,
            "kind": store.kind.value, "sheet_sha256": digest, "exported_at": now()}
    extras = {item: r.value["extra"] for item, r in sorted(mine.items()) if r.value.get("extra")}
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    midterm = store.kind is Kind.MIDTERM
    _write_scores(ws, sheet, mine, name, member_id, pilot[0] if pilot else "", store.kind.value, midterm)
    _write_info(wb.create_sheet(INFO), info, text, extras)
    wb.security = WorkbookProtection(lockStructure=True)  # no unhiding, renaming or adding worksheets
    buffer = io.BytesIO()
    wb.save(buffer)
    if store.read_only:
        atomic_write_bytes(target, buffer.getvalue())
        return target
    from .merge import remember_shared
    with store.transaction():
        remember_shared(store, source_id(store.evaluation_id, member_id), member_id, target.name,
                        mine.values(), info["exported_at"])
        atomic_write_bytes(target, buffer.getvalue())  # a failure here rolls the remembering back
    return target


def _write_scores(ws: Worksheet, sheet: Sheet, mine: dict[str, Record], name: str, member_id: str, pilot: str,
                  kind: str, midterm: bool) -> None:
    step = fmt_plain(sheet.score_step)
    ws["A1"] = "个人计分表"
    ws["A1"].font = Font(bold=True, size=14)
    about = [("成员", f"{_text(name)}（编号 {member_id}）"),
             ("评估", f"{_text(pilot)}（{kind}）" if pilot else kind),
             ("计分表", f"{_text(sheet.name)}（{_text(sheet.version)}），分值步长 {step}"
                       + ("，扣分须在备注中注明理由" if sheet.deduction_note_required else "")),
             ("填写说明", "只能填写黄色的“得分”和“备注”两列。得分填 0 至满分之间、分值步长整数倍的数（如 7.5），"
                       "不评分的项目留空" + ("；未到期的项目填“不适用”" if midterm else "") +
                       "。填好后保存，交组长用“合并”并入评估文件；请不要改动其他单元格和隐藏的工作表。")]
    for number, (label, value) in enumerate(about, start=2):
        ws.cell(number, 1, label).font = Font(bold=True)
        ws.cell(number, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=number, start_column=2, end_row=number, end_column=len(COLUMNS))
    ws.row_dimensions[5].height = 45
    for column, header in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.fill = FILL_HEAD
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    items = sheet.scored_items
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for number, item in enumerate(items, start=FIRST_ROW):
        category = sheet.category_of(item.code)
        record = mine.get(item.code)
        score: Any = None
        note = ""
        if record is not None:
            value = record.value
            score = NOT_DUE if value.get("na") else _number(value.get("score"))
            note = value.get("note") or ""
        values = [item.code, _text(item.name), _text(category.name if category else ""), score, note,
                  _number(item.max), _number(sheet.score_step), _text(item.guidance)]
        for column, value in enumerate(values):
            cell = ws.cell(number, column + 1)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.border = BORDER
            cell.alignment = wrapped if column in WRAPPED else top
            if column in (SCORE, NOTE):
                cell.protection = Protection(locked=False)
                cell.fill = FILL_INPUT
    last = FIRST_ROW + len(items) - 1
    if items:
        d, f, g = (f"{get_column_letter(c + 1)}{FIRST_ROW}" for c in (SCORE, MAX, STEP))
        rule = f"AND(ISNUMBER({d}),{d}>=0,{d}<={f},ABS({d}/{g}-ROUND({d}/{g},0))<0.000001)"
        if midterm:
            rule = f'OR({d}="{NOT_DUE}",{rule})'
        scores = DataValidation(
            type="custom", formula1=rule, allow_blank=True, showInputMessage=True, showErrorMessage=True,
            promptTitle="得分", prompt=f"填 0 至本项满分之间、{step} 的整数倍的数（如 7.5）；不评分留空"
                                      + ("；未到期填“不适用”" if midterm else ""),
            errorTitle="得分不符合要求", error=f"得分应在 0 至满分之间，且为 {step} 的整数倍")
        notes = DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1=str(MAX_STRING_CHARS), allow_blank=True,
            showInputMessage=True, showErrorMessage=True, promptTitle="备注",
            prompt="扣分的理由、发现的问题" + ("（扣分必须填写）" if sheet.deduction_note_required else ""),
            errorTitle="备注过长", error=f"备注最多 {MAX_STRING_CHARS} 个字")
        for validation, column in ((scores, SCORE), (notes, NOTE)):
            letter = get_column_letter(column + 1)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
            ws.add_data_validation(validation)
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and heights may be changed for reading
    ws.protection.formatRows = False


def _write_info(ws: Worksheet, info: dict[str, str], sheet_text: str, extras: dict) -> None:
    rows = _info_rows(info, sheet_text, json.dumps(extras, ensure_ascii=False, sort_keys=True))
    ws.append(["键", "值"])
    for key, value in rows + [(CHECKSUM, _checksum(rows))]:
        ws.append([key, None])
        cell = ws.cell(ws.max_row, 2)
        cell.value = value
        cell.data_type = "s"  # text, whatever it begins with
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 80
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _info_rows(info: dict[str, str], sheet_text: str, extras_text: str) -> list[tuple[str, str]]:
    rows = [(key, info[key]) for key in INFO_KEYS]
    for key, text in (("sheet", sheet_text), ("extra", extras_text)):
        rows += [(key, text[i:i + CHUNK_CHARS]) for i in range(0, len(text), CHUNK_CHARS)] or [(key, "")]
    return rows


def _checksum(rows: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _text(value: str) -> str:
    """A text shown for reading only, without what an .xlsx cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def _number(value: Any) -> int | Decimal | None:
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else number


# --- reading a filled workbook --------------------------------------------------------------------

@contextlib.contextmanager
def workbook_source(path: str | Path, work_folder: Path) -> Iterator[Source]:
    """The filled workbook at `path` as a merge source: the member's scores, refused whole (FormatError
    naming every cell) when anything in it is wrong. Nothing is written, `work_folder` is not needed."""
    yield read_member_workbook(path)


def read_member_workbook(path: str | os.PathLike[str]) -> Source:
    source = os.fspath(path)
    data = _read_file(source)
    _check_archive(data, source)
    scores, info = _read_worksheets(data, source)
    reader = _Reader(source)
    found = reader.info(info)
    sheet, kind, extras = found
    records = reader.scores(scores, sheet, kind, extras, reader.fields["member_id"])
    if reader.problems:
        problems = reader.problems[:MAX_PROBLEMS]
        if len(reader.problems) > MAX_PROBLEMS:
            problems.append(Problem("", f"问题过多，只列出前 {MAX_PROBLEMS} 处（共 {len(reader.problems)} 处）"))
        raise FormatError(source, problems)
    fields = reader.fields
    return Source(source_id(fields["evaluation_id"], fields["member_id"]), Path(source).name,
                  fields["evaluation_id"], kind.value, fields["sheet_sha256"], fields["member_id"], "", records)


def _read_worksheets(data: bytes, source: str) -> tuple[list[tuple], list[tuple]]:
    """Rows of 计分表 and 校验信息, formulas read as formulas, within the sheet workbook's bounds."""
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception:  # openpyxl raises anything from KeyError to XML errors on bad input
        raise FormatError(source, [Problem("", "无法打开工作簿：文件已损坏或不是 .xlsx 格式")]) from None
    name = ""
    try:
        missing = [name for name in (SHEET, INFO) if name not in wb.sheetnames]
        if missing:
            raise FormatError(source, [Problem("", f"不是个人计分表工作簿：缺少工作表“{'”“'.join(missing)}”"
                                                   "（个人计分表由 evaluator-app member-xlsx 导出）")])
        rows = []
        for name in (SHEET, INFO):
            rows.append(_read_rows(wb[name], name, source, formulas=True))
        return rows[0], rows[1]
    except FormatError:
        raise
    except Exception:
        raise FormatError(source, [Problem(name, "工作表已损坏，无法读取")]) from None
    finally:
        wb.close()


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.fields: dict[str, str] = {}

    def problem(self, ref: str, message: str) -> None:
        self.problems.append(Problem(ref, message))

    def refuse(self, message: str) -> FormatError:
        return FormatError(self.source, [Problem(INFO, message)])

    def info(self, rows: list[tuple]) -> tuple[Sheet, Kind, dict]:
        """The hidden worksheet, checked whole: a workbook whose origin cannot be trusted is refused at once."""
        tampered = "隐藏的工作表已被改动或损坏，无法确认这份计分表属于哪个评估和成员；请使用组长导出的原工作簿重新填写"
        pairs: list[tuple[str, str]] = []
        checksum = None
        total = 0
        for row in rows[1:]:
            if not row or all(_blank(v) for v in row[:2]):
                continue
            key, value = row[0], row[1] if len(row) > 1 else None
            value = "" if value is None else value
            if not isinstance(key, str) or not isinstance(value, str) or isinstance(value, Formula):
                raise self.refuse(tampered)
            total += len(value)
            if total > MAX_INFO_CHARS or len(value) > CHUNK_CHARS:
                raise self.refuse(tampered)
            if key == CHECKSUM:
                checksum = value
            else:
                pairs.append((key, value))
        if checksum is None or checksum != _checksum(pairs):
            raise self.refuse(tampered)
        fields: dict[str, str] = {}
        texts: dict[str, list[str]] = {key: [] for key in CHUNKED}
        for key, value in pairs:
            if key in CHUNKED:
                texts[key].append(value)
            elif key in INFO_KEYS and key not in fields:
                fields[key] = value
            else:
                raise self.refuse(tampered)
        if fields.get("format") != FORMAT:
            shown = fields.get("format", "")
            raise self.refuse(f"工作簿格式为“{shown}”，本版本只能读取 {FORMAT}；请使用相同版本的软件导出")
        if set(fields) != set(INFO_KEYS):
            raise self.refuse(tampered)
        self.fields = fields
        sheet_text = "".join(texts["sheet"])
        if hashlib.sha256(sheet_text.encode("utf-8")).hexdigest() != fields["sheet_sha256"]:
            raise self.refuse(tampered)
        try:
            kind = Kind(fields["kind"])
            sheet = sheet_from_document(loads_checked(sheet_text), f"{self.source} 内的计分表")
            extras = loads_checked("".join(texts["extra"]))
        except (ValueError, ContentProblems, RecursionError, UserError):
            raise self.refuse(tampered) from None
        if not isinstance(extras, dict) or not all(isinstance(v, dict) for v in extras.values()):
            raise self.refuse(tampered)
        return sheet, kind, extras

    def scores(self, rows: list[tuple], sheet: Sheet, kind: Kind, extras: dict,
               member: str) -> dict[tuple[str, str], Record]:
        header = rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else ()
        for column, expected in enumerate(COLUMNS):
            actual = header[column] if column < len(header) else None
            if actual != expected:
                self.problem(_ref(column, HEADER_ROW), f"表头应为“{expected}”，实际为“{cell_shown(actual)}”；"
                                                       "请不要改动表格的结构")
        if self.problems:
            return {}
        items = {item.code: item for item in sheet.scored_items}
        derived = sheet.derived_item
        records: dict[tuple[str, str], Record] = {}
        seen: dict[str, int] = {}
        for number, row in enumerate(rows[FIRST_ROW - 1:], start=FIRST_ROW):
            if not row or all(_blank(v) for v in row):
                continue
            raw_code = row[CODE]
            code = raw_code.strip() if isinstance(raw_code, str) else cell_shown(raw_code)
            if _blank(raw_code):
                self.problem(_ref(CODE, number), "这一行没有项目代码；请不要改动表格的结构")
                continue
            item = items.get(code)
            if item is None:
                why = "由满意度调查换算得出，不由成员评分" if code == derived else "计分表中没有此项目"
                self.problem(_ref(CODE, number), f"未知的项目“{cell_shown(raw_code)}”：{why}")
                continue
            if code in seen:
                self.problem(_ref(CODE, number), f"项目 {code} 重复出现（另见第 {seen[code]} 行）")
                continue
            seen[code] = number
            value = self.score_of(row, number, item, sheet, kind)
            if value is not None:
                key = f"{member}/{code}"
                records[("score", key)] = Record("score", key, member, {**value, "extra": extras.get(code, {})})
        return records

    def score_of(self, row: tuple, number: int, item: Item, sheet: Sheet, kind: Kind) -> dict | None:
        """One row's score record value (without `extra`), None when the row has no score or is wrong."""
        score_ref, note_ref = _ref(SCORE, number), _ref(NOTE, number)
        note = self.note_of(row[NOTE], note_ref)
        raw = row[SCORE]
        if _blank(raw):
            if note and note.strip():
                self.problem(score_ref, f"{item.code} 填写了备注却没有得分；不评分的项目请把备注也清空")
            return None
        if isinstance(raw, Formula):
            self.problem(score_ref, f"得分是公式（{cell_shown(raw)}）；请直接填写数字")
            return None
        if isinstance(raw, str) and raw.strip() == NOT_DUE:
            if kind is not Kind.MIDTERM:
                self.problem(score_ref, f"只有中期评估可以填“{NOT_DUE}”（未到期的项目）")
                return None
            return None if note is None else {"score": None, "na": True, "note": note}
        number_value: int | Decimal | None = None
        if isinstance(raw, str):
            text = raw.strip()
            number_value = _parse_number(text) if len(text) <= MAX_NUMBER_CHARS else None
        elif not isinstance(raw, (bool, datetime, date, time, timedelta)):
            number_value = _number_from_cell(raw)
        if number_value is None:
            self.problem(score_ref, f"得分应为数字，实际为“{cell_shown(raw)}”")
            return None
        value = Decimal(number_value)
        bounds = bounds_problem(value)
        if bounds:
            self.problem(score_ref, f"得分{bounds}，实际为 {cell_shown(raw)}")
            return None
        for finding in score_findings(item, value, note or "", sheet):
            if finding.code == "score.note":
                self.problem(note_ref, f"{finding.message}（本计分表要求扣分注明理由）")
            else:
                self.problem(score_ref, finding.message)
            return None
        if note is None:
            return None
        return {"score": fmt_plain(value), "na": False, "note": note}

    def note_of(self, raw: Any, ref: str) -> str | None:
        """The note as typed ("" when blank); None (with a problem) when it cannot be taken."""
        if raw is None:
            return ""
        if isinstance(raw, Formula):
            self.problem(ref, f"备注是公式（{cell_shown(raw)}）；请直接填写文字")
            return None
        if isinstance(raw, str):
            if len(raw) > MAX_STRING_CHARS:
                self.problem(ref, f"备注过长（{len(raw)} 个字，最多 {MAX_STRING_CHARS} 个字）")
                return None
            return raw
        if isinstance(raw, (bool, datetime, date, time, timedelta)):
            self.problem(ref, f"备注应为文字，实际为“{cell_shown(raw)}”")
            return None
        number = _number_from_cell(raw)
        return "" if number is None else str(number)


def _ref(column: int, row: int) -> str:
    return f"{SHEET}!{get_column_letter(column + 1)}{row}"


__all__ = ["export_member_workbook", "workbook_source", "read_member_workbook", "source_id", "FORMAT"]
