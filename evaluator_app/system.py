r"""What differs between Windows and the POSIX systems (Linux, macOS), each as one named function.

Every check reads `sys.platform` when it is called, so the tests run the Windows branches on Linux by
setting it. Code that needs a module only Windows has (`msvcrt`, `ctypes.WinDLL`) keeps a literal
`sys.platform == "win32"` test around it, which mypy (run for Linux) understands.

The lock on an evaluation file has its own platform part, in `storage/filelock.py`.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Windows error codes of a file system without hard links (FAT and exFAT USB sticks, some network
# shares): ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, ERROR_NOT_SAME_DEVICE, ERROR_TOO_MANY_LINKS.
_WINDOWS_NO_LINK = {1, 50, 17, 1142}
_POSIX_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}
# OpenProcess, GetExitCodeProcess: the rights asked for, "still running", and "no such process".
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_INVALID_PARAMETER = 87


def is_windows() -> bool:
    return sys.platform == "win32"


def is_macos() -> bool:
    return sys.platform == "darwin"


def config_base() -> Path:
    r"""Where per-user configuration folders go: Windows `%APPDATA%` (the roaming profile, Qt's
    AppDataLocation), macOS `~/Library/Application Support`, else `$XDG_CONFIG_HOME` or `~/.config`."""
    if is_windows():
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    if is_macos():
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def data_base() -> Path:
    r"""Where per-user data folders go (Qt's GenericDataLocation): Windows `%LOCALAPPDATA%` (this
    computer only), macOS `~/Library/Application Support`, else `$XDG_DATA_HOME` or `~/.local/share`."""
    if is_windows():
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if is_macos():
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def can_fsync_folder() -> bool:
    """Whether a folder can be opened and flushed, making a rename or a new name in it durable.

    Windows cannot open a folder as a file; NTFS journals its folder entries itself."""
    return not is_windows()


def open_for_fsync(path: str | os.PathLike[str]) -> int:
    """A descriptor of the file at `path` that `os.fsync` accepts.

    POSIX flushes through any descriptor; Windows (`FlushFileBuffers`) only through one opened for
    writing, so there the file is opened read-write (and a read-only file cannot be flushed)."""
    if is_windows():
        return os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    return os.open(path, os.O_RDONLY)


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Flush the file at `path` to the disk; OSError when it cannot."""
    fd = open_for_fsync(path)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def links_unsupported(err: OSError) -> bool:
    """Whether `os.link` failed because the file system (or the pair of folders) cannot make a hard
    link, so a rename has to do: EPERM on a FAT stick under Linux, EXDEV across devices; Windows gives
    its own codes (winerror) that Python reports as EINVAL."""
    if err.errno in _POSIX_NO_LINK:
        return True
    return is_windows() and getattr(err, "winerror", None) in _WINDOWS_NO_LINK


def process_alive(pid: int) -> bool:
    """Whether the process `pid` (on this computer) may still be running; True when unsure.

    POSIX asks with signal 0. On Windows `os.kill` cannot ask (signal 0 is CTRL_C_EVENT, any other
    number ends the process), so the process is opened and its exit code read."""
    if pid == os.getpid():
        return True
    if is_windows():
        kernel32, last_error = _windows_kernel32()
        return _windows_process_alive(pid, kernel32, last_error)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process
        return True
    return True


def computer_name() -> str:
    """This computer's name without importing `socket` (start-up time): uname on POSIX, COMPUTERNAME on Windows."""
    try:
        return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    except OSError:
        return ""


def _windows_kernel32() -> tuple[Any, Callable[[], int]]:
    """kernel32 with the three functions `process_alive` calls, and the thread's last error code."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.GetExitCodeProcess.restype = wintypes.BOOL
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        kernel32.CloseHandle.restype = wintypes.BOOL
        return kernel32, ctypes.get_last_error
    raise OSError(errno.ENOSYS, "kernel32 exists only on Windows")


def _windows_process_alive(pid: int, kernel32: Any, last_error: Callable[[], int]) -> bool:
    import ctypes
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # No such process (it ended and its id is free); any other refusal (access denied) means it exists.
        return last_error() != _ERROR_INVALID_PARAMETER
    try:
        code = ctypes.c_ulong(0)
        if not kernel32.GetExitCodeProcess(handle, ctypes.pointer(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
