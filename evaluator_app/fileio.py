"""File writes that either complete or leave nothing behind, with clear messages on failure."""

from __future__ import annotations

import errno
import os
import tempfile
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
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
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
