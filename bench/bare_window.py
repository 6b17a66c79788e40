"""The floor for start-up: a bare PySide6 QMainWindow started the same way as the app (Ctrl+Q quits)."""

import sys

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle(f"bare-bench-{sys.argv[1] if len(sys.argv) > 1 else ''}")
window.resize(1366, 768)
QShortcut(QKeySequence("Ctrl+Q"), window, window.close)
window.show()
sys.exit(app.exec())
