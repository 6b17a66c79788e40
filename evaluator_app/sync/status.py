"""The leader's view of several laptops: per member, the file sent and returned, the sheet's progress,
and where each merged record came from."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import workflow
from ..domain.evaluation import Role
from ..domain.scoring import compute
from ..domain.signature import Purpose
from ..storage.store import EvaluationStore
from .labels import describe


@dataclass(frozen=True)
class MemberStatus:
    member: str
    name: str
    leader: bool
    sent_at: str  # when a member file was written for them ("" if never)
    sent_file: str
    returned_at: str  # when their return was last merged ("" if never)
    returned_file: str
    laptop: str  # the computer the return says it came from
    scored: int
    to_score: int
    submitted_at: str
    sheet_signed: bool  # an active, current signature of their 计分表

    @property
    def scores_complete(self) -> bool:
        return self.scored >= self.to_score


@dataclass(frozen=True)
class Origin:
    kind: str
    key: str
    title: str  # "评分 e2/A1"
    file: str
    member: str
    laptop: str
    recorded_at: str
    merged_at: str

    def text(self) -> str:
        parts = [f"合并自 {self.file}" if self.file else "合并"]
        if self.member:
            parts.append(f"成员 {self.member}")
        if self.laptop:
            parts.append(f"电脑 {self.laptop}")
        if self.recorded_at:
            parts.append(f"原记录时间 {self.recorded_at}")
        parts.append(f"合并时间 {self.merged_at}")
        return "，".join(parts)


def _sources(store: EvaluationStore) -> list[tuple]:
    try:
        return store.conn.execute("SELECT member, label, laptop, sent_at, merged_at FROM sync_source "
                                  "WHERE member != '' ORDER BY member").fetchall()
    except Exception:  # a file from before version 7, opened read-only
        return []


def member_status(store: EvaluationStore) -> list[MemberStatus]:
    """One entry per member of the panel, in panel order."""
    evaluation = store.load()
    summary = compute(evaluation)
    state = store.workflow_state()
    sent: dict[str, tuple[str, str]] = {}
    returned: dict[str, tuple[str, str, str]] = {}
    for member, label, laptop, sent_at, merged_at in _sources(store):
        if sent_at and sent_at >= sent.get(member, ("", ""))[0]:
            sent[member] = (sent_at, label)
        if merged_at and merged_at >= returned.get(member, ("", "", ""))[0]:
            returned[member] = (merged_at, label, laptop)
    from ..signing.records import SIGNED, signature_status
    signed = {(entry["member"], entry["purpose"]) for entry in signature_status(store)["required"]
              if entry["state"] == SIGNED}
    result = []
    for member in evaluation.panel:
        done, total = workflow.member_progress(evaluation, summary, member.id)
        sent_at, sent_file = sent.get(member.id, ("", ""))
        returned_at, returned_file, laptop = returned.get(member.id, ("", "", ""))
        result.append(MemberStatus(member.id, member.name, member.role is Role.LEADER, sent_at, sent_file,
                                   returned_at, returned_file, laptop, done, total,
                                   state.submitted.get(member.id, ""),
                                   (member.id, Purpose.SHEET.value) in signed))
    return result


def record_origins(store: EvaluationStore) -> dict[tuple[str, str], Origin]:
    """Where each merged record came from, by (kind, key); records typed into this file have none."""
    try:
        rows = store.conn.execute(
            "SELECT o.kind, o.key, coalesce(s.label, o.source), o.member, o.laptop, o.recorded_at, o.merged_at "
            "FROM record_origin o LEFT JOIN sync_source s ON s.id = o.source ORDER BY o.merged_at, o.kind, o.key"
        ).fetchall()
    except Exception:
        return {}
    return {(r[0], r[1]): Origin(r[0], r[1], describe(r[0], r[1]), r[2], r[3], r[4], r[5], r[6]) for r in rows}


__all__ = ["MemberStatus", "Origin", "member_status", "record_origins"]
