"""Exact numbers: scores enter as Decimal, aggregates stay exact as Fraction, rounding only on output."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import overload

Number = Decimal | Fraction | int

TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


# Bounds on every number read from outside (documents, workbooks, typed text): a score, a maximum, a
# weight or a count lies far inside them, and nothing beyond them can make exact arithmetic or
# printing slow (`1E+999999999` would be a billion-digit integer in a Fraction).
MAX_MAGNITUDE = 10**6  # |x| <= 1 000 000
MAX_DECIMAL_PLACES = 6  # 0.000001; trailing zeros do not count
MAX_NUMBER_CHARS = 40  # a number's text, in JSON or a cell


def to_decimal(value: object) -> Decimal | None:
    """An exact Decimal from a JSON number or numeric string; None when it is not a finite number
    within the bounds (`number_problem` says why).

    Floats are refused: every number must be read with `parse_float=Decimal`.
    """
    number = _finite(value)
    return None if number is None or bounds_problem(number) else number


def number_problem(value: object) -> str | None:
    """Why a number (JSON number, Decimal or numeric string) is out of bounds; None when it is within
    them or is not a number at all."""
    number = _finite(value)
    return None if number is None else bounds_problem(number)


def bounds_problem(number: Decimal) -> str | None:
    """Why a Decimal is out of bounds, in Chinese; None when it is within them. Cheap for any exponent."""
    if not number.is_finite():
        return "不是有限的数"
    if not number:
        return None  # zero, whatever its exponent
    if number.copy_abs() > MAX_MAGNITUDE:
        return f"数值过大，绝对值不能超过 {MAX_MAGNITUDE}"
    if _places(number) > MAX_DECIMAL_PLACES:
        return f"小数位数过多，最多 {MAX_DECIMAL_PLACES} 位"
    return None


def _places(number: Decimal) -> int:
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        return 0
    return max(0, -exponent - _trailing_zeros(digits))


def _trailing_zeros(digits: tuple[int, ...]) -> int:
    count = 0
    for digit in reversed(digits):
        if digit:
            break
        count += 1
    return count


def _finite(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        # a huge integer stands in as one just too large, without converting all its digits
        return Decimal(value) if abs(value) <= MAX_MAGNITUDE else Decimal(MAX_MAGNITUDE + 1)
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > MAX_NUMBER_CHARS:
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
