"""One file, one writer, in the window: copies of the file alone, a second window, read-only files,
复制到U盘… — through the real widgets on real files (offscreen)."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from evaluator_app.storage.store import EvaluationStore
from tests.gui_helpers import make_file, shown_window
from tests.test_file_access import digest, summary_json, unwritable  # noqa: F401 (a fixture)
from tests.test_gui_end_to_end import add_member
from tests.test_gui_steps import document, page, type_score
from ui import messages

pytestmark = pytest.mark.gui


def try_typing_a_score(qtbot, view, text: str = "2") -> None:
    """What a person does to enter a score: select the cell, type, press F2, type again, press Enter."""
    view.setCurrentIndex(view.model().index(0, 2))
    view.setFocus()
    qtbot.keyClicks(view, text)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    for editor in [e for e in view.findChildren(QLineEdit) if e.isVisible()]:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    QApplication.processEvents()


def open_window(qtbot, path):
    win = shown_window(qtbot)
    assert win.open_file(str(path))
    qtbot.wait(20)  # the first step page is shown (and marked started) before the file is compared
    return win


def test_a_copy_of_the_file_alone_holds_every_edit_made_in_the_window(qtbot, tmp_path, answers, capsys):
    path = make_file(tmp_path, document())
    win = open_window(qtbot, path)
    scoring = page(win, 6)
    type_score(qtbot, scoring.sheet_view, 0, "2.5")
    assert scoring.sheet_model.score_of("A1").score == Decimal("2.5")
    add_member(qtbot, page(win, 1), "周委员", "标准化专家", "成员")
    qtbot.waitUntil(lambda: len(win.session.evaluation.panel) == 7)

    usb = tmp_path / "U盘"
    usb.mkdir()
    copy = usb / path.name
    shutil.copyfile(path, copy)  # the window is still open; only the evaluation file is copied
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
    expected = summary_json(capsys, path)
    assert expected["panel"]["size"] == 7
    assert summary_json(capsys, copy) == expected
    with EvaluationStore.open(copy, read_only=True) as copied:
        evaluation = copied.load()
    assert "周委员" in [m.name for m in evaluation.panel]
    assert next(s for s in evaluation.scores if s.member == "e1" and s.item == "A1").score == Decimal("2.5")


def test_a_second_window_is_told_and_may_only_look(qtbot, tmp_path, answers, capsys):
    path = make_file(tmp_path, document())
    first = open_window(qtbot, path)
    expected, before = summary_json(capsys, path), digest(path)

    # Declined: the second window stays on the start page.
    messages.ask_hook = lambda title, text: False
    declined = shown_window(qtbot)
    assert not declined.open_file(str(path))
    assert declined.session is None and "只读" not in declined.windowTitle()

    messages.ask_hook = lambda title, text: True
    messages.shown.clear()
    second = open_window(qtbot, path)
    asked = [text for kind, text in messages.shown if kind == "ask"]
    assert len(asked) == 1 and "此评估文件已在另一窗口中打开" in asked[0] and "只读" in asked[0]
    assert "只读" in second.windowTitle() and path.name in second.windowTitle()
    assert "只读" not in first.windowTitle()
    note = second.read_only_note
    assert note.isVisible() and "另一窗口" in note.text()

    # Nothing typed in the second window reaches the file.
    scoring = page(second, 6)
    try_typing_a_score(qtbot, scoring.sheet_view)
    assert scoring.sheet_model.score_of("A1") is None
    assert not [e for e in scoring.sheet_view.findChildren(QLineEdit) if e.isVisible()]
    assert scoring.scorer.isEnabled()  # choosing whose sheet to look at still works
    scoring.scorer.setCurrentIndex(1)
    assert not scoring.submit_button.isEnabled()
    announce = page(second, 1)
    assert not announce.add_button.isEnabled() and not announce.finish_button.isEnabled()
    assert not second.session.set_pilot_field("address", "第二个窗口")  # refused even when asked directly
    assert "只读" in second.statusBar().currentMessage()
    assert digest(path) == before and summary_json(capsys, path) == expected

    # The first window writes on.
    type_score(qtbot, page(first, 6).sheet_view, 0, "2")
    assert summary_json(capsys, path) != expected

    # Once the first window has closed, the file opens for writing again.
    first.close()
    second.close_evaluation()
    assert not second.read_only_note.isVisible()
    third = open_window(qtbot, path)
    assert "只读" not in third.windowTitle() and not third.session.store.read_only


def test_a_file_that_cannot_be_written_opens_read_only(qtbot, tmp_path, answers, capsys, unwritable):  # noqa: F811
    path = make_file(tmp_path, document())
    expected = summary_json(capsys, path)
    unwritable(path)
    before = digest(path)
    messages.shown.clear()
    win = open_window(qtbot, path)
    assert not [kind for kind, _ in messages.shown if kind in ("ask", "error")]  # opened without a question
    assert "只读" in win.windowTitle()
    note = win.read_only_note
    assert note.isVisible() and path.name in note.text() and "复制到可写的文件夹" in note.text()
    assert win.session.store.read_only_reason in note.text()
    assert win.page.save_status.text() == "只读，不能修改"  # never "已保存" for a file that takes nothing

    scoring = page(win, 6)
    try_typing_a_score(qtbot, scoring.sheet_view, "3")
    assert scoring.sheet_model.score_of("A1") is None
    notes = page(win, 2).notes["组织管理"]
    assert notes.isReadOnly()
    assert digest(path) == before and summary_json(capsys, path) == expected

    win.close_evaluation()
    assert not note.isVisible()


def test_copy_to_usb_writes_a_verified_copy_and_never_overwrites(qtbot, tmp_path, answers, capsys):
    path = make_file(tmp_path, document())
    win = open_window(qtbot, path)
    type_score(qtbot, page(win, 6).sheet_view, 0, "1.5")
    usb = tmp_path / "U盘"
    usb.mkdir()
    target = usb / "现场评估.sqlite"
    messages.save_path_hook = lambda title, suggested: str(target)
    messages.shown.clear()
    assert "复制到U盘" in win.action_copy_to_usb.text()
    win.action_copy_to_usb.trigger()
    assert "正在复制" in win.statusBar().currentMessage()  # on a worker thread
    qtbot.waitUntil(lambda: messages.shown[-1][0] in ("info", "error"), timeout=15000)
    kind, text = messages.shown[-1]
    assert kind == "info" and str(target) in text and "已校验" in text
    assert summary_json(capsys, target) == summary_json(capsys, path)
    assert sorted(p.name for p in usb.iterdir()) == ["现场评估.sqlite"]

    before = digest(target)
    type_score(qtbot, page(win, 6).sheet_view, 1, "2")
    messages.shown.clear()
    win.action_copy_to_usb.trigger()
    qtbot.waitUntil(lambda: bool(messages.shown) and messages.shown[-1][0] in ("info", "error"))
    kind, text = messages.shown[-1]
    assert kind == "error" and "已存在" in text
    assert digest(target) == before
