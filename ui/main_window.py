"""The main window: the start screen or one open evaluation, the File menu, window state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from evaluator_app.errors import CorruptFileError, FileInUseError, UserError
from evaluator_app.storage.store import EvaluationStore

from . import i18n, messages
from .evaluation_page import EvaluationPage
from .i18n import N_, tr
from .session import EvaluationSession
from .settings import AppSettings

APP_TITLE = N_("试点现场考核评估")
# The full check of a file opened read-only waits until the window is up (it runs on a worker thread;
# a writable file's first backup is checked instead).
INTEGRITY_CHECK_DELAY_MS = 2000
# Lines of a restore plan shown in the window; the command line prints them all.
RESTORE_PLAN_LINES = 25
# The language menu reads the same in both languages.
LANGUAGE_MENU = "语言 / Language"


def _same_file(a, b) -> bool:
    import os
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.session: EvaluationSession | None = None
        self.page: EvaluationPage | None = None
        i18n.ensure_language(settings.language)
        self.setWindowTitle(tr(APP_TITLE))
        self.stack = QStackedWidget()
        self._start = None  # built when first shown: opening a file skips it
        self.setCentralWidget(self.stack)
        self._menu_actions: list[QAction] = []
        self._build_menu()
        geometry = settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)

    @property
    def start(self):
        """The start page, built the first time it is shown (opening a file directly skips it)."""
        if self._start is None:
            from .start_page import StartPage
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
        self.setWindowTitle(tr(APP_TITLE))

    def _build_menu(self) -> None:
        """The menu bar in the current language; rebuilt from scratch when the language changes."""
        for action in self._menu_actions:  # the previous language's actions: their shortcuts go with them
            action.setShortcut(QKeySequence())
            action.deleteLater()
        self._menu_actions = []
        bar = self.menuBar()
        for old in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if old.inherits("QMenu"):
                old.deleteLater()
        bar.clear()

        def add(menu, text: str, shortcut, slot) -> QAction:
            action = QAction(text, self)
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)  # every binding of the platform (关闭: Ctrl+W and Ctrl+F4)
            else:
                action.setShortcut(shortcut)
            # `triggered` passes `checked`; the handlers take their own optional arguments instead.
            action.triggered.connect(lambda _checked=False, act=slot: act())
            menu.addAction(action)
            self._menu_actions.append(action)
            return action

        menu = bar.addMenu(tr("文件(&F)"))
        for text, shortcut, slot in (
                (tr("新建评估(&N)…"), QKeySequence.StandardKey.New, self.new_evaluation),
                (tr("打开(&O)…"), QKeySequence.StandardKey.Open, self.choose_and_open),
                (tr("导入交换文件(&I)…"), QKeySequence("Ctrl+I"), self.import_exchange),
                (tr("关闭评估(&W)"), QKeySequence.StandardKey.Close, self.close_evaluation)):
            setattr(self, f"action_{slot.__name__}", add(menu, text, shortcut, slot))
        self.action_copy_to_usb = add(menu, tr("复制到U盘(&U)…"), QKeySequence(), self.copy_to_usb)
        menu.addSeparator()
        self.action_distribute = add(menu, tr("分发给成员(&D)…"), QKeySequence(), self.distribute)
        self.action_return_data = add(menu, tr("交回评估数据(&B)…"), QKeySequence(), self.return_data)
        self.action_member_workbook = add(menu, tr("导出个人计分表(&X)…"), QKeySequence(), self.export_member_workbook)
        self.action_merge = add(menu, tr("合并(&M)…"), QKeySequence(), self.merge_files)
        self.action_conflicts = add(menu, tr("合并冲突(&C)…"), QKeySequence(), self.open_conflicts)
        self.action_members = add(menu, tr("成员与数据来源(&L)…"), QKeySequence(), self.open_members)
        menu.addSeparator()
        self.action_open_settings = add(menu, tr("设置(&P)…"), QKeySequence("Ctrl+,"), self.open_settings)
        menu.addSeparator()
        self.action_close = add(menu, tr("退出(&Q)"), QKeySequence("Ctrl+Q"), self.close)
        report = bar.addMenu(tr("报告(&R)"))
        self.action_open_handover = add(report, tr("签字与报告(&H)…"), QKeySequence("Ctrl+R"), self.open_handover)
        steps = bar.addMenu(tr("步骤(&S)"))
        for number in range(1, 9):
            add(steps, tr("第 {n} 步").format(n=number), QKeySequence(f"Ctrl+{number}"),
                lambda n=number: self.page and self.page.go_to(n))
        language = bar.addMenu(LANGUAGE_MENU)
        group = QActionGroup(language)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGE_NAMES:
            action = add(language, name, QKeySequence(), lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            group.addAction(action)
            self.language_actions[code] = action

    # -- language ---------------------------------------------------------------------------------
    def choose_language(self, code: str) -> None:
        """The language menu: remembered in the settings, applied at once."""
        self.settings.language = code
        self.settings.sync()
        self.apply_language(code)

    def apply_language(self, code: str) -> bool:
        """Switch the interface language without a restart: the open evaluation, its file and the step
        on screen stay as they are; the menus, the start page and the evaluation page are rebuilt in the
        new language. Open non-modal windows (签字与报告) are closed. False if nothing changed."""
        if code == i18n.current_language():
            return False
        save_typing(self)  # whatever is being typed is saved first, as when the window closes
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()
        i18n.install_language(code)
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not dialog.isModal():
                dialog.close()
        self._build_menu()
        if self._start is not None:
            showing = self.stack.currentWidget() is self._start
            old = self._start
            self._start = None
            self.stack.removeWidget(old)
            old.deleteLater()
            if showing:
                self.show_start()
        if self.session is not None and self.page is not None:
            step = self.page.current_step()
            self._replace_page(step)
            self.update_title()
        else:
            self.setWindowTitle(tr(APP_TITLE))
        self.statusBar().clearMessage()
        return True

    def _replace_page(self, step: int) -> None:
        """A new evaluation page for the open session, at `step`; the old one is taken down."""
        old = self.page
        if old is not None:
            old.dispose()
            self.stack.removeWidget(old)
            old.deleteLater()
        self.page = self._make_page()
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.page.go_to(step)

    def _make_page(self) -> EvaluationPage:
        page = EvaluationPage(self.session)
        path = str(self.session.store.path)
        page.stepChanged.connect(lambda n: self.settings.set_last_step(path, n))
        return page

    # -- opening ----------------------------------------------------------------------------------
    def open_file(self, path: str, step: int | None = None) -> bool:
        if not path:
            return False
        if self.session is not None and _same_file(self.session.path, path):
            if step:  # already open in this window, which holds its writer lock
                self.page.go_to(step)
            return True
        if self.session is not None and not self.release_evaluation():
            return False
        actor = self.settings.member_identity or "本机"
        beside_writer = False
        try:
            # The rotating backup is made once the window is up, then every ten minutes.
            store = EvaluationStore.open(path, actor=actor, backup=False)
        except FileInUseError as err:
            # One window writes a file: this one may look at it read-only, or leave it.
            if not messages.ask(self, tr("{error}\n\n要在这里以只读方式打开吗？只读时可以查看和导出，不能修改。")
                                .format(error=err), tr("评估文件已在另一窗口中打开")):
                return False
            try:
                store = EvaluationStore.open(path, actor=actor, backup=False, read_only=True)
            except UserError as err2:
                messages.error(self, str(err2), tr("无法打开评估文件"))
                return False
            beside_writer = True
        except CorruptFileError as err:
            return self.offer_restore(path, str(err))
        except UserError as err:
            messages.error(self, str(err), tr("无法打开评估文件"))
            return False
        try:
            session = EvaluationSession(store, self)  # reads the whole evaluation
        except UserError as err:
            store.close()
            if isinstance(err, CorruptFileError):
                return self.offer_restore(path, str(err))
            messages.error(self, str(err), tr("无法打开评估文件"))
            return False
        if self.session is not None:
            self.close_evaluation()
        self.session = session
        self.session.problem.connect(self.show_problem)
        self.session.integrityProblem.connect(self.show_integrity_problem)
        if not store.read_only:  # the first backup is then checked in full (as `verify` checks)
            self.session.start_backups()
        else:  # a read-only file is not changed here: nothing new to back up; the file itself is checked
            from PySide6.QtCore import QTimer
            QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, lambda: session.closed or session.check_integrity())
        self.page = self._make_page()
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.page.go_to(step or self.settings.last_step(str(store.path)))
        self.settings.add_recent(str(store.path))
        if not store.read_only:  # reopened after a crash: the file this window was writing
            self.settings.set_open_file(str(store.path))
        self._beside_writer = beside_writer
        self.update_title()
        return True

    def update_title(self) -> None:
        """The window title names the open file, with （只读） when it cannot be changed here; a file opened
        read-only also says why in a permanent note in the status bar."""
        read_only = self.session is not None and self.session.store.read_only
        if self.session is None:
            self.setWindowTitle(tr(APP_TITLE))
        else:
            name = Path(str(self.session.path)).name
            if read_only:
                name = tr("{file}（只读）").format(file=name)
            if self.session.member_file:
                name = tr("{file}（{member}的成员文件）").format(file=name, member=self.session.bound_member_name)
            self.setWindowTitle(tr("{file} — {app}").format(file=name, app=tr(APP_TITLE)))
        self._show_read_only_note()

    def _show_read_only_note(self) -> None:
        note = getattr(self, "read_only_note", None)
        if note is None:
            from PySide6.QtWidgets import QLabel
            note = self.read_only_note = QLabel()
            note.setObjectName("read_only_status")
            note.setStyleSheet("color:#8a1c1c; font-weight:bold;")
            self.statusBar().addPermanentWidget(note)
            # Closing the evaluation shows the start page: the note goes with the file.
            self.stack.currentChanged.connect(lambda _index: self._show_read_only_note())
        showing = (self.session is not None and self.session.store.read_only and self.page is not None
                   and self.stack.currentWidget() is self.page)
        note.setVisible(showing)
        if not showing:
            note.setText("")
            return
        reason = self.session.store.read_only_reason
        if getattr(self, "_beside_writer", False):
            why = tr("此评估文件已在另一窗口中打开，这里只能查看和导出，不能修改")
        elif reason:
            why = tr("{reason}。要修改，请把文件复制到可写的文件夹（例如“文档”）后再打开").format(reason=reason)
        else:
            why = tr("以只读方式打开，不能修改")
        note.setText(tr("只读：{why}").format(why=why))

    def offer_restore(self, path: str, error: str) -> bool:
        """A damaged file: show what its newest good backup lacks (edits, signatures, the lock) and,
        if the user agrees, put the backup in its place (the damaged file is kept beside it)."""
        from evaluator_app.storage.recovery import restore, restore_plan
        try:
            plan = restore_plan(path)
        except UserError as err:
            messages.error(self, f"{error}\n\n{err}", tr("无法打开评估文件"))
            return False
        lines = plan.describe()
        if len(lines) > RESTORE_PLAN_LINES:  # a message box taller than the screen cannot be answered
            hidden = len(lines) - RESTORE_PLAN_LINES
            lines = lines[:RESTORE_PLAN_LINES] + [tr("……另有 {n} 行；完整清单：evaluator-app restore {file}").format(
                n=hidden, file=path)]
        details = "\n".join(lines)
        refusal = plan.refusal()
        if plan.backup is None or refusal:
            messages.error(self, f"{error}\n\n{refusal or details}", tr("无法打开评估文件"))
            return False
        question = tr("{error}\n\n可以用最近一次完好的备份恢复：\n{plan}\n\n"
                      "损坏的文件将改名保留在旁边。现在恢复吗？").format(error=error, plan=details)
        if not messages.ask(self, question, tr("评估文件已损坏")):
            return False
        try:
            result = restore(plan)
        except UserError as err:
            messages.error(self, str(err), tr("无法恢复"))
            return False
        messages.info(self, tr("已从备份恢复。损坏的文件保留为：\n{files}").format(
            files="\n".join(str(p) for p in result.kept)))
        return self.open_file(path)

    def choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs' types are built when first needed
        path, _ = QFileDialog.getOpenFileName(self, tr("打开评估文件"), "",
                                              tr("评估文件 (*.sqlite *.evaluation *.db);;所有文件 (*)"))
        if path:
            self.open_file(path)

    def new_evaluation(self, target: str | None = None, dialog=None) -> bool:
        from .start_page import NewEvaluationDialog  # built when first needed
        dialog = dialog or NewEvaluationDialog(self)
        if dialog.result() != NewEvaluationDialog.DialogCode.Accepted and not dialog.exec():
            return False
        evaluation = dialog.evaluation()
        if target is None:
            name = f"{evaluation.pilot.get('unit', '评估')}-{evaluation.evaluation_date}.sqlite"
            target = messages.save_path(self, tr("保存评估文件"), name, tr("评估文件 (*.sqlite)"))
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
            source = messages.open_path(self, tr("选择评估交换文件"), tr("评估交换文件 (*.json)"))
        if not source:
            return False
        if target is None:
            target = messages.save_path(self, tr("保存为评估文件"), str(Path(source).with_suffix(".sqlite")),
                                        tr("评估文件 (*.sqlite)"))
        if not target:
            return False
        from evaluator_app.services.files import import_evaluation
        try:
            import_evaluation(source, target, actor=self.settings.member_identity or "import")
        except UserError as err:
            messages.error(self, str(err), tr("无法导入"))
            return False
        return self.open_file(target)

    def release_evaluation(self) -> bool:
        """Before the open file closes (closing, quitting, opening another): what is being typed goes
        in, a running background save finishes, and edits the file could not take are retried — or,
        by choice, saved in a copy elsewhere. False keeps the evaluation open."""
        session = self.session
        if session is None:
            return True
        if not save_typing(self):
            messages.error(self, tr("正在填写的内容无效，尚未保存；请改正或按 Esc 放弃后再关闭。"))
            return False
        session.wait_for_background()
        while not session.retry_pending():
            text = tr("{n} 项修改尚未保存到 {file}：{what}\n原因：{error}\n\n"
                      "可以重试，或把评估连同这些修改另存到别处（例如另一个 U 盘或“文档”）。").format(
                n=session.pending_count, file=session.path.name, what=join_shortened(session.pending_descriptions()),
                error=session.last_error)
            choice = messages.choose(self, text, [("retry", tr("重试")), ("copy", tr("另存副本…")),
                                                  ("cancel", tr("取消"))], tr("修改尚未保存"))
            if choice == "retry":
                continue
            if choice != "copy":
                return False
            target = messages.save_path(self, tr("另存评估（含未保存的修改）"),
                                        str(Path.home() / session.path.name), tr("评估文件 (*.sqlite)"))
            if not target:
                continue
            try:
                saved = session.save_copy_with_pending(target)
            except UserError as err:
                messages.error(self, str(err), tr("无法另存"))
                continue
            session.discard_pending()
            messages.info(self, tr("评估连同未保存的修改已另存到：{file}").format(file=saved))
            break
        return True

    def close_evaluation(self, show_start: bool = True) -> bool:
        if self.session is not None and not self.release_evaluation():
            return False
        if self.session is not None:
            writer = not self.session.read_only
            self.session.close()
            self.session = None
            if writer:  # a read-only window never was the file's writer to be reopened after a crash
                self.settings.set_open_file("")
        if self.page is not None:
            self.page.dispose()
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        if show_start:
            self.show_start()
        return True

    def copy_to_usb(self, target: str | None = None) -> bool:
        """文件 → 复制到U盘…: a copy of the open evaluation file, checked once written; never over a file."""
        if self.session is None:
            messages.info(self, tr("请先打开一个评估"))
            return False
        save_typing(self)  # whatever is being typed goes into the file first
        if self.session.pending_count:
            messages.error(self, tr("还有 {n} 项修改未能保存到评估文件，复制件中不会有它们；请等它们保存后再复制。")
                           .format(n=self.session.pending_count), tr("暂不能复制"))
            return False
        if target is None:  # an existing file is refused, not replaced: the dialog does not ask to overwrite
            target = messages.save_path(self, tr("复制到U盘"), self.session.path.name,
                                        tr("评估文件 (*.sqlite);;所有文件 (*)"), confirm_overwrite=False)
        if not target:
            return False
        from evaluator_app.services.files import copy_file_verified

        from . import tasks
        self.statusBar().showMessage(tr("正在复制到 {file} 并校验…").format(file=target))

        def done(copied: object) -> None:
            self.statusBar().clearMessage()
            messages.info(self, tr("已复制到 {file}。\n复制件已校验：数据库完整，修改记录链条完整，与打开的评估一致。\n"
                                   "拔出U盘前，请先在系统中将其“弹出”。").format(file=copied), tr("复制完成"))

        def failed(message: str) -> None:
            self.statusBar().clearMessage()
            messages.error(self, message, tr("复制未完成"))

        # On a worker thread with a read-only connection of its own: a slow USB stick does not stop typing.
        path = self.session.path
        self.copy_task = tasks.start(lambda _progress: copy_file_verified(path, target), done, failed)
        return True

    # -- several laptops ---------------------------------------------------------------------------
    def _ready_to_write_out(self, title: str) -> bool:
        if self.session is None:
            messages.info(self, tr("请先打开一个评估"))
            return False
        save_typing(self)
        if self.session.pending_count:
            messages.error(self, tr("还有 {n} 项修改未能保存到评估文件；请等它们保存后再试。")
                           .format(n=self.session.pending_count), title)
            return False
        return True

    def distribute(self, member_ids: list[str] | None = None, folder: str | None = None) -> bool:
        """文件 › 分发给成员…: one member file per chosen member, written to a chosen folder (a USB stick)."""
        if not self._ready_to_write_out(tr("暂不能分发")):
            return False
        if self.session.member_file:
            messages.error(self, tr("这是{member}的成员文件，不能再分发；请在组长的评估文件中分发。")
                           .format(member=self.session.bound_member_name), tr("不能分发"))
            return False
        if member_ids is None:
            from .merge_dialogs import DistributeDialog
            dialog = DistributeDialog(self.session, self)
            if not dialog.exec():
                return False
            member_ids = dialog.chosen()
            if not member_ids:
                messages.error(self, tr("没有选择成员"), tr("不能分发"))
                return False
        folder = folder or messages.folder_path(self, tr("把成员文件写到哪个文件夹（例如U盘）"))
        if not folder:
            return False

        def done(changes) -> None:
            files = "\n".join(f"{made.name}：{made.path}" for made in changes.result)
            messages.info(self, tr("已写入 {n} 个成员文件，均已校验：\n{files}\n\n"
                                   "请把各自的文件交给成员，在其电脑上用“打开”打开。").format(
                n=len(changes.result), files=files), tr("分发完成"))

        return self.session.distribute(folder, member_ids, done,
                                       lambda message: messages.error(self, message, tr("分发未完成")))

    def export_member_workbook(self, member_id: str | None = None, out: str | None = None) -> bool:
        """文件 › 导出个人计分表…: the 计分表 of an expert without the app, as an Excel workbook to fill in."""
        if self.session is None:
            return False
        if member_id is None:
            options = [(m.id, m.name) for m in self.session.evaluation.panel]
            member_id = messages.choose(self, tr("导出哪位成员的个人计分表？"), options, tr("导出个人计分表"))
            if not member_id:
                return False
        member = self.session.evaluation.member(member_id)
        name = member.name if member else member_id
        out = out or messages.save_path(self, tr("保存个人计分表"), str(Path.home() / f"{name}-个人计分表.xlsx"),
                                        tr("Excel 工作簿 (*.xlsx)"))
        if not out:
            return False
        changes = self.session.export_member_workbook(member_id, out)
        if changes is None:
            return False
        done = tr("已导出 {name} 的个人计分表：{path}\n\n只有得分和备注可填；填好后用“合并…”合并。")
        messages.info(self, done.format(name=name, path=changes.result), tr("导出完成"))
        return True

    def return_data(self, folder: str | None = None) -> bool:
        """文件 › 交回评估数据…: what this laptop holds for the leader, as a checked copy in a chosen folder."""
        if not self._ready_to_write_out(tr("暂不能交回")):
            return False
        if not self.session.member_file:
            messages.error(self, tr("这是组长的评估文件，不是成员文件，无需交回；要带到另一台电脑，请用“复制到U盘”。"),
                           tr("不能交回"))
            return False
        folder = folder or messages.folder_path(self, tr("把交回的数据写到哪个文件夹（例如U盘）"))
        if not folder:
            return False

        def done(changes) -> None:
            messages.info(self, tr("已写入并校验：{file}\n请把它交给组长，由组长用“合并”并入评估文件。"
                                   "之后如有修改，可以随时再次交回。").format(file=changes.result), tr("交回完成"))

        return self.session.return_data(folder, done, lambda message: messages.error(self, message, tr("交回未完成")))

    def merge_files(self, files: list[str] | None = None) -> bool:
        """文件 › 合并…: returns, member files or other copies of this evaluation merged in one transaction."""
        if not self._ready_to_write_out(tr("暂不能合并")):
            return False
        if files is None:
            files = messages.open_paths(self, tr("选择要合并的文件（成员交回的数据、成员文件或评估交换文件）"),
                                        tr("评估文件 (*.sqlite *.json *.xlsx);;所有文件 (*)"))
        if not files:
            return False
        if any(_same_file(path, self.session.path) for path in files):
            messages.error(self, tr("不能把评估文件合并到它自己"), tr("不能合并"))
            return False

        def done(changes) -> None:
            from .merge_dialogs import merge_summary
            result = changes.result
            messages.info(self, merge_summary(result), tr("合并完成"))
            self.statusBar().showMessage(tr("合并完成"), 8000)

        return self.session.merge(list(files), done, lambda message: messages.error(self, message, tr("未能合并")))

    def open_conflicts(self):
        """文件 › 合并冲突…: each open conflict's versions side by side; the 组长 chooses one with a reason."""
        if self.session is None:
            messages.info(self, tr("请先打开一个评估"))
            return None
        from .merge_dialogs import ConflictDialog
        dialog = ConflictDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()
        return dialog

    def open_members(self):
        """文件 › 成员与数据来源…, non-modal."""
        if self.session is None:
            messages.info(self, tr("请先打开一个评估"))
            return None
        from .members_view import MembersDialog
        dialog = MembersDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.connect_settings_dialog(dialog)
        dialog.exec()

    def connect_settings_dialog(self, dialog) -> None:
        """A changed language takes effect as soon as the settings dialog has closed."""
        from PySide6.QtCore import QTimer
        dialog.applied.connect(lambda: QTimer.singleShot(0, self.apply_language_setting))

    def apply_language_setting(self) -> bool:
        return self.apply_language(self.settings.language)

    def open_handover(self):
        """签字与报告, non-modal: exports run in the background while the panel keeps working."""
        if self.session is None:
            messages.info(self, tr("请先打开一个评估"))
            return None
        from .handover import HandoverDialog
        dialog = HandoverDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_integrity_problem(self, problems: str) -> None:
        text = tr("此评估文件未通过完整性校验（数据库或修改记录链）：\n{problems}\n\n"
                  "可以继续查看和导出草稿；请把文件交技术人员核查，"
                  "或关闭后运行 evaluator-app restore 文件名 查看可恢复的备份。").format(problems=problems)
        messages.error(self, text, tr("评估文件校验未通过"))

    def show_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def closeEvent(self, event) -> None:  # noqa: N802
        # Flush any text still being typed, then close the file cleanly.
        # Nothing typed is lost: the window stays open while an edit cannot be saved.
        if not self.close_evaluation(show_start=False):
            event.ignore()
            return
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        event.accept()


def save_typing(root: QWidget) -> bool:
    """Save what is being typed under `root`: a text that saves as typed (`flush`) and any open table
    cell, as Enter would. False when a cell's entry was refused and its editor stays open."""
    focus = QApplication.focusWidget()
    if focus is not None and hasattr(focus, "flush"):
        focus.flush()
    return _commit_open_editors(root)


def _commit_open_editors(root: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        editor = view.indexWidget(view.currentIndex())
        if editor is None:
            continue
        delegate = view.itemDelegateForIndex(view.currentIndex())
        delegate.commitData.emit(editor)
        if getattr(view.model(), "refusal", ""):  # the score sheet says why it refused the entry
            return False
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return True


def join_shortened(items: list[str], shown: int = 10) -> str:
    """The first `shown` items, then how many more: a list that fits a message box."""
    text = "、".join(items[:shown])
    return text if len(items) <= shown else tr("{items} 等 {n} 项").format(items=text, n=len(items))

