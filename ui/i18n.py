"""The interface language: Simplified Chinese (the source text) or English (Qt Linguist translations).

Every visible string goes through `tr()` when it is shown, so the window can rebuild itself in the
other language without a restart. Sentences with values are translated whole, with named
placeholders filled in afterwards: `tr("评估组 {n} 人").format(n=size)`.

Strings defined at import time (tables of labels, column headers) are marked with `N_()` so that
scripts/update_translations.py finds them, and are passed through `tr()` where they are shown.

Chinese installs no translator of ours (the source text is Chinese), only Qt's own Chinese
translations for its standard dialogs and buttons. English installs `evaluator_en.qm` from
resources/translations; Qt's own texts are English already.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from evaluator_app.paths import resources_dir

log = logging.getLogger("evaluator_app.ui")

CONTEXT = "evaluator"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
# Each language named in itself (never translated), so it can be found whatever the interface shows now.
LANGUAGE_NAMES = (("zh_CN", "简体中文"), ("en", "English"))
# Qt's own catalogues (standard buttons, file dialogs, context menus) per language.
QT_CATALOGUES = {"zh_CN": ("qtbase_zh_CN",), "en": ()}

_installed: list[QTranslator] = []
_current: str | None = None  # None until a language is installed


def tr(text: str, disambiguation: str | None = None) -> str:
    """The text in the current interface language (the Chinese source when there is no translation).

    `disambiguation` tells apart one Chinese text with two meanings (a literal; it is the .ts comment)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


def N_(text: str) -> str:  # noqa: N802 (the usual name of a translation marker)
    """Marks a literal for translation without translating it now; pass it through `tr()` where shown."""
    return text


def join(items) -> str:
    """A list in a sentence: 甲、乙、丙 / A, B, C."""
    return tr("、").join(str(item) for item in items)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def app_catalogue(code: str) -> Path:
    return translations_dir() / f"evaluator_{code}.qm"


def current_language() -> str:
    return _current or DEFAULT_LANGUAGE


def ensure_language(code: str) -> None:
    """Install `code` unless it is the language already installed (Qt's own Chinese included)."""
    if _current != code:
        install_language(code)


def install_language(code: str) -> bool:
    """Switch the translators to `code` ("zh_CN" or "en"); True if everything it needs loaded.

    An unknown code or a missing catalogue leaves the interface in Chinese and logs a warning:
    the program keeps working. Widgets already on screen keep their text until they are rebuilt
    (MainWindow.apply_language)."""
    global _current
    if code not in LANGUAGES:
        log.warning("unknown interface language %r; using %s", code, DEFAULT_LANGUAGE)
        code = DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    ok = True
    if code != DEFAULT_LANGUAGE:
        ok = _install(app_catalogue(code))
        if not ok:
            log.warning("interface translation %s is missing or unreadable; the interface stays Chinese",
                        app_catalogue(code))
            code = DEFAULT_LANGUAGE
    for name in QT_CATALOGUES.get(code, ()):
        found = _qt_catalogue(name)
        if found is None or not _install(found):
            log.warning("Qt's own translation %s.qm was not found; Qt's standard buttons stay in English", name)
    _current = code
    return ok


def _qt_catalogue(name: str) -> Path | None:
    """Qt's translations as shipped with PySide6 (or next to ours, for a bundle that left them out)."""
    for folder in (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()):
        path = folder / f"{name}.qm"
        if path.is_file():
            return path
    return None


def _install(path: Path) -> bool:
    translator = QTranslator()
    if not path.is_file() or not translator.load(str(path)):
        return False
    if QCoreApplication.instance() is not None:
        QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
