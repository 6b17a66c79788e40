"""Whose laptop may change what: the one check every operation makes before it writes.

The leader's file takes every edit. A member file (see `sync.members`) takes only what is the bound
member's own — their 回避 declaration, their scores and deduction notes, their sheet's submission and
signatures, the survey samples they collect, and the checks, findings and evidence they record;
the panel, the schedule and step records, vetoes, bonuses, overrides, the conclusion and the 综述
are the leader's and are refused there with a message naming whose file it is.
"""

from __future__ import annotations

from ..domain.sheet import PANEL_MEMBER
from ..errors import UserError
from ..storage.store import EvaluationStore
from ..sync.labels import LEADER

__all__ = ["LEADER", "ensure_may_edit", "owner_of", "member_file_of", "is_member_file"]


def bound_member(store: EvaluationStore) -> str:
    row = store.conn.execute("SELECT value FROM meta WHERE key = 'bound_member'").fetchone()
    return row[0] if row and row[0] else ""


def member_name(store: EvaluationStore, member_id: str) -> str:
    row = store.conn.execute("SELECT name FROM member WHERE id = ?", (member_id,)).fetchone()
    return row[0] if row else member_id


def member_file_of(store: EvaluationStore) -> str:
    """The member the open file is bound to, or "" for the leader's file."""
    return bound_member(store)


def is_member_file(store: EvaluationStore) -> bool:
    return bool(bound_member(store))


def owner_of(store: EvaluationStore, who: str | None) -> str:
    """The owner of a record written or scored by `who` (a member id, an author, a collector): that member
    when they are on the panel, else the leader (as `sync.records` decides it)."""
    if not who or who == PANEL_MEMBER:
        return LEADER
    row = store.conn.execute("SELECT 1 FROM member WHERE id = ?", (who,)).fetchone()
    return who if row else LEADER


def ensure_may_edit(store: EvaluationStore, owner: str, what: str) -> None:
    """Refuse, in a member file, an edit of what is not the bound member's own. `owner` is a member id or
    LEADER; `what` names the record in Chinese ("否决项 V1", "专家乙的评分")."""
    bound = bound_member(store)
    if not bound or owner == bound:
        return
    name = member_name(store, bound)
    whose = "组长在组长的评估文件中" if owner == LEADER else f"{member_name(store, owner)}本人"
    raise UserError(f"这是{name}的成员文件：{what}只能由{whose}修改。在这里只能填写{name}本人的回避声明、"
                    "评分与扣分理由、计分表的提交与签字，以及本人采集的满意度样本和记录的核查结果、问题与附件")
