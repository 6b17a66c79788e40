"""签字与报告: who still has to sign what, the signature pad, and the exports (report PDF, Excel,
submission package) built on a worker thread with progress, so work goes on meanwhile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from evaluator_app.domain.evaluation import Role
from evaluator_app.domain.signature import Purpose

from . import messages, tasks
from .session import EvaluationSession
from .signature_pad import PAD_HEIGHT, PAD_WIDTH, SignDialog
from .widgets import Banner, heading

STATES = {"signed": "已签", "stale": "内容已改动，须重签", "missing": "未签"}


class HandoverDialog(QDialog):
    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("签字与报告")
        self.resize(900, 600)
        self.status_banner = Banner()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("signature_table")
        self.table.setHorizontalHeaderLabels(["成员", "角色", "签字事项", "状态", "签字时间 / 说明"])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _: self.sign_selected())
        self.sign_button = QPushButton("签字(&S)…")
        self.sign_button.clicked.connect(lambda: self.sign_selected())
        self.unlock_button = QPushButton("解锁（组长）…")
        self.unlock_button.clicked.connect(self.unlock)
        self.paper = QCheckBox("纸质签字（签字栏留空，打印后手签）")
        from .settings import AppSettings
        self.paper.setChecked(AppSettings().paper_signatures)
        self.report_button = QPushButton("导出报告 PDF(&P)…")
        self.report_button.clicked.connect(lambda: self.export("report"))
        self.xlsx_button = QPushButton("导出 Excel(&X)…")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.package_button = QPushButton("生成报送包(&Z)…")
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
        layout.addWidget(heading("签字"))
        layout.addWidget(self.status_banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(sign_row)
        layout.addWidget(heading("导出"))
        layout.addLayout(export_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.export_message)
        session.changed.connect(lambda _: self.refresh())
        self.entries: list[dict] = []
        self.refresh()

    # -- signatures ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.session.closed:
            return
        status = self.session.signature_status()
        self.entries = status["required"]
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            detail = (entry["signed_at"] or "")[:16].replace("T", " ") if entry["state"] == "signed" else \
                (entry["blocked_by"] or "可以签字")
            for col, text in enumerate((entry["name"], entry["role"], entry["label"], STATES[entry["state"]], detail)):
                cell = QTableWidgetItem(text)
                if col == 3:
                    cell.setForeground(Qt.GlobalColor.darkGreen if entry["state"] == "signed" else Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, cell)
        pending = len(status["pending"])
        if status["locked"]:
            self.status_banner.show_messages(["已全体签字并锁定：任何修改都会被拒绝；导出的报告为签章的正式报告。"], "ok")
        elif pending:
            self.status_banner.show_messages([f"还有 {pending} 项签字未完成；全部完成后评估自动锁定。导出的报告为草稿。"],
                                             "warning")
        self.unlock_button.setEnabled(status["locked"])
        self.package_button.setEnabled(status["locked"])

    def sign_selected(self, strokes=None) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            messages.info(self, "请先选中一行")
            return False
        entry = self.entries[row]
        if entry["blocked_by"] or self.session.store.locked:
            messages.error(self, entry["blocked_by"] or "评估已锁定")
            return False
        if strokes is None:
            dialog = SignDialog(entry["name"], entry["label"], self)
            if not dialog.exec():
                return False
            strokes = dialog.pad.strokes
        return self.session.sign(entry["member"], Purpose(entry["purpose"]), strokes, PAD_WIDTH, PAD_HEIGHT)

    def unlock(self) -> None:
        leader = next((m for m in self.session.evaluation.panel if m.role is Role.LEADER), None)
        if leader is None:
            return
        reason = messages.ask_text(self, f"解锁须由组长 {leader.name} 填写理由；解锁后全部签字作废（已签版本保留）：",
                                   "解锁评估")
        if reason:
            self.session.unlock(leader.id, reason)

    # -- exports ------------------------------------------------------------------------------------------
    def export(self, what: str, target: str | None = None) -> bool:
        names = {"report": ("评估报告.pdf", "PDF (*.pdf)"), "xlsx": ("评估汇总.xlsx", "Excel (*.xlsx)"),
                 "package": ("报送包.zip", "ZIP (*.zip)")}
        default, pattern = names[what]
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "保存到", str(Path.home() / default), pattern)
        if not target:
            return False
        path, paper = self.session.path, self.paper.isChecked()
        self.set_busy(True, f"正在生成 {Path(target).name}…")
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

    with EvaluationStore.open(path, backup=False) as store:
        if what == "report":
            result = handover.write_report(store, target, paper_mode=paper, progress=progress)
            kind = "草稿报告" if result.draft else ("纸质签字报告" if not result.sealed else "签章的正式报告")
            extra = f"；签章证书指纹 {result.certificate_fingerprint}" if result.sealed else ""
            return f"已生成{kind}：{target}{extra}"
        if what == "xlsx":
            return f"已导出：{handover.write_xlsx(store, target)}"
        return f"已生成报送包：{handover.write_package(store, target, progress=progress)}"
