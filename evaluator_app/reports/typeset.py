"""Chinese typesetting for the PDFs: 避头尾 line breaking, per-character font fallback, a heavy title.

`Para` is a reportlab Paragraph whose CJK line breaking keeps closing punctuation (，。；：、）》」
』！？ …) off the start of a line and opening punctuation (（《「『 …) off its end, by moving the
break earlier (the line before is left a little short, never overfull), and keeps a run of Latin
letters and digits (2025-11-20, 95.50, EV-001) on one line when it fits. `markup(text)` escapes
plain text for a Para and wraps each run the text's face lacks in the face that has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

from .fonts import FONT_NAME, font_runs, printable

# A line never starts with these (closing punctuation, stops, marks that hang on what precedes).
CANNOT_START = frozenset(
    "，。、；：！？）》」』】〕〗〙〛〉’”…‥·・%‰℃°′″々〻ー～"
    ",.;:!?)]}>" "\uff09\uff3d\uff5d\uff1e\uff05\uff0e"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# A line never ends with these (opening punctuation).
CANNOT_END = frozenset("（《「『【〔〖〘〚〈‘“([{<\uff08\uff3b\uff5b\uff1c")


DATE_UNITS = "年月日时分秒号"


def _word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".-/:%_@#+")


def _bad_punctuation(chars: list, k: int) -> bool:
    """Breaking before chars[k] would start a line with a closer or end one with an opener."""
    return chars[k] in CANNOT_START or chars[k - 1] in CANNOT_END


def _bad_break(chars: list, k: int) -> bool:
    """As `_bad_punctuation`, or the break would cut a word or a date (2025年12月31日)."""
    after, before = chars[k], chars[k - 1]
    return (_bad_punctuation(chars, k) or (_word_char(before) and _word_char(after))
            or (before.isdigit() and after in DATE_UNITS) or (before in "年月" and after.isdigit()))


def _break_point(chars: list, start: int, i: int) -> int:
    """Where to end the line chars[start:…] that overflows at chars[i]: the last good break point; failing
    that the last one that only cuts a word or date; failing that (one unbreakable run) at i."""
    for bad in (_bad_break, _bad_punctuation):
        k = i
        while k > start + 1 and bad(chars, k):
            k -= 1
        if not bad(chars, k):
            return k
    return i


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


def kinsoku_split(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool,
                  encoding: str = "utf8") -> Any:
    """reportlab's CJK frag splitter with 避头尾 and unbroken Latin runs."""
    chars: list[Any] = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            chars.extend(cjkU(t, frag, encoding) for t in text)
        else:
            chars.append(cjkU(text, frag, encoding))
    lines: list = []
    max_width = max_widths[0]

    def next_width() -> float:
        return max_widths[len(lines)] if len(lines) < len(max_widths) else max_widths[-1]

    start = i = 0
    used = 0.0
    count = len(chars)
    while i < count:
        u = chars[i]
        if hasattr(u.frag, "lineBreak"):
            used += _width(u, max_width)
            i += 1
            lines.append(makeCJKParaLine(chars[start:i], max_width, used, max_width - used, True, calc_bounds))
            max_width = next_width()
            start, used = i, 0.0
            continue
        w = _width(u, max_width)
        if used + w > max_width + _FUZZ and i > start:
            k = _break_point(chars, start, i)
            width = sum(_width(c, max_width) for c in chars[start:k])
            lines.append(makeCJKParaLine(chars[start:k], max_width, width, max_width - width, False, calc_bounds))
            max_width = next_width()
            start = k
            used = sum(_width(c, max_width) for c in chars[k:i])
            continue
        used += w
        i += 1
    if start < count:
        lines.append(makeCJKParaLine(chars[start:], max_width, used, max_width - used, False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


class Para(Paragraph):
    """A Paragraph with 避头尾 line breaking (its style must have wordWrap="CJK")."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 — reportlab's names
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return kinsoku_split(frags, maxWidths, auto_leading not in ("", "off"))

    def _get_split_blParaFunc(self) -> Any:  # noqa: N802 — reportlab's name
        return _split_lines


def _split_lines(bl_para: Any, start: int, stop: int) -> list[Any]:
    """The frags of lines start…stop of a split paragraph, as they are: reportlab's own version appends a
    space to each line (right for Latin words, a visible gap in Chinese)."""
    return [word for line in bl_para.lines[start:stop] for word in line.words]


def markup(text: str, base: str = FONT_NAME) -> str:
    """Plain text as Para markup: escaped, line breaks kept, runs the base face lacks in a face that has them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for face, run in font_runs(text, base):
        piece = escape(run).replace("\n", "<br/>")
        out.append(piece if face == base else f"<font face=\"{face}\">{piece}</font>")
    return "".join(out)


def draw_string(canv: Canvas, x: float, y: float, text: str, size: float, base: str = FONT_NAME,
                anchor: str = "middle") -> float:
    """Draw one line with per-character fallback; anchor start / middle / end. Returns its width."""
    runs = font_runs(printable(text).replace("\n", " "), base)
    widths = [canv.stringWidth(run, face, size) for face, run in runs]
    total = sum(widths)
    left = x - (total / 2 if anchor == "middle" else total if anchor == "end" else 0)
    for (face, run), width in zip(runs, widths, strict=True):
        canv.setFont(face, size)
        canv.drawString(left, y, run)
        left += width
    return total


class HeavyTitle(Flowable):
    """Centred title lines drawn filled and stroked, heavier than the body face (like 小标宋)."""

    def __init__(self, lines: list[str], style: ParagraphStyle, weight: float = 0.035):
        super().__init__()
        self.lines, self.style, self.weight = lines, style, weight

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.style.leading * len(self.lines)

    def draw(self) -> None:
        canv, style = self.canv, self.style
        canv.saveState()
        canv.setLineWidth(style.fontSize * self.weight)
        canv.setLineJoin(1)
        y = style.leading * len(self.lines) - style.fontSize
        for line in self.lines:
            _draw_heavy(canv, self.width / 2, y, line, style.fontSize, style.fontName)
            y -= style.leading
        canv.restoreState()


def _draw_heavy(canv: Canvas, x: float, y: float, line: str, size: float, base: str) -> None:
    runs = font_runs(printable(line), base)
    widths = [canv.stringWidth(run, face, size) for face, run in runs]
    left = x - sum(widths) / 2
    for (face, run), width in zip(runs, widths, strict=True):
        text = canv.beginText(left, y)
        text.setTextRenderMode(2)
        text.setFont(face, size)
        text.textOut(run)
        canv.drawText(text)
        left += width


__all__ = ["CANNOT_END", "CANNOT_START", "HeavyTitle", "Para", "draw_string", "kinsoku_split", "markup"]
