"""Small widgets shared by the step pages."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

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




INPUT_TYPES = ("QLineEdit", "QComboBox", "QAbstractSpinBox", "QPlainTextEdit", "QTextEdit", "QAbstractItemView")


def name_inputs(root: QWidget) -> None:
    """Give every input under `root` an accessible name a screen reader can speak: its label (a buddy or
    the label just before it in its layout), else its placeholder, else the heading before its list."""
    from PySide6.QtWidgets import QLayout, QTableWidget

    buddies = {id(label.buddy()): label.text() for label in root.findChildren(QLabel) if label.buddy() is not None}
    for widget in root.findChildren(QWidget):
        if widget.accessibleName() or widget.inherits("QHeaderView") \
                or not any(widget.inherits(kind) for kind in INPUT_TYPES):
            continue
        parent = widget.parentWidget()
        if widget.inherits("QLineEdit") and parent is not None and (
                parent.inherits("QComboBox") or parent.inherits("QAbstractSpinBox")
                or parent.inherits("QAbstractItemView") or (parent.parentWidget() is not None
                                                            and parent.parentWidget().inherits("QAbstractItemView"))):
            continue  # the editor inside a combo box, spin box or table cell
        name = buddies.get(id(widget), "")
        if not name and parent is not None and parent.parentWidget() is not None \
                and isinstance(parent.parentWidget(), QTableWidget):
            table = parent.parentWidget()
            name = _cell_widget_name(table, widget)
        if not name:
            name = _label_before(widget, QLayout)
        if not name and hasattr(widget, "placeholderText"):
            name = widget.placeholderText()
        if name:
            widget.setAccessibleName(name.replace("&", "").rstrip("：:*"))


def _cell_widget_name(table, widget: QWidget) -> str:
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            if table.cellWidget(row, col) is widget:
                header = table.horizontalHeaderItem(col)
                first = table.item(row, 0)
                return " ".join(t for t in ((first.text() if first else ""), (header.text() if header else "")) if t)
    return ""


def _label_before(widget: QWidget, layout_type) -> str:
    """The text of the QLabel just before `widget` in the layout that holds it (a form's row label too)."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return ""
    for layout in [parent.layout(), *parent.layout().findChildren(layout_type)]:
        index = layout.indexOf(widget)
        if index < 0:
            continue
        for previous in range(index - 1, -1, -1):
            item = layout.itemAt(previous).widget()
            if isinstance(item, QLabel) and item.text():
                return item.text()
            if item is not None and not isinstance(item, QLabel):
                break
    return ""


def ok_cancel(dialog, ok_text: str):
    """The dialog's OK / Cancel row, with the OK button saying what it does; wired to accept and reject."""
    from PySide6.QtWidgets import QDialogButtonBox

    from .i18n import tr
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# Inputs that only choose what is shown (whose score sheet): they keep working in a read-only file.
NAVIGATION_INPUTS = ("current_scorer",)
# Inputs of our own that take typing without being one of Qt's input widgets.
OWN_INPUTS = ("answer_entry",)


class _StayDisabled(QObject):
    """Turns a widget off again when a page's own refresh turns it back on."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        from PySide6.QtCore import QEvent
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) \
                and watched.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) is False:
            watched.setEnabled(False)
        return False


def make_read_only(root: QWidget, keep: tuple[str, ...] = NAVIGATION_INPUTS) -> None:
    """Nothing under `root` takes an edit: text fields become read-only (still selectable and copyable),
    tables stop editing, and choice boxes, spin boxes, check boxes and buttons are turned off (and stay
    off when the page refreshes). Tabs, scrolling, selection and the inputs named in `keep` (choosing
    what is shown) keep working. Widgets the page makes later are covered by calling this again."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTabBar,
        QTextEdit,
    )

    guard = root.findChild(_StayDisabled, "read_only_guard", Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        guard = _StayDisabled(root)
        guard.setObjectName("read_only_guard")
    for widget in root.findChildren(QWidget):
        if _kept(widget, root, keep):
            continue
        parent = widget.parentWidget()
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractButton)) or widget.objectName() in OWN_INPUTS:
            if isinstance(parent, (QTabBar, QAbstractItemView, QAbstractSpinBox, QComboBox)):
                continue  # a tab bar's scroll arrows, a table's corner button: part of looking around
            widget.setEnabled(False)
            widget.installEventFilter(guard)


def _kept(widget: QWidget, root: QWidget, keep: tuple[str, ...]) -> bool:
    while widget is not None and widget is not root:
        if widget.objectName() in keep:
            return True
        widget = widget.parentWidget()
    return False
