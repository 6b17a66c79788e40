"""Starting the office window: `evaluator-app office [DIR]`."""

from __future__ import annotations

import sys


def run(folder: str | None = None) -> int:
    from ui.app import create_application, install_crash_handler, route_qt_messages, set_window_icon, setup_logging

    install_crash_handler()
    try:
        app = create_application()
    except ImportError as err:
        print(f"无法启动图形界面：缺少系统库（{err}）。请安装图形界面所需的系统库（如 libgl1、libegl1、libxcb1），"
              "命令行功能不受影响（evaluator-app office rollup DIR）。", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer

    from ui.i18n import ensure_language
    from ui.settings import AppSettings, apply_settings

    from .window import OfficeWindow

    settings = AppSettings()
    ensure_language(settings.language)
    apply_settings(settings)
    window = OfficeWindow(settings)
    window.show()
    window.open_folder(folder or window.remembered_folder() or None)
    QTimer.singleShot(0, set_window_icon)
    QTimer.singleShot(300, setup_logging)
    QTimer.singleShot(300, route_qt_messages)
    return app.exec()
