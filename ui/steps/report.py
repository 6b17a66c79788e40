"""Step 2 听取汇报: notes under the topics of the 总结报告, and the unit's files kept in the evaluation file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.workflow import APPLICATION_FILES, REPORT_TOPICS

from .. import messages
from ..i18n import N_, tr
from ..widgets import AutoSaveText, heading
from .base import StepPage

THUMB_HEIGHT = 48
# Kinds of attachment (stored in Chinese) with the whole sentences of their button and file dialog.
ATTACHMENT_TEXTS = {
    N_("照片"): (N_("添加照片…"), N_("选择照片")),
    N_("证据"): (N_("添加证据…"), N_("选择证据")),
    N_("评估申请表"): (N_("添加评估申请表…"), N_("选择评估申请表")),
    N_("总结报告"): (N_("添加总结报告…"), N_("选择总结报告")),
    N_("复查自检报告"): (N_("添加复查自检报告…"), N_("选择复查自检报告")),
    N_("复查申请表"): (N_("添加复查申请表…"), N_("选择复查申请表")),
    N_("其他资料"): (N_("添加其他资料…"), N_("选择其他资料")),
}


class AttachmentList(QWidget):
    """Files of one step (optionally one item) with add, save-a-copy and remove."""

    def __init__(self, session, step: int, kinds: tuple[str, ...], item: str = "", parent=None):
        super().__init__(parent)
        self.session, self.step, self.item = session, step, item
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(tr("附件列表"))
        self.table.setHorizontalHeaderLabels(
            [tr("类别"), tr("文件名"), tr("大小"), tr("SHA-256（前 16 位）"), tr("添加时间")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setIconSize(QSize(THUMB_HEIGHT * 4 // 3, THUMB_HEIGHT))  # photo thumbnails
        buttons = QHBoxLayout()
        for kind in kinds:
            button = QPushButton(tr(ATTACHMENT_TEXTS[kind][0]))
            button.clicked.connect(lambda _=False, k=kind: self.add(k))
            buttons.addWidget(button)
        save = QPushButton(tr("另存副本…"))
        save.clicked.connect(self.save_copy)
        remove = QPushButton(tr("移除"))
        remove.clicked.connect(self.remove)
        buttons.addWidget(save)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.rows: list = []

    def refresh(self) -> None:
        self.rows = self.session.attachments(self.step, self.item or None)
        self.table.setRowCount(len(self.rows))
        for row, a in enumerate(self.rows):
            size = f"{a.size / 1024:.0f} KB" if a.size < 1024 * 1024 else f"{a.size / 1024 / 1024:.1f} MB"
            for col, text in enumerate((tr(a.kind), a.name, size, a.sha256[:16], a.added_at[:16].replace("T", " "))):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if a.thumbnail:
                pixmap = QPixmap()
                pixmap.loadFromData(a.thumbnail, "PNG")
                self.table.item(row, 1).setIcon(QIcon(pixmap))
                self.table.setRowHeight(row, THUMB_HEIGHT + 8)

    def add(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path = messages.open_path(self, tr(ATTACHMENT_TEXTS[kind][1]), tr("所有文件 (*)"))
        if path:
            self.session.add_attachment(path, kind, self.step, self.item)

    def selected(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def save_copy(self) -> None:
        attachment = self.selected()
        if attachment is None:
            return
        target = messages.save_path(self, tr("另存副本"), attachment.name, tr("所有文件 (*)"))
        if target:
            from evaluator_app.errors import UserError
            from evaluator_app.fileio import atomic_write_bytes
            try:
                atomic_write_bytes(target, self.session.attachment_content(attachment.id))
            except UserError as err:
                messages.error(self, str(err))

    def remove(self) -> None:
        attachment = self.selected()
        if attachment and messages.ask(
                self, tr("移除附件 {name}？（修改记录中保留其 SHA-256）").format(name=attachment.name)):
            self.session.remove_attachment(attachment.id)


class ReportPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        grid = QGridLayout()
        self.notes: dict[str, AutoSaveText] = {}
        for index, topic in enumerate(REPORT_TOPICS):
            editor = AutoSaveText(tr("{topic}：汇报要点、数据、需核实的事项").format(topic=tr(topic)))
            editor.setObjectName(f"report_note_{index}")
            editor.setAccessibleName(tr(topic))
            editor.save.connect(lambda text, t=topic: self.save_note(t, text))
            self.notes[topic] = editor
            box = QVBoxLayout()
            box.addWidget(QLabel(tr(topic)))
            box.addWidget(editor)
            grid.addLayout(box, index // 3, index % 3)
        self.files = AttachmentList(session, step.number, (*APPLICATION_FILES[session.evaluation.kind], "其他资料"))
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("汇报记录（按总结报告的内容，第十八条）")))
        layout.addLayout(grid, 2)
        layout.addWidget(heading(tr("试点单位提交的材料（复制进评估文件，记录 SHA-256）")))
        layout.addWidget(self.files, 1)

    def save_note(self, topic: str, text: str) -> None:
        notes = dict(self.session.step_data("report").get("notes", {}))
        notes[topic] = text
        self.session.set_step_data("report", {"notes": notes})

    def refresh_body(self) -> None:
        notes = self.session.step_data("report").get("notes", {})
        for topic, editor in self.notes.items():
            editor.set_saved_text(notes.get(topic, ""))
        self.files.refresh()


__all__ = ["ReportPage", "AttachmentList", "Path"]
