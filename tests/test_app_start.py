"""`evaluator-app FILE` through the real start-up path: the window opens on the file; collection resumes
and the icon is set once it is up."""

from __future__ import annotations

import gc
import logging

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.factories import default_sheet, evaluation, panel
from tests.gui_helpers import make_file
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_start_up_opens_the_file_and_resumes_garbage_collection(qtbot, tmp_path, answers):
    from evaluator_app.cli import main

    path = make_file(tmp_path, evaluation(sheet=default_sheet(), members=panel(6, 2)))
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["windows"] = windows
        seen["collecting"] = gc.isenabled()
        seen["icon"] = not QApplication.windowIcon().isNull()
        # Leave the event loop directly: closing the last window inside it would post a Quit event
        # that stays behind for the next test's dialogs.
        QApplication.exit(0)

    handlers = list(logging.getLogger().handlers)
    QTimer.singleShot(1000, look_and_quit)
    try:
        code = main([str(path)])  # the command line pauses collection while the window is built
    finally:
        gc.enable()
        for window in seen.get("windows", []):
            qtbot.addWidget(window)  # closed and deleted with the test
        for handler in logging.getLogger().handlers[len(handlers):]:
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert code == 0
    assert any(path.name in title for title in seen["titles"])
    assert seen["collecting"] is True
    assert seen["icon"]  # the window icon is set once the window is up


def test_missing_system_library_is_named_without_a_traceback(monkeypatch, capsys):
    """A desktop without libGL (say): Qt's widgets cannot load, and the message says which library is missing."""
    import ui.app

    def no_gl():
        raise ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    monkeypatch.setattr(ui.app, "create_application", no_gl)
    monkeypatch.setattr(ui.app, "install_crash_handler", lambda: None)
    assert ui.app.run() == 2
    err = capsys.readouterr().err
    assert "无法启动图形界面" in err and "libGL.so.1" in err and "Traceback" not in err


def test_the_window_loads_without_starting_openssl():
    """Start-up time: hashing (OpenSSL) is loaded when a seal, a digest or a merge first needs it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = "import sys, ui.main_window, ui.session, ui.evaluation_page; print('_hashlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
