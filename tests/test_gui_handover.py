"""Signing on the pad, locking, and exporting in the background, through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from evaluator_app.signing.seal import verify_pdf
from tests.factories import default_sheet, evaluation, full_scores, panel, samples
from tests.gui_helpers import make_file
from ui.main_window import MainWindow
from ui.settings import AppSettings
from ui.signature_pad import SignDialog

pytestmark = pytest.mark.gui

STROKES = [[(40.0, 80.0, 0.4), (120.0, 60.0, 0.7), (200.0, 100.0, 0.6), (300.0, 70.0, 0.5)]]


@pytest.fixture
def ready(qtbot, tmp_path, answers):
    doc = evaluation(sheet=default_sheet(), members=panel(5, 2))
    for member in doc["panel"]:
        member["recusal"] = {"answers": {"employed": False, "consulted": False, "related": False}}
    doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意",) * 8] * 30, [f"Q{i}" for i in range(1, 9)])
    win = MainWindow(AppSettings())
    qtbot.addWidget(win)
    win.show()
    assert win.open_file(str(make_file(tmp_path, doc)))
    return win


def test_pad_records_strokes_from_the_mouse(qtbot):
    dialog = SignDialog("专家甲", "计分表")
    qtbot.addWidget(dialog)
    pad = dialog.pad
    assert not dialog.ok.isEnabled()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 80))
    for x in range(40, 200, 20):
        qtbot.mouseMove(pad, QPoint(x, 80 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 90))
    assert len(pad.strokes) == 1 and len(pad.strokes[0]) >= 5 and dialog.ok.isEnabled()
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.strokes == [] and not dialog.ok.isEnabled()


def test_sign_everything_locks_and_exports_a_sealed_report(qtbot, ready, tmp_path):
    dialog = ready.open_handover()
    # A score sheet is signed only after it was submitted in step 6.
    dialog.table.selectRow(0)
    assert dialog.entries[0]["purpose"] == "sheet" and not dialog.sign_selected(strokes=STROKES)
    from ui import messages
    assert "尚未提交" in messages.shown[-1][1]
    for member in ready.session.evaluation.panel:
        assert ready.session.submit_sheet(member.id)
    assert "还有 11 项签字未完成" in dialog.status_banner.text()  # 5 sheets, 5 reports, 1 conclusion
    for row in range(dialog.table.rowCount()):
        dialog.table.selectRow(row)
        assert dialog.sign_selected(strokes=STROKES), dialog.entries[row]
    assert ready.session.store.locked
    assert "已全体签字并锁定" in dialog.status_banner.text() and "锁定" in ready.page.panel_status.text()
    # Every entry point refuses edits now.
    assert not ready.session.set_pilot_field("address", "改动")
    assert "锁定" in ready.statusBar().currentMessage()
    # The report is built on a worker thread while the window stays usable.
    target = tmp_path / "评估报告.pdf"
    assert dialog.export("report", str(target))
    qtbot.waitUntil(lambda: "已生成" in dialog.export_message.text() or "失败" in dialog.export_message.text(),
                    timeout=60000)
    assert "签章的正式报告" in dialog.export_message.text()
    report = verify_pdf(target)
    assert report.ok and report.fingerprint
    # Unlocking needs the 组长's reason and voids the signatures.
    from ui import messages
    messages.ask_text_hook = lambda title, text: "发现 A1 评分录入错误，需更正"
    dialog.unlock()
    assert not ready.session.store.locked
    assert "还有 11 项签字未完成" in dialog.status_banner.text()


def test_sheet_signature_waits_for_every_score(qtbot, tmp_path, answers):
    doc = evaluation(sheet=default_sheet(), members=panel(5, 2))
    doc["scores"] = [s for s in full_scores(doc) if not (s["member"] == "e1" and s["item"] == "A1")]
    win = MainWindow(AppSettings())
    qtbot.addWidget(win)
    assert win.open_file(str(make_file(tmp_path, doc)))
    dialog = win.open_handover()
    first = dialog.entries[0]
    assert first["member"] == "e1" and "未评分" in first["blocked_by"]
    dialog.table.selectRow(0)
    assert not dialog.sign_selected(strokes=STROKES)
