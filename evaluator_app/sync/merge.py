"""Merging what other laptops hold into an evaluation file, losing nothing.

Records are joined by (kind, key). For each record, the target's value T, the incoming value I and,
when the two files shared it before, the base B (the digest of I when this source was last merged, or
when its member file was written):
- I equal to T: nothing to do;
- with a base: I unchanged since B → T stands; T unchanged since B → I is taken (a removal too);
  both changed → conflict;
- without a base (a document or a file never exchanged): I missing → nothing; T missing → I is
  taken; both present and different → conflict.
A conflict keeps every version side by side until the leader chooses one with a reason; meanwhile
the file shows one of them chosen the same way whatever the order (the least in canonical form),
and the result stays open. A member file or return is taken only for its member's records.
Everything happens in one transaction of the target; merged records are logged with their origin.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..fileio import temp_folder
from ..storage.store import EvaluationStore, new_id, now
from . import apply
from .labels import LEADER, describe
from .records import KEPT, KINDS, Record, canonical, digest_of, store_records
from .sources import Source, file_identity, open_source, sheet_sha256

_ORDER = {kind: index for index, kind in enumerate(KINDS)}
THIS_FILE = "本文件"


@dataclass
class SourceResult:
    file: str
    source: str
    member: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    ignored: list[str] = field(default_factory=list)  # records the source may not change (not its member's)
    conflicts: list[str] = field(default_factory=list)

    @property
    def taken(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


@dataclass
class Conflict:
    id: str
    kind: str
    key: str
    versions: list[dict]
    opened_at: str

    @property
    def title(self) -> str:
        return describe(self.kind, self.key)


@dataclass
class MergeReport:
    target: str
    sources: list[SourceResult]
    open_conflicts: list[Conflict]

    @property
    def exit_code(self) -> int:
        return 1 if self.open_conflicts else 0

    @property
    def anything_new(self) -> bool:
        return any(s.taken or s.conflicts for s in self.sources)

    def document(self) -> dict:
        return {
            "target": self.target,
            "merged": self.anything_new,
            "sources": [{"file": s.file, "source": s.source, "member": s.member or None, "added": s.added,
                         "changed": s.changed, "removed": s.removed, "unchanged": s.unchanged,
                         "ignored": s.ignored, "conflicts": s.conflicts} for s in self.sources],
            "conflicts": [conflict_document(c) for c in self.open_conflicts],
        }


def conflict_document(conflict: Conflict) -> dict:
    return {"id": conflict.id, "record": conflict.title, "kind": conflict.kind, "key": conflict.key,
            "versions": conflict.versions}


# -- reading the state -----------------------------------------------------------------------------

def open_conflicts(store: EvaluationStore) -> list[Conflict]:
    try:
        rows = store.conn.execute("SELECT id, kind, key, versions, opened_at FROM merge_conflict "
                                  "WHERE resolved_at IS NULL ORDER BY kind, key").fetchall()
    except Exception:  # a file from before version 7, opened read-only
        return []
    return [Conflict(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


# -- merging ---------------------------------------------------------------------------------------

def merge_files(target: str | Path, files: Sequence[str | Path], actor: str = "merge") -> MergeReport:
    """Merge `files` into the evaluation file `target` (which is opened for writing)."""
    target_path = Path(target)
    with EvaluationStore.open(target_path, actor=actor) as store:
        return merge_paths(store, files)


def merge_paths(store: EvaluationStore, files: Sequence[str | Path]) -> MergeReport:
    if not files:
        raise UserError("没有要合并的文件")
    with temp_folder(store.path) as work, contextlib.ExitStack() as stack:
        sources = [stack.enter_context(open_source(path, work)) for path in files]
        return merge_sources(store, sources)


def merge_sources(store: EvaluationStore, sources: Sequence[Source]) -> MergeReport:
    """One transaction: either every source is merged, or (refused, or killed) the target is as it was."""
    target_id, _, _ = file_identity(store)
    for source in sources:
        _check_same_evaluation(store, source)
    with store.transaction():
        if store.locked:
            raise UserError(f"评估文件 {store.path.name} 已全体签字并锁定，不能合并；如确需合并，须由组长填写理由解锁")
        target = store_records(store)
        results = [_merge_one(store, source, target_id, target) for source in sources]
        signed = store.conn.execute("SELECT 1 FROM signature WHERE voided_at IS NULL LIMIT 1").fetchone()
        if signed and any(r.taken for r in results):
            from ..signing.records import lock_if_complete
            lock_if_complete(store)
        store.reload_meta()
        return MergeReport(str(store.path), results, open_conflicts(store))


def _check_same_evaluation(store: EvaluationStore, source: Source) -> None:
    if source.evaluation_id != store.evaluation_id:
        raise UserError(f"{source.label} 属于另一个评估（评估编号 {source.evaluation_id}），不能合并到 "
                        f"{store.path.name}（评估编号 {store.evaluation_id}）")
    if source.kind != store.kind.value:
        raise UserError(f"{source.label} 的评估类型为 {source.kind}，与 {store.path.name}（{store.kind.value}）不同")
    if source.sheet_sha256 != sheet_sha256(store):
        raise UserError(f"{source.label} 使用的计分表与 {store.path.name} 不同，不能合并")


def _merge_one(store: EvaluationStore, source: Source, target_id: str,
               target: dict[tuple[str, str], Record]) -> SourceResult:
    """Merge one source; `target` is the target's records, kept up to date as they change."""
    conn = store.conn
    result = SourceResult(source.label, source.id, source.member)
    if source.id == target_id:
        result.unchanged = len(source.records)
        return result
    row = conn.execute("SELECT has_base FROM sync_source WHERE id = ?", (source.id,)).fetchone()
    has_base = bool(row and row[0])
    base = dict(((k, key), d) for k, key, d in conn.execute(
        "SELECT kind, key, digest FROM sync_base WHERE source = ?", (source.id,))) if has_base else {}
    conflicted = {(c.kind, c.key): c for c in open_conflicts(store)}
    keys = set(source.records) | set(base)
    stamp = now()
    for kind, key in sorted(keys, key=lambda k: (_ORDER.get(k[0], 99), k[1])):
        incoming, current = source.records.get((kind, key)), target.get((kind, key))
        incoming_digest = incoming.digest if incoming else None
        current_digest = current.digest if current else None
        if incoming_digest == current_digest:
            result.unchanged += 1
            continue
        if kind == "signature" and incoming and current:
            if current.value["voided_at"] is None and incoming.value["voided_at"] is not None:
                _take(store, source, incoming, current, result, stamp, target)
            else:
                result.unchanged += 1  # voided here already: a signature is voided once
        elif has_base and incoming_digest == base.get((kind, key)):
            result.unchanged += 1
        elif has_base and current_digest == base.get((kind, key)):
            _take(store, source, incoming, current, result, stamp, target)
        elif not has_base and incoming is None:
            result.unchanged += 1
        elif not has_base and current is None:
            _take(store, source, incoming, None, result, stamp, target)
        else:
            _conflict(store, source, kind, key, incoming, current, conflicted.get((kind, key)), result, stamp,
                      target)
    _remember(store, source, stamp)
    return result


def _allowed(source: Source, record: Record) -> bool:
    return not source.member or record.owner == source.member


def _origin(source: Source, record: Record | None) -> str:
    parts = [f"合并自 {source.label}"]
    if source.member:
        parts.append(f"成员 {source.member}")
    if source.laptop:
        parts.append(f"电脑 {source.laptop}")
    if record is not None and record.at:
        parts.append(f"原记录时间 {record.at}")
    return "，".join(parts)


def _take(store: EvaluationStore, source: Source, incoming: Record | None, current: Record | None,
          result: SourceResult, stamp: str, target: dict[tuple[str, str], Record]) -> None:
    """Make the target hold the incoming record (or, when it is gone there, remove it)."""
    record = incoming or current
    assert record is not None
    kind, key = record.kind, record.key
    title = describe(kind, key)
    if not _allowed(source, record) or (current is not None and not _allowed(source, current)):
        result.ignored.append(title)
        return
    if incoming is None and kind in KEPT:
        result.unchanged += 1
        return
    author = record.owner or store.actor
    reason = _origin(source, incoming)
    old = current.value if current else None
    new = incoming.value if incoming else None
    if kind == "signature" and current is None and incoming is not None and incoming.value["voided_at"] is None:
        _take_signature(store, source, incoming, reason, author)
    elif incoming is None:
        store.write_logged("merge", kind, key, old, None, reason, lambda conn, t: apply.remove(conn, kind, key),
                           allow_locked=False)
    else:
        value = incoming.value
        store.write_logged("merge", kind, key, old, new, reason,
                           lambda conn, t: apply.upsert(conn, kind, key, value, source.blob, author, t))
    (result.removed if incoming is None else result.changed if current else result.added).append(title)
    _note_origin(store, source, incoming, kind, key, stamp)
    if incoming is None:
        target.pop((kind, key), None)
    elif kind == "signature" and current is None:
        target[(kind, key)] = _signature_as_stored(store, incoming)
    else:
        target[(kind, key)] = incoming


def _take_signature(store: EvaluationStore, source: Source, incoming: Record, reason: str, author: str) -> None:
    """A signature made on another laptop: the later of two active ones for the same purpose stands, the
    other is voided; the target's seal vouches for what it took."""
    from ..signing import file_seal
    value = incoming.value
    other = store.conn.execute(
        "SELECT id, signed_at FROM signature WHERE signer = ? AND purpose = ? AND voided_at IS NULL",
        (value["signer"], value["purpose"])).fetchone()
    if other is not None and other[1] > value["signed_at"]:
        value = {**value, "voided_at": other[1], "void_reason": "合并：同一用途有较晚的签字"}
        store.write_logged("merge", "signature", incoming.key, None, value, reason,
                           lambda conn, t: apply.upsert(conn, "signature", incoming.key, value, source.blob, author, t))
        return
    if other is not None:
        store.write_logged("void", "signature", other[0], None, {"voided_by": incoming.key}, reason,
                           lambda conn, t: conn.execute(
                               "UPDATE signature SET voided_at = ?, void_reason = ? WHERE id = ?",
                               (value["signed_at"], "合并：同一用途有较晚的签字", other[0])))
    store.write_logged("sign", "signature", f"{value['signer']}/{value['purpose']}", None,
                       {"id": incoming.key, "content_sha256": value["content_sha256"]}, reason,
                       lambda conn, t: apply.upsert(conn, "signature", incoming.key, value, source.blob, author, t))
    file_seal.seal_last_entry(store, file_seal.SIGN, incoming.key, value["content_sha256"])


def _signature_as_stored(store: EvaluationStore, incoming: Record) -> Record:
    """A taken signature may have been stored voided (a later one stood): its record as the file holds it."""
    row = store.conn.execute("SELECT voided_at, void_reason FROM signature WHERE id = ?", (incoming.key,)).fetchone()
    return Record(incoming.kind, incoming.key, incoming.owner,
                  {**incoming.value, "voided_at": row[0], "void_reason": row[1]}, incoming.at)


def _note_origin(store: EvaluationStore, source: Source, record: Record | None, kind: str, key: str,
                 stamp: str) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO record_origin (kind, key, source, member, laptop, recorded_at, merged_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind, key, source.id, source.member, source.laptop, record.at if record else "", stamp))


def _version(source_id: str, label: str, member: str, laptop: str, value: Any) -> dict:
    return {"source": source_id, "file": label, "member": member, "laptop": laptop, "value": value}


def _conflict(store: EvaluationStore, source: Source, kind: str, key: str, incoming: Record | None,
              current: Record | None, existing: Conflict | None, result: SourceResult, stamp: str,
              target: dict[tuple[str, str], Record]) -> None:
    """Keep both versions; the file shows the least of them until the leader decides."""
    record = incoming or current
    assert record is not None
    title = describe(kind, key)
    if not _allowed(source, record):
        result.ignored.append(title)
        return
    versions = list(existing.versions) if existing else [_current_version(store, kind, key, current)]
    arriving = _version(source.id, source.label, source.member, source.laptop,
                        incoming.value if incoming else None)
    if any(digest_of(v["value"]) == digest_of(arriving["value"]) for v in versions):
        if existing is not None:
            result.unchanged += 1
            return
    else:
        versions.append(arriving)
    versions.sort(key=lambda v: canonical(v["value"]))
    shown = versions[0]["value"]
    text = json.dumps(versions, ensure_ascii=False, sort_keys=True)
    if existing is None:
        conflict_id = new_id()
        store.write_logged("conflict", kind, key, current.value if current else None,
                           incoming.value if incoming else None, _origin(source, incoming),
                           lambda conn, t: conn.execute(
                               "INSERT INTO merge_conflict (id, kind, key, versions, opened_at) VALUES (?, ?, ?, ?, ?)",
                               (conflict_id, kind, key, text, t)))
    else:
        store.write_logged("conflict", kind, key, None, incoming.value if incoming else None,
                           _origin(source, incoming), lambda conn, t: conn.execute(
                               "UPDATE merge_conflict SET versions = ? WHERE id = ?", (text, existing.id)))
    if digest_of(shown) != (current.digest if current else digest_of(None)):
        _show(store, source, kind, key, shown, current)
        if shown is None:
            target.pop((kind, key), None)
        else:
            target[(kind, key)] = Record(kind, key, record.owner, shown)
    result.conflicts.append(title)


def _current_version(store: EvaluationStore, kind: str, key: str, current: Record | None) -> dict:
    """The target's own version, named by the file it was merged from if it came from one."""
    row = store.conn.execute("SELECT o.source, s.label, o.member, o.laptop FROM record_origin o "
                             "JOIN sync_source s ON s.id = o.source WHERE o.kind = ? AND o.key = ?",
                             (kind, key)).fetchone()
    value = current.value if current else None
    if row is None:
        target_id, _, _ = file_identity(store)
        return _version(target_id, THIS_FILE, current.owner if current else "", "", value)
    return _version(row[0], row[1], row[2], row[3], value)


def _show(store: EvaluationStore, source: Source, kind: str, key: str, value: Any, current: Record | None) -> None:
    author = store.actor
    reason = "合并冲突：在组长决定前显示其中一个版本"
    if value is None:
        store.write_logged("merge", kind, key, current.value if current else None, None, reason,
                           lambda conn, t: apply.remove(conn, kind, key))
    else:
        store.write_logged("merge", kind, key, current.value if current else None, value, reason,
                           lambda conn, t: apply.upsert(conn, kind, key, value, source.blob, author, t))


def _remember(store: EvaluationStore, source: Source, stamp: str) -> None:
    """The source's records as now shared: the base of the next merge with it (open conflicts keep theirs)."""
    conn = store.conn
    conflicted = {(c.kind, c.key) for c in open_conflicts(store)}
    conn.execute("INSERT INTO sync_source (id, member, label, laptop, merged_at, has_base) VALUES (?, ?, ?, ?, ?, 1) "
                 "ON CONFLICT (id) DO UPDATE SET member = excluded.member, label = excluded.label, "
                 "laptop = excluded.laptop, merged_at = excluded.merged_at, has_base = 1",
                 (source.id, source.member, source.label, source.laptop, stamp))
    kept = dict(((k, key), d) for k, key, d in conn.execute(
        "SELECT kind, key, digest FROM sync_base WHERE source = ?", (source.id,)))
    conn.execute("DELETE FROM sync_base WHERE source = ?", (source.id,))
    rows = [(source.id, kind, key, record.digest) for (kind, key), record in source.records.items()
            if (kind, key) not in conflicted]
    rows += [(source.id, kind, key, digest) for (kind, key), digest in kept.items() if (kind, key) in conflicted]
    conn.executemany("INSERT INTO sync_base (source, kind, key, digest) VALUES (?, ?, ?, ?)", rows)


def remember_shared(store: EvaluationStore, source_id: str, member: str, label: str,
                    records: Iterable[Record], sent_at: str) -> None:
    """A member file was written from this file: what both now share is the base of merging its return."""
    conn = store.conn
    conn.execute("INSERT INTO sync_source (id, member, label, sent_at, has_base) VALUES (?, ?, ?, ?, 1) "
                 "ON CONFLICT (id) DO UPDATE SET member = excluded.member, label = excluded.label, "
                 "sent_at = excluded.sent_at, has_base = 1", (source_id, member, label, sent_at))
    conn.execute("DELETE FROM sync_base WHERE source = ?", (source_id,))
    conn.executemany("INSERT INTO sync_base (source, kind, key, digest) VALUES (?, ?, ?, ?)",
                     [(source_id, r.kind, r.key, r.digest) for r in records])


# -- deciding a conflict -----------------------------------------------------------------------------

def resolve(store: EvaluationStore, conflict_id: str, choice: int, reason: str, by: str) -> Conflict:
    """The leader keeps version `choice` of a conflict, giving a reason; logged, and remembered as shared with
    every source that took part, so merging those files again does not reopen it."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("处理合并冲突须填写理由（例如：经与成员核实，以其本人电脑上的评分为准），理由会记入修改记录")
    with store.transaction():
        conflict = next((c for c in open_conflicts(store) if c.id == conflict_id), None)
        if conflict is None:
            raise UserError("该合并冲突已处理或不存在")
        if not 0 <= choice < len(conflict.versions):
            raise UserError(f"没有第 {choice + 1} 个版本（共 {len(conflict.versions)} 个）")
        chosen = conflict.versions[choice]["value"]
        current = store_records(store).get((conflict.kind, conflict.key))
        kind, key = conflict.kind, conflict.key
        if (current.digest if current else digest_of(None)) != digest_of(chosen):
            if chosen is None:
                store.write_logged("resolve", kind, key, current.value if current else None, None, reason,
                                   lambda conn, t: apply.remove(conn, kind, key))
            else:
                store.write_logged("resolve", kind, key, current.value if current else None, chosen, reason,
                                   lambda conn, t: apply.upsert(conn, kind, key, chosen, _no_blob, by or LEADER, t))
        store.write_logged("resolve", "conflict", conflict.id, None, {"chosen": choice, "by": by}, reason,
                           lambda conn, t: conn.execute(
                               "UPDATE merge_conflict SET resolved_at = ?, chosen = ?, reason = ?, resolved_by = ? "
                               "WHERE id = ?", (t, json.dumps(chosen, ensure_ascii=False), reason, by, conflict.id)))
        for version in conflict.versions:
            if version["file"] != THIS_FILE:  # a source it was merged from: shared from now on
                store.conn.execute("INSERT OR REPLACE INTO sync_base (source, kind, key, digest) "
                                   "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sync_source WHERE id = ?)",
                                   (version["source"], kind, key, digest_of(version["value"]), version["source"]))
        store.reload_meta()
        return conflict


def _no_blob(kind: str, key: str) -> Any:
    raise UserError(f"{describe(kind, key)} 的内容只在合并来源文件中，请重新合并该文件后再选择")


__all__ = ["MergeReport", "SourceResult", "Conflict", "merge_files", "merge_paths", "merge_sources",
           "open_conflicts", "resolve", "remember_shared", "conflict_document"]
