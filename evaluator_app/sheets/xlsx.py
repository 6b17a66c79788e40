"""Sheet (`evaluator-sheet/1`) <-> Excel workbook, so a provincial office can author its 计分表 in Excel.

The layout is documented in docs/sheet-xlsx.md. Export writes numbers as numbers and text as
text; a value its column cannot hold exactly (a key with no column, an empty or padded string,
a control character, a number Excel would round, a wrong type) goes to the row's `其他(JSON)`
cell, so `import_sheet_xlsx(export_sheet_xlsx(s))` equals `s` (numbers compared numerically).

Import checks only the workbook's structure (the sheet's rules are validated elsewhere) and
refuses hostile files (oversize, zip bombs, too many rows) before openpyxl parses them.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import FormatError, Problem
from ..fileio import FileTooLarge, atomic_write_bytes, read_bytes_limited
from ..jsonfile import ContentProblems, loads_checked
from ..validation import join

# Limits on untrusted workbooks, checked before openpyxl opens them.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 16 * 1024 * 1024  # openpyxl parses what it reads at about 3 MiB/s
MAX_COMPRESSION_RATIO = 100  # per member, for members above RATIO_CHECK_BYTES
RATIO_CHECK_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 5000  # data rows per worksheet, header excluded
MAX_COLS = 40  # cells right of this column are not read
MAX_CELLS = 500_000  # cells (and empty rows) present in one worksheet, blank or not

Kind = Literal["text", "number", "bool"]


@dataclass(frozen=True)
class Col:
    """One column of a table worksheet, or one row of a key/value worksheet."""

    key: str
    header: str
    kind: Kind
    width: int = 12
    wrap: bool = False
    required: bool = False
    note: str = ""


# --- layout -------------------------------------------------------------------------------

SHEET_TOP = "计分表"
SHEET_ITEMS = "评分项目"
SHEET_VETOES = "否决项"
SHEET_BONUSES = "加分项"
SHEET_SURVEY = "满意度"
SHEET_LEVELS = "满意度等级"
SHEET_QUESTIONS = "满意度问题"
SHEET_BANDS = "满意度换算"
SURVEY_PARTS = (SHEET_LEVELS, SHEET_QUESTIONS, SHEET_BANDS)

EXTRA = "其他(JSON)"
CAT_EXTRA = "类别其他(JSON)"
ITEM_EXTRA = "项目其他(JSON)"
DERIVE_PREFIX = "derive."
DERIVE_EXTRA = DERIVE_PREFIX + EXTRA

# Key/value worksheets: columns 字段 | 键 | 值 | 说明; the 键 column decides.
KV_LABEL, KV_KEY, KV_VALUE, KV_NOTE = "字段", "键", "值", "说明"
KV_WIDTHS = (18, 24, 50, 44)

TOP_ROWS = (
    Col("format", "格式", "text", note="固定为 evaluator-sheet/1"),
    Col("id", "编号", "text"),
    Col("name", "名称", "text"),
    Col("version", "版本", "text"),
    Col("provisional", "暂定", "bool", note="是 / 否"),
    Col("pass_score", "合格分", "number"),
    Col("aggregation", "汇总方式", "text", note="mean / trimmed_mean / consensus"),
    Col("score_step", "分值步长", "number", note="如 0.5"),
    Col("deduction_note_required", "扣分须注明理由", "bool", note="是 / 否"),
    Col("disagreement_ratio", "分歧阈值", "number", note="极差超过满分的该比例时提示"),
    Col("bonus_cap", "加分上限", "number"),
    Col("total_cap", "总分上限", "number"),
)
SURVEY_ROWS = (
    Col("satisfied_levels", "计入满意的等级数", "number", note="3：前三个等级算满意"),
    Col("overall_question", "总体满意度问题", "text", note="问题代码，如 Q8"),
    Col("min_valid_samples", "最少有效样本", "number"),
    Col("target_valid_samples", "目标有效样本", "number"),
)
DERIVE_ROWS = (
    Col("item", "换算得分的项目", "text", note="项目代码，如 D3"),
    Col("cap_below_min", "样本不足时得分上限", "number"),
)

CATEGORY_COLS = (
    Col("code", "类别代码", "text", 10, required=True),
    Col("name", "类别名称", "text", 18, wrap=True),
    Col("max", "类别满分", "number", 10),
)
ITEM_COLS = (
    Col("code", "项目代码", "text", 10, required=True),
    Col("name", "项目名称", "text", 22, wrap=True),
    Col("max", "满分", "number", 8, required=True),
    Col("guidance", "评分指引", "text", 60, wrap=True),
    Col("method", "核查方式", "text", 12),
    Col("step", "环节", "number", 8),
)
# A veto's rule is flattened into three pseudo keys.
RULE_KIND, RULE_CODE, RULE_RATIO = "rule.kind", "rule.code", "rule.below_ratio"
RULE_KINDS = {"category": "category", "item": "item", "类别": "category", "项目": "item"}
VETO_COLS = (
    Col("code", "代码", "text", 8, required=True),
    Col("text", "内容", "text", 60, wrap=True),
    Col(RULE_KIND, "规则对象类型", "text", 14),
    Col(RULE_CODE, "规则对象代码", "text", 14),
    Col(RULE_RATIO, "低于比例", "number", 10),
)
BONUS_COLS = (
    Col("code", "代码", "text", 8, required=True),
    Col("text", "内容", "text", 60, wrap=True),
    Col("max", "上限", "number", 8),
)
LEVEL_COLS = (Col("label", "等级", "text", 14, required=True), Col("weight", "权重", "number", 8))
QUESTION_COLS = (
    Col("code", "代码", "text", 8, required=True),
    Col("text", "问题", "text", 40, wrap=True),
    Col("weight", "权重", "number", 8),
)
BAND_COLS = (
    Col("min_rate", "最低满意率", "number", 12, required=True),
    Col("score", "得分", "number", 8, required=True),
)
EXTRA_WIDTH = 30

TRUE_WORDS = {"是", "true", "yes", "y", "1", "√"}
FALSE_WORDS = {"否", "false", "no", "n", "0", "×"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
INTEGER_RE = re.compile(r"[+-]?\d+", re.ASCII)

_NONE: Any = object()  # "no cell value": key absent, or the value goes to the JSON cell


# --- export -------------------------------------------------------------------------------


def export_sheet_xlsx(sheet: dict, path: str | os.PathLike[str]) -> None:
    """Write `sheet` as a workbook at `path` (replaced atomically; UserError if it cannot be written)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    top = dict(sheet)
    blocks = {k: top.pop(k) for k in ("categories", "vetoes", "bonuses") if _is_records(top.get(k))}
    survey = top.pop("survey") if isinstance(top.get("survey"), dict) else None

    _write_kv(wb.create_sheet(SHEET_TOP), [(TOP_ROWS, "", EXTRA, top, False)])
    _write_items(wb.create_sheet(SHEET_ITEMS), blocks.get("categories", []))
    if "vetoes" in blocks:
        _write_table(wb.create_sheet(SHEET_VETOES), VETO_COLS, [_flatten_rule(v) for v in blocks["vetoes"]])
    if "bonuses" in blocks:
        _write_table(wb.create_sheet(SHEET_BONUSES), BONUS_COLS, blocks["bonuses"])
    if survey is not None:
        _write_survey(wb, survey)

    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())


def _write_survey(wb: openpyxl.Workbook, survey: dict) -> None:
    rest = dict(survey)
    parts = {k: rest.pop(k) for k in ("levels", "questions") if _is_records(rest.get(k))}
    derive = rest.pop("derive") if isinstance(rest.get("derive"), dict) else None
    derive_rest = dict(derive or {})
    bands = derive_rest.pop("bands") if _is_records(derive_rest.get("bands")) else None
    # An otherwise invisible derive block is marked by "{}" in its JSON row.
    mark_derive = derive is not None and bands is None and not any(
        _cell_value(derive_rest.get(c.key), c.kind) is not _NONE for c in DERIVE_ROWS
    )
    _write_kv(
        wb.create_sheet(SHEET_SURVEY),
        [(SURVEY_ROWS, "", EXTRA, rest, False), (DERIVE_ROWS, DERIVE_PREFIX, DERIVE_EXTRA, derive_rest, mark_derive)],
    )
    if "levels" in parts:
        _write_table(wb.create_sheet(SHEET_LEVELS), LEVEL_COLS, parts["levels"])
    if "questions" in parts:
        _write_table(wb.create_sheet(SHEET_QUESTIONS), QUESTION_COLS, parts["questions"])
    if bands is not None:
        _write_table(wb.create_sheet(SHEET_BANDS), BAND_COLS, bands)


def _write_kv(ws: Worksheet, sections: list[tuple[tuple[Col, ...], str, str, dict, bool]]) -> None:
    """Key/value rows; each section is (rows, key prefix, JSON row key, values, mark if empty)."""
    ws.append([KV_LABEL, KV_KEY, KV_VALUE, KV_NOTE])
    for rows, prefix, extra_key, values, mark in sections:
        cells, extra = _split(values, rows)
        for col in rows:
            _append(ws, [col.header, prefix + col.key, cells.get(col.key), col.note])
        json_text = _dump_json(extra) if extra or mark else None
        label = "其他（JSON 对象）" if not prefix else "换算其他（JSON 对象）"
        _append(ws, [label, extra_key, json_text, "表中没有的键，原样保留"])
    _finish(ws, KV_WIDTHS, wrap_cols={3, 4})


def _write_items(ws: Worksheet, categories: list[dict]) -> None:
    ws.append([c.header for c in CATEGORY_COLS + ITEM_COLS] + [CAT_EXTRA, ITEM_EXTRA])
    for cat in categories:
        items = cat.get("items")
        records: list[dict] = items if isinstance(items, list) and _is_records(items) else []
        cat_cells, cat_extra = _split(cat, CATEGORY_COLS, skip=("items",) if records else ())
        item_rows: list[tuple[dict, dict] | None] = [_split(item, ITEM_COLS) for item in records] or [None]
        for n, item_row in enumerate(item_rows):
            # The category's code repeats on every row (for filtering); the rest only on its first.
            shown = cat_cells if n == 0 else {k: v for k, v in cat_cells.items() if k == "code"}
            item_cells, item_extra = item_row or ({}, {})
            row = [shown.get(c.key) for c in CATEGORY_COLS] + [item_cells.get(c.key) for c in ITEM_COLS]
            row.append(_extra_text(cat_cells, cat_extra) if n == 0 else None)
            row.append(None if item_row is None else _extra_text(item_cells, item_extra))
            _append(ws, row)
    _finish(ws, [c.width for c in CATEGORY_COLS + ITEM_COLS] + [EXTRA_WIDTH] * 2, _wrap_set(CATEGORY_COLS + ITEM_COLS))


def _write_table(ws: Worksheet, cols: tuple[Col, ...], records: list[dict]) -> None:
    ws.append([c.header for c in cols] + [EXTRA])
    for record in records:
        cells, extra = _split(record, cols)
        _append(ws, [cells.get(c.key) for c in cols] + [_extra_text(cells, extra)])
    _finish(ws, [c.width for c in cols] + [EXTRA_WIDTH], _wrap_set(cols))


def _extra_text(cells: dict, extra: dict) -> str | None:
    """The JSON cell; "{}" keeps an otherwise empty record from reading as a blank row."""
    return _dump_json(extra) if extra or not cells else None


def _flatten_rule(veto: dict) -> dict:
    rule = veto.get("rule")
    if not isinstance(rule, dict) or set(rule) - {"category", "item", "below_ratio"}:
        return veto
    kinds = [k for k in ("category", "item") if k in rule]
    ratio = rule.get("below_ratio", _NONE)
    if len(kinds) != 1 or _cell_value(rule[kinds[0]], "text") is _NONE:
        return veto
    if ratio is not _NONE and _cell_value(ratio, "number") is _NONE:
        return veto
    flat = {k: v for k, v in veto.items() if k != "rule"}
    flat[RULE_KIND], flat[RULE_CODE] = kinds[0], rule[kinds[0]]
    if ratio is not _NONE:
        flat[RULE_RATIO] = ratio
    return flat


def _split(record: dict, cols: tuple[Col, ...], skip: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """(values its columns hold exactly, everything else for the JSON cell)."""
    by_key = {c.key: c for c in cols}
    cells: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in record.items():
        if key in skip:
            continue
        col = by_key.get(key)
        cell = _cell_value(value, col.kind) if col else _NONE
        if cell is _NONE:
            extra[key] = value
        else:
            cells[key] = cell
    return cells, extra


def _cell_value(value: Any, kind: Kind) -> Any:
    """The cell that reads back as `value`, or _NONE when no plain cell can."""
    if kind == "bool":
        return ("是" if value else "否") if isinstance(value, bool) else _NONE
    if kind == "text":
        ok = (
            isinstance(value, str)
            and value == value.strip()
            and value != ""
            and "\r" not in value
            and not ILLEGAL_CHARACTERS_RE.search(value)
        )
        return value if ok else _NONE
    if isinstance(value, bool):
        return _NONE
    if isinstance(value, str):
        number = _parse_number(value)
        if number is None:
            return _NONE
        value = number
    if isinstance(value, float):
        value = _number_from_cell(value)
    if not isinstance(value, (int, Decimal)) or (isinstance(value, Decimal) and not value.is_finite()):
        return _NONE
    # openpyxl stores "%.16g" of the float; a number that would not read back exactly is text.
    try:
        as_float = float(value)
    except OverflowError:
        return str(value)
    if not math.isfinite(as_float):
        return str(value)
    stored = f"{as_float:.16g}"
    back = float(stored) if any(ch in stored for ch in ".eE") else int(stored)
    return value if _number_from_cell(back) == value else str(value)


def _append(ws: Worksheet, row: list[Any]) -> None:
    values: list[Any] = []
    for value in row:
        if isinstance(value, str) and value.startswith("="):
            value = Cell(ws, value=value)
            value.data_type = "s"  # text, never a formula
        values.append(value)
    ws.append(values)


def _wrap_set(cols: tuple[Col, ...]) -> set[int]:
    return {i for i, c in enumerate(cols, start=1) if c.wrap}


def _finish(ws: Worksheet, widths: list[int] | tuple[int, ...], wrap_cols: set[int]) -> None:
    """Bold frozen header, widths, wrapping, A4 landscape fitted to the page width."""
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    top, top_wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = top_wrapped if cell.column in wrap_cols else top
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{ws.max_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _dump_json(value: Any) -> str:
    """JSON with Decimals written as exact numbers."""
    if isinstance(value, dict):
        pairs = (f"{json.dumps(str(k), ensure_ascii=False)}: {_dump_json(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_dump_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else json.dumps(str(value))
    return json.dumps(value, ensure_ascii=False)


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


# --- import -------------------------------------------------------------------------------


def import_sheet_xlsx(path: str | os.PathLike[str]) -> dict:
    """Read a workbook in the layout of docs/sheet-xlsx.md back into a sheet dict.

    Raises FormatError listing every structural problem, located as `工作表!单元格`, and
    UserError when the file cannot be read at all.
    """
    return read_sheet_workbook(path)[0]


def read_sheet_workbook(path: str | os.PathLike[str]) -> tuple[dict, dict[str, str]]:
    """The sheet dict, and where each of its values was read: JSON path -> `工作表!单元格`.

    A list or record is placed at its first cell, a list at its worksheet, the document at 计分表.
    """
    source = os.fspath(path)
    data = _read_file(source)
    _check_archive(data, source)
    sheets = _read_workbook(data, source)
    reader = _Reader(sheets)
    return reader.sheet(source), reader.places


def _refuse(source: str, message: str) -> FormatError:
    return FormatError(source, [Problem("", message)])


def _read_file(source: str) -> bytes:
    try:
        return read_bytes_limited(source, MAX_FILE_BYTES)
    except FileTooLarge as err:
        limit = MAX_FILE_BYTES // 2**20
        raise _refuse(source, f"文件过大（{err.size / 2**20:.1f} MiB，上限 {limit} MiB），不像是计分表工作簿") from None

def _check_archive(data: bytes, source: str) -> None:
    """Refuse what is not a plausible .xlsx before openpyxl decompresses anything."""
    not_xlsx = "不是 Excel 工作簿（.xlsx）文件"
    if not data:
        raise _refuse(source, f"文件为空，{not_xlsx}")
    if data.startswith(OLE_MAGIC):
        raise _refuse(source, "这是旧版 .xls 文件或加密的工作簿；请在 Excel 中另存为不加密的 .xlsx 再导入")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # zipfile raises several types on garbage
        raise _refuse(source, not_xlsx) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _refuse(source, f"工作簿包含的部件过多（{len(infos)} 个），拒绝打开")
    # zipfile never inflates a member past its declared size (it fails the CRC instead),
    # so the declared sizes bound what openpyxl can be made to read.
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        limit = MAX_UNCOMPRESSED_BYTES // 2**20
        raise _refuse(source, f"工作簿解压后过大（{total / 2**20:.0f} MiB，上限 {limit} MiB），疑似压缩炸弹，拒绝打开")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _refuse(source, f"工作簿中的“{info.filename}”压缩比异常（{ratio:.0f}:1），疑似压缩炸弹，拒绝打开")
        if info.flag_bits & 0x1:
            raise _refuse(source, "工作簿已加密，请另存为不加密的 .xlsx 后再导入")
    if "[Content_Types].xml" not in {i.filename for i in infos}:
        raise _refuse(source, f"{not_xlsx}（压缩包中没有工作簿内容）")


def _read_workbook(data: bytes, source: str) -> dict[str, list[tuple]]:
    """Rows (values only) of the worksheets this layout knows, by name."""
    known = {SHEET_TOP, SHEET_ITEMS, SHEET_VETOES, SHEET_BONUSES, SHEET_SURVEY, *SURVEY_PARTS}
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to XML errors on bad input
        raise _refuse(source, "无法打开工作簿：文件已损坏或不是 .xlsx 格式") from None
    name = ""
    try:
        sheets = {}
        for name in wb.sheetnames:
            if name in known:
                sheets[name] = _read_rows(wb[name], name, source)
        return sheets
    except FormatError:
        raise
    except Exception:
        raise FormatError(source, [Problem(name, "工作表已损坏，无法读取")]) from None
    finally:
        wb.close()


class Formula(str):
    """A formula cell's text ("=…"), as `_read_rows(..., formulas=True)` reads it instead of its cached value."""


def _read_rows(ws: Any, name: str, source: str, formulas: bool = False) -> list[tuple]:
    """The worksheet's rows up to its last non-blank one, MAX_COLS values each.

    Read from the worksheet's XML row by row: the declared dimension and the row numbers the file
    claims are not trusted (openpyxl would fill every missing row up to row 1048576), so the cost
    follows the cells really present, and those are limited too."""
    if not hasattr(ws, "reset_dimensions"):
        raise FormatError(source, [Problem(name, "应为普通工作表（不是图表）")])
    rows: list[tuple] = []
    cells = 0
    # openpyxl's own streaming parser, as its read-only worksheet uses it, minus the gap filling
    with ws._get_source() as xml:
        parser = WorkSheetParser(xml, ws._shared_strings, data_only=not formulas, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats,
                                 timedelta_formats=ws.parent._timedelta_formats)
        for number, row_cells in parser.parse():
            cells += max(len(row_cells), 1)  # an empty row costs as much as a cell
            if cells > MAX_CELLS:
                raise FormatError(source, [Problem(name, f"单元格过多（超过 {MAX_CELLS} 个），不像是计分表")])
            values: list[Any] = [None] * MAX_COLS
            for cell in row_cells:
                if 1 <= cell["column"] <= MAX_COLS:
                    value = cell["value"]
                    values[cell["column"] - 1] = Formula(value if isinstance(value, str) else "=") \
                        if cell["data_type"] == "f" else value
            if all(_blank(v) for v in values):
                continue
            row_ref = f"{name}!{number}:{number}"
            if number > MAX_ROWS + 1:
                raise FormatError(source, [Problem(row_ref, f"行数超过上限（最多 {MAX_ROWS} 行数据）")])
            if number < len(rows) + 1:  # rows out of order: not something Excel writes
                raise FormatError(source, [Problem(row_ref, "行的顺序错乱，工作表已损坏")])
            rows.extend([()] * (number - 1 - len(rows)))
            rows.append(tuple(values))
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


class _Reader:
    """Turns worksheet rows into the sheet dict, collecting every problem."""

    def __init__(self, sheets: dict[str, list[tuple]]):
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.places: dict[str, str] = {"": SHEET_TOP}

    def problem(self, ref: str, message: str) -> None:
        self.problems.append(Problem(ref, message))

    def sheet(self, source: str) -> dict:
        for name in (SHEET_TOP, SHEET_ITEMS):
            if name not in self.sheets:
                self.problem("", f"缺少工作表“{name}”")
        for name in SURVEY_PARTS:
            if name in self.sheets and SHEET_SURVEY not in self.sheets:
                self.problem(name, f"有工作表“{name}”却缺少工作表“{SHEET_SURVEY}”")
        result, extra, extra_ref = self.kv(SHEET_TOP, [(TOP_ROWS, "", EXTRA)], [""])[0]
        if SHEET_ITEMS in self.sheets:
            result["categories"] = self.categories()
            if not result["categories"] and "categories" in (extra or {}):
                del result["categories"]  # export put a malformed list in the JSON row
        if SHEET_VETOES in self.sheets:
            result["vetoes"] = [self.veto(r, refs, f"vetoes[{i}]")
                                for i, (r, refs) in enumerate(self.table(SHEET_VETOES, VETO_COLS, "vetoes"))]
        if SHEET_BONUSES in self.sheets:
            result["bonuses"] = [r for r, _ in self.table(SHEET_BONUSES, BONUS_COLS, "bonuses")]
        if SHEET_SURVEY in self.sheets:
            result["survey"] = self.survey()
        self.place_extra("", extra, extra_ref)
        self.merge(result, extra, extra_ref, EXTRA)
        if self.problems:
            raise FormatError(source, self.problems)
        return result

    # -- worksheets

    def categories(self) -> list[dict]:
        # (category, its item rows, its JSON cell reference); a row starts a category when its
        # code differs from the current one (a blank code continues it).
        # (category, its item rows with their cell references, the row's cell references, the cell
        # each category key came from)
        groups: list[tuple[dict, list[tuple[dict, dict[str, str]]], dict[str, str], dict[str, str]]] = []
        first_row: dict[str, int] = {}
        rows = self.rows(SHEET_ITEMS, CATEGORY_COLS + ITEM_COLS, (CAT_EXTRA, ITEM_EXTRA))
        for n, cells, refs in rows:
            cat = self.record(cells, refs, CATEGORY_COLS, CAT_EXTRA)
            item = self.record(cells, refs, ITEM_COLS, ITEM_EXTRA)
            current = groups[-1][0] if groups else None
            marked = "code" in cat or not _blank(cells.get(CAT_EXTRA))
            if current is None or (marked and cat.get("code", _NONE) != current.get("code", _NONE)):
                groups.append((cat, [], refs, {k: _ref_of(k, refs, CATEGORY_COLS, CAT_EXTRA) for k in cat}))
                first_row = {k: n for k in cat}
            else:
                for key, value in cat.items():
                    if key not in current:
                        current[key], first_row[key] = value, n
                        groups[-1][3][key] = _ref_of(key, refs, CATEGORY_COLS, CAT_EXTRA)
                    elif current[key] != value:
                        header = next((c.header for c in CATEGORY_COLS if c.key == key), CAT_EXTRA)
                        self.problem(refs[header], f"{header}与本类别第 {first_row[key]} 行的不一致")
            if item or not _blank(cells.get(ITEM_EXTRA)):
                groups[-1][1].append((item, refs))
        self.places["categories"] = SHEET_ITEMS
        for i, (cat, items, first_refs, places) in enumerate(groups):
            path = f"categories[{i}]"
            self.places[path] = first_refs[CATEGORY_COLS[0].header]
            self.places |= {join(path, col.key): first_refs[col.header] for col in CATEGORY_COLS}
            self.places |= {join(path, key): ref for key, ref in places.items()}
            if "items" not in cat:
                cat["items"] = [item for item, _ in items]
                self.places[f"{path}.items"] = self.places[path]
                for j, (item, refs) in enumerate(items):
                    self.place(f"{path}.items[{j}]", item, refs, ITEM_COLS, ITEM_EXTRA)
            elif items:
                self.problem(first_refs[CAT_EXTRA], f"类别已有项目行，{CAT_EXTRA}中不能再有“items”")
        return [cat for cat, _, _, _ in groups]

    def veto(self, veto: dict, refs: dict[str, str], path: str) -> dict:
        kind, code, ratio = (veto.pop(k, _NONE) for k in (RULE_KIND, RULE_CODE, RULE_RATIO))
        kind_ref, code_ref, ratio_ref = (refs[c.header] for c in VETO_COLS
                                         if c.key in (RULE_KIND, RULE_CODE, RULE_RATIO))
        if (kind, code, ratio) == (_NONE, _NONE, _NONE):
            return veto
        if "rule" in veto:
            self.problem(refs[EXTRA], f"规则已写在规则列中，{EXTRA}中不能再有“rule”")
        if kind is _NONE or kind not in RULE_KINDS:
            shown = "空" if kind is _NONE else f"“{kind}”"
            self.problem(kind_ref, f"规则对象类型应为 category（类别）或 item（项目），实际为{shown}")
        if code is _NONE:
            self.problem(code_ref, "规则缺少规则对象代码")
        if kind in RULE_KINDS and code is not _NONE:
            veto["rule"] = {RULE_KINDS[kind]: code} | ({} if ratio is _NONE else {"below_ratio": ratio})
            self.places |= {f"{path}.rule": kind_ref, f"{path}.rule.{RULE_KINDS[kind]}": code_ref,
                            f"{path}.rule.below_ratio": ratio_ref}
        return veto

    def survey(self) -> dict:
        sections = [(SURVEY_ROWS, "", EXTRA), (DERIVE_ROWS, DERIVE_PREFIX, DERIVE_EXTRA)]
        self.places |= {"survey": SHEET_SURVEY, "survey.derive": SHEET_SURVEY}
        (survey, extra, extra_ref), (derive, derive_extra, derive_ref) = self.kv(
            SHEET_SURVEY, sections, ["survey", "survey.derive"])
        for key, name, cols in (("levels", SHEET_LEVELS, LEVEL_COLS),
                                ("questions", SHEET_QUESTIONS, QUESTION_COLS)):
            if name in self.sheets:
                survey[key] = [r for r, _ in self.table(name, cols, f"survey.{key}")]
        if SHEET_BANDS in self.sheets:
            derive["bands"] = [r for r, _ in self.table(SHEET_BANDS, BAND_COLS, "survey.derive.bands")]
        if derive or derive_extra is not None:
            self.place_extra("survey.derive", derive_extra, derive_ref)
            self.merge(derive, derive_extra, derive_ref, DERIVE_EXTRA)
            survey["derive"] = derive
        self.place_extra("survey", extra, extra_ref)
        self.merge(survey, extra, extra_ref, EXTRA)
        return survey

    # -- generic readers

    def kv(self, name: str, sections: list[tuple[tuple[Col, ...], str, str]],
           paths: list[str]) -> list[tuple[dict, dict | None, str]]:
        """Key/value worksheet: per section (values, its JSON row parsed or None, that row's cell);
        each section's values are placed under its JSON path in `paths`."""
        rows = self.sheets.get(name, [])
        out: list[tuple[dict, dict | None, str]] = [({}, None, name) for _ in sections]
        for (section_rows, _, _), path in zip(sections, paths, strict=True):  # a row left out: its field's name
            self.places |= {join(path, col.key): f"{name}（{col.header}）" for col in section_rows}
        if not rows:
            return out
        cols = self.header(name, rows[0], [KV_LABEL, KV_KEY, KV_VALUE, KV_NOTE], [KV_KEY, KV_VALUE])
        if KV_KEY not in cols or KV_VALUE not in cols:
            return out
        seen: dict[str, int] = {}
        for n, row in enumerate(rows[1:], start=2):
            raw_key, raw = _at(row, cols[KV_KEY]), _at(row, cols[KV_VALUE])
            key_ref = f"{name}!{get_column_letter(cols[KV_KEY] + 1)}{n}"
            ref = f"{name}!{get_column_letter(cols[KV_VALUE] + 1)}{n}"
            if _blank(raw_key):
                if not _blank(raw):
                    self.problem(key_ref, "有值却没有键")
                continue
            key = str(raw_key).strip()
            if key in seen:
                self.problem(key_ref, f"键“{key}”重复（另见第 {seen[key]} 行）")
                continue
            seen[key] = n
            for i, (section_rows, prefix, extra_key) in enumerate(sections):
                values = out[i][0]
                if key == extra_key:
                    out[i] = (values, self.json_cell(raw, ref, extra_key), ref)
                    break
                col = next((c for c in section_rows if prefix + c.key == key), None)
                if col is not None:
                    value = self.convert(raw, col.kind, col.header, ref)
                    if value is not _NONE:
                        values[col.key] = value
                        self.places[join(paths[i], col.key)] = ref
                    break
            else:
                self.problem(key_ref, f"未知的键“{key}”；其他键请写在键为“{EXTRA}”的行中（JSON 对象）")
        return out

    def table(self, name: str, cols: tuple[Col, ...], path: str) -> list[tuple[dict, dict[str, str]]]:
        """Records of a one-record-per-row worksheet, each with its cell references by header, placed
        as the elements of the list at `path`."""
        records = [(self.record(cells, refs, cols, EXTRA), refs) for _, cells, refs in self.rows(name, cols, (EXTRA,))]
        self.places[path] = name
        for i, (record, refs) in enumerate(records):
            self.place(f"{path}[{i}]", record, refs, cols, EXTRA)
        return records

    def place(self, path: str, record: dict, refs: dict[str, str], cols: tuple[Col, ...], extra_key: str) -> None:
        """The record at its row's first cell, each of its values at its column's cell (or the JSON cell),
        a value left out at the cell it belongs in."""
        self.places[path] = refs[cols[0].header]
        for key in [col.key for col in cols] + list(record):
            self.places[join(path, key)] = _ref_of(key, refs, cols, extra_key)

    def place_extra(self, path: str, extra: dict | None, ref: str) -> None:
        for key in extra or {}:
            self.places.setdefault(join(path, key), ref)

    def rows(self, name: str, cols: tuple[Col, ...], extras: tuple[str, ...]) -> list[tuple[int, dict, dict[str, str]]]:
        """Non-blank data rows as (row number, raw cells by header, cell references by header)."""
        rows = self.sheets[name]
        if not rows:
            return []
        headers = [c.header for c in cols] + list(extras)
        found = self.header(name, rows[0], headers, [c.header for c in cols if c.required])
        out = []
        for n, row in enumerate(rows[1:], start=2):
            if all(_blank(v) for v in row):
                continue
            cells = {h: _at(row, i) for h, i in found.items()}
            # a missing optional column is located by its row
            refs = {h: f"{name}!{get_column_letter(found[h] + 1)}{n}" if h in found else f"{name}!{n}:{n}"
                    for h in headers}
            out.append((n, cells, refs))
        return out

    def header(self, name: str, row: tuple, known: list[str], required: list[str]) -> dict[str, int]:
        """Column index by header; reports missing, duplicate and unknown headers."""
        found: dict[str, int] = {}
        for i, raw in enumerate(row):
            if _blank(raw):
                continue
            header = str(raw).strip()
            ref = f"{name}!{get_column_letter(i + 1)}1"
            if header in found:
                self.problem(ref, f"列“{header}”重复")
            elif header not in known:
                self.problem(ref, f"未知的列“{header}”；其他内容请写在 JSON 列中")
            else:
                found[header] = i
        for header in required:
            if header not in found:
                self.problem(name, f"缺少列“{header}”")
        return found

    def record(self, cells: dict, refs: dict[str, str], cols: tuple[Col, ...], extra_key: str) -> dict:
        record = {}
        for col in cols:
            value = self.convert(cells.get(col.header), col.kind, col.header, refs[col.header])
            if value is not _NONE:
                record[col.key] = value
        self.merge(record, self.json_cell(cells.get(extra_key), refs[extra_key], extra_key), refs[extra_key], extra_key)
        return record

    def merge(self, record: dict, extra: dict | None, ref: str, header: str) -> None:
        for key, value in (extra or {}).items():
            if key in record:
                self.problem(ref, f"键“{key}”已有对应的列或工作表，不能再写在{header}中")
            else:
                record[key] = value

    def json_cell(self, raw: Any, ref: str, header: str) -> dict | None:
        if _blank(raw):
            return None

        try:
            value = loads_checked(str(raw), bounded=False)  # the bounds: on the whole sheet (load.py)
        except ContentProblems as err:
            for problem in err.problems:
                self.problem(ref, f"{header}中 {problem}" if problem.path else f"{header}：{problem}")
            return None
        except (ValueError, RecursionError):
            value = _NONE
        if not isinstance(value, dict):
            example = '{"键": "值"}'
            self.problem(ref, f"{header}应为 JSON 对象，如 {example}，实际为“{cell_shown(raw)}”")
            return None
        return value

    def convert(self, raw: Any, kind: Kind, header: str, ref: str) -> Any:
        """The JSON value of a cell, _NONE for a blank cell; a problem when the type is wrong."""
        if _blank(raw):
            return _NONE
        if isinstance(raw, str):
            raw = raw.strip()
        value: Any = _NONE
        expected = {"text": "文字", "number": "数字", "bool": "“是”或“否”"}[kind]
        if isinstance(raw, (datetime, date, time, timedelta)):
            pass
        elif kind == "bool":
            if isinstance(raw, bool):
                value = raw
            elif isinstance(raw, (str, int)):
                word = str(raw).lower()
                value = True if word in TRUE_WORDS else False if word in FALSE_WORDS else _NONE
        elif isinstance(raw, bool):
            pass
        elif kind == "number":
            value = _parse_number(raw) if isinstance(raw, str) else _number_from_cell(raw)
            value = _NONE if value is None else value
        elif isinstance(raw, str):
            value = raw
        elif isinstance(raw, (int, float)):
            value = str(_number_from_cell(raw))  # a code typed as a number, e.g. 1
        if value is _NONE:
            self.problem(ref, f"{header}应为{expected}，实际为“{cell_shown(raw)}”")
        return value


def _ref_of(key: str, refs: dict[str, str], cols: tuple[Col, ...], extra_key: str) -> str:
    """The cell a record's key was read from: its column's, or the row's JSON cell."""
    return next((refs[c.header] for c in cols if c.key == key), refs[extra_key])


def _at(row: tuple, index: int) -> Any:
    return row[index] if index < len(row) else None


def cell_shown(raw: Any) -> str:
    """A cell's value as a message quotes it: TRUE/FALSE, ISO dates, at most 40 characters."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, (datetime, date, time)):
        return raw.isoformat()
    text = str(raw)
    return text if len(text) <= 40 else text[:40] + "…"


def _number_from_cell(value: Any) -> int | Decimal | None:
    """int when integral, else the Decimal of the float's shortest repr."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return int(value) if value.is_integer() else Decimal(str(value))
    return value


def _parse_number(text: str) -> int | Decimal | None:
    """Numeric text ("2.5", "3", "1e2") as int or Decimal; None if it is not a number."""
    text = text.strip()
    if not NUMBER_RE.fullmatch(text):
        return None
    try:
        return int(text) if INTEGER_RE.fullmatch(text) else Decimal(text)
    except (InvalidOperation, ValueError):
        return None
