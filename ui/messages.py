"""Every message box goes through here, so tests and headless runs can answer or log them."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from .i18n import tr

log = logging.getLogger("evaluator_app.ui")

# Tests and headless runs set `interactive = False` and answer through the hooks:
# `ask_hook` returns True/False, `ask_text_hook` a string or None.
interactive = True
ask_hook: Callable[[str, str], bool] | None = None
ask_text_hook: Callable[[str, str], str | None] | None = None
shown: list[tuple[str, str]] = []  # (kind, text) of every message, newest last


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    _record("info", text)
    if interactive:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.information(parent, title or tr("提示"), text)


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    _record("error", text)
    if interactive:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.warning(parent, title or tr("无法完成"), text)


def ask(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    _record("ask", text)
    title = title or tr("请确认")
    if not interactive:
        return ask_hook(title, text) if ask_hook else False
    from PySide6.QtWidgets import QMessageBox
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, text: str, title: str | None = None) -> str | None:
    _record("ask_text", text)
    title = title or tr("请填写")
    if not interactive:
        return ask_text_hook(title, text) if ask_text_hook else None
    from PySide6.QtWidgets import QInputDialog
    value, ok = QInputDialog.getMultiLineText(parent, title, text)
    return value.strip() if ok and value.strip() else None


def _record(kind: str, text: str) -> None:
    shown.append((kind, text))
    del shown[:-50]
    log.info("%s: %s", kind, text)


# Tests answer `choose` and `save_path` through these hooks: the chosen key, and a path (or None).
choose_hook: Callable[[str, list[str]], str | None] | None = None
save_path_hook: Callable[[str, str], str | None] | None = None


def choose(parent: QWidget | None, text: str, options: list[tuple[str, str]], title: str | None = None) -> str | None:
    """A question with several answers, `options` as (key, button text); the key chosen, or None."""
    _record("choose", text)
    title = title or tr("请选择")
    if not interactive:
        return choose_hook(text, [key for key, _ in options]) if choose_hook else None
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = {box.addButton(label, QMessageBox.ButtonRole.ActionRole): key for key, label in options}
    box.exec()
    return buttons.get(box.clickedButton())


def save_path(parent: QWidget | None, title: str, suggested: str, pattern: str,
              confirm_overwrite: bool = True) -> str | None:
    """Where to save a file (a file dialog), or None when cancelled."""
    _record("save_path", title)
    if not interactive:
        return save_path_hook(title, suggested) if save_path_hook else None
    from PySide6.QtWidgets import QFileDialog
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern, options=options)
    return path or None


open_path_hook: Callable[[str], str | None] | None = None


def open_path(parent: QWidget | None, title: str, pattern: str) -> str | None:
    """Which file to open (a file dialog), or None when cancelled."""
    _record("open_path", title)
    if not interactive:
        return open_path_hook(title) if open_path_hook else None
    from PySide6.QtWidgets import QFileDialog
    path, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return path or None


# Tests answer `open_paths` (several files) and `folder_path` through these hooks: a list of paths, a folder.
open_paths_hook: Callable[[str], list[str]] | None = None
folder_path_hook: Callable[[str], str | None] | None = None


def open_paths(parent: QWidget | None, title: str, pattern: str) -> list[str]:
    """Which files to open (a file dialog where several may be chosen); empty when cancelled."""
    _record("open_paths", title)
    if not interactive:
        return list(open_paths_hook(title)) if open_paths_hook else []
    from PySide6.QtWidgets import QFileDialog
    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", pattern)
    return list(paths)


def folder_path(parent: QWidget | None, title: str) -> str | None:
    """Which folder to write into (a folder dialog: a USB stick, say), or None when cancelled."""
    _record("folder_path", title)
    if not interactive:
        return folder_path_hook(title) if folder_path_hook else None
    from PySide6.QtWidgets import QFileDialog
    return QFileDialog.getExistingDirectory(parent, title) or None
