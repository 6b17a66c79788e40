"""Steps 3 and 4 查阅资料 / 考核现场: checklists generated from the sheet's items by their step,
per-item findings and evidence, and the findings list (问题) that flows into steps 7 and 8."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import Note
from evaluator_app.domain.workflow import CHECK_STATUSES, CheckResult, checklist_items

from .. import messages
from ..i18n import tr
from ..widgets import heading
from .base import StepPage
from .report import AttachmentList


class ChecklistPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName(f"checklist_{step.key}")
        self.table.setHorizontalHeaderLabels(
            [tr("项目"), tr("核查方式"), tr("评分指引"), tr("核查结果"), tr("发现与证据说明")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        probe = QComboBox()  # the result column fits its longest choice in the interface language
        probe.addItems([tr(status) for status in CHECK_STATUSES])
        for column, width in ((0, 170), (1, 72), (3, max(96, probe.sizeHint().width() + 4))):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        # Rows grow to show the whole guidance whenever the columns change width.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self.note_changed)
        self.table.currentCellChanged.connect(lambda *_: self.show_evidence())
        self.evidence = AttachmentList(session, step.number, ("照片", "证据"))
        self.evidence_label = QLabel(tr("选中一个项目后可添加照片或证据"))
        self.evidence_label.setWordWrap(True)
        to_finding = QPushButton(tr("记为问题(&F)"))
        to_finding.clicked.connect(self.note_to_finding)
        self.findings = QListWidget()
        self.findings.setObjectName(f"findings_{step.key}")
        self.findings.setWordWrap(True)
        add_finding = QPushButton(tr("添加问题…"))
        add_finding.clicked.connect(lambda: self.add_finding())
        remove_finding = QPushButton(tr("删除问题"))
        remove_finding.clicked.connect(self.remove_finding)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading(tr("核查清单（由计分表生成）")))
        left_layout.addWidget(self.table, 1)
        self.site_form = QWidget()
        if step.key == "site":
            self._build_site_counts(left_layout)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading(tr("照片与证据")))
        right_layout.addWidget(self.evidence_label)
        right_layout.addWidget(self.evidence, 1)
        right_layout.addWidget(heading(tr("发现的问题（进入结论与通报）")))
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
        for key, label in (("staff_questioned", tr("询问员工人数")), ("staff_correct", tr("其中回答正确")),
                           ("requirements_checked", tr("现场核查要求数")), ("requirements_met", tr("其中符合"))):
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
        return self.session.checks(self.step.key)

    def items(self):
        return checklist_items(self.session.evaluation.sheet, self.step.key, self.session.evaluation.kind)

    def refresh_body(self) -> None:
        self._items = self.items()
        checks = self.checks()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            check = checks.get(item.code, CheckResult())
            heading_text = tr("{code} {name}（{max} 分）").format(code=item.code, name=item.name, max=item.max)
            for col, text in enumerate((heading_text, item.method, item.guidance)):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, cell)
            combo = QComboBox()
            combo.setAccessibleName(tr("{item} 核查结果").format(item=item.code))
            for status in CHECK_STATUSES:  # shown in the interface language, saved as the stored value
                combo.addItem(tr(status), status)
            combo.setCurrentIndex(max(combo.findData(check.status), 0))
            combo.currentIndexChanged.connect(
                lambda _=0, code=item.code, box=combo: self.save_check(code, status=box.currentData()))
            self.table.setCellWidget(row, 3, combo)
            self.table.setItem(row, 4, QTableWidgetItem(check.note))
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
        self.session.record_check(self.step.key, code, status, note)

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
            parts.append(tr("员工知晓率 {rate}（询问 {n} 人）").format(
                rate=f"{c['staff_correct'] / c['staff_questioned']:.0%}", n=c["staff_questioned"]))
        if c["requirements_checked"]:
            parts.append(tr("现场符合率 {rate}（核查 {n} 项）").format(
                rate=f"{c['requirements_met'] / c['requirements_checked']:.0%}", n=c["requirements_checked"]))
        if parts:
            self.count_hint.setText(tr("{figures}，供评分参考").format(figures=tr("；").join(parts)))
        else:
            self.count_hint.setText(tr("填写后显示知晓率与符合率，供评分参考"))

    # -- evidence and findings ------------------------------------------------------------------------
    def current_item(self):
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def show_evidence(self) -> None:
        item = self.current_item()
        self.evidence.item = item.code if item else ""
        self.evidence.setEnabled(item is not None)
        self.evidence_label.setText(tr("{code} {name} 的照片与证据").format(code=item.code, name=item.name) if item
                                    else tr("选中一个项目后可添加照片或证据"))
        self.evidence.refresh()

    def add_finding(self, text: str | None = None) -> None:
        item = self.current_item()
        if text is None:
            prompt = tr("问题描述（{item}）：").format(item=item.code) if item else tr("问题描述：")
            text = messages.ask_text(self, prompt, tr("添加问题"))
        if text:
            self.session.save_note("finding", Note(uuid.uuid4().hex[:12], text, item.code if item else "",
                                                   self.step.number))

    def note_to_finding(self) -> None:
        item = self.current_item()
        if item is None:
            return
        note = self.checks().get(item.code, CheckResult()).note.strip()
        if not note:
            messages.info(self, tr("请先在“发现与证据说明”中填写内容"))
            return
        self.add_finding(note)

    def remove_finding(self) -> None:
        entry = self.findings.currentItem()
        if entry and messages.ask(self, tr("删除问题“{text}”？").format(text=entry.text())):
            self.session.delete_note(entry.data(Qt.ItemDataRole.UserRole))
