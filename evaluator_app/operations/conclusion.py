"""Step 7 结论 and the texts around it: vetoes, bonuses, the survey override, the 综述, findings and
suggestions, and the pilot's particulars."""

from __future__ import annotations

from decimal import Decimal

from ..domain.evaluation import Note
from ..domain.rules import parse_date, period_problem
from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import CONCLUSION, META, NOTES, PILOT, OpChanges
from .ownership import LEADER, ensure_may_edit, owner_of


def decide_veto(store: EvaluationStore, code: str, confirmed: bool, note: str) -> OpChanges:
    """The panel decides a veto (第二十四条) together: the note names who decided and why."""
    note = (note or "").strip()
    with store.transaction():
        ensure_may_edit(store, LEADER, f"否决项 {code}")
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
    ensure_may_edit(store, LEADER, f"加分项 {code}")
    store.set_bonus(code, value, note.strip())
    return OpChanges.of(CONCLUSION)


def set_override(store: EvaluationStore, item: str, value: Decimal | None, reason: str = "") -> OpChanges:
    """The panel adjusts the score derived from the survey (with a reason), or goes back to the derived one."""
    ensure_may_edit(store, LEADER, f"{item} 的换算得分调整")
    store.set_override(item, value, reason.strip())
    return OpChanges.of(CONCLUSION)


def set_meta_text(store: EvaluationStore, key: str, value: str) -> OpChanges:
    """The 评估综述, the evaluation period (first and last day), purpose or basis."""
    ensure_may_edit(store, LEADER, META_NAMES.get(key, key))
    with store.transaction():
        if key in ("evaluation_date", "evaluation_end_date"):
            value = value.strip()
            if value and parse_date(value) is None:
                raise UserError(f"{META_NAMES[key]}应为 YYYY-MM-DD 格式的日期，输入为 “{value[:40]}”")
            evaluation = store.load()
            start = value if key == "evaluation_date" else evaluation.evaluation_date
            end = value if key == "evaluation_end_date" else evaluation.evaluation_end_date
            if problem := period_problem(start, end):
                raise UserError(problem)
        store.set_meta_text(key, value)
    return OpChanges.of(META)


def set_pilot_field(store: EvaluationStore, name: str, value: str) -> OpChanges:
    ensure_may_edit(store, LEADER, "试点单位信息")
    store.set_pilot_field(name, value)
    return OpChanges.of(PILOT)


def save_note(store: EvaluationStore, kind: str, note: Note) -> OpChanges:
    """A finding (问题) or suggestion (改进建议), added or edited."""
    if not note.text.strip():
        raise UserError("问题或建议的内容不能为空")
    with store.transaction():
        _ensure_note_owner(store, note.id, kind)
        store.save_note(kind, note)
    return OpChanges.of(NOTES)


def delete_note(store: EvaluationStore, note_id: str) -> OpChanges:
    with store.transaction():
        _ensure_note_owner(store, note_id, "")
        store.delete_note(note_id)
    return OpChanges.of(NOTES)


META_NAMES = {"overview": "评估综述", "evaluation_date": "评估日期", "evaluation_end_date": "评估结束日期",
              "purpose": "评估目的", "basis": "评估依据"}
NOTE_NAMES = {"finding": "问题", "suggestion": "改进建议"}


def _ensure_note_owner(store: EvaluationStore, note_id: str, kind: str) -> None:
    """A finding or suggestion belongs to whoever recorded it; a new one to whoever records it now."""
    row = store.conn.execute("SELECT kind, author FROM note WHERE id = ?", (note_id,)).fetchone()
    author = row[1] if row else store.actor
    ensure_may_edit(store, owner_of(store, author), NOTE_NAMES.get(row[0] if row else kind, "问题或建议")
                    + ("（由他人记录）" if row else ""))
