"""Every user action on an evaluation file, one function each, for the window and the command line alike.

Each operation takes an open `EvaluationStore`, checks every rule of its action, makes its writes in
one transaction (reading what it needs inside it) and returns `OpChanges`: what it changed, for the
caller to refresh from. Nothing else writes to an evaluation file.
"""

from __future__ import annotations

from .attachments import add_attachment, remove_attachment
from .changes import OpChanges
from .conclusion import (
    decide_veto,
    delete_note,
    save_note,
    set_bonus,
    set_meta_text,
    set_override,
    set_pilot_field,
)
from .merging import distribute, export_member_workbook, merge, resolve_conflict, return_data
from .ownership import ensure_may_edit, is_member_file
from .panel import add_member, declare_recusal, remove_member, replace_member, update_member
from .scoring import (
    accept_disagreement,
    reopen_item,
    return_sheet,
    revise_score,
    set_not_due,
    set_score,
    submit_sheet,
)
from .signing import sign, unlock
from .steps import finish_step, record_check, reopen_step, set_step_data, start_step
from .survey import delete_sample, save_sample

__all__ = [
    "OpChanges",
    "accept_disagreement", "add_attachment", "add_member", "decide_veto", "declare_recusal", "delete_note",
    "delete_sample", "distribute", "ensure_may_edit", "export_member_workbook",
    "finish_step", "is_member_file", "merge", "resolve_conflict",
    "return_data", "record_check", "remove_attachment", "remove_member", "reopen_item",
    "reopen_step", "replace_member", "return_sheet", "revise_score", "save_note", "save_sample", "set_bonus",
    "set_meta_text", "set_not_due", "set_override",
    "set_pilot_field", "set_score", "set_step_data", "sign", "start_step", "submit_sheet", "unlock", "update_member",
]
