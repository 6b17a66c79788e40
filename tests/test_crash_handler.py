"""An unexpected error: logged to the crash file, shown as a message (not a traceback), no edit lost."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


def test_each_command_line_crash_gets_its_own_log_even_within_one_second(capsys, monkeypatch):
    from evaluator_app import cli

    def fail(args):
        raise RuntimeError(f"意外错误：{args.file}")

    monkeypatch.setattr(cli, "_dispatch", fail)  # a bug in whatever the command runs
    logs = []
    for name in ("第一次.sqlite", "第二次.sqlite"):
        assert cli.main(["summary", name]) == 3
        err = capsys.readouterr().err
        assert "程序内部错误" in err and "Traceback" not in err
        logs.append(Path(err.split("详细信息已写入 ")[1].split("，")[0]))
    assert logs[0] != logs[1]
    assert sorted(p.name for p in (paths.data_dir() / "logs").iterdir()) == sorted(p.name for p in logs)
    assert "第一次.sqlite" in logs[0].read_text(encoding="utf-8")
    assert "第二次.sqlite" in logs[1].read_text(encoding="utf-8")
    assert all(f"-{os.getpid()}" in p.name for p in logs)
