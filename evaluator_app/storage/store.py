"""The evaluation file as an object: load the whole evaluation, apply one logged edit at a time.

Each edit is one transaction that writes the record and appends to the change log; with
synchronous=FULL an edit that returned has reached the disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..domain.evaluation import (
    PILOT_FIELDS,
    BonusAward,
    Evaluation,
    Kind,
    Member,
    MemberCategory,
    Note,
    Override,
    Recusal,
    Role,
    Sample,
    Score,
    VetoDecision,
)
from ..domain.rules import score_findings
from ..domain.sheet import PANEL_MEMBER, Aggregation, Sheet
from ..domain.workflow import CheckResult, WorkflowState
from ..errors import LOCKED_EDIT, CorruptFileError, LockedError, StoreError, UserError
from ..jsonfile import dumps, to_jsonable
from ..numbers import fmt_plain
from ..paths import backups_dir
from ..sheets.schema import sheet_from_document
from . import changelog, db, filelock

R = TypeVar("R")

DEFAULT_ACTOR = "本机"
DEFAULT_BACKUP_COUNT = 10
META_TEXT_KEYS = ("evaluation_date", "evaluation_end_date", "purpose", "basis", "overview")


_clock: ContextVar[Callable[[], dt.datetime] | None] = ContextVar("evaluator_app_clock", default=None)


def now() -> str:
    """The time every change is stamped with: the computer's, or the clock `stamped_by` sets."""
    clock = _clock.get()
    moment = clock() if clock is not None else dt.datetime.now().astimezone()
    return moment.isoformat(timespec="seconds")


@contextlib.contextmanager
def stamped_by(clock: Callable[[], dt.datetime]) -> Iterator[None]:
    """Stamp the changes made inside (in this thread) with `clock`'s time instead of the computer's: the
    demo records its evaluation day as a panel would have worked it."""
    token = _clock.set(clock)
    try:
        yield
    finally:
        _clock.reset(token)


def new_id() -> str:
    return os.urandom(16).hex()  # 128 random bits, as a version-4 UUID has


@dataclass
class VerifyReport:
    integrity_ok: bool
    problems: list[str]
    entries: int

    @property
    def ok(self) -> bool:
        return self.integrity_ok and not self.problems


def _transactional(method: Callable[..., R]) -> Callable[..., R]:
    """Run a writer in one transaction (or the caller's), so what it reads first is read inside it."""
    @functools.wraps(method)
    def run(self: EvaluationStore, *args: Any, **kwargs: Any) -> R:
        with self.transaction():
            return method(self, *args, **kwargs)
    return run


class EvaluationStore:
    def __init__(self, conn: sqlite3.Connection, path: Path, actor: str, read_only: bool = False,
                 read_only_reason: str = "", lock: filelock.WriterLock | None = None):
        self.conn = conn
        self.path = path
        self.actor = actor or DEFAULT_ACTOR
        self._meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self._sheet: Sheet | None = None
        self.read_only = read_only
        self.read_only_reason = read_only_reason if read_only else ""
        # A writable store holds the file's writer lock while it is open: `open` takes it before it
        # connects; a file just made by `create` is locked here.
        self._lock = lock if lock is not None or read_only else filelock.acquire(path)
        self._depth = 0  # open transaction scopes (see `transaction`)

    # -- opening and creating -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], actor: str = DEFAULT_ACTOR, backup: bool = True,
             backup_count: int = DEFAULT_BACKUP_COUNT, read_only: bool = False) -> EvaluationStore:
        """Open for writing, holding the file's writer lock: FileInUseError when another window or program
        has it open. `read_only=True` only reads: no lock, no backup, nothing written. A file this process
        cannot write (the file, its folder or its medium) opens read-only, `read_only_reason` saying why."""
        target = Path(path)
        if not target.exists():
            raise UserError(f"找不到评估文件：{target}")
        if target.is_dir():
            raise UserError(f"{target} 是文件夹，不是评估文件")
        lock, reason = None, ""
        if not read_only:
            reason = filelock.unwritable_reason(target)
            if not reason:
                try:
                    lock = filelock.acquire(target)
                except OSError as err:
                    reason = filelock.lock_failure_reason(target, err)
            read_only = bool(reason)
        try:
            conn = db.connect_read_only(target, reason) if read_only else db.connect(target)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            db.check_file(conn, target)
            if db.user_version(conn) < db.LATEST_VERSION:
                if read_only:
                    conn = db.migrated_copy(conn, target)
                else:
                    evaluation_id = _meta_value(conn, "evaluation_id")
                    db.migrate(conn, target, backups_dir() / (evaluation_id or "unknown"))
            store = cls(conn, target, actor, read_only=read_only, read_only_reason=reason, lock=lock)
            if backup and not read_only:
                store.backup(backup_count)
            return store
        except BaseException:
            conn.close()
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def create(cls, path: str | os.PathLike[str], evaluation: Evaluation, actor: str = DEFAULT_ACTOR,
               action: str = "create", source_sha256: str = "") -> EvaluationStore:
        """A new file holding `evaluation`, written in one transaction with one log entry."""
        target = Path(path)
        if target.exists():
            raise UserError(f"文件已存在：{target}；为避免覆盖，请换一个文件名")
        conn = db.connect(target)
        try:
            db.initialise(conn, target)
            evaluation_id = evaluation.id or new_id()
            evaluation.id = evaluation_id
            stamp = now()
            with db.transaction(conn, target):
                meta = {
                    "evaluation_id": evaluation_id, "kind": evaluation.kind.value, "created_at": stamp,
                    "created_by": actor, "app_version": __version__, "locked": "0",
                    "evaluation_date": evaluation.evaluation_date or "",
                    "evaluation_end_date": evaluation.evaluation_end_date or "", "purpose": evaluation.purpose,
                    "basis": evaluation.basis, "overview": evaluation.summary_text,
                    "extra": _json(evaluation.extra), "pilot_extra": _json(evaluation.pilot_extra),
                }
                conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
                sheet_text = dumps(evaluation.sheet.document)
                conn.execute("INSERT INTO sheet (id, document, sha256) VALUES (1, ?, ?)",
                             (sheet_text, changelog.sha256_hex(sheet_text)))
                conn.executemany("INSERT INTO pilot_field (name, value) VALUES (?, ?)",
                                 [(k, v) for k, v in evaluation.pilot.items() if v])
                for position, member in enumerate(evaluation.panel):
                    _insert_member(conn, member, position, actor, stamp)
                conn.executemany(
                    "INSERT INTO score (id, member_id, item, score, na, note, extra, author, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(new_id(), None if s.member == PANEL_MEMBER else s.member, s.item, _dec(s.score), int(s.na),
                      s.note, _json(s.extra), actor, stamp) for s in evaluation.scores])
                conn.executemany(
                    "INSERT INTO veto_decision (code, confirmed, note, extra, author, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(v.code, int(v.confirmed), v.note, _json(v.extra), actor, stamp) for v in evaluation.vetoes])
                conn.executemany(
                    "INSERT INTO bonus_award (code, score, note, extra, author, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [(b.code, _dec(b.score), b.note, _json(b.extra), actor, stamp) for b in evaluation.bonuses])
                conn.executemany(
                    "INSERT INTO override (item, score, reason, extra, author, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [(o.item, _dec(o.score), o.reason, _json(o.extra), actor, stamp) for o in evaluation.overrides])
                conn.executemany(
                    "INSERT INTO sample (id, position, respondent_type, place, time, collector, answers, comment, "
                    "extra, author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(s.id, pos, s.respondent_type, s.place, s.time, s.collector or None, _json(s.answers),
                      s.comment, _json(s.extra), actor, stamp) for pos, s in enumerate(evaluation.survey)])
                for kind, notes in (("finding", evaluation.findings), ("suggestion", evaluation.suggestions)):
                    conn.executemany(
                        "INSERT INTO note (id, kind, position, text, item, step, extra, author, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(n.id, kind, pos, n.text, n.item, n.step, _json(n.extra), actor, stamp)
                         for pos, n in enumerate(notes)])
                head = changelog.append(
                    conn, changelog.genesis_hash(evaluation_id), stamp, actor, action, "evaluation", evaluation_id,
                    None, {"pilot": evaluation.pilot.get("name", ""), "members": len(evaluation.panel),
                           "scores": len(evaluation.scores), "samples": len(evaluation.survey),
                           "source_sha256": source_sha256})
                conn.execute("INSERT INTO meta (key, value) VALUES ('log_head', ?)", (head,))
            return cls(conn, target, actor)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the connection, then give up the writer lock."""
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        finally:
            lock, self._lock = self._lock, None
            if lock is not None:
                lock.release()

    def __enter__(self) -> EvaluationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------
    def reload_meta(self) -> None:
        """Read the meta table again after writes that went around the typed writers (a merge)."""
        self._meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    @property
    def evaluation_id(self) -> str:
        return self._meta["evaluation_id"]

    @property
    def kind(self) -> Kind:
        return Kind(self._meta["kind"])

    @property
    def locked(self) -> bool:
        return self._meta.get("locked") == "1"

    @property
    def sheet(self) -> Sheet:
        if self._sheet is None:
            text = self.conn.execute("SELECT document FROM sheet WHERE id = 1").fetchone()[0]
            self._sheet = sheet_from_document(json.loads(text, parse_float=Decimal), f"{self.path} 内的计分表")
        return self._sheet

    def load(self) -> Evaluation:
        try:
            return self._load()
        except sqlite3.Error as err:
            raise db.store_error(err, self.path) from None
        except (ValueError, ArithmeticError, KeyError) as err:  # a record the program did not write
            raise CorruptFileError(f"评估文件 {self.path} 中的数据已损坏，无法读取"
                                   f"（{type(err).__name__}：{err}）") from None

    def _load(self) -> Evaluation:
        c = self.conn
        meta = self._meta
        pilot = dict(c.execute("SELECT name, value FROM pilot_field").fetchall())
        evaluation = Evaluation(
            kind=Kind(meta["kind"]), sheet=self.sheet,
            pilot={k: pilot[k] for k in PILOT_FIELDS if k in pilot}
            | {k: v for k, v in pilot.items() if k not in PILOT_FIELDS},
            evaluation_date=meta.get("evaluation_date") or None,
            evaluation_end_date=meta.get("evaluation_end_date") or None, purpose=meta.get("purpose", ""),
            basis=meta.get("basis", ""), summary_text=meta.get("overview", ""), id=meta["evaluation_id"],
            extra=json.loads(meta.get("extra") or "{}"), pilot_extra=json.loads(meta.get("pilot_extra") or "{}"),
        )
        for row in c.execute(
                "SELECT id, name, org, title, phone, category, role, education, senior_title, years, selection, "
                "selection_record, recusal, replaces, extra FROM member ORDER BY position"):
            recusal = json.loads(row[12]) if row[12] else None
            evaluation.panel.append(Member(
                id=row[0], name=row[1], org=row[2], title=row[3], phone=row[4], category=MemberCategory(row[5]),
                role=Role(row[6]), education=row[7], senior_title=None if row[8] is None else bool(row[8]),
                years=row[9], selection=row[10], selection_record=row[11],
                recusal=Recusal(recusal["answers"], recusal.get("declared_at", "")) if recusal else None,
                replaces=row[13], extra=json.loads(row[14])))
        positions = {m.id: i for i, m in enumerate(evaluation.panel)}
        order = {item.code: i for i, item in enumerate(self.sheet.items)}
        scores = [_score(r) for r in c.execute(f"SELECT {_SCORE_COLUMNS} FROM score")]
        scores.sort(key=lambda s: (positions.get(s.member, -1), order.get(s.item, len(order))))
        evaluation.scores = scores
        evaluation.vetoes = [VetoDecision(r[0], bool(r[1]), r[2], json.loads(r[3])) for r in
                             c.execute("SELECT code, confirmed, note, extra FROM veto_decision ORDER BY code")]
        evaluation.bonuses = [BonusAward(r[0], Decimal(r[1]), r[2], json.loads(r[3])) for r in
                              c.execute("SELECT code, score, note, extra FROM bonus_award ORDER BY code")]
        evaluation.overrides = [Override(r[0], Decimal(r[1]), r[2], json.loads(r[3])) for r in
                                c.execute("SELECT item, score, reason, extra FROM override ORDER BY item")]
        evaluation.survey = [Sample(r[0], json.loads(r[1]), r[2], r[3], r[4], r[5] or "", r[6], _extra(r[7]))
                             for r in c.execute("SELECT id, answers, respondent_type, place, time, collector, comment, "
                                                "extra FROM sample ORDER BY position, rowid")]
        for kind, target in (("finding", evaluation.findings), ("suggestion", evaluation.suggestions)):
            target.extend(Note(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in c.execute(
                "SELECT id, text, item, step, extra FROM note WHERE kind = ? ORDER BY position, rowid", (kind,)))
        open_conflicts = c.execute("SELECT kind, key FROM merge_conflict WHERE resolved_at IS NULL ORDER BY kind, key"
                                   ).fetchall() if db.user_version(c) >= 7 else []
        if open_conflicts:
            from ..sync.labels import describe
            evaluation.conflicts = [describe(kind, key) for kind, key in open_conflicts]
        return evaluation

    def scorer_ids(self) -> list[str]:
        """Who enters scores (as `domain.scoring.scorers`), without loading the whole evaluation."""
        if self.sheet.aggregation is Aggregation.CONSENSUS:
            return [PANEL_MEMBER]
        return [row[0] for row in self.conn.execute("SELECT id FROM member ORDER BY position")]

    def score(self, member: str, item: str) -> Score | None:
        """One score as the file holds it."""
        row = self.conn.execute(
            f"SELECT {_SCORE_COLUMNS} FROM score WHERE coalesce(member_id, ?) = ? AND item = ?",
            (PANEL_MEMBER, member, item)).fetchone()
        return None if row is None else _score(row)

    def changes(self) -> list[changelog.Change]:
        return changelog.read(self.conn)

    def score_revisions(self, member: str, item: str) -> list[dict]:
        rows = self.conn.execute(
            "SELECT r.old_score, r.new_score, r.reason, r.author, r.at FROM score_revision r JOIN score s "
            "ON s.id = r.score_id WHERE coalesce(s.member_id, ?) = ? AND s.item = ? ORDER BY r.at, r.rowid",
            (PANEL_MEMBER, member, item)).fetchall()
        return [{"old": r[0], "new": r[1], "reason": r[2], "author": r[3], "at": r[4]} for r in rows]

    # -- writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (BEGIN IMMEDIATE … COMMIT) around every write made inside it.

        Nested use joins the open transaction, so an operation that makes several writes (a revised
        score and the reopened item it closes; the last signature and the lock) commits them
        together or not at all. The lock flag and the log head are read inside the transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        cached = dict(self._meta)
        try:
            with db.transaction(self.conn, self.path) as conn:
                self._depth = 1
                for key in ("locked", "log_head"):
                    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                    self._meta[key] = row[0] if row else ("0" if key == "locked" else "")
                yield conn
        except BaseException:
            self._meta = cached  # rolled back: nothing of it happened
            raise
        finally:
            self._depth = 0

    def _write(self, action: str, entity: str, key: str, old: Any, new: Any, reason: str, apply,
               allow_locked: bool = False) -> None:
        """Apply one edit and its log entry, inside the open transaction (or one of its own);
        refused while the evaluation is locked."""
        if self.read_only:
            raise db.read_only_error(self.path, self.read_only_reason)
        _check_lengths(entity, key, new)
        with self.transaction() as conn:
            if self.locked and not allow_locked:
                raise LockedError(LOCKED_EDIT, name=self.path.name)
            stamp = now()
            apply(conn, stamp)
            head = changelog.append(conn, self._meta["log_head"], stamp, self.actor, action, entity, key,
                                    to_jsonable(old), to_jsonable(new), reason)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'log_head'", (head,))
            self._meta["log_head"] = head

    def write_logged(self, action: str, entity: str, key: str, old: Any, new: Any, reason: str, apply,
                     allow_locked: bool = False) -> None:
        """For record kinds kept in their own modules (signatures): `apply(conn, timestamp)` runs inside
        the transaction that also appends the change-log entry."""
        self._write(action, entity, key, old, new, reason, apply, allow_locked)

    @_transactional
    def set_locked(self, locked: bool, reason: str = "") -> None:
        """Lock after the last signature; unlocking is logged with its reason."""
        value = "1" if locked else "0"
        if self._meta.get("locked") == value:
            return
        self._write("lock" if locked else "unlock", "meta", "locked", self._meta.get("locked"), value, reason,
                    lambda c, t: c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('locked', ?)", (value,)),
                    allow_locked=True)
        self._meta["locked"] = value

    @_transactional
    def set_meta_text(self, key: str, value: str) -> None:
        if key not in META_TEXT_KEYS:
            raise ValueError(key)
        old = self._meta.get(key, "")
        if old == value:
            return
        self._write("set", "meta", key, old, value, "",
                    lambda c, t: c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)))
        self._meta[key] = value

    @_transactional
    def set_pilot_field(self, name: str, value: str) -> None:
        row = self.conn.execute("SELECT value FROM pilot_field WHERE name = ?", (name,)).fetchone()
        old = row[0] if row else ""
        if old == value:
            return
        self._write("set", "pilot", name, old, value, "",
                    lambda c, t: c.execute("INSERT OR REPLACE INTO pilot_field (name, value) VALUES (?, ?)",
                                           (name, value)))

    @_transactional
    def set_score(self, member: str, item: str, value: Decimal | None, note: str = "", na: bool = False,
                  reason: str = "") -> None:
        """Enter or change one score. Range and step are checked here, whoever calls."""
        spec = self.sheet.item(item)
        if spec is None or item == self.sheet.derived_item:
            raise UserError(f"计分表中没有可评分的项目 “{item}”")
        if value is not None:
            errors = [f for f in score_findings(spec, value, note, self.sheet) if f.blocking]
            if errors:
                raise UserError(errors[0].message)
        member_id = None if member == PANEL_MEMBER else member
        row = self.conn.execute(
            "SELECT id, score, na, note FROM score WHERE coalesce(member_id, '') = ? AND item = ?",
            (member_id or "", item)).fetchone()
        old = None if row is None else {"score": row[1], "na": bool(row[2]), "note": row[3]}
        new = {"score": _dec(value), "na": na, "note": note}
        if old == new:
            return

        def apply(c: sqlite3.Connection, stamp: str) -> None:
            if row is None:
                c.execute("INSERT INTO score (id, member_id, item, score, na, note, author, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (new_id(), member_id, item, _dec(value), int(na), note, self.actor, stamp))
            else:
                c.execute("UPDATE score SET score = ?, na = ?, note = ?, author = ?, updated_at = ? WHERE id = ?",
                          (_dec(value), int(na), note, self.actor, stamp, row[0]))
                if reason and row[1] != _dec(value):
                    c.execute("INSERT INTO score_revision (id, score_id, old_score, new_score, reason, author, at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", (new_id(), row[0], row[1], _dec(value), reason,
                                                              self.actor, stamp))
        self._write("set", "score", f"{member}/{item}", old, new, reason, apply)

    @_transactional
    def clear_score(self, member: str, item: str, reason: str = "") -> None:
        member_id = None if member == PANEL_MEMBER else member
        row = self.conn.execute("SELECT id, score, na, note FROM score WHERE coalesce(member_id, '') = ? AND item = ?",
                                (member_id or "", item)).fetchone()
        if row is None:
            return
        self._write("delete", "score", f"{member}/{item}", {"score": row[1], "na": bool(row[2]), "note": row[3]},
                    None, reason, lambda c, t: c.execute("DELETE FROM score WHERE id = ?", (row[0],)))

    @_transactional
    def save_member(self, member: Member) -> None:
        """Add a member or update one, keyed by id."""
        row = self.conn.execute("SELECT position FROM member WHERE id = ?", (member.id,)).fetchone()
        old = next((m for m in self.load().panel if m.id == member.id), None) if row else None
        new_doc, old_doc = _member_record(member), (_member_record(old) if old else None)
        if new_doc == old_doc:
            return

        def apply(c: sqlite3.Connection, stamp: str) -> None:
            if row is None:
                position = c.execute("SELECT coalesce(max(position), -1) + 1 FROM member").fetchone()[0]
                _insert_member(c, member, position, self.actor, stamp)
            else:
                c.execute(
                    "UPDATE member SET name=?, org=?, title=?, phone=?, category=?, role=?, education=?, "
                    "senior_title=?, years=?, selection=?, selection_record=?, recusal=?, replaces=?, extra=?, "
                    "author=?, updated_at=? WHERE id=?", (*_member_values(member), self.actor, stamp, member.id))
        self._write("add" if row is None else "set", "member", member.id, old_doc, new_doc, "", apply)

    @_transactional
    def remove_member(self, member_id: str, reason: str = "") -> None:
        old = next((m for m in self.load().panel if m.id == member_id), None)
        if old is None:
            return
        self._write("delete", "member", member_id, _member_record(old), None, reason,
                    lambda c, t: c.execute("DELETE FROM member WHERE id = ?", (member_id,)))

    @_transactional
    def set_veto(self, code: str, confirmed: bool, note: str) -> None:
        if self.sheet.veto(code) is None:
            raise UserError(f"计分表中没有否决项 “{code}”")
        row = self.conn.execute("SELECT confirmed, note FROM veto_decision WHERE code = ?", (code,)).fetchone()
        old = None if row is None else {"confirmed": bool(row[0]), "note": row[1]}
        new = {"confirmed": confirmed, "note": note}
        if old == new:
            return
        self._write("set", "veto", code, old, new, note, lambda c, t: c.execute(
            "INSERT OR REPLACE INTO veto_decision (code, confirmed, note, author, updated_at) VALUES (?, ?, ?, ?, ?)",
            (code, int(confirmed), note, self.actor, t)))

    @_transactional
    def set_bonus(self, code: str, value: Decimal | None, note: str = "") -> None:
        spec = self.sheet.bonus(code)
        if spec is None:
            raise UserError(f"计分表中没有加分项 “{code}”")
        if value is not None and not (0 <= value <= spec.max):
            raise UserError(f"加分项 {code} 应在 0 至 {spec.max} 之间，输入为 {value}")
        row = self.conn.execute("SELECT score, note FROM bonus_award WHERE code = ?", (code,)).fetchone()
        old = None if row is None else {"score": row[0], "note": row[1]}
        new = None if value is None else {"score": _dec(value), "note": note}
        if old == new:
            return
        if value is None:
            self._write("delete", "bonus", code, old, None, "",
                        lambda c, t: c.execute("DELETE FROM bonus_award WHERE code = ?", (code,)))
        else:
            self._write("set", "bonus", code, old, new, note, lambda c, t: c.execute(
                "INSERT OR REPLACE INTO bonus_award (code, score, note, author, updated_at) VALUES (?, ?, ?, ?, ?)",
                (code, _dec(value), note, self.actor, t)))

    @_transactional
    def set_override(self, item: str, value: Decimal | None, reason: str = "") -> None:
        spec = self.sheet.item(item)
        if spec is None or item != self.sheet.derived_item:
            raise UserError(f"只能调整由满意度换算的项目，“{item}” 不是")
        if value is not None:
            if not (0 <= value <= spec.max):
                raise UserError(f"{item} 应在 0 至 {spec.max} 之间，输入为 {value}")
            if not reason.strip():
                raise UserError(f"调整 {item} 的换算得分须填写理由")
        row = self.conn.execute("SELECT score, reason FROM override WHERE item = ?", (item,)).fetchone()
        old = None if row is None else {"score": row[0], "reason": row[1]}
        if value is None:
            if row is not None:
                self._write("delete", "override", item, old, None, reason,
                            lambda c, t: c.execute("DELETE FROM override WHERE item = ?", (item,)))
            return
        self._write("set", "override", item, old, {"score": _dec(value), "reason": reason}, reason,
                    lambda c, t: c.execute(
                        "INSERT OR REPLACE INTO override (item, score, reason, author, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (item, _dec(value), reason, self.actor, t)))

    @_transactional
    def save_sample(self, sample: Sample) -> None:
        """Add a survey sample or replace one with the same id."""
        spec = self.sheet.survey
        if spec is None:
            raise UserError("计分表没有满意度调查部分")
        allowed = set(spec.labels) | {"不了解"}
        for code, answer in sample.answers.items():
            if spec.question(code) is None or answer not in allowed:
                raise UserError(f"样本 {sample.id} 的问题 {code} 回答 “{answer}” 无效")
        row = self.conn.execute("SELECT position, answers, respondent_type, place, time, collector, comment "
                                "FROM sample WHERE id = ?", (sample.id,)).fetchone()
        new = _sample_record(sample)
        old = None if row is None else {"answers": json.loads(row[1]), "respondent_type": row[2], "place": row[3],
                                        "time": row[4], "collector": row[5] or "", "comment": row[6]}
        if old == new:
            return

        def apply(c: sqlite3.Connection, stamp: str) -> None:
            position = row[0] if row else c.execute("SELECT coalesce(max(position), -1) + 1 FROM sample").fetchone()[0]
            c.execute("INSERT OR REPLACE INTO sample (id, position, respondent_type, place, time, collector, answers, "
                      "comment, extra, author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (sample.id, position, sample.respondent_type, sample.place, sample.time,
                       sample.collector or None, _json(sample.answers), sample.comment, _json(sample.extra),
                       self.actor, stamp))
        self._write("add" if row is None else "set", "sample", sample.id, old, new, "", apply)

    @_transactional
    def delete_sample(self, sample_id: str, reason: str = "") -> None:
        row = self.conn.execute("SELECT answers FROM sample WHERE id = ?", (sample_id,)).fetchone()
        if row is None:
            return
        self._write("delete", "sample", sample_id, {"answers": json.loads(row[0])}, None, reason,
                    lambda c, t: c.execute("DELETE FROM sample WHERE id = ?", (sample_id,)))

    @_transactional
    def save_note(self, kind: str, note: Note) -> None:
        if kind not in ("finding", "suggestion"):
            raise ValueError(kind)
        row = self.conn.execute("SELECT position, text, item, step FROM note WHERE id = ?", (note.id,)).fetchone()
        old = None if row is None else {"text": row[1], "item": row[2], "step": row[3]}
        new = {"text": note.text, "item": note.item, "step": note.step}
        if old == new:
            return

        def apply(c: sqlite3.Connection, stamp: str) -> None:
            position = row[0] if row else c.execute("SELECT coalesce(max(position), -1) + 1 FROM note").fetchone()[0]
            c.execute("INSERT OR REPLACE INTO note (id, kind, position, text, item, step, extra, author, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (note.id, kind, position, note.text, note.item, note.step, _json(note.extra), self.actor, stamp))
        self._write("add" if row is None else "set", kind, note.id, old, new, "", apply)

    @_transactional
    def delete_note(self, note_id: str) -> None:
        row = self.conn.execute("SELECT kind, text FROM note WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            return
        self._write("delete", row[0], note_id, {"text": row[1]}, None, "",
                    lambda c, t: c.execute("DELETE FROM note WHERE id = ?", (note_id,)))

    def step_records(self) -> dict[int, dict]:
        """Each on-site step's status, times and free data (agenda, report notes, counts, debrief)."""
        rows = self.conn.execute("SELECT step, status, started_at, finished_at, data FROM step_record").fetchall()
        records = {}
        for step, status, started_at, finished_at, data in rows:
            try:
                parsed = json.loads(data)
            except ValueError:
                raise CorruptFileError(f"评估文件 {self.path} 中第 {step} 步的记录已损坏（不是有效的 JSON），"
                                       "无法读取") from None
            records[step] = {"status": status, "started_at": started_at, "finished_at": finished_at,
                             "data": parsed if isinstance(parsed, dict) else {}}
        return records

    @_transactional
    def set_step(self, step: int, status: str | None = None, data: dict | None = None, reason: str = "") -> None:
        """Change a step's status (times are stamped as it starts and finishes) and/or merge keys into its data."""
        current = self.step_records().get(step, {"status": "未开始", "started_at": "", "finished_at": "", "data": {}})
        new = {**current, "data": {**current["data"], **(data or {})}}
        if status is not None:
            new["status"] = status
        if new == current:
            return

        def apply(c: sqlite3.Connection, stamp: str) -> None:
            if status == "进行中" and not new["started_at"]:
                new["started_at"] = stamp
            if status == "已完成":
                new["started_at"] = new["started_at"] or stamp
                new["finished_at"] = stamp
            if status in ("未开始", "进行中"):
                new["finished_at"] = ""
            c.execute("INSERT OR REPLACE INTO step_record (step, status, started_at, finished_at, data, author, "
                      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (step, new["status"], new["started_at"], new["finished_at"], _json(new["data"]),
                       self.actor, stamp))
        changed = {k: v for k, v in new.items() if current.get(k) != v}
        self._write("set", "step", str(step), {k: current.get(k) for k in changed}, changed, reason, apply)

    # -- workflow state (typed tables) ---------------------------------------------------------------
    def workflow_state(self) -> WorkflowState:
        """Step records, submissions, reopened items, accepted disagreements and check results."""
        c = self.conn
        state = WorkflowState(records=self.step_records(), bound_member=self._meta.get("bound_member", ""))
        state.submitted = dict(c.execute("SELECT scorer, submitted_at FROM sheet_submission ORDER BY submitted_at"))
        for scorer, item in c.execute("SELECT scorer, item FROM reopened_item ORDER BY reopened_at, rowid"):
            state.reopened.setdefault(scorer, []).append(item)
        state.accepted = dict(c.execute("SELECT item, reason FROM accepted_disagreement ORDER BY item"))
        for step, item, status, note in c.execute("SELECT step, item, status, note FROM check_result"):
            state.checks.setdefault(step, {})[item] = CheckResult(status, note)
        return state

    @_transactional
    def set_submission(self, scorer: str, submitted_at: str | None, reason: str = "") -> None:
        """Record that `scorer` submitted their sheet (or, with None, that it was returned)."""
        row = self.conn.execute("SELECT submitted_at FROM sheet_submission WHERE scorer = ?", (scorer,)).fetchone()
        old = row[0] if row else None
        if old == submitted_at:
            return
        if submitted_at is None:
            self._write("delete", "submission", scorer, old, None, reason,
                        lambda c, t: c.execute("DELETE FROM sheet_submission WHERE scorer = ?", (scorer,)))
        else:
            self._write("set", "submission", scorer, old, submitted_at, reason, lambda c, t: c.execute(
                "INSERT OR REPLACE INTO sheet_submission (scorer, submitted_at, author) VALUES (?, ?, ?)",
                (scorer, submitted_at, self.actor)))

    @_transactional
    def set_reopened(self, scorer: str, item: str, reopened: bool, reason: str = "") -> None:
        """Open an item of a submitted sheet for revision in the consensus round, or close it again."""
        exists = self.conn.execute("SELECT 1 FROM reopened_item WHERE scorer = ? AND item = ?",
                              (scorer, item)).fetchone() is not None
        if exists == reopened:
            return
        if reopened:
            self._write("add", "reopened", f"{scorer}/{item}", None, True, reason, lambda c, t: c.execute(
                "INSERT INTO reopened_item (scorer, item, reopened_at, author) VALUES (?, ?, ?, ?)",
                (scorer, item, t, self.actor)))
        else:
            self._write("delete", "reopened", f"{scorer}/{item}", True, None, reason, lambda c, t: c.execute(
                "DELETE FROM reopened_item WHERE scorer = ? AND item = ?", (scorer, item)))

    @_transactional
    def set_accepted(self, item: str, reason: str | None) -> None:
        """Close a flagged disagreement without agreement, with the reason (None: open it again)."""
        row = self.conn.execute("SELECT reason FROM accepted_disagreement WHERE item = ?", (item,)).fetchone()
        old = row[0] if row else None
        if old == reason:
            return
        if reason is None:
            self._write("delete", "accepted", item, old, None, "",
                        lambda c, t: c.execute("DELETE FROM accepted_disagreement WHERE item = ?", (item,)))
        else:
            self._write("set", "accepted", item, old, reason, reason, lambda c, t: c.execute(
                "INSERT OR REPLACE INTO accepted_disagreement (item, reason, accepted_at, author) "
                "VALUES (?, ?, ?, ?)", (item, reason, t, self.actor)))

    @_transactional
    def set_check(self, step: str, item: str, status: str, note: str) -> None:
        """The finding for one item in 查阅资料 (`documents`) or 考核现场 (`site`)."""
        row = self.conn.execute("SELECT status, note FROM check_result WHERE step = ? AND item = ?",
                           (step, item)).fetchone()
        old = None if row is None else {"status": row[0], "note": row[1]}
        new = {"status": status, "note": note}
        if old == new:
            return
        self._write("set", "check", f"{step}/{item}", old, new, "", lambda c, t: c.execute(
            "INSERT OR REPLACE INTO check_result (step, item, status, note, author, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", (step, item, status, note, self.actor, t)))

    # -- safety ---------------------------------------------------------------------------------
    def backup(self, keep: int = DEFAULT_BACKUP_COUNT) -> Path:
        """A rotating backup in the data folder, made with the SQLite backup API."""
        folder = backups_dir() / self.evaluation_id
        target = db.backup_to(self.conn, folder / f"auto-{db.timestamp()}.sqlite", self.path)
        from .recovery import remember_source  # restoring's module loads only when backing up
        remember_source(folder, self.path)
        db.rotate_backups(folder, keep)
        return target

    def verify(self) -> VerifyReport:
        try:
            integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check(20)")]
            fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
            problems = changelog.verify_chain(self.conn, self.evaluation_id, self._meta.get("log_head"))
            entries = self.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
        except sqlite3.Error as err:
            raise db.store_error(err, self.path) from None
        if integrity != ["ok"]:
            problems = [f"数据库完整性检查未通过：{integrity[0]}"] + problems
        if fk:
            problems.append(f"有 {len(fk)} 条记录引用了不存在的数据（外键检查未通过）")
        return VerifyReport(integrity == ["ok"], problems, entries)


def verify_file(path: str | os.PathLike[str]) -> list[str]:
    """What `EvaluationStore.verify` finds wrong with the file at `path`, through a read-only connection."""
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        return store.verify().problems


def backup_file(path: str | os.PathLike[str], evaluation_id: str, keep: int = DEFAULT_BACKUP_COUNT) -> Path:
    """A rotating backup of the file at `path`, through a read-only connection of its own (so it can
    run on a worker thread while the window keeps its connection)."""
    source = Path(path)
    conn = db.connect_read_only(source)
    try:
        folder = backups_dir() / evaluation_id
        target = db.backup_to(conn, folder / f"auto-{db.timestamp()}.sqlite", source,
                              pages=db.BACKGROUND_BACKUP_PAGES)
    finally:
        conn.close()
    from .recovery import remember_source
    remember_source(folder, source)
    db.rotate_backups(folder, keep)
    return target


# Texts that sit in one table cell of the report (a page is the most a cell can take) are as short as the
# exchange format allows; any other text as long as a text value may be there.
_SHORT_MEMBER_FIELDS = {"name": "姓名", "org": "单位", "title": "职务/职称", "phone": "电话", "education": "学历"}


def _check_lengths(entity: str, key: str, new: Any) -> None:
    from ..jsonfile import MAX_NAME_CHARS, MAX_STRING_CHARS
    if entity == "pilot" and isinstance(new, str) and len(new) > MAX_NAME_CHARS:
        raise UserError(f"试点信息“{PILOT_FIELDS.get(key, key)}”过长（{len(new)} 个字），最多 {MAX_NAME_CHARS} 个字")
    if entity == "member" and isinstance(new, dict):
        for field_name, label in _SHORT_MEMBER_FIELDS.items():
            value = new.get(field_name)
            if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
                raise UserError(f"成员的{label}过长（{len(value)} 个字），最多 {MAX_NAME_CHARS} 个字")
    longest = _longest_text(new)
    if longest > MAX_STRING_CHARS:
        raise UserError(f"输入的文字过长（{longest} 个字），一段文字最多 {MAX_STRING_CHARS} 个字")


def _longest_text(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max((_longest_text(v) for v in value.values()), default=0)
    if isinstance(value, (list, tuple)):
        return max((_longest_text(v) for v in value), default=0)
    return 0


def _meta_value(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


_SCORE_COLUMNS = "member_id, item, score, na, note, extra"


def _score(row: Sequence[Any]) -> Score:
    """A `score` row (`_SCORE_COLUMNS`) as the domain's Score."""
    member_id, item, value, na, note, extra = row
    return Score(PANEL_MEMBER if member_id is None else member_id, item,
                 None if value is None else Decimal(value), bool(na), note, _extra(extra))


def _extra(text: str) -> dict:
    return {} if text == "{}" else json.loads(text)


def _json(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else fmt_plain(value)


def _member_values(m: Member) -> tuple:
    recusal = None if m.recusal is None else _json({"answers": m.recusal.answers, "declared_at": m.recusal.declared_at})
    return (m.name, m.org, m.title, m.phone, m.category.value, m.role.value, m.education,
            None if m.senior_title is None else int(m.senior_title), m.years, m.selection, m.selection_record,
            recusal, m.replaces, _json(m.extra))


def _insert_member(conn: sqlite3.Connection, m: Member, position: int, actor: str, stamp: str) -> None:
    conn.execute(
        "INSERT INTO member (name, org, title, phone, category, role, education, senior_title, years, selection, "
        "selection_record, recusal, replaces, extra, author, updated_at, id, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_member_values(m), actor, stamp, m.id, position))


def _member_record(m: Member) -> dict:
    return {"name": m.name, "org": m.org, "title": m.title, "phone": m.phone, "category": m.category.value,
            "role": m.role.value, "education": m.education, "senior_title": m.senior_title, "years": m.years,
            "selection": m.selection, "selection_record": m.selection_record,
            "recusal": None if m.recusal is None else m.recusal.answers, "replaces": m.replaces}


def _sample_record(s: Sample) -> dict:
    return {"answers": s.answers, "respondent_type": s.respondent_type, "place": s.place, "time": s.time,
            "collector": s.collector, "comment": s.comment}


__all__ = ["EvaluationStore", "VerifyReport", "StoreError"]
