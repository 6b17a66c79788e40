"""Step 6 typed from the keyboard as a person copies a paper sheet: score, Tab, reason, Enter, the next score.
Keys go to whichever widget has the keyboard focus, as they do for a person: the sheet, or the cell editor the
first key opened."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from evaluator_app.domain.evaluation import Role
from evaluator_app.storage.store import EvaluationStore
from tests.gui_helpers import key_with_text, make_file, shown_window, when_dialog_opens
from tests.test_gui_steps import document as steps_document

pytestmark = pytest.mark.gui

def document(scored: bool = False) -> dict:
    return steps_document(scored=scored)


@pytest.fixture
def opened(qtbot, tmp_path, answers):
    """A window on a real file, at step 6 (or another step), and the file's path."""
    def open_with(doc, step: int = 6):
        path = make_file(tmp_path, doc)
        win = shown_window(qtbot)
        assert win.open_file(str(path))
        win.page.go_to(step)
        return win, win.page.step_page(step), path
    return open_with


def focused():
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> None:
    """Each character to the focused widget. Chinese comes as key presses carrying the character, the way a
    keyboard layout or a committed input method delivers it."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(focused(), char)
        else:
            key_with_text(focused(), char)


def press(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key)


def editors(view) -> list[QLineEdit]:
    return [e for e in view.findChildren(QLineEdit) if e.isVisible()]


def start_at(qtbot, step, row: int, column: int = 2) -> None:
    view = step.sheet_view
    view.setFocus()
    view.setCurrentIndex(step.sheet_model.index(row, column))
    qtbot.waitUntil(lambda: focused() is view)


def cell(step) -> tuple[int, int]:
    current = step.sheet_view.currentIndex()
    return current.row(), current.column()


def test_paper_sheet_flow_score_tab_reason_enter(qtbot, opened):
    win, step, path = opened(document())
    view = step.sheet_view
    assert step.scorer.currentData() == "e1"
    start_at(qtbot, step, 0)
    rows = [("2.5", "未见会议纪要"), ("3", ""), ("2", "方案未分解到岗位")]
    for row, (score, reason) in enumerate(rows):
        assert cell(step) == (row, 2) and not editors(view), "ready to type the score, no editor open yet"
        type_text(qtbot, score)  # the first key opens the editor, the rest go into it
        if reason:
            press(qtbot, Qt.Key.Key_Tab)
            assert cell(step) == (row, 3) and len(editors(view)) == 1, "Tab opens the same item's reason"
            type_text(qtbot, reason)
        press(qtbot, Qt.Key.Key_Return)
    assert cell(step) == (3, 2) and not editors(view)
    assert step.validation.isHidden()
    # The reason typed last is still the reason: nothing typed afterwards lands in it.
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    win.close()

    with EvaluationStore.open(path, backup=False) as store:
        scores = {s.item: (s.score, s.note) for s in store.load().scores if s.member == "e1"}
    assert scores == {"A1": (Decimal("2.5"), "未见会议纪要"), "A2": (Decimal("3"), ""),
                      "A3": (Decimal("2"), "方案未分解到岗位"), "A4": (Decimal("3"), "")}


def test_typing_over_a_score_replaces_it(qtbot, opened):
    win, step, _ = opened(document(scored=True))
    start_at(qtbot, step, 1)
    type_text(qtbot, "3")  # A2 already holds 3: the key replaces it, it is not appended
    assert editors(step.sheet_view)[0].text() == "3"
    press(qtbot, Qt.Key.Key_Escape)
    assert win.session.score_of("e1", "A2").score == Decimal("3")


@pytest.mark.parametrize(("typed", "message"), [
    ("3.5", "应在 0 至 3 之间"),
    ("1.3", "0.5 的整数倍"),
    ("两分", "不是数字"),
])
def test_a_refused_score_stays_in_its_cell_with_the_message(qtbot, opened, typed, message):
    win, step, _ = opened(document())
    view = step.sheet_view
    start_at(qtbot, step, 0)
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    assert cell(step) == (0, 2)
    assert [e.text() for e in editors(view)] == [typed] and focused() is editors(view)[0]
    assert message in step.validation.text() and step.validation.isVisible()
    assert win.session.score_of("e1", "A1") is None
    press(qtbot, Qt.Key.Key_Tab)  # Tab does not leave it either
    assert cell(step) == (0, 2) and [e.text() for e in editors(view)] == [typed]
    # Corrected in place, it is saved and the sheet moves on.
    editors(view)[0].selectAll()
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(step) == (1, 2) and not editors(view) and step.validation.isHidden()
    assert win.session.score_of("e1", "A1").score == Decimal("3")


def test_a_deduction_wants_its_reason_before_enter_leaves_the_reason(qtbot, opened):
    win, step, _ = opened(document())
    view = step.sheet_view
    start_at(qtbot, step, 0)
    type_text(qtbot, "2.5")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)  # no reason typed
    assert cell(step) == (0, 3) and len(editors(view)) == 1
    assert "A1 扣分 0.5，请填写扣分理由" in step.validation.text()
    type_text(qtbot, "未见会议纪要")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(step) == (1, 2) and not editors(view)
    assert win.session.score_of("e1", "A1").note == "未见会议纪要"
    # A deduction saved with Enter alone is kept, and the missing reason is shown.
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    assert win.session.score_of("e1", "A2").score == Decimal("2")
    assert "A2 扣分 1，请填写扣分理由" in step.validation.text()


def test_a_reason_before_its_score_stays_with_the_message(qtbot, opened):
    win, step, _ = opened(document())
    view = step.sheet_view
    start_at(qtbot, step, 0, column=3)
    type_text(qtbot, "未见纪要")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(step) == (0, 3) and [e.text() for e in editors(view)] == ["未见纪要"]
    assert "请先为 A1 打分" in step.validation.text()
    press(qtbot, Qt.Key.Key_Backtab)  # to the score: the refused reason still does not leave
    assert cell(step) == (0, 3)
    press(qtbot, Qt.Key.Key_Escape)
    assert not editors(view) and win.session.score_of("e1", "A1") is None


def test_switching_the_rater_keeps_the_row(qtbot, opened):
    _, step, _ = opened(document(scored=True))
    view, model = step.sheet_view, step.sheet_model
    row = model.rowCount() - 3
    start_at(qtbot, step, row)
    view.scrollTo(model.index(row, 2))
    qtbot.keyClick(step.scorer, Qt.Key.Key_Down)  # the next rater, chosen from the keyboard
    assert step.scorer.currentData() == "e2"
    assert cell(step) == (row, 2)
    assert view.selectionModel().isSelected(model.index(row, 2))
    assert view.viewport().rect().intersects(view.visualRect(model.index(row, 2)))
    step.scorer.setCurrentIndex(4)
    assert step.sheet_model.member == "e5" and cell(step) == (row, 2)


def test_a_new_member_defaults_to_member_not_leader(qtbot, opened):
    win, step1, _ = opened(document(), step=1)
    seen = {}

    def fill(dialog):
        seen["role"] = dialog.role.currentData()
        dialog.name.setText("周委员")
        dialog.accept()
    when_dialog_opens(fill)
    qtbot.mouseClick(step1.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(win.session.evaluation.panel) == 7)
    assert seen["role"] == "成员"
    added = win.session.evaluation.panel[-1]
    assert added.name == "周委员" and added.role is Role.MEMBER
    # Editing keeps the role a member has.
    from ui.steps.panel_dialogs import MemberDialog
    leader = win.session.evaluation.panel[0]
    dialog = MemberDialog(leader, leader.id)
    assert dialog.role.currentData() == "组长"
    dialog.deleteLater()
