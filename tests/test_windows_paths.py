r"""The Windows branches, run on Linux: `sys.platform` set to "win32", Windows-only modules replaced.

- the folders: %APPDATA%\evaluator-app for settings and seal keys, %LOCALAPPDATA%\evaluator-app for data;
- the writer lock through `msvcrt.locking` (a stand-in that records its calls and refuses a held byte);
- flushing: no folder fsync, files opened read-write to be flushed;
- a USB stick without hard links (Windows' own error codes) and whether a process still runs.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import types
from pathlib import Path

import pytest

from evaluator_app import fileio, paths, system
from evaluator_app.errors import FileInUseError
from evaluator_app.services.files import import_evaluation, remove_stale_partials
from evaluator_app.storage import filelock
from evaluator_app.storage.store import EvaluationStore
from tests import factories


@pytest.fixture
def windows(monkeypatch):
    """This test runs as on Windows (`sys.platform` is read when each check is made)."""
    monkeypatch.setattr(sys, "platform", "win32")


def test_platform_checks_follow_sys_platform(monkeypatch):
    assert not system.is_windows() and system.can_fsync_folder()
    monkeypatch.setattr(sys, "platform", "win32")
    assert system.is_windows() and not system.can_fsync_folder() and not system.is_macos()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert system.is_macos() and not system.is_windows()


# -- folders ----------------------------------------------------------------------------------------

def test_windows_folders_from_appdata_and_localappdata(windows, monkeypatch, tmp_path):
    monkeypatch.delenv("EVALUATOR_APP_DATA_DIR", raising=False)
    monkeypatch.delenv("EVALUATOR_APP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # not read on Windows
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert paths.config_dir() == tmp_path / "Roaming" / "evaluator-app"
    assert paths.keys_dir() == tmp_path / "Roaming" / "evaluator-app" / "keys"
    assert paths.settings_file() == tmp_path / "Roaming" / "evaluator-app" / "settings.ini"
    assert paths.standard_data_dir() == paths.data_dir() == tmp_path / "Local" / "evaluator-app"
    assert paths.backups_dir() == tmp_path / "Local" / "evaluator-app" / "backups"


def test_windows_folders_without_the_variables_are_under_the_profile(windows, monkeypatch, tmp_path):
    for name in ("EVALUATOR_APP_DATA_DIR", "EVALUATOR_APP_CONFIG_DIR", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "user"))
    assert paths.config_dir() == tmp_path / "user" / "AppData" / "Roaming" / "evaluator-app"
    assert paths.standard_data_dir() == tmp_path / "user" / "AppData" / "Local" / "evaluator-app"


def test_the_environment_overrides_the_windows_folders(windows, monkeypatch, tmp_path):
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    monkeypatch.setenv("EVALUATOR_APP_DATA_DIR", str(tmp_path / "portable"))
    monkeypatch.delenv("EVALUATOR_APP_CONFIG_DIR", raising=False)
    assert paths.config_dir() == paths.data_dir() == tmp_path / "portable"
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path / "config"))
    assert paths.config_dir() == tmp_path / "config" and paths.data_dir() == tmp_path / "portable"


def test_linux_folders_follow_xdg(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("EVALUATOR_APP_DATA_DIR", raising=False)
    monkeypatch.delenv("EVALUATOR_APP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))  # not read on Linux
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert paths.config_dir() == tmp_path / "xdg-config" / "evaluator-app"
    assert paths.standard_data_dir() == tmp_path / "xdg-data" / "evaluator-app"


# -- the writer lock through msvcrt ----------------------------------------------------------------------

class FakeMsvcrt(types.ModuleType):
    """`msvcrt.locking` as Windows does it: byte ranges per file, a held range refused with EACCES."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[str, int, int, bool]] = []  # mode, offset, bytes, lock file present
        self.held: dict[tuple[int, int, int], object] = {}  # (device, inode, offset) → holder
        self.lock_file: Path | None = None

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, offset)
        name = {self.LK_UNLCK: "unlock", self.LK_NBLCK: "lock"}[mode]
        present = self.lock_file is not None and self.lock_file.exists()
        self.calls.append((name, offset, nbytes, present))
        if mode == self.LK_NBLCK:
            if self.held.get(key, fd) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif self.held.get(key) == fd:
            del self.held[key]
        else:
            raise OSError(errno.EACCES, "Permission denied")

    def hold_for_another_process(self, lock_file: Path) -> None:
        info = lock_file.stat()
        self.held[(info.st_dev, info.st_ino, filelock._LOCK_OFFSET)] = "another process"


@pytest.fixture
def msvcrt(windows, monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # importing fcntl now fails: the POSIX branch is not taken
    return fake


def test_windows_lock_takes_one_byte_past_the_details_and_releases_it(msvcrt, tmp_path):
    target = tmp_path / "评估.sqlite"
    lock_file = filelock.lock_path(target)
    msvcrt.lock_file = lock_file
    lock = filelock.acquire(target)
    assert lock.held and lock.enforced
    assert msvcrt.calls == [("lock", filelock._LOCK_OFFSET, 1, True)]
    details = json.loads(lock_file.read_text(encoding="utf-8"))
    assert details["pid"] == os.getpid() and details["program"] == "evaluator-app"
    assert len(lock_file.read_bytes()) < filelock._LOCK_OFFSET  # the details stay readable to others

    # A second window of this program is refused while the byte is held, and told who holds it.
    with pytest.raises(FileInUseError) as caught:
        filelock.acquire(target)
    assert "本程序的另一个窗口" in str(caught.value) and str(target) in str(caught.value)
    assert msvcrt.calls[-1] == ("lock", filelock._LOCK_OFFSET, 1, True)

    # Windows unlocks first (the file is open, so it cannot be removed yet), then removes the file.
    lock.release()
    assert msvcrt.calls[-1] == ("unlock", filelock._LOCK_OFFSET, 1, True)
    assert not lock.held and not lock_file.exists() and msvcrt.held == {}
    lock.release()  # a second release does nothing
    assert msvcrt.calls[-1][0] == "unlock" and len(msvcrt.calls) == 3

    again = filelock.acquire(target)
    assert again.held
    again.release()


def test_windows_lock_held_by_another_program_names_it(msvcrt, tmp_path):
    target = tmp_path / "评估.sqlite"
    lock_file = filelock.lock_path(target)
    holder = {"program": "evaluator-app", "pid": 4242, "host": "OFFICE-PC", "since": "2025-11-20T09:30:00+08:00"}
    lock_file.write_text(json.dumps(holder), encoding="utf-8")
    msvcrt.hold_for_another_process(lock_file)
    with pytest.raises(FileInUseError) as caught:
        filelock.acquire(target)
    message = str(caught.value)
    assert "电脑 OFFICE-PC 上的程序 evaluator-app，进程号 4242，2025-11-20 09:30 起" in message
    assert "请先在那个窗口中关闭它" in message
    assert json.loads(lock_file.read_text(encoding="utf-8")) == holder  # left as it was

    msvcrt.held.clear()  # that program ended: Windows dropped its lock, its lock file stayed
    lock = filelock.acquire(target)
    assert json.loads(lock_file.read_text(encoding="utf-8"))["pid"] == os.getpid()
    lock.release()
    assert not lock_file.exists()


def test_windows_lock_on_a_file_system_without_locks_still_opens(msvcrt, monkeypatch, tmp_path):
    def no_locks(fd, mode, nbytes):
        raise OSError(errno.ENOSYS, "Function not implemented")
    monkeypatch.setattr(msvcrt, "locking", no_locks)
    lock = filelock.acquire(tmp_path / "评估.sqlite")
    assert lock.held and not lock.enforced
    lock.release()


def test_windows_lock_file_this_user_cannot_write_is_reported(msvcrt, monkeypatch, tmp_path):
    target = tmp_path / "评估.sqlite"
    filelock.lock_path(target).write_text("{}", encoding="utf-8")
    real_open = os.open
    opened: list[int] = []

    def refuse_writing(path, flags, *args):
        opened.append(flags)
        if flags & os.O_RDWR:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)
    monkeypatch.setattr(os, "open", refuse_writing)
    with pytest.raises(PermissionError):
        filelock.acquire(target)
    assert len(opened) == 1  # POSIX would go on to lock it read-only; Windows cannot


def test_evaluation_file_opens_once_for_writing_on_windows(msvcrt, tmp_path):
    """The whole path: import (flush, link), open with the lock, a second writer refused, a reader let in."""
    source = tmp_path / "in.json"
    source.write_text(json.dumps(factories.evaluation(), default=str, ensure_ascii=False), encoding="utf-8")
    target = import_evaluation(source, tmp_path / "评估.sqlite")
    assert [call[0] for call in msvcrt.calls] == ["lock", "unlock"]  # the file under its temporary name
    msvcrt.calls.clear()
    with EvaluationStore.open(target, backup=False) as store:
        store.set_pilot_field("address", "Windows")
        with pytest.raises(FileInUseError):
            EvaluationStore.open(target, backup=False)
        with EvaluationStore.open(target, read_only=True) as reader:
            assert reader.load() is not None
    assert [call[0] for call in msvcrt.calls] == ["lock", "lock", "unlock"]
    assert not filelock.lock_path(target).exists()


# -- flushing ------------------------------------------------------------------------------------------

@pytest.fixture
def opened(monkeypatch):
    """The flags of every os.open, and every descriptor os.fsync was given."""
    record: dict[str, list] = {"open": [], "fsync": []}
    real_open, real_fsync = os.open, os.fsync

    def open_(path, flags, *args, **kwargs):
        record["open"].append((Path(path), flags))
        return real_open(path, flags, *args, **kwargs)

    def fsync(fd):
        record["fsync"].append(fd)
        return real_fsync(fd)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "fsync", fsync)
    return record


def test_no_folder_fsync_on_windows(windows, opened, tmp_path):
    fileio.fsync_dir(tmp_path)
    assert opened == {"open": [], "fsync": []}
    fileio.atomic_write_bytes(tmp_path / "out.bin", b"data")
    assert (tmp_path / "out.bin").read_bytes() == b"data"
    assert tmp_path not in [path for path, _ in opened["open"]]
    assert len(opened["fsync"]) == 1  # the file's contents, not the folder


def test_folder_fsync_on_linux(monkeypatch, opened, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    fileio.fsync_dir(tmp_path)
    assert opened["open"] == [(tmp_path, os.O_RDONLY)] and len(opened["fsync"]) == 1


def test_files_are_flushed_through_a_writable_descriptor_on_windows(windows, opened, tmp_path):
    path = tmp_path / "copy.sqlite"
    path.write_bytes(b"x")
    system.fsync_file(path)
    assert opened["open"] == [(path, os.O_RDWR | getattr(os, "O_BINARY", 0))] and len(opened["fsync"]) == 1


def test_files_are_flushed_read_only_on_linux(monkeypatch, opened, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    path = tmp_path / "copy.sqlite"
    path.write_bytes(b"x")
    path.chmod(0o444)  # a read-only copy can still be flushed on POSIX
    system.fsync_file(path)
    assert opened["open"] == [(path, os.O_RDONLY)]


# -- hard links on USB sticks ---------------------------------------------------------------------------

def _windows_error(winerror: int) -> OSError:
    err = OSError(errno.EINVAL, "Incorrect function")  # what Python reports for these Windows codes
    err.winerror = winerror  # set by Python itself on Windows only
    return err


@pytest.mark.parametrize(("winerror", "unsupported"), [(1, True), (50, True), (17, True), (1142, True),
                                                      (5, False), (112, False)])
def test_windows_link_errors(windows, winerror, unsupported):
    assert system.links_unsupported(_windows_error(winerror)) is unsupported


def test_posix_link_errors(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert system.links_unsupported(OSError(errno.EPERM, "vfat")) and system.links_unsupported(OSError(errno.EXDEV, ""))
    assert not system.links_unsupported(_windows_error(1))  # EINVAL alone means something else on POSIX
    assert not system.links_unsupported(OSError(errno.ENOSPC, ""))


def test_import_onto_a_stick_without_hard_links_on_windows(msvcrt, monkeypatch, tmp_path):
    def no_links(source, target, *args, **kwargs):
        raise _windows_error(1)  # CreateHardLinkW on FAT32 / exFAT
    monkeypatch.setattr(os, "link", no_links)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(factories.evaluation(), default=str, ensure_ascii=False), encoding="utf-8")
    target = import_evaluation(source, tmp_path / "stick.sqlite")
    assert target.is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "stick.sqlite"]


# -- is that process still running? ---------------------------------------------------------------------

class FakeKernel32:
    """OpenProcess / GetExitCodeProcess / CloseHandle for a table of pid → exit code (None: no such process,
    "denied": another user's)."""

    def __init__(self, processes: dict[int, object]) -> None:
        self.processes = processes
        self.error = 0
        self.open_handles: set[int] = set()

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 (the Windows API's names)
        assert access == 0x1000 and inherit is False
        state = self.processes.get(pid)
        if state is None:
            self.error = 87  # ERROR_INVALID_PARAMETER
            return 0
        if state == "denied":
            self.error = 5  # ERROR_ACCESS_DENIED
            return 0
        self.open_handles.add(pid + 1000)
        return pid + 1000

    def GetExitCodeProcess(self, handle, code):  # noqa: N802
        code.contents.value = self.processes[handle - 1000]
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.open_handles.remove(handle)
        return 1


def test_process_alive_on_windows_asks_the_process_not_os_kill(windows, monkeypatch):
    kernel32 = FakeKernel32({100: 259, 101: 0, 102: "denied"})
    monkeypatch.setattr(system, "_windows_kernel32", lambda: (kernel32, lambda: kernel32.error))

    def kill(pid, sig):
        raise AssertionError("os.kill sends Ctrl+C or ends the process on Windows")
    monkeypatch.setattr(os, "kill", kill)
    assert system.process_alive(100) is True  # STILL_ACTIVE
    assert system.process_alive(101) is False  # ended with exit code 0, handle still around
    assert system.process_alive(102) is True  # exists, another user's
    assert system.process_alive(103) is False  # no such process
    assert system.process_alive(os.getpid()) is True
    assert kernel32.open_handles == set()


def test_stale_import_left_by_a_dead_process_is_removed_on_windows(windows, monkeypatch, tmp_path):
    kernel32 = FakeKernel32({200: 259})
    monkeypatch.setattr(system, "_windows_kernel32", lambda: (kernel32, lambda: kernel32.error))
    target = tmp_path / "out.sqlite"
    dead, alive = tmp_path / ".out.sqlite.201.importing", tmp_path / ".out.sqlite.200.importing"
    dead.write_bytes(b"partial")
    alive.write_bytes(b"partial")
    remove_stale_partials(target)
    assert not dead.exists() and alive.exists()


def test_kernel32_only_on_windows():
    with pytest.raises(OSError):
        system._windows_kernel32()


def test_computer_name(monkeypatch):
    assert system.computer_name() == os.uname().nodename
    monkeypatch.delattr(os, "uname")
    monkeypatch.setenv("COMPUTERNAME", "OFFICE-PC")
    assert system.computer_name() == "OFFICE-PC"
