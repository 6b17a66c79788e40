"""Step 7 结论 and the texts around it: vetoes, bonuses, the survey override, the 综述, findings and
suggestions, and the pilot's particulars."""

from __future__ import annotations

from decimal import Decimal

from ..domain.evaluation import Note
from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import CONCLUSION, META, NOTES, PILOT, OpChanges


def decide_veto(store: EvaluationStore, code: str, confirmed: bool, note: str) -> OpChanges:
    """The panel decides a veto (第二十四条) together: the note names who decided and why."""
    note = (note or "").strip()
    with store.transaction():
        veto = store.sheet.veto(code)
        if veto is None:
            raise UserError(f"计分表中没有否决项 “{code}”")
        if veto.rule is not None:
            raise UserError(f"否决项 {code} 按计分表规则由评分自动判定，不由评估组决定")
        if not note:
            raise UserError(f"请在 {code} 后填写参与决定的成员与理由")
        store.set_veto(code, confirmed, note)
        return OpChanges.of(CONCLUSION)


def set_bonus(store: EvaluationStore, code: str, value: Decimal | None, note: str = "") -> OpChanges:
    store.set_bonus(code, value, note.strip())
    return OpChanges.of(CONCLUSION)


def set_override(store: EvaluationStore, item: str, value: Decimal | None, reason: str = "") -> OpChanges:
    """The panel adjusts the score derived from the survey (with a reason), or goes back to the derived one."""
    store.set_override(item, value, reason.strip())
    return OpChanges.of(CONCLUSION)


def set_meta_text(store: EvaluationStore, key: str, value: str) -> OpChanges:
    """The 评估综述, the evaluation date, purpose or basis."""
    store.set_meta_text(key, value)
    return OpChanges.of(META)


def set_pilot_field(store: EvaluationStore, name: str, value: str) -> OpChanges:
    store.set_pilot_field(name, value)
    return OpChanges.of(PILOT)


def save_note(store: EvaluationStore, kind: str, note: Note) -> OpChanges:
    """A finding (问题) or suggestion (改进建议), added or edited."""
    if not note.text.strip():
        raise UserError("问题或建议的内容不能为空")
    store.save_note(kind, note)
    return OpChanges.of(NOTES)


def delete_note(store: EvaluationStore, note_id: str) -> OpChanges:
    store.delete_note(note_id)
    return OpChanges.of(NOTES)
