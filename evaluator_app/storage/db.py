"""Opening an evaluation file: pragmas, integrity check, forward migration, backups, error wording."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorruptFileError, ReadOnlyError, StoreError
from ..fileio import describe_os_error
from .migrations import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

# Primary result codes (the low byte of sqlite_errorcode).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_SQLITE_READONLY_ROLLBACK = _SQLITE_READONLY | (3 << 8)  # a hot journal a reader cannot apply


def store_error(err: sqlite3.Error, path: str | os.PathLike[str]) -> StoreError:
    """Map an sqlite3 error, by its result code, to a message the user can act on."""
    where = str(path)
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    if code == _SQLITE_FULL:
        return StoreError(f"磁盘空间不足，无法保存到 {where}；请清理磁盘后重试，刚才的修改尚未保存")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(f"评估文件 {where} 正被其他程序使用；请关闭其他窗口或程序后重试")
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return StoreError(f"评估文件 {where} 是只读的；请把它复制到可写的文件夹（例如“文档”）后再打开")
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptFileError(f"{where} 不是有效的评估文件，或文件已损坏")
    if code == _SQLITE_CANTOPEN:
        return StoreError(f"无法打开评估文件 {where}；请检查文件是否存在、文件夹是否可写")
    if code == _SQLITE_IOERR:
        return StoreError(f"读写评估文件 {where} 时出错（可能是 U 盘被拔出或磁盘故障）；请检查存储设备后重试")
    return StoreError(f"评估文件 {where} 操作失败：{err}")


JOURNAL_MODE = "delete"  # a rollback journal: the main file holds every committed edit at all times


class ReadOnlyConnection(sqlite3.Connection):
    """A connection to a file opened read-only; `transaction` refuses to begin a write on it."""

    reason = ""
    refuse_writes = True


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A writable connection with the file's durability settings: a rollback journal (so that a copy of
    the file alone holds every committed edit), synchronous=FULL, foreign keys. A file left in WAL mode
    by an earlier version is converted; the caller holds the file's writer lock, so no other connection
    of ours is open."""
    try:
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=5.0, check_same_thread=False)
    except sqlite3.Error as err:
        raise store_error(err, path) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        _use_rollback_journal(conn, path)
    except sqlite3.Error as err:
        conn.close()
        raise store_error(err, path) from None
    return conn


def _use_rollback_journal(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> None:
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == JOURNAL_MODE:
        return
    # Leaving WAL checkpoints the -wal file into the main file and removes it; it needs the only
    # connection to the file. Another program still reading it (an older version) keeps WAL for now.
    conn.execute("PRAGMA busy_timeout = 1000")
    try:
        mode = conn.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}").fetchone()[0]
    except sqlite3.OperationalError as err:
        mode = f"unchanged ({err})"
    finally:
        conn.execute("PRAGMA busy_timeout = 5000")
    if mode.lower() != JOURNAL_MODE:
        logging.getLogger("evaluator_app").warning("%s stays in its journal mode: %s", path, mode)


def connect_read_only(path: str | os.PathLike[str], reason: str = "") -> ReadOnlyConnection:
    """A connection that can only read (`mode=ro`); it takes no writer lock and writes nothing, not even
    a journal. A WAL file on a medium that cannot be written is read as an immutable file. A file whose
    last writer stopped in the middle of a save is first put back to its last saved state (under the
    writer lock), as opening it for writing would; where that cannot be done, the message says how."""
    try:
        return _read_only(path, reason)
    except _HotJournal:
        if not _roll_back_hot_journal(path):
            raise StoreError(
                f"评估文件 {path} 上次没有正常关闭，旁边留有未完成修改的日志（{Path(path).name}-journal），"
                "须先恢复到最后保存的状态，而现在无法恢复（文件不可写或正被使用）；请用本程序正常打开一次，"
                "或把评估文件连同该日志一起复制到可写的文件夹后再打开") from None
    return _read_only(path, reason)


class _HotJournal(Exception):
    """A rollback journal left by a writer that stopped mid-save; a read-only connection cannot apply it."""


def _read_only(path: str | os.PathLike[str], reason: str) -> ReadOnlyConnection:
    uri = Path(os.path.abspath(path)).as_uri()
    last: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{uri}?{options}", uri=True, isolation_level=None, timeout=5.0,
                                   check_same_thread=False, factory=ReadOnlyConnection)
        except sqlite3.Error as err:
            raise store_error(err, path) from None
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as err:
            conn.close()
            last = err
            code = getattr(err, "sqlite_errorcode", 0) or 0
            if code == _SQLITE_READONLY_ROLLBACK:
                raise _HotJournal from None
            if code & 0xFF != _SQLITE_CANTOPEN:
                break
            continue
        conn.reason = reason
        return conn
    assert last is not None
    raise store_error(last, path) from None


def _roll_back_hot_journal(path: str | os.PathLike[str]) -> bool:
    from .filelock import acquire
    try:
        lock = acquire(path)
    except (StoreError, OSError):
        return False
    try:
        conn = sqlite3.connect(os.fspath(path), timeout=5.0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reading applies the journal
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    finally:
        lock.release()
    return True


def migrated_copy(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> ReadOnlyConnection:
    """An older file opened read-only, brought forward in memory: the file itself stays as it is."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False, factory=ReadOnlyConnection)
    try:
        conn.backup(memory)
        memory.refuse_writes = False
        migrate(memory, path, None)
        memory.execute("PRAGMA query_only = ON")
        memory.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        memory.close()
        raise store_error(err, path) from None
    except BaseException:
        memory.close()
        raise
    finally:
        memory.refuse_writes = True
    memory.reason = getattr(conn, "reason", "")
    conn.close()
    return memory


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT; any failure rolls back and becomes a StoreError. Refused, with nothing
    begun, on a connection opened read-only."""
    if isinstance(conn, ReadOnlyConnection) and conn.refuse_writes:
        raise read_only_error(path, conn.reason)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise store_error(err, path) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        _rollback(conn)
        raise store_error(err, path) from None
    except BaseException:
        _rollback(conn)
        raise


def read_only_error(path: str | os.PathLike[str], reason: str = "") -> ReadOnlyError:
    why = f"（{reason}）" if reason else ""
    return ReadOnlyError(f"评估文件 {Path(path).name} 是以只读方式打开的{why}，不能修改；这次修改没有保存")


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def initialise(conn: sqlite3.Connection, path: str | os.PathLike[str], upto: int = LATEST_VERSION) -> None:
    """Create a new file's schema (up to `upto`, for tests of migration)."""
    with transaction(conn, path):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for version in range(upto):
            _run_script(conn, MIGRATIONS[version])
        conn.execute(f"PRAGMA user_version = {upto}")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the open transaction; run statement by statement instead.
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def check_file(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> None:
    """Refuse files that are not ours, come from a newer program, or fail the integrity check."""
    where = str(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = user_version(conn)
        if app_id != APPLICATION_ID:
            raise StoreError(f"{where} 不是本程序的评估文件")
        if version > LATEST_VERSION:
            raise StoreError(f"评估文件 {where} 由更新版本的程序创建（格式版本 {version}），请升级程序后再打开")
        # quick_check: every page and record is readable and well formed (integrity_check, which also
        # cross-checks every index, is what `verify` runs).
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.Error as err:
        raise store_error(err, path) from None
    if problems != ["ok"]:
        raise CorruptFileError(f"评估文件 {where} 未通过完整性检查（{problems[0]}）")


def migrate(conn: sqlite3.Connection, path: str | os.PathLike[str], backups: Path | None) -> int:
    """Bring an older file forward, one step per transaction, after a backup. Returns the old version."""
    old = user_version(conn)
    if old >= LATEST_VERSION:
        return old
    if backups is not None:
        backup_to(conn, backups / f"before-migration-v{old}-{timestamp()}.sqlite", path)
    for version in range(old, LATEST_VERSION):
        with transaction(conn, path):
            _run_script(conn, MIGRATIONS[version])
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return old


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


# Pages a background backup copies per step (4 MiB); between steps the file's read lock is released,
# so an edit in the window waits for one step at most, not for the whole copy.
BACKGROUND_BACKUP_PAGES = 1024


def backup_to(conn: sqlite3.Connection, target: Path, path: str | os.PathLike[str], pages: int = -1) -> Path:
    """A consistent copy made with the SQLite backup API (`pages` per step; -1: all in one step). A
    change made through another connection between steps makes SQLite start the copy again."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        dest = sqlite3.connect(os.fspath(partial))
        try:
            conn.backup(dest, pages=pages)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except sqlite3.Error as err:
        raise store_error(err, target) from None
    except OSError as err:
        raise StoreError(f"无法为 {path} 创建备份：{describe_os_error(err, target)}") from None
    return target


def rotate_backups(folder: Path, keep: int) -> None:
    """Keep the newest `keep` routine backups in a folder (migration backups are kept)."""
    routine = sorted(folder.glob("auto-*.sqlite"))
    for old in routine[:-keep] if keep > 0 else routine:
        try:
            old.unlink()
        except OSError:
            pass


def list_backups(folder: Path) -> list[Path]:
    """Backups newest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
