"""Several laptops in the window: choosing the members to write files for, what a merge did, and the
conflicts the 组长 decides (each version side by side: which file, member, laptop, value)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import Role
from evaluator_app.sync import labels

from . import messages
from .i18n import tr
from .session import EvaluationSession

SHOWN_NAMES = 10  # records named in a merge's summary; the rest are counted


class DistributeDialog(QDialog):
    """文件 › 分发给成员…: which members get a file of their own (everyone but the 组长, unless unticked)."""

    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("分发给成员"))
        self.members = QListWidget()
        self.members.setObjectName("distribute_members")
        for member in session.evaluation.panel:
            leader = member.role is Role.LEADER
            text = tr("{name}（组长，使用本文件）").format(name=member.name) if leader else member.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if leader else Qt.CheckState.Checked)
            self.members.addItem(item)
        explain = QLabel(tr("为每位选中的成员写一个成员文件（评估编号、计分表、评估组、日程等都在其中）。"
                            "成员在自己的电脑上打开它，只能填写本人的回避声明、评分、满意度样本、核查结果，"
                            "并在本人的计分表上签字；完成后用“交回评估数据”交给组长合并。"))
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("选择文件夹并写入…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.members, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def chosen(self) -> list[str]:
        return [self.members.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.members.count())
                if self.members.item(row).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, member_ids: list[str]) -> None:
        for row in range(self.members.count()):
            item = self.members.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in member_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


def merge_summary(result: Any) -> str:
    """What a merge did, per file: added, changed, removed, unchanged, ignored, in conflict."""
    report = result.report
    lines = []
    for source in report.sources:
        whose = tr("（成员 {member}）").format(member=source.member) if source.member else ""
        lines.append(tr("{file}{whose}：新增 {added} 条，更新 {changed} 条，删除 {removed} 条，未变 {unchanged} 条，"
                        "冲突 {conflicts} 处").format(file=source.file, whose=whose, added=len(source.added),
                                                    changed=len(source.changed), removed=len(source.removed),
                                                    unchanged=source.unchanged, conflicts=len(source.conflicts)))
        taken = source.added + source.changed + source.removed
        if taken:
            lines.append("  " + _shortened(taken))
        if source.ignored:
            lines.append("  " + tr("未采纳（不属于该成员的记录）：{records}").format(
                records=_shortened(source.ignored)))
    if result.older:
        lines.append(tr("未合并（同一成员文件更晚的交回已经合并）：{files}").format(files="、".join(result.older)))
    if not report.anything_new:
        lines.append(tr("没有新的内容，评估文件未改变"))
    if report.open_conflicts:
        lines.append(tr("有 {n} 处合并冲突须由组长决定（文件 › 合并冲突…）；在此之前不形成结论：{records}").format(
            n=len(report.open_conflicts), records=_shortened([c.title for c in report.open_conflicts])))
    return "\n".join(lines)


def _shortened(names: list[str]) -> str:
    text = "、".join(names[:SHOWN_NAMES])
    return text if len(names) <= SHOWN_NAMES else tr("{items} 等 {n} 项").format(items=text, n=len(names))


def describe_value(kind: str, value: Any) -> str:
    """A version's value as a person reads it, in the interface language."""
    return labels.describe_value(kind, value, tr)


class ConflictDialog(QDialog):
    """文件 › 合并冲突…: each open conflict's versions side by side; the 组长 keeps one and says why."""

    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("合并冲突"))
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("conflict_list")
        self.conflicts.setAccessibleName(tr("未处理的合并冲突"))
        self.conflicts.currentRowChanged.connect(self.show_conflict)
        self.versions = QTableWidget()
        self.versions.setObjectName("conflict_versions")
        self.versions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.versions.setVerticalHeaderLabels([])
        self.versions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.versions.setWordWrap(True)
        self.choices = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("conflict_reason")
        self.reason.setAccessibleName(tr("选择理由"))
        self.reason.setPlaceholderText(tr("理由（例如：经与成员核实，以其本人电脑上的评分为准），会记入修改记录"))
        self.reason.setMaximumHeight(80)
        self.keep_button = QPushButton(tr("采用所选版本(&K)"))
        self.keep_button.setObjectName("keep_version")
        self.keep_button.clicked.connect(self.keep)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        self.empty = QLabel(tr("没有未处理的合并冲突"))
        right = QVBoxLayout()
        right.addWidget(self.versions, 1)
        right.addLayout(self.choices)
        right.addWidget(QLabel(tr("理由：")))
        right.addWidget(self.reason)
        footer = QHBoxLayout()
        footer.addWidget(self.empty, 1)
        footer.addWidget(self.keep_button)
        footer.addWidget(close)
        body = QHBoxLayout()
        body.addWidget(self.conflicts)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(footer)
        self.resize(1000, 520)
        self._open: list = []
        self.refresh()

    def refresh(self) -> None:
        self._open = self.session.open_conflicts()
        self.conflicts.blockSignals(True)
        self.conflicts.clear()
        for conflict in self._open:
            self.conflicts.addItem(conflict.title)
        self.conflicts.blockSignals(False)
        self.empty.setVisible(not self._open)
        self.keep_button.setEnabled(bool(self._open) and not self.session.read_only)
        if self._open:
            self.conflicts.setCurrentRow(0)  # shows it
        else:
            self.versions.clear()
            self.versions.setRowCount(0)
            self.versions.setColumnCount(0)
            self._clear_choices()

    def _clear_choices(self) -> None:
        for button in self.group.buttons():
            self.group.removeButton(button)
            self.choices.removeWidget(button)
            button.hide()  # at once: it is deleted when the event loop next runs
            button.deleteLater()

    def current(self):
        row = self.conflicts.currentRow()
        return self._open[row] if 0 <= row < len(self._open) else None

    def show_conflict(self, row: int) -> None:
        conflict = self.current()
        self._clear_choices()
        if conflict is None:
            return
        names = {m.id: m.name for m in self.session.evaluation.panel}
        labels = [tr("文件"), tr("成员"), tr("电脑"), tr("内容")]
        self.versions.clear()
        self.versions.setRowCount(len(labels))
        self.versions.setColumnCount(len(conflict.versions))
        self.versions.setVerticalHeaderLabels(labels)
        self.versions.setHorizontalHeaderLabels([tr("版本 {n}").format(n=i + 1) for i in range(len(conflict.versions))])
        for column, version in enumerate(conflict.versions):
            member = version.get("member") or ""
            who = names.get(member, member) or tr("（整份评估）")
            cells = [version.get("file", ""), who, version.get("laptop") or "—",
                     describe_value(conflict.kind, version.get("value"))]
            for row_index, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.versions.setItem(row_index, column, item)
            button = QRadioButton(tr("采用版本 {n}").format(n=column + 1))
            button.setObjectName(f"choose_version_{column + 1}")
            self.group.addButton(button, column)
            self.choices.addWidget(button)
        self.versions.resizeColumnsToContents()
        self.versions.resizeRowsToContents()

    def choose(self, index: int) -> None:
        button = self.group.button(index)
        if button is not None:
            button.setChecked(True)

    def keep(self) -> bool:
        conflict = self.current()
        if conflict is None:
            return False
        choice = self.group.checkedId()
        if choice < 0:
            messages.error(self, tr("请先选择要采用的版本"))
            return False
        with self.session.problems_heard() as problems:
            done = self.session.resolve_conflict(conflict.id, choice, self.reason.toPlainText())
        if not done:
            messages.error(self, "\n".join(problems) or tr("未能处理该冲突"))
            return False
        self.reason.clear()
        self.refresh()
        return True


__all__ = ["DistributeDialog", "ConflictDialog", "merge_summary", "describe_value"]
