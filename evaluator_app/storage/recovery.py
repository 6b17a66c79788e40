"""Finding a good backup of an evaluation file and putting it back in place."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from ..errors import UserError
from ..fileio import describe_os_error
from ..paths import backups_dir
from . import db
from .migrations import APPLICATION_ID

SOURCE_NOTE = "source-path.txt"


def remember_source(folder: Path, path: Path) -> None:
    """Note beside the backups which file they belong to, so `restore` can find them by path."""
    try:
        (folder / SOURCE_NOTE).write_text(str(path.resolve()), encoding="utf-8")
    except OSError:
        pass


def backups_for(path: Path) -> list[Path]:
    """Backups of the file at `path`, newest first."""
    resolved = str(path.resolve())
    found: list[Path] = []
    root = backups_dir()
    if not root.is_dir():
        return []
    for folder in root.iterdir():
        note = folder / SOURCE_NOTE
        try:
            if note.is_file() and note.read_text(encoding="utf-8") == resolved:
                found.extend(db.list_backups(folder))
        except OSError:
            continue
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def is_good(backup: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return False
            return [r[0] for r in conn.execute("PRAGMA integrity_check(1)")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def restore_latest(path: Path) -> Path:
    """Replace a damaged file with its newest good backup; the damaged file is kept, renamed."""
    candidates = [b for b in backups_for(path) if is_good(b)]
    if not candidates:
        raise UserError(f"没有找到 {path} 的可用备份（备份位置：{backups_dir()}）")
    chosen = candidates[0]
    aside = path.with_name(f"{path.name}.damaged-{db.timestamp()}")
    try:
        if path.exists():
            os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        shutil.copyfile(chosen, path)
    except OSError as err:
        raise UserError(describe_os_error(err, path)) from None
    return chosen
