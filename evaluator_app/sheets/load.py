"""Reading a 计分表 from a file, JSON or Excel: the one loader the command line and the window share.

The file's suffix decides how it is read. Both are read whole with a size limit before anything is
parsed. Every problem is reported at once in Chinese, naming the file and where in it: a JSON path
(`categories[0].max`) in a JSON file, a cell (`评分项目!C2`) in a workbook.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..domain.sheet import Sheet
from ..errors import FormatError, Problem, UserError
from ..fileio import FileTooLarge, read_bytes_limited
from ..jsonfile import document_problems, parse_json_text
from ..validation import Reader
from .schema import parse_sheet, sheet_from_document

MAX_JSON_BYTES = 20 * 1024 * 1024  # a sheet of thousands of items is well under 1 MiB
_LAST_STEP = re.compile(r"(^|\.)[^.\[\]]*$|\[\d+\]$")


def load_sheet_file(path: str | os.PathLike[str]) -> Sheet:
    """The sheet in a .json or .xlsx file; FormatError listing every problem and where, UserError
    when the file cannot be read or is neither."""
    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    if suffix == ".xlsx":
        from .xlsx import read_sheet_workbook  # openpyxl: imported only when a workbook is read

        document, places = read_sheet_workbook(source)
        problems = document_problems(document)  # the bounds a JSON sheet is held to, at their cells
        sheet = None
        if not problems:
            reader = Reader()
            sheet = parse_sheet(document, reader)
            problems = reader.problems or [Problem("", "计分表无效")]
        if sheet is None:
            raise FormatError(source, [_located(problem, places) for problem in problems])
        return sheet
    if suffix == ".json":
        try:
            data = read_bytes_limited(source, MAX_JSON_BYTES)
        except FileTooLarge as err:
            raise FormatError(source, [Problem("", f"文件过大（{err.size / 2**20:.1f} MiB，上限 "
                                                   f"{MAX_JSON_BYTES // 2**20} MiB），不像是计分表")]) from None
        return sheet_from_document(parse_json_text(data, source), source)
    hint = "；旧版 .xls 请在 Excel 中另存为 .xlsx" if suffix == ".xls" else ""
    raise UserError(f"{source}：计分表应为 JSON（.json）或 Excel 工作簿（.xlsx）文件{hint}")


def _located(problem: Problem, places: dict[str, str]) -> Problem:
    """The problem at the cell its value came from; a value that is missing at its record's first cell
    (or worksheet), with the JSON path it should have had."""
    path = problem.path
    while True:
        if path in places:
            where = places[path]
            return Problem(where if path == problem.path else f"{where}（{problem.path}）", problem.message)
        if not path:
            return problem
        parent = _LAST_STEP.sub("", path, count=1)
        path = parent if parent != path else ""


__all__ = ["MAX_JSON_BYTES", "load_sheet_file"]
