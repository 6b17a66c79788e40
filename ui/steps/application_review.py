"""复查 step 2 申请材料评价 (第三十四条（二）): the unit's 复查自检报告 (附件4) and 复查申请表 (附件5),
kept in the evaluation file, and the panel's assessment of them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from evaluator_app.domain.workflow import APPLICATION_FILE_FORMS, APPLICATION_FILES

from ..i18n import tr
from ..widgets import AutoSaveText, heading
from .base import StepPage
from .report import AttachmentList


class ApplicationReviewPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        kinds = APPLICATION_FILES[session.evaluation.kind]
        self.files = AttachmentList(session, step.number, (*kinds, "其他资料"))
        self.files.setObjectName("application_files")
        forms = "、".join(tr("{kind}（{form}）").format(kind=tr(kind), form=APPLICATION_FILE_FORMS[kind])
                         for kind in kinds if kind in APPLICATION_FILE_FORMS)
        self.assessment = AutoSaveText(tr("对申请材料的评价：是否齐全、真实，自检结果是否可信，需现场核实的事项"))
        self.assessment.setObjectName("application_assessment")
        self.assessment.setAccessibleName(tr("申请材料评价意见"))
        self.assessment.save.connect(lambda text: self.session.set_step_data(self.step.key, {"assessment": text}))
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("试点单位提交的复查申请材料（第三十二条：{forms}）").format(forms=forms)))
        layout.addWidget(QLabel(tr("复制进评估文件，记录 SHA-256；报送包中一并提交。")))
        layout.addWidget(self.files, 1)
        layout.addWidget(heading(tr("申请材料评价意见")))
        layout.addWidget(self.assessment, 1)

    def refresh_body(self) -> None:
        self.assessment.set_saved_text(self.session.step_data(self.step.key).get("assessment", ""))
        self.files.refresh()


__all__ = ["ApplicationReviewPage"]
