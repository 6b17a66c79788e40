"""An evaluation file as a set of records joined by stable id, each owned by the leader or one member.

A record is `(kind, key) → value`, the value a canonical JSON object of what the panel recorded (no
bookkeeping such as who typed it or when), so equal values compare equal across laptops. The owner
says whose laptop may change it: a member's 回避 declaration, scores, sheet submission, signatures,
the samples they collected and the checks, findings and evidence they recorded are theirs; the
panel, schedule, vetoes, bonuses, overrides, conclusion and 综述 are the leader's.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..domain.sheet import PANEL_MEMBER
from ..storage.store import META_TEXT_KEYS, EvaluationStore
from .labels import LEADER

# The kinds, in the order they are applied (members before what refers to them).
KINDS = ("meta", "pilot", "member", "recusal", "score", "revision", "submission", "reopened", "accepted", "veto",
         "bonus", "override", "sample", "finding", "suggestion", "check", "step", "attachment", "signature")
# Records that are never deleted, only added (or, for a signature, voided).
KEPT = {"revision", "signature"}
META_KEYS = (*META_TEXT_KEYS, "extra", "pilot_extra")

@dataclass(frozen=True)
class Record:
    kind: str
    key: str
    owner: str  # member id, or LEADER
    value: Any  # canonical JSON-able object
    at: str = ""  # when the file recorded it (not part of the value)

    @property
    def digest(self) -> str:
        return digest_of(self.value)


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest_of(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def store_records(store: EvaluationStore) -> dict[tuple[str, str], Record]:
    """Every record of the evaluation file."""
    c = store.conn
    members = {row[0] for row in c.execute("SELECT id FROM member")}
    found: list[Record] = []

    def owner_of(who: str | None) -> str:
        return who if who is not None and who in members else LEADER

    meta = dict(c.execute("SELECT key, value FROM meta"))
    for key in META_KEYS:
        value = meta.get(key, "")
        if key in ("extra", "pilot_extra"):
            value = json.loads(value or "{}")
        if value not in ("", {}):
            found.append(Record("meta", key, LEADER, value))
    for name, value in c.execute("SELECT name, value FROM pilot_field"):
        if value:
            found.append(Record("pilot", name, LEADER, value))
    for row in c.execute("SELECT id, position, name, org, title, phone, category, role, education, senior_title, "
                         "years, selection, selection_record, replaces, extra, recusal FROM member"):
        found.append(Record("member", row[0], LEADER, {
            "position": row[1], "name": row[2], "org": row[3], "title": row[4], "phone": row[5], "category": row[6],
            "role": row[7], "education": row[8], "senior_title": row[9], "years": row[10], "selection": row[11],
            "selection_record": row[12], "replaces": row[13], "extra": json.loads(row[14])}))
        if row[15]:
            found.append(Record("recusal", row[0], row[0], json.loads(row[15])))
    for member, item, score, na, note, extra, at in c.execute(
            "SELECT member_id, item, score, na, note, extra, updated_at FROM score"):
        who = member or PANEL_MEMBER
        found.append(Record("score", f"{who}/{item}", owner_of(member),
                            {"score": score, "na": bool(na), "note": note, "extra": json.loads(extra)}, at))
    for row in c.execute("SELECT r.id, coalesce(s.member_id, ?), s.item, r.old_score, r.new_score, r.reason, "
                         "r.author, r.at FROM score_revision r JOIN score s ON s.id = r.score_id", (PANEL_MEMBER,)):
        found.append(Record("revision", row[0], owner_of(row[1]), {
            "score": f"{row[1]}/{row[2]}", "old": row[3], "new": row[4], "reason": row[5], "author": row[6],
            "at": row[7]}))
    for scorer, submitted_at in c.execute("SELECT scorer, submitted_at FROM sheet_submission"):
        found.append(Record("submission", scorer, owner_of(scorer), submitted_at))
    for scorer, item in c.execute("SELECT scorer, item FROM reopened_item"):
        found.append(Record("reopened", f"{scorer}/{item}", LEADER, True))
    for item, reason in c.execute("SELECT item, reason FROM accepted_disagreement"):
        found.append(Record("accepted", item, LEADER, reason))
    for code, confirmed, note, extra in c.execute("SELECT code, confirmed, note, extra FROM veto_decision"):
        found.append(Record("veto", code, LEADER, {"confirmed": bool(confirmed), "note": note,
                                                   "extra": json.loads(extra)}))
    for code, score, note, extra in c.execute("SELECT code, score, note, extra FROM bonus_award"):
        found.append(Record("bonus", code, LEADER, {"score": score, "note": note, "extra": json.loads(extra)}))
    for item, score, reason, extra in c.execute("SELECT item, score, reason, extra FROM override"):
        found.append(Record("override", item, LEADER, {"score": score, "reason": reason, "extra": json.loads(extra)}))
    for row in c.execute("SELECT id, respondent_type, place, time, collector, answers, comment, extra, updated_at "
                         "FROM sample"):
        found.append(Record("sample", row[0], owner_of(row[4]), {
            "respondent_type": row[1], "place": row[2], "time": row[3], "collector": row[4] or "",
            "answers": json.loads(row[5]), "comment": row[6], "extra": json.loads(row[7])}, row[8]))
    for note_id, kind, text, item, step, extra, author in c.execute(
            "SELECT id, kind, text, item, step, extra, author FROM note"):
        found.append(Record(kind, note_id, owner_of(author), {"text": text, "item": item, "step": step,
                                                              "extra": json.loads(extra), "by": owner_of(author)}))
    for step, item, status, note, author in c.execute("SELECT step, item, status, note, author FROM check_result"):
        found.append(Record("check", f"{step}/{item}", owner_of(author),
                            {"status": status, "note": note, "by": owner_of(author)}))
    for step, status, started_at, finished_at, data in c.execute(
            "SELECT step, status, started_at, finished_at, data FROM step_record"):
        found.append(Record("step", str(step), LEADER, {"status": status, "started_at": started_at,
                                                        "finished_at": finished_at, "data": json.loads(data)}))
    for row in c.execute("SELECT id, step, item, kind, name, mime, size, sha256, caption, author, added_at "
                         "FROM attachment"):
        found.append(Record("attachment", row[0], owner_of(row[9]), {
            "step": row[1], "item": row[2], "kind": row[3], "name": row[4], "mime": row[5], "size": row[6],
            "sha256": row[7], "caption": row[8], "by": owner_of(row[9]), "added_at": row[10]}))
    for row in c.execute("SELECT id, signer, purpose, signed_at, content_sha256, png, width, height, voided_at, "
                         "void_reason FROM signature"):
        found.append(Record("signature", row[0], owner_of(row[1]), {
            "signer": row[1], "purpose": row[2], "signed_at": row[3], "content_sha256": row[4],
            "png_sha256": hashlib.sha256(bytes(row[5])).hexdigest(), "width": row[6], "height": row[7],
            "voided_at": row[8], "void_reason": row[9]}, row[3]))
    return {(r.kind, r.key): r for r in found}


def attachment_blob(conn: sqlite3.Connection, attachment_id: str) -> tuple[bytes, bytes | None]:
    row = conn.execute("SELECT content, thumbnail FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
    return bytes(row[0]), None if row[1] is None else bytes(row[1])


def signature_blob(conn: sqlite3.Connection, signature_id: str) -> tuple[bytes, str, str]:
    row = conn.execute("SELECT png, strokes, author FROM signature WHERE id = ?", (signature_id,)).fetchone()
    return bytes(row[0]), row[1], row[2]


__all__ = ["Record", "store_records", "digest_of", "canonical", "KINDS", "KEPT"]
