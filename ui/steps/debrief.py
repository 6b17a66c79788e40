"""Step 8 通报: the debrief in presentation mode, and its record (time, the unit's attendees, its response)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from ..i18n import tr
from ..widgets import AutoSaveText, heading
from .base import StepPage


class DebriefPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        self.time = QLineEdit()
        self.time.setObjectName("debrief_time")
        self.time.setPlaceholderText(tr("例如 2025-11-20 16:40"))
        self.time.editingFinished.connect(lambda: self.save("time", self.time.text().strip()))
        now = QPushButton(tr("填入当前时间"))
        now.clicked.connect(self.fill_now)
        self.attendees = AutoSaveText(tr("试点单位参加人员（姓名、职务）"))
        self.attendees.setObjectName("debrief_attendees")
        self.attendees.save.connect(lambda text: self.save("attendees", text))
        self.response = AutoSaveText(tr("试点单位的意见与表态"))
        self.response.setObjectName("debrief_response")
        self.response.save.connect(lambda text: self.save("response", text))
        present = QPushButton(tr("通报演示(&P)"))
        present.clicked.connect(self.present)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time, 1)
        time_row.addWidget(now)
        form = QFormLayout()
        form.addRow(tr("通报时间"), time_row)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(present)
        layout.addLayout(form)
        layout.addWidget(heading(tr("试点单位参加人员"), 12))
        layout.addWidget(self.attendees, 1)
        layout.addWidget(heading(tr("试点单位意见"), 12))
        layout.addWidget(self.response, 1)

    def save(self, key: str, value: str) -> None:
        self.session.set_step_data("debrief", {key: value})

    def fill_now(self) -> None:
        self.time.setText(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
        self.save("time", self.time.text())

    def refresh_body(self) -> None:
        data = self.session.step_data("debrief")
        if not self.time.hasFocus():
            self.time.setText(data.get("time", ""))
        self.attendees.set_saved_text(data.get("attendees", ""))
        self.response.set_saved_text(data.get("response", ""))

    def present(self) -> None:
        from ..presentation import PresentationView, debrief_slides
        PresentationView(debrief_slides(self.session), self).show_presentation()
