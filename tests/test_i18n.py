"""Languages: Chinese by default, English through Qt Linguist, switched in a running window."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from evaluator_app.domain.evaluation import Member, MemberCategory, Role
from tests.factories import default_sheet, evaluation, panel
from tests.gui_helpers import make_file, shown_window, when_dialog_opens
from ui import i18n
from ui.main_window import MainWindow
from ui.settings import AppSettings

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402

DECLARED = {"employed": False, "consulted": False, "related": False}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture(autouse=True)
def chinese_afterwards(qapp):
    """Every test starts and ends in Chinese: the translators are global to the application."""
    i18n.install_language("zh_CN")
    yield
    i18n.install_language("zh_CN")


@pytest.fixture
def window(qtbot, tmp_path, answers):
    def open_with(path=None):
        win = shown_window(qtbot)
        if path is None:
            win.show_start()
        else:
            assert win.open_file(str(path))
        return win
    return open_with


def evaluation_file(tmp_path) -> Path:
    doc = evaluation(sheet=default_sheet(), members=panel(6, 2))
    for member in doc["panel"]:
        member["recusal"] = {"answers": DECLARED, "declared_at": "2025-11-20T08:30:00+08:00"}
    return make_file(tmp_path, doc)


def menu_titles(win: MainWindow) -> list[str]:
    return [action.text() for action in win.menuBar().actions()]


# -- the catalogue ------------------------------------------------------------------------------------
def test_every_text_has_a_finished_english_translation():
    entries, problems = update_translations.collect()
    assert problems == [], "tr() takes one literal sentence with named placeholders"
    known = update_translations.read_ts()
    assert len(entries) > 400
    for entry in entries:
        translation, kind = known.get((entry.source, entry.comment), ("", "missing"))
        assert translation and kind == "", f"not translated: {entry.source!r}"
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(entry.source)), entry.source
        assert ("&" in entry.source) == ("&" in translation), f"keyboard accelerator lost: {entry.source!r}"
        assert ("%v" in entry.source) == ("%v" in translation), entry.source
        assert not re.search(r"[\u4e00-\u9fff]", translation), f"Chinese left in {translation!r}"


def test_the_built_catalogue_matches_the_ts_and_loads():
    translator = QTranslator()
    assert translator.load(str(update_translations.QM_FILE))
    for (source, comment), (translation, kind) in update_translations.read_ts().items():
        if kind == "":
            assert translator.translate(i18n.CONTEXT, source, comment or None) == translation, \
                f"{source!r}: run scripts/update_translations.py to rebuild the .qm"
    assert i18n.install_language("en")
    assert i18n.current_language() == "en"
    assert i18n.tr("文件(&F)") == "&File"
    assert i18n.tr("问题") == "Findings" and i18n.tr("问题", "survey question") == "Question"
    assert i18n.tr("第 {n} 步").format(n=3) == "Step 3"
    assert i18n.install_language("zh_CN")
    assert i18n.tr("文件(&F)") == "文件(&F)"


def test_a_missing_catalogue_leaves_the_interface_in_chinese(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    with caplog.at_level(logging.WARNING, logger="evaluator_app.ui"):
        assert not i18n.install_language("en")
    assert i18n.current_language() == "zh_CN"
    assert i18n.tr("文件(&F)") == "文件(&F)"
    assert any("evaluator_en.qm" in r.getMessage() for r in caplog.records)


def test_qt_standard_buttons_follow_the_language():
    def texts(box) -> list[str]:
        return sorted(button.text() for button in box.buttons())

    i18n.install_language("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert texts(box) == sorted(["是(&Y)", "否(&N)"])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert texts(buttons) == sorted(["确定", "取消"])
    i18n.install_language("en")
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert texts(box) == sorted(["&Yes", "&No"])


# -- switching a running window -------------------------------------------------------------------------
def test_the_open_evaluation_switches_to_english_and_back(qtbot, window, tmp_path):
    win = window(evaluation_file(tmp_path))
    assert menu_titles(win)[:3] == ["文件(&F)", "报告(&R)", "步骤(&S)"]
    win.page.go_to(6)
    session, path = win.session, win.session.path
    assert win.page.step_page(6).title.text() == "第6步　对照评估计分表进行测评"

    # The 语言 / Language menu: at once, no restart.
    win.language_actions["en"].trigger()
    assert AppSettings().language == "en"
    assert menu_titles(win)[:4] == ["&File", "&Report", "&Steps", "语言 / Language"]
    assert win.page.current_step() == 6 and win.session is session and win.session.path == path
    assert win.page.step_page(6).title.text() == "Step 6: Score against the evaluation score sheet"
    assert win.page.stepper.item(7).text().startswith("8. Debrief the pilot unit\nNot started")
    assert win.page.step_page(6).tabs.tabText(0) == "Score sheet"
    assert win.page.panel_status.text() == "Panel of 6 · meets the rules"
    assert win.windowTitle().endswith("— On-site Pilot Evaluation")
    # Data is never translated: the pilot's name stays as typed.
    assert session.evaluation.pilot["name"] in win.page.title.text()
    # The rebuilt menus and the page's own shortcuts work.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.page.current_step() == 2
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert win.page.current_step() == 3

    # Back to Chinese through 设置 (the dialog shows in the current language).
    def choose_chinese(dialog):
        assert dialog.windowTitle() == "Preferences"
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.accept()
    when_dialog_opens(choose_chinese)
    win.open_settings()
    qtbot.waitUntil(lambda: menu_titles(win)[0] == "文件(&F)")
    assert AppSettings().language == "zh_CN" and i18n.current_language() == "zh_CN"
    assert win.page.current_step() == 3 and win.session is session
    assert win.page.step_page(3).title.text() == "第3步　查阅相应的文件、记录、标准文本等资料"
    assert win.page.stepper.item(7).text().startswith("8. 通报评估情况\n未开始")
    win.activateWindow()  # the offscreen platform does not hand activation back after a modal dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert win.page.current_step() == 5


def test_english_shows_terms_translated_and_saves_the_stored_values(qtbot, window, tmp_path):
    win = window(evaluation_file(tmp_path))
    win.choose_language("en")
    step1 = win.page.step_page(1)
    win.page.go_to(1)
    categories = {step1.model.data(step1.model.index(row, 1)) for row in range(step1.model.rowCount())}
    assert categories == {"Standardization expert", "Industry expert", "Administrator"}
    assert step1.model.headerData(1, Qt.Orientation.Horizontal) == "Category"
    # A checklist result chosen in English is kept as the file's (Chinese) value.
    win.page.go_to(3)
    combo = win.page.step_page(3).table.cellWidget(0, 3)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Not checked", "Met", "Partly met", "Not met"]
    combo.setCurrentIndex(combo.findText("Partly met"))
    code = win.page.step_page(3)._items[0].code
    assert win.session.checks("documents")[code].status == "部分符合"
    # A rule message built by the core is shown as it comes (Chinese): a documented limitation.
    assert win.page.step_page(3).status_label.text().startswith("Status: ")


@pytest.fixture
def shipped_font():
    """The app's own CJK font, as the program sets it: text is measured as a user sees it."""
    from ui.fonts import app_font
    app = QApplication.instance()
    previous = app.font()
    app.setFont(app_font())
    yield
    app.setFont(previous)


def test_english_panel_table_keeps_every_column_in_view(qtbot, window, tmp_path, shipped_font):
    doc = evaluation(sheet=default_sheet(), members=panel(6, 2))
    for member in doc["panel"]:
        member["recusal"] = {"answers": DECLARED, "declared_at": "2025-11-20T08:30:00+08:00"}
    doc["panel"][1]["org"] = "中国标准化研究院服务标准化研究所公共服务标准化研究室"
    win = window(make_file(tmp_path, doc))
    win.choose_language("en")
    win.page.go_to(1)
    table = win.page.step_page(1).table
    header = table.horizontalHeader()

    def every_column_in_view() -> bool:
        last = table.model().columnCount() - 1
        return header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()

    def rows_fit_their_text() -> bool:  # the organisation wraps, and its row grows to show it
        return all(table.rowHeight(row) >= table.sizeHintForRow(row) for row in range(table.model().rowCount()))

    qtbot.waitUntil(lambda: every_column_in_view() and rows_fit_their_text())
    assert not table.horizontalScrollBar().isVisible()
    # A member added later is fitted too.
    assert win.session.add_member(Member("e7", "专家庚", MemberCategory.INDUSTRY, Role.MEMBER,
                                          org="某省市场监督管理局标准化处（质量发展局）标准化研究室"))
    qtbot.waitUntil(lambda: table.model().rowCount() == 7)
    qtbot.waitUntil(lambda: every_column_in_view() and rows_fit_their_text())
    assert not table.horizontalScrollBar().isVisible()


def test_text_being_typed_is_saved_before_the_switch(qtbot, window, tmp_path):
    win = window(evaluation_file(tmp_path))
    win.page.go_to(2)
    notes = win.page.step_page(2).notes["组织管理"]
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    notes.insertPlainText("领导小组由局长任组长")  # not yet saved: the editor waits for a pause in typing
    assert win.session.step_data("report").get("notes", {}).get("组织管理", "") == ""
    win.choose_language("en")
    assert win.session.step_data("report")["notes"]["组织管理"] == "领导小组由局长任组长"
    assert win.page.step_page(2).notes["组织管理"].toPlainText() == "领导小组由局长任组长"
    assert win.page.current_step() == 2


def test_the_start_page_and_open_dialogs_follow(qtbot, window, tmp_path):
    win = window()
    assert win.stack.currentWidget() is win.start
    win.choose_language("en")
    title = win.start.findChild(QLabel, "start_title")
    assert title is not None and title.text().startswith("Comprehensive Standardization Pilots")
    assert win.stack.currentWidget() is win.start
    assert win.windowTitle() == "On-site Pilot Evaluation"
    # 签字与报告 is non-modal: it is closed on a switch and opens again in the new language.
    assert win.open_file(str(evaluation_file(tmp_path)))
    dialog = win.open_handover()
    assert dialog.windowTitle() == "Signatures and Reports"
    win.choose_language("zh_CN")
    qtbot.waitUntil(lambda: not win.findChildren(type(dialog)))  # closed and gone
    assert win.session.set_meta_text("overview", "综述")  # editing goes on after the dialog has gone
    assert win.open_handover().windowTitle() == "签字与报告"


def test_the_locked_file_refusal_is_in_the_interface_language(qtbot, window, tmp_path):
    win = window(evaluation_file(tmp_path))
    win.session.store.set_locked(True)
    heard: list[str] = []
    win.session.problem.connect(heard.append)
    win.language_actions["en"].trigger()
    assert not win.session.set_pilot_field("address", "x")
    assert heard[-1].startswith(f"The evaluation file {win.session.path.name} is signed by everyone and locked")
    win.language_actions["zh_CN"].trigger()
    assert not win.session.set_pilot_field("address", "x")
    assert heard[-1].startswith(f"评估文件 {win.session.path.name} 已全体签字并锁定")
