"""One loader for a 计分表 file: `sheet validate`, 新建评估 and the settings' 默认计分表 accept and refuse
the same files, with the same message naming the file and the cell."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from evaluator_app.cli import main
from tests.factories import small_sheet
from ui import messages
from ui.settings import AppSettings
from ui.settings_dialog import SettingsDialog
from ui.start_page import NewEvaluationDialog

pytestmark = pytest.mark.gui


def workbook(tmp_path: Path, capsys, name: str = "省计分表.xlsx") -> Path:
    """The small sheet as an Excel workbook, written by `sheet export-xlsx` from its JSON."""
    source = tmp_path / "small.json"
    source.write_text(json.dumps(small_sheet(name="省里的计分表"), default=str, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / name
    assert main(["sheet", "export-xlsx", str(source), str(target)]) == 0
    capsys.readouterr()
    return target


def edited(path: Path, changes: dict[tuple[str, str], object]) -> Path:
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in changes.items():
        wb[sheet][cell] = value
    wb.save(path)
    return path


def validate(capsys, path: Path) -> tuple[int, str, str]:
    code = main(["sheet", "validate", str(path)])
    out, err = capsys.readouterr()
    return code, out, err.strip()


def dialog_message(qtbot, path: Path) -> str | None:
    """What 新建评估 › 从文件载入计分表 says about the file (None: it was loaded and selected)."""
    dialog = NewEvaluationDialog()
    qtbot.addWidget(dialog)
    before = len(messages.shown)
    dialog.load_sheet_file(str(path))
    if len(messages.shown) > before:
        return messages.shown[-1][1]
    assert dialog.sheet_combo.currentText() == f"省里的计分表（{path.name}）"
    return None


def settings_message(qtbot, path: Path) -> str | None:
    """What 设置 › 默认计分表 says about the file (None: it was saved as the default)."""
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    before = len(messages.shown)
    dialog.default_sheet.setText(str(path))
    dialog.accept()
    if len(messages.shown) > before:
        assert AppSettings().default_sheet == ""
        return messages.shown[-1][1]
    assert AppSettings().default_sheet == str(path)
    return None


def test_a_workbook_is_accepted_everywhere(qtbot, tmp_path, capsys, answers):
    path = workbook(tmp_path, capsys)
    code, out, _ = validate(capsys, path)
    assert code == 0 and out.strip() == f"有效：{path}：省里的计分表（版本 1），2 类 4 项，满分 10，合格分 8"
    assert dialog_message(qtbot, path) is None
    assert settings_message(qtbot, path) is None
    offered = NewEvaluationDialog()  # the default sheet is offered first from now on
    qtbot.addWidget(offered)
    assert offered.sheet_combo.currentText() == f"省里的计分表（{path.name}）"


BROKEN = {
    # a value the workbook layout refuses
    "cell": ({("评分项目", "F3"): "二"}, ["评分项目!F3：满分应为数字，实际为“二”"]),
    # values the sheet's rules refuse, at the cells they were read from
    "rules": ({("评分项目", "C2"): 9, ("计分表", "C11"): 2, ("否决项", "D3"): "Z", ("满意度换算", "B2"): 5,
               ("满意度", "C3"): "Q9"},
              ["评分项目!C2：类别满分 9 不等于其项目满分之和 6", "计分表!C11：", "否决项!D3：引用了不存在的类别 “Z”",
               "满意度换算!B2：5 超过项目 Y1 的满分 2", "满意度!C3：引用了不存在的问题 “Q9”"]),
    # values left out, where they belong
    "missing": ({("计分表", "C7"): None, ("加分项", "C2"): None},
                ["计分表（合格分）：缺少必填项", "加分项!C2：缺少必填项"]),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_workbook_is_refused_everywhere_with_one_message(qtbot, tmp_path, capsys, answers, kind):
    changes, expected = BROKEN[kind]
    path = edited(workbook(tmp_path, capsys), changes)
    code, out, message = validate(capsys, path)
    assert code == 2 and out == ""
    assert message.startswith(f"{path} 格式错误")
    for text in expected:
        assert text in message, message
    assert dialog_message(qtbot, path) == message
    assert settings_message(qtbot, path) == message


def test_a_broken_json_sheet_is_refused_everywhere_with_one_message(qtbot, tmp_path, capsys, answers):
    sheet = small_sheet()
    sheet["categories"][0]["max"] = 9
    path = tmp_path / "省计分表.json"
    path.write_text(json.dumps(sheet, default=str, ensure_ascii=False), encoding="utf-8")
    code, _, message = validate(capsys, path)
    assert code == 2 and "categories[0].max：类别满分 9 不等于其项目满分之和 6" in message
    assert dialog_message(qtbot, path) == message
    assert settings_message(qtbot, path) == message


def test_a_file_of_another_kind_is_refused_by_name(qtbot, tmp_path, capsys, answers):
    path = tmp_path / "省计分表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, message = validate(capsys, path)
    assert code == 2
    assert message == (f"{path}：计分表应为 JSON（.json）或 Excel 工作簿（.xlsx）文件；"
                       "旧版 .xls 请在 Excel 中另存为 .xlsx")
    assert dialog_message(qtbot, path) == message
    assert settings_message(qtbot, path) == message
