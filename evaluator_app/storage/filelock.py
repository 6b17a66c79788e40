"""One writer per evaluation file: an operating-system lock on a small file beside it.

A writable store holds the lock for as long as it is open. The lock is the system's own (`flock` on
POSIX, `msvcrt.locking` on Windows), so it ends with the process that holds it: a crash or a kill
leaves no stale lock behind. The lock file holds who took it (program, process id, computer, time)
for the message the next opener sees, and is removed when the lock is released.

What differs between the platforms is in the last part of this module, under named functions:
taking and giving up the lock (`_lock`, `_unlock`), the order of removing and unlocking
(`_remove_while_held`), and whether a lock file left by another user can be locked read-only.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import system
from ..errors import FileInUseError

LOCK_SUFFIX = ".lock"
PROGRAM = "evaluator-app"
# Windows locks byte ranges and a locked range cannot be read by others: the byte locked lies past the
# holder's details, which stay readable.
_LOCK_OFFSET = 1 << 20
_ATTEMPTS = 20
_BUSY = {errno.EAGAIN, errno.EACCES, getattr(errno, "EWOULDBLOCK", errno.EAGAIN), getattr(errno, "EDEADLK", 36)}
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


def lock_path(path: str | os.PathLike[str]) -> Path:
    """`.评估.sqlite.lock` beside `评估.sqlite` (a name that is already hidden keeps its single dot)."""
    target = Path(path)
    name = target.name if target.name.startswith(".") else f".{target.name}"
    return target.with_name(name + LOCK_SUFFIX)


@dataclass
class Holder:
    """Who holds a lock, as written in its lock file."""

    pid: int | None = None
    host: str = ""
    program: str = ""
    since: str = ""

    def describe(self) -> str:
        if self.pid is None:
            return "打开它的程序未知"
        same_host = not self.host or self.host == system.computer_name()
        if same_host and self.pid == os.getpid():
            return "本程序的另一个窗口"
        since = self.since[:16].replace("T", " ")
        where = "" if same_host else f"电脑 {self.host} 上的"
        text = f"{where}程序 {self.program or '未知'}，进程号 {self.pid}"
        return f"{text}，{since} 起" if since else text


class WriterLock:
    """The held lock of one evaluation file; `release` (or the end of the process) gives it up."""

    def __init__(self, path: Path, lock_file: Path, fd: int, enforced: bool = True):
        self.path = path
        self.lock_file = lock_file
        self._fd: int | None = fd
        self.enforced = enforced  # False where the file system has no locks (the file is still written)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        removed_while_held = _remove_while_held()
        if removed_while_held:
            # Whoever opened the old file finds it gone and takes a new one.
            _unlink(self.lock_file)
        try:
            if self.enforced:
                _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
        if not removed_while_held:
            _unlink(self.lock_file)  # refused while another process has it open, which is as it should be


def acquire(path: str | os.PathLike[str]) -> WriterLock:
    """Take the writer lock of the evaluation file at `path`.

    Raises FileInUseError when another window or program holds it, and OSError when the lock file
    cannot be made (a folder or medium that cannot be written)."""
    target = Path(path)
    lock_file = lock_path(target)
    for _ in range(_ATTEMPTS):
        fd, writable = _open(lock_file)
        try:
            enforced = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if enforced is False:
            holder = _read_holder(fd)
            os.close(fd)
            raise FileInUseError(in_use_message(target, holder))
        if not _same_file(fd, lock_file):
            # The previous holder removed the lock file between our opening and locking it.
            if enforced:
                _unlock(fd)
            os.close(fd)
            continue
        if writable:
            _write_holder(fd)
        return WriterLock(target, lock_file, fd, enforced=bool(enforced))
    raise FileInUseError(in_use_message(target, None))


def in_use_message(path: Path, holder: Holder | None) -> str:
    who = (holder or Holder()).describe()
    return (f"此评估文件已在另一窗口中打开（{who}）：{path}。同一时间只能在一个窗口中修改；"
            "请先在那个窗口中关闭它，再在这里打开")


def unwritable_reason(path: str | os.PathLike[str]) -> str:
    """Why this process cannot write the file at `path` (found by trying), or "" when it can."""
    target = Path(path)
    try:
        with open(target, "r+b"):
            pass
    except OSError as err:
        if err.errno == errno.EROFS:
            return f"{target.name} 所在的磁盘或 U 盘是只读的"
        if err.errno in (errno.EACCES, errno.EPERM):
            return f"没有写入 {target.name} 的权限（文件是只读的）"
        return f"无法写入 {target.name}：{err.strerror or err}"
    return ""


def lock_failure_reason(path: str | os.PathLike[str], err: OSError) -> str:
    """Why the lock file beside `path` could not be made, for the read-only notice."""
    folder = Path(path).parent
    if err.errno == errno.EROFS:
        return f"{Path(path).name} 所在的磁盘或 U 盘是只读的"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"文件夹 {folder} 不可写（无法在其中创建锁文件和日志文件）"
    return f"无法在文件夹 {folder} 中创建锁文件：{err.strerror or err}"


# -- the platform's part ------------------------------------------------------------------------------

def _open(lock_file: Path) -> tuple[int, bool]:
    flags = os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(lock_file, os.O_RDWR | flags, 0o666), True
    except PermissionError:
        if not _lock_read_only_allowed() or not lock_file.exists():
            raise
        # Left by another user's program that was killed: it can still be locked, read-only.
        return os.open(lock_file, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)), False


def _try_lock(fd: int) -> bool | None:
    """True when locked, False when someone else holds it, None when the file system has no locks."""
    try:
        _lock(fd)
    except OSError as err:
        if err.errno in _UNSUPPORTED:
            return None
        if err.errno in _BUSY:
            return False
        raise
    return True


def _lock(fd: int) -> None:
    """Take the lock without waiting; OSError (EACCES, EAGAIN…) when another process holds it.

    POSIX: `flock` on the whole file. Windows: `msvcrt.locking` on the one byte at _LOCK_OFFSET,
    past the holder's details (a locked range cannot be read by others)."""
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_UN)


def _remove_while_held() -> bool:
    """POSIX removes the lock file before unlocking, so nobody locks a file that is about to go; Windows
    cannot remove an open file, so it unlocks and closes first (and a lock file another process has
    open stays, which is harmless)."""
    return not system.is_windows()


def _lock_read_only_allowed() -> bool:
    """A lock file that this user cannot write (left by another user's program) can still be locked
    through a read-only descriptor on POSIX (`flock`); on Windows the open fails and is reported."""
    return not system.is_windows()


def _same_file(fd: int, lock_file: Path) -> bool:
    try:
        held, named = os.fstat(fd), os.stat(lock_file)
    except OSError:
        return False
    if system.is_windows() and not held.st_ino:  # file systems without file ids (FAT under older Pythons)
        return True
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def _unlink(lock_file: Path) -> None:
    try:
        os.unlink(lock_file)
    except OSError:
        pass


def _write_holder(fd: int) -> None:
    details = {"program": PROGRAM, "pid": os.getpid(), "host": system.computer_name(),
               "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(details, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # the details only name the holder in a message; the lock is what counts


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        pid = data.get("pid")
        return Holder(pid if isinstance(pid, int) else None, str(data.get("host", "")),
                      str(data.get("program", "")), str(data.get("since", "")))
    except (OSError, ValueError, AttributeError):
        return None
