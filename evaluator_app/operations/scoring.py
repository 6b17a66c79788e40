"""Step 6 测评: scores, 未到期 marks, submitting and returning a sheet, and the consensus round."""

from __future__ import annotations

from decimal import Decimal

from ..domain import workflow
from ..domain.evaluation import Kind
from ..domain.scoring import compute
from ..domain.sheet import PANEL_MEMBER
from ..errors import UserError
from ..storage.store import EvaluationStore, now
from .changes import SCORES, WORKFLOW, OpChanges
from .ownership import LEADER, ensure_may_edit, owner_of

SUBMITTED_LOCKED = "该成员已提交计分表，评分已锁定；如需修改，请由组长在协商中重新开放该项"


def _scorer_name(store: EvaluationStore, scorer: str) -> str:
    if scorer == PANEL_MEMBER:
        return "评估组"
    member = store.load().member(scorer)
    return member.name if member else scorer


def _check_scorer(store: EvaluationStore, scorer: str, what: str = "评分") -> None:
    if scorer not in store.scorer_ids():
        raise UserError(f"“{scorer}” 不是本评估的评分人")
    ensure_may_edit(store, owner_of(store, scorer), f"{_scorer_name(store, scorer)}的{what}")


def _check_editable(store: EvaluationStore, scorer: str, item: str, state: workflow.WorkflowState) -> None:
    if not workflow.can_edit_score(state, scorer, item):
        raise UserError(SUBMITTED_LOCKED)
    if scorer in state.submitted:
        raise UserError(f"{item} 已在协商中重新开放：修改须填写理由（原评分保留在记录中）")


def set_score(store: EvaluationStore, scorer: str, item: str, value: Decimal | None, note: str = "") -> OpChanges:
    """Enter, change or (with no value and no note) clear one score of a sheet not yet submitted.
    Range, step and the deduction note are checked by the store, whoever calls.
    `result`: (scorer, item, the score as the file now holds it, or None)."""
    with store.transaction():
        _check_scorer(store, scorer)
        _check_editable(store, scorer, item, store.workflow_state())
        if value is None and not note:
            store.clear_score(scorer, item)
        else:
            store.set_score(scorer, item, value, note)
        return OpChanges.of(SCORES, result=(scorer, item, store.score(scorer, item)))


def set_not_due(store: EvaluationStore, scorer: str, item: str, not_due: bool = True) -> OpChanges:
    """中期评估: mark an item 未到期 for a scorer (its maximum leaves the denominator), or clear the mark."""
    with store.transaction():
        if store.kind is not Kind.MIDTERM:
            raise UserError("只有中期评估可以把项目标记为未到期")
        _check_scorer(store, scorer)
        _check_editable(store, scorer, item, store.workflow_state())
        current = store.score(scorer, item)
        if not_due:
            store.set_score(scorer, item, None, "", na=True)
        elif current is not None and current.na:
            store.clear_score(scorer, item)
        return OpChanges.of(SCORES, result=(scorer, item, store.score(scorer, item)))


def submit_sheet(store: EvaluationStore, scorer: str) -> OpChanges:
    """Submit (and so lock) a scorer's sheet: every item scored, every deduction explained."""
    with store.transaction():
        _check_scorer(store, scorer, "计分表提交")
        evaluation = store.load()
        state = store.workflow_state()
        if scorer in state.submitted:
            when = state.submitted[scorer][:16].replace("T", " ")
            raise UserError(f"{_scorer_name(store, scorer)} 的计分表已于 {when} 提交")
        summary = compute(evaluation)
        scoring = next(s for s in workflow.step_states(evaluation, summary, state) if s.step.key == "scoring")
        problems = scoring.blockers + workflow.submit_problems(evaluation, summary, scorer)
        if problems:
            raise UserError(f"{_scorer_name(store, scorer)} 的计分表还不能提交：" + "；".join(problems))
        store.set_submission(scorer, now())
        return OpChanges.of(WORKFLOW)


def return_sheet(store: EvaluationStore, scorer: str, reason: str) -> OpChanges:
    """The 组长 returns a submitted sheet to its scorer, with a reason; its reopened items close."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("退回计分表须填写理由")
    with store.transaction():
        ensure_may_edit(store, LEADER, "退回计分表")
        state = store.workflow_state()
        if scorer not in state.submitted:
            raise UserError(f"{_scorer_name(store, scorer)} 的计分表尚未提交，无需退回")
        for item in state.reopened.get(scorer, []):
            store.set_reopened(scorer, item, False, reason)
        store.set_submission(scorer, None, reason)
        return OpChanges.of(WORKFLOW)


def reopen_item(store: EvaluationStore, item: str) -> OpChanges:
    """The 组长 opens an item of every submitted sheet for revision in the consensus round."""
    with store.transaction():
        ensure_may_edit(store, LEADER, "协商中重新开放评分项")
        sheet = store.sheet
        spec = sheet.item(item)
        if spec is None or item == sheet.derived_item:
            raise UserError(f"计分表中没有可评分的项目 “{item}”")
        state = store.workflow_state()
        if not state.submitted:
            raise UserError("还没有成员提交计分表，无需在协商中重新开放")
        for scorer in state.submitted:
            store.set_reopened(scorer, item, True)
        return OpChanges.of(WORKFLOW)


def revise_score(store: EvaluationStore, scorer: str, item: str, value: Decimal | None, note: str,
                 reason: str) -> OpChanges:
    """A reopened item changes only with a reason; the original stays on record and the item closes."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(f"修改 {item} 的评分须填写理由（原评分将保留在记录中）")
    with store.transaction():
        ensure_may_edit(store, owner_of(store, scorer), f"{_scorer_name(store, scorer)}的评分")
        state = store.workflow_state()
        if item not in state.reopened.get(scorer, []):
            raise UserError(SUBMITTED_LOCKED)
        if value is None:
            raise UserError(f"{item} 已提交的评分不能清空；请填写修改后的分数")
        store.set_score(scorer, item, value, note, reason=reason)
        store.set_reopened(scorer, item, False, reason)
        return OpChanges.of(SCORES, WORKFLOW, result=(scorer, item, store.score(scorer, item)))


def accept_disagreement(store: EvaluationStore, item: str, reason: str) -> OpChanges:
    """Close a flagged disagreement without agreement, giving the reason each score stands."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(f"保留 {item} 的评分分歧须说明理由")
    with store.transaction():
        ensure_may_edit(store, LEADER, "保留评分分歧")
        flagged = {d.item for d in compute(store.load()).disagreements}
        if item not in flagged:
            raise UserError(f"{item} 没有须处理的评分分歧")
        store.set_accepted(item, reason)
        return OpChanges.of(WORKFLOW)
