"""The one font of every PDF: WenQuanYi Micro Hei (文泉驿微米黑), shipped in `resources/fonts/`.

reportlab embeds a subset of it (only the glyphs used) in each PDF, so Chinese renders the same
on a machine without Chinese fonts. The built-in CID font STSong-Light is never used: it is not
embedded, and a reader without the Adobe Asian font pack shows boxes or substitutes.

The face has no bold or italic; the family maps those to the same face so `<b>` markup does not
fail (headings get their weight from size instead).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import UserError
from ..paths import resources_dir

FONT_FILE = "wqy-microhei.ttc"
FONT_SUBFONT_INDEX = 0  # 0: the proportional face; 1 is the monospaced one
FONT_NAME = "WenQuanYiMicroHei"
# The same face under the family's other names (it has no bold or italic of its own).
FONT_BOLD = FONT_NAME

_lock = threading.Lock()
_registered = False


def font_path() -> Path:
    return resources_dir() / "fonts" / FONT_FILE


def register_fonts() -> str:
    """Register the shipped font with reportlab once (thread-safe); return its name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if _registered:
            return FONT_NAME
        path = font_path()
        try:
            font = TTFont(FONT_NAME, str(path), subfontIndex=FONT_SUBFONT_INDEX)
        except (OSError, TTFError) as err:
            raise UserError(f"找不到或无法读取报告字体 {path}（{err}）；请重新安装本程序") from None
        pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME,
                                      boldItalic=FONT_NAME)
        _registered = True
    return FONT_NAME
