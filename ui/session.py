"""The open evaluation, as the widgets see it: current data, edits that save as they happen.

Every edit goes to the evaluation file at once (one small transaction). An edit that cannot be
saved (disk full, file locked) stays queued and on screen, and is retried until it lands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from evaluator_app.domain.evaluation import Evaluation, Member, Note, Sample
from evaluator_app.domain.scoring import Summary, compute
from evaluator_app.errors import LockedError, StoreError, UserError
from evaluator_app.services import workflow
from evaluator_app.storage.store import EvaluationStore

from .i18n import tr

log = logging.getLogger("evaluator_app.ui")

RETRY_MS = 3000
BACKUP_MS = 10 * 60 * 1000


class EvaluationSession(QObject):
    changed = Signal(str)  # what changed: "score", "panel", "survey", "pilot", "step", "notes", "meta", "all"
    saveStateChanged = Signal(str, str)  # state ("saved", "failed"), message
    problem = Signal(str)  # a refused edit, to show to the user

    def __init__(self, store: EvaluationStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.evaluation: Evaluation = store.load()
        self.records: dict[int, dict] = store.step_records()
        self._summary: Summary | None = None
        self._states: list[workflow.StepState] | None = None
        self._scores: dict | None = None  # (member, item) -> Score, rebuilt after any change
        self._pending: list[tuple[str, Callable[[], None]]] = []
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_pending)
        self.last_saved = ""
        self.closed = False

    def start_backups(self) -> None:
        """A rotating backup shortly after opening, then every ten minutes while the file is open."""
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(1500)
        self._backup_timer.timeout.connect(self.backup)
        self._backup_timer.start()

    def backup(self) -> None:
        if self.closed:
            return
        self._backup_timer.setInterval(BACKUP_MS)
        try:
            from .settings import AppSettings
            self.store.backup(keep=AppSettings().backup_count)
        except (StoreError, UserError) as err:
            log.warning("backup failed: %s", err)
            self.saveStateChanged.emit("failed", tr("自动备份失败：{error}").format(error=err))
        except Exception:  # a backup must never take the program down; the next one retries
            log.exception("backup")

    # -- reading ------------------------------------------------------------------------------
    @property
    def path(self):
        return self.store.path

    @property
    def summary(self) -> Summary:
        if self._summary is None:
            self._summary = compute(self.evaluation)
        return self._summary

    def score_of(self, member: str, item: str):
        """The score a member gave an item (or None), by index: the grids ask for it on every paint."""
        if self._scores is None:
            self._scores = {(s.member, s.item): s for s in self.evaluation.scores}
        return self._scores.get((member, item))

    def step_states(self) -> list[workflow.StepState]:
        if self._states is None:
            self._states = workflow.step_states(self.evaluation, self.summary, self.records)
        return self._states

    def _forget_derived(self) -> None:
        """After an edit: the summary, the score index and the step states are worked out again when next asked."""
        self._summary = None
        self._scores = None
        self._states = None

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    # -- writing ------------------------------------------------------------------------------
    def _edit(self, what: str, action: Callable[[], None], reload: str = "all") -> bool:
        """Run one edit against the file. A refused edit (bad value, locked) is reported and dropped;
        a failed save (disk, lock) is queued and retried, so nothing typed is lost."""
        try:
            action()
        except LockedError as err:
            self.problem.emit(str(err))
            return False
        except StoreError as err:
            self._pending.append((what, action))
            self._retry.start()
            self.saveStateChanged.emit("failed", tr("{error}（{n} 项修改待保存，将自动重试）").format(
                error=err, n=len(self._pending)))
            return False
        except UserError as err:
            self.problem.emit(str(err))
            return False
        self._after_save(reload)
        return True

    def _after_save(self, reload: str) -> None:
        if reload in ("all", "panel", "survey", "notes", "pilot", "meta"):
            self.evaluation = self.store.load()
        if reload in ("all", "step"):
            self.records = self.store.step_records()
        self._forget_derived()
        from datetime import datetime
        self.last_saved = datetime.now().strftime("%H:%M:%S")
        if not self._pending:
            self.saveStateChanged.emit("saved", tr("已保存 {time}").format(time=self.last_saved))
        self.changed.emit(reload)

    def retry_pending(self) -> None:
        if not self._pending:
            return
        while self._pending:
            what, action = self._pending[0]
            try:
                action()
            except StoreError as err:
                self.saveStateChanged.emit("failed", tr("{error}（{n} 项修改待保存，将自动重试）").format(
                    error=err, n=len(self._pending)))
                return
            except UserError as err:
                self.problem.emit(str(err))
            self._pending.pop(0)
        self._retry.stop()
        self._after_save("all")

    def set_score(self, member: str, item: str, value: Decimal | None, note: str = "", reason: str = "") -> bool:
        """Save one score. It shows at once; if the disk refuses it, it stays on screen and is retried.
        A value the rules refuse (range, step, locked) is taken back with a message."""
        if not workflow.can_edit_score(self.records, self.evaluation.kind, member, item):
            self.problem.emit(tr("该成员已提交计分表，评分已锁定；如需修改，请由组长在协商中重新开放该项"))
            return False
        existing = self.score_of(member, item)
        previous = (existing.score, existing.note) if existing else None
        clear = value is None and not note
        if clear:
            action = lambda: self.store.clear_score(member, item, reason)  # noqa: E731
        else:
            action = lambda: self.store.set_score(member, item, value, note, reason=reason)  # noqa: E731
        self._apply_score_locally(member, item, value, note)
        pending_before = self.pending_count
        ok = self._edit("score", action, "score")
        if not ok and self.pending_count == pending_before:  # refused, not merely unsaved
            if previous is None:
                self._apply_score_locally(member, item, None, "")
            else:
                self._apply_score_locally(member, item, *previous)
            self.changed.emit("score")
        return ok

    def _apply_score_locally(self, member: str, item: str, value: Decimal | None, note: str) -> None:
        """Keep the in-memory evaluation in step without reloading the whole file on every keystroke."""
        from evaluator_app.domain.evaluation import Score
        scores = self.evaluation.scores
        existing = next((s for s in scores if s.member == member and s.item == item), None)
        if value is None and not note:
            if existing:
                scores.remove(existing)
        elif existing:
            existing.score, existing.note = value, note
        else:
            scores.append(Score(member, item, value, False, note))
        self._forget_derived()

    def set_not_due(self, member: str, item: str, not_due: bool = True) -> bool:
        """中期评估: mark an item 未到期 for a scorer (its maximum leaves the denominator), or clear the mark."""
        if not workflow.can_edit_score(self.records, self.evaluation.kind, member, item):
            self.problem.emit(tr("该成员已提交计分表，评分已锁定；如需修改，请由组长在协商中重新开放该项"))
            return False
        if not_due:
            action = lambda: self.store.set_score(member, item, None, "", na=True)  # noqa: E731
        else:
            action = lambda: self.store.clear_score(member, item)  # noqa: E731
        return self._edit("score", action, "all")

    def set_pilot_field(self, name: str, value: str) -> bool:
        return self._edit("pilot", lambda: self.store.set_pilot_field(name, value), "pilot")

    def set_meta_text(self, key: str, value: str) -> bool:
        return self._edit("meta", lambda: self.store.set_meta_text(key, value), "meta")

    def save_member(self, member: Member) -> bool:
        return self._edit("panel", lambda: self.store.save_member(member), "panel")

    def remove_member(self, member_id: str, reason: str = "") -> bool:
        return self._edit("panel", lambda: self.store.remove_member(member_id, reason), "panel")

    def save_sample(self, sample: Sample) -> bool:
        return self._edit("survey", lambda: self.store.save_sample(sample), "survey")

    def delete_sample(self, sample_id: str) -> bool:
        return self._edit("survey", lambda: self.store.delete_sample(sample_id), "survey")

    def save_note(self, kind: str, note: Note) -> bool:
        return self._edit("notes", lambda: self.store.save_note(kind, note), "notes")

    def delete_note(self, note_id: str) -> bool:
        return self._edit("notes", lambda: self.store.delete_note(note_id), "notes")

    def set_veto(self, code: str, confirmed: bool, note: str) -> bool:
        return self._edit("veto", lambda: self.store.set_veto(code, confirmed, note), "all")

    def set_bonus(self, code: str, value: Decimal | None, note: str = "") -> bool:
        return self._edit("bonus", lambda: self.store.set_bonus(code, value, note), "all")

    def set_override(self, item: str, value: Decimal | None, reason: str = "") -> bool:
        return self._edit("override", lambda: self.store.set_override(item, value, reason), "all")

    def set_step(self, number: int, status: str | None = None, data: dict | None = None, reason: str = "") -> bool:
        return self._edit("step", lambda: self.store.set_step(number, status, data, reason), "step")

    def set_step_data(self, key: str, data: dict) -> bool:
        number = workflow.step_number(self.evaluation.kind, key)
        return number is not None and self.set_step(number, data=data)

    def step_data(self, key: str) -> dict:
        return workflow.step_data(self.records, self.evaluation.kind, key)

    def mark_started(self, key: str) -> None:
        number = workflow.step_number(self.evaluation.kind, key)
        if number and self.records.get(number, {}).get("status", workflow.NOT_STARTED) == workflow.NOT_STARTED:
            self.set_step(number, workflow.IN_PROGRESS)

    # -- signatures ---------------------------------------------------------------------------------
    def signature_status(self) -> dict:
        from evaluator_app.signing import records
        return records.signature_status(self.store)

    def sign(self, member: str, purpose, strokes, width: int, height: int) -> bool:
        from evaluator_app.signing import records
        return self._edit("signature", lambda: records.sign(self.store, member, purpose, strokes, width, height), "all")

    def unlock(self, leader: str, reason: str) -> bool:
        from evaluator_app.signing import records
        return self._edit("signature", lambda: records.unlock(self.store, leader, reason), "all")

    def close(self) -> None:
        self.retry_pending()
        if hasattr(self, "_backup_timer"):
            self._backup_timer.stop()
        self.closed = True
        self.store.close()


def _attachments():
    from evaluator_app.storage import attachments
    return attachments


def add_attachment(session: EvaluationSession, path: str, kind: str, step: int | None = None, item: str = "") -> bool:
    return session._edit("attachment", lambda: _attachments().add_attachment(session.store, path, kind, step, item),
                         "attachment")


def list_attachments(session: EvaluationSession, step: int | None = None, item: str | None = None):
    return _attachments().attachments(session.store, step, item)


def remove_attachment(session: EvaluationSession, attachment_id: str) -> bool:
    return session._edit("attachment", lambda: _attachments().remove_attachment(session.store, attachment_id),
                         "attachment")


def attachment_content(session: EvaluationSession, attachment_id: str) -> bytes:
    return _attachments().attachment_content(session.store, attachment_id)
