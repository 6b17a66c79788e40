"""Driving real widgets in tests: modal dialogs answered as a person would, files made as another author would."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from evaluator_app.services.files import import_evaluation

POLL_MS = 20
LEFT_OPEN_MS = 3000  # how long a dialog may stay open after its action returned


class DialogHandler:
    """One `when_dialog_opens`: runs the action on the next modal dialog, and never lets the test hang.

    `ran` tells whether the action ran; `failure` says what went wrong (no dialog in time, the action
    raised, or the dialog was left open). A modal dialog that opens after the handler gave up, or that
    the action leaves open, is rejected so its `exec()` returns. `tests/conftest.py` fails the test at
    teardown with every failure and every handler that never ran.
    """

    def __init__(self, action: Callable[[QWidget], object], attempts: int) -> None:
        self.action = action
        self.attempts = attempts
        self.remaining = attempts
        self.ran = False
        self.failure: str | None = None
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._poll)
        self.timer.start(0)

    def _describe(self, dialog: QWidget) -> str:
        return f"{type(dialog).__name__} “{dialog.windowTitle()}”"

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        visible = dialog is not None and dialog.isVisible()
        if self.failure is not None:  # gave up: close whatever modal dialog turns up late
            if visible:
                self.failure += f"; {self._describe(dialog)} opened later and was rejected"
                _close(dialog)
            self.timer.start(POLL_MS)
        elif visible:
            self._run(dialog)
        elif self.remaining > 0:
            self.remaining -= 1
            self.timer.start(POLL_MS)
        else:
            self.failure = (f"when_dialog_opens({getattr(self.action, '__name__', self.action)}): no modal dialog "
                            f"opened within {self.attempts * POLL_MS} ms")
            self.timer.start(POLL_MS)

    def _run(self, dialog: QWidget) -> None:
        self.ran = True
        name = self._describe(dialog)
        try:
            self.action(dialog)
        except BaseException as err:
            self.failure = f"the action on {name} raised {err!r}; the dialog was rejected"
            _close(dialog)
            raise
        if shiboken6.isValid(dialog) and dialog.isVisible():
            def still_open() -> None:
                if shiboken6.isValid(dialog) and dialog.isVisible():
                    self.failure = f"the action left {name} open; it was rejected after {LEFT_OPEN_MS} ms"
                    _close(dialog)
            QTimer.singleShot(LEFT_OPEN_MS, still_open)

    def finish(self) -> str | None:
        """Stop watching; what went wrong, if anything."""
        self.timer.stop()
        if self.failure is None and not self.ran:
            return (f"when_dialog_opens({getattr(self.action, '__name__', self.action)}): no modal dialog opened "
                    "during the test")
        return self.failure


def _close(dialog: QWidget) -> None:
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


_handlers: list[DialogHandler] = []


def when_dialog_opens(action: Callable[[QWidget], object], attempts: int = 250) -> DialogHandler:
    """Run `action(dialog)` on the next modal dialog, once it is on screen (polled every 20 ms,
    `attempts` times). The test fails, rather than waits forever, when that does not happen."""
    handler = DialogHandler(action, attempts)
    _handlers.append(handler)
    return handler


def finish_dialog_handlers() -> list[str]:
    """Called after each test (tests/conftest.py): stops every handler, returns their failures."""
    failures = [failure for handler in _handlers if (failure := handler.finish()) is not None]
    _handlers.clear()
    return failures


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


def key_with_text(widget, char: str) -> None:
    """One key press and release carrying `char`, as a keyboard layout or a committed input method
    delivers a Chinese character. QTest's own key events pass the text through Latin-1 on the Qt 6.9
    line, so the events are built here, the same on both lines."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
