"""Files and photos kept inside the evaluation file (steps 2–4)."""

from __future__ import annotations

from pathlib import Path

from ..storage.store import EvaluationStore
from .changes import ATTACHMENTS, OpChanges
from .ownership import ensure_may_edit, owner_of


def add_attachment(store: EvaluationStore, path: str | Path, kind: str, step: int | None = None,
                   item: str = "", caption: str = "") -> OpChanges:
    """Copy a file (up to 50 MiB) into the evaluation file with its SHA-256; slow for large files,
    so the window runs it in the background. `result`: the attachment."""
    from ..storage import attachments  # loads image support: with the first attachment, not at start-up
    with store.transaction():
        ensure_may_edit(store, owner_of(store, store.actor), "附件")
        return OpChanges.of(ATTACHMENTS, result=attachments.add_attachment(store, path, kind, step, item, caption))


def remove_attachment(store: EvaluationStore, attachment_id: str, reason: str = "") -> OpChanges:
    from ..storage import attachments
    with store.transaction():
        row = store.conn.execute("SELECT author FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
        if row is not None:
            ensure_may_edit(store, owner_of(store, row[0]), "他人添加的附件")
        attachments.remove_attachment(store, attachment_id, reason)
        return OpChanges.of(ATTACHMENTS)
