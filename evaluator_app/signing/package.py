"""The submission package: one zip with the sealed report, the exchange JSON and whatever else is
handed to the provincial office, plus `manifest.json` listing every file with its SHA-256.

What proves the contents is the sealed report: it carries, as a file embedded under its seal
(`evaluator-package-manifest.json`), the SHA-256 of every other member. `verify_package` requires
that report, a seal by a trusted certificate, and every member as sealed. `manifest.json` is not
signed: it only names what was damaged in transit, and it includes the report itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import UserError
from ..fileio import atomic_write_bytes, read_bytes_limited
from .seal import SealReport, verify_pdf_bytes

PACKAGE_FORMAT = "evaluator-package"
PACKAGE_MAJOR = 1
FORMAT_ID = f"{PACKAGE_FORMAT}/{PACKAGE_MAJOR}"
MANIFEST = "manifest.json"

MAX_FILES = 500
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed; text compresses 10×, a zip bomb 1000× and more
RATIO_FLOOR = 1024 * 1024  # small entries may compress as well as they like
MAX_NAME_LENGTH = 240
SEALED_MANIFEST = "evaluator-package-manifest.json"
SEALED_FORMAT = "evaluator-sealed-manifest/1"
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PackageReport:
    ok: bool
    problems: list[str]
    files: list[str]  # the names the manifest lists
    evaluation_id: str = ""
    created_at: str = ""
    certificate_fingerprint: str | None = None
    seals: dict[str, SealReport] = field(default_factory=dict)  # per PDF inside


# -- names ---------------------------------------------------------------------------------------

def name_problem(name: object) -> str | None:
    """Why a member name is unsafe or unusable, or None. Names are relative POSIX paths."""
    if not isinstance(name, str) or not name:
        return "文件名为空"
    if len(name) > MAX_NAME_LENGTH:
        return f"文件名过长（{len(name)} 个字符）"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return f"文件名 “{name!r}” 含控制字符"
    if "\\" in name:
        return f"文件名 “{name}” 含反斜杠"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return f"文件名 “{name}” 是绝对路径"
    parts = PurePosixPath(name).parts
    if name.endswith("/") or any(part in ("", ".", "..") for part in name.split("/")) or not parts:
        return f"文件名 “{name}” 含 “..” 或空的路径段"
    if name == MANIFEST:
        return f"“{MANIFEST}” 是清单文件的保留名称"
    return None


# -- building ------------------------------------------------------------------------------------

def build_package(out_zip: str | os.PathLike[str], files: Mapping[str, bytes | os.PathLike[str] | str],
                  evaluation_id: str = "", created_at: str | None = None) -> PackageReport:
    """Write the package atomically (temporary file beside it, then renamed) and verify it.

    Any PDF inside must carry a seal that verifies; the manifest records that seal's certificate
    fingerprint (all PDFs must share it). Returns the verification report of the written package.
    """
    target = Path(out_zip)
    if not files:
        raise UserError("提交包中没有文件")
    if len(files) > MAX_FILES:
        raise UserError(f"提交包中的文件过多（{len(files)} 个，上限 {MAX_FILES} 个）")
    contents: dict[str, bytes] = {}
    folded: dict[str, str] = {}
    for name, source in files.items():
        problem = name_problem(name)
        if problem:
            raise UserError(f"不能打包：{problem}")
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded:
            raise UserError(f"不能打包：“{name}” 与 “{folded[key]}” 只有大小写不同，解压到 Windows 时会互相覆盖")
        folded[key] = name
        contents[name] = _read_source(name, source)
    if sum(len(data) for data in contents.values()) > MAX_TOTAL_BYTES:
        raise UserError(f"提交包总大小超过上限 {MAX_TOTAL_BYTES // (1024 * 1024)} MiB")

    fingerprints = set()
    for name, data in contents.items():
        if name.lower().endswith(".pdf") and "/" not in name:  # the report; the unit's own files sit in folders
            report = verify_pdf_bytes(data)
            if not report.ok:
                raise UserError(f"不能打包：{name} 的签章校验未通过（{'；'.join(report.problems)}）")
            fingerprints.add(report.fingerprint)
    if len(fingerprints) > 1:
        raise UserError("不能打包：包内各 PDF 的签章证书不同，请用同一证书签章")

    manifest = {
        "format": FORMAT_ID,
        "created_at": created_at or dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "evaluation_id": evaluation_id,
        "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in contents.items()],
        "certificate_fingerprint": next(iter(fingerprints), None),
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _write_zip(target, [(MANIFEST, manifest_bytes)] + list(contents.items()))
    return verify_package(target)


def sealed_manifest(files: Mapping[str, bytes], evaluation_id: str) -> dict[str, bytes]:
    """The manifest the report embeds under its seal: every other package member and its SHA-256."""
    document = {"format": SEALED_FORMAT, "evaluation_id": evaluation_id,
                "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                          for name, data in sorted(files.items())]}
    return {SEALED_MANIFEST: (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def _read_source(name: str, source: bytes | os.PathLike[str] | str) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif not Path(source).exists():
        raise UserError(f"找不到要打包的文件：{source}")
    else:
        data = read_bytes_limited(source, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"{name} 过大，超过单个文件上限 {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return data


def _write_zip(target: Path, members: list[tuple[str, bytes]]) -> None:
    """Built in memory (a package is a few MiB), then written atomically."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        stamp = dt.datetime.now().timetuple()[:6]
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    atomic_write_bytes(target, buffer.getvalue())


# -- verifying -------------------------------------------------------------------------------------

def verify_package(path: str | os.PathLike[str], expected_fingerprint: str | None = None) -> PackageReport:
    """Check a package against its sealed report and its manifest; never raises for a bad or hostile file
    (a mistyped `expected_fingerprint` or a broken trust register is a UserError).

    The report's seal must be made with a trusted certificate: `expected_fingerprint` if given, or
    else this installation's own or a registered one."""
    from .trust import trust
    trust([expected_fingerprint] if expected_fingerprint else [])  # refuse a bad fingerprint before reading
    source = Path(path)
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        return _failed(f"找不到文件：{source}")
    except IsADirectoryError:
        return _failed(f"{source} 是文件夹，不是提交包")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return _failed(f"{source.name} 不是有效的 zip 提交包（文件不完整或已损坏）")
    except OSError as err:
        return _failed(f"无法读取 {source}：{err.strerror or err}")
    with archive:
        try:
            return _verify(archive, expected_fingerprint)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, EOFError, OSError,
                RuntimeError, NotImplementedError) as err:
            return _failed(f"{source.name} 无法读取（{type(err).__name__}），提交包已损坏")


def _failed(problem: str) -> PackageReport:
    return PackageReport(False, [problem], [])


def _verify(archive: zipfile.ZipFile, expected_fingerprint: str | None) -> PackageReport:
    problems: list[str] = []
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_FILES + 1:
        return _failed(f"提交包中的文件过多（{len(infos)} 个），拒绝处理")

    entries: dict[str, zipfile.ZipInfo] = {}
    unreadable: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in entries:
            problems.append(f"提交包中 “{name}” 出现了不止一次")
            unreadable.add(name)
            continue
        entries[name] = info
        problem = name_problem(name) if name != MANIFEST else None
        if problem:
            problems.append(f"提交包中有不安全的文件名：{problem}")
            unreadable.add(name)
        if info.flag_bits & 0x1:
            problems.append(f"{name} 已加密，无法校验")
            unreadable.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(f"{name} 是符号链接，提交包中不允许")
            unreadable.add(name)
        if info.file_size > MAX_FILE_BYTES:
            problems.append(f"{name} 解压后过大（{info.file_size // (1024 * 1024)} MiB），拒绝解压")
            unreadable.add(name)
        elif info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(f"{name} 的压缩比异常（疑似“压缩炸弹”），拒绝解压")
            unreadable.add(name)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        return _failed(f"提交包解压后总大小超过上限 {MAX_TOTAL_BYTES // (1024 * 1024)} MiB，拒绝处理")

    manifest, manifest_problems = _manifest(archive, entries.get(MANIFEST), MANIFEST in unreadable)
    problems += manifest_problems
    if manifest is None:
        return PackageReport(False, list(dict.fromkeys(problems)), [])
    listed = manifest["files"]
    names = [entry["name"] for entry in listed]

    seals: dict[str, SealReport] = {}
    contents: dict[str, bytes] = {}
    for entry in listed:
        name = entry["name"]
        member = entries.get(name)
        if member is None:
            problems.append(f"清单中列出的 {name} 不在提交包中（文件缺失）")
            continue
        if name in unreadable:
            continue
        if member.file_size != entry["size"]:
            problems.append(f"{name} 的大小与清单不符（清单 {entry['size']} 字节，实际 {member.file_size} 字节），"
                            "文件已被改动或损坏")
            continue
        try:
            data = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            problems.append(f"{name} 无法解压（数据损坏）")
            continue
        if len(data) != entry["size"]:
            problems.append(f"{name} 的大小与清单不符，文件已被改动或损坏")
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{name} 的内容与清单不符（SHA-256 不一致），文件已被改动或损坏")
        contents[name] = data

    for name in entries:
        if name != MANIFEST and name not in names:
            problems.append(f"提交包中有清单未列出的文件：{name}")
    problems += _sealed_problems(archive, entries, unreadable, contents, seals, manifest, expected_fingerprint)

    return PackageReport(not problems, list(dict.fromkeys(problems)), names, manifest.get("evaluation_id", ""),
                         manifest.get("created_at", ""), manifest.get("certificate_fingerprint"), seals)


def _hex(fingerprint: str) -> str:
    return "".join(ch for ch in fingerprint.upper() if ch in "0123456789ABCDEF")


def _sealed_problems(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], unreadable: set[str],
                     contents: dict[str, bytes], seals: dict[str, SealReport], manifest: dict,
                     expected_fingerprint: str | None) -> list[str]:
    """The sealed report's seal, and every other member checked against the manifest sealed inside it.
    Other PDFs (the unit's own documents) are members like any other: their SHA-256 is what is sealed."""
    from .seal import embedded_files

    evaluation_id = manifest.get("evaluation_id", "")

    reports = []
    for name, info in entries.items():
        if not name.lower().endswith(".pdf") or name in unreadable:
            continue
        data = contents.get(name)
        if data is None:
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
                continue
        embedded = embedded_files(data).get(SEALED_MANIFEST)
        if embedded is not None:
            reports.append((name, data, embedded))
    if not reports:
        return ["提交包中没有签章的评估报告（带签章清单的报告 PDF 缺失）：无法证明包内文件是评估组交出的原件"]
    if len(reports) > 1:
        return [f"提交包中有多份带签章清单的报告（{'、'.join(r[0] for r in reports)}），无法确定以哪一份为准"]
    name, data, embedded = reports[0]
    seal = seals[name] = verify_pdf_bytes(data, expected_fingerprint)
    if not seal.ok:
        return [f"{name}：{problem}" for problem in seal.problems]
    problems: list[str] = []
    recorded = manifest.get("certificate_fingerprint")
    if recorded and _hex(recorded) != _hex(seal.fingerprint):
        problems.append(f"清单记录的证书指纹与 {name} 的签章不符")
    sealed = _parse_sealed(embedded)
    if sealed is None:
        return problems + [f"{name} 中的签章清单格式错误"]
    if evaluation_id and sealed["evaluation_id"] != evaluation_id:
        problems.append(f"{name} 签章清单的评估编号（{sealed['evaluation_id']}）与清单文件（{evaluation_id}）不同")
    listed = {entry["name"]: entry for entry in sealed["files"]}
    for member, entry in listed.items():
        member_info = entries.get(member)
        if member_info is None:
            problems.append(f"签章报告中列出的 {member} 不在提交包中（文件缺失）")
            continue
        data_member = contents.get(member)
        if data_member is None and member not in unreadable:
            try:
                data_member = archive.read(member_info)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
                data_member = None
        if data_member is None or hashlib.sha256(data_member).hexdigest() != entry["sha256"]:
            problems.append(f"{member} 与签章报告中记录的 SHA-256 不符：文件在签章后被改动")
    for member in entries:
        if member not in listed and member not in (MANIFEST, name):
            problems.append(f"提交包中有签章报告未列出的文件：{member}")
    return problems


def _parse_sealed(data: bytes) -> dict | None:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != SEALED_FORMAT \
            or not isinstance(document.get("evaluation_id"), str) or not isinstance(document.get("files"), list):
        return None
    files = []
    for entry in document["files"][:MAX_FILES]:
        if not isinstance(entry, dict) or name_problem(entry.get("name")) \
                or not isinstance(entry.get("sha256"), str) or not _HEX64.fullmatch(entry["sha256"]):
            return None
        files.append({"name": entry["name"], "sha256": entry["sha256"]})
    return {"evaluation_id": document["evaluation_id"], "files": files}


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, unsafe: bool) -> tuple[dict | None, list[str]]:
    if info is None:
        return None, [f"提交包中没有清单文件 {MANIFEST}，无法校验"]
    if unsafe:
        return None, []
    if info.file_size > MAX_MANIFEST_BYTES:
        return None, [f"清单文件 {MANIFEST} 过大，拒绝读取"]
    try:
        document = json.loads(archive.read(info).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, [f"清单文件 {MANIFEST} 不是有效的 JSON"]
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error):
        return None, [f"清单文件 {MANIFEST} 无法解压（数据损坏）"]
    if not isinstance(document, dict):
        return None, [f"清单文件 {MANIFEST} 格式错误：顶层应为 JSON 对象"]
    problems: list[str] = []
    fmt = document.get("format")
    if not isinstance(fmt, str) or not fmt.startswith(f"{PACKAGE_FORMAT}/"):
        return None, [f"清单文件 {MANIFEST} 格式错误：format 应为 “{FORMAT_ID}”"]
    major = fmt.partition("/")[2]
    if not major.isdigit():
        return None, [f"清单文件 {MANIFEST} 格式错误：format 应为 “{FORMAT_ID}”"]
    if int(major) > PACKAGE_MAJOR:
        return None, [f"提交包由更新版本的程序创建（{fmt}），请升级程序后再校验"]
    files = document.get("files")
    if not isinstance(files, list):
        return None, [f"清单文件 {MANIFEST} 格式错误：缺少文件列表 files"]
    seen: set[str] = set()
    clean: list[dict] = []
    for index, entry in enumerate(files):
        where = f"清单文件 {MANIFEST} 的第 {index + 1} 项"
        if not isinstance(entry, dict):
            problems.append(f"{where}格式错误：应为对象")
            continue
        name, digest, size = entry.get("name"), entry.get("sha256"), entry.get("size")
        problem = name_problem(name)
        if problem:
            problems.append(f"{where}：{problem}")
            continue
        assert isinstance(name, str)  # name_problem rejects anything else
        if name in seen:
            problems.append(f"{where}：{name} 重复列出")
            continue
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            problems.append(f"{where}（{name}）：sha256 应为 64 位小写十六进制")
            continue
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            problems.append(f"{where}（{name}）：size 应为非负整数")
            continue
        seen.add(name)
        clean.append({"name": name, "sha256": digest, "size": size})
    for key in ("created_at", "evaluation_id"):
        if key in document and not isinstance(document[key], str):
            problems.append(f"清单文件 {MANIFEST} 格式错误：{key} 应为文本")
    fingerprint = document.get("certificate_fingerprint")
    if fingerprint is not None and not isinstance(fingerprint, str):
        problems.append(f"清单文件 {MANIFEST} 格式错误：certificate_fingerprint 应为文本")
        fingerprint = None
    if problems:
        return None, problems
    return {"files": clean, "created_at": document.get("created_at", ""),
            "evaluation_id": document.get("evaluation_id", ""), "certificate_fingerprint": fingerprint}, []


__all__ = ["PackageReport", "build_package", "verify_package", "sealed_manifest", "SEALED_MANIFEST",
            "name_problem", "FORMAT_ID", "MANIFEST"]
