"""Starting the GUI: crash handler first, Qt messages into logging, the shipped font, the window."""

from __future__ import annotations

import logging
import os
import sys
import traceback

from evaluator_app import __version__, paths

log = logging.getLogger("evaluator_app")


def setup_logging() -> None:
    import logging.handlers
    folder = paths.data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "evaluator-app.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_crash_handler() -> None:
    """An unexpected error is logged to a crash file and shown with its details to copy; every
    acknowledged edit is already on disk, so the evaluation is not lost."""

    def handle(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception\n%s", text)
        crash = paths.data_dir() / "logs" / "crash.log"
        try:
            crash.parent.mkdir(parents=True, exist_ok=True)
            with crash.open("a", encoding="utf-8") as handle_file:
                handle_file.write(f"--- evaluator-app {__version__}\n{text}\n")
        except OSError:
            pass
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox
            if QApplication.instance() is not None:
                from ui import messages
                from ui.i18n import tr
                if messages.interactive:
                    box = QMessageBox(QMessageBox.Icon.Critical, tr("程序出错"),
                                      tr("程序遇到意外错误。已保存的评估数据不受影响。\n详细信息已写入 {path}。")
                                      .format(path=crash))
                    box.setDetailedText(text)
                    copy = box.addButton(tr("复制详细信息"), QMessageBox.ButtonRole.ActionRole)
                    box.addButton(tr("关闭"), QMessageBox.ButtonRole.AcceptRole)
                    box.exec()
                    if box.clickedButton() is copy:
                        QApplication.clipboard().setText(text)
        except Exception:  # the handler itself must never fail
            pass

    sys.excepthook = handle


def route_qt_messages() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(mode, context, message) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), message)

    qInstallMessageHandler(handler)


def create_application():
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from .fonts import app_font, load_app_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("evaluator-app")
    app.setOrganizationName("evaluator-app")
    app.setApplicationVersion(__version__)
    # The menu entry packaging/linux/evaluator-app.desktop: desktops (Wayland's app id) match the window to it.
    app.setDesktopFileName("evaluator-app")
    if not os.environ.get("EVALUATOR_APP_DATA_DIR"):
        # The same folder the command line uses: <generic data>/evaluator-app (one set of backups and logs).
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        if location:
            paths.set_standard_dir(os.path.join(location, paths.APP_NAME))
    load_app_font()
    app.setFont(app_font())
    return app


def set_window_icon() -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication
    QApplication.instance().setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "evaluator.png")))


def prepared_application(command_line_hint: str):
    """The application with the crash handler, the language and the settings in place, before any window is
    built (every text is read when a widget is built); None, with a message, when Qt cannot start."""
    install_crash_handler()
    try:
        app = create_application()
    except ImportError as err:
        # Qt's own libraries are bundled; those of the system (libGL, libEGL, libxcb…) may be missing.
        print(f"无法启动图形界面：缺少系统库（{err}）。请安装图形界面所需的系统库（如 libgl1、libegl1、libxcb1），"
              f"命令行功能不受影响（{command_line_hint}）。", file=sys.stderr)
        return None
    from .i18n import ensure_language
    from .settings import AppSettings, apply_settings
    settings = AppSettings()
    ensure_language(settings.language)
    apply_settings(settings)
    return app, settings


def settle_once_shown() -> None:
    """What waits until a window is on screen: the icon (finding its image reader scans every image-format
    plugin), and the log files (Qt messages before then go to stderr)."""
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, set_window_icon)
    QTimer.singleShot(300, setup_logging)
    QTimer.singleShot(300, route_qt_messages)


def run(file: str | None = None) -> int:
    prepared = prepared_application("evaluator-app --help")
    if prepared is None:
        return 2
    app, settings = prepared
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow

    window = MainWindow(settings)
    reopen = file or settings.open_file()  # after a crash, reopen where the panel was
    if not (reopen and window.open_file(reopen)):
        window.show_start()
    window.show()
    settle_once_shown()
    if not reopen:
        from .first_run import maybe_first_run
        QTimer.singleShot(0, lambda: maybe_first_run(window))
    # Garbage collection (turned off for start-up by the command line) resumes once the window is on screen.
    import gc
    QTimer.singleShot(300, gc.enable)
    return app.exec()
