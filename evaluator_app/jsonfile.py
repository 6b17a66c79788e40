"""Reading and writing the app's JSON documents: exact decimals, UTF-8, clear errors."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import FormatError, Problem
from .numbers import MAX_NUMBER_CHARS, bounds_problem, fmt_plain
from .validation import join

# Bounds on every JSON document read from outside (exchange documents, sheets, a workbook's JSON
# cells). A real document stays far inside them; beyond them it is refused before anything
# recurses over it, stores it or prints it. Numbers are bounded in numbers.py.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32  # nested objects and arrays; an evaluation with its sheet needs 6
MAX_STRING_CHARS = 10_000  # one text value (a note, a guidance text; a report lays out each in about a second)
MAX_NAME_CHARS = 100  # a name, title, code or label: one line or two in a report table
MAX_KEY_CHARS = 200
MAX_ITEMS = 100_000  # elements of one array, keys of one object
# Sizes of an evaluation and its sheet, so that checking and summing them stays quick (the 细则: a
# panel of 5 to 7, a sheet of some 30 items, 30 to 50 survey samples).
MAX_PANEL_MEMBERS = 30
MAX_SHEET_ENTRIES = 300  # items of a sheet (all categories), and each of its lists
MAX_SAMPLES = 10_000
MAX_NOTES = 1_000  # findings, suggestions
MAX_PROBLEMS = 20  # listed for one document; the check stops after them

_SURROGATE = re.compile("[\ud800-\udfff]")
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class ContentProblems(ValueError):
    """JSON that parses but breaks a bound, repeats a key or holds a lone surrogate; each problem
    has its JSON path."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("；".join(map(str, problems)))


class _Refused:
    """A number the decoder does not build (too long, NaN, Infinity), reported with its path."""

    def __init__(self, message: str):
        self.message = message


def _number(kind: type) -> Any:
    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            return _Refused(f"数字过长（{len(text)} 个字符，最多 {MAX_NUMBER_CHARS} 个）")
        return kind(text)
    return parse


def _constant(name: str) -> _Refused:
    return _Refused(f"不允许的数值 {name}，数值必须是有限的数")


def loads_checked(text: str, bounded: bool = True) -> Any:
    """The JSON value of `text` with numbers as exact Decimals, every bound checked (with `bounded`
    false: only repeated keys, NaN and Infinity, for a part whose whole document is checked later).

    Raises json.JSONDecodeError on a syntax error, RecursionError on nesting too deep to parse, and
    ContentProblems for what breaks the bounds or repeats a key."""
    duplicates: dict[int, list[str]] = {}
    holding: list[dict] = []  # objects with a repeated key stay alive, so no other object takes their id()

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        document = dict(pairs)
        if len(document) != len(pairs):
            holding.append(document)
            seen: set[str] = set()
            repeated = duplicates.setdefault(id(document), [])
            for key, _ in pairs:
                if key in seen and key not in repeated:
                    repeated.append(key)
                seen.add(key)
        return document

    value = json.loads(text, parse_float=_number(Decimal) if bounded else Decimal,
                       parse_int=_number(int) if bounded else int, parse_constant=_constant,
                       object_pairs_hook=pairs_hook)
    problems = document_problems(value, duplicates, bounded)
    if problems:
        raise ContentProblems(problems)
    return value


def document_problems(value: Any, duplicates: dict[int, list[str]] | None = None,
                      bounded: bool = True) -> list[Problem]:
    """What in a decoded document breaks the bounds, each at its JSON path, in document order; at most
    MAX_PROBLEMS and a line saying there are more. `duplicates`: the keys repeated in an object, by
    the object's id()."""
    problems: list[Problem] = []
    _check(value, "", 1, duplicates or {}, bounded, problems)
    if len(problems) > MAX_PROBLEMS:
        del problems[MAX_PROBLEMS:]
        problems.append(Problem("", f"问题过多，只列出前 {MAX_PROBLEMS} 处"))
    return problems


def _check(value: Any, path: str, depth: int, duplicates: dict[int, list[str]], bounded: bool,
           problems: list[Problem]) -> None:
    if len(problems) > MAX_PROBLEMS:
        return
    if isinstance(value, _Refused):
        problems.append(Problem(path, value.message))
    elif isinstance(value, (dict, list)):
        if bounded and depth > MAX_DEPTH:
            problems.append(Problem(path, f"嵌套层数过深（最多 {MAX_DEPTH} 层）"))
        elif bounded and len(value) > MAX_ITEMS:
            what = "键" if isinstance(value, dict) else "元素"
            problems.append(Problem(path, f"{what}过多（{len(value)} 个，最多 {MAX_ITEMS} 个）"))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                _check(element, f"{path}[{index}]", depth + 1, duplicates, bounded, problems)
        else:
            for key in duplicates.get(id(value), ()):
                problems.append(Problem(join(path, key), f"键“{_short(key)}”重复出现；同一对象中每个键只能出现一次"))
            for key, element in value.items():
                if not bounded or _check_text(key, path, "键名", MAX_KEY_CHARS, problems):
                    _check(element, join(path, key), depth + 1, duplicates, bounded, problems)
    elif not bounded:
        pass
    elif isinstance(value, str):
        _check_text(value, path, "文本", MAX_STRING_CHARS, problems)
    elif isinstance(value, Decimal):  # integers are bounded by their length as they are decoded
        problem = bounds_problem(value)
        if problem:
            problems.append(Problem(path, f"{problem}，实际为 {value}"))


def _check_text(text: str, path: str, what: str, limit: int, problems: list[Problem]) -> bool:
    if len(text) > limit:
        problems.append(Problem(path, f"{what}过长（{len(text)} 个字符，最多 {limit} 个）"))
        return False
    match = _SURROGATE.search(text)
    if match:
        problems.append(Problem(path, f"{what}第 {match.start() + 1} 个字符是不成对的代理字符 "
                                      f"U+{ord(match.group()):04X}，不是有效的 Unicode 文本"))
        return False
    return True


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _depth_place(text: str) -> str:
    """Line and column where the nesting first goes deeper than MAX_DEPTH (strings skipped)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                return f"第 {line} 行第 {match.start() - text.rfind(chr(10), 0, match.start())} 列"
        elif token in "]}":
            depth -= 1
    return ""


def parse_json_text(data: bytes, source: str) -> dict:
    """Decode a JSON object from bytes, refusing empty, binary, non-UTF-8 and non-object input and
    whatever `loads_checked` refuses."""
    if not data.strip():
        raise FormatError(source, [Problem("", "文件为空")])
    if b"\x00" in data[:4096]:
        raise FormatError(source, [Problem("", "不是 JSON 文本文件（含二进制内容）")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FormatError(source, [Problem("", f"不是 UTF-8 编码（第 {err.start + 1} 个字节处无法解码）；"
                                               "请以 UTF-8 编码另存后再试")]) from None
    try:
        document = loads_checked(text)
    except json.JSONDecodeError as err:
        raise FormatError(source, [Problem("", f"JSON 语法错误：第 {err.lineno} 行第 {err.colno} 列"
                                               f"（{_explain(err.msg)}）；文件可能不完整或已损坏")]) from None
    except ContentProblems as err:
        raise FormatError(source, err.problems) from None
    except RecursionError:
        raise FormatError(source, [Problem(_depth_place(text), f"嵌套层数过深（最多 {MAX_DEPTH} 层）")]) from None
    except ValueError as err:
        raise FormatError(source, [Problem("", f"JSON 内容无法读取：{err}")]) from None
    if not isinstance(document, dict):
        raise FormatError(source, [Problem("", "顶层应为 JSON 对象 {…}")])
    return document


def _explain(msg: str) -> str:
    known = {
        "Expecting value": "此处缺少值",
        "Unterminated string starting at": "字符串未结束",
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Expecting property name enclosed in double quotes": "键名应使用双引号",
        "Extra data": "JSON 结束后仍有多余内容",
        "Invalid control character at": "含非法控制字符",
    }
    return known.get(msg, msg)


def read_json_bytes(path: str | os.PathLike[str]) -> bytes:
    """A document's bytes, refused unread beyond MAX_DOCUMENT_BYTES."""
    from .fileio import FileTooLarge, read_bytes_limited
    try:
        return read_bytes_limited(path, MAX_DOCUMENT_BYTES)
    except FileTooLarge as err:
        raise FormatError(str(path), [Problem("", f"文件过大（{err.size / 2**20:.1f} MiB），上限为 "
                                                  f"{MAX_DOCUMENT_BYTES // 2**20} MiB")]) from None


def read_json_file(path: str | os.PathLike[str]) -> dict:
    return parse_json_text(read_json_bytes(path), str(path))


def to_jsonable(value: Any) -> Any:
    """Decimals become strings as the formats require; everything else passes through."""
    if isinstance(value, Decimal):
        return fmt_plain(value)
    if isinstance(value, Fraction):
        raise TypeError("fractions must be rounded before output")
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    return value


def dumps(document: Any) -> str:
    return json.dumps(to_jsonable(document), ensure_ascii=False, indent=2) + "\n"


def write_json_file(path: str | os.PathLike[str], document: Any) -> None:
    """Write atomically: a temporary file beside the target, flushed, then renamed over it."""
    from .fileio import atomic_write_bytes

    atomic_write_bytes(path, dumps(document).encode("utf-8"))
