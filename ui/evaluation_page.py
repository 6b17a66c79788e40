"""The evaluation window's content: header, the stepper of the kind's steps, and the step pages."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain import workflow
from evaluator_app.domain.evaluation import Kind
from evaluator_app.domain.rules import panel_findings
from evaluator_app.domain.steps import steps_for

from .i18n import tr
from .session import EvaluationSession
from .steps.base import StepPage
from .widgets import Banner, make_read_only, name_inputs

# Step key -> (module, class); a page is built, and its module imported, the first time it is shown.
PAGES = {"announce": ("announce", "AnnouncePage"), "report": ("report", "ReportPage"),
         "documents": ("checklist", "ChecklistPage"), "site": ("checklist", "ChecklistPage"),
         "survey": ("survey", "SurveyPage"), "scoring": ("scoring", "ScoringPage"),
         "conclusion": ("conclusion", "ConclusionPage"), "debrief": ("debrief", "DebriefPage")}
# 复查 step 2 申请材料评价 reviews the application files (第三十四条（二）), not the sheet's checklist.
REINSPECTION_PAGES = {"documents": ("application_review", "ApplicationReviewPage")}
SAVE_STATUS_WIDTH = 520  # pixels of the header the save state may take; the rest is in its tooltip
# In a member file: pages that hold only the leader's facts (shown read-only), and the leader's controls on the
# others (attributes of the page), turned off; the operations refuse them there whatever the window shows.
LEADER_PAGES = frozenset({"conclusion", "debrief"})
LEADER_CONTROLS = {"announce": ("add_button", "edit_button", "remove_button", "replace_button", "agenda"),
                   "scoring": ("reopen_button", "accept_button", "unsubmit_button")}
STATUS_COLOURS = {workflow.NOT_STARTED: "#777777", workflow.IN_PROGRESS: "#1a73e8", workflow.DONE: "#1b7a2f"}


class EvaluationPage(QWidget):
    stepChanged = Signal(int)

    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("evaluation_title")
        font = self.title.font()
        font.setPointSize(13)
        font.setBold(True)
        self.title.setFont(font)
        self.panel_status = QLabel()
        self.panel_status.setObjectName("panel_status")
        self.save_status = QLabel(tr("只读，不能修改") if session.read_only else tr("已保存"))
        self.save_status.setObjectName("save_status")
        if session.read_only:
            self.save_status.setStyleSheet("color:#8a1c1c; font-weight:bold;")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.panel_status)
        header.addSpacing(16)
        header.addWidget(self.save_status)

        self.stepper = QListWidget()
        self.stepper.setObjectName("stepper")
        self.stepper.setFixedWidth(250)
        self.stepper.setWordWrap(True)
        self.stepper.setSpacing(2)
        self.stepper.setAccessibleName(tr("评估步骤"))
        self.stack = QStackedWidget()
        self.steps = steps_for(session.evaluation.kind)
        self._pages: dict[int, StepPage] = {}
        self._member_defaults: set[StepPage] = set()  # member file: pages shown the member's own data once
        for _ in self.steps:
            self.stepper.addItem(QListWidgetItem())
        self.stepper.currentRowChanged.connect(self.show_step)
        body = QHBoxLayout()
        body.addWidget(self.stepper)
        body.addWidget(self.stack, 1)
        self.member_banner = Banner()
        self.member_banner.setObjectName("member_file_banner")
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.member_banner)
        layout.addLayout(body, 1)

        for number in range(1, len(self.steps) + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.go_to(n))
        session.changed.connect(self.on_changed)
        session.saveStateChanged.connect(self.on_save_state)
        self.refresh_header()
        self.refresh_stepper()

    def dispose(self) -> None:
        """Stop listening to the session before the page is taken down (closing, or a language change)."""
        for signal, slot in ((self.session.changed, self.on_changed),
                             (self.session.saveStateChanged, self.on_save_state)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        for page in self._pages.values():
            page.dispose()

    # -- navigation ----------------------------------------------------------------------------
    def step_page(self, number: int) -> StepPage:
        """The page of a step, built on first use."""
        page = self._pages.get(number)
        if page is None:
            import importlib
            step = self.steps[number - 1]
            pages = {**PAGES, **REINSPECTION_PAGES} if self.session.evaluation.kind is Kind.REINSPECTION else PAGES
            module_name, class_name = pages[step.key]
            module = importlib.import_module(f"ui.steps.{module_name}")
            page = getattr(module, class_name)(self.session, step)
            self._pages[number] = page
            self.stack.addWidget(page)
        return page

    def go_to(self, number: int) -> None:
        if 1 <= number <= len(self.steps):
            self.stepper.setCurrentRow(number - 1)

    def current_step(self) -> int:
        return self.stepper.currentRow() + 1

    def show_step(self, row: int) -> None:
        if 0 <= row < len(self.steps):
            first_time = (row + 1) not in self._pages
            page = self.step_page(row + 1)
            self.stack.setCurrentWidget(page)
            page.refresh()
            self.guard_read_only(page)
            if first_time:  # once the page shows its content, off the path of the first paint
                from PySide6.QtCore import QTimer
                QTimer.singleShot(0, lambda: name_inputs(page))
            self.stepChanged.emit(row + 1)

    # -- refreshing -----------------------------------------------------------------------------
    def on_changed(self, what: str) -> None:
        self.refresh_header()
        self.refresh_stepper()
        page = self.stack.currentWidget()
        if isinstance(page, StepPage):
            if what != "score":
                page.refresh()
            elif hasattr(page, "update_status"):
                page.update_status()
            self.guard_read_only(page)

    def guard_read_only(self, page: StepPage) -> None:
        """A file opened read-only: the step page shows everything and takes no edit. A member file: the
        leader's pages are read-only, and the leader's controls and the step marks are off."""
        if self.session.store.read_only:
            make_read_only(page)
        elif self.session.member_file:
            if page.step.key in LEADER_PAGES:
                make_read_only(page)
            for name in LEADER_CONTROLS.get(page.step.key, ()):
                control = getattr(page, name, None)
                if control is None:
                    continue
                if hasattr(control, "setEditTriggers"):
                    control.setEditTriggers(control.EditTrigger.NoEditTriggers)
                else:
                    control.setEnabled(False)
                control.setToolTip(tr("成员文件中由组长在组长的评估文件中填写"))
            scorer = getattr(page, "scorer", None) if page.step.key == "scoring" else None
            if scorer is not None and page not in self._member_defaults:  # their own sheet first
                self._member_defaults.add(page)
                scorer.setCurrentIndex(max(scorer.findData(self.session.bound_member), 0))
            collector = getattr(page, "collector", None) if page.step.key == "survey" else None
            if collector is not None:  # the samples collected on this laptop are the member's
                collector.setCurrentIndex(max(collector.findData(self.session.bound_member), 0))
                collector.setEnabled(False)
            page.finish_button.setEnabled(False)
            page.finish_button.setToolTip(tr("步骤的开始与完成由组长在组长的评估文件中记录"))

    def refresh_header(self) -> None:
        ev = self.session.evaluation
        if self.session.member_file:
            name = self.session.bound_member_name
            self.member_banner.show_messages([tr(
                "这是{name}的成员文件。在这里只能填写{name}本人的回避声明、评分与扣分理由、计分表的提交与签字，"
                "以及本人采集的满意度样本和记录的核查结果、问题与附件；评估组、日程、否决项、加分项、结论与综述"
                "由组长填写，这里只读。完成后请用 文件 › 交回评估数据… 交给组长。").format(name=name)], "info")
        else:
            self.member_banner.show_messages([])
        title = tr("{pilot} · {kind}（暂定计分表）") if ev.sheet.provisional else tr("{pilot} · {kind}")
        self.title.setText(title.format(pilot=ev.pilot.get("name", ""), kind=tr(ev.kind.value)))
        blocking = [f for f in panel_findings(ev.panel, ev.kind) if f.blocking]
        if self.session.store.locked:
            self.panel_status.setText(tr("已全体签字并锁定（只读）"))
            self.panel_status.setStyleSheet("color:#0d3c84; font-weight:bold;")
        elif blocking:
            self.panel_status.setText(tr("评估组 {n} 人 · 不符合要求").format(n=len(ev.panel)))
            self.panel_status.setStyleSheet("color:#8a1c1c;")
        else:
            self.panel_status.setText(tr("评估组 {n} 人 · 符合要求").format(n=len(ev.panel)))
            self.panel_status.setStyleSheet("color:#1b5e20;")

    def refresh_stepper(self) -> None:
        metrics = QFontMetrics(self.stepper.font())
        width = self.stepper.width() - 2 * self.stepper.frameWidth() - 20  # the scroll bar may show
        for row, state in enumerate(self.session.step_states()):
            item = self.stepper.item(row)
            detail = tr(state.status)
            if state.started_at:
                detail += f" {state.started_at[11:16]}"
            if state.finished_at:
                detail += f"–{state.finished_at[11:16]}"
            if state.blockers:
                blocker = state.blockers[0][:15] + ("…" if len(state.blockers[0]) > 15 else "")
                detail += "\n" + tr("需先：{blocker}").format(blocker=blocker)
            text = f"{state.step.number}. {tr(state.step.short or state.step.title)}\n{detail}"
            item.setText(text)
            item.setForeground(QColor(STATUS_COLOURS.get(state.status, "#333333")))
            item.setToolTip("\n".join(state.blockers + state.notices))
            # As tall as the text needs: English titles can wrap where the Chinese ones do not.
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            item.setSizeHint(QSize(230, max(needed + 10, 66 if state.blockers else 46)))

    def on_save_state(self, state: str, message: str) -> None:
        """The save state in the header, shortened to fit; the whole message in its tooltip."""
        metrics = QFontMetrics(self.save_status.font())
        self.save_status.setText(metrics.elidedText(message, Qt.TextElideMode.ElideMiddle, SAVE_STATUS_WIDTH))
        self.save_status.setToolTip(message)
        colours = {"failed": "color:#8a1c1c; font-weight:bold;", "busy": "color:#0d3c84;"}
        self.save_status.setStyleSheet(colours.get(state, "color:#1b5e20;"))


__all__ = ["EvaluationPage", "Qt"]
