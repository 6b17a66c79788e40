"""A site day as a new user lives it: the File menu's shortcuts with an evaluation open, quitting with
a score still in its editor, closing while an edit waits for the disk, and 未到期 after typing."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from evaluator_app.storage.store import EvaluationStore
from tests.gui_helpers import make_file, shown_window, when_dialog_opens
from tests.test_gui_steps import document as steps_document
from tests.test_gui_steps import type_score
from ui import messages
from ui.main_window import APP_TITLE

pytestmark = pytest.mark.gui


def document(kind: str = "试点评估") -> dict:
    doc = steps_document()
    doc["kind"] = kind
    return doc


@pytest.fixture
def opened(qtbot, tmp_path, answers):
    def open_with(doc=None, name="评估.sqlite"):
        path = make_file(tmp_path, doc or document(), name)
        win = shown_window(qtbot)
        assert win.open_file(str(path))
        return win, path
    return open_with


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    """A shortcut typed into `widget` of the active window."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def stored_score(path, member: str, item: str):
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        return store.score(member, item)


def open_score_editor(qtbot, step, row: int, text: str) -> QLineEdit:
    """F2 on a score cell and `text` typed, without Enter: the editor is still open."""
    view = step.sheet_view
    view.setCurrentIndex(view.model().index(row, 2))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


# -- the File menu with an evaluation open ----------------------------------------------------------

def test_ctrl_n_creates_and_opens_a_new_evaluation_over_an_open_one(qtbot, opened, tmp_path):
    win, first = opened()
    target = tmp_path / "第二个试点.sqlite"

    def fill(dialog):
        dialog.fields["name"].setText("某区社区服务综合标准化试点")
        dialog.fields["unit"].setText("某区社区服务中心")
        dialog.evaluation_date.setText("2025-11-21")
        dialog.accept()
    when_dialog_opens(fill)
    messages.save_path_hook = lambda title, suggested: str(target)
    press(qtbot, win, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: win.session is not None and win.session.path == target)
    assert target.exists() and win.windowTitle().startswith("第二个试点.sqlite")
    assert win.page.current_step() == 1
    # The first file was closed cleanly: it opens for writing again.
    with EvaluationStore.open(first, backup=False) as store:
        assert not store.read_only


def test_ctrl_i_imports_and_opens_while_an_evaluation_is_open(qtbot, opened, tmp_path):
    win, _ = opened()
    source = tmp_path / "交换.json"
    doc = document()
    doc["pilot"]["name"] = "导入的试点"
    source.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "导入.sqlite"
    messages.open_path_hook = lambda title: str(source)
    messages.save_path_hook = lambda title, suggested: str(target)
    press(qtbot, win, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: win.session is not None and win.session.path == target)
    assert win.session.evaluation.pilot["name"] == "导入的试点"
    assert "导入的试点" in win.page.title.text()


def test_ctrl_w_closes_the_evaluation_and_shows_the_start_page(qtbot, opened):
    win, path = opened()
    press(qtbot, win, Qt.Key.Key_W)
    assert win.session is None and win.page is None
    assert win.stack.currentWidget() is win.start
    assert win.windowTitle() == APP_TITLE
    with EvaluationStore.open(path, backup=False) as store:  # released: writable again
        assert not store.read_only


# -- quitting and closing never lose what was typed ------------------------------------------------

def test_ctrl_q_with_a_score_still_in_its_editor_saves_it(qtbot, opened):
    win, path = opened()
    win.page.go_to(6)
    step = win.page.step_page(6)
    editor = open_score_editor(qtbot, step, 0, "2.5")
    press(qtbot, editor, Qt.Key.Key_Q)
    assert not win.isVisible()
    assert win.session is None
    assert not [text for kind, text in messages.shown if kind == "error"]
    assert stored_score(path, "e1", "A1").score == Decimal("2.5")


def test_closing_with_a_refused_entry_in_its_editor_keeps_the_window(qtbot, opened):
    win, path = opened()
    win.page.go_to(6)
    step = win.page.step_page(6)
    open_score_editor(qtbot, step, 0, "9")  # A1 is worth 3
    win.close()
    assert win.isVisible() and win.session is not None
    assert "正在填写的内容无效" in messages.shown[-1][1]
    assert stored_score(path, "e1", "A1") is None


@pytest.fixture
def file_in_use():
    """Another program holds the file's write lock (as a second sqlite3 client would)."""
    held = []

    def hold(path, win):
        win.session.store.conn.execute("PRAGMA busy_timeout = 50")  # give up quickly, as if after 5 s
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        held.append(other)
        return other

    yield hold
    for conn in held:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        conn.close()


def test_closing_while_an_edit_waits_offers_retry_and_closes_once_it_lands(qtbot, opened, file_in_use):
    win, path = opened()
    win.page.go_to(6)
    step = win.page.step_page(6)
    other = file_in_use(path, win)
    type_score(qtbot, step.sheet_view, 0, "2.5")
    assert win.session.pending_count == 1
    assert step.sheet_model.data(step.sheet_model.index(0, 2)) == "2.5"  # still on screen
    asked = []

    def answer(text, keys):
        asked.append(text)
        if len(asked) == 1:
            return "cancel"  # the first time: keep working
        other.execute("ROLLBACK")  # the other program lets go
        return "retry"
    messages.choose_hook = answer
    win.close()
    assert win.isVisible() and win.session.pending_count == 1
    assert "1 项修改尚未保存" in asked[0] and "A1 评分 2.5" in asked[0] and "正被其他程序使用" in asked[0]
    win.close()
    assert not win.isVisible() and len(asked) == 2
    assert stored_score(path, "e1", "A1").score == Decimal("2.5")


def test_an_edit_the_file_cannot_take_is_saved_in_a_copy_elsewhere(qtbot, opened, file_in_use, tmp_path):
    win, path = opened()
    win.page.go_to(6)
    step = win.page.step_page(6)
    file_in_use(path, win)
    type_score(qtbot, step.sheet_view, 0, "2.5")
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "副本.sqlite"
    answers_given = iter(["copy", "cancel"])  # a second question would mean the copy failed
    messages.choose_hook = lambda text, keys: next(answers_given)
    messages.save_path_hook = lambda title, suggested: str(copy)
    win.close()
    assert not win.isVisible()
    assert "已另存到" in messages.shown[-1][1]
    assert stored_score(copy, "e1", "A1").score == Decimal("2.5")
    with EvaluationStore.open(copy, backup=False, read_only=True) as store:
        assert store.verify().ok


# -- 中期评估: a typed score replaces the 未到期 mark ------------------------------------------------

def test_typing_a_score_over_a_not_due_item_shows_the_score(qtbot, opened):
    win, path = opened(document("中期评估"))
    win.page.go_to(6)
    step = win.page.step_page(6)
    step.sheet_view.setCurrentIndex(step.sheet_model.index(0, 2))
    step.toggle_not_due()
    assert step.sheet_model.data(step.sheet_model.index(0, 2)) == "未到期"
    type_score(qtbot, step.sheet_view, 0, "2.5")
    assert step.sheet_model.data(step.sheet_model.index(0, 2)) == "2.5"
    held = stored_score(path, "e1", "A1")
    assert held.score == Decimal("2.5") and not held.na
    assert "A1" not in win.session.summary.not_applicable


# -- a damaged file: the window shows what the backup lacks before restoring ---------------------------

def test_opening_a_damaged_file_shows_what_restoring_would_lose(qtbot, opened, tmp_path):
    from tests.test_restore import overwrite_page, rootpage
    win, path = opened()
    win.session.backup()
    qtbot.waitUntil(lambda: win.session._backup_task is None)
    win.page.go_to(6)
    type_score(qtbot, win.page.step_page(6).sheet_view, 0, "2.5")
    assert win.close_evaluation()
    damaged = overwrite_page(path, rootpage(path, "score"))
    asked = []
    messages.ask_hook = lambda title, text: asked.append(text) or False
    assert not win.open_file(str(path))
    assert "评分 e1/A1：（无） → 2.5" in asked[0] and "将使用的备份" in asked[0]
    assert path.read_bytes() == damaged  # nothing done without a yes
    messages.ask_hook = lambda title, text: True
    assert win.open_file(str(path))
    assert win.session.store.verify().ok
    assert win.session.score_of("e1", "A1") is None  # the backup's state, as the message said
    kept = sorted(path.parent.glob(f"{path.name}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_a_file_whose_change_log_was_altered_is_reported_after_opening(qtbot, tmp_path, answers):
    path = make_file(tmp_path, document())
    conn = sqlite3.connect(path)  # another program rewrites history behind the app's back
    conn.execute("DROP TRIGGER change_log_no_update")
    conn.execute("UPDATE change_log SET actor = '别人' WHERE seq = 1")
    conn.commit()
    conn.close()
    win = shown_window(qtbot)
    assert win.open_file(str(path))  # it opens, for viewing and for the panel to decide
    qtbot.waitUntil(lambda: any("未通过完整性校验" in text for _kind, text in messages.shown), timeout=10000)
    shown = next(text for _kind, text in messages.shown if "未通过完整性校验" in text)
    assert "第 1 条" in shown


# -- slow work off the GUI thread ---------------------------------------------------------------------

def test_an_attachment_is_stored_in_the_background_while_typing_goes_on(qtbot, opened, tmp_path):
    win, path = opened()
    big = tmp_path / "总结报告.pdf"
    big.write_bytes(b"%PDF-1.4\n" + bytes(8 * 1024 * 1024))  # 8 MiB: copied in on a worker thread
    assert win.session.add_attachment(str(big), "总结报告", step=2)
    assert win.session.busy
    # An edit made meanwhile waits its turn and shows at once; nothing is lost or reordered.
    assert win.session.set_score("e1", "A1", Decimal("2.5"))
    assert win.session.score_of("e1", "A1").score == Decimal("2.5")
    win.close()  # waits for the attachment, then saves the score
    assert not win.isVisible()
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        assert store.score("e1", "A1").score == Decimal("2.5")
        from evaluator_app.storage.attachments import attachments
        assert [a.name for a in attachments(store)] == ["总结报告.pdf"]
        entities = [c.entity for c in store.changes()][-2:]
        assert entities == ["attachment", "score"]


def test_a_long_restore_plan_fits_the_question(qtbot, opened, tmp_path):
    from tests.test_restore import overwrite_page, rootpage
    win, path = opened()
    win.session.backup()
    qtbot.waitUntil(lambda: win.session._backup_task is None)
    for index in range(40):  # forty edits the backup lacks
        assert win.session.set_pilot_field("address", f"地址 {index}")
    assert win.close_evaluation()
    overwrite_page(path, rootpage(path, "score"))
    asked = []
    messages.ask_hook = lambda title, text: asked.append(text) or False
    assert not win.open_file(str(path))
    assert "备份中缺少 40 条修改" in asked[0] and "另有" in asked[0] and "evaluator-app restore" in asked[0]
    assert asked[0].count("\n") < 40
