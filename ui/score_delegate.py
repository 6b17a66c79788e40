"""The score sheet's cell editors, keyed as a person copying from a paper sheet types.

Enter, Tab, Shift+Tab, Up and Down save the cell first. An entry the rules refuse (out of range, off the
step, not a number, a reason before a score) leaves the editor open with the typed text, while the page
shows why; Enter or Tab from an empty reason for a deduction the sheet wants explained stays there too.
Otherwise the editor closes and `moved` tells the page which cell was saved and which key left it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QStyledItemDelegate, QWidget

NOTE = 3  # the deduction-reason column
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
LEAVING = (*ENTER, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Up, Qt.Key.Key_Down)
FORWARD = (*ENTER, Qt.Key.Key_Tab)


class ScoreSheetDelegate(QStyledItemDelegate):
    moved = Signal(QModelIndex, int)  # the cell just saved, the key that left it
    held = Signal(str)  # why the editor stays open although its entry was saved

    def __init__(self, model, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802 (Qt name)
        editor = super().createEditor(parent, option, index)
        editor.setProperty("sheet_row", index.row())
        editor.setProperty("sheet_column", index.column())
        item = self.model.data(self.model.index(index.row(), 0))
        editor.setAccessibleName(f"{item} {self.model.headerData(index.column(), Qt.Orientation.Horizontal)}")
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in LEAVING
                and isinstance(editor, QWidget) and editor.property("sheet_row") is not None):
            self.leave(editor, Qt.Key(event.key()))
            return True
        return super().eventFilter(editor, event)

    def leave(self, editor: QWidget, key: Qt.Key) -> None:
        index = self.model.index(editor.property("sheet_row"), editor.property("sheet_column"))
        self.commitData.emit(editor)  # the view saves it through setModelData → ScoreSheetModel.setData
        if self.model.refusal:
            return
        if key in FORWARD and index.column() == NOTE:
            missing = self.model.missing_note(index.row())
            if missing:
                self.held.emit(missing)
                return
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.moved.emit(index, int(key.value))
