"""Driving real widgets in tests: modal dialogs answered as a person would, files made as another author would."""

from __future__ import annotations

import json
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from evaluator_app.services.files import import_evaluation


def when_dialog_opens(action, attempts: int = 50) -> None:
    """Run `action(dialog)` on the next modal dialog, once it is on screen."""

    def poll(remaining: int = attempts) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            action(dialog)
        elif remaining:
            QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, poll)


def shown_window(qtbot):
    """A main window at 1366×768, on screen and active, closed with the test."""
    from ui.main_window import MainWindow
    from ui.settings import AppSettings
    win = MainWindow(AppSettings())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def make_file(tmp_path, document: dict, name: str = "评估.sqlite"):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document, default=str, ensure_ascii=False), encoding="utf-8")
    return import_evaluation(source, tmp_path / name)


def as_decimal(text: str) -> Decimal:
    return Decimal(text)
