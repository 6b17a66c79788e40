"""Small exports started from a step page (the sign-in sheet), written where the user chooses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from evaluator_app.errors import UserError

from . import messages
from .i18n import tr


def export_signin_sheet(parent: QWidget, session, target: str | None = None) -> bool:
    from evaluator_app.reports.signin import write_signin_pdf

    if target is None:
        target, _ = QFileDialog.getSaveFileName(parent, tr("保存签到表"), str(Path.home() / "签到表.pdf"),
                                                "PDF (*.pdf)")
    if not target:
        return False
    try:
        write_signin_pdf(session.evaluation, target)
    except UserError as err:
        messages.error(parent, str(err))
        return False
    messages.info(parent, tr("已生成签到表：{file}（打印后由成员手签）").format(file=target))
    return True
