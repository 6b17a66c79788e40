"""The office window: the register of received packages, the 专家库 with the draw, the trust list.

The packages are only read (the rollup verifies them in memory; the report is opened from a temporary copy);
the office's own files are the folder's 省级登记.sqlite (confirmations, appended by the core) and the 专家库.
Slow work runs on a worker thread; errors are shown as messages, never as tracebacks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

from evaluator_app.errors import FormatError, UserError
from evaluator_app.office.register import Register, Row

from .. import i18n, messages, tasks
from ..i18n import N_, tr
from ..settings import AppSettings
from . import actions
from .draw_view import DrawDialog
from .library_view import LibraryTab
from .package_view import PackageDialog, open_in_viewer
from .register_view import RegisterTab
from .trust_view import TrustTab

TITLE = N_("省级联席办公室：报送包登记与专家库")
LANGUAGE_MENU = "语言 / Language"
FOLDER_KEY = "office/folder"
LIBRARY_KEY = "office/library"
MAX_PROBLEM_LINES = 40


def problem_text(err: UserError) -> str:
    """A core error for a dialog: every problem named by its cell, a long list cut short."""
    if isinstance(err, FormatError) and len(err.problems) > MAX_PROBLEM_LINES:
        lines = str(err).splitlines()[:MAX_PROBLEM_LINES + 1]
        return "\n".join(lines + [tr("……另有 {n} 处").format(n=len(err.problems) - MAX_PROBLEM_LINES)])
    return str(err)


class OfficeWindow(QMainWindow):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        i18n.ensure_language(settings.language)
        self.folder: Path | None = None
        self.register: Register | None = None
        self.library: str | None = None
        self.library_listing: dict | None = None
        self.package_dialog: PackageDialog | None = None
        self.draw_dialog: DrawDialog | None = None
        self.last_report: Path | None = None  # the temporary copy opened last
        self.last_draw: tuple[Path, Path] | None = None
        self._tasks: list[tasks.Task] = []
        self._menu_actions: list[QAction] = []
        self._build()
        self.resize(1366, 768)

    # -- building (again when the language changes) ------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(tr(TITLE))
        self.tabs = QTabWidget()
        self.register_tab = RegisterTab()
        self.library_tab = LibraryTab()
        self.trust_tab = TrustTab()
        self.tabs.addTab(self.register_tab, tr("登记表"))
        self.tabs.addTab(self.library_tab, tr("专家库"))
        self.tabs.addTab(self.trust_tab, tr("信任的证书"))
        old = self.centralWidget()
        self.setCentralWidget(self.tabs)
        if old is not None:
            old.deleteLater()
        rt = self.register_tab
        rt.openRequested.connect(self.open_package)
        rt.refreshRequested.connect(self.refresh)
        rt.exportRequested.connect(self.export_register)
        rt.chooseFolderRequested.connect(self.choose_folder)
        lt = self.library_tab
        lt.openRequested.connect(self.choose_library)
        lt.createRequested.connect(self.create_library)
        lt.importRequested.connect(self.import_experts)
        lt.drawRequested.connect(self.open_draw)
        tt = self.trust_tab
        tt.exportRequested.connect(self.export_certificate)
        tt.addRequested.connect(self.add_certificate)
        tt.removeRequested.connect(self.remove_certificate)
        rt.set_folder(str(self.folder) if self.folder else None)
        rt.set_register(self.register)
        lt.set_listing(self.library, self.library_listing)
        self.show_trust()
        self._build_menu()

    def _build_menu(self) -> None:
        for action in self._menu_actions:
            action.setShortcut(QKeySequence())
            action.deleteLater()
        self._menu_actions = []
        bar = self.menuBar()
        bar.clear()

        def add(menu, text: str, shortcut: QKeySequence, slot: Callable[[], object]) -> QAction:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False, act=slot: act())
            menu.addAction(action)
            self._menu_actions.append(action)
            return action

        menu = bar.addMenu(tr("文件(&F)"))
        add(menu, tr("选择报送包文件夹(&O)…"), QKeySequence(QKeySequence.StandardKey.Open), self.choose_folder)
        add(menu, tr("刷新(&R)"), QKeySequence(QKeySequence.StandardKey.Refresh), self.refresh)
        add(menu, tr("导出登记表 Excel(&E)…"), QKeySequence("Ctrl+E"), self.export_register)
        menu.addSeparator()
        add(menu, tr("打开专家库(&L)…"), QKeySequence(), self.choose_library)
        add(menu, tr("新建专家库(&N)…"), QKeySequence(), self.create_library)
        menu.addSeparator()
        add(menu, tr("退出(&Q)"), QKeySequence("Ctrl+Q"), self.close)
        language = bar.addMenu(LANGUAGE_MENU)
        group = QActionGroup(language)
        for code, name in i18n.LANGUAGE_NAMES:
            action = add(language, name, QKeySequence(), lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            group.addAction(action)

    def choose_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.sync()
        self.apply_language(code)

    def apply_language(self, code: str) -> bool:
        if code == i18n.current_language():
            return False
        i18n.install_language(code)
        for dialog in (self.package_dialog, self.draw_dialog):
            if dialog is not None:
                dialog.close()
        self.package_dialog = self.draw_dialog = None
        current = self.tabs.currentIndex()
        self._build()
        self.tabs.setCurrentIndex(current)
        return True

    # -- background work -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _run(self, work: Callable[[Callable[[int, int], None]], object], done: Callable[[object], None],
             failed: Callable[[str], None] | None = None, progress: Callable[[int, int], None] | None = None,
             status: str = "") -> None:
        if status:
            self.statusBar().showMessage(status)
        task: tasks.Task

        def finish(result: object) -> None:
            self._forget(task)
            done(result)

        def fail(message: str) -> None:
            self._forget(task)
            (failed or (lambda text: messages.error(self, text)))(message)

        task = tasks.start(work, finish, fail, progress)
        self._tasks.append(task)

    def _forget(self, task: tasks.Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if not self._tasks:
            self.statusBar().clearMessage()

    # -- the register -------------------------------------------------------------------------------------
    def remembered_folder(self) -> str:
        folder = self.settings.q.value(FOLDER_KEY, "", type=str)
        return folder if folder and Path(folder).is_dir() else ""

    def choose_folder(self) -> None:
        folder = messages.folder_path(self, tr("选择存放报送包的文件夹"))
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str | os.PathLike[str] | None) -> bool:
        """Show the register of `folder` (remembered for next time); the library last used is opened too."""
        library = self.settings.q.value(LIBRARY_KEY, "", type=str)
        if library and self.library is None and Path(library).is_file():
            self.open_library(library, quiet=True)
        if folder is None:
            self.register_tab.set_folder(None)
            return False
        path = Path(folder)
        if not path.is_dir():
            messages.error(self, tr("找不到文件夹：{folder}").format(folder=path))
            return False
        self.folder = path
        self.register = None
        self.register_tab.set_folder(str(path))
        self.register_tab.set_register(None)
        self.settings.q.setValue(FOLDER_KEY, str(path))
        self.settings.sync()
        self.refresh()
        return True

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Verify and read every package again (a worker thread), then show the register."""
        if self.folder is None:
            messages.info(self, tr("请先选择存放报送包的文件夹"))
            return
        folder = self.folder
        tab = self.register_tab
        tab.show_progress(0, 0)

        def done(register: object) -> None:
            assert isinstance(register, Register)
            if folder != self.folder:
                return
            self.register_tab.hide_progress()
            self.register = register
            self.register_tab.set_register(register)
            self._reopen_package()
            if then is not None:
                then()

        def failed(message: str) -> None:
            self.register_tab.hide_progress()
            messages.error(self, message, tr("登记表未能汇总"))

        self._run(lambda progress: actions.rollup_folder(folder, progress), done, failed,
                  lambda n, total: self.register_tab.show_progress(n, total),
                  tr("正在校验 {folder} 中的报送包…").format(folder=folder))

    def export_register(self, out: str | None = None) -> None:
        """导出登记表 Excel…: the rollup's workbook (as `office rollup -o`)."""
        register = self.register
        if register is None:
            messages.info(self, tr("请先汇总一个报送包文件夹"))
            return
        if out is None:
            out = messages.save_path(self, tr("导出登记表 Excel"),
                                     str(Path.home() / tr("省级登记表-{date}.xlsx").format(date=register.today)),
                                     tr("Excel 工作簿 (*.xlsx)"))
        if not out:
            return
        target = out
        self._run(lambda _p: actions.export_register(register, target),
                  lambda path: messages.info(self, tr("已导出 Excel 登记表：{file}").format(file=path), tr("导出完成")),
                  lambda message: messages.error(self, message, tr("导出未完成")),
                  status=tr("正在导出 Excel 登记表…"))

    # -- one package -----------------------------------------------------------------------------------------
    def open_package(self, row: Row | None) -> PackageDialog | None:
        if row is None or self.register is None:
            return None
        if self.package_dialog is not None:
            self.package_dialog.close()
            self.package_dialog.deleteLater()
        dialog = PackageDialog(row, self.register, self)
        dialog.openReportRequested.connect(self.open_report)
        dialog.confirmRequested.connect(self.confirm)
        dialog.exportRequested.connect(self.export_register)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.package_dialog = dialog
        dialog.show()
        return dialog

    def _reopen_package(self) -> None:
        """After a refresh, the open detail shows the package's new row (its confirmation, its seal)."""
        dialog = self.package_dialog
        if dialog is None or not dialog.isVisible() or self.register is None:
            return
        same = next((row for row in self.register.rows if row.package == dialog.row.package), None)
        if same is not None:
            geometry = dialog.saveGeometry()
            self.open_package(same)
            if self.package_dialog is not None:
                self.package_dialog.restoreGeometry(geometry)

    def open_report(self, row: Row) -> None:
        """打开评估报告: the sealed report copied to a temporary folder, opened by the system's viewer."""
        if self.folder is None:
            return
        package = self.folder / row.package

        def done(extracted: object) -> None:
            assert isinstance(extracted, actions.ExtractedReport)
            self.last_report = extracted.path
            if not extracted.verified:
                messages.info(self, tr("注意：此报送包未通过校验，报告内容不能视为评估组交出的原件。\n{problems}")
                              .format(problems="\n".join(extracted.problems[:5])), tr("报送包未通过校验"))
            open_in_viewer(self, extracted.path)

        self._run(lambda _p: actions.extract_report(package), done, status=tr("正在打开评估报告…"))

    def confirm(self, row: Row, by: str, on: str, document: str) -> None:
        """登记省级确认: appended to the folder's 省级登记.sqlite by the core; the register is read again."""
        from evaluator_app.office.register import confirm
        folder = self.folder
        if folder is None:
            return

        def done(confirmed: object) -> None:
            earlier = getattr(confirmed, "earlier", 0)
            text = tr("已记录省级确认：{pilot}，{date} {by}（{document}）。").format(
                pilot=row.pilot, date=on, by=by, document=document)
            if earlier:
                text += "\n" + tr("此前已确认 {n} 次，以最新一条为准（记录只追加，不修改）。").format(n=earlier)
            self.refresh(then=lambda: messages.info(self, text, tr("确认已登记")))

        self._run(lambda _p: confirm(folder, row.evaluation_id, by, document, on=on), done,
                  lambda message: messages.error(self, message, tr("未能登记确认")),
                  status=tr("正在校验报送包并登记确认…"))

    # -- the 专家库 --------------------------------------------------------------------------------------------
    def choose_library(self) -> None:
        path = messages.open_path(self, tr("打开专家库"), tr("专家库 (*.sqlite);;所有文件 (*)"))
        if path:
            self.open_library(path)

    def open_library(self, path: str, quiet: bool = False) -> bool:
        try:
            listing = actions.library_listing(path)
        except UserError as err:
            if not quiet:
                messages.error(self, str(err), tr("无法打开专家库"))
            return False
        self.library, self.library_listing = path, listing
        self.library_tab.set_listing(path, listing)
        self.settings.q.setValue(LIBRARY_KEY, path)
        self.settings.sync()
        return True

    def create_library(self, target: str | None = None, source: str | None = None) -> None:
        """新建专家库…: where the new library goes, then the workbook it is made from."""
        if target is None:
            target = messages.save_path(self, tr("新建专家库"), str(Path.home() / tr("专家库.sqlite")),
                                        tr("专家库 (*.sqlite)"), confirm_overwrite=False)
        if not target:
            return
        if Path(target).exists():
            messages.error(self, tr("文件已存在：{file}；请换一个文件名，或用“打开专家库…”打开它").format(file=target))
            return
        self.import_experts(source, library=target)

    def import_experts(self, source: str | None = None, library: str | None = None) -> None:
        """导入专家名单…: a workbook or CSV into the library (refused whole, every problem named by its cell)."""
        target = library or self.library
        if target is None:
            messages.info(self, tr("请先打开或新建专家库"))
            return
        if source is None:
            source = messages.open_path(self, tr("选择专家名单"),
                                        tr("专家名单 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
        if not source:
            return
        chosen = source

        def work(_progress: Callable[[int, int], None]) -> object:
            try:
                return actions.import_experts(target, chosen)
            except FormatError as err:
                raise UserError(problem_text(err)) from None

        def done(report: object) -> None:
            self.open_library(target)
            verb = tr("已创建专家库") if getattr(report, "created", False) else tr("已更新专家库")
            lines = [tr("{verb} {library}：读取 {rows} 名专家，新增 {added} 名，更新 {updated} 名，"
                        "暂停 {suspended} 名，恢复 {reinstated} 名，未变 {unchanged} 名。").format(
                verb=verb, library=target, rows=report.rows, added=len(report.added),  # type: ignore[attr-defined]
                updated=len(report.updated), suspended=len(report.suspended),  # type: ignore[attr-defined]
                reinstated=len(report.reinstated), unchanged=report.unchanged)]  # type: ignore[attr-defined]
            messages.info(self, "\n".join(lines), tr("导入完成"))

        self._run(work, done, lambda message: messages.error(self, message, tr("专家名单未导入")),
                  status=tr("正在导入专家名单…"))

    def open_draw(self) -> DrawDialog | None:
        if self.library is None:
            messages.info(self, tr("请先打开专家库"))
            return None
        if self.draw_dialog is not None:
            self.draw_dialog.close()
            self.draw_dialog.deleteLater()
        dialog = DrawDialog(self.library, self)
        dialog.drawRequested.connect(self.run_draw)
        dialog.saveRequested.connect(self.save_draw)
        dialog.choosePilotRequested.connect(self.choose_pilot)
        self.draw_dialog = dialog
        dialog.show()
        return dialog

    def choose_pilot(self) -> None:
        if self.draw_dialog is None:
            return
        path = messages.open_path(self.draw_dialog, tr("选择试点的评估交换文件"),
                                  tr("评估交换文件 (*.json);;所有文件 (*)"))
        if path:
            self.draw_dialog.pilot.setText(path)

    def run_draw(self) -> None:
        """抽取: the panel, reserves and exclusions shown; nothing written yet (quick: no worker thread)."""
        dialog = self.draw_dialog
        if dialog is None or not dialog.require():
            return
        values = dialog.values()
        try:
            prepared = actions.run_draw(dialog.library, values["pilot"], values["size"], values["seed"],
                                        values["standardization"], values["reserve"], values["exclude_orgs"],
                                        values["allow_unqualified"], values["by"], values["witnesses"])
        except UserError as err:
            dialog.show_failure(str(err))
            return
        dialog.show_result(prepared)

    def save_draw(self, out: str | None = None) -> None:
        """写出评估文件和抽取记录…: the evaluation with the drawn panel and the sealed 抽取记录 PDF beside it."""
        dialog = self.draw_dialog
        if dialog is None or dialog.prepared is None:
            return
        if not dialog.values()["by"]:
            messages.error(dialog, tr("写出抽取记录时须填写抽取人"))
            return
        if out is None:
            pilot = Path(dialog.values()["pilot"])
            out = messages.save_path(dialog, tr("写出抽取结果"), str(pilot.with_name(pilot.stem + tr("-抽取.json"))),
                                     tr("评估交换文件 (*.json)"), confirm_overwrite=False)
        if not out:
            return
        prepared, target = dialog.prepared, out

        def done(written: object) -> None:
            assert isinstance(written, tuple)
            self.last_draw = written
            messages.info(dialog, tr("已写出评估交换文件：{json}\n已写出签章的抽取记录：{pdf}").format(
                json=written[0], pdf=written[1]), tr("抽取结果已写出"))

        self._run(lambda _p: actions.write_draw(prepared, target), done,
                  lambda message: messages.error(dialog, message, tr("抽取结果未写出")),
                  status=tr("正在写出抽取结果并签章…"))

    # -- the trust list --------------------------------------------------------------------------------------
    def show_trust(self) -> None:
        from evaluator_app.signing import trust
        try:
            own, registered = trust.own_fingerprint(), trust.registered()
        except UserError as err:
            own, registered = None, []
            messages.error(self, str(err))
        self.trust_tab.set_contents(own, registered)

    def add_certificate(self, source: str | None = None) -> bool:
        """添加证书或指纹…: a certificate file (.pem/.der) or a fingerprint checked on the telephone."""
        from evaluator_app.signing import trust
        if source is None:
            how = messages.choose(self, tr("登记一个签章证书：选择评估组导出的证书文件，或输入电话核对过的指纹。"),
                                  [("file", tr("证书文件…")), ("fingerprint", tr("输入指纹…"))], tr("添加证书或指纹"))
            if how == "file":
                source = messages.open_path(self, tr("选择证书文件"),
                                            tr("证书 (*.pem *.der *.crt *.cer);;所有文件 (*)"))
            elif how == "fingerprint":
                source = messages.ask_text(self, tr("证书指纹（64 位十六进制数字，可用冒号分组）："), tr("输入指纹"))
        if not source:
            return False
        try:
            entry = trust.add(source.strip())
        except UserError as err:
            messages.error(self, str(err), tr("未能登记"))
            return False
        self.show_trust()
        self.statusBar().showMessage(tr("已登记证书 {fingerprint}").format(fingerprint=entry.fingerprint), 8000)
        self._trust_changed()
        return True

    def remove_certificate(self, fingerprint: str | None = None) -> bool:
        from evaluator_app.signing import trust
        fingerprint = fingerprint or self.trust_tab.selected_fingerprint()
        if not fingerprint:
            messages.info(self, tr("请先在列表中选择要移除的证书"))
            return False
        if not messages.ask(self, tr("移除证书 {fingerprint}？\n移除后，用它签章的报送包显示为“签章证书未登记”。")
                            .format(fingerprint=fingerprint), tr("移除证书")):
            return False
        try:
            removed = trust.remove(fingerprint)
        except UserError as err:
            messages.error(self, str(err))
            return False
        self.show_trust()
        if removed:
            self._trust_changed()
        return removed

    def export_certificate(self, out: str | None = None) -> None:
        from evaluator_app.signing import trust
        if out is None:
            out = messages.save_path(self, tr("导出本机证书"), str(Path.home() / tr("本机签章证书.pem")),
                                     tr("证书 (*.pem)"))
        if not out:
            return
        try:
            path = trust.export_certificate(out)
        except UserError as err:
            messages.error(self, str(err), tr("导出未完成"))
            return
        self.show_trust()
        messages.info(self, tr("已导出本机证书：{file}\n请交对方登记，并电话核对指纹。").format(file=path),
                      tr("导出完成"))

    def _trust_changed(self) -> None:
        """The register's seal statuses follow the trust list."""
        if self.folder is not None:
            self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802
        for dialog in (self.package_dialog, self.draw_dialog):
            if dialog is not None:
                dialog.close()
        QApplication.processEvents()
        super().closeEvent(event)
