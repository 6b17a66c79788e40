"""The on-site steps: starting, finishing and reopening them, their free notes, and the checklists."""

from __future__ import annotations

from ..domain import workflow
from ..domain.evaluation import Evaluation
from ..domain.scoring import Summary, compute
from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import STEPS, WORKFLOW, OpChanges
from .ownership import LEADER, ensure_may_edit, is_member_file, owner_of

# Keys of a step's free data that are kept in their own tables, never in `data`.
RESERVED_KEYS = frozenset({"submitted", "reopened", "accepted", "checks", "notices"})
CHECK_STEPS = ("documents", "site")


def _number(store: EvaluationStore, key: str) -> int:
    number = workflow.step_number(store.kind, key)
    if number is None:
        raise UserError(f"此类评估没有步骤 “{key}”")
    return number


def _step_state(evaluation: Evaluation, summary: Summary, progress: workflow.WorkflowState,
                key: str) -> workflow.StepState:
    return next(s for s in workflow.step_states(evaluation, summary, progress) if s.step.key == key)


def start_step(store: EvaluationStore, key: str) -> OpChanges:
    """Mark a step 进行中 when work on it begins (not while it is blocked; a finished step stays finished).
    In a member file nothing is marked: the schedule is the leader's."""
    with store.transaction():
        number = _number(store, key)
        if is_member_file(store):
            return OpChanges.of()
        evaluation = store.load()
        state = _step_state(evaluation, compute(evaluation), store.workflow_state(), key)
        if state.status != workflow.NOT_STARTED or state.blocked or store.locked:
            return OpChanges.of()
        store.set_step(number, workflow.IN_PROGRESS)
        return OpChanges.of(STEPS)


def finish_step(store: EvaluationStore, key: str) -> OpChanges:
    """Mark a step 已完成. Refused with every reason while anything it needs is missing; the
    shortfalls that do not block (notices) are kept with the step. `result`: those notices."""
    with store.transaction():
        number = _number(store, key)
        ensure_may_edit(store, LEADER, "步骤的完成记录")
        progress = store.workflow_state()
        if progress.status(number) == workflow.DONE:
            return OpChanges.of()
        evaluation = store.load()
        summary = compute(evaluation)
        current = _step_state(evaluation, summary, progress, key)
        problems = workflow.finish_problems(evaluation, summary, progress, current)
        if problems:
            raise UserError("此步骤还不能完成：\n" + "\n".join(problems))
        notices = current.notices
        store.set_step(number, workflow.DONE, data={"notices": notices} if notices else None)
        return OpChanges.of(STEPS, result=notices)


def reopen_step(store: EvaluationStore, key: str) -> OpChanges:
    """A finished step is worked on again (进行中)."""
    with store.transaction():
        number = _number(store, key)
        ensure_may_edit(store, LEADER, "步骤的完成记录")
        if store.workflow_state().status(number) != workflow.DONE:
            return OpChanges.of()
        store.set_step(number, workflow.IN_PROGRESS)
        return OpChanges.of(STEPS)


def set_step_data(store: EvaluationStore, key: str, data: dict) -> OpChanges:
    """A step's free notes: the agenda and procedure, the report notes, the site counts, the debrief."""
    reserved = sorted(RESERVED_KEYS & set(data))
    if reserved:
        raise ValueError(f"kept in their own tables: {reserved}")
    with store.transaction():
        ensure_may_edit(store, LEADER, "日程与步骤记录")
        store.set_step(_number(store, key), data=data)
        return OpChanges.of(STEPS)


def record_check(store: EvaluationStore, key: str, item: str, status: str | None = None,
                 note: str | None = None) -> OpChanges:
    """The finding for one sheet item in 查阅资料 or 考核现场: its status and/or its note."""
    if key not in CHECK_STEPS:
        raise UserError(f"步骤 “{key}” 没有核查清单")
    if status is not None and status not in workflow.CHECK_STATUSES:
        raise UserError(f"核查结果 “{status}” 无效，应为 {'、'.join(workflow.CHECK_STATUSES)} 之一")
    with store.transaction():
        _number(store, key)
        if store.sheet.item(item) is None:
            raise UserError(f"计分表中没有项目 “{item}”")
        row = store.conn.execute("SELECT author FROM check_result WHERE step = ? AND item = ?", (key, item)).fetchone()
        ensure_may_edit(store, owner_of(store, row[0] if row else store.actor), f"{item} 的核查结果")
        current = store.workflow_state().checks.get(key, {}).get(item, workflow.CheckResult())
        store.set_check(key, item, current.status if status is None else status,
                        current.note if note is None else note)
        return OpChanges.of(WORKFLOW)
