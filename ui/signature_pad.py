"""A signature pad: mouse, touchpad or pen (with pressure); the strokes are kept as drawn."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr
from .widgets import ok_cancel

PAD_WIDTH, PAD_HEIGHT = 480, 160
INK = QColor(20, 40, 110)


class SignaturePad(QWidget):
    """Draw with the left button or a pen; Backspace removes the last stroke, Delete clears."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedSize(PAD_WIDTH, PAD_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("签字板：按住鼠标左键或用手写笔书写"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[tuple[float, float, float]]] = []
        self._drawing = False

    # -- input ------------------------------------------------------------------------------------
    def _add_point(self, position: QPointF, pressure: float) -> None:
        x = min(max(position.x(), 0.0), float(PAD_WIDTH))
        y = min(max(position.y(), 0.0), float(PAD_HEIGHT))
        self.strokes[-1].append((round(x, 1), round(y, 1), round(min(max(pressure, 0.05), 1.0), 3)))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drawing = True
            self.strokes.append([])
            self._add_point(event.position(), 0.5)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing:
            self._add_point(event.position(), 0.5)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._drawing = True
            self.strokes.append([])
            self._add_point(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletMove and self._drawing:
            self._add_point(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease and self._drawing:
            self._drawing = False
            self.changed.emit()
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Backspace and self.strokes:
            self.strokes.pop()
            self.update()
            self.changed.emit()
        elif event.key() == Qt.Key.Key_Delete:
            self.clear()
        else:
            super().keyPressEvent(event)

    def clear(self) -> None:
        self.strokes = []
        self.update()
        self.changed.emit()

    def has_ink(self) -> bool:
        return any(len(stroke) > 1 for stroke in self.strokes)

    # -- drawing ------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(20, PAD_HEIGHT - 35, PAD_WIDTH - 20, PAD_HEIGHT - 35)
        for stroke in self.strokes:
            for (x0, y0, p0), (x1, y1, _) in pairwise(stroke):
                painter.setPen(QPen(INK, 1.2 + 3.0 * p0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
        painter.end()


class SignDialog(QDialog):
    """One signature: who signs what, the pad, clear / sign / cancel."""

    def __init__(self, signer_name: str, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("{name} 签字").format(name=signer_name))
        self.pad = SignaturePad()
        clear = QPushButton(tr("清除重签"))
        clear.clicked.connect(self.pad.clear)
        buttons = ok_cancel(self, tr("确认签字"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.pad.changed.connect(lambda: self.ok.setEnabled(self.pad.has_ink()))
        row = QHBoxLayout()
        row.addWidget(clear)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("{name}：请在下方签字，确认{what}。签字时记录时间和所签内容的 SHA-256。")
                                .format(name=signer_name, what=what)))
        layout.addWidget(self.pad)
        layout.addLayout(row)
