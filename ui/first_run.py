"""The first start: a short tour of the eight steps, and the offer to open a fully worked demo evaluation."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from evaluator_app.domain.steps import ON_SITE_STEPS

from . import messages
from .i18n import tr


def tour() -> list[str]:
    return [tr("本程序按《社会管理和公共服务综合标准化试点细则（试行）》第二十一条，引导评估组在现场完成八个步骤："),
            *(f"{step.number}. {tr(step.title)}" for step in ON_SITE_STEPS),
            tr("每次修改都立即保存到评估文件中；评估文件可拷贝到 U 盘。"
               "全部成员签字后评估锁定，可导出签章的评估报告与报送包。"),
            tr("左侧步骤栏显示每一步的状态与尚未满足的条件；Alt+数字键可直接跳到对应步骤，Ctrl+R 打开“签字与报告”。")]


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("欢迎使用"))
        layout = QVBoxLayout(self)
        text = QLabel("\n".join(tour()))
        text.setWordWrap(True)
        # A wrapped label only gets its full height with a width to wrap at: the whole tour stays readable.
        text.setMinimumWidth(640)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        self.demo_button = buttons.addButton(tr("打开示例评估"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("开始使用"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def open_demo(window) -> bool:
    """Build the demo into the data folder (once, on a worker thread while the window says so) and open it.
    True when the demo opened at once or is being built (it opens when done)."""
    from evaluator_app import paths
    from evaluator_app.services.handover import build_demo

    from . import tasks

    folder = paths.data_dir() / "demo"
    evaluation = folder / "demo-evaluation.sqlite"
    if evaluation.exists():
        return window.open_file(str(evaluation))
    window.statusBar().showMessage(tr("正在生成示例评估（签字、报告、Excel 和报送包），约需几秒…"))

    def done(_result: object) -> None:
        window.statusBar().clearMessage()
        window.open_file(str(evaluation))

    def failed(message: str) -> None:
        window.statusBar().clearMessage()
        messages.error(window, message)

    window.demo_task = tasks.start(lambda _progress: build_demo(folder), done, failed)
    return True


def maybe_first_run(window, dialog: FirstRunDialog | None = None) -> None:
    settings = window.settings
    if settings.first_run_done:
        return
    settings.first_run_done = True
    settings.sync()
    if dialog is None:
        if not messages.interactive:
            return
        dialog = FirstRunDialog(window)
        if not dialog.exec():
            return
    open_demo(window)
