"""Reading and writing the app's JSON documents: exact decimals, UTF-8, clear errors."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import FormatError, Problem
from .numbers import fmt_plain

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def _no_constants(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


def parse_json_text(data: bytes, source: str) -> dict:
    """Decode a JSON object from bytes, refusing empty, binary, non-UTF-8 and non-object input."""
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
        document = json.loads(text, parse_float=Decimal, parse_constant=_no_constants)
    except json.JSONDecodeError as err:
        raise FormatError(source, [Problem("", f"JSON 语法错误：第 {err.lineno} 行第 {err.colno} 列"
                                               f"（{_explain(err.msg)}）；文件可能不完整或已损坏")]) from None
    except (ValueError, RecursionError) as err:
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


def read_json_file(path: str | os.PathLike[str]) -> dict:
    from .fileio import FileTooLarge, read_bytes_limited
    try:
        data = read_bytes_limited(path, MAX_DOCUMENT_BYTES)
    except FileTooLarge as err:
        raise FormatError(str(path), [Problem("", f"文件过大（{err.size // 2**20} MiB），上限为 "
                                                  f"{MAX_DOCUMENT_BYTES // 2**20} MiB")]) from None
    return parse_json_text(data, str(path))


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
