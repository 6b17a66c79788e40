"""One evaluation from the start screen to the debrief, through the real widgets on a real file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from evaluator_app.domain.workflow import CheckResult
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.services.files import summarize
from tests.gui_helpers import shown_window, when_dialog_opens
from tests.test_gui_steps import type_score
from ui import messages

pytestmark = pytest.mark.gui

MEMBERS = [  # name, category, role
    ("王组长", "标准化专家", "组长"), ("李委员", "标准化专家", "成员"), ("张委员", "行业专家", "成员"),
    ("赵委员", "管理人员", "成员"), ("钱委员", "行业专家", "成员"), ("孙委员", "管理人员", "成员"),
]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_member(qtbot, step, name, category, role) -> None:
    # Inside a modal dialog's own event loop: plain widget calls (QTest there aborts the run).
    def fill(dialog):
        dialog.name.setText(name)
        dialog.category.setCurrentText(category)
        dialog.role.setCurrentText(role)
        dialog.org.setText("某省标准化研究院")
        dialog.title.setText("研究员")
        dialog.education.setCurrentText("硕士")
        dialog.senior.setChecked(True)
        dialog.years.setValue(12)
        dialog.selection.setCurrentText("随机抽取")
        dialog.accept()
    when_dialog_opens(fill)
    click(qtbot, step.add_button)


def test_all_eight_steps(qtbot, tmp_path, answers):
    target = tmp_path / "现场评估.sqlite"
    win = shown_window(qtbot)

    # Start screen → new evaluation with the pilot form.
    seen = {}

    def fill_pilot(dialog):
        seen["empty"] = dialog.ok_button.isEnabled(), dialog.banner.text()
        dialog.fields["name"].setText("某市政务服务综合标准化试点")
        dialog.fields["unit"].setText("某市政务服务中心")
        dialog.fields["system_running_since"].setText("2025-09-01")
        dialog.evaluation_date.setText("2025-11-20")
        seen["young"] = dialog.ok_button.isEnabled(), dialog.banner.text()
        dialog.fields["system_running_since"].setText("2023-06-01")
        dialog.accept()
    when_dialog_opens(fill_pilot)
    assert win.new_evaluation(target=str(target))
    assert seen["empty"][0] is False and "请填写试点名称" in seen["empty"][1]
    assert seen["young"][0] is True and "未满半年" in seen["young"][1]  # 第十八条: shown, not blocking
    page = win.page
    assert target.exists() and page.current_step() == 1

    # Step 1: an invalid panel of four first, then a valid one of six.
    step1 = page.step_page(1)
    for name, category, role in [MEMBERS[0], MEMBERS[2], MEMBERS[3], MEMBERS[4]]:
        add_member(qtbot, step1, name, category, role)
    qtbot.waitUntil(lambda: len(win.session.evaluation.panel) == 4)
    assert "评估组现有 4 人，应为 5 至 7 人" in step1.rule_banner.text()
    assert "标准化专家 1 名，4 人评估组至少需要 2 名" in step1.rule_banner.text()
    assert not page.step_page(6).body.isEnabled() or page.step_page(6).state().blocked
    for name, category, role in [MEMBERS[1], MEMBERS[5]]:
        add_member(qtbot, step1, name, category, role)
    qtbot.waitUntil(lambda: len(win.session.evaluation.panel) == 6)
    assert "符合第十九条要求" in step1.rule_banner.text()
    for row in range(6):
        step1.table.selectRow(row)
        when_dialog_opens(lambda dialog: dialog.accept())  # every answer 否
        click(qtbot, step1.recusal_button)
        qtbot.waitUntil(lambda r=row: win.session.evaluation.panel[r].recusal is not None)
    assert "回避声明已全部填写" in step1.rule_banner.text()
    click(qtbot, step1.finish_button)
    assert win.session.workflow.status(1) == "已完成"
    ids = {m.name: m.id for m in win.session.evaluation.panel}

    # Step 2: notes and the unit's files.
    page.go_to(2)
    step2 = page.step_page(2)
    editor = step2.notes["组织管理"]
    editor.setFocus()
    editor.insertPlainText("成立了以主任为组长的领导小组")  # Chinese arrives committed by the input method
    editor.flush()
    report = tmp_path / "总结报告.txt"
    report.write_text("试点工作总结报告", encoding="utf-8")
    step2.files.add("总结报告", str(report))
    qtbot.waitUntil(lambda: step2.files.table.rowCount() == 1)  # copied in on a worker thread
    click(qtbot, step2.finish_button)

    # Steps 3 and 4: checklists from the sheet; a finding flows on.
    page.go_to(3)
    step3 = page.step_page(3)
    assert step3.table.rowCount() == len([i for i in win.session.evaluation.sheet.items if i.step == 3])
    step3.table.cellWidget(0, 3).setCurrentText("部分符合")
    step3.table.item(0, 4).setText("领导小组未按年度召开会议")
    step3.table.setCurrentCell(0, 4)
    click(qtbot, [b for b in step3.findChildren(type(step3.finish_button)) if b.text().startswith("记为问题")][0])
    assert win.session.evaluation.findings[0].text == "领导小组未按年度召开会议"
    assert win.session.checks("documents")["A1"] == CheckResult("部分符合", "领导小组未按年度召开会议")
    click(qtbot, step3.finish_button)
    page.go_to(4)
    step4 = page.step_page(4)
    step4.counts["requirements_checked"].setValue(12)
    step4.counts["requirements_met"].setValue(11)
    assert "现场符合率 92%" in step4.count_hint.text()
    click(qtbot, step4.finish_button)

    # Step 5: thirty respondents typed with keys (28 satisfied overall, 2 not).
    page.go_to(5)
    step5 = page.step_page(5)
    step5.place.setText("政务服务大厅")
    for row in range(30):
        qtbot.keyClicks(step5.entry, "2222222" + ("4" if row < 2 else "2"))
        qtbot.keyClick(step5.entry, Qt.Key.Key_Return)
    assert win.session.summary.survey.valid_samples == 30
    assert "总体满意率 93.33%" in step5.headline.text()
    click(qtbot, step5.finish_button)

    # Step 6: every member's scores typed into the grid; 李委员 gives A1 a 1 (a disagreement).
    page.go_to(6)
    step6 = page.step_page(6)
    items = [i.code for i in win.session.evaluation.sheet.scored_items]
    maxima = {i.code: i.max for i in win.session.evaluation.sheet.items}
    for index in range(step6.scorer.count()):
        step6.scorer.setCurrentIndex(index)
        member = step6.scorer.currentData()
        for row, code in enumerate(items):
            value = maxima[code]
            if member == ids["李委员"] and code == "A1":
                value = Decimal(1)
            if member == ids["张委员"] and code == "C3":
                value = Decimal(7)
            type_score(qtbot, step6.sheet_view, row, str(value))
            if value < maxima[code]:
                type_score(qtbot, step6.sheet_view, row, "会议纪要不全" if code == "A1" else "两项要求不符合", column=3)
        assert step6.progress.value() == len(items)
        click(qtbot, step6.submit_button)
    assert len(win.session.workflow.submitted) == 6
    assert [d.item for d in win.session.summary.disagreements] == ["A1"]
    assert any("A1" in b for b in page.step_page(7).state().blockers)
    # The consensus round: the 组长 reopens A1, 李委员 revises with a reason.
    step6.tabs.setCurrentIndex(1)
    step6.matrix_view.selectRow(0)
    click(qtbot, step6.reopen_button)
    step6.tabs.setCurrentIndex(0)
    step6.scorer.setCurrentIndex(step6.scorer.findData(ids["李委员"]))
    answers.append("补看会议纪要后与其他成员意见一致")
    type_score(qtbot, step6.sheet_view, 0, "3")
    assert win.session.store.score_revisions(ids["李委员"], "A1")[0]["reason"] == "补看会议纪要后与其他成员意见一致"
    click(qtbot, step6.finish_button)
    assert win.session.workflow.status(6) == "已完成"

    # Step 7: vetoes declined with names and reasons, the draft overview, a suggestion, the result.
    page.go_to(7)
    step7 = page.step_page(7)
    assert step7.blockers.isHidden()
    for code in ("V1", "V2", "V3"):
        combo, note = step7.veto_widgets[code]
        note.setText("全体成员一致：未发现")
        combo.setCurrentText("不成立")
        step7.save_veto(code)
    click(qtbot, step7.findChild(type(step7.finish_button), "draft_overview"))
    step7.suggestions.add("建立领导小组年度例会制度")
    assert step7.result_label.text() == "结论：合格"
    click(qtbot, step7.finish_button)
    assert win.session.workflow.status(7) == "已完成"

    # Step 8: the debrief record.
    page.go_to(8)
    step8 = page.step_page(8)
    assert step8.blockers.isHidden()
    click(qtbot, [b for b in step8.findChildren(type(step8.finish_button)) if b.text() == "填入当前时间"][0])
    step8.attendees.insertPlainText("试点单位主任、副主任")
    step8.attendees.flush()
    click(qtbot, step8.finish_button)
    assert win.session.workflow.status(8) == "已完成"
    QApplication.processEvents()
    win.close()

    # What the file holds, read fresh from disk.
    summary = summary_document(summarize(target))
    assert summary["panel"] == {"size": 6, "standardization_experts": 2, "required_standardization_experts": 2,
                                "valid": True, "problems": []}
    assert summary["missing"] == [] and summary["disagreements"] == []
    assert summary["items"]["A1"] == "3.00" and summary["items"]["C3"] == "7.83" and summary["items"]["D3"] == "7.00"
    assert summary["satisfaction"]["valid_samples"] == 30 and summary["satisfaction"]["rate"] == "0.9333"
    assert summary["total"] == "98.83" and summary["vetoes"] == [] and summary["result"] == "合格"
    assert messages.interactive is False
