"""The main window: the start screen or one open evaluation, the File menu, window state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QStackedWidget, QWidget

from evaluator_app.errors import UserError
from evaluator_app.storage.store import EvaluationStore

from . import messages
from .evaluation_page import EvaluationPage
from .session import EvaluationSession
from .settings import AppSettings
from .start_page import NewEvaluationDialog, StartPage

APP_TITLE = "试点现场考核评估"


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.session: EvaluationSession | None = None
        self.page: EvaluationPage | None = None
        self.setWindowTitle(APP_TITLE)
        self.stack = QStackedWidget()
        self._start: StartPage | None = None  # built when first shown: opening a file skips it
        self.setCentralWidget(self.stack)
        self._build_menu()
        geometry = settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)

    @property
    def start(self) -> StartPage:
        if self._start is None:
            self._start = StartPage(self.settings.recent_files())
            self._start.openRequested.connect(self.open_file)
            self._start.newRequested.connect(self.new_evaluation)
            self._start.openFileRequested.connect(self.choose_and_open)
            self._start.importRequested.connect(self.import_exchange)
            self.stack.addWidget(self._start)
        return self._start

    def show_start(self) -> None:
        self.start.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.start)
        self.setWindowTitle(APP_TITLE)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        for text, shortcut, slot in (
                ("新建评估(&N)…", QKeySequence.StandardKey.New, self.new_evaluation),
                ("打开(&O)…", QKeySequence.StandardKey.Open, self.choose_and_open),
                ("导入交换文件(&I)…", QKeySequence("Ctrl+I"), self.import_exchange),
                ("关闭评估(&W)", QKeySequence.StandardKey.Close, self.close_evaluation),
                (None, None, None),
                ("退出(&Q)", QKeySequence("Ctrl+Q"), self.close)):
            if text is None:
                menu.addSeparator()
                continue
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            setattr(self, f"action_{slot.__name__}", action)
        settings_action = QAction("设置(&P)…", self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        menu.insertAction(menu.actions()[-2], settings_action)
        report = self.menuBar().addMenu("报告(&R)")
        handover = QAction("签字与报告(&H)…", self)
        handover.setShortcut(QKeySequence("Ctrl+R"))
        handover.triggered.connect(self.open_handover)
        report.addAction(handover)
        steps = self.menuBar().addMenu("步骤(&S)")
        for number in range(1, 9):
            action = QAction(f"第 {number} 步", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, n=number: self.page and self.page.go_to(n))
            steps.addAction(action)

    # -- opening ----------------------------------------------------------------------------------
    def open_file(self, path: str, step: int | None = None) -> bool:
        if not path:
            return False
        try:
            # The rotating backup is made once the window is up, then every ten minutes.
            store = EvaluationStore.open(path, actor=self.settings.member_identity or "本机", backup=False)
        except UserError as err:
            messages.error(self, f"{err}\n\n如文件已损坏，可在命令行运行 evaluator-app restore 文件名 从备份恢复。", "无法打开评估文件")
            return False
        if self.session is not None:
            self.close_evaluation()
        self.session = EvaluationSession(store, self)
        self.session.start_backups()
        self.session.problem.connect(self.show_problem)
        self.page = EvaluationPage(self.session)
        self.page.stepChanged.connect(lambda n: self.settings.set_last_step(str(store.path), n))
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.page.go_to(step or self.settings.last_step(str(store.path)))
        self.settings.add_recent(str(store.path))
        self.settings.set_open_file(str(store.path))
        self.setWindowTitle(f"{Path(path).name} — {APP_TITLE}")
        return True

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开评估文件", "", "评估文件 (*.sqlite *.evaluation *.db);;所有文件 (*)")
        if path:
            self.open_file(path)

    def new_evaluation(self, target: str | None = None, dialog: NewEvaluationDialog | None = None) -> bool:
        dialog = dialog or NewEvaluationDialog(self)
        if dialog.result() != NewEvaluationDialog.DialogCode.Accepted and not dialog.exec():
            return False
        evaluation = dialog.evaluation()
        if target is None:
            name = f"{evaluation.pilot.get('unit', '评估')}-{evaluation.evaluation_date}.sqlite"
            target, _ = QFileDialog.getSaveFileName(self, "保存评估文件", name, "评估文件 (*.sqlite)")
        if not target:
            return False
        try:
            EvaluationStore.create(target, evaluation, actor=self.settings.member_identity or "本机").close()
        except UserError as err:
            messages.error(self, str(err))
            return False
        return self.open_file(target, step=1)

    def import_exchange(self, source: str | None = None, target: str | None = None) -> bool:
        if source is None:
            source, _ = QFileDialog.getOpenFileName(self, "选择评估交换文件", "", "评估交换文件 (*.json)")
        if not source:
            return False
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "保存为评估文件", str(Path(source).with_suffix(".sqlite")),
                                                    "评估文件 (*.sqlite)")
        if not target:
            return False
        from evaluator_app.services.files import import_evaluation
        try:
            import_evaluation(source, target, actor=self.settings.member_identity or "import")
        except UserError as err:
            messages.error(self, str(err), "无法导入")
            return False
        return self.open_file(target)

    def close_evaluation(self, show_start: bool = True) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
            self.settings.set_open_file("")
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        if show_start:
            self.show_start()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        SettingsDialog(self.settings, self).exec()

    def open_handover(self):
        """签字与报告, non-modal: exports run in the background while the panel keeps working."""
        if self.session is None:
            messages.info(self, "请先打开一个评估")
            return None
        from .handover import HandoverDialog
        dialog = HandoverDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Flush any text still being typed, then close the file cleanly.
        focus = self.focusWidget()
        if focus is not None and hasattr(focus, "flush"):
            focus.flush()
        self.settings.set_geometry(self.saveGeometry())
        self.close_evaluation(show_start=False)
        self.settings.sync()
        event.accept()
