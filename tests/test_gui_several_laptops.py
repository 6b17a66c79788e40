"""The panel on several laptops, end to end through the window: the leader writes member files, two members
each score, survey and sign their sheet on their own laptop and hand their data back on a USB stick, and
the leader merges, decides the one conflict, concludes, has everything signed and seals the report."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from evaluator_app import paths
from evaluator_app.cli import main
from evaluator_app.signing.seal import verify_pdf
from evaluator_app.system import computer_name
from tests.factories import NO_CONFLICT, evaluation, full_scores, panel, small_sheet
from tests.gui_helpers import make_file, shown_window, when_dialog_opens
from tests.test_gui_steps import type_score
from ui import messages

pytestmark = pytest.mark.gui

STROKES = [[(40.0, 80.0, 0.4), (120.0, 60.0, 0.7), (200.0, 100.0, 0.6), (300.0, 70.0, 0.5)]]
UNIT = "某市政务服务中心"


def laptop(monkeypatch, tmp_path: Path, who: str) -> Path:
    """Working on `who`'s laptop from now on: its own data folder (backups) and configuration (seal key)."""
    home = tmp_path / f"{who}的电脑"
    for folder in ("data", "config"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("EVALUATOR_APP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(home / "config"))
    paths.set_data_dir(None)
    return home


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sign_rows(qtbot, dialog, wanted) -> None:
    """Sign, on the pad of 签字与报告, every entry `wanted(entry)` picks."""
    for row, entry in enumerate(list(dialog.entries)):
        if wanted(entry) and entry["state"] != "signed":
            dialog.table.selectRow(row)
            assert dialog.sign_selected(strokes=STROKES), (entry, messages.shown[-1])


def leader_document() -> dict:
    doc = evaluation(sheet=small_sheet(), members=panel(5, 2))  # e1 组长, e2 … e5
    for member in doc["panel"]:  # declared in step 1, together, before the files are written
        member["recusal"] = {"answers": NO_CONFLICT, "declared_at": "2025-11-20T08:30:00+08:00"}
    doc["scores"] = [s for s in full_scores(doc) if s["member"] in ("e1", "e4", "e5")]
    doc["survey"] = [{"id": f"L{n}", "respondent_type": "群众", "place": "窗口", "time": "2025-11-20T09:00:00+08:00",
                      "collector": "e1", "answers": {"Q1": "满意", "Q2": "满意"}} for n in range(2)]
    return doc


def member_works(qtbot, monkeypatch, tmp_path, usb: Path, member: str, name: str, x1: str) -> None:
    """On the member's laptop: open their file, survey two people, score, submit, sign, hand back."""
    home = laptop(monkeypatch, tmp_path, member)
    own = Path(shutil.copy(usb / f"{UNIT}-{name}-成员文件.sqlite", home))
    win = shown_window(qtbot)
    assert win.open_file(str(own))
    assert f"{name}的成员文件" in win.windowTitle()
    banner = win.page.member_banner
    assert banner.isVisible() and f"这是{name}的成员文件" in banner.text()
    session = win.session
    assert session.store.actor == member  # what is recorded here is theirs

    # The leader's facts are read-only here, and the operations refuse them whatever the window shows.
    win.page.go_to(7)
    conclusion = win.page.step_page(7)
    combo, note = conclusion.veto_widgets["V1"]
    assert not combo.isEnabled() and note.isReadOnly()
    assert not session.decide_veto("V1", True, "全体成员决定")
    assert f"这是{name}的成员文件：否决项 V1只能由组长在组长的评估文件中修改" in win.statusBar().currentMessage()
    assert not session.set_score("e4", "X1", Decimal(1))
    assert "专家丁的评分只能由专家丁本人修改" in win.statusBar().currentMessage()
    assert session.workflow.status(5) == "未开始"  # opening a step marks nothing in a member file

    # Step 5: two respondents, collected by this member.
    win.page.go_to(5)
    survey = win.page.step_page(5)
    assert survey.collector.currentData() == member and not survey.collector.isEnabled()
    assert not survey.finish_button.isEnabled()
    survey.place.setText("政务服务大厅")
    for _ in range(2):
        qtbot.keyClicks(survey.entry, "21")
        qtbot.keyClick(survey.entry, Qt.Key.Key_Return)
    assert [s.collector for s in session.evaluation.survey].count(member) == 2

    # Step 6: their own sheet, typed into the grid, submitted.
    win.page.go_to(6)
    scoring = win.page.step_page(6)
    assert scoring.scorer.currentData() == member
    assert not scoring.reopen_button.isEnabled() and not scoring.finish_button.isEnabled()
    for row, value in enumerate((x1, "2", "2")):  # X1, X2, Y2
        type_score(qtbot, scoring.sheet_view, row, value)
    click(qtbot, scoring.submit_button)
    assert member in session.workflow.submitted

    # Their 计分表 signed on their own laptop; another member's signature is refused here.
    dialog = win.open_handover()
    sign_rows(qtbot, dialog, lambda e: e["member"] == member and e["purpose"] == "sheet")
    row = next(i for i, e in enumerate(dialog.entries) if e["member"] == "e1" and e["purpose"] == "sheet")
    dialog.table.selectRow(row)
    assert not dialog.sign_selected(strokes=STROKES)
    dialog.close()

    # Handed back on the USB stick (a checked copy, with this laptop's name).
    assert win.return_data()
    qtbot.waitUntil(lambda: not session.busy, timeout=30000)
    assert "已写入并校验" in messages.shown[-1][1], messages.shown[-1]
    QApplication.processEvents()
    win.close()
    assert main(["cert", "export", str(usb / f"{member}.pem")]) == 0  # for the leader to register


def test_the_panel_on_several_laptops(qtbot, tmp_path, answers, monkeypatch, capsys):
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(messages, "folder_path_hook", lambda title: str(usb))

    # The leader's laptop: the evaluation, and a member file for 专家乙 and 专家丙.
    home = laptop(monkeypatch, tmp_path, "组长")
    leader = make_file(home, leader_document(), "组长评估.sqlite")
    win = shown_window(qtbot)
    assert win.open_file(str(leader))
    assert not win.page.member_banner.isVisible()

    def choose(dialog):
        assert dialog.chosen() == ["e2", "e3", "e4", "e5"]  # everyone but the 组长, unless unticked
        dialog.set_chosen(["e2", "e3"])
        dialog.accept()
    when_dialog_opens(choose)
    assert win.distribute()
    qtbot.waitUntil(lambda: not win.session.busy, timeout=30000)
    assert "已写入 2 个成员文件" in messages.shown[-1][1]
    assert sorted(p.name for p in usb.iterdir()) == [f"{UNIT}-专家丙-成员文件.sqlite", f"{UNIT}-专家乙-成员文件.sqlite"]
    # Meanwhile the leader types 专家丙's X1 from a paper sheet: the later conflict.
    assert win.session.set_score("e3", "X1", Decimal(3))
    win.close()

    # Each member on their own laptop.
    member_works(qtbot, monkeypatch, tmp_path, usb, "e2", "专家乙", "4")
    member_works(qtbot, monkeypatch, tmp_path, usb, "e3", "专家丙", "3.5")
    returns = sorted(usb.glob("*交回*.sqlite"))
    assert len(returns) == 2

    # Back on the leader's laptop: merge both returns at once.
    laptop(monkeypatch, tmp_path, "组长")
    win = shown_window(qtbot)
    assert win.open_file(str(leader))
    monkeypatch.setattr(messages, "open_paths_hook", lambda title: [str(p) for p in returns])
    assert win.merge_files()
    qtbot.waitUntil(lambda: not win.session.busy, timeout=30000)
    summary = messages.shown[-1][1]
    # 3 scores, 2 samples, the submission and the sheet's signature
    assert "（成员 e2）：新增 7 条，更新 0 条，删除 0 条" in summary and "冲突 0 处" in summary, summary
    assert "有 1 处合并冲突须由组长决定" in summary and "评分 e3/X1" in summary, summary
    assert win.session.summary.result is None  # no result while the conflict is open

    # The conflict, side by side; the leader keeps 专家丙's own score, with a reason.
    seen = {}

    def decide(dialog):
        conflict = dialog.current()
        seen["title"] = conflict.title
        column = next(i for i, v in enumerate(conflict.versions) if v["laptop"])
        seen["cells"] = [dialog.versions.item(row, column).text() for row in range(4)]
        seen["other"] = dialog.versions.item(3, 1 - column).text()
        dialog.choose(column)
        dialog.reason.setPlainText("经与专家丙核实，以其本人电脑上的评分为准")
        assert dialog.keep()
        seen["left"] = dialog.empty.isVisible()
        dialog.accept()
    when_dialog_opens(decide)
    win.open_conflicts()
    assert seen["title"] == "评分 e3/X1" and seen["left"]
    assert seen["cells"][1:] == ["专家丙", computer_name() or "—", "3.5 分"] and "交回" in seen["cells"][0]
    assert seen["other"] == "3 分"
    assert win.session.score_of("e3", "X1").score == Decimal("3.5")

    # The leader's view: per member, sent, returned from which laptop, scored, submitted, signed.
    view = win.open_members()
    rows = {view.members.item(r, 0).text(): [view.members.item(r, c).text() for c in range(7)]
            for r in range(view.members.rowCount())}
    assert rows["专家乙"][1] and rows["专家乙"][2] and rows["专家乙"][3] == computer_name()
    assert rows["专家乙"][4] == "3/3（完成）" and rows["专家乙"][6] == "已签字" and rows["专家乙"][5] != "未提交"
    assert rows["专家丁"][1] == "未分发" and rows["专家丁"][6] == "未签字"
    assert "成员 e2" in view.origin_of("评分 e2/X1") and computer_name() in view.origin_of("评分 e2/X1")
    view.close()

    # The leader concludes: the remaining sheets submitted, the veto decided, the 综述 drafted.
    for member in ("e1", "e4", "e5"):
        assert win.session.submit_sheet(member)
    assert win.session.decide_veto("V1", False, "全体成员一致：未发生重大事故")
    win.page.go_to(7)
    conclusion = win.page.step_page(7)
    click(qtbot, conclusion.findChild(type(conclusion.finish_button), "draft_overview"))
    click(qtbot, conclusion.finish_button)
    assert win.session.workflow.status(7) == "已完成", win.statusBar().currentMessage()

    # Every remaining signature on the leader's laptop; the last one locks the file.
    dialog = win.open_handover()
    assert {(e["member"], e["purpose"]) for e in dialog.entries if e["state"] == "signed"} == {
        ("e2", "sheet"), ("e3", "sheet")}  # made on the members' laptops, merged
    sign_rows(qtbot, dialog, lambda e: True)
    assert win.session.store.locked
    report = tmp_path / "评估报告.pdf"
    assert dialog.export("report", str(report))
    qtbot.waitUntil(lambda: "已生成" in dialog.export_message.text() or "失败" in dialog.export_message.text(),
                    timeout=60000)
    assert "签章的正式报告" in dialog.export_message.text(), dialog.export_message.text()
    assert verify_pdf(report).ok
    dialog.close()
    QApplication.processEvents()
    win.close()

    # The leader's file verifies on its own: the leader's laptop sealed the signatures it merged (2 sheets),
    # as it sealed the 9 made there and the lock; the members' seals stay in their returns.
    capsys.readouterr()
    assert main(["verify", str(leader)]) == 0
    said = capsys.readouterr().out
    assert "已签字锁定，内容与签字时一致" in said and said.count("签章证书（") == 1
    assert "签章证书（本机证书）" in said and "12 处签章" in said, said
    # A return verifies on the leader's laptop once its member's certificate is registered there.
    assert main(["verify", str(returns[0])]) == 1
    assert "签章" in capsys.readouterr().err
    for member in ("e2", "e3"):
        assert main(["trust", "add", str(usb / f"{member}.pem")]) == 0
    for returned in returns:
        assert main(["verify", str(returned)]) == 0
    assert main(["verify", str(leader)]) == 0


def test_an_expert_without_the_app_fills_a_personal_workbook_the_leader_merges(qtbot, answers, tmp_path):
    """文件 › 导出个人计分表…, filled in Excel (here openpyxl), then 文件 › 合并… takes it like a return."""
    from openpyxl import load_workbook
    win = shown_window(qtbot)
    assert win.open_file(str(make_file(tmp_path, leader_document())))
    messages.choose_hook = lambda text, keys: "e3"
    messages.save_path_hook = lambda title, suggested: str(tmp_path / "专家丙-个人计分表.xlsx")
    assert win.export_member_workbook()
    workbook = load_workbook(tmp_path / "专家丙-个人计分表.xlsx")
    sheet = workbook["计分表"]
    for row in sheet.iter_rows(min_row=7):
        if row[0].value:
            row[3].value = 1
            row[4].value = "记录不全"
    workbook.save(tmp_path / "专家丙-个人计分表.xlsx")
    assert win.merge_files([str(tmp_path / "专家丙-个人计分表.xlsx")])
    qtbot.waitUntil(lambda: win.session.store.score("e3", "X1") is not None, timeout=10_000)
    assert win.session.store.score("e3", "X1").score == Decimal(1)
    assert win.session.store.score("e3", "X1").note == "记录不全"
