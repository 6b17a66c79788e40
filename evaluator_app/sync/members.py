"""Member files and returns: the leader's file copied once per member, and what a member's laptop hands back.

A member file is a verified copy of the leader's evaluation file with a replica id of its own and, in
its meta table, `bound_member` (whose it is), `bound_from` (the leader's replica id) and `sent_at`.
Both files remember what they shared when it was written (`merge.remember_shared`), so the leader
merges a return three-way, and the member can merge a refreshed leader file the same way.

A return is a verified copy of the member file as this laptop holds it, with `laptop` (this
computer's name) and `returned_at` recorded first: written as often as the panel needs (after the
survey, after scoring, after signing), each under a name of its own, to a chosen folder (a USB stick).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import system
from ..domain.evaluation import Member, Role
from ..errors import UserError
from ..services.files import copy_verified
from ..storage.store import EvaluationStore, new_id, now
from .labels import LEADER
from .merge import remember_shared
from .records import store_records
from .sources import file_identity

# Meta keys of a member file and of a return (never merged: each file keeps its own).
BOUND_MEMBER, BOUND_FROM, SENT_AT = "bound_member", "bound_from", "sent_at"
LAPTOP, RETURNED_AT = "laptop", "returned_at"
SUFFIX = ".sqlite"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class FileIdentity:
    """Whose file this is: the leader's (no `bound_member`) or a member's."""

    replica_id: str
    bound_member: str
    bound_from: str
    sent_at: str
    laptop: str
    returned_at: str

    @property
    def member_file(self) -> bool:
        return bool(self.bound_member)


@dataclass(frozen=True)
class MemberFile:
    member: str
    name: str
    path: Path
    replica_id: str


def _meta(store: EvaluationStore) -> dict[str, str]:
    return dict(store.conn.execute("SELECT key, value FROM meta").fetchall())


def identity(store: EvaluationStore) -> FileIdentity:
    meta = _meta(store)
    replica, _, _ = file_identity(store)
    return FileIdentity(replica, meta.get(BOUND_MEMBER, ""), meta.get(BOUND_FROM, ""), meta.get(SENT_AT, ""),
                        meta.get(LAPTOP, ""), meta.get(RETURNED_AT, ""))


def bound_member(store: EvaluationStore) -> str:
    """The member a member file is bound to; "" for the leader's file."""
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (BOUND_MEMBER,)).fetchone()
    return row[0] if row and row[0] else ""


def member_name(store: EvaluationStore, member_id: str) -> str:
    row = store.conn.execute("SELECT name FROM member WHERE id = ?", (member_id,)).fetchone()
    return row[0] if row else member_id


def safe_name(text: str) -> str:
    """A file-name part from a pilot's or a member's name (no separators or reserved characters)."""
    cleaned = _UNSAFE.sub("_", text).strip(" ._")
    return cleaned[:60] or "评估"


def member_file_name(store: EvaluationStore, member: Member) -> str:
    unit = store.conn.execute("SELECT value FROM pilot_field WHERE name = 'unit'").fetchone()
    return f"{safe_name(unit[0] if unit else '评估')}-{safe_name(member.name)}-成员文件{SUFFIX}"


# -- writing member files ------------------------------------------------------------------------------

def distributable(store: EvaluationStore) -> list[Member]:
    """The members a leader's file writes member files for by default: everyone but the 组长."""
    return [m for m in store.load().panel if m.role is not Role.LEADER]


def write_member_files(store: EvaluationStore, folder: str | Path, member_ids: list[str] | None = None,
                       sent_at: str | None = None) -> list[MemberFile]:
    """One member file per chosen member (by default every member but the 组长) in `folder`; the leader's
    file records each as a source sharing what it holds now. Refused before anything is written when a
    file of that name is already there, a member is unknown, or this is not the leader's file."""
    bound = bound_member(store)
    if bound:
        raise UserError(f"这是{member_name(store, bound)}的成员文件，不能再分发；请在组长的评估文件中“分发给成员”")
    if store.read_only:  # it could not remember what it shares with them: refused before anything is written
        raise UserError(f"评估文件 {store.path.name} 以只读方式打开，不能分发成员文件"
                        f"{'（' + store.read_only_reason + '）' if store.read_only_reason else ''}")
    if store.locked:
        raise UserError(f"评估文件 {store.path.name} 已全体签字并锁定，不再分发成员文件")
    target_folder = Path(folder)
    if not target_folder.is_dir():
        raise UserError(f"找不到文件夹：{target_folder}")
    panel = store.load().panel
    by_id = {m.id: m for m in panel}
    chosen = [m.id for m in panel if m.role is not Role.LEADER] if member_ids is None else list(member_ids)
    if not chosen:
        raise UserError("没有选择要分发成员文件的成员")
    unknown = [m for m in chosen if m not in by_id]
    if unknown:
        raise UserError(f"评估组中没有成员 {'、'.join(unknown)}")
    targets = {m: target_folder / member_file_name(store, by_id[m]) for m in chosen}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        raise UserError(f"文件已存在：{'、'.join(existing)}；为避免覆盖，请换一个文件夹或先移走这些文件")
    sent_at = sent_at or now()
    leader_replica, _, _ = file_identity(store)
    records = list(store_records(store).values())
    written: list[MemberFile] = []
    for member_id in chosen:
        member = by_id[member_id]
        path = copy_verified(store, targets[member_id])
        replica = new_id()
        _bind(path, member, replica, leader_replica, store.path.name, records, sent_at)
        written.append(MemberFile(member_id, member.name, path, replica))
    with store.transaction():
        for made in written:
            def remember(conn: sqlite3.Connection, _stamp: str, made: MemberFile = made) -> None:
                remember_shared(store, made.replica_id, made.member, made.path.name, records, sent_at)
            store.write_logged("distribute", "member_file", made.member, None,
                               {"file": made.path.name, "replica_id": made.replica_id, "sent_at": sent_at},
                               f"成员文件分发给 {made.name}", remember)
    return written


def _bind(path: Path, member: Member, replica: str, leader_replica: str, leader_label: str, records: list,
          sent_at: str) -> None:
    """Make the copy at `path` the member's file: its own replica id, whose it is, and the shared base."""
    with EvaluationStore.open(path, actor=member.id, backup=False) as copy, copy.transaction() as conn:
        conn.execute("DELETE FROM sync_base")
        conn.execute("DELETE FROM sync_source")
        values = {"replica_id": replica, BOUND_MEMBER: member.id, BOUND_FROM: leader_replica, SENT_AT: sent_at}

        def apply(c: sqlite3.Connection, _stamp: str) -> None:
            c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())
            remember_shared(copy, leader_replica, LEADER, leader_label, records, sent_at)
        copy.write_logged("bind", "meta", BOUND_MEMBER, None, values, f"组长分发给 {member.name} 的成员文件", apply)


# -- returns -------------------------------------------------------------------------------------------

def return_file_name(store: EvaluationStore, at: str) -> str:
    member = bound_member(store)
    stamp = re.sub(r"[^0-9]", "", at)[:12]
    return f"{safe_name(member_name(store, member))}-交回-{stamp[:8]}-{stamp[8:12]}{SUFFIX}"


def write_return(store: EvaluationStore, folder: str | Path, laptop: str | None = None) -> Path:
    """What this laptop holds for the leader, as a verified copy in `folder` (a name of its own each time):
    the member file, with this computer's name and the time recorded in it first."""
    member = bound_member(store)
    if not member:
        raise UserError(f"{store.path.name} 是组长的评估文件，不是成员文件：无需交回；"
                        "要把它带到另一台电脑，请用“复制到U盘”")
    target_folder = Path(folder)
    if not target_folder.is_dir():
        raise UserError(f"找不到文件夹：{target_folder}")
    at = now()
    target = target_folder / return_file_name(store, at)
    number = 2
    while target.exists():
        target = target_folder / f"{target.stem.rsplit('（', 1)[0]}（{number}）{SUFFIX}"
        number += 1
    computer = laptop if laptop is not None else system.computer_name()
    with store.transaction():
        values = {LAPTOP: computer, RETURNED_AT: at}
        old = {k: v for k, v in _meta(store).items() if k in values}
        store.write_logged("return", "meta", RETURNED_AT, old or None, values, f"交回：{target.name}",
                           lambda c, _t: c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                                       values.items()), allow_locked=True)
    return copy_verified(store, target)


__all__ = ["FileIdentity", "MemberFile", "identity", "bound_member", "member_name", "write_member_files",
           "write_return", "distributable", "member_file_name", "BOUND_MEMBER", "LAPTOP", "RETURNED_AT"]
