"""Every input a person can reach has a name a screen reader speaks, on every step page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from evaluator_app.services.handover import build_demo
from ui.main_window import MainWindow
from ui.settings import AppSettings
from ui.widgets import INPUT_TYPES

pytestmark = pytest.mark.gui


def unnamed_inputs(root) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if widget.inherits("QHeaderView") or not any(widget.inherits(kind) for kind in INPUT_TYPES):
            continue
        if not widget.isVisibleTo(root) or widget.accessibleName() or id(widget) in buddies:
            continue
        parent = widget.parentWidget()
        inner = widget.inherits("QLineEdit") and parent is not None and any(
            p is not None
            and (p.inherits("QComboBox") or p.inherits("QAbstractSpinBox") or p.inherits("QAbstractItemView"))
            for p in (parent, parent.parentWidget()))
        if not inner:
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_every_step_page_names_its_inputs(qtbot, tmp_path, answers):
    paths = build_demo(tmp_path / "demo")
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    window.show()
    assert window.open_file(str(paths["evaluation"]))
    missing = {}
    for number in range(1, len(window.page.steps) + 1):
        window.page.go_to(number)
        QApplication.processEvents()
        page = window.page.step_page(number)
        missing[number] = unnamed_inputs(page)
    assert missing == {number: [] for number in missing}
