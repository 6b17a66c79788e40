"""签字与报告: who still has to sign what, the signature pad, and the exports (report PDF, Excel,
submission package) built on a worker thread with progress, so work goes on meanwhile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import Role
from evaluator_app.domain.signature import Purpose

from . import messages, tasks
from .i18n import N_, tr
from .session import EvaluationSession
from .signature_pad import PAD_HEIGHT, PAD_WIDTH, SignDialog
from .widgets import Banner, heading

STATES = {"signed": N_("已签"), "stale": N_("内容已改动，须重签"), "missing": N_("未签")}


class HandoverDialog(QDialog):
    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("签字与报告"))
        self.resize(900, 600)
        self.status_banner = Banner()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("signature_table")
        self.table.setHorizontalHeaderLabels(
            [tr("成员"), tr("角色"), tr("签字事项"), tr("状态"), tr("签字时间 / 说明")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _: self.sign_selected())
        self.sign_button = QPushButton(tr("签字(&S)…"))
        self.sign_button.clicked.connect(lambda: self.sign_selected())
        self.unlock_button = QPushButton(tr("解锁（组长）…"))
        self.unlock_button.clicked.connect(self.unlock)
        self.paper = QCheckBox(tr("纸质签字（签字栏留空，打印后手签）"))
        from .settings import AppSettings
        self.paper.setChecked(AppSettings().paper_signatures)
        self.report_button = QPushButton(tr("导出报告 PDF(&P)…"))
        self.report_button.clicked.connect(lambda: self.export("report"))
        self.xlsx_button = QPushButton(tr("导出 Excel(&X)…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.package_button = QPushButton(tr("生成报送包(&Z)…"))
        self.package_button.clicked.connect(lambda: self.export("package"))
        self.progress = QProgressBar()
        self.progress.hide()
        self.export_message = Banner()
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign_button)
        sign_row.addWidget(self.unlock_button)
        sign_row.addStretch(1)
        export_row = QHBoxLayout()
        for widget in (self.report_button, self.xlsx_button, self.package_button):
            export_row.addWidget(widget)
        export_row.addWidget(self.paper)
        export_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("签字")))
        layout.addWidget(self.status_banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(sign_row)
        layout.addWidget(heading(tr("导出")))
        layout.addLayout(export_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.export_message)
        session.changed.connect(self.on_session_changed)  # a bound method: gone with the dialog once it closes
        self.entries: list[dict] = []
        self.refresh()

    # -- signatures ---------------------------------------------------------------------------------
    def on_session_changed(self, _what: str = "") -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.session.closed:
            return
        status = self.session.signature_status()
        self.entries = status["required"]
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            detail = (entry["signed_at"] or "")[:16].replace("T", " ") if entry["state"] == "signed" else \
                (entry["blocked_by"] or tr("可以签字"))
            texts = (entry["name"], tr(entry["role"]), tr(entry["label"]), tr(STATES[entry["state"]]), detail)
            for col, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if col == 3:
                    signed = entry["state"] == "signed"
                    cell.setForeground(Qt.GlobalColor.darkGreen if signed else Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, cell)
        pending = len(status["pending"])
        if status["locked"]:
            self.status_banner.show_messages(
                [tr("已全体签字并锁定：任何修改都会被拒绝；导出的报告为签章的正式报告。")], "ok")
        elif pending:
            self.status_banner.show_messages(
                [tr("还有 {n} 项签字未完成；全部完成后评估自动锁定。导出的报告为草稿。").format(n=pending)], "warning")
        self.unlock_button.setEnabled(status["locked"])
        self.package_button.setEnabled(status["locked"])

    def sign_selected(self, strokes=None) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            messages.info(self, tr("请先选中一行"))
            return False
        entry = self.entries[row]
        if entry["blocked_by"] or self.session.store.locked:
            messages.error(self, entry["blocked_by"] or tr("评估已锁定"))
            return False
        if strokes is None:
            dialog = SignDialog(entry["name"], tr(entry["label"]), self)
            if not dialog.exec():
                return False
            strokes = dialog.pad.strokes
        return self.session.sign(entry["member"], Purpose(entry["purpose"]), strokes, PAD_WIDTH, PAD_HEIGHT)

    def unlock(self) -> None:
        leader = next((m for m in self.session.evaluation.panel if m.role is Role.LEADER), None)
        if leader is None:
            return
        reason = messages.ask_text(self, tr("解锁须由组长 {name} 填写理由；解锁后全部签字作废（已签版本保留）：")
                                   .format(name=leader.name), tr("解锁评估"))
        if reason:
            self.session.unlock(leader.id, reason)

    # -- exports ------------------------------------------------------------------------------------------
    def export(self, what: str, target: str | None = None) -> bool:
        # The suggested file names are part of the submission (Chinese), whatever the interface language.
        names = {"report": ("评估报告.pdf", "PDF (*.pdf)"), "xlsx": ("评估汇总.xlsx", "Excel (*.xlsx)"),
                 "package": ("报送包.zip", "ZIP (*.zip)")}
        default, pattern = names[what]
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, tr("保存到"), str(Path.home() / default), pattern)
        if not target:
            return False
        path, paper = self.session.path, self.paper.isChecked()
        self.set_busy(True, tr("正在生成 {file}…").format(file=Path(target).name))
        self.task = tasks.start(lambda progress: run_export(path, what, target, paper, progress),
                                self.export_done, self.export_failed, self.export_progress)
        return True

    def set_busy(self, busy: bool, text: str = "") -> None:
        for button in (self.report_button, self.xlsx_button, self.package_button):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        if text:
            self.export_message.show_messages([text], "info")

    def export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def export_done(self, message: str) -> None:
        self.set_busy(False)
        self.export_message.show_messages([message], "ok")
        self.refresh()

    def export_failed(self, message: str) -> None:
        self.set_busy(False)
        self.export_message.show_messages([message], "error")
        self.refresh()


def run_export(path, what: str, target: str, paper: bool, progress) -> str:
    """On the worker thread, with its own connection to the evaluation file."""
    from evaluator_app.services import handover
    from evaluator_app.storage.store import EvaluationStore

    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        if what == "report":
            result = handover.write_report(store, target, paper_mode=paper, progress=progress)
            if result.draft:
                return tr("已生成草稿报告：{file}").format(file=target)
            if not result.sealed:
                return tr("已生成纸质签字报告：{file}").format(file=target)
            return tr("已生成签章的正式报告：{file}；签章证书指纹 {fingerprint}").format(
                file=target, fingerprint=result.certificate_fingerprint)
        if what == "xlsx":
            return tr("已导出：{file}").format(file=handover.write_xlsx(store, target))
        return tr("已生成报送包：{file}").format(file=handover.write_package(store, target, progress=progress))
