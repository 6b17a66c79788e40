"""设置: default sheet, data folder, backups, large text, signature mode, this laptop's member, language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from evaluator_app.errors import UserError
from evaluator_app.sheets.load import load_sheet_file

from . import messages
from .i18n import LANGUAGE_NAMES, tr
from .settings import AppSettings, apply_settings
from .widgets import ok_cancel


class SettingsDialog(QDialog):
    applied = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("设置"))
        self.language = QComboBox()
        for code, label in LANGUAGE_NAMES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.default_sheet = QLineEdit(settings.default_sheet)
        self.default_sheet.setPlaceholderText(tr("（随程序提供的暂定计分表）"))
        choose_sheet = QPushButton(tr("选择…"))
        choose_sheet.clicked.connect(self.choose_sheet)
        self.data_folder = QLineEdit(settings.data_folder)
        self.data_folder.setPlaceholderText(tr("（系统默认位置）"))
        choose_folder = QPushButton(tr("选择…"))
        choose_folder.clicked.connect(self.choose_folder)
        self.backups = QSpinBox()
        self.backups.setRange(1, 100)
        self.backups.setValue(settings.backup_count)
        self.large_text = QCheckBox(tr("大字模式"))
        self.large_text.setChecked(settings.large_text)
        self.paper = QCheckBox(tr("纸质签字（报告签字栏留空，打印后手签）"))
        self.paper.setChecked(settings.paper_signatures)
        self.identity = QLineEdit(settings.member_identity)
        self.identity.setPlaceholderText(tr("本机使用者的成员编号或姓名，记入每条修改记录"))
        form = QFormLayout(self)
        form.addRow(tr("界面语言 / Language"), self.language)
        form.addRow(tr("默认计分表"), _row(self.default_sheet, choose_sheet))
        form.addRow(tr("数据文件夹（备份、日志）"), _row(self.data_folder, choose_folder))
        form.addRow(tr("保留自动备份份数"), self.backups)
        form.addRow("", self.large_text)
        form.addRow(tr("签字方式"), self.paper)
        form.addRow(tr("本机成员"), self.identity)
        form.addRow(ok_cancel(self, tr("保存")))

    def choose_sheet(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择默认计分表"), "", tr("计分表 (*.json *.xlsx)"))
        if path:
            self.default_sheet.setText(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("选择数据文件夹"))
        if path:
            self.data_folder.setText(path)

    def accept(self) -> None:
        sheet = self.default_sheet.text().strip()
        if sheet:
            try:
                load_sheet_file(sheet)
            except UserError as err:
                messages.error(self, str(err), tr("计分表无效"))
                return
        folder = self.data_folder.text().strip()
        if folder:
            from pathlib import Path
            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
                probe = Path(folder) / ".write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as err:
                messages.error(self, tr("数据文件夹 {folder} 不可写：{error}").format(folder=folder,
                                                                                    error=err.strerror or err))
                return
        s = self.settings
        s.language = self.language.currentData()
        s.default_sheet = sheet
        s.data_folder = folder
        s.backup_count = self.backups.value()
        s.large_text = self.large_text.isChecked()
        s.paper_signatures = self.paper.isChecked()
        s.member_identity = self.identity.text().strip()
        s.sync()
        apply_settings(s)
        self.applied.emit()
        super().accept()


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return box
