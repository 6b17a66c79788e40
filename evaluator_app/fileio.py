"""File writes that either complete or leave nothing behind, with clear messages on failure.

Work files are made beside what they are for, named `.NAME.<pid>.<token>.evaluator-tmp` (a file or a
folder), never in the system's temporary folder. A run that is killed leaves them; the next write into
the same folder removes those whose process is gone (`sweep_stale_temps`).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import system
from .errors import UserError


def describe_os_error(err: OSError, path: str | os.PathLike[str]) -> str:
    where = str(path)
    if err.errno == errno.ENOSPC:
        return f"磁盘空间不足，无法写入 {where}；请清理磁盘或换一个位置后重试"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"没有权限写入 {where}；请检查文件夹权限，或换一个位置"
    if err.errno == errno.EROFS:
        return f"{where} 所在位置是只读的；请换一个可写的位置"
    if err.errno == errno.ENOENT:
        return f"找不到文件夹：{Path(where).parent}"
    if err.errno == errno.EEXIST:
        return f"文件已存在：{where}；为避免覆盖，请换一个文件名"
    return f"无法写入 {where}：{err.strerror or err}"


class FileTooLarge(UserError):
    """A file over the size a reader accepts; `size` and `limit` are in bytes."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(f"{path} 过大（{size / 2**20:.1f} MiB），上限为 {limit // 2**20} MiB")


def read_bytes_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """A whole file, refused (not read) when it is larger than `limit`; every failure in plain Chinese."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise FileTooLarge(path, size, limit)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} 是文件夹，不是文件") from None
    except PermissionError:
        raise UserError(f"没有权限读取文件：{path}") from None
    except OSError as err:
        raise UserError(f"无法读取文件 {path}：{err.strerror or err}") from None
    if len(data) > limit:  # grew while being read
        raise FileTooLarge(path, len(data), limit)
    return data


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    target = Path(path)
    tmp_name = None
    try:
        sweep_stale_temps(target.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        fsync_dir(target.parent)
    except OSError as err:
        raise UserError(describe_os_error(err, target)) from None
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


TEMP_SUFFIX = ".evaluator-tmp"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


@contextmanager
def temp_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new folder beside `target` for the files that go into it, removed afterwards, also on failure.
    Stale work files in that folder are removed first. UserError when the folder cannot be made."""
    where = Path(target)
    try:
        sweep_stale_temps(where.parent)
        folder = Path(tempfile.mkdtemp(prefix=_temp_prefix(where), suffix=TEMP_SUFFIX, dir=where.parent))
    except OSError as err:
        raise UserError(describe_os_error(err, where)) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_TEMPDIR_LOCK = threading.RLock()


@contextmanager
def library_temp_files_in(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Temporary files that libraries make through `tempfile` (openpyxl writes each worksheet to one) go
    into `folder` meanwhile instead of the system's temporary folder, where a killed run would leave them."""
    with _TEMPDIR_LOCK:
        before, tempfile.tempdir = tempfile.tempdir, os.fspath(folder)
        try:
            yield
        finally:
            tempfile.tempdir = before


def sweep_stale_temps(folder: str | os.PathLike[str]) -> None:
    """Remove the work files and folders in `folder` whose process is no longer running; never raises."""
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return
    for entry in entries:
        pid = _temp_owner(entry.name)
        if pid is None or system.process_alive(pid):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def _temp_owner(name: str) -> int | None:
    """The process id in a work file's name (`.NAME.<pid>.<token>.evaluator-tmp`), or None for any other name."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return None
    parts = name[1:-len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return int(parts[1])


def fsync_dir(directory: Path) -> None:
    """Make the names in `directory` durable (a rename, a new file) where the system can; errors are ignored."""
    if not system.can_fsync_folder():
        return
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
