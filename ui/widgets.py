"""Small widgets shared by the step pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

BANNER_STYLES = {
    "error": "background:#fdecea; color:#8a1c1c; border:1px solid #f5c2c0;",
    "warning": "background:#fff8e1; color:#6d4c00; border:1px solid #ffe08a;",
    "ok": "background:#e8f5e9; color:#1b5e20; border:1px solid #b7dfb9;",
    "info": "background:#e8f0fe; color:#0d3c84; border:1px solid #c3d5fb;",
}


class Banner(QLabel):
    """A coloured line of rule messages; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_messages(self, messages: list[str], level: str = "error") -> None:
        if not messages:
            self.hide()
            self.setText("")
            return
        self.setStyleSheet(f"QLabel {{{BANNER_STYLES[level]} padding:6px 10px; border-radius:4px;}}")
        self.setText("\n".join(messages))
        self.show()


class AutoSaveText(QPlainTextEdit):
    """A text editor that saves shortly after typing stops and when it loses focus (undo is Qt's own)."""

    save = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._timer.start)
        self._saved = ""

    def set_saved_text(self, text: str) -> None:
        """Show text from the file without treating it as an edit."""
        if text == self.toPlainText():
            self._saved = text
            return
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._saved = text

    def flush(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.save.emit(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.flush()
        super().focusOutEvent(event)


def heading(text: str, size: int = 13) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def vbox(*widgets: QWidget, margins: int = 0) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    for widget in widgets:
        layout.addWidget(widget)
    return layout
