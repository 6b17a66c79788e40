"""What every step page shares: the gating banner, the notices, and the finish button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from evaluator_app.domain import workflow
from evaluator_app.domain.steps import Step

from ..i18n import tr
from ..session import EvaluationSession
from ..widgets import Banner, heading


class StepPage(QWidget):
    def __init__(self, session: EvaluationSession, step: Step, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.step = step
        self.title = heading(tr("第{n}步　{title}").format(n=step.number, title=tr(step.title)), 14)
        self.title.setObjectName("step_title")
        self.title.setWordWrap(True)
        self.article = QLabel(tr("依据：《细则》{article}").format(article=tr(step.article)))
        self.article.setStyleSheet("color:#666;")
        self.blockers = Banner()
        self.notices = Banner()
        self.body = QWidget()
        self.finish_button = QPushButton(tr("完成此步骤"))
        self.finish_button.setObjectName(f"finish_step_{step.number}")
        self.finish_button.clicked.connect(self.finish)
        self.status_label = QLabel()
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        if step.key in ("conclusion", "debrief"):
            handover = QPushButton(tr("签字与报告(Ctrl+R)…"))
            handover.clicked.connect(lambda: self.window().open_handover())
            footer.addWidget(handover)
        footer.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.article)
        layout.addWidget(self.blockers)
        layout.addWidget(self.notices)
        layout.addWidget(self.body, 1)
        layout.addLayout(footer)

    def state(self) -> workflow.StepState:
        return next(s for s in self.session.step_states() if s.step.number == self.step.number)

    def refresh(self) -> None:
        """Re-read what the page shows from the session; subclasses extend `refresh_body`."""
        state = self.state()
        self.blockers.show_messages([tr("暂不能进行：{reason}").format(reason=b) for b in state.blockers], "error")
        self.notices.show_messages(state.notices, "warning")
        self.body.setEnabled(not state.blocked)
        times = " · ".join(t for t in (
            tr("开始 {time}").format(time=state.started_at[11:16]) if state.started_at else "",
            tr("完成 {time}").format(time=state.finished_at[11:16]) if state.finished_at else "") if t)
        status = tr("状态：{status}").format(status=tr(state.status))
        self.status_label.setText(f"{status}　{times}" if times else status)
        done = state.status == workflow.DONE
        self.finish_button.setText(tr("重新打开此步骤") if done else tr("完成此步骤"))
        self.finish_button.setEnabled(not state.blocked)
        self.refresh_body()

    def refresh_body(self) -> None:
        pass

    def dispose(self) -> None:
        """Disconnect from the session before the page is taken down; pages that listen to it extend this."""

    def finish(self) -> None:
        """Finish the step (the operation says what is still missing), or work on a finished one again."""
        from .. import messages
        state = self.state()
        if state.status == workflow.DONE:
            self.session.reopen_step(self.step.key)
            return
        if state.notices and not state.blockers and not messages.ask(
                self, tr("以下情况将记录在案：\n{notices}\n\n确认完成此步骤？").format(
                    notices="\n".join(state.notices))):
            return
        with self.session.problems_heard() as problems:
            self.session.finish_step(self.step.key)
        if problems:
            messages.error(self, "\n".join(problems))

    def showEvent(self, event) -> None:  # noqa: N802
        self.session.mark_started(self.step.key) if not self.state().blocked else None
        super().showEvent(event)
