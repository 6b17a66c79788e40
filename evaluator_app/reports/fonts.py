"""The fonts of every PDF, shipped in `resources/fonts/` and embedded as subsets.

- Body and title: AR PL SungtiL GB (文鼎 PL 简报宋, a 宋体 for GB 2312; Arphic Public License). The
  title is drawn heavier from the same face (filled and stroked), in the manner of 小标宋.
- Headings: WenQuanYi Micro Hei (文泉驿微米黑, a 黑体; Apache 2.0), as GB/T 9704 sets first-level
  headings in 黑体.
- Per-character fallback when a face lacks a glyph: HanaMinA (花园明朝A; every CJK Unified
  Ideograph outside GB 2312 and all of Extension A), HanaMinB (花园明朝B; all of Extension B),
  then WenQuanYi Micro Hei (symbols, GBK). So "王䶮" and "𠮷祥" print whole.

A character that no shipped font covers would print as nothing; `uncovered_characters` finds them
and `check_coverage` refuses with a `UserError` naming the field, so the report is never printed
with a silently dropped character. Control and format characters and variation selectors are
invisible: they are not checked, and `printable` removes them (line breaks and tabs stay).

reportlab writes its ToUnicode maps with four hex digits, which turns a character beyond the Basic
Multilingual Plane (𠮷 U+20BB7) into garbage when the text is extracted or searched; this module
replaces that one function with one that writes UTF-16 (the same output for every BMP character).
The built-in CID font STSong-Light is never used: it is not embedded.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import UserError
from ..paths import resources_dir


@dataclass(frozen=True)
class FontFile:
    name: str  # the name reportlab knows it by
    file: str
    subfont: int = 0
    label: str = ""


BODY = FontFile("ARPLSungtiLGB", "gbsn00lp.ttf", label="AR PL SungtiL GB（宋体）")
HEI = FontFile("WenQuanYiMicroHei", "wqy-microhei.ttc", 0, "WenQuanYi Micro Hei（黑体）")
EXT_A = FontFile("HanaMinA", "HanaMinA-subset.ttf", label="HanaMinA（扩展A区等）")
EXT_B = FontFile("HanaMinB", "HanaMinB-subset.ttf", label="HanaMinB（扩展B区）")
FONTS = (BODY, HEI, EXT_A, EXT_B)
# The order in which faces are tried for a character the text's own face lacks.
FALLBACK_ORDER = (BODY, EXT_A, EXT_B, HEI)

FONT_NAME = BODY.name  # body text, tables and the title
FONT_BOLD = FONT_NAME  # no bold face: `<b>` maps to the same face; the title is stroked instead
HEADING_FONT = HEI.name

# Kept for the Qt side and older callers: the sans face the GUI registers.
FONT_FILE = HEI.file
FONT_SUBFONT_INDEX = HEI.subfont

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}

_KEEP = {"\n", "\t"}


def font_path(font: FontFile = HEI) -> Path:
    return resources_dir() / "fonts" / font.file


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with each destination written as UTF-16BE (PDF 32000 9.10.3)."""
    mapping = [f"<{index:02X}> <{chr(code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
               for index, code in enumerate(subset)]
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
            f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
            f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
            *mapping, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


def register_fonts() -> str:
    """Register the shipped fonts with reportlab once (thread-safe); return the body font's name."""
    if len(_coverage) == len(FONTS):
        return FONT_NAME
    with _lock:
        if len(_coverage) == len(FONTS):
            return FONT_NAME
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        for spec in FONTS:
            if spec.name in _coverage:
                continue
            path = font_path(spec)
            try:
                font = TTFont(spec.name, str(path), subfontIndex=spec.subfont)
            except (OSError, TTFError) as err:
                raise UserError(f"找不到或无法读取报告字体 {path}（{err}）；请重新安装本程序") from None
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFontFamily(spec.name, normal=spec.name, bold=spec.name, italic=spec.name,
                                          boldItalic=spec.name)
            _coverage[spec.name] = frozenset(font.face.charToGlyph)
    return FONT_NAME


# -- coverage ------------------------------------------------------------------------------------

def ignorable(char: str) -> bool:
    """Invisible characters: controls (but line breaks and tabs), format characters, variation selectors."""
    if char in _KEEP:
        return False
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True
    return unicodedata.category(char) in ("Cc", "Cf")


def printable(text: str) -> str:
    """The text without its invisible characters (see `ignorable`)."""
    return "".join(c for c in text if not ignorable(c))


def covers(font: str, char: str) -> bool:
    register_fonts()
    return ord(char) in _coverage[font]


def font_for(char: str, base: str = FONT_NAME) -> str | None:
    """The face that draws `char`: `base` when it has the glyph, else the first fallback that has it."""
    register_fonts()
    code = ord(char)
    if code in _coverage[base]:
        return base
    for spec in FALLBACK_ORDER:
        if code in _coverage[spec.name]:
            return spec.name
    return None


def uncovered_characters(text: str) -> list[str]:
    """The distinct characters of `text` that no shipped font can draw, in order of appearance."""
    register_fonts()
    found: dict[str, None] = {}
    for char in text:
        if char in _KEEP or char in found or ignorable(char) or char == " ":
            continue
        if font_for(char) is None:
            found[char] = None
    return list(found)


def describe_characters(chars: Iterable[str]) -> str:
    """“X”（U+XXXX） for each character, as an error message names them."""
    return "、".join(f"“{c}”（U+{ord(c):04X}）" for c in chars)


def check_coverage(fields: Iterable[tuple[str, str]]) -> None:
    """Refuse (UserError) when any (field label, text) pair has a character no shipped font draws."""
    problems = []
    for label, text in fields:
        missing = uncovered_characters(text or "")
        if missing:
            problems.append(f"{label}中的 {describe_characters(missing)}")
    if problems:
        raise UserError("报告字体无法显示以下字符，生成报告会丢失这些字：" + "；".join(problems)
                        + "。请改用常用写法或通用规范汉字后再生成报告")


def font_runs(text: str, base: str = FONT_NAME) -> list[tuple[str, str]]:
    """`text` cut into (face, run) pieces so each character is drawn by a face that has it.

    Line breaks, tabs and spaces stay with the run they are in; invisible characters are dropped.
    A character no face has (see `check_coverage`) stays in the base face's run.
    """
    register_fonts()
    runs: list[tuple[str, str]] = []
    current, chunk = base, list[str]()
    for char in text:
        if ignorable(char):
            continue
        face = current if char in _KEEP or char == " " else (font_for(char, base) or base)
        if face != current and chunk:
            runs.append((current, "".join(chunk)))
            chunk = []
        current = face
        chunk.append(char)
    if chunk:
        runs.append((current, "".join(chunk)))
    return runs
