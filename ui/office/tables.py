"""The read-only tables of the office window: rows of one kind under named columns (key, header)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ..i18n import tr

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """`rows` shown under `columns`; subclasses say what a cell shows (`data`)."""

    numbered = False  # the vertical header counts the rows

    def __init__(self, columns: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, number: int) -> Any:
        return self.rows[number]

    def key_at(self, column: int) -> str:
        return self.columns[column][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(self.columns[section][1])
        return str(section + 1) if self.numbered else None


__all__ = ["RowsModel", "Index"]
