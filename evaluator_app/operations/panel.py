"""Step 1 宣布: the panel's members, their 回避 declarations, and replacing a member who must recuse."""

from __future__ import annotations

from dataclasses import replace

from ..domain.evaluation import Member, Recusal
from ..errors import UserError
from ..storage.store import EvaluationStore, now
from .changes import PANEL, SCORES, OpChanges
from .ownership import LEADER, ensure_may_edit, member_name, owner_of


def _member(store: EvaluationStore, member_id: str) -> Member:
    member = store.load().member(member_id)
    if member is None:
        raise UserError(f"评估组中没有成员 “{member_id}”")
    return member


def _free_id(store: EvaluationStore, wanted: str) -> str:
    used = {m.id for m in store.load().panel}
    if wanted and wanted not in used:
        return wanted
    number = len(used) + 1
    while f"e{number}" in used:
        number += 1
    return f"e{number}"


def _check(member: Member) -> None:
    if not member.name.strip():
        raise UserError("请填写成员姓名")


def add_member(store: EvaluationStore, member: Member) -> OpChanges:
    """Add a member to the panel; `result` is the member as saved (with a free id)."""
    _check(member)
    with store.transaction():
        ensure_may_edit(store, LEADER, "评估组成员")
        saved = replace(member, id=_free_id(store, member.id), name=member.name.strip())
        store.save_member(saved)
        return OpChanges.of(PANEL, result=saved)


def update_member(store: EvaluationStore, member: Member) -> OpChanges:
    """Change a member's details; the declaration and the record of whom they replace are kept."""
    _check(member)
    with store.transaction():
        ensure_may_edit(store, LEADER, "评估组成员")
        current = _member(store, member.id)
        store.save_member(replace(member, name=member.name.strip(), recusal=current.recusal,
                                  replaces=current.replaces))
        return OpChanges.of(PANEL)


def remove_member(store: EvaluationStore, member_id: str, reason: str) -> OpChanges:
    """Take a member off the panel; their scores go with them (the change log keeps both)."""
    with store.transaction():
        ensure_may_edit(store, LEADER, "评估组成员")
        _member(store, member_id)
        store.remove_member(member_id, reason)
        return OpChanges.of(PANEL, SCORES)


def declare_recusal(store: EvaluationStore, member_id: str, answers: dict[str, bool]) -> OpChanges:
    """Record a member's 回避 declaration (any 是 means they must recuse)."""
    with store.transaction():
        ensure_may_edit(store, owner_of(store, member_id), f"{member_name(store, member_id)}的回避声明")
        member = _member(store, member_id)
        store.save_member(replace(member, recusal=Recusal(dict(answers), now())))
        return OpChanges.of(PANEL)


def replace_member(store: EvaluationStore, member_id: str, replacement: Member) -> OpChanges:
    """A member whose declaration says they must recuse is replaced, in one step: the new member
    comes in (recorded as replacing them) and they leave. `result`: the new member as saved."""
    _check(replacement)
    with store.transaction():
        ensure_may_edit(store, LEADER, "评估组成员")
        leaving = _member(store, member_id)
        if leaving.recusal is None or not leaving.recusal.conflict:
            raise UserError(f"{leaving.name} 的回避声明不是“须回避”，不能以回避为由更换")
        saved = replace(replacement, id=_free_id(store, replacement.id), name=replacement.name.strip(),
                        replaces=member_id)
        store.save_member(saved)
        store.remove_member(member_id, f"回避，由 {saved.name} 替换")
        return OpChanges.of(PANEL, SCORES, result=saved)
