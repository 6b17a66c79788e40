"""Steps 3 and 4 查阅资料 / 考核现场: checklists generated from the sheet's items by their step,
per-item findings and evidence, and the findings list (问题) that flows into steps 7 and 8."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from evaluator_app.domain.evaluation import Note
from evaluator_app.services.workflow import CHECK_STATUSES

from .. import messages
from ..widgets import heading
from .base import StepPage
from .report import AttachmentList

# The sheet's `step` field counts the eight steps of 第二十一条: documents are 3, the site is 4.
SHEET_STEP = {"documents": 3, "site": 4}


class ChecklistPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.sheet_step = SHEET_STEP.get(step.key, step.number)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName(f"checklist_{step.key}")
        self.table.setHorizontalHeaderLabels(["项目", "核查方式", "评分指引", "核查结果", "发现与证据说明"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 170), (1, 72), (3, 96)):
            self.table.setColumnWidth(column, width)
        # Rows grow to show the whole guidance whenever the columns change width.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self.note_changed)
        self.table.currentCellChanged.connect(lambda *_: self.show_evidence())
        self.evidence = AttachmentList(session, step.number, ("照片", "证据"))
        self.evidence_label = QLabel("选中一个项目后可添加照片或证据")
        to_finding = QPushButton("记为问题(&F)")
        to_finding.clicked.connect(self.note_to_finding)
        self.findings = QListWidget()
        self.findings.setObjectName(f"findings_{step.key}")
        self.findings.setWordWrap(True)
        add_finding = QPushButton("添加问题…")
        add_finding.clicked.connect(self.add_finding)
        remove_finding = QPushButton("删除问题")
        remove_finding.clicked.connect(self.remove_finding)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading("核查清单（由计分表生成）"))
        left_layout.addWidget(self.table, 1)
        self.site_form = QWidget()
        if step.key == "site":
            self._build_site_counts(left_layout)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading("照片与证据"))
        right_layout.addWidget(self.evidence_label)
        right_layout.addWidget(self.evidence, 1)
        right_layout.addWidget(heading("发现的问题（进入结论与通报）"))
        right_layout.addWidget(self.findings, 1)
        row = QHBoxLayout()
        for button in (to_finding, add_finding, remove_finding):
            row.addWidget(button)
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 340])
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._items: list = []

    def _build_site_counts(self, layout) -> None:
        form = QFormLayout()
        self.counts: dict[str, QSpinBox] = {}
        for key, label in (("staff_questioned", "询问员工人数"), ("staff_correct", "其中回答正确"),
                           ("requirements_checked", "现场核查要求数"), ("requirements_met", "其中符合")):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setObjectName(key)
            spin.valueChanged.connect(self.save_counts)
            self.counts[key] = spin
            form.addRow(label, spin)
        self.count_hint = QLabel()
        self.count_hint.setWordWrap(True)
        form.addRow(self.count_hint)
        layout.addLayout(form)

    # -- data -----------------------------------------------------------------------------------
    def checks(self) -> dict:
        return dict(self.session.step_data(self.step.key).get("checks", {}))

    def items(self):
        return [i for i in self.session.evaluation.sheet.items if i.step == self.sheet_step]

    def refresh_body(self) -> None:
        self._items = self.items()
        checks = self.checks()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            check = checks.get(item.code, {})
            for col, text in enumerate((f"{item.code} {item.name}（{item.max} 分）", item.method, item.guidance)):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, cell)
            combo = QComboBox()
            combo.addItems(CHECK_STATUSES)
            combo.setCurrentText(check.get("status", CHECK_STATUSES[0]))
            combo.currentTextChanged.connect(lambda status, code=item.code: self.save_check(code, status=status))
            self.table.setCellWidget(row, 3, combo)
            self.table.setItem(row, 4, QTableWidgetItem(check.get("note", "")))
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        self.findings.clear()
        for note in self.session.evaluation.findings:
            if note.step == self.step.number or (note.step is None and self.step.key == "documents"):
                entry = QListWidgetItem(f"{note.item + '：' if note.item else ''}{note.text}")
                entry.setData(Qt.ItemDataRole.UserRole, note.id)
                self.findings.addItem(entry)
        if self.step.key == "site":
            data = self.session.step_data("site")
            for key, spin in self.counts.items():
                spin.blockSignals(True)
                spin.setValue(int(data.get(key, 0)))
                spin.blockSignals(False)
            self.update_hint()
        self.show_evidence()

    def save_check(self, code: str, status: str | None = None, note: str | None = None) -> None:
        checks = self.checks()
        entry = dict(checks.get(code, {}))
        if status is not None:
            entry["status"] = status
        if note is not None:
            entry["note"] = note
        checks[code] = entry
        self.session.set_step_data(self.step.key, {"checks": checks})

    def note_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == 4 and cell.row() < len(self._items):
            self.save_check(self._items[cell.row()].code, note=cell.text())

    def save_counts(self) -> None:
        self.session.set_step_data("site", {k: s.value() for k, s in self.counts.items()})

    def update_hint(self) -> None:
        """What the counts suggest for C2 and C3 in the default sheet's terms (the scorer decides)."""
        c = {k: s.value() for k, s in self.counts.items()}
        parts = []
        if c["staff_questioned"]:
            parts.append(f"员工知晓率 {c['staff_correct'] / c['staff_questioned']:.0%}（询问 {c['staff_questioned']} 人）")
        if c["requirements_checked"]:
            parts.append(f"现场符合率 {c['requirements_met'] / c['requirements_checked']:.0%}"
                         f"（核查 {c['requirements_checked']} 项）")
        self.count_hint.setText("；".join(parts) + ("，供评分参考" if parts else "填写后显示知晓率与符合率，供评分参考"))

    # -- evidence and findings ------------------------------------------------------------------------
    def current_item(self):
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def show_evidence(self) -> None:
        item = self.current_item()
        self.evidence.item = item.code if item else ""
        self.evidence.setEnabled(item is not None)
        self.evidence_label.setText(f"{item.code} {item.name} 的照片与证据" if item else "选中一个项目后可添加照片或证据")
        self.evidence.refresh()

    def add_finding(self, text: str | None = None) -> None:
        item = self.current_item()
        if text is None:
            text = messages.ask_text(self, f"问题描述{'（' + item.code + '）' if item else ''}：", "添加问题")
        if text:
            self.session.save_note("finding", Note(uuid.uuid4().hex[:12], text, item.code if item else "",
                                                   self.step.number))

    def note_to_finding(self) -> None:
        item = self.current_item()
        if item is None:
            return
        note = self.checks().get(item.code, {}).get("note", "").strip()
        if not note:
            messages.info(self, "请先在“发现与证据说明”中填写内容")
            return
        self.add_finding(note)

    def remove_finding(self) -> None:
        entry = self.findings.currentItem()
        if entry and messages.ask(self, f"删除问题“{entry.text()}”？"):
            self.session.delete_note(entry.data(Qt.ItemDataRole.UserRole))
