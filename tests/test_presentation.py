"""The result and the sheet are worded the same in the PDF, the Excel workbook and the window.

Each case is a real evaluation file; the PDF and the workbook are made by the command line and read
back with pdftotext and openpyxl; the window is the real main window showing the 结论 step.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
from PySide6.QtGui import QTextDocument

from evaluator_app.cli import main
from tests.factories import evaluation, full_scores, panel, samples, small_sheet
from tests.gui_helpers import make_file, shown_window

pytestmark = [pytest.mark.gui, pytest.mark.skipif(shutil.which("pdftotext") is None,
                                                  reason="pdftotext (poppler-utils) is not installed")]

DECLARED = {"employed": False, "consulted": False, "related": False}
SHEET_LABEL = "测试计分表（版本 2026.1，暂定）"


def document(kind: str = "试点评估", value_for=lambda member, item: None, experts: int = 2,
             scored: bool = True) -> dict:
    doc = evaluation(sheet=small_sheet(version="2026.1", provisional=True), members=panel(6, experts), kind=kind)
    for member in doc["panel"]:
        member["recusal"] = {"answers": DECLARED, "declared_at": "2025-11-20T08:30:00+08:00"}
    doc["scores"] = full_scores(doc, value_for) if scored else []
    doc["survey"] = samples([("满意", "满意")] * 5, ["Q1", "Q2"])
    return doc


def midterm() -> dict:
    """X1 scored 3 of 4, X2 not yet due: 7 of the 8 points that apply."""
    doc = document("中期评估", lambda member, item: 3 if item == "X1" else None)
    for score in doc["scores"]:
        if score["item"] == "X2":
            score.update(score=None, na=True)
    return doc


def one_missing() -> dict:
    doc = document()
    doc["scores"] = [s for s in doc["scores"] if (s["member"], s["item"]) != ("e3", "Y2")]
    return doc


CASES = {
    "pilot_pass": (document, "合格"),
    "pilot_fail": (lambda: document(value_for=lambda member, item: 1 if item == "X1" else None), "不合格"),
    "midterm": (midterm, "进展良好（完成度 87.50%）"),
    "reinspection_pass": (lambda: document("复查"), "复查合格"),
    "reinspection_fail": (lambda: document("复查", lambda member, item: 1 if item == "X1" else None), "复查不合格"),
    "no_result_missing": (one_missing, "尚未形成结论（尚有 1 项评分未录入）"),
    "no_result_panel": (lambda: document(experts=1, scored=False),
                        "尚未形成结论（评估组组成或回避不符合要求；尚有 18 项评分未录入）"),
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(capsys, file, out) -> str:
    assert main(["report", str(file), "-o", str(out)]) == 0
    capsys.readouterr()
    return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout


def workbook(capsys, file, out) -> list[tuple]:
    assert main(["export-xlsx", str(file), str(out)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(out, read_only=True)
    try:
        return [tuple(cell.value for cell in row) for row in wb["汇总"].iter_rows()]
    finally:
        wb.close()


def labelled(rows: list[tuple], label: str) -> tuple:
    """The 汇总 row whose label (column B) is `label`."""
    return next(row for row in rows if len(row) > 2 and row[1] == label)


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def conclusion_page(win):
    number = next(step.number for step in win.page.steps if step.key == "conclusion")
    win.page.go_to(number)
    return win.page.step_page(number)


@pytest.mark.parametrize("case", CASES)
def test_the_result_and_the_sheet_read_the_same_everywhere(qtbot, tmp_path, capsys, answers, case):
    make, expected = CASES[case]
    file = make_file(tmp_path, make())

    text = pdf_text(capsys, file, tmp_path / "report.pdf")
    rows = workbook(capsys, file, tmp_path / "summary.xlsx")
    win = shown_window(qtbot)
    assert win.open_file(str(file))
    step = conclusion_page(win)

    # PDF: the result cell of the overview, and the 结论 line of 附表1
    assert squeeze(text).count(squeeze(expected)) >= 2
    assert squeeze(f"结论：{expected}") in squeeze(text)
    # Excel: the 结论 cell of 汇总
    assert labelled(rows, "结论")[2] == expected
    # the window: the result label
    assert step.result_label.text() == f"结论：{expected}"

    # the sheet label, whole, in all three
    assert squeeze(f"计分表：{SHEET_LABEL}") in squeeze(text)
    assert f"计分表：{SHEET_LABEL}　" in rows[1][0]
    assert any(row[0] == "计分表" and str(row[2]).startswith(f"{SHEET_LABEL}；") for row in rows)
    assert f"计分表：{SHEET_LABEL}" in plain(step.figures.text())


def test_category_subtotals_agree_between_the_workbook_and_the_window(qtbot, tmp_path, capsys, answers):
    file = make_file(tmp_path, midterm())
    rows = workbook(capsys, file, tmp_path / "summary.xlsx")
    win = shown_window(qtbot)
    assert win.open_file(str(file))
    shown = plain(conclusion_page(win).figures.text())
    # X: X1 3 of 4, X2 not yet due; Y: Y1 from the survey 2 of 2, Y2 2 of 2
    for code, name, score, maximum in (("X", "体系", "3.00", "4"), ("Y", "成效", "4.00", "4")):
        assert re.search(rf"{code} {name}\s+{re.escape(score)}\s+/ {maximum}\b", shown), shown
        row = next(r for r in rows if r[0] == code)
        assert (row[1], str(row[2]), f"{row[-2]:.2f}") == (f"{name}（小计）", maximum, score)
