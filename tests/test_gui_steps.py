"""Each step page driven through its real widgets on a real evaluation file (offscreen)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from evaluator_app.domain.evaluation import Recusal
from evaluator_app.storage.store import EvaluationStore
from tests.factories import default_sheet, evaluation, full_scores, panel, samples
from tests.gui_helpers import make_file, shown_window, when_dialog_opens
from ui import messages
from ui.main_window import MainWindow
from ui.models import MatrixModel, PanelModel, ScoreSheetModel, SurveyModel
from ui.settings import AppSettings

pytestmark = pytest.mark.gui

DECLARED = {"employed": False, "consulted": False, "related": False}


def document(declared: bool = True, scored: bool = False, n_samples: int = 0, size: int = 6):
    doc = evaluation(sheet=default_sheet(), members=panel(size, 2))
    if declared:
        for member in doc["panel"]:
            member["recusal"] = {"answers": DECLARED, "declared_at": "2025-11-20T08:30:00+08:00"}
    if scored:
        doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意",) * 8] * n_samples, [f"Q{i}" for i in range(1, 9)])
    return doc


@pytest.fixture
def window(qtbot, tmp_path, answers):
    def open_with(doc):
        path = make_file(tmp_path, doc)
        win = shown_window(qtbot)
        assert win.open_file(str(path))
        return win
    return open_with


def type_score(qtbot, view, row: int, text: str, column: int = 2) -> None:
    """F2 opens the cell editor, the text is typed, Enter saves (the delegate commits on the next event loop pass).
    QTest types ASCII only; Chinese text is inserted as an input method commits it."""
    from PySide6.QtWidgets import QApplication, QLineEdit
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "F2 opens the cell editor"
    editor = editors[0]
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def page(win, number):
    win.page.go_to(number)
    return win.page.step_page(number)


def test_models_pass_the_model_tester(qtmodeltester, window):
    win = window(document(scored=True, n_samples=3))
    session = win.session
    for model in (PanelModel(session), SurveyModel(session), MatrixModel(session), ScoreSheetModel(session, "e1")):
        qtmodeltester.check(model, force_py=True)


def test_step1_rule_banner_and_recusal(qtbot, window):
    win = window(document(declared=False, size=7))
    step = page(win, 1)
    assert "标准化专家 2 名，7 人评估组至少需要 3 名" in step.rule_banner.text()
    assert win.page.panel_status.text().endswith("不符合要求")
    # Make the third member a 标准化专家 through the edit dialog.
    step.table.selectRow(2)

    def edit(dialog):
        dialog.category.setCurrentText("标准化专家")
        dialog.accept()
    when_dialog_opens(edit)
    qtbot.mouseClick(step.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.session.evaluation.panel[2].category.value == "标准化专家")
    assert "符合第十九条要求" in step.rule_banner.text() and "尚未填写回避声明" in step.rule_banner.text()
    scoring = win.page.step_page(6)
    assert any("回避声明" in b for b in scoring.state().blockers)
    # A "yes" blocks the member; replacing logs who replaced whom.
    step.table.selectRow(3)

    def declare_conflict(dialog):
        dialog.boxes["related"].setChecked(True)
        dialog.accept()
    when_dialog_opens(declare_conflict)
    qtbot.mouseClick(step.recusal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.session.evaluation.panel[3].recusal is not None)
    assert not win.session.summary.panel_valid
    assert any("须回避" in p for p in win.session.summary.panel_problems)
    conflicted = win.session.evaluation.panel[3]
    step.table.selectRow(3)

    def fill_replacement(dialog):
        dialog.name.setText("替补专家")
        dialog.accept()
    when_dialog_opens(fill_replacement)
    qtbot.mouseClick(step.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(m.id != conflicted.id for m in win.session.evaluation.panel))
    replacement = win.session.evaluation.panel[-1]
    assert replacement.name == "替补专家" and replacement.replaces == conflicted.id
    changes = win.session.store.changes()
    assert changes[-1].action == "delete" and "回避" in changes[-1].reason


def test_step1_finish_needs_every_declaration(qtbot, window):
    win = window(document(declared=False))
    step = page(win, 1)
    step.finish()
    assert "回避声明" in messages.shown[-1][1]
    assert win.session.workflow.status(1) != "已完成"


def test_step5_keyboard_entry(qtbot, window):
    win = window(document())
    step = page(win, 5)
    step.entry.setFocus()
    for _ in range(3):
        qtbot.keyClicks(step.entry, "12321121")
        qtbot.keyClick(step.entry, Qt.Key.Key_Return)
    # A row whose overall answer is 不了解 is kept but invalid.
    qtbot.keyClicks(step.entry, "11111110")
    qtbot.keyClick(step.entry, Qt.Key.Key_Return)
    survey = win.session.evaluation.survey
    assert len(survey) == 4
    assert survey[0].answers["Q1"] == "非常满意" and survey[0].answers["Q3"] == "基本满意"
    assert survey[3].answers["Q8"] == "不了解"
    assert win.session.summary.survey.valid_samples == 3 and win.session.summary.survey.invalid_samples == 1
    assert "有效样本 3 份（无效 1 份）" in step.headline.text()
    assert "无效" in step.message.text()
    assert step.model.rowCount() == 4


def test_step5_backspace_and_escape(qtbot, window):
    win = window(document())
    step = page(win, 5)
    qtbot.keyClicks(step.entry, "123")
    qtbot.keyClick(step.entry, Qt.Key.Key_Backspace)
    assert step.entry.answers == ["非常满意", "满意"]
    qtbot.keyClick(step.entry, Qt.Key.Key_Escape)
    assert step.entry.answers == []


def test_step6_scoring_validation_submit_and_lock(qtbot, window):
    win = window(document())
    step = page(win, 6)
    view, model = step.sheet_view, step.sheet_model
    assert step.scorer.currentData() == "e1"
    # Out of range and off the step are refused with a message; nothing is written.
    assert not model.setData(model.index(0, 2), "3.5")
    assert "0 至 3" in step.validation.text()
    assert not model.setData(model.index(0, 2), "1.3")
    assert "0.5 的整数倍" in step.validation.text()
    # Typing into the grid: the first key opens the editor, Enter saves and moves down.
    type_score(qtbot, view, 0, "2.5")
    assert model.score_of("A1").score == Decimal("2.5")
    assert view.currentIndex().row() == 1
    type_score(qtbot, view, 1, "3")
    assert model.score_of("A2").score == Decimal("3")
    step.submit()
    assert "还不能提交" in step.validation.text() and "未评分" in step.validation.text()


def test_step6_disagreement_and_consensus_round(qtbot, window, answers):
    doc = document(scored=True)
    for score in doc["scores"]:
        if score["member"] == "e2" and score["item"] == "A1":
            score["score"], score["note"] = 1, "未见会议纪要"
    win = window(doc)
    step = page(win, 6)
    for index in range(step.scorer.count()):
        step.scorer.setCurrentIndex(index)
        step.submit()
    assert len(win.session.workflow.submitted) == 6
    conclusion = win.page.step_page(7)
    assert any("A1 评分分歧" in b for b in conclusion.state().blockers)
    # Submitted sheets are locked.
    step.scorer.setCurrentIndex(1)
    assert not step.sheet_model.flags(step.sheet_model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    # The 组长 reopens A1; e2 revises with a reason; the original stays on record.
    step.matrix_view.selectRow(0)
    step.reopen_selected()
    assert step.sheet_model.flags(step.sheet_model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    answers.append("现场补看会议纪要后统一意见")
    assert step.sheet_model.setData(step.sheet_model.index(0, 2), "3")
    assert win.session.store.score_revisions("e2", "A1")[0]["old"] == "1"
    assert conclusion.state().blockers == []
    assert "A1" not in win.session.workflow.reopened.get("e2", [])


def test_step7_vetoes_overview_and_result(qtbot, window, answers):
    win = window(document(scored=True, n_samples=30))
    step6 = page(win, 6)
    for index in range(step6.scorer.count()):
        step6.scorer.setCurrentIndex(index)
        step6.submit()
    step = page(win, 7)
    assert step.result_label.text() == "结论：合格"
    combo, note = step.veto_widgets["V1"]
    note.setText("全体成员：未发现事故")
    combo.setCurrentText("确认（否决）")
    step.save_veto("V1")
    assert win.session.summary.vetoes == ["V1"] and step.result_label.text() == "结论：不合格"
    combo.setCurrentText("不成立")
    step.save_veto("V1")
    assert step.result_label.text() == "结论：合格"
    qtbot.mouseClick(step.findChild(type(step.finish_button), "draft_overview"), Qt.MouseButton.LeftButton)
    assert "评估结论为“合格”" in win.session.evaluation.summary_text
    step.overview.undo()
    step.overview.flush()
    assert win.session.evaluation.summary_text == ""


def test_save_failure_keeps_the_edit_and_retries(qtbot, window):
    win = window(document())
    session = win.session
    conn = session.store.conn
    conn.execute("PRAGMA query_only = ON")  # as if the USB stick turned read-only
    session.set_pilot_field("address", "新地址")
    assert session.pending_count == 1
    # The header shows the count; the whole message (why) is in its tooltip.
    assert "1 项修改待保存" in win.page.save_status.text() and "只读" in win.page.save_status.toolTip()
    conn.execute("PRAGMA query_only = OFF")
    session.retry_pending()
    assert session.pending_count == 0 and session.evaluation.pilot["address"] == "新地址"
    assert win.page.save_status.text().startswith("已保存")


def test_reopens_where_it_was_after_a_crash(qtbot, tmp_path, answers):
    path = make_file(tmp_path, document())
    first = MainWindow(AppSettings())
    qtbot.addWidget(first)
    first.open_file(str(path))
    first.page.go_to(5)
    # No clean close: the settings still name the open file and its step.
    second = MainWindow(AppSettings())
    qtbot.addWidget(second)
    assert AppSettings().open_file() == str(path)
    second.open_file(AppSettings().open_file())
    assert second.page.current_step() == 5


def test_locked_file_refuses_edits_with_a_message(qtbot, window):
    win = window(document())
    win.session.store.set_locked(True)
    assert not win.session.set_pilot_field("address", "x")
    assert "锁定" in win.statusBar().currentMessage()
    # Refused, not queued for a retry, and not shown as if it had been made.
    assert win.session.pending_count == 0
    assert win.session.evaluation.pilot.get("address") != "x"
    with EvaluationStore.open(win.session.path, backup=False, read_only=True) as other:
        assert other.locked


def test_recusal_object():
    assert Recusal({"related": True}).conflict


def test_step2_files_and_step4_photos_are_kept_in_the_file(qtbot, window, tmp_path):
    from PIL import Image
    win = window(document())
    step2 = page(win, 2)
    application = tmp_path / "评估申请表.txt"
    application.write_text("申请", encoding="utf-8")
    step2.files.add("评估申请表", str(application))
    qtbot.waitUntil(lambda: not win.session.busy and bool(step2.files.rows))  # copied in on a worker thread
    row = step2.files.rows[0]
    import hashlib
    assert row.sha256 == hashlib.sha256("申请".encode()).hexdigest() and row.kind == "评估申请表"
    step4 = page(win, 4)
    step4.table.setCurrentCell(0, 0)
    photo = tmp_path / "现场.png"
    Image.new("RGB", (800, 600), (40, 120, 200)).save(photo)
    step4.evidence.add("照片", str(photo))
    qtbot.waitUntil(lambda: not win.session.busy and bool(step4.evidence.rows))
    shown = step4.evidence.rows[0]
    assert shown.item == step4.items()[0].code and shown.thumbnail
    assert not step4.evidence.table.item(0, 1).icon().isNull()  # the thumbnail is on screen
    application.unlink()  # the evaluation file alone carries the content
    assert win.session.attachment_content(row.id) == "申请".encode()


def test_signin_sheet_pdf(qtbot, window, tmp_path):
    win = window(document())
    step = page(win, 1)
    target = tmp_path / "签到表.pdf"
    from ui.export import export_signin_sheet
    assert export_signin_sheet(step, win.session, str(target))
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data
    import shutil
    import subprocess
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
        assert "签到表" in text and "专家甲" in text and "签字" in text


def test_midterm_items_not_yet_due(qtbot, window):
    doc = document(scored=True)
    doc["kind"] = "中期评估"
    win = window(doc)
    step = page(win, 6)
    step.sheet_view.setCurrentIndex(step.sheet_model.index(27 - 2, 2))  # D8, the last member-scored item
    code = step.sheet_model.items()[25].code
    for index in range(step.scorer.count()):
        step.scorer.setCurrentIndex(index)
        step.sheet_view.setCurrentIndex(step.sheet_model.index(25, 2))
        step.toggle_not_due()
    assert step.sheet_model.data(step.sheet_model.index(25, 2)) == "未到期"
    summary = win.session.summary
    assert summary.not_applicable == [code] and summary.missing == []
    assert summary.result == "进展良好" and summary.progress is not None


def test_reinspection_has_the_steps_of_article_34(qtbot, window):
    doc = document()
    doc["kind"] = "复查"
    win = window(doc)
    titles = [s.title for s in win.page.steps]
    assert titles[0] == "成立复查专家组" and len(titles) == 6
    for number in range(1, 7):
        win.page.go_to(number)
        assert win.page.stack.currentWidget() is win.page.step_page(number)
    assert "复查" in win.page.title.text()


def test_step7_states_what_follows_from_the_result(qtbot, window):
    """第二十三条: 合格 is valid three years; 第二十四条: a confirmed veto terminates the pilot task."""
    win = window(document(scored=True, n_samples=30))
    step6 = page(win, 6)
    for index in range(step6.scorer.count()):
        step6.scorer.setCurrentIndex(index)
        step6.submit()
    step = page(win, 7)
    assert step.consequence_label.isVisible()
    assert "有效期 3 年" in step.consequence_label.text() and "第二十三条" in step.consequence_label.text()
    combo, note = step.veto_widgets["V1"]
    note.setText("发生重大安全责任事故")
    combo.setCurrentText("确认（否决）")
    step.save_veto("V1")
    assert "终止试点任务（第二十四条）" in step.consequence_label.text()


def test_reinspection_panel_with_one_standardization_expert_is_a_warning(qtbot, window):
    """第三十四条 names the 复查组's composition but no ratio: one 标准化专家 of six is allowed, with a warning."""
    doc = document()
    doc["kind"] = "复查"
    doc["panel"] = [dict(member, category="行业专家") if index > 0 else member
                    for index, member in enumerate(doc["panel"])]
    doc["panel"][0]["category"] = "标准化专家"
    win = window(doc)
    step = page(win, 1)
    text = step.rule_banner.text()
    assert text.startswith("复查组 6 人，其中标准化专家 1 名") and "第三十四条" in text and "第十九条" not in text
    assert win.session.summary.panel_valid


def test_shortfalls_that_do_not_block_are_confirmed_before_a_step_finishes(qtbot, window):
    """As the README promises: 17 of 30 samples, or checklist items 未查, are shown and confirmed, not blocking."""
    win = window(document(n_samples=17))
    asked: list[str] = []

    def decline(title, text):
        asked.append(text)
        return False
    messages.ask_hook = decline
    for number, shortfall in ((3, "未查"), (4, "未查"), (5, "有效满意度样本 17 份，少于最低要求 30 份")):
        step = page(win, number)
        qtbot.mouseClick(step.finish_button, Qt.MouseButton.LeftButton)
        assert shortfall in asked[-1]
        assert step.state().status != "已完成", "declined: the step stays open"
    messages.ask_hook = lambda title, text: True
    step = page(win, 5)
    qtbot.mouseClick(step.finish_button, Qt.MouseButton.LeftButton)
    assert step.state().status == "已完成"
    record = win.session.store.step_records()[5]
    assert "少于最低要求 30 份" in record["data"]["notices"][0]


def test_reinspection_step_2_reviews_the_application_files(qtbot, window, tmp_path):
    """第三十四条（二） 申请材料评价: the 复查自检报告 (附件4) and 复查申请表 (附件5), not the sheet's checklist."""
    doc = document()
    doc["kind"] = "复查"
    win = window(doc)
    step = page(win, 2)
    assert type(step).__name__ == "ApplicationReviewPage"
    buttons = [b.text() for b in step.files.findChildren(type(step.finish_button))]
    assert "添加复查自检报告…" in buttons and "添加复查申请表…" in buttons
    report = tmp_path / "自检报告.pdf"
    report.write_bytes(b"%PDF-1.4 self-check")
    messages.open_path_hook = lambda *args: str(report)
    next(b for b in step.files.findChildren(type(step.finish_button)) if b.text() == "添加复查自检报告…").click()
    qtbot.waitUntil(lambda: len(step.files.rows) == 1, timeout=5000)
    assert step.files.rows[0].kind == "复查自检报告"
    step.assessment.setPlainText("自检报告与申请表齐全，需现场核实标准实施记录")
    step.assessment.flush()
    assert win.session.step_data("documents")["assessment"].startswith("自检报告与申请表齐全")
    assert page(win, 3).items(), "现场复查 covers the sheet's document and site items"
