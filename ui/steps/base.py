"""What every step page shares: the gating banner, the notices, and the finish button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from evaluator_app.domain.steps import Step
from evaluator_app.services import workflow

from ..session import EvaluationSession
from ..widgets import Banner, heading


class StepPage(QWidget):
    def __init__(self, session: EvaluationSession, step: Step, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.step = step
        self.title = heading(f"第{step.number}步　{step.title}", 14)
        self.article = QLabel(f"依据：《细则》{step.article}")
        self.article.setStyleSheet("color:#666;")
        self.blockers = Banner()
        self.notices = Banner()
        self.body = QWidget()
        self.finish_button = QPushButton("完成此步骤")
        self.finish_button.setObjectName(f"finish_step_{step.number}")
        self.finish_button.clicked.connect(self.finish)
        self.status_label = QLabel()
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        if step.key in ("conclusion", "debrief"):
            handover = QPushButton("签字与报告(Ctrl+R)…")
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
        self.blockers.show_messages([f"暂不能进行：{b}" for b in state.blockers], "error")
        self.notices.show_messages(state.notices, "warning")
        self.body.setEnabled(not state.blocked)
        times = " · ".join(t for t in (f"开始 {state.started_at[11:16]}" if state.started_at else "",
                                        f"完成 {state.finished_at[11:16]}" if state.finished_at else "") if t)
        self.status_label.setText(f"状态：{state.status}{'　' + times if times else ''}")
        done = state.status == workflow.DONE
        self.finish_button.setText("重新打开此步骤" if done else "完成此步骤")
        self.finish_button.setEnabled(not state.blocked)
        self.refresh_body()

    def refresh_body(self) -> None:
        pass

    def finish_problems(self) -> list[str]:
        """What stops this step from being marked finished (beyond its blockers)."""
        return []

    def finish(self) -> None:
        from .. import messages
        state = self.state()
        if state.status == workflow.DONE:
            self.session.set_step(self.step.number, workflow.IN_PROGRESS)
            return
        problems = state.blockers + self.finish_problems()
        if problems:
            messages.error(self, "此步骤还不能完成：\n" + "\n".join(problems))
            return
        if state.notices and not messages.ask(self, "以下情况将记录在案：\n" + "\n".join(state.notices) + "\n\n确认完成此步骤？"):
            return
        self.session.set_step(self.step.number, workflow.DONE)

    def showEvent(self, event) -> None:  # noqa: N802
        self.session.mark_started(self.step.key) if not self.state().blocked else None
        super().showEvent(event)
