"""A handwritten signature: the strokes as drawn, a PNG of them, and what was signed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Purpose(StrEnum):
    SHEET = "sheet"  # a member signs their own submitted 计分表
    REPORT = "report"  # every member signs the 评估报告 (the 签字 cell of the panel list)
    CONCLUSION = "conclusion"  # the 组长 signs the conclusion (评估专家组长签字)


# One stroke is a list of points (x, y, pressure); x and y in pad pixels, pressure in 0..1.
Stroke = list[tuple[float, float, float]]


@dataclass(frozen=True)
class Signature:
    id: str
    signer: str  # member id
    purpose: Purpose
    signed_at: str  # ISO 8601 with offset
    content_sha256: str  # SHA-256 of the canonical text of what was signed
    png: bytes
    strokes: list[Stroke] = field(default_factory=list)
    width: int = 0  # the pad's size when drawn
    height: int = 0
