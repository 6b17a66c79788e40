"""Finding a good backup of an evaluation file, saying what restoring it would lose, and putting it back.

`restore_plan` reads the file that is to be replaced as far as it can (never writing to it) and
compares it with the backup that would replace it: the change-log entries, signatures and lock the
backup lacks. `restore` then replaces the file, keeping it and its side files beside it, renamed.
An intact locked file is never replaced; an intact unlocked one only when asked to (`force`).
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..fileio import describe_os_error, temp_folder
from ..paths import backups_dir
from . import changelog, db
from .migrations import APPLICATION_ID

SOURCE_NOTE = "source-path.txt"
_LOG_COLUMNS = "seq, at, actor, action, entity, key, old, new, reason, prev_hash, hash"
_FAILED_READS_LIMIT = 4000  # give up on a table after this many unreadable probes
_UNKNOWN_SPAN = 100_000  # rowids probed past the last known one when a table's end cannot be read


class RestoreRefused(UserError):
    """Restoring was refused (the file is intact, or changed since it was examined)."""

    exit_code = 1


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
        conn = _open_read_only(backup)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return False
            return [r[0] for r in conn.execute("PRAGMA integrity_check(1)")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


# -- what restoring would lose ----------------------------------------------------------------------

@dataclass(frozen=True)
class LostEdit:
    seq: int
    at: str
    actor: str
    description: str

    def line(self) -> str:
        return f"第 {self.seq} 条  {_when(self.at)}  {self.actor}  {self.description}"


@dataclass(frozen=True)
class LostSignature:
    id: str
    signer: str
    purpose: str
    signed_at: str
    voided: bool = False

    def line(self) -> str:
        purpose = _PURPOSES.get(self.purpose, self.purpose)
        when = f"，签于 {_when(self.signed_at)}" if self.signed_at else ""
        return f"{self.signer} · {purpose}{when}{'（已作废）' if self.voided else ''}"


@dataclass
class RestorePlan:
    """What replacing `path` with `backup` would do; `describe()` gives it as Chinese lines."""

    path: Path
    backup: Path | None
    exists: bool
    intact: bool
    locked: bool | None  # the file's lock as far as it can be read; None: unknown
    damaged_readable: bool  # some of the file's change log could be read
    problem: str = ""  # why the file is not intact
    lost_edits: list[LostEdit] = field(default_factory=list)
    unreadable: list[tuple[int, int | None]] = field(default_factory=list)  # log entries past the backup's
    lost_signatures: list[LostSignature] = field(default_factory=list)
    loses_lock: bool | None = False
    backup_entries: int = 0
    backup_last_at: str = ""
    side_files: list[Path] = field(default_factory=list)
    fingerprint: tuple = field(default=(), repr=False)  # the file and its side files on disk when examined

    def refusal(self, force: bool = False) -> str | None:
        """Why this file must not be restored (Chinese), or None."""
        if self.intact and self.locked:
            return (f"评估文件 {self.path} 完好（通过完整性检查和修改记录链检查），且已全体签字并锁定；"
                    "恢复备份会使签字失效并解除锁定，因此不予恢复")
        if self.intact and not force:
            return (f"评估文件 {self.path} 完好（通过完整性检查和修改记录链检查），无需恢复；"
                    "用备份替换完好的文件只会丢失修改。如确需替换，请加 --force")
        return None

    def describe(self) -> list[str]:
        lines = [f"评估文件：{self.path}"]
        if not self.exists:
            lines.append("状态：文件不存在")
        elif self.intact:
            lines.append("状态：完好（通过完整性检查和修改记录链检查）" + ("，已全体签字并锁定" if self.locked else ""))
        else:
            lines.append(f"状态：已损坏（{self.problem}）" if self.problem else "状态：已损坏")
        if self.backup is None:
            lines.append(f"没有找到可用的备份（备份位置：{backups_dir()}）")
            return lines
        made = _mtime_text(self.backup)
        last = f"，最新一条记于 {_when(self.backup_last_at)}" if self.backup_last_at else ""
        lines.append(f"将使用的备份：{self.backup}（{made}；修改记录 {self.backup_entries} 条{last}）")
        if not self.exists:
            return lines
        if not self.damaged_readable:
            lines.append("损坏文件中无法读出修改记录，无法确定会丢失哪些修改")
        elif self.lost_edits:
            lines.append(f"备份中缺少 {len(self.lost_edits)} 条修改，恢复后将丢失：")
            lines.extend(f"  {edit.line()}" for edit in self.lost_edits)
        else:
            lines.append("备份包含损坏文件中能读出的全部修改")
        for start, end in self.unreadable if self.damaged_readable else ():
            span = f"第 {start} 条起" if end is None else (f"第 {start} 条" if start == end else f"第 {start}–{end} 条")
            lines.append(f"损坏文件的修改记录{span}无法读出，其中的修改备份中没有，恢复后也将丢失")
        if self.lost_signatures:
            lines.append(f"恢复后将丢失 {len(self.lost_signatures)} 个签字：")
            lines.extend(f"  {signature.line()}" for signature in self.lost_signatures)
        if self.loses_lock:
            lines.append("恢复后评估将不再锁定（文件已全体签字并锁定，备份中尚未锁定）")
        elif self.loses_lock is None:
            lines.append("无法读出文件是否已锁定；如已全体签字，恢复后可能需要重新签字")
        return lines


def restore_plan(path: str | os.PathLike[str]) -> RestorePlan:
    """What restoring `path` from its newest good backup would lose. Never writes to `path`."""
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{target} 是文件夹，不是评估文件")
    sides = side_files(target)
    candidates = [b for b in backups_for(target) if is_good(b)]
    backup = candidates[0] if candidates else None
    base = _read_backup(backup) if backup is not None else _Snapshot()
    plan = RestorePlan(path=target, backup=backup, exists=target.exists(), intact=False, locked=None,
                       damaged_readable=False, side_files=sides, fingerprint=_fingerprint(target, sides))
    plan.backup_entries = len(base.log)
    plan.backup_last_at = base.log[-1][1] if base.log else ""
    if not plan.exists:
        plan.loses_lock = False
        return plan
    with _readable_copy(target, sides) as conn:
        if conn is None:
            plan.problem = "无法读取文件"
            plan.loses_lock = None
            return plan
        plan.intact, plan.problem = _intact(conn)
        current = _read_damaged(conn, base)
    plan.damaged_readable = bool(current.log)
    plan.locked = current.locked
    names = {**base.names, **current.names}
    # An entry is in the backup when its hash is, or (its hash being damaged) its number, time and content are.
    hashes = {row[10] for row in base.log}
    entries = {tuple(row[:9]) for row in base.log}
    lost_rows = [row for row in current.log if row[10] not in hashes and tuple(row[:9]) not in entries]
    plan.lost_edits = [LostEdit(row[0], row[1], _who(row[2], names), _describe(row, names)) for row in lost_rows]
    backup_last = max((row[0] for row in base.log), default=0)
    plan.unreadable = [(max(start, backup_last + 1), end) for start, end in current.unreadable_log
                       if end is None or end > backup_last]
    plan.lost_signatures = _lost_signatures(current, base, lost_rows, names)
    if current.locked is None:
        plan.loses_lock = None if not base.locked else False
    else:
        plan.loses_lock = current.locked and not base.locked
    return plan


# -- replacing the file ------------------------------------------------------------------------------

@dataclass
class RestoreResult:
    backup: Path
    kept: list[Path]  # the replaced file and its side files, renamed beside it


def restore(plan: RestorePlan, force: bool = False) -> RestoreResult:
    """Replace the file with the plan's backup; the file and its side files are kept beside it, renamed.

    Refused (`RestoreRefused`) for an intact locked file, for an intact one unless `force`, and when
    the file changed after the plan was made.
    """
    path = plan.path
    reason = plan.refusal(force)
    if reason:
        raise RestoreRefused(reason)
    if plan.backup is None:
        raise UserError(f"没有找到 {path} 的可用备份（备份位置：{backups_dir()}）")
    with _writer_lock(path):
        sides = side_files(path)
        if _fingerprint(path, sides) != plan.fingerprint:
            raise RestoreRefused(f"评估文件 {path} 在检查之后又被修改（可能仍在程序中打开）；请关闭后重新运行恢复")
        return RestoreResult(plan.backup, _replace(path, sides, plan.backup))


def _replace(path: Path, sides: list[Path], backup: Path) -> list[Path]:
    aside = path.with_name(f"{path.name}.damaged-{db.timestamp()}")
    partial = path.with_name(f".{path.name}.restoring")
    kept: list[Path] = []
    try:
        shutil.copyfile(backup, partial)  # first, so a full disk leaves the file where it was
        if path.exists():
            os.replace(path, aside)
            kept.append(aside)
        for side in sides:  # a journal left beside the backup would be applied to it
            moved = Path(f"{aside}{side.name[len(path.name):]}")
            os.replace(side, moved)
            kept.append(moved)
        os.replace(partial, path)
    except OSError as err:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise UserError(describe_os_error(err, path)) from None
    return kept


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """The file's writer lock, where the program keeps one, so a window that has it open is not pulled from under."""
    try:
        from .filelock import acquire
    except ImportError:
        yield
        return
    try:
        lock = acquire(path)
    except UserError as err:
        raise RestoreRefused(str(err)) from None
    except OSError as err:
        raise UserError(describe_os_error(err, path)) from None
    try:
        yield
    finally:
        lock.release()


def side_files(path: Path) -> list[Path]:
    """Files SQLite keeps beside the evaluation file (`<name>-wal`, `<name>-journal`, …)."""
    pattern = os.path.join(glob.escape(str(path.parent)), glob.escape(path.name) + "-*")
    return sorted(Path(p) for p in glob.glob(pattern) if os.path.isfile(p))


# -- reading --------------------------------------------------------------------------------------------

@dataclass
class _Snapshot:
    log: list[tuple] = field(default_factory=list)
    unreadable_log: list[tuple[int, int | None]] = field(default_factory=list)
    signatures: dict[str, tuple] = field(default_factory=dict)  # id → (signer, purpose, signed_at, voided_at)
    locked: bool | None = None
    names: dict[str, str] = field(default_factory=dict)


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)


@contextmanager
def _readable_copy(path: Path, sides: list[Path]) -> Iterator[sqlite3.Connection | None]:
    """A connection that sees the file as SQLite would, without writing to it.

    Without side files the file is opened read-only as immutable. With them (an unfinished write-ahead
    log or rollback journal), the file and its side files are copied aside and the copy is opened,
    so SQLite can apply or roll back what they hold. The copies go in a work folder beside the file,
    or in the system's temporary folder where the file's folder cannot be written.
    """
    if not sides:
        with _closing(_try_open(lambda: _open_read_only(path))) as conn:
            yield conn
        return
    with ExitStack() as stack:
        try:
            folder = stack.enter_context(temp_folder(path))
        except UserError:
            folder = stack.enter_context(temp_folder(Path(tempfile.gettempdir()) / path.name))
        copy = folder / "file.sqlite"
        try:
            shutil.copyfile(path, copy)
            for side in sides:
                shutil.copyfile(side, Path(f"{copy}{side.name[len(path.name):]}"))
        except OSError:
            yield None
            return
        conn = _try_open(lambda: _open_replaying(copy))
        if conn is None:  # what the side files hold cannot be applied: read the file as it is
            for extra in folder.glob("file.sqlite-*"):
                extra.unlink(missing_ok=True)
            conn = _try_open(lambda: _open_read_only(copy))
        with _closing(conn):
            yield conn


def _open_replaying(copy: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(copy), isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _try_open(opener: Callable[[], sqlite3.Connection]) -> sqlite3.Connection | None:
    try:
        return opener()
    except sqlite3.Error:
        return None


@contextmanager
def _closing(conn: sqlite3.Connection | None) -> Iterator[sqlite3.Connection | None]:
    try:
        yield conn
    finally:
        if conn is not None:
            conn.close()


def _intact(conn: sqlite3.Connection) -> tuple[bool, str]:
    """Whether the file passes the integrity check and the change-log chain check, and if not why."""
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return False, "不是本程序的评估文件，或文件头已损坏"
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(1)")]
        if problems != ["ok"]:
            page = re.search(r"[Pp]age (\d+)", str(problems[0]))
            return False, (f"未通过完整性检查，第 {page.group(1)} 页已损坏" if page
                           else f"未通过完整性检查：{problems[0]}")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        chain = changelog.verify_chain(conn, meta.get("evaluation_id", ""), meta.get("log_head"))
    except sqlite3.Error as err:
        return False, _sqlite_problem(err)
    if chain:
        return False, f"修改记录链检查未通过：{chain[0]}"
    return True, ""


def _sqlite_problem(err: sqlite3.Error) -> str:
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    if code == 26:
        return "不是有效的数据库文件"
    if code == 11:
        return "数据库结构已损坏"
    return f"读取失败：{err}"


def _read_backup(backup: Path) -> _Snapshot:
    try:
        conn = _open_read_only(backup)
    except sqlite3.Error:
        return _Snapshot()
    try:
        return _read_damaged(conn, None)
    finally:
        conn.close()


def _read_damaged(conn: sqlite3.Connection, base: _Snapshot | None) -> _Snapshot:
    """Everything of interest that can still be read, row by row where pages are damaged."""
    snapshot = _Snapshot()
    hint = max((row[0] for row in base.log), default=0) if base else 0
    rows, snapshot.unreadable_log, _ = _tolerant_rows(conn, "change_log", _LOG_COLUMNS, hint)
    snapshot.log = [row[1:] for row in rows]
    hint = len(base.signatures) if base else 0
    rows, _, _ = _tolerant_rows(conn, "signature", "id, signer, purpose, signed_at, voided_at", hint)
    snapshot.signatures = {r[1]: (r[2], r[3], r[4], r[5]) for r in rows if isinstance(r[1], str)}
    rows, _, _ = _tolerant_rows(conn, "member", "id, name", 0)
    snapshot.names = {r[1]: r[2] for r in rows if isinstance(r[1], str) and isinstance(r[2], str)}
    snapshot.locked = _read_locked(conn, snapshot.log)
    return snapshot


def _tolerant_rows(conn: sqlite3.Connection, table: str, columns: str,
                   hint: int) -> tuple[list[tuple], list[tuple[int, int | None]], bool]:
    """The readable rows of `table` by rowid ranges, halving a range that fails down to single rows.

    Returns the rows (rowid first, in rowid order), the spans of rowids that could not be read (an
    open end, None, when the table's end could not be read either), and whether the end was known.
    """
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        complete = True
    except sqlite3.Error as err:
        if "no such table" in str(err):
            return [], [], True
        top = hint + _UNKNOWN_SPAN
        complete = False
    rows: list[tuple] = []
    bad: list[tuple[int, int]] = []
    failures = 0
    pending = [(1, top)] if top >= 1 else []
    while pending:
        low, high = pending.pop()
        try:
            rows.extend(conn.execute(f"SELECT rowid, {columns} FROM {table} WHERE rowid BETWEEN ? AND ?",
                                     (low, high)).fetchall())
            continue
        except sqlite3.Error:
            failures += 1
        if low == high or failures > _FAILED_READS_LIMIT:
            bad.append((low, high))
            continue
        middle = (low + high) // 2
        pending.append((middle + 1, high))
        pending.append((low, middle))
    rows.sort(key=lambda r: r[0])
    spans: list[tuple[int, int | None]] = []
    for low, high in sorted(bad):
        if spans and spans[-1][1] == low - 1:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    if not complete and spans:
        # Past the last readable row, where the table ends is unknown: one open span from there on.
        last = rows[-1][0] if rows else 0
        before = [span for span in spans if span[1] is not None and span[1] <= last]
        after = [span for span in spans if span not in before]
        spans = before + ([(after[0][0], None)] if after else [])
    return rows, spans, complete


def _read_locked(conn: sqlite3.Connection, log: list[tuple]) -> bool | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'locked'").fetchone()
        return row is not None and row[0] == "1"
    except sqlite3.Error:
        pass
    for row in reversed(log):
        if row[4] == "meta" and row[5] == "locked" and row[3] in ("lock", "unlock"):
            return row[3] == "lock"
    return None


def _lost_signatures(current: _Snapshot, base: _Snapshot, lost_rows: list[tuple],
                     names: dict[str, str]) -> list[LostSignature]:
    found: dict[str, LostSignature] = {}
    for signature_id, (signer, purpose, signed_at, voided_at) in current.signatures.items():
        if signature_id not in base.signatures:
            found[signature_id] = LostSignature(signature_id, _who(signer, names), str(purpose), str(signed_at or ""),
                                                voided_at is not None)
    for row in lost_rows:  # signatures the signature table could not show
        new = _decoded(row[7])
        if row[3] == "sign" and row[4] == "signature" and isinstance(new, dict):
            signature_id = str(new.get("id", ""))
            if signature_id and signature_id not in found and signature_id not in base.signatures:
                found[signature_id] = LostSignature(signature_id, _who(str(new.get("signer", "")), names),
                                                    str(new.get("purpose", "")), row[1])
    return sorted(found.values(), key=lambda s: (s.signed_at, s.id))


# -- describing an edit ----------------------------------------------------------------------------------

_PURPOSES = {"sheet": "计分表", "report": "评估报告", "conclusion": "评估结论（组长签字）"}
_META_KEYS = {"evaluation_date": "评估日期", "evaluation_end_date": "评估结束日期",
              "purpose": "评估目的", "basis": "评估依据", "overview": "评估综述"}
_PILOT_KEYS = {"name": "试点名称", "unit": "试点单位", "address": "地址", "legal_representative": "法定代表人",
               "contact": "联系人", "phone": "电话"}
_NOTE_KINDS = {"finding": "问题", "suggestion": "改进建议"}
_STEP_KEYS = {"status": "状态", "started_at": "开始时间", "finished_at": "完成时间", "data": "记录"}


def _decoded(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _who(member_id: str, names: dict[str, str]) -> str:
    name = names.get(member_id)
    return f"{name}（{member_id}）" if name and name != member_id else str(member_id)


def _short(value: Any, limit: int = 30) -> str:
    if value is None or value == "":
        return "（空）"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


def _score_text(value: Any) -> str:
    if not isinstance(value, dict):
        return "（无）"
    if value.get("na"):
        return "不适用"
    score = value.get("score")
    return "（未评）" if score is None else str(score)


def _change(old: Any, new: Any) -> str:
    return f"{old} → {new}"


def _describe(row: tuple, names: dict[str, str]) -> str:
    """One change-log entry as a short Chinese description: what, where, old → new."""
    _seq, _at, _actor, action, entity, key, old_text, new_text, reason = row[:9]
    old, new = _decoded(old_text), _decoded(new_text)
    text = _DESCRIBERS.get(entity, _describe_other)(action, key, old, new, names)
    shown_already = entity in ("signature", "bonus", "veto", "accepted")
    return f"{text}（理由：{_short(reason)}）" if reason and not shown_already else text


def _describe_score(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    if action == "delete":
        return f"删除评分 {key}（原为 {_score_text(old)}）"
    text = f"评分 {key}：{_change(_score_text(old), _score_text(new))}"
    old_note = old.get("note", "") if isinstance(old, dict) else ""
    new_note = new.get("note", "") if isinstance(new, dict) else ""
    if new_note != old_note:
        text += f"，说明：{_short(new_note)}"
    return text


def _describe_bonus(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    def value(v: Any) -> str:
        return str(v.get("score")) if isinstance(v, dict) else "（无）"
    if action == "delete":
        return f"删除加分 {key}（原为 {value(old)}）"
    note = new.get("note") if isinstance(new, dict) else ""
    return f"加分 {key}：{_change(value(old), value(new))}" + (f"，说明：{_short(note)}" if note else "")


def _describe_override(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    def value(v: Any) -> str:
        return str(v.get("score")) if isinstance(v, dict) else "（无）"
    if action == "delete":
        return f"取消换算得分调整 {key}（原为 {value(old)}）"
    return f"调整换算得分 {key}：{_change(value(old), value(new))}"


def _describe_veto(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    def value(v: Any) -> str:
        if not isinstance(v, dict):
            return "（未决定）"
        return "确认否决" if v.get("confirmed") else "不否决"
    return f"否决项 {key}：{_change(value(old), value(new))}"


def _describe_signature(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    if action == "void":
        count = new.get("voided") if isinstance(new, dict) else None
        return f"作废全部签字（{count} 个）" if count is not None else "作废全部签字"
    signer, _, purpose = key.partition("/")
    return f"签字 {_who(signer, names)} · {_PURPOSES.get(purpose, purpose)}" + ("（重新签字）" if old else "")


def _describe_meta(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    if key == "locked":
        return "锁定" if action == "lock" else "解锁"
    return f"{_META_KEYS.get(key, key)}：{_change(_short(old), _short(new))}"


def _describe_pilot(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return f"试点信息 {_PILOT_KEYS.get(key, key)}：{_change(_short(old), _short(new))}"


def _describe_member(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    record = new if isinstance(new, dict) else old if isinstance(old, dict) else {}
    who = f"{record.get('name')}（{key}）" if record.get("name") else _who(key, names)
    verb = {"add": "新增", "delete": "删除"}.get(action, "修改")
    return f"{verb}评估组成员 {who}"


def _describe_sample(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    verb = {"add": "新增", "delete": "删除"}.get(action, "修改")
    return f"{verb}满意度样本 {key}"


def _describe_step(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    parts = []
    for name, value in (new or {}).items() if isinstance(new, dict) else ():
        if name == "status":
            parts.append(f"状态 {_change(_short((old or {}).get('status')), _short(value))}")
        elif name == "data":
            parts.append("记录内容")
    return f"第 {key} 步：{'，'.join(parts) or '修改'}"


def _describe_attachment(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    record = new if isinstance(new, dict) else old if isinstance(old, dict) else {}
    verb = "删除附件" if action == "delete" else "添加附件"
    return f"{verb} {record.get('name') or key}"


def _describe_signed_version(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return "保存已签字版本"


def _describe_evaluation(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return {"import": "导入评估", "demo": "生成示例评估"}.get(action, "创建评估")


def _describe_submission(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return f"{'退回' if action == 'delete' else '提交'}计分表 {_who(key, names)}"


def _describe_reopened(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return f"{'关闭' if action == 'delete' else '重新打开'}评分 {key}"


def _describe_accepted(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    if action == "delete":
        return f"取消接受分歧 {key}"
    return f"接受分歧 {key}：{_short(new)}"


def _describe_check(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    def value(v: Any) -> str:
        return _short(v.get("status")) if isinstance(v, dict) else "（未查）"
    return f"核查结果 {key}：{_change(value(old), value(new))}"


def _describe_other(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
    return f"{action} {key}"


def _describe_note(kind: str) -> Callable[..., str]:
    def describe(action: str, key: str, old: Any, new: Any, names: dict[str, str]) -> str:
        record = new if isinstance(new, dict) else old if isinstance(old, dict) else {}
        verb = {"add": "新增", "delete": "删除"}.get(action, "修改")
        return f"{verb}{_NOTE_KINDS[kind]}：{_short(record.get('text'))}"
    return describe


_DESCRIBERS: dict[str, Callable[..., str]] = {
    "score": _describe_score, "bonus": _describe_bonus, "override": _describe_override, "veto": _describe_veto,
    "signature": _describe_signature, "meta": _describe_meta, "pilot": _describe_pilot, "member": _describe_member,
    "sample": _describe_sample, "step": _describe_step, "attachment": _describe_attachment,
    "signed_version": _describe_signed_version, "evaluation": _describe_evaluation,
    "finding": _describe_note("finding"), "suggestion": _describe_note("suggestion"),
    "submission": _describe_submission, "reopened": _describe_reopened, "accepted": _describe_accepted,
    "check": _describe_check,
}


# -- the file's identity on disk ---------------------------------------------------------------------------

def _when(stamp: str) -> str:
    """An ISO time as the user reads it: date and time to the second, local as recorded."""
    return stamp[:19].replace("T", " ") if len(stamp) >= 19 and stamp[10:11] == "T" else stamp


def _fingerprint(path: Path, sides: list[Path]) -> tuple:
    marks: list[tuple[str, int | None, int | None]] = []
    for item in [path, *sides]:
        try:
            stat = item.stat()
            marks.append((item.name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            marks.append((item.name, None, None))
    return tuple(marks)


def _mtime_text(path: Path) -> str:
    try:
        return f"备份于 {dt.datetime.fromtimestamp(path.stat().st_mtime):%Y-%m-%d %H:%M:%S}"
    except OSError:
        return "备份时间不详"
