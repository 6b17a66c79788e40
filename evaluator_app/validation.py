"""Reading JSON documents while collecting every problem with its JSON path.

A `Reader` never raises on bad data: each accessor records a `Problem` and returns None,
so one pass over a document reports everything that is wrong with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .errors import Problem
from .numbers import number_problem, to_decimal

_TYPE_NAMES = {dict: "对象", list: "数组", str: "文本", bool: "布尔值", int: "整数"}


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES[type(value)]
    if isinstance(value, int) and abs(value) >= 10**40:
        return "极大的整数"
    text = str(value)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


class Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- containers -------------------------------------------------------------------------
    def obj(self, parent: dict, key: str, path: str, required: bool = True) -> dict | None:
        value = parent.get(key)
        here = join(path, key)
        if value is None:
            if required:
                self.error(here, "缺少必填项")
            return None
        if not isinstance(value, dict):
            self.error(here, f"应为对象，实际为{describe(value)}")
            return None
        return value

    def array(self, parent: dict, key: str, path: str, required: bool = False,
              limit: int | None = None) -> list | None:
        """An array; `limit`: its most elements (beyond them it is reported and not read)."""
        value = parent.get(key)
        here = join(path, key)
        if value is None:
            if required:
                self.error(here, "缺少必填项")
            return None
        if not isinstance(value, list):
            self.error(here, f"应为数组，实际为{describe(value)}")
            return None
        if limit is not None and len(value) > limit:
            self.error(here, f"元素过多（{len(value)} 个，最多 {limit} 个）")
            return None
        return value

    def objects(self, parent: dict, key: str, path: str, required: bool = False,
                limit: int | None = None) -> Iterator[tuple[str, dict]]:
        """Each element of an array of objects, with its path; non-objects are reported."""
        for index, element in enumerate(self.array(parent, key, path, required, limit) or []):
            here = f"{join(path, key)}[{index}]"
            if isinstance(element, dict):
                yield here, element
            else:
                self.error(here, f"应为对象，实际为{describe(element)}")

    # -- scalars ----------------------------------------------------------------------------
    def text(self, parent: dict, key: str, path: str, required: bool = False, default: str = "",
             limit: int | None = None) -> str | None:
        """A text value; `limit`: its most characters (every text is bounded in jsonfile.py too)."""
        value = parent.get(key)
        if value is None:
            if required:
                self.error(join(path, key), "缺少必填项")
                return None
            return default
        if not isinstance(value, str):
            self.error(join(path, key), f"应为文本，实际为{describe(value)}")
            return None
        if required and not value.strip():
            self.error(join(path, key), "不能为空")
            return None
        if limit is not None and len(value) > limit:
            self.error(join(path, key), f"过长（{len(value)} 个字符，最多 {limit} 个）")
            return None
        return value

    def choice(self, parent: dict, key: str, path: str, options: tuple[str, ...],
               required: bool = True, default: str | None = None) -> str | None:
        value = parent.get(key)
        if value is None and not required:
            return default
        if value not in options:
            shown = "缺少必填项" if value is None else f"为{describe(value)}"
            self.error(join(path, key), f"{shown}，应为 {' / '.join(options)} 之一")
            return None
        return value

    def boolean(self, parent: dict, key: str, path: str, default: bool | None = None) -> bool | None:
        value = parent.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(join(path, key), f"应为 true 或 false，实际为{describe(value)}")
            return default
        return value

    def decimal(self, parent: dict, key: str, path: str, required: bool = True,
                minimum: Decimal | None = None, maximum: Decimal | None = None,
                positive: bool = False) -> Decimal | None:
        value = parent.get(key)
        here = join(path, key)
        if value is None:
            if required:
                self.error(here, "缺少必填项")
            return None
        number = to_decimal(value)
        if number is None:
            self.error(here, f"{number_problem(value) or '应为数字'}，实际为{describe(value)}")
            return None
        if positive and number <= 0:
            self.error(here, f"应大于 0，实际为 {number}")
            return None
        if minimum is not None and number < minimum:
            self.error(here, f"不能小于 {minimum}，实际为 {number}")
            return None
        if maximum is not None and number > maximum:
            self.error(here, f"不能大于 {maximum}，实际为 {number}")
            return None
        return number

    def integer(self, parent: dict, key: str, path: str, required: bool = False,
                minimum: int | None = None) -> int | None:
        value = parent.get(key)
        here = join(path, key)
        if value is None:
            if required:
                self.error(here, "缺少必填项")
            return None
        number = to_decimal(value)
        if number is None or number != number.to_integral_value():
            self.error(here, f"{number_problem(value) or '应为整数'}，实际为{describe(value)}")
            return None
        if minimum is not None and number < minimum:
            self.error(here, f"不能小于 {minimum}，实际为 {number}")
            return None
        return int(number)

    def date(self, parent: dict, key: str, path: str, required: bool = False) -> str | None:
        value = parent.get(key)
        here = join(path, key)
        if value is None or value == "":
            if required:
                self.error(here, "缺少必填项")
            return None
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                if len(value) == 10:
                    return value
            except ValueError:
                pass
        self.error(here, f"应为日期 YYYY-MM-DD，实际为{describe(value)}")
        return None

    def timestamp(self, parent: dict, key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                dt.datetime.fromisoformat(value)
                return value
            except ValueError:
                pass
        self.error(join(path, key), f"应为 ISO 8601 时间，实际为{describe(value)}")
        return None


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def extras(document: dict, known: tuple[str, ...] | frozenset[str]) -> dict:
    """The keys a format does not name, kept so they survive a round trip."""
    return {key: value for key, value in document.items() if key not in known}


def check_format(reader: Reader, document: dict, path: str, family: str, major: int) -> bool:
    """`"format": "family/major"`; a newer major version is refused, never misread."""
    value = document.get("format")
    here = join(path, "format")
    if not isinstance(value, str) or "/" not in value:
        reader.error(here, f"缺少或无法识别格式标识，应为 “{family}/{major}”")
        return False
    name, _, version = value.partition("/")
    if name != family:
        reader.error(here, f"格式为 “{value}”，应为 “{family}/{major}”")
        return False
    major_text = version.split(".")[0]
    if not major_text.isdigit():
        reader.error(here, f"无法识别的版本 “{value}”")
        return False
    if int(major_text) > major:
        reader.error(here, f"版本 “{value}” 比本程序支持的 “{family}/{major}” 新，请升级程序后再打开")
        return False
    if int(major_text) < 1:
        reader.error(here, f"无法识别的版本 “{value}”")
        return False
    return True
