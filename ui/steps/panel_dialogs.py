"""The panel's dialogs of step 1: a member (add, edit, replace) and the 回避 declaration.

Kept apart from the page so their widget types load when a dialog first opens, not at start-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import RECUSAL_QUESTIONS, Member, MemberCategory, Recusal, Role, Selection

from ..i18n import N_, tr
from ..widgets import Banner, ok_cancel

EDUCATIONS = ("", N_("博士"), N_("硕士"), N_("本科"), N_("大专"), N_("其他"))


class MemberDialog(QDialog):
    """Add or edit one member; the caller saves the result through the session."""

    def __init__(self, member: Member | None, new_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("编辑成员") if member else tr("添加成员"))
        self.member_id = member.id if member else new_id
        self.original = member
        form = QFormLayout(self)
        self.name = QLineEdit(member.name if member else "")
        self.name.setAccessibleName(tr("姓名"))
        # Each list shows the term in the interface language and keeps the stored (Chinese) value as its data.
        self.category = _combo(c.value for c in MemberCategory)
        self.role = _combo(r.value for r in Role)
        self.org = QLineEdit(member.org if member else "")
        self.title = QLineEdit(member.title if member else "")
        self.phone = QLineEdit(member.phone if member else "")
        self.education = QComboBox()
        self.education.setEditable(True)
        for value in EDUCATIONS:
            self.education.addItem(tr(value) if value else "", value)
        self.senior = QCheckBox(tr("具有高级以上技术职称"))
        self.years = QSpinBox()
        self.years.setRange(0, 60)
        self.years.setSuffix(tr(" 年"))
        self.selection = _combo(["", *(s.value for s in Selection)])
        self.record = QLineEdit(member.selection_record if member else "")
        self.record.setPlaceholderText(tr("例如：2025-11-10 从国家级专家库随机抽取，抽取记录编号 …"))
        if member:
            _select(self.category, member.category.value)
            _select(self.role, member.role.value)
            _select(self.education, member.education)
            self.senior.setChecked(bool(member.senior_title))
            self.years.setValue(member.years or 0)
            _select(self.selection, member.selection)
        else:
            _select(self.role, Role.MEMBER.value)  # one 组长 and several 成员: a new member starts as 成员
        for label, widget in ((tr("姓名*"), self.name), (tr("类别*"), self.category), (tr("角色*"), self.role),
                              (tr("单位"), self.org), (tr("职务/职称"), self.title), (tr("电话"), self.phone),
                              (tr("学历"), self.education), ("", self.senior), (tr("从事标准化或相关工作"), self.years),
                              (tr("选取方式"), self.selection), (tr("选取记录"), self.record)):
            form.addRow(label, widget)
        self.error = Banner()
        form.addRow(self.error)
        form.addRow(ok_cancel(self, tr("保存")))

    def result_member(self) -> Member:
        original = self.original
        return Member(
            id=self.member_id, name=self.name.text().strip(), category=MemberCategory(_value(self.category)),
            role=Role(_value(self.role)), org=self.org.text().strip(), title=self.title.text().strip(),
            phone=self.phone.text().strip(), education=_value(self.education).strip(),
            senior_title=self.senior.isChecked(), years=self.years.value(), selection=_value(self.selection),
            selection_record=self.record.text().strip(), recusal=original.recusal if original else None,
            replaces=original.replaces if original else "", extra=original.extra if original else {},
        )

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.show_messages([tr("请填写姓名")])
            self.name.setFocus()
            return
        super().accept()


class RecusalDialog(QDialog):
    """The 回避 declaration: each question answered 是/否; any 是 blocks the member."""

    def __init__(self, member: Member, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("回避声明：{name}").format(name=member.name))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("请 {name} 如实回答以下问题（有任何一项为“是”须回避）：").format(name=member.name)))
        self.boxes: dict[str, QCheckBox] = {}
        for key, text in RECUSAL_QUESTIONS.items():
            box = QCheckBox(tr("是：{question}").format(question=tr(text)))
            box.setChecked(bool(member.recusal and member.recusal.answers.get(key)))
            self.boxes[key] = box
            layout.addWidget(box)
        layout.addWidget(ok_cancel(self, tr("确认声明")))

    def recusal(self) -> Recusal:
        return Recusal({k: box.isChecked() for k, box in self.boxes.items()},
                       dt.datetime.now().astimezone().isoformat(timespec="seconds"))


def _combo(values) -> QComboBox:
    """A list of stored values, each shown in the interface language."""
    combo = QComboBox()
    for value in values:
        combo.addItem(tr(value) if value else "", value)
    return combo


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable():
        combo.setCurrentText(value)


def _value(combo: QComboBox) -> str:
    """The stored value of the choice; typed text (an editable list) is kept as typed."""
    index = combo.findText(combo.currentText())
    if index >= 0 and combo.itemData(index) is not None:
        return combo.itemData(index)
    return combo.currentText()
