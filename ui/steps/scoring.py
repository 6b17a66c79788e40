"""Step 6 测评: each scorer's sheet with live validation, submit-and-lock, the panel matrix with
disagreement highlights, and the consensus round the 组长 runs on flagged items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain import workflow
from evaluator_app.domain.evaluation import Kind
from evaluator_app.domain.scoring import scorers
from evaluator_app.domain.sheet import PANEL_MEMBER
from evaluator_app.numbers import fmt

from .. import messages
from ..i18n import join, tr
from ..models import MatrixModel, ScoreSheetModel
from ..score_delegate import ScoreSheetDelegate
from ..widgets import Banner
from .base import StepPage


class ScoringPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.scorer = QComboBox()
        self.scorer.setObjectName("current_scorer")
        self.scorer.setAccessibleName(tr("当前评分人"))
        self.scorer.currentIndexChanged.connect(self.scorer_changed)
        self.progress = QProgressBar()
        self.progress.setFormat(tr("已评 %v / %m 项"))
        self.member_status = QLabel()
        self.submit_button = QPushButton(tr("提交并锁定计分表(&S)"))
        self.submit_button.setObjectName("submit_sheet")
        self.submit_button.clicked.connect(self.submit)
        self.validation = Banner()
        self.validation.setObjectName("score_validation")
        session.problem.connect(self.show_problem)

        self.sheet_model = ScoreSheetModel(session)
        self.sheet_model.revise_hook = self.revise
        self.sheet_model.dataChanged.connect(lambda *_: self.update_status())
        self.sheet_view = QTableView()
        self.sheet_view.setObjectName("score_sheet")
        self.sheet_view.setAccessibleName(tr("当前评分人的计分表"))
        self.sheet_view.setModel(self.sheet_model)
        self.sheet_view.setWordWrap(True)
        # Moving about the sheet opens no editor; typing, F2 or a double click does.
        triggers = QAbstractItemView.EditTrigger
        self.sheet_view.setEditTriggers(triggers.AnyKeyPressed | triggers.EditKeyPressed | triggers.DoubleClicked
                                        | triggers.SelectedClicked)
        header = self.sheet_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.sheet_view.setColumnWidth(3, 220)
        # As on a paper sheet: score, Tab, reason, Enter, the next item's score. A refused entry stays in its editor.
        self.sheet_delegate = ScoreSheetDelegate(self.sheet_model, self.sheet_view)
        self.sheet_view.setItemDelegate(self.sheet_delegate)
        self.sheet_delegate.moved.connect(self.move_after_edit)
        self.sheet_delegate.held.connect(lambda text: self.validation.show_messages([text], "warning"))

        self.matrix_model = MatrixModel(session)
        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("score_matrix")
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix_info = Banner()
        self.reopen_button = QPushButton(tr("发起协商：重新开放此项（组长）"))
        self.reopen_button.setObjectName("reopen_item")
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.accept_button = QPushButton(tr("保留分歧并说明理由（组长）"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.unsubmit_button = QPushButton(tr("退回计分表（组长）"))
        self.unsubmit_button.clicked.connect(self.unsubmit)

        sheet_tab = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("当前评分人：")))
        top.addWidget(self.scorer)
        top.addWidget(self.progress, 1)
        top.addWidget(self.member_status)
        if session.evaluation.kind is Kind.MIDTERM:
            self.not_due_button = QPushButton(tr("标记为未到期(&N)"))
            self.not_due_button.setObjectName("mark_not_due")
            self.not_due_button.clicked.connect(self.toggle_not_due)
            top.addWidget(self.not_due_button)
        top.addWidget(self.submit_button)
        sheet_layout = QVBoxLayout(sheet_tab)
        sheet_layout.addLayout(top)
        sheet_layout.addWidget(self.validation)
        sheet_layout.addWidget(self.sheet_view, 1)
        matrix_tab = QWidget()
        matrix_layout = QVBoxLayout(matrix_tab)
        matrix_layout.addWidget(self.matrix_info)
        matrix_layout.addWidget(self.matrix_view, 1)
        buttons = QHBoxLayout()
        for button in (self.reopen_button, self.accept_button, self.unsubmit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        matrix_layout.addLayout(buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(sheet_tab, tr("计分表"))
        self.tabs.addTab(matrix_tab, tr("评估组汇总矩阵"))
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    # -- display ------------------------------------------------------------------------------
    def refresh_body(self) -> None:
        current = self.scorer.currentData()
        self.scorer.blockSignals(True)
        self.scorer.clear()
        for scorer in scorers(self.session.evaluation):
            member = self.session.evaluation.member(scorer)
            self.scorer.addItem(member.name if member else tr("评估组（共识）"), scorer)
        index = self.scorer.findData(current) if current else 0
        self.scorer.setCurrentIndex(max(index, 0))
        self.scorer.blockSignals(False)
        self.sheet_model.set_member(self.scorer.currentData() or "")
        self.matrix_model.reload()
        self.update_status()

    def toggle_not_due(self) -> None:
        """中期评估: the selected item is not yet due (or is due again) for the current scorer."""
        index = self.sheet_view.currentIndex()
        member = self.scorer.currentData()
        items = self.sheet_model.items()
        if not index.isValid() or not member or index.row() >= len(items):
            messages.info(self, tr("请先选中一个项目"))
            return
        item = items[index.row()].code
        score = self.session.score_of(member, item)
        self.session.set_not_due(member, item, not (score is not None and score.na))
        self.sheet_model.reload()
        self.sheet_view.setCurrentIndex(self.sheet_model.index(index.row(), 2))

    def move_after_edit(self, index, key: int) -> None:
        """Where the cursor goes once a cell is saved: Tab from a score to its reason (editing), Enter to the
        next item's score (typing there starts editing), Shift+Tab back, Up and Down within the column."""
        row, column = index.row(), index.column()
        edit = key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if key == Qt.Key.Key_Tab:
            target = (row, 3) if column == 2 else (row + 1, 2)
        elif key == Qt.Key.Key_Backtab:
            target = (row, 2) if column == 3 else (row - 1, 3)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = (row + (1 if key == Qt.Key.Key_Down else -1), column)
        else:
            target = (row + 1, 2)
        missing = self.sheet_model.missing_note(row) if column == 2 and key != Qt.Key.Key_Tab else ""
        self.validation.show_messages([missing] if missing else [], "warning")
        cell = self.sheet_model.index(*target)
        if not cell.isValid():
            cell, edit = index, False
        self.sheet_view.setCurrentIndex(cell)
        self.sheet_view.scrollTo(cell)
        if edit and self.sheet_model.flags(cell) & Qt.ItemFlag.ItemIsEditable:
            self.sheet_view.edit(cell)

    def scorer_changed(self) -> None:
        """Another rater's sheet, at the same item: the row stays where it was on screen, and selected."""
        current = self.sheet_view.currentIndex()
        scroll = self.sheet_view.verticalScrollBar().value()
        self.sheet_model.set_member(self.scorer.currentData() or "")
        self.validation.show_messages([])
        self.update_status()
        if current.isValid() and current.row() < self.sheet_model.rowCount():
            cell = self.sheet_model.index(current.row(), current.column())
            self.sheet_view.verticalScrollBar().setValue(scroll)
            self.sheet_view.setCurrentIndex(cell)
            self.sheet_view.scrollTo(cell)

    def update_status(self) -> None:
        member = self.scorer.currentData()
        if not member:
            return
        summary = self.session.summary
        done, total = workflow.member_progress(self.session.evaluation, summary, member)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        submitted = self.session.workflow.submitted
        reopened = self.session.workflow.reopened.get(member, [])
        if member in submitted:
            if reopened:
                text = tr("已提交 {time}；协商中重新开放：{items}").format(time=submitted[member][11:16],
                                                                   items=join(reopened))
            else:
                text = tr("已提交 {time}").format(time=submitted[member][11:16])
        else:
            text = tr("小计 {score}").format(score=fmt(summary.members.get(member)))
        self.member_status.setText(text)
        self.submit_button.setEnabled(member not in submitted)
        flagged = workflow.open_disagreements(summary, self.session.workflow)
        accepted = self.session.workflow.accepted
        info = []
        if flagged:
            info.append(tr("评分分歧（极差超过满分的 {ratio}%）：{items}。"
                           "选中该行后由组长发起协商，成员修改须填写理由，原评分保留在记录中。").format(
                ratio=fmt(self.session.evaluation.sheet.disagreement_ratio * 100), items=join(flagged)))
        info += [tr("{item} 保留分歧：{reason}").format(item=code, reason=reason) for code, reason in accepted.items()]
        self.matrix_info.show_messages(info, "warning" if flagged else "info")
        self.matrix_model.reload()

    def dispose(self) -> None:
        try:
            self.session.problem.disconnect(self.show_problem)
        except (RuntimeError, TypeError):
            pass

    def show_problem(self, text: str) -> None:
        if self.isVisible():
            self.validation.show_messages([text], "error")

    # -- actions --------------------------------------------------------------------------------
    def submit(self) -> None:
        member = self.scorer.currentData()
        name = self.scorer.currentText()
        if not messages.ask(self, tr("提交 {name} 的计分表？提交后评分锁定，只有组长在协商中重新开放的项目可以修改。")
                            .format(name=name)):
            return
        if self.session.submit_sheet(member):
            self.validation.show_messages([tr("{name} 的计分表已提交并锁定").format(name=name)], "ok")

    def selected_item(self) -> str | None:
        rows = self.matrix_view.selectionModel().selectedRows()
        items = self.session.evaluation.sheet.items
        if rows and rows[0].row() < len(items):
            return items[rows[0].row()].code
        return None

    def reopen_selected(self, item: str | None = None) -> None:
        item = item or self.selected_item()
        if not item:
            messages.info(self, tr("请先在矩阵中选中一个项目"))
            return
        self.session.reopen_item(item)

    def accept_selected(self) -> None:
        item = self.selected_item()
        if not item:
            messages.info(self, tr("请先在矩阵中选中一个项目"))
            return
        reason = messages.ask_text(
            self, tr("{item} 协商后仍有分歧，保留各自评分的理由：").format(item=item), tr("保留分歧"))
        if reason:
            self.session.accept_disagreement(item, reason)

    def unsubmit(self) -> None:
        member = self.scorer.currentData()
        if member not in self.session.workflow.submitted:
            return
        reason = messages.ask_text(self, tr("退回 {name} 的计分表的理由：").format(name=self.scorer.currentText()),
                                   tr("退回计分表"))
        if reason:
            self.session.return_sheet(member, reason)

    def revise(self, member: str, item: str, value, note: str) -> bool:
        """A reopened item changes only with a reason; the original stays on record."""
        reason = messages.ask_text(self, tr("修改 {item} 的评分理由（原评分将保留在记录中）：").format(item=item),
                                   tr("协商修改"))
        if not reason:
            return False
        return self.session.revise_score(member, item, value, note, reason)


__all__ = ["ScoringPage", "PANEL_MEMBER", "Qt"]
