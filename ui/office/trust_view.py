"""The trust tab: this installation's seal certificate (to export for others), and the certificates the office
registered after a telephone check of their fingerprints. The register's seal statuses follow this list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.signing.trust import TrustedCertificate

from ..i18n import N_, tr
from .package_view import fingerprint_block

TRUST_REASONS = (N_("本机证书"), N_("本机原证书"), N_("已登记"), N_("指定指纹"))  # trust.Trust.reason


class TrustTab(QWidget):
    exportRequested = Signal()
    addRequested = Signal()
    removeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        own_box = QGroupBox(tr("本机证书"))
        self.own = QLabel()
        self.own.setFont(fixed)
        self.own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(tr("导出本机证书…"))
        self.export_button.clicked.connect(self.exportRequested)
        own_layout = QVBoxLayout(own_box)
        own_layout.addWidget(QLabel(tr("本机签章证书的指纹（SHA-256）：本机签章的文件无需登记即被信任。")))
        own_layout.addWidget(self.own)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        own_layout.addLayout(row)

        registered_box = QGroupBox(tr("已登记的证书"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("证书指纹"), tr("证书名称"), tr("登记时间"), tr("来源")])
        self.table.setFont(self.font())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.add_button = QPushButton(tr("添加证书或指纹…"))
        self.add_button.clicked.connect(self.addRequested)
        self.remove_button = QPushButton(tr("移除"))
        self.remove_button.clicked.connect(self.removeRequested)
        self.remove_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectedItems())))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        note = QLabel(tr("评估组导出的证书（evaluator-app cert export）或电话核对过的指纹登记在这里后，"
                         "用该证书签章的报送包在登记表中显示为“签章可信”。登记前请务必电话核对指纹。"))
        note.setWordWrap(True)
        reg_layout = QVBoxLayout(registered_box)
        reg_layout.addWidget(note)
        reg_layout.addWidget(self.table, 1)
        reg_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(own_box)
        layout.addWidget(registered_box, 1)
        self.certificates: list[TrustedCertificate] = []

    def set_contents(self, own: str | None, certificates: list[TrustedCertificate]) -> None:
        self.own.setText(fingerprint_block(own) if own else tr("本机还没有签章证书（第一次签章或导出证书时生成）"))
        self.certificates = list(certificates)
        self.table.setRowCount(len(certificates))
        for n, cert in enumerate(certificates):
            values = (cert.fingerprint, cert.subject or "—", cert.added_at,
                      tr("指纹") if cert.source == "指纹" else cert.source)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setToolTip(fingerprint_block(cert.fingerprint))
                self.table.setItem(n, column, item)
        self.remove_button.setEnabled(bool(self.table.selectedItems()))

    def selected_fingerprint(self) -> str | None:
        rows = {item.row() for item in self.table.selectedItems()}
        return self.certificates[min(rows)].fingerprint if rows else None
