"""The shipped CJK font, registered with Qt so Chinese renders on machines without Chinese fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from evaluator_app.paths import resources_dir

_family: str | None = None


def load_app_font() -> str:
    """Register WenQuanYi Micro Hei once; returns its family name ('' if it could not be loaded)."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei.ttc"))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else ""
    return _family


def app_font(point_size: float = 10.5, large: bool = False) -> QFont:
    font = QFont(load_app_font() or "Sans Serif")
    font.setPointSizeF(point_size * (1.3 if large else 1.0))
    return font
