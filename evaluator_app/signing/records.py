"""Handwritten signatures in the evaluation file, and the lock they put on it.

What is signed is a canonical text, and each signature records its SHA-256:
- SHEET (计分表): the member's own score entries with the sheet's identity, so a member signs
  what they scored and nothing else. In consensus mode every member signs the panel's scores.
- REPORT (评估报告) and CONCLUSION (评估专家组长签字): the exchange JSON of the whole evaluation.
A signature whose text has changed since is *stale*: it stays in the file but no longer counts,
and the report shows only current signatures.

When every member has a current SHEET and REPORT signature and the 组长 a current CONCLUSION
signature, `sign` locks the evaluation and keeps the signed exchange JSON as a signed version.
Only the 组长 can unlock, with a reason; unlocking voids every active signature. Nothing here
deletes a signature: re-signing and unlocking void them (the file's triggers forbid the rest),
and each step is one entry of the change log.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.evaluation import Evaluation, Role
from ..domain.scoring import compute
from ..domain.sheet import PANEL_MEMBER, Aggregation
from ..domain.signature import Purpose, Signature, Stroke
from ..errors import LOCKED_SIGN, LockedError, UserError
from ..exchange.document import evaluation_document
from ..jsonfile import dumps, to_jsonable
from ..storage.store import EvaluationStore, new_id
from . import file_seal
from .strokes import has_ink, is_png, normalise_strokes, render_png, strokes_from_json, strokes_to_json

SHEET_CONTENT_FORMAT = "evaluator-sheet-signature/1"
MAX_PNG_BYTES = 2 * 1024 * 1024
RESIGNED = "重新签字"
AUTO_LOCK_REASON = "全体成员签字完成，自动锁定"

PURPOSE_LABELS = {Purpose.SHEET: "计分表", Purpose.REPORT: "评估报告", Purpose.CONCLUSION: "评估结论（组长签字）"}

# Signature states in `signature_status`.
SIGNED, STALE, MISSING = "signed", "stale", "missing"


@dataclass(frozen=True)
class SignatureRecord:
    """A signature with its bookkeeping: when and why it was voided, who recorded it."""

    signature: Signature
    voided_at: str | None
    void_reason: str
    author: str

    @property
    def active(self) -> bool:
        return self.voided_at is None


@dataclass(frozen=True)
class SignedVersion:
    id: str
    locked_at: str
    document: str  # exchange JSON text, `evaluator-evaluation/1`
    sha256: str
    signatures: list[str]  # ids of the signatures that completed it


# -- what is signed ----------------------------------------------------------------------------

def content_for(store: EvaluationStore, signer: str, purpose: Purpose | str) -> str:
    """The canonical text a signature of `signer` for `purpose` covers, as the file is now."""
    return _content(store.load(), signer, _purpose(purpose))


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content(evaluation: Evaluation, signer: str, purpose: Purpose) -> str:
    if purpose is Purpose.SHEET:
        return _sheet_content(evaluation, signer)
    return report_content(evaluation)


def report_content(evaluation: Evaluation) -> str:
    return dumps(evaluation_document(evaluation))


def _sheet_content(evaluation: Evaluation, signer: str) -> str:
    sheet = evaluation.sheet
    scorer = _scorer(evaluation, signer)
    order = {item.code: index for index, item in enumerate(sheet.items)}
    entries = sorted((s for s in evaluation.scores if s.member == scorer),
                     key=lambda s: (order.get(s.item, len(order)), s.item))
    document = {
        "format": SHEET_CONTENT_FORMAT,
        "evaluation_id": evaluation.id,
        "member": signer,
        "scorer": scorer,
        "sheet": {"id": sheet.id, "version": sheet.version,
                  "sha256": hashlib.sha256(dumps(sheet.document).encode("utf-8")).hexdigest()},
        "scores": [{"item": s.item, "score": s.score, "na": s.na, "note": s.note, "extra": s.extra}
                   for s in entries],
    }
    return json.dumps(to_jsonable(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _scorer(evaluation: Evaluation, signer: str) -> str:
    """Whose scores a member's SHEET signature covers: their own, or the panel's in consensus mode."""
    return PANEL_MEMBER if evaluation.sheet.aggregation is Aggregation.CONSENSUS else signer


def _purpose(purpose: Purpose | str) -> Purpose:
    try:
        return Purpose(purpose)
    except ValueError:
        raise UserError(f"未知的签字用途 “{purpose}”，应为 {' / '.join(p.value for p in Purpose)}") from None


# -- reading -------------------------------------------------------------------------------------

_COLUMNS = "id, signer, purpose, signed_at, content_sha256, png, strokes, width, height, voided_at, void_reason, author"


def _record(row: Sequence[Any]) -> SignatureRecord:
    try:
        strokes = strokes_from_json(row[6])
    except UserError:
        strokes = []
    signature = Signature(id=row[0], signer=row[1], purpose=Purpose(row[2]), signed_at=row[3],
                          content_sha256=row[4], png=bytes(row[5]), strokes=strokes, width=row[7], height=row[8])
    return SignatureRecord(signature, row[9], row[10], row[11])


def signature_history(store: EvaluationStore) -> list[SignatureRecord]:
    """Every signature ever recorded, voided ones too, oldest first."""
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM signature ORDER BY signed_at, rowid").fetchall()
    return [_record(row) for row in rows]


def signatures(store: EvaluationStore, active_only: bool = True) -> list[Signature]:
    return [r.signature for r in signature_history(store) if r.active or not active_only]


def is_current(store: EvaluationStore, signature: Signature) -> bool:
    """Whether the signed text is unchanged; a stale signature must not appear on the report."""
    return content_sha256(content_for(store, signature.signer, signature.purpose)) == signature.content_sha256


def current_signatures(store: EvaluationStore) -> list[Signature]:
    """Active signatures whose signed text is unchanged: what the report and the PDF may show."""
    evaluation = store.load()
    digests: dict[tuple[str, Purpose], str] = {}
    result = []
    for signature in signatures(store):
        key = (signature.signer if signature.purpose is Purpose.SHEET else "", signature.purpose)
        if key not in digests:
            digests[key] = content_sha256(_content(evaluation, signature.signer, signature.purpose))
        if digests[key] == signature.content_sha256:
            result.append(signature)
    return result


def signed_versions(store: EvaluationStore) -> list[SignedVersion]:
    """The evaluation as it was each time it was locked, oldest first."""
    rows = store.conn.execute(
        "SELECT id, locked_at, document, sha256, signatures FROM signed_version ORDER BY locked_at, rowid").fetchall()
    return [SignedVersion(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


# -- who still has to sign what ------------------------------------------------------------------

def _active_brief(store: EvaluationStore) -> list[Signature]:
    """Active signatures without their images and strokes: enough to judge the state."""
    rows = store.conn.execute(
        "SELECT id, signer, purpose, signed_at, content_sha256, width, height FROM signature "
        "WHERE voided_at IS NULL ORDER BY signed_at, rowid").fetchall()
    return [Signature(id=r[0], signer=r[1], purpose=Purpose(r[2]), signed_at=r[3], content_sha256=r[4], png=b"",
                      width=r[5], height=r[6]) for r in rows]


def signature_status(store: EvaluationStore) -> dict:
    """Every signature the evaluation needs, its state, and whether it can be given now.

    `required` lists one entry per member and purpose (SHEET and REPORT for everyone, CONCLUSION
    for the 组长) with `state` "signed", "stale" (signed, but the content changed since) or
    "missing", `can_sign`, and `blocked_by` (why it cannot be given yet). `pending` is the part of
    `required` not yet signed; `complete` means the evaluation can be (or is) locked.
    """
    evaluation = store.load()
    return _status(store, evaluation, _active_brief(store))


def _status(store: EvaluationStore, evaluation: Evaluation, active: list[Signature]) -> dict:
    summary = compute(evaluation)
    submitted = set(store.workflow_state().submitted)
    by_key = {(s.signer, s.purpose): s for s in active}
    report_digest = content_sha256(report_content(evaluation))
    required: list[dict] = []
    for member in evaluation.panel:
        purposes = [Purpose.SHEET, Purpose.REPORT] + ([Purpose.CONCLUSION] if member.role is Role.LEADER else [])
        for purpose in purposes:
            signature = by_key.get((member.id, purpose))
            if signature is None:
                state = MISSING
            else:
                digest = (content_sha256(_sheet_content(evaluation, member.id)) if purpose is Purpose.SHEET
                          else report_digest)
                state = SIGNED if digest == signature.content_sha256 else STALE
            blocked = _blocked_by(evaluation, summary, member.id, purpose, submitted)
            required.append({
                "member": member.id, "name": member.name, "role": member.role.value, "purpose": purpose.value,
                "label": PURPOSE_LABELS[purpose], "state": state,
                "signed_at": signature.signed_at if signature else None,
                "signature_id": signature.id if signature else None,
                "can_sign": blocked is None and not store.locked, "blocked_by": blocked,
            })
    pending = [entry for entry in required if entry["state"] != SIGNED]
    leaders = [m for m in evaluation.panel if m.role is Role.LEADER]
    complete = bool(required) and not pending and len(leaders) == 1 and summary.result is not None
    return {"locked": store.locked, "complete": complete, "result_ready": summary.result is not None,
            "required": required, "pending": pending}


def _blocked_by(evaluation: Evaluation, summary, signer: str, purpose: Purpose, submitted: set[str]) -> str | None:
    """Why `signer` cannot sign for `purpose` now, in Chinese; None when they can."""
    member = evaluation.member(signer)
    if member is None:
        return f"“{signer}” 不是本评估组的成员，不能签字"
    if member.recusal is not None and member.recusal.conflict:
        return f"{member.name} 的回避声明中有“是”，须回避，不能签字"
    if purpose is Purpose.CONCLUSION and member.role is not Role.LEADER:
        return f"评估结论只能由组长签字；{member.name} 不是组长"
    if purpose is Purpose.SHEET:
        scorer = _scorer(evaluation, signer)
        missing = [item for who, item in summary.missing if who == scorer]
        if missing:
            shown = "、".join(missing[:6]) + ("等" if len(missing) > 6 else "")
            whose = "评估组" if scorer == PANEL_MEMBER else member.name
            return f"{whose}尚有 {len(missing)} 项未评分（{shown}），全部评完后才能在计分表上签字"
        if scorer not in submitted:
            whose = "评估组" if scorer == PANEL_MEMBER else member.name
            return f"{whose}的计分表尚未提交；请先在测评步骤提交并锁定计分表，再签字确认"
        return None
    if summary.result is None:
        return "评估结论尚未形成（评分未完成或评估组不符合要求），还不能在评估报告上签字"
    return None


# -- signing ---------------------------------------------------------------------------------------

def sign(store: EvaluationStore, signer: str, purpose: Purpose | str, strokes: Sequence[Stroke], width: int,
         height: int, png: bytes | None = None) -> Signature:
    """Record `signer`'s handwritten signature for `purpose`; locks the evaluation when it completes it.

    Re-signing the same purpose voids the earlier signature. Refused with `UserError` (in Chinese)
    when the signer may not sign this yet, and with `LockedError` while the evaluation is locked.
    """
    with store.transaction():
        return _sign(store, signer, _purpose(purpose), strokes, width, height, png)


def _sign(store: EvaluationStore, signer: str, kind: Purpose, strokes: Sequence[Stroke], width: int,
          height: int, png: bytes | None) -> Signature:
    if store.locked:
        raise LockedError(LOCKED_SIGN)
    evaluation = store.load()
    blocked = _blocked_by(evaluation, compute(evaluation), signer, kind, set(store.workflow_state().submitted))
    if blocked:
        raise UserError(blocked)
    checked = normalise_strokes(strokes)
    if not has_ink(checked):
        raise UserError("签名为空，请在签字板上签名后再确认")
    width, height = _pad_side(width), _pad_side(height)
    if png is None:
        png = render_png(checked, width, height)
    elif not isinstance(png, (bytes, bytearray)) or not is_png(bytes(png)):
        raise UserError("签名图像不是 PNG 格式")
    elif len(png) > MAX_PNG_BYTES:
        raise UserError(f"签名图像过大（{len(png) // 1024} KiB），上限为 {MAX_PNG_BYTES // 1024} KiB")
    png = bytes(png)
    strokes_json = strokes_to_json(checked)
    digest = content_sha256(_content(evaluation, signer, kind))
    earlier = store.conn.execute(
        "SELECT id, content_sha256 FROM signature WHERE signer = ? AND purpose = ? AND voided_at IS NULL",
        (signer, kind.value)).fetchone()
    signature_id = new_id()
    stamped: dict[str, str] = {}

    def apply(conn: sqlite3.Connection, stamp: str) -> None:
        if earlier is not None:
            conn.execute("UPDATE signature SET voided_at = ?, void_reason = ? WHERE id = ?",
                         (stamp, RESIGNED, earlier[0]))
        conn.execute(
            f"INSERT INTO signature ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?)",
            (signature_id, signer, kind.value, stamp, digest, png, strokes_json, width, height, store.actor))
        stamped["at"] = stamp

    old = None if earlier is None else {"id": earlier[0], "content_sha256": earlier[1]}
    new = {"id": signature_id, "signer": signer, "purpose": kind.value, "content_sha256": digest,
           "png_sha256": hashlib.sha256(png).hexdigest(), "points": sum(len(s) for s in checked)}
    store.write_logged("sign", "signature", f"{signer}/{kind.value}", old, new, RESIGNED if earlier else "", apply)
    file_seal.seal_last_entry(store, file_seal.SIGN, signature_id, digest)
    signature = Signature(id=signature_id, signer=signer, purpose=kind, signed_at=stamped["at"], content_sha256=digest,
                          png=png, strokes=strokes_from_json(strokes_json), width=width, height=height)
    lock_if_complete(store)
    return signature


def _pad_side(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
        raise UserError(f"签字板尺寸无效：{value!r}")
    return max(1, round(value))


def lock_if_complete(store: EvaluationStore) -> bool:
    """Lock the evaluation and keep its signed version when every required signature is current.

    Called by `sign`; safe to call again (for example when a file is opened after a crash between
    the last signature and the lock). Returns whether it locked the evaluation now.
    """
    with store.transaction():
        return _lock_if_complete(store)


def _lock_if_complete(store: EvaluationStore) -> bool:
    if store.locked:
        return False
    evaluation = store.load()
    active = _active_brief(store)
    if not _status(store, evaluation, active)["complete"]:
        return False
    document = report_content(evaluation)
    digest = content_sha256(document)
    ids = sorted(s.id for s in active)
    latest = store.conn.execute(
        "SELECT sha256, signatures, id FROM signed_version ORDER BY locked_at DESC, rowid DESC LIMIT 1").fetchone()
    version_id = latest[2] if latest is not None else ""
    if latest is None or latest[0] != digest or sorted(json.loads(latest[1])) != ids:
        version_id = new_id()
        store.write_logged(
            "store", "signed_version", version_id, None, {"sha256": digest, "signatures": ids}, AUTO_LOCK_REASON,
            lambda conn, stamp: conn.execute(
                "INSERT INTO signed_version (id, locked_at, document, sha256, signatures, author) "
                "VALUES (?, ?, ?, ?, ?, ?)", (version_id, stamp, document, digest, json.dumps(ids), store.actor)))
    store.set_locked(True, AUTO_LOCK_REASON)
    file_seal.seal_last_entry(store, file_seal.LOCK, version_id, digest)
    return True


def unlock(store: EvaluationStore, leader_id: str, reason: str) -> None:
    """The 组长 unlocks a signed evaluation, giving a reason; every active signature is voided."""
    with store.transaction():
        _unlock(store, leader_id, reason)


def _unlock(store: EvaluationStore, leader_id: str, reason: str) -> None:
    evaluation = store.load()
    member = evaluation.member(leader_id)
    if member is None or member.role is not Role.LEADER:
        who = member.name if member else f"“{leader_id}”"
        raise UserError(f"只有组长可以解锁已签字的评估；{who} 不是组长")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("解锁须填写理由（例如：发现某项评分录入有误，需要更正），理由会记入修改记录")
    if not store.locked:
        raise UserError("评估尚未锁定，无需解锁")
    active = [s.id for s in signatures(store)]
    if active:
        store.write_logged(
            "void", "signature", "*", {"active": active}, {"by": leader_id, "voided": len(active)}, reason,
            lambda conn, stamp: conn.execute(
                "UPDATE signature SET voided_at = ?, void_reason = ? WHERE voided_at IS NULL",
                (stamp, f"解锁：{reason}")),
            allow_locked=True)
    store.set_locked(False, reason)
    file_seal.seal_last_entry(store, file_seal.UNLOCK, leader_id, "")


__all__ = [
    "SignatureRecord", "SignedVersion", "content_for", "content_sha256", "sign", "signatures", "signature_history",
    "current_signatures", "is_current", "report_content", "signature_status", "lock_if_complete", "unlock",
    "signed_versions", "PURPOSE_LABELS",
]
