"""The office window (`evaluator-app office [DIR]`) on real signed packages: the register's rows, sorting and
filters, a package's detail with its sealed report opened (a verified PDF, copied outside the folder), a 省级确认
recorded, the register exported, the trust list followed by the seal statuses, the 专家库 imported (errors by
cell) and a draw written with its sealed record; and not one byte of a received package changed.

The packages are made once per module by another installation (the panel's laptop): 3 pilots of the office
demo, plus a copy whose report has a flipped byte. The office (each test's own configuration folder) has not
registered the panel's certificate until a test does it in the trust tab."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from evaluator_app.office.register import REGISTER_FILE, SealStatus
from evaluator_app.signing.seal import verify_pdf
from tests.factories import digests, evaluation, flip_report_byte
from tests.gui_helpers import when_dialog_opens
from ui import messages
from ui.office import package_view
from ui.office.package_view import ConfirmDialog
from ui.office.register_view import BROKEN_COLOUR, COLUMN, UNTRUSTED_COLOUR
from ui.office.window import OfficeWindow
from ui.settings import AppSettings

pytestmark = pytest.mark.gui

PILOTS = 3
HEADER = ["姓名", "类别", "单位", "地区", "职称", "学历", "高级职称", "从业年限", "电话", "专业领域", "状态"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The packages, made on 'the panel's laptop' (a configuration folder of its own)."""
    from evaluator_app.services.office_demo import build_office_demo
    from evaluator_app.signing.seal import certificate_fingerprint

    base = tmp_path_factory.mktemp("office-window")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(base / "panel-config"))
        patch.setenv("EVALUATOR_APP_DATA_DIR", str(base / "panel-data"))
        entries = build_office_demo(base / "panel", PILOTS)
        fingerprint = certificate_fingerprint()
    packages = base / "packages"
    (packages / "报送包").mkdir(parents=True)
    for entry in entries:
        shutil.copy(entry.package, packages / "报送包" / entry.package.name)
    (packages / "改动").mkdir()
    flip_report_byte(entries[0].package, packages / "改动" / "altered.zip")
    return {"packages": packages, "fingerprint": fingerprint, "pilots": [e.pilot for e in entries]}


@pytest.fixture
def received(made, tmp_path):
    """This test's copy of the received packages (the office's 省级登记.sqlite is written beside them)."""
    folder = tmp_path / "received"
    shutil.copytree(made["packages"], folder)
    return folder


@pytest.fixture
def window(qtbot, answers, received):
    win = OfficeWindow(AppSettings())
    qtbot.addWidget(win)
    win.show()
    before = digests(received)
    yield win
    for dialog in (win.package_dialog, win.draw_dialog):
        if dialog is not None:
            dialog.close()
    qtbot.waitUntil(lambda: not win.busy, timeout=60000)
    assert digests(received) == before, "a received package was modified"


def wait(qtbot, win: OfficeWindow) -> None:
    qtbot.waitUntil(lambda: not win.busy, timeout=120000)


def open_folder(qtbot, win: OfficeWindow, folder: Path) -> None:
    assert win.open_folder(str(folder))
    wait(qtbot, win)
    assert win.register is not None


def trust_panel(qtbot, win: OfficeWindow, fingerprint: str) -> None:
    assert win.add_certificate(fingerprint)
    wait(qtbot, win)


def test_the_register_shows_a_row_per_package_sorted_and_filtered(qtbot, window, received, made):
    open_folder(qtbot, window, received)
    tab = window.register_tab
    rows = tab.visible_rows()
    assert len(rows) == PILOTS + 1
    assert {row.pilot for row in rows} == set(made["pilots"])
    # The office has not registered the panel's certificate yet: untrusted (orange); the altered copy: broken (red).
    seals = {row.package: row.seal for row in rows}
    assert seals["改动/altered.zip"] is SealStatus.BROKEN
    assert [s for p, s in seals.items() if p != "改动/altered.zip"] == [SealStatus.UNTRUSTED] * PILOTS
    model = tab.model
    colours = {model.rows[n].package: model.index(n, 0).data(Qt.ItemDataRole.BackgroundRole).color()
               for n in range(model.rowCount())}
    assert colours["改动/altered.zip"] == BROKEN_COLOUR
    assert colours[rows[0].package] == UNTRUSTED_COLOUR
    # The window shows what the core computed.
    for n, row in enumerate(model.rows):
        assert model.index(n, COLUMN["total"]).data() == (row.figures or {}).get("total")
        assert model.index(n, COLUMN["seal"]).data() == row.seal_text

    # Sorting by the total, both ways (numerically).
    tab.table.sortByColumn(COLUMN["total"], Qt.SortOrder.DescendingOrder)
    totals = [float(row.figures["total"]) for row in tab.visible_rows()]
    assert totals == sorted(totals, reverse=True)
    tab.table.sortByColumn(COLUMN["total"], Qt.SortOrder.AscendingOrder)
    assert [float(row.figures["total"]) for row in tab.visible_rows()] == sorted(totals)

    # Filters: text, seal status, kind, result, flagged only — and back to everything.
    tab.search.setText(made["pilots"][1])
    assert [row.pilot for row in tab.visible_rows()] == [made["pilots"][1]]
    tab.search.clear()
    tab.seal_box.setCurrentIndex(tab.seal_box.findData(SealStatus.BROKEN.value))
    assert [row.package for row in tab.visible_rows()] == ["改动/altered.zip"]
    tab.seal_box.setCurrentIndex(0)
    kind = rows[1].kind
    tab.kind_box.setCurrentIndex(tab.kind_box.findData(kind))
    assert tab.visible_rows() and all(row.kind == kind for row in tab.visible_rows())
    tab.kind_box.setCurrentIndex(0)
    result = rows[1].figures["result"]
    tab.result_box.setCurrentIndex(tab.result_box.findData(result))
    assert tab.visible_rows() and all(row.figures["result"] == result for row in tab.visible_rows())
    tab.result_box.setCurrentIndex(0)
    tab.flagged.setChecked(True)
    assert all(row.flags for row in tab.visible_rows())
    tab.flagged.setChecked(False)
    assert len(tab.visible_rows()) == PILOTS + 1
    # The folder is remembered for the next start.
    again = OfficeWindow(AppSettings())
    qtbot.addWidget(again)
    assert again.remembered_folder() == str(received)


def test_the_trust_tab_adds_and_removes_a_fingerprint_and_the_seals_follow(qtbot, window, received, made, answers):
    open_folder(qtbot, window, received)
    fingerprint = made["fingerprint"]
    messages.choose_hook = lambda text, keys: "fingerprint"
    answers.append(fingerprint.replace(":", " ").lower())  # typed as read on the telephone
    window.trust_tab.add_button.click()
    wait(qtbot, window)
    assert [c.fingerprint for c in window.trust_tab.certificates] == [fingerprint]
    assert window.trust_tab.table.item(0, 0).text() == fingerprint
    seals = {row.package: row.seal for row in window.register.rows}
    assert seals.pop("改动/altered.zip") is SealStatus.BROKEN
    assert set(seals.values()) == {SealStatus.TRUSTED}

    # A mistyped fingerprint is refused with a message, nothing registered.
    assert not window.add_certificate("12:34")
    assert messages.shown[-1][0] == "error" and "格式不对" in messages.shown[-1][1]

    window.trust_tab.table.selectRow(0)
    assert window.trust_tab.remove_button.isEnabled()
    window.trust_tab.remove_button.click()
    wait(qtbot, window)
    assert window.trust_tab.certificates == []
    assert {row.seal for row in window.register.rows if row.package != "改动/altered.zip"} == {SealStatus.UNTRUSTED}


def test_the_trust_tab_registers_a_certificate_file_and_exports_its_own(qtbot, window, received, made, tmp_path):
    own = tmp_path / "office.pem"
    window.export_certificate(str(own))
    assert own.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert [len(line.split()) for line in window.trust_tab.own.text().splitlines()] == [8, 8, 8, 8]
    messages.choose_hook = lambda text, keys: "file"
    messages.open_path_hook = lambda title: str(own)
    window.trust_tab.add_button.click()
    assert len(window.trust_tab.certificates) == 1 and window.trust_tab.certificates[0].source == str(own)


def test_a_package_in_detail_opens_its_verified_report_and_records_a_confirmation(qtbot, window, received, made):
    trust_panel(qtbot, window, made["fingerprint"])
    open_folder(qtbot, window, received)
    tab = window.register_tab
    tab.table.sortByColumn(COLUMN["number"], Qt.SortOrder.AscendingOrder)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = window.package_dialog
    assert dialog is not None and dialog.isVisible()
    row = dialog.row
    assert row.package == tab.visible_rows()[0].package and row.seal is SealStatus.TRUSTED
    assert dialog.fingerprint.text().splitlines() == [" ".join(made["fingerprint"].split(":")[i:i + 8])
                                                      for i in range(0, 32, 8)]
    assert dialog.members.rowCount() == len(row.evaluation.panel)
    assert {dialog.members.item(n, 0).text() for n in range(dialog.members.rowCount())} == \
        {m.name for m in row.evaluation.panel}

    opened: list[Path] = []
    package_view.open_file_hook = opened.append
    try:
        dialog.report_button.click()
        qtbot.waitUntil(lambda: bool(opened), timeout=60000)
    finally:
        package_view.open_file_hook = None
    report = opened[0]
    assert report.suffix == ".pdf" and not report.resolve().is_relative_to(received.resolve())
    seal = verify_pdf(report)
    assert seal.ok, seal.problems
    with zipfile.ZipFile(received / row.package) as archive:
        assert report.read_bytes() == archive.read("评估报告.pdf")

    def fill(box: QDialog) -> None:
        assert isinstance(box, ConfirmDialog)
        box.by.setText("某省标准化试点联席办公室")
        box.document.setText("某标联办〔2026〕3号")
        box.accept()

    when_dialog_opens(fill)
    dialog.confirm_button.click()
    wait(qtbot, window)
    qtbot.waitUntil(lambda: window.register.rows[0].confirmation is not None, timeout=60000)
    confirmation = window.register.rows[0].confirmation
    assert confirmation.confirmed_by == "某省标准化试点联席办公室"
    assert confirmation.document_no == "某标联办〔2026〕3号"
    assert confirmation.confirmed_on == dt.date.today().isoformat()
    assert (received / REGISTER_FILE).is_file()
    assert tab.model.index(0, COLUMN["confirmation"]).data().endswith("某标联办〔2026〕3号")
    # The detail shown again carries the confirmation.
    assert window.package_dialog.row.confirmation is not None
    assert "某标联办〔2026〕3号" in window.package_dialog.confirmations.item(0).text()

    # An unverified package cannot be confirmed from the window.
    broken = next(row for row in window.register.rows if row.seal is SealStatus.BROKEN)
    assert not window.open_package(broken).confirm_button.isEnabled()


def test_the_register_exports_its_workbook(qtbot, window, received, tmp_path):
    open_folder(qtbot, window, received)
    out = tmp_path / "登记表.xlsx"
    messages.save_path_hook = lambda title, suggested: str(out)
    window.register_tab.export_button.click()
    wait(qtbot, window)
    assert out.is_file()
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames
    assert messages.shown[-1][0] == "info"


def test_a_missing_folder_and_a_refresh_without_one_say_so(qtbot, window, tmp_path):
    assert not window.open_folder(str(tmp_path / "nowhere"))
    assert messages.shown[-1][0] == "error" and "找不到文件夹" in messages.shown[-1][1]
    window.refresh()
    assert messages.shown[-1][0] == "info"


def expert_workbook(path: Path, bad: bool = False) -> Path:
    from tests.test_expert_draw import expert_rows
    rows = expert_rows()
    if bad:
        rows[2][7] = "很多年"  # 从业年限 of the third expert: row 4, column H
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "专家库"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_library_imports_lists_and_draws_a_panel(qtbot, window, tmp_path):
    library = tmp_path / "专家库.sqlite"
    bad = expert_workbook(tmp_path / "bad.xlsx", bad=True)
    window.create_library(str(library), str(bad))
    wait(qtbot, window)
    kind, text = messages.shown[-1]
    assert kind == "error" and "H4" in text, text
    assert not library.exists()

    messages.save_path_hook = lambda title, suggested: str(library)
    messages.open_path_hook = lambda title: str(expert_workbook(tmp_path / "experts.xlsx"))
    window.library_tab.create_button.click()
    wait(qtbot, window)
    assert library.is_file()
    tab = window.library_tab
    assert len(tab.visible_experts()) == 60
    tab.qualified.setChecked(True)
    assert 0 < len(tab.visible_experts()) < 60
    assert all(e["qualified"] and e["status"] == "在库" for e in tab.visible_experts())
    tab.qualified.setChecked(False)
    tab.category_box.setCurrentIndex(tab.category_box.findData("标准化专家"))
    assert {e["category"] for e in tab.visible_experts()} == {"标准化专家"}
    tab.category_box.setCurrentIndex(0)
    tab.search.setText("某大学")
    assert tab.visible_experts() and all("某大学" in e["org"] for e in tab.visible_experts())
    tab.search.clear()

    pilot = tmp_path / "pilot.json"
    pilot.write_text(json.dumps(evaluation(members=[], id="eval-office-1"), default=str, ensure_ascii=False), "utf-8")
    assert tab.draw_button.isEnabled()
    tab.draw_button.click()
    dialog = window.draw_dialog
    assert dialog is not None and dialog.isVisible()
    messages.open_path_hook = lambda title: str(pilot)
    window.choose_pilot()
    assert dialog.pilot.text() == str(pilot)
    dialog.size.setValue(7)
    dialog.reserve.setValue(3)
    dialog.seed.setText("2026-11-28 抽签")
    dialog.exclude.setPlainText("省大数据中心")
    dialog.by.setText("张三")
    dialog.witnesses.setText("李四、王五")
    dialog.draw_button.click()
    assert dialog.prepared is not None, messages.shown[-3:]
    record = dialog.prepared.record
    assert dialog.panel_table.rowCount() == 7 and dialog.reserve_table.rowCount() == 3
    assert dialog.exclusion_table.rowCount() == len(record["exclusions"]) > 0
    assert any("省大数据中心" in "".join(x["reasons"]) for x in record["exclusions"])
    assert record["witnesses"] == ["李四", "王五"]
    # The same seed gives the same panel (reproducible); a change makes the shown draw stale.
    first = [m["name"] for m in record["panel"]]
    dialog.seed.setText("另一个种子")
    assert dialog.prepared is None and not dialog.save_button.isEnabled()
    dialog.seed.setText("2026-11-28 抽签")
    dialog.draw_button.click()
    assert [m["name"] for m in dialog.prepared.record["panel"]] == first

    out = tmp_path / "drawn.json"
    messages.save_path_hook = lambda title, suggested: str(out)
    dialog.save_button.click()
    wait(qtbot, window)
    assert window.last_draw == (out, out.with_suffix(".pdf"))
    written = json.loads(out.read_text("utf-8"))
    assert [m["name"] for m in written["panel"]] == first
    seal = verify_pdf(out.with_suffix(".pdf"))  # sealed by this installation: trusted as its own
    assert seal.ok, seal.problems

    # An impossible draw is shown as a message in the dialog, never a traceback.
    dialog.exclude.setPlainText("省标准化研究院\n市质量技术监督研究所\n省标准化协会\n某大学标准化研究中心")
    dialog.draw_button.click()
    assert dialog.prepared is None and dialog.banner.isVisible() and "无法抽取" in dialog.banner.text()


def test_the_window_follows_the_language_setting(qtbot, answers, received):
    from ui import i18n
    settings = AppSettings()
    settings.language = "en"
    win = OfficeWindow(settings)
    qtbot.addWidget(win)
    try:
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in win.windowTitle())
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in win.tabs.tabText(0))
        win.open_folder(str(received))
        wait(qtbot, win)
        assert len(win.register_tab.visible_rows()) == PILOTS + 1
        assert win.apply_language("zh_CN")
        assert win.tabs.tabText(0) == "登记表"
        assert len(win.register_tab.visible_rows()) == PILOTS + 1
    finally:
        i18n.install_language("zh_CN")


def test_the_command_line_opens_the_window_on_a_folder(monkeypatch, tmp_path):
    from evaluator_app.cli import main
    opened: list[str | None] = []
    monkeypatch.setattr("ui.office.app.run", lambda folder: opened.append(folder) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["office", str(tmp_path)]) == 0
    assert main(["office"]) == 0
    assert opened == [str(tmp_path), None]
    assert main(["office", str(tmp_path / "nowhere")]) == 2


def test_report_copies_of_earlier_days_are_cleared_when_another_is_opened(tmp_path):
    import os
    import time

    from ui.office.actions import REPORT_TEMP_PREFIX, sweep_old_reports
    old, recent = tmp_path / f"{REPORT_TEMP_PREFIX}old", tmp_path / f"{REPORT_TEMP_PREFIX}recent"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "报告.pdf").write_bytes(b"%PDF-")
        (folder / "报告.pdf").chmod(0o444)
    day_ago = time.time() - 24 * 3600
    os.utime(old, (day_ago, day_ago))
    sweep_old_reports(tmp_path)
    assert not old.exists() and (recent / "报告.pdf").exists()
