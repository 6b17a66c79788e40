"""Step 1 宣布: the panel (table, add/edit/remove, rule banner, 回避 declarations), the procedure and
agenda, a presentation view, and the sign-in sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import Kind, Member, MemberCategory, Recusal
from evaluator_app.domain.rules import panel_findings, required_standardization_experts

from .. import messages
from ..i18n import join, tr
from ..models import PanelModel
from ..widgets import AutoSaveText, Banner, heading
from .base import StepPage

DEFAULT_AGENDA = [
    ("09:00", "宣布评估组成员、评估程序及分工", "组长"),
    ("09:20", "听取试点单位工作汇报", "全体"),
    ("10:30", "查阅文件、记录、标准文本", "第一小组"),
    ("10:30", "考核现场、随机调查公众满意度", "第二小组"),
    ("14:30", "对照评估计分表测评", "全体"),
    ("16:00", "形成考核评估结论", "全体"),
    ("16:40", "向试点单位通报评估情况", "组长"),
]


class AnnouncePage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.model = PanelModel(session)
        self._fitting = False
        self.table = QTableView()
        self.table.setObjectName("panel_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # Columns are fitted to their contents when the panel changes (not on every layout pass: each pass
        # asks the model for every cell); the organisation takes what room is left and wraps onto a second
        # line when the columns need more (longer headers and terms in English), so every column stays in view.
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        # Rows follow the wrapping column only (the others size to their contents and never wrap).
        header.sectionResized.connect(lambda index, *_: index == 3 and not self._fitting
                                      and self.table.resizeRowsToContents())
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
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit_table()  # a hidden table is not fitted when the panel changes

    def fit_table(self) -> None:
        self._fitting = True  # each column fitted re-stretches the organisation: fit the rows once, after
        try:
            for column in range(self.model.columnCount()):
                if column != 3:  # the organisation stretches
                    self.table.resizeColumnToContents(column)
        finally:
            self._fitting = False
        self.table.resizeRowsToContents()

    def refresh_body(self) -> None:
        self.model.reload()
        if self.table.isVisible():
            self.fit_table()
        panel = self.session.evaluation.panel
        reinspection = self.session.evaluation.kind is Kind.REINSPECTION
        findings = panel_findings(panel, self.session.evaluation.kind)
        errors = [f.message for f in findings if f.blocking]
        cautions = [f.message for f in findings if not f.blocking]
        size = len(panel)
        experts = sum(1 for m in panel if m.category is MemberCategory.STANDARDIZATION)
        figures = {"size": size, "experts": experts, "required": required_standardization_experts(size)}
        undeclared = [m.name for m in panel if m.recusal is None]
        if reinspection:  # 第三十四条 names the composition but no ratio
            headline = tr("复查组 {size} 人，其中标准化专家 {experts} 名").format(**figures)
        elif errors:
            headline = tr("评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名）"
                          ).format(**figures)
        else:
            headline = tr("评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名），"
                          "符合第十九条要求").format(**figures)
        if errors:
            self.rule_banner.show_messages([headline, *errors], "error")
        elif undeclared or cautions:
            declared = [tr("尚未填写回避声明：{names}").format(names=join(undeclared))] if undeclared else []
            self.rule_banner.show_messages([headline, *cautions, *declared], "warning")
        else:
            self.rule_banner.show_messages([headline + tr("；回避声明已全部填写")], "ok")
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
        from .panel_dialogs import MemberDialog
        dialog = MemberDialog(None, self.next_member_id(), self)
        if dialog.exec():
            self.session.add_member(dialog.result_member())

    def edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        from .panel_dialogs import MemberDialog
        dialog = MemberDialog(member, member.id, self)
        if dialog.exec():
            self.session.update_member(dialog.result_member())

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
        from .panel_dialogs import RecusalDialog
        dialog = RecusalDialog(member, self)
        if dialog.exec():
            self.apply_declaration(member, dialog.recusal())

    def apply_declaration(self, member: Member, recusal: Recusal) -> None:
        if not self.session.declare_recusal(member.id, recusal.answers):
            return
        if recusal.conflict:
            messages.info(self, tr("{name} 须回避，不能参加评分。请选择“更换须回避成员”补充人员，更换将记入修改记录。")
                          .format(name=member.name))

    def replace_member(self) -> None:
        member = self.selected_member()
        if member is None or member.recusal is None or not member.recusal.conflict:
            messages.info(self, tr("请先选中一名回避声明为“须回避”的成员"))
            return
        from .panel_dialogs import MemberDialog, _select
        dialog = MemberDialog(None, self.next_member_id(), self)
        _select(dialog.category, member.category.value)
        _select(dialog.role, member.role.value)
        if dialog.exec():
            self.session.replace_member(member.id, dialog.result_member())

    # -- agenda -------------------------------------------------------------------------------------
    def agenda_entries(self) -> list[dict]:
        entries = []
        for row in range(self.agenda.rowCount()):
            cells = [self.agenda.item(row, col) for col in range(3)]
            entries.append({k: (c.text() if c else "") for k, c in zip(("time", "item", "who"), cells, strict=True)})
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


def default_procedure(session) -> str:
    return ("一、宣布评估组成员、评估程序及分工；\n二、听取试点单位工作汇报；\n"
            "三、查阅相应的文件、记录、标准文本等资料；\n四、考核现场；\n五、随机调查公众满意程度；\n六、对照评估计分表进行测评；\n七、形成考核评估结论；\n"
            "八、向试点单位通报评估情况，提出改进意见和建议。")
