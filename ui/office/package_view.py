"""One package in detail: its row, flags, deadlines, confirmations, the panel it lists and its seal; the
sealed report opened in the system's viewer (a temporary copy), a 省级确认 recorded, the register exported.

The package is only read: the report is copied out to a temporary folder elsewhere, the confirmation goes
to the office's own 省级登记.sqlite (`register.confirm`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.errors import UserError
from evaluator_app.office.register import Register, Row, SealStatus
from evaluator_app.presentation import consequence_phrase
from evaluator_app.signing.seal import fingerprint_lines

from .. import messages
from ..i18n import tr
from .register_view import deadline_label, result_label, seal_label

# Tests receive the report's temporary copy here instead of the system's viewer opening it.
open_file_hook: Callable[[Path], None] | None = None


def open_in_viewer(parent: QWidget | None, path: Path) -> bool:
    if open_file_hook is not None:
        open_file_hook(path)
        return True
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    messages.error(parent, tr("没有找到可以打开 PDF 的程序。评估报告已复制到：\n{path}").format(path=path))
    return False


def fingerprint_block(fingerprint: str | None) -> str:
    """The fingerprint in 4 lines of 8 groups, to read aloud on the telephone."""
    return "\n".join(fingerprint_lines(fingerprint)) if fingerprint else "—"


def _label(text: str, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ConfirmDialog(QDialog):
    """登记省级确认: who confirms, on which day, with which document number (第二十三条)."""

    def __init__(self, row: Row, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("登记省级确认"))
        self.by = QLineEdit()
        self.by.setPlaceholderText(tr("确认人或确认单位"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.document = QLineEdit()
        self.document.setPlaceholderText(tr("如 某标联办〔2026〕12号"))
        form = QFormLayout()
        form.addRow(_label(tr("试点：{pilot}（{kind} {date}，{result}）").format(
            pilot=row.pilot, kind=tr(row.kind) if row.kind else "", date=row.evaluation_date,
            result=result_label(row))))
        form.addRow(tr("确认人："), self.by)
        form.addRow(tr("确认日期："), self.date)
        form.addRow(tr("确认文件号："), self.document)
        form.addRow(_label(tr("确认记录只追加到本文件夹的省级登记.sqlite，不改动报送包；同一评估再次确认时以最新一条为准。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, str, str]:
        return self.by.text().strip(), self.date.date().toString("yyyy-MM-dd"), self.document.text().strip()

    def _accept(self) -> None:
        by, _, document = self.values()
        if not by or not document:
            messages.error(self, tr("请填写确认人和确认文件号"))
            return
        self.accept()


class PackageDialog(QDialog):
    """The detail of one row of the register (non-modal; the window keeps one per package)."""

    openReportRequested = Signal(object)  # Row
    confirmRequested = Signal(object, str, str, str)  # Row, by, date, document number
    exportRequested = Signal()

    def __init__(self, row: Row, register: Register, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(tr("报送包：{name}").format(name=row.pilot or row.package))
        self.resize(980, 720)
        body = QWidget()
        content = QVBoxLayout(body)
        content.addWidget(self._facts(row, register))
        content.addWidget(self._seal(row))
        content.addWidget(self._lists(row))
        content.addWidget(self._members(row))
        content.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.report_button = QPushButton(tr("打开评估报告"))
        self.report_button.setToolTip(tr("把签章的评估报告复制到临时文件夹，用系统的 PDF 阅读程序打开"))
        self.report_button.clicked.connect(lambda: self.openReportRequested.emit(self.row))
        self.report_button.setEnabled(row.seal is not SealStatus.MISSING)
        self.confirm_button = QPushButton(tr("登记省级确认…"))
        self.confirm_button.clicked.connect(self.ask_confirmation)
        can_confirm = row.seal is SealStatus.TRUSTED and row.summary is not None and row.summary.result is not None
        self.confirm_button.setEnabled(can_confirm)
        if not can_confirm:
            self.confirm_button.setToolTip(tr("只有签章可信、已形成结论的评估才能确认"))
        self.export_button = QPushButton(tr("导出登记表 Excel…"))
        self.export_button.clicked.connect(self.exportRequested)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.report_button, self.confirm_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    # -- sections --------------------------------------------------------------------------------------
    def _facts(self, row: Row, register: Register) -> QGroupBox:
        box = QGroupBox(tr("评估"))
        form = QFormLayout(box)
        figures = row.figures or {}
        evaluation = row.evaluation
        panel = figures.get("panel", {})
        rate = row.satisfaction_rate
        consequence = row.summary.consequence if row.summary is not None else None
        end = evaluation.evaluation_end_date if evaluation is not None else None
        date = row.evaluation_date + (f" – {end}" if end else "")
        facts = [
            (tr("试点："), row.pilot or "—"),
            (tr("试点单位："), row.unit or "—"),
            (tr("评估类型："), tr(row.kind) if row.kind else "—"),
            (tr("评估日期："), date or "—"),
            (tr("评估编号："), row.evaluation_id or "—"),
            (tr("评估组："), tr("{n} 人，其中标准化专家 {k} 人；{valid}").format(
                n=panel.get("size", "—"), k=panel.get("standardization_experts", "—"),
                valid=tr("符合要求") if panel.get("valid") else tr("不符合要求")) if panel else "—"),
            (tr("总分："), str(figures.get("total") or "—")),
            (tr("结论："), result_label(row)),
            (tr("否决项："), "、".join(figures.get("vetoes") or []) or tr("无")),
            (tr("满意度："), f"{rate * 100:.2f}%" if rate is not None else "—"),
            (tr("后续："), consequence_phrase(consequence).text(tr) if consequence is not None else "—"),
            (tr("报送包："), str(register.folder / row.package)),
            (tr("SHA-256："), row.package_sha256 or "—"),
        ]
        if row.data_problem:
            facts.append((tr("数据问题："), row.data_problem))
        for label, value in facts:
            form.addRow(label, _label(value))
        return box

    def _seal(self, row: Row) -> QGroupBox:
        box = QGroupBox(tr("签章"))
        form = QFormLayout(box)
        status = _label(seal_label(row.seal))
        colour = "#1b5e20" if row.seal is SealStatus.TRUSTED else "#8a1c1c"
        status.setStyleSheet(f"font-weight:bold; color:{colour};")
        self.seal_status = status
        form.addRow(tr("状态："), status)
        form.addRow(tr("签章人："), _label(row.signer or "—"))
        if row.trusted_as:
            form.addRow(tr("信任依据："), _label(tr(row.trusted_as)))
        fingerprint = _label(fingerprint_block(row.fingerprint))
        fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint = fingerprint
        form.addRow(tr("证书指纹："), fingerprint)
        if row.problems:
            form.addRow(tr("校验问题："), _label("\n".join(row.problems)))
        return box

    def _lists(self, row: Row) -> QWidget:
        widget = QWidget()
        layout = QHBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.flags = QListWidget()
        self.flags.addItems([flag.text for flag in row.flags] or [tr("无")])
        self.deadlines = QListWidget()
        self.deadlines.addItems([f"{d.date.isoformat()}　{deadline_label(d.label)}" for d in row.deadlines]
                                or [tr("无")])
        self.confirmations = QListWidget()
        self.confirmations.addItems(
            [tr("{date} {by}（{document}），登记于 {at}").format(date=c.confirmed_on, by=c.confirmed_by,
                                                          document=c.document_no, at=c.recorded_at)
             for c in row.confirmations] or [tr("未确认")])
        for title, view in ((tr("需要注意"), self.flags), (tr("后续期限"), self.deadlines),
                            (tr("省级确认"), self.confirmations)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            view.setWordWrap(True)
            view.setMinimumHeight(80)
            view.setMaximumHeight(130)
            inner.addWidget(view)
            layout.addWidget(box, 2 if view is self.flags else 1)
        return widget

    def _members(self, row: Row) -> QGroupBox:
        box = QGroupBox(tr("报送包中列出的评估组成员"))
        layout = QVBoxLayout(box)
        members = row.evaluation.panel if row.evaluation is not None else []
        table = QTableWidget(len(members), 5)
        table.setHorizontalHeaderLabels([tr("姓名"), tr("单位"), tr("职称"), tr("类别"), tr("角色")])
        for n, member in enumerate(members):
            for column, value in enumerate((member.name, member.org, member.title, tr(member.category.value),
                                            tr(member.role.value))):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(n, column, item)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(60 + 30 * max(len(members), 1))
        self.members = table
        layout.addWidget(table)
        return box

    # -- actions ---------------------------------------------------------------------------------------
    def ask_confirmation(self, by: str | None = None, on: str | None = None, document: str | None = None) -> bool:
        """登记省级确认…: the dialog (or the values given), then the window records it."""
        if by is None or document is None:
            dialog = ConfirmDialog(self.row, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            by, on, document = dialog.values()
        self.confirmRequested.emit(self.row, by, on or dt.date.today().isoformat(), document)
        return True


def check_report_path(path: Path, folder: Path) -> None:
    """The temporary copy must lie outside the packages' folder (nothing is written there)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return
    raise UserError(f"临时文件不应写在报送包文件夹中：{path}")
