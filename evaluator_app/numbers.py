"""Exact numbers: scores enter as Decimal, aggregates stay exact as Fraction, rounding only on output."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import overload

Number = Decimal | Fraction | int

TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


def to_decimal(value: object) -> Decimal | None:
    """An exact Decimal from a JSON number or numeric string; None when it is not a finite number.

    Floats are refused: every number must be read with `parse_float=Decimal`.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 40:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def as_fraction(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def rounded(value: Number, places: Decimal = TWO_PLACES) -> Decimal:
    """Round half up to `places` (0.01 by default), exactly from the rational value."""
    frac = as_fraction(value)
    scale = int(1 / places)
    scaled = frac * scale
    # Half up means away from zero at .5; aggregates here are never negative.
    whole = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    if scaled < 0:
        whole = -whole
    return (Decimal(whole) / Decimal(scale)).quantize(places, rounding=ROUND_HALF_UP)


@overload
def fmt(value: Number, places: Decimal = ...) -> str: ...
@overload
def fmt(value: None, places: Decimal = ...) -> None: ...
@overload
def fmt(value: Number | None, places: Decimal = ...) -> str | None: ...
def fmt(value: Number | None, places: Decimal = TWO_PLACES) -> str | None:
    """The output form of a figure: a string rounded half up, or None."""
    return None if value is None else str(rounded(value, places))


def fmt_plain(value: Decimal | int) -> str:
    """An input value written back without spurious zeros: 2.50 -> "2.5", 3 -> "3"."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def is_multiple(value: Decimal, step: Decimal) -> bool:
    return step > 0 and (value / step) == (value / step).to_integral_value()
