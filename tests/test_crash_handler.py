"""An unexpected error: logged to the crash file, shown as a message (not a traceback), no edit lost."""

from __future__ import annotations

import sys

import pytest

from evaluator_app import paths
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation
from tests.gui_helpers import make_file
from ui.app import install_crash_handler
from ui.main_window import MainWindow
from ui.settings import AppSettings

pytestmark = pytest.mark.gui


def test_crash_handler_logs_and_loses_no_edit(qtbot, tmp_path, answers, monkeypatch):
    path = make_file(tmp_path, evaluation())
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    window.open_file(str(path))
    window.session.set_pilot_field("address", "崩溃前的修改")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_crash_handler()
    try:
        raise RuntimeError("意外错误：测试")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    log = paths.data_dir() / "logs" / "crash.log"
    assert log.exists() and "意外错误：测试" in log.read_text(encoding="utf-8")
    # Read by another connection, as after a restart.
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        assert store.load().pilot["address"] == "崩溃前的修改"
