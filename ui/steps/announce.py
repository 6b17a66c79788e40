"""Step 1 宣布: the panel (table, add/edit/remove, rule banner, 回避 declarations), the procedure and
agenda, a presentation view, and the sign-in sheet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSpinBox, QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import (
    RECUSAL_QUESTIONS, Member, MemberCategory, Recusal, Role, Selection,
)
from evaluator_app.domain.rules import panel_findings, required_standardization_experts

from .. import messages
from ..i18n import N_, join, tr
from ..models import PanelModel
from ..widgets import AutoSaveText, Banner, heading
from .base import StepPage

EDUCATIONS = ("", N_("博士"), N_("硕士"), N_("本科"), N_("大专"), N_("其他"))
DEFAULT_AGENDA = [
    ("09:00", "宣布评估组成员、评估程序及分工", "组长"),
    ("09:20", "听取试点单位工作汇报", "全体"),
    ("10:30", "查阅文件、记录、标准文本", "第一小组"),
    ("10:30", "考核现场、随机调查公众满意度", "第二小组"),
    ("14:30", "对照评估计分表测评", "全体"),
    ("16:00", "形成考核评估结论", "全体"),
    ("16:40", "向试点单位通报评估情况", "组长"),
]


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
        for label, widget in ((tr("姓名*"), self.name), (tr("类别*"), self.category), (tr("角色*"), self.role),
                              (tr("单位"), self.org), (tr("职务/职称"), self.title), (tr("电话"), self.phone),
                              (tr("学历"), self.education), ("", self.senior), (tr("从事标准化或相关工作"), self.years),
                              (tr("选取方式"), self.selection), (tr("选取记录"), self.record)):
            form.addRow(label, widget)
        self.error = Banner()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确认声明"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def recusal(self) -> Recusal:
        return Recusal({k: box.isChecked() for k, box in self.boxes.items()},
                       dt.datetime.now().astimezone().isoformat(timespec="seconds"))


class AnnouncePage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.model = PanelModel(session)
        self.table = QTableView()
        self.table.setObjectName("panel_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The organisation takes what room is left and wraps onto a second line when the columns need more
        # (longer headers and terms in English), so every column stays in view.
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(lambda _: self.edit_member())
        self.rule_banner = Banner()
        self.rule_banner.setObjectName("panel_rule_banner")
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("添加成员(&A)"))
        self.edit_button = QPushButton(tr("编辑(&E)"))
        self.remove_button = QPushButton(tr("移除(&R)"))
        self.recusal_button = QPushButton(tr("回避声明(&D)…"))
        self.replace_button = QPushButton(tr("更换须回避成员…"))
        self.present_button = QPushButton(tr("演示模式(&P)"))
        self.signin_button = QPushButton(tr("打印签到表…"))
        for button, slot in ((self.add_button, self.add_member), (self.edit_button, self.edit_member),
                             (self.remove_button, self.remove_member), (self.recusal_button, self.declare),
                             (self.replace_button, self.replace_member), (self.present_button, self.present),
                             (self.signin_button, self.print_signin)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.procedure = AutoSaveText(tr("评估程序、分工与注意事项（宣布时展示）"))
        self.procedure.save.connect(lambda text: session.set_step_data("announce", {"procedure": text}))
        self.agenda = QTableWidget(0, 3)
        self.agenda.setObjectName("agenda_table")
        self.agenda.setHorizontalHeaderLabels([tr("时间"), tr("内容"), tr("负责人 / 小组")])
        self.agenda.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.agenda.itemChanged.connect(self.save_agenda)
        agenda_buttons = QHBoxLayout()
        add_row = QPushButton(tr("添加日程"))
        add_row.clicked.connect(self.add_agenda_row)
        del_row = QPushButton(tr("删除日程"))
        del_row.clicked.connect(self.delete_agenda_row)
        agenda_buttons.addWidget(add_row)
        agenda_buttons.addWidget(del_row)
        agenda_buttons.addStretch(1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading(tr("评估组成员")))
        top_layout.addWidget(self.rule_banner)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(heading(tr("评估程序与分工")))
        left.addWidget(self.procedure)
        right = QVBoxLayout()
        right.addWidget(heading(tr("日程安排")))
        right.addWidget(self.agenda)
        right.addLayout(agenda_buttons)
        bottom_layout.addLayout(left, 1)
        bottom_layout.addLayout(right, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([320, 200])
        QVBoxLayout(self.body).addWidget(splitter)
        self.body.layout().setContentsMargins(0, 0, 0, 0)

    # -- display ----------------------------------------------------------------------------
    def refresh_body(self) -> None:
        self.model.reload()
        self.table.resizeRowsToContents()
        panel = self.session.evaluation.panel
        findings = panel_findings(panel)
        errors = [f.message for f in findings if f.blocking]
        size = len(panel)
        experts = sum(1 for m in panel if m.category is MemberCategory.STANDARDIZATION)
        figures = {"size": size, "experts": experts, "required": required_standardization_experts(size)}
        undeclared = [m.name for m in panel if m.recusal is None]
        if errors:
            headline = tr("评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名）")
            self.rule_banner.show_messages([headline.format(**figures), *errors], "error")
        elif undeclared:
            headline = tr("评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名），"
                          "符合第十九条要求")
            self.rule_banner.show_messages([headline.format(**figures),
                                            tr("尚未填写回避声明：{names}").format(names=join(undeclared))],
                                           "warning")
        else:
            headline = tr("评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名），"
                          "符合第十九条要求；回避声明已全部填写")
            self.rule_banner.show_messages([headline.format(**figures)], "ok")
        data = self.session.step_data("announce")
        self.procedure.set_saved_text(data.get("procedure", default_procedure(self.session)))
        agenda = data.get("agenda")
        if agenda is None:
            agenda = [{"time": t, "item": i, "who": w} for t, i, w in DEFAULT_AGENDA]
        self.agenda.blockSignals(True)
        self.agenda.setRowCount(len(agenda))
        for row, entry in enumerate(agenda):
            for col, key in enumerate(("time", "item", "who")):
                self.agenda.setItem(row, col, QTableWidgetItem(entry.get(key, "")))
        self.agenda.blockSignals(False)

    def finish_problems(self) -> list[str]:
        panel = self.session.evaluation.panel
        problems = [f.message for f in panel_findings(panel) if f.blocking]
        problems += [tr("{name} 尚未填写回避声明").format(name=m.name) for m in panel if m.recusal is None]
        return problems

    # -- panel actions --------------------------------------------------------------------------
    def selected_member(self) -> Member | None:
        rows = self.table.selectionModel().selectedRows()
        panel = self.session.evaluation.panel
        return panel[rows[0].row()] if rows and rows[0].row() < len(panel) else None

    def next_member_id(self) -> str:
        used = {m.id for m in self.session.evaluation.panel}
        number = len(used) + 1
        while f"e{number}" in used:
            number += 1
        return f"e{number}"

    def add_member(self) -> None:
        dialog = MemberDialog(None, self.next_member_id(), self)
        if dialog.exec():
            self.session.save_member(dialog.result_member())

    def edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        dialog = MemberDialog(member, member.id, self)
        if dialog.exec():
            self.session.save_member(dialog.result_member())

    def remove_member(self) -> None:
        member = self.selected_member()
        if member and messages.ask(self, tr("从评估组移除 {name}？其评分也将一并删除（修改记录中保留）。")
                                   .format(name=member.name)):
            self.session.remove_member(member.id, "从评估组移除")

    def declare(self) -> None:
        member = self.selected_member()
        if member is None:
            messages.info(self, tr("请先在表格中选中一名成员"))
            return
        dialog = RecusalDialog(member, self)
        if dialog.exec():
            self.apply_declaration(member, dialog.recusal())

    def apply_declaration(self, member: Member, recusal: Recusal) -> None:
        from dataclasses import replace
        self.session.save_member(replace(member, recusal=recusal))
        if recusal.conflict:
            messages.info(self, tr("{name} 须回避，不能参加评分。请选择“更换须回避成员”补充人员，更换将记入修改记录。")
                          .format(name=member.name))

    def replace_member(self) -> None:
        member = self.selected_member()
        if member is None or member.recusal is None or not member.recusal.conflict:
            messages.info(self, tr("请先选中一名回避声明为“须回避”的成员"))
            return
        dialog = MemberDialog(None, self.next_member_id(), self)
        _select(dialog.category, member.category.value)
        _select(dialog.role, member.role.value)
        if dialog.exec():
            from dataclasses import replace
            replacement = replace(dialog.result_member(), replaces=member.id)
            if self.session.save_member(replacement):
                self.session.remove_member(member.id, f"回避，由 {replacement.name} 替换")

    # -- agenda -------------------------------------------------------------------------------------
    def agenda_entries(self) -> list[dict]:
        entries = []
        for row in range(self.agenda.rowCount()):
            cells = [self.agenda.item(row, col) for col in range(3)]
            entries.append({k: (c.text() if c else "") for k, c in zip(("time", "item", "who"), cells)})
        return entries

    def save_agenda(self, *_: object) -> None:
        self.session.set_step_data("announce", {"agenda": self.agenda_entries()})

    def add_agenda_row(self) -> None:
        entries = self.agenda_entries() + [{"time": "", "item": "", "who": ""}]
        self.session.set_step_data("announce", {"agenda": entries})

    def delete_agenda_row(self) -> None:
        row = self.agenda.currentRow()
        if row >= 0:
            entries = self.agenda_entries()
            del entries[row]
            self.session.set_step_data("announce", {"agenda": entries})

    # -- presentation and sign-in ---------------------------------------------------------------------
    def present(self) -> None:
        from ..presentation import PresentationView, announce_slides
        PresentationView(announce_slides(self.session), self).show_presentation()

    def print_signin(self) -> None:
        from ..export import export_signin_sheet
        export_signin_sheet(self, self.session)


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


def default_procedure(session) -> str:
    return ("一、宣布评估组成员、评估程序及分工；\n二、听取试点单位工作汇报；\n三、查阅相应的文件、记录、标准文本等资料；\n"
            "四、考核现场；\n五、随机调查公众满意程度；\n六、对照评估计分表进行测评；\n七、形成考核评估结论；\n"
            "八、向试点单位通报评估情况，提出改进意见和建议。")
