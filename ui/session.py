"""The open evaluation, as the widgets see it, and the one way the window runs an operation.

Every user action is one call of `EvaluationSession.run` with an operation from
`evaluator_app.operations`: it runs in one transaction, and the session then refreshes what the
operation says it changed, from what the file now holds. Slow operations (attachments) run on a
worker thread with the file to themselves (`run_in_background`); edits made meanwhile wait their
turn. An edit the file refuses for a rule is reported and dropped; one that cannot be saved (disk
full, file in use) stays queued, on screen, and is retried until it lands — the window does not
close while one waits (see `MainWindow.closeEvent`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from evaluator_app import operations as ops
from evaluator_app.domain import workflow
from evaluator_app.domain.evaluation import Evaluation, Member, Note, Sample, Score
from evaluator_app.domain.scoring import Summary, compute
from evaluator_app.errors import LockedError, StoreError, UserError
from evaluator_app.operations import OpChanges
from evaluator_app.operations.changes import ATTACHMENTS, SCORES
from evaluator_app.storage.store import EvaluationStore

from . import tasks
from .i18n import N_, tr

log = logging.getLogger("evaluator_app.ui")

RETRY_MS = 3000
BACKUP_MS = 10 * 60 * 1000

Operation = Callable[[EvaluationStore], OpChanges]

# What a waiting edit is about, for the message that lists them.
EDIT_NAMES = {
    "score": N_("评分"), "submission": N_("计分表提交"), "consensus": N_("协商"), "pilot": N_("试点单位信息"),
    "meta": N_("评估综述等文字"), "panel": N_("评估组成员"), "survey": N_("满意度样本"), "notes": N_("问题与建议"),
    "veto": N_("否决项"), "bonus": N_("加分项"), "override": N_("换算得分调整"), "step": N_("步骤记录"),
    "check": N_("核查结果"), "signature": N_("签字"), "attachment": N_("附件"), "merge": N_("合并冲突的处理"),
}


@dataclass
class PendingEdit:
    """An edit the file could not take yet: what it was, and the operation to run again."""

    what: str
    operation: Operation
    score: tuple[str, str, Decimal | None, str] | None = None  # (scorer, item, value, note) shown meanwhile


class EvaluationSession(QObject):
    # What changed: "score" (one score: the grids update in place), "attachment", or "all".
    changed = Signal(str)
    saveStateChanged = Signal(str, str)  # state ("saved", "failed", "busy"), message
    problem = Signal(str)  # a refused edit, to show to the user
    integrityProblem = Signal(str)  # the file failed its full check after opening (what `verify` reports)

    def __init__(self, store: EvaluationStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.evaluation: Evaluation = store.load()
        self.workflow: workflow.WorkflowState = store.workflow_state()
        self._summary: Summary | None = None
        self._states: list[workflow.StepState] | None = None
        self._scores: dict | None = None  # (member, item) -> Score, rebuilt after any change
        self._pending: list[PendingEdit] = []
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_pending)
        self._file = threading.Lock()  # held by whoever uses the store's connection
        self._background: tasks.Task | None = None
        self._backup_task: tasks.Task | None = None
        self._integrity_checked = False
        self.last_saved = ""
        self.last_error = ""  # why the waiting edits could not be saved
        self.closed = False
        # A member file (see `evaluator_app.sync.members`): whose it is; its edits are recorded as theirs.
        from evaluator_app.operations.ownership import bound_member
        self.bound_member = bound_member(store)
        if self.bound_member:
            store.actor = self.bound_member

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def member_file(self) -> bool:
        """A member's file: only what is theirs can be changed here; the leader's facts are shown read-only."""
        return bool(self.bound_member)

    @property
    def bound_member_name(self) -> str:
        member = self.evaluation.member(self.bound_member) if self.bound_member else None
        return member.name if member else self.bound_member

    # -- backups ------------------------------------------------------------------------------
    def check_integrity(self, copy: Path | None = None) -> None:
        """The full check `verify` runs (every page, every index, the change log's chain), on a worker
        thread through a read-only connection; a failure is reported, not hidden. Given `copy` (the backup
        just made, page for page what the file held), the copy is checked, so the file's own read lock
        never makes an edit in the window wait."""
        from evaluator_app.storage.store import verify_file
        path = copy or self.store.path
        self._integrity_checked = True

        def done(problems: list[str]) -> None:
            if problems and not self.closed:
                self.integrityProblem.emit("\n".join(problems))
        self._check_task = tasks.start(lambda _progress: verify_file(path), done, lambda message: None)

    def start_backups(self) -> None:
        """A rotating backup shortly after opening, then every ten minutes while the file is open."""
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(1500)
        self._backup_timer.timeout.connect(self.backup)
        self._backup_timer.start()

    def backup(self) -> None:
        """On a worker thread, through a connection of its own: typing goes on meanwhile."""
        if self.closed or self._backup_task is not None:
            return
        self._backup_timer.setInterval(BACKUP_MS)
        from evaluator_app.storage.store import backup_file

        from .settings import AppSettings
        path, evaluation_id, keep = self.store.path, self.store.evaluation_id, AppSettings().backup_count
        self._backup_task = tasks.start(lambda _progress: backup_file(path, evaluation_id, keep),
                                        self._backup_done, self._backup_failed)

    def _backup_done(self, backup: Path) -> None:
        self._backup_task = None
        if not self._integrity_checked and not self.closed:
            self.check_integrity(backup)

    def _backup_failed(self, message: str) -> None:
        self._backup_task = None
        log.warning("backup failed: %s", message)
        self.saveStateChanged.emit("failed", tr("自动备份失败：{error}").format(error=message))

    # -- reading ------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def summary(self) -> Summary:
        if self._summary is None:
            self._summary = compute(self.evaluation)
        return self._summary

    def score_of(self, member: str, item: str) -> Score | None:
        """The score a member gave an item (or None), by index: the grids ask for it on every paint."""
        if self._scores is None:
            self._scores = {(s.member, s.item): s for s in self.evaluation.scores}
        return self._scores.get((member, item))

    def step_states(self) -> list[workflow.StepState]:
        if self._states is None:
            self._states = workflow.step_states(self.evaluation, self.summary, self.workflow)
        return self._states

    def step_data(self, key: str) -> dict:
        return workflow.step_data(self.workflow, self.evaluation.kind, key)

    def checks(self, key: str) -> dict[str, workflow.CheckResult]:
        return dict(self.workflow.checks.get(key, {}))

    def _forget_derived(self) -> None:
        """After an edit: the summary, the score index and the step states are worked out again when next asked."""
        self._summary = None
        self._scores = None
        self._states = None

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def pending_descriptions(self) -> list[str]:
        """The waiting edits, as a person would name them: "A1 评分 2.5", "评估组成员"…"""
        from evaluator_app.numbers import fmt_plain
        described = []
        for edit in self._pending:
            if edit.score is not None:
                _member, item, value, _note = edit.score
                described.append(tr("{item} 评分 {score}").format(item=item, score=fmt_plain(value) if value is not None
                                                                   else tr("（清空）")))
            else:
                described.append(tr(EDIT_NAMES.get(edit.what, edit.what)))
        return described

    @contextlib.contextmanager
    def problems_heard(self) -> Iterator[list[str]]:
        """The messages of the edits refused while the block runs (still emitted as `problem` too), for a
        widget that answers a refusal in its own way (a dialog, an editor that stays open)."""
        heard: list[str] = []

        def hear(text: str) -> None:
            heard.append(text)

        self.problem.connect(hear)
        try:
            yield heard
        finally:
            self.problem.disconnect(hear)

    @property
    def busy(self) -> bool:
        return self._background is not None

    # -- running operations ----------------------------------------------------------------------
    def run(self, what: str, operation: Operation, score: tuple[str, str, Decimal | None, str] | None = None
            ) -> OpChanges | None:
        """Run one operation now. Returns what it changed; None when it was refused (the reason is
        emitted as `problem`) or could not be saved yet (it is queued and retried)."""
        if self.closed:
            log.warning("edit after the file was closed: %s", what)
            return None
        if self._pending or self.busy:  # keep the order: behind what is still waiting
            self._queue(PendingEdit(what, operation, score), None)
            return None
        try:
            with self._file:
                changes = operation(self.store)
        except StoreError as err:
            self._queue(PendingEdit(what, operation, score), err)
            return None
        except LockedError as err:
            self.problem.emit(tr(err.template).format(**err.values))
            return None
        except UserError as err:
            self.problem.emit(str(err))
            return None
        self._apply(changes)
        return changes

    def discard_pending(self) -> None:
        """Forget the edits still waiting (once they were saved in a copy elsewhere)."""
        self._pending.clear()
        self._retry.stop()
        self.last_error = ""

    def _queue(self, edit: PendingEdit, error: StoreError | None) -> None:
        if error is not None:
            self.last_error = str(error)
        self._pending.append(edit)
        if edit.score is not None:
            self._show_score(*edit.score)
        if error is not None or not self.busy:
            self._retry.start()
        if self.last_error and not self.busy:
            self.saveStateChanged.emit("failed", tr("{error}（{n} 项修改待保存，将自动重试）").format(
                error=self.last_error, n=len(self._pending)))

    def _apply(self, changes: OpChanges) -> None:
        """Refresh what the operation changed, from the file."""
        if changes.areas == {SCORES} and isinstance(changes.result, tuple):
            self._replace_score(*changes.result)  # one score, as the file now holds it: no reload per keystroke
        elif changes.evaluation:
            self.evaluation = self.store.load()
        if changes.workflow:
            self.workflow = self.store.workflow_state()
        self._forget_derived()
        self._saved()
        self.changed.emit(_what(changes))

    def _saved(self) -> None:
        """Every edit has reached the file: say when."""
        from datetime import datetime
        self.last_saved = datetime.now().strftime("%H:%M:%S")
        if not self._pending:
            self.saveStateChanged.emit("saved", tr("已保存 {time}").format(time=self.last_saved))

    def _replace_score(self, member: str, item: str, score: Score | None) -> None:
        scores = self.evaluation.scores
        index = next((i for i, s in enumerate(scores) if s.member == member and s.item == item), None)
        if score is None:
            if index is not None:
                del scores[index]
        elif index is None:
            scores.append(score)
        else:
            scores[index] = score
        self._forget_derived()

    def _show_score(self, member: str, item: str, value: Decimal | None, note: str) -> None:
        """A score waiting to be saved stays on screen as typed."""
        shown = None if value is None and not note else Score(member, item, value, False, note)
        self._replace_score(member, item, shown)
        self.changed.emit("score")

    def retry_pending(self) -> bool:
        """Run the waiting edits again, in order; True when none is left. Once any ran, the evaluation is
        read again from the file: what shows is what it holds (an edit refused after all disappears)."""
        if self.busy:
            return False
        if not self._pending:
            return True
        ran = False
        while self._pending:
            try:
                with self._file:
                    self._pending[0].operation(self.store)
            except StoreError as err:
                self.last_error = str(err)
                self.saveStateChanged.emit("failed", tr("{error}（{n} 项修改待保存，将自动重试）").format(
                    error=err, n=len(self._pending)))
                if ran:
                    self._reload()
                return False
            except UserError as err:
                self.problem.emit(str(err))
            self._pending.pop(0)
            ran = True
        self._retry.stop()
        self.last_error = ""
        self._reload()
        return True

    def _reload(self) -> None:
        self.evaluation = self.store.load()
        self.workflow = self.store.workflow_state()
        self._forget_derived()
        self._saved()
        self.changed.emit("all")

    def run_in_background(self, what: str, operation: Operation, then: Callable[[OpChanges], None] | None = None,
                          otherwise: Callable[[str], None] | None = None) -> bool:
        """A slow operation on a worker thread, with the file to itself; edits made meanwhile are
        queued and run once it is done. False when another one is still running."""
        if self.closed or self.busy:
            if self.busy:
                self.problem.emit(tr("上一项操作尚未完成，请稍候"))
            return False
        self.saveStateChanged.emit("busy", tr("正在保存：{what}…").format(what=what))

        def work(_progress: Callable[[int, int], None]) -> OpChanges:
            with self._file:
                return operation(self.store)

        def done(changes: OpChanges) -> None:
            self._background = None
            self._apply(changes)
            self.retry_pending()
            if then is not None:
                then(changes)

        def failed(message: str) -> None:
            self._background = None
            self.problem.emit(message)
            self.saveStateChanged.emit("failed", message)
            self.retry_pending()
            if otherwise is not None:
                otherwise(message)

        self._background = tasks.start(work, done, failed)
        return True

    def wait_for_background(self, timeout_ms: int = 120_000) -> bool:
        """Before closing: let a running background operation finish (its result is applied)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThreadPool
        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            QThreadPool.globalInstance().waitForDone(50)
            QCoreApplication.processEvents()
        return not self.busy

    def save_copy_with_pending(self, target: str | Path) -> Path:
        """When the file cannot take the waiting edits: a copy of it elsewhere, with them applied."""
        from evaluator_app.services.files import copy_verified
        with self._file:
            destination = copy_verified(self.store, target)  # checked, and never over an existing file
        copy = EvaluationStore.open(destination, actor=self.store.actor, backup=False)
        try:
            for edit in self._pending:
                edit.operation(copy)
        finally:
            copy.close()
        return destination

    # -- the operations the widgets call -------------------------------------------------------------
    def set_score(self, member: str, item: str, value: Decimal | None, note: str = "") -> bool:
        """Save one score. If the disk refuses it, it stays on screen and is retried; a value the rules
        refuse (range, step, submitted, locked) is taken back with a message."""
        changes = self.run("score", lambda s: ops.set_score(s, member, item, value, note),
                           score=(member, item, value, note))
        if changes is None and not self._is_pending(member, item):
            self.changed.emit("score")  # the grid shows the file's value again
        return changes is not None or self._is_pending(member, item)

    def revise_score(self, member: str, item: str, value: Decimal | None, note: str, reason: str) -> bool:
        return self.run("score", lambda s: ops.revise_score(s, member, item, value, note, reason),
                        score=(member, item, value, note)) is not None

    def _is_pending(self, member: str, item: str) -> bool:
        return any(p.score is not None and p.score[:2] == (member, item) for p in self._pending)

    def set_not_due(self, member: str, item: str, not_due: bool = True) -> bool:
        return self.run("score", lambda s: ops.set_not_due(s, member, item, not_due)) is not None

    def submit_sheet(self, scorer: str) -> bool:
        return self.run("submission", lambda s: ops.submit_sheet(s, scorer)) is not None

    def return_sheet(self, scorer: str, reason: str) -> bool:
        return self.run("submission", lambda s: ops.return_sheet(s, scorer, reason)) is not None

    def reopen_item(self, item: str) -> bool:
        return self.run("consensus", lambda s: ops.reopen_item(s, item)) is not None

    def accept_disagreement(self, item: str, reason: str) -> bool:
        return self.run("consensus", lambda s: ops.accept_disagreement(s, item, reason)) is not None

    def set_pilot_field(self, name: str, value: str) -> bool:
        return self.run("pilot", lambda s: ops.set_pilot_field(s, name, value)) is not None

    def set_meta_text(self, key: str, value: str) -> bool:
        return self.run("meta", lambda s: ops.set_meta_text(s, key, value)) is not None

    def add_member(self, member: Member) -> Member | None:
        changes = self.run("panel", lambda s: ops.add_member(s, member))
        return None if changes is None else changes.result

    def update_member(self, member: Member) -> bool:
        return self.run("panel", lambda s: ops.update_member(s, member)) is not None

    def remove_member(self, member_id: str, reason: str) -> bool:
        return self.run("panel", lambda s: ops.remove_member(s, member_id, reason)) is not None

    def declare_recusal(self, member_id: str, answers: dict[str, bool]) -> bool:
        return self.run("panel", lambda s: ops.declare_recusal(s, member_id, answers)) is not None

    def replace_member(self, member_id: str, replacement: Member) -> Member | None:
        changes = self.run("panel", lambda s: ops.replace_member(s, member_id, replacement))
        return None if changes is None else changes.result

    def save_sample(self, sample: Sample) -> bool:
        return self.run("survey", lambda s: ops.save_sample(s, sample)) is not None

    def delete_sample(self, sample_id: str) -> bool:
        return self.run("survey", lambda s: ops.delete_sample(s, sample_id)) is not None

    def save_note(self, kind: str, note: Note) -> bool:
        return self.run("notes", lambda s: ops.save_note(s, kind, note)) is not None

    def delete_note(self, note_id: str) -> bool:
        return self.run("notes", lambda s: ops.delete_note(s, note_id)) is not None

    def decide_veto(self, code: str, confirmed: bool, note: str) -> bool:
        return self.run("veto", lambda s: ops.decide_veto(s, code, confirmed, note)) is not None

    def set_bonus(self, code: str, value: Decimal | None, note: str = "") -> bool:
        return self.run("bonus", lambda s: ops.set_bonus(s, code, value, note)) is not None

    def set_override(self, item: str, value: Decimal | None, reason: str = "") -> bool:
        return self.run("override", lambda s: ops.set_override(s, item, value, reason)) is not None

    def set_step_data(self, key: str, data: dict) -> bool:
        return self.run("step", lambda s: ops.set_step_data(s, key, data)) is not None

    def record_check(self, key: str, item: str, status: str | None = None, note: str | None = None) -> bool:
        return self.run("check", lambda s: ops.record_check(s, key, item, status, note)) is not None

    def finish_step(self, key: str) -> bool:
        return self.run("step", lambda s: ops.finish_step(s, key)) is not None

    def reopen_step(self, key: str) -> bool:
        return self.run("step", lambda s: ops.reopen_step(s, key)) is not None

    def mark_started(self, key: str) -> None:
        number = workflow.step_number(self.evaluation.kind, key)
        if (number and self.workflow.status(number) == workflow.NOT_STARTED and not self.read_only
                and not self.member_file):  # a member file marks nothing: the schedule is the leader's
            self.run("step", lambda s: ops.start_step(s, key))

    # -- signatures ---------------------------------------------------------------------------------
    def signature_status(self) -> dict:
        from evaluator_app.signing import records
        with self._file:
            return records.signature_status(self.store)

    def sign(self, member: str, purpose, strokes, width: int, height: int) -> bool:
        return self.run("signature", lambda s: ops.sign(s, member, purpose, strokes, width, height)) is not None

    def unlock(self, leader: str, reason: str) -> bool:
        return self.run("signature", lambda s: ops.unlock(s, leader, reason)) is not None

    # -- attachments ----------------------------------------------------------------------------------
    def add_attachment(self, path: str, kind: str, step: int | None = None, item: str = "") -> bool:
        return self.run_in_background(tr("添加附件 {name}").format(name=Path(path).name),
                                      lambda s: ops.add_attachment(s, path, kind, step, item))

    def remove_attachment(self, attachment_id: str) -> bool:
        return self.run("attachment", lambda s: ops.remove_attachment(s, attachment_id)) is not None

    def attachments(self, step: int | None = None, item: str | None = None):
        from evaluator_app.storage import attachments
        with self._file:
            return attachments.attachments(self.store, step, item)

    def attachment_content(self, attachment_id: str) -> bytes:
        from evaluator_app.storage import attachments
        with self._file:
            return attachments.attachment_content(self.store, attachment_id)

    # -- several laptops ---------------------------------------------------------------------------------
    def distribute(self, folder: str, member_ids: list[str] | None, then: Callable[[OpChanges], None] | None = None,
                   otherwise: Callable[[str], None] | None = None) -> bool:
        """文件 › 分发给成员…: the member files are written and checked in the background."""
        return self.run_in_background(tr("分发成员文件"), lambda s: ops.distribute(s, folder, member_ids), then,
                                      otherwise)

    def return_data(self, folder: str, then: Callable[[OpChanges], None] | None = None,
                    otherwise: Callable[[str], None] | None = None) -> bool:
        """文件 › 交回评估数据…: a checked copy for the leader, written in the background."""
        return self.run_in_background(tr("交回评估数据"), lambda s: ops.return_data(s, folder), then, otherwise)

    def export_member_workbook(self, member_id: str, out: str) -> OpChanges | None:
        """文件 › 导出个人计分表…: small, written at once."""
        return self.run("merge", lambda s: ops.export_member_workbook(s, member_id, out))

    def merge(self, files: list[str], then: Callable[[OpChanges], None] | None = None,
              otherwise: Callable[[str], None] | None = None) -> bool:
        """文件 › 合并…: one transaction, in the background (a large return takes a while)."""
        return self.run_in_background(tr("合并"), lambda s: ops.merge(s, files), then, otherwise)

    def resolve_conflict(self, conflict_id: str, choice: int, reason: str) -> bool:
        by = self.bound_member or self.leader_id()
        return self.run("merge", lambda s: ops.resolve_conflict(s, conflict_id, choice, reason, by)) is not None

    def leader_id(self) -> str:
        from evaluator_app.domain.evaluation import Role
        return next((m.id for m in self.evaluation.panel if m.role is Role.LEADER), self.store.actor)

    def open_conflicts(self) -> list:
        from evaluator_app.sync.merge import open_conflicts
        with self._file:
            return open_conflicts(self.store)

    def member_status(self) -> list:
        from evaluator_app.sync.status import member_status
        with self._file:
            return member_status(self.store)

    def record_origins(self) -> dict:
        from evaluator_app.sync.status import record_origins
        with self._file:
            return record_origins(self.store)

    # -- closing --------------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the file. The window first makes sure nothing is pending (`MainWindow.closeEvent`)."""
        if self.closed:
            return
        self.wait_for_background()
        self.retry_pending()
        if hasattr(self, "_backup_timer"):
            self._backup_timer.stop()
        self._retry.stop()
        self.closed = True
        with self._file:
            self.store.close()


def _what(changes: OpChanges) -> str:
    """The name the pages listen for: "score" alone lets the grids update without a full refresh."""
    if changes.areas == {SCORES}:
        return "score"
    if changes.areas == {ATTACHMENTS}:
        return "attachment"
    return "all"
