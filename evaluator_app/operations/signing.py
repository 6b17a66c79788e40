"""Signatures on the 计分表, the 评估报告 and the conclusion; the lock the last one puts on the file."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.signature import Purpose, Stroke
from ..storage.store import EvaluationStore
from .changes import SIGNATURES, OpChanges
from .ownership import LEADER, ensure_may_edit, member_name, owner_of


def sign(store: EvaluationStore, signer: str, purpose: Purpose | str, strokes: Sequence[Stroke], width: int,
         height: int, png: bytes | None = None) -> OpChanges:
    """A member signs (a 计分表 only once it is submitted); the signature that completes the set locks
    the evaluation in the same transaction. `result`: the signature."""
    from ..signing import records  # images and hashing load with the first signature, not at start-up
    with store.transaction():
        ensure_may_edit(store, owner_of(store, signer), f"{member_name(store, signer)}的签字")
        signature = records.sign(store, signer, purpose, strokes, width, height, png)
        return OpChanges.of(SIGNATURES, result=signature)


def unlock(store: EvaluationStore, leader_id: str, reason: str) -> OpChanges:
    """The 组长 unlocks a signed evaluation with a reason; every signature is voided (and kept)."""
    from ..signing import records
    with store.transaction():
        ensure_may_edit(store, LEADER, "解锁")
        records.unlock(store, leader_id, reason)
        return OpChanges.of(SIGNATURES)
