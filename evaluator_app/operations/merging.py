"""Several laptops: writing member files, handing a member's data back, merging, and deciding conflicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import (
    ATTACHMENTS,
    CONCLUSION,
    META,
    NOTES,
    PANEL,
    PILOT,
    SCORES,
    SIGNATURES,
    STEPS,
    SURVEY,
    WORKFLOW,
    OpChanges,
)
from .ownership import LEADER, ensure_may_edit, owner_of

EVERYTHING = (SCORES, PANEL, SURVEY, NOTES, PILOT, META, CONCLUSION, STEPS, WORKFLOW, SIGNATURES, ATTACHMENTS)
RETURN_ENTITY = "member_return"  # change-log entries: the latest version of a member file merged so far


@dataclass
class MergeResult:
    report: Any  # sync.merge.MergeReport
    older: list[str] = field(default_factory=list)  # returns passed over: a newer one of the same file was merged


def distribute(store: EvaluationStore, folder: str | Path, member_ids: Sequence[str] | None = None) -> OpChanges:
    """文件 › 分发给成员…: one member file per chosen member (by default all but the 组长) in `folder`.
    `result`: the files written (`sync.members.MemberFile`)."""
    from ..sync import members
    ensure_may_edit(store, LEADER, "成员文件的分发")
    written = members.write_member_files(store, folder, None if member_ids is None else list(member_ids))
    return OpChanges.of(META, result=written)


def return_data(store: EvaluationStore, folder: str | Path) -> OpChanges:
    """文件 › 交回评估数据…: a verified copy of this member file for the leader, in `folder`.
    `result`: the path written."""
    from ..sync import members
    return OpChanges.of(META, result=members.write_return(store, folder))


def export_member_workbook(store: EvaluationStore, member_id: str, out: str | Path) -> OpChanges:
    """文件 › 导出个人计分表…: a member's 计分表 as an Excel workbook for an expert without the app; what it is
    filled with is remembered as shared, so merging it back takes only what the expert changed.
    `result`: the workbook's path."""
    from ..sync.workbook import export_member_workbook as export
    ensure_may_edit(store, LEADER, "个人计分表的导出")
    with store.transaction():
        return OpChanges.of(META, result=export(store, member_id, out))


def merge(store: EvaluationStore, files: Sequence[str | Path]) -> OpChanges:
    """文件 › 合并…: the files' records merged into this one in one transaction (`sync.merge`).

    Returns of one member file are versions of it in time: of several, only the newest is merged, and a
    return older than one merged before is passed over (merging it would take back the member's later
    edits). `result`: a `MergeResult` (the `MergeReport`: added, unchanged, in conflict; and what was
    passed over)."""
    from ..sync.merge import merge_paths
    versions = {str(path): _version_of(path) for path in files}
    with store.transaction():
        merged_before = _merged_versions(store)
        newest: dict[str, int] = {}
        for replica, seq in filter(None, versions.values()):
            newest[replica] = max(newest.get(replica, 0), seq)
        keep, older = [], []
        for path in files:
            found = versions[str(path)]
            if found and (found[1] < newest[found[0]] or found[1] < merged_before.get(found[0], 0)):
                older.append(Path(path).name)
            else:
                keep.append(path)
        if not keep:
            raise UserError(f"{'、'.join(older)} 是较早的交回：同一成员文件更晚的交回已经合并过，"
                            "再合并会撤回成员之后的修改，因此未合并")
        report = merge_paths(store, keep)
        for replica, seq in newest.items():
            if seq > merged_before.get(replica, 0):
                store.write_logged("merge", RETURN_ENTITY, replica, None, {"version": seq}, "",
                                   lambda conn, stamp: None)
        return OpChanges.of(*EVERYTHING, result=MergeResult(report, older))


def _version_of(path: str | Path) -> tuple[str, int] | None:
    """(replica id, number of its change-log entries) of a member file or a return: the later of two copies
    of one member file has more; None for anything else (the merge reads it)."""
    from ..sync.members import identity
    from ..sync.sources import SQLITE_HEADER
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                return None
        with EvaluationStore.open(path, backup=False, read_only=True) as source:
            found = identity(source)
            seq = source.conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
    except (OSError, UserError):
        return None
    return (found.replica_id, int(seq)) if found.member_file else None


def _merged_versions(store: EvaluationStore) -> dict[str, int]:
    merged: dict[str, int] = {}
    for key, new in store.conn.execute("SELECT key, new FROM change_log WHERE entity = ? AND action = 'merge'",
                                       (RETURN_ENTITY,)):
        version = (json.loads(new) or {}).get("version", 0) if new else 0
        merged[key] = max(merged.get(key, 0), int(version))
    return merged


def resolve_conflict(store: EvaluationStore, conflict_id: str, choice: int, reason: str, by: str) -> OpChanges:
    """文件 › 合并冲突…: the 组长 keeps one version with a reason (in a member file, only of the member's own
    records). `result`: the conflict decided."""
    from ..sync.merge import open_conflicts, resolve
    from ..sync.records import store_records
    with store.transaction():
        conflict = next((c for c in open_conflicts(store) if c.id == conflict_id), None)
        if conflict is not None:
            current = store_records(store).get((conflict.kind, conflict.key))
            owner = current.owner if current is not None else owner_of(store, None)
            ensure_may_edit(store, owner, f"合并冲突“{conflict.title}”的处理")
        decided = resolve(store, conflict_id, choice, reason, by)
        return OpChanges.of(*EVERYTHING, result=decided)


__all__ = ["distribute", "return_data", "merge", "resolve_conflict"]
