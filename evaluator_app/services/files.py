"""Import, export and summary of evaluation files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import system
from ..domain.scoring import Summary, compute
from ..errors import UserError
from ..exchange.document import evaluation_document, parse_evaluation
from ..fileio import describe_os_error, fsync_dir
from ..jsonfile import parse_json_text, read_json_bytes, read_json_file, write_json_file
from ..storage.store import DEFAULT_ACTOR, EvaluationStore

PARTIAL_SUFFIX = ".importing"


def import_evaluation(source: str | os.PathLike[str], target: str | os.PathLike[str],
                      actor: str = DEFAULT_ACTOR) -> Path:
    """Import an exchange document into a new evaluation file, atomically and without overwriting.

    The file is built under a temporary name beside the target and linked into place only when
    complete, so an import killed at any moment leaves no partial evaluation at the target.
    """
    source_path, target_path = Path(source), Path(target)
    if target_path.parent.is_dir():
        remove_stale_partials(target_path)
    _refuse_existing(target_path)
    data = read_json_bytes(source_path)
    evaluation = parse_evaluation(parse_json_text(data, str(source_path)), str(source_path))
    if not target_path.parent.is_dir():
        raise UserError(f"找不到文件夹：{target_path.parent}")
    partial = target_path.with_name(f".{target_path.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        store = EvaluationStore.create(partial, evaluation, actor, action="import",
                                       source_sha256=hashlib.sha256(data).hexdigest())
        store.close()
        system.fsync_file(partial)
        _link_into_place(partial, target_path)
    finally:
        _remove_partial(partial)
    return target_path


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise UserError(f"目标文件已存在：{target}；为避免覆盖，请换一个文件名或先移走原文件")


def _link_into_place(partial: Path, target: Path) -> None:
    """A hard link appears atomically and never replaces an existing file."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise UserError(f"目标文件已存在：{target}；为避免覆盖，请换一个文件名") from None
    except OSError as err:
        if not system.links_unsupported(err):
            raise UserError(describe_os_error(err, target)) from None
        # Filesystems without hard links (FAT on USB sticks): a rename, after checking again.
        _refuse_existing(target)
        try:
            os.rename(partial, target)
        except OSError as err2:
            raise UserError(describe_os_error(err2, target)) from None
    fsync_dir(target.parent)


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        try:
            os.unlink(f"{partial}{suffix}")
        except OSError:
            pass


def remove_stale_partials(target: Path) -> None:
    """Leftovers of an import that was killed (their process is gone), sidecar files included."""
    prefix = f".{target.name}."
    for leftover in target.parent.iterdir():
        name = leftover.name
        if not name.startswith(prefix):
            continue
        base = name
        for suffix in ("-wal", "-shm", "-journal", ".lock"):
            if base.endswith(suffix):
                base = base[:-len(suffix)]
        if not base.endswith(PARTIAL_SUFFIX):
            continue
        pid_text = base[len(prefix):-len(PARTIAL_SUFFIX)]
        if pid_text.isdigit() and not system.process_alive(int(pid_text)):
            try:
                leftover.unlink()
            except OSError:
                pass


def export_json(file: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    with EvaluationStore.open(file, backup=False, read_only=True) as store:
        document = evaluation_document(store.load())
    write_json_file(target, document)


def summarize(file: str | os.PathLike[str]) -> Summary:
    with EvaluationStore.open(file, backup=False, read_only=True) as store:
        return compute(store.load())


def copy_file_verified(path: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """`copy_verified` through a read-only connection of its own (for a worker thread)."""
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        return copy_verified(store, target)


def copy_verified(store: EvaluationStore, target: str | os.PathLike[str]) -> Path:
    """A checked copy of the open evaluation at `target` (on a USB stick, say); returns its path.

    The copy is made with SQLite's backup API under a temporary name beside the target, put in place
    without replacing anything, then opened read-only and checked: `PRAGMA integrity_check`, the
    change-log chain (`verify`) and the evaluation it belongs to. A copy that fails is removed."""
    target_path = Path(target)
    _refuse_existing(target_path)
    if not target_path.parent.is_dir():
        raise UserError(f"找不到文件夹：{target_path.parent}")
    partial = target_path.with_name(f".{target_path.name}.partial")
    _remove_partial(partial)
    try:
        _backup_into(store, partial, target_path)
        try:
            system.fsync_file(partial)
        except OSError as err:
            raise UserError(describe_os_error(err, target_path)) from None
        _link_into_place(partial, target_path)
    finally:
        _remove_partial(partial)
    problems = _copy_problems(store, target_path)
    if problems:
        try:
            target_path.unlink()
        except OSError:
            pass
        raise UserError(f"复制件 {target_path} 校验未通过，已删除：{'；'.join(problems)}。"
                        "请检查 U 盘（或换一个）后重新复制")
    return target_path


def _backup_into(store: EvaluationStore, partial: Path, target: Path) -> None:
    import sqlite3

    from ..storage.db import JOURNAL_MODE, store_error
    try:
        dest = sqlite3.connect(os.fspath(partial))
        try:
            store.conn.backup(dest)
            dest.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
        finally:
            dest.close()
    except sqlite3.Error as err:
        raise UserError(f"复制到 {target} 失败：{store_error(err, target)}") from None
    except OSError as err:
        raise UserError(describe_os_error(err, target)) from None


def _copy_problems(store: EvaluationStore, copy_path: Path) -> list[str]:
    import sqlite3
    try:
        with EvaluationStore.open(copy_path, backup=False, read_only=True) as copy:
            integrity = [row[0] for row in copy.conn.execute("PRAGMA integrity_check")]
            report = copy.verify()
            same = copy.evaluation_id == store.evaluation_id
    except UserError as err:
        return [str(err)]
    except sqlite3.Error as err:
        return [f"无法读回复制件（{err}）"]
    problems = [] if integrity == ["ok"] else [f"数据库完整性检查未通过：{integrity[0]}"]
    problems += [p for p in report.problems if p not in problems and not p.startswith("数据库完整性检查")]
    if not same:
        problems.append("复制件不是同一次评估")
    return problems


def summarize_document(path: str | os.PathLike[str]) -> Summary:
    """The summary of an exchange document, without making an evaluation file."""
    return compute(parse_evaluation(read_json_file(path), str(path)))
