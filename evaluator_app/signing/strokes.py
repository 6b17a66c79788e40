"""Handwritten strokes: checked, turned into JSON and back, and rendered to a transparent PNG.

Pure Python and Pillow, no Qt: the signing pad in `ui/` hands over what it recorded (points in pad
pixels with the pen pressure), and everything else (the report, the record in the evaluation
file) works from the strokes or the PNG made here.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

from PIL import Image, ImageDraw

from ..domain.signature import Stroke
from ..errors import UserError

INK = (16, 28, 92)  # blue-black, like a gel pen
MAX_WIDTH = 600  # pixels of the rendered PNG
MAX_HEIGHT = 600
MARGIN = 12  # pixels around the ink in the rendered PNG
SUPERSAMPLE = 3  # drawn larger, then reduced: smooth edges without an anti-aliasing renderer
MAX_POINTS = 50_000  # a signature has a few thousand points; more is a stuck pen or bad input
MAX_STROKES = 2_000
MAX_PAD_SIDE = 20_000
DEFAULT_PRESSURE = 0.5  # a mouse or a pad that reports no pressure


def normalise_strokes(strokes: Any) -> list[Stroke]:
    """Strokes checked and as plain tuples of floats; `UserError` when they are not usable.

    Each stroke is a list of (x, y, pressure) points; (x, y) alone is accepted with the default
    pressure. Pressure is clamped to 0..1. Empty strokes are dropped.
    """
    if not isinstance(strokes, (list, tuple)):
        raise UserError("签名笔迹格式不对：应为笔画列表")
    if len(strokes) > MAX_STROKES:
        raise UserError(f"签名笔画过多（{len(strokes)} 笔），请清除后重新签名")
    result: list[Stroke] = []
    total = 0
    for index, stroke in enumerate(strokes, start=1):
        if not isinstance(stroke, (list, tuple)):
            raise UserError(f"签名笔迹格式不对：第 {index} 笔应为点的列表")
        points: Stroke = []
        for point in stroke:
            if not isinstance(point, (list, tuple)) or len(point) not in (2, 3):
                raise UserError(f"签名笔迹格式不对：第 {index} 笔中的点应为 (x, y, 压力)")
            values = [_number(v, index) for v in point]
            pressure = values[2] if len(values) == 3 else DEFAULT_PRESSURE
            points.append((values[0], values[1], min(1.0, max(0.0, pressure))))
        total += len(points)
        if total > MAX_POINTS:
            raise UserError("签名笔迹的点数过多，请清除后重新签名")
        if points:
            result.append(points)
    return result


def _number(value: Any, index: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(f"签名笔迹格式不对：第 {index} 笔中有非数值的坐标")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 10 * MAX_PAD_SIDE:
        raise UserError(f"签名笔迹格式不对：第 {index} 笔中有无效的坐标")
    return number


def has_ink(strokes: Sequence[Stroke]) -> bool:
    return any(len(stroke) > 0 for stroke in strokes)


def strokes_to_json(strokes: Iterable[Stroke]) -> str:
    """Compact JSON: coordinates to 0.01 pixel, pressure to 0.001."""
    checked = normalise_strokes(list(strokes))
    document = [[[_round(x, 2), _round(y, 2), _round(p, 3)] for x, y, p in stroke] for stroke in checked]
    return json.dumps(document, separators=(",", ":"))


def _round(value: float, places: int) -> float | int:
    rounded = round(value, places)
    return int(rounded) if rounded == int(rounded) else rounded


def strokes_from_json(text: str | bytes) -> list[Stroke]:
    try:
        document = json.loads(text)
    except (ValueError, TypeError):
        raise UserError("签名笔迹数据已损坏，无法读取") from None
    return normalise_strokes(document)


def render_png(strokes: Sequence[Stroke], width: int, height: int, ink: tuple[int, int, int] = INK,
               max_width: int = MAX_WIDTH, max_height: int = MAX_HEIGHT) -> bytes:
    """The strokes as a transparent PNG, cropped to the ink with a margin, at most `max_width` wide.

    `width` and `height` are the pad's size when drawn; the pen width follows it, so a signature
    looks the same whatever the size of the pad, and it grows with the pressure.
    """
    checked = normalise_strokes(list(strokes))
    if not has_ink(checked):
        raise UserError("签名为空，请在签字板上签名后再确认")
    if not (0 < width <= MAX_PAD_SIDE and 0 < height <= MAX_PAD_SIDE):
        raise UserError(f"签字板尺寸无效：{width} × {height}")

    base = max(1.5, min(width, height) / 60)  # nominal pen width in pad pixels
    widest = base * 1.3
    xs = [x for stroke in checked for x, _, _ in stroke]
    ys = [y for stroke in checked for _, y, _ in stroke]
    left, top = min(xs) - widest / 2, min(ys) - widest / 2
    ink_w, ink_h = max(xs) - min(xs) + widest, max(ys) - min(ys) + widest
    scale = min(1.0, (max_width - 2 * MARGIN) / ink_w, (max_height - 2 * MARGIN) / ink_h)
    out_w = max(1, math.ceil(ink_w * scale) + 2 * MARGIN)
    out_h = max(1, math.ceil(ink_h * scale) + 2 * MARGIN)

    factor = scale * SUPERSAMPLE
    offset = MARGIN * SUPERSAMPLE
    mask = Image.new("L", (out_w * SUPERSAMPLE, out_h * SUPERSAMPLE), 0)
    draw = ImageDraw.Draw(mask)

    def place(x: float, y: float) -> tuple[float, float]:
        return (x - left) * factor + offset, (y - top) * factor + offset

    for stroke in checked:
        no_pressure = all(p == 0 for _, _, p in stroke)
        points = [(x, y, DEFAULT_PRESSURE if no_pressure else p) for x, y, p in stroke]
        previous = None
        for x, y, p in points:
            here = place(x, y)
            radius = max(0.5, _pen_width(base, p) * factor / 2)
            draw.ellipse((here[0] - radius, here[1] - radius, here[0] + radius, here[1] + radius), fill=255)
            if previous is not None:
                draw.line((previous[0], here), fill=255, width=max(1, round(radius + previous[1])))
            previous = (here, radius)

    mask = mask.resize((out_w, out_h), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (out_w, out_h), (*ink, 0))
    image.putalpha(mask)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pen_width(base: float, pressure: float) -> float:
    return base * (0.4 + 0.9 * pressure)


def is_png(data: bytes) -> bool:
    return data[:8] == b"\x89PNG\r\n\x1a\n"


__all__ = ["normalise_strokes", "has_ink", "strokes_to_json", "strokes_from_json", "render_png", "is_png"]
