"""The append-only, hash-chained change log: who, when, what, old → new, and why."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

# The log's table, the same in every file that keeps one (an evaluation, a 专家库): rows are only appended.
SCHEMA = """CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    old TEXT,
    new TEXT,
    reason TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
"""


@dataclass
class Change:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    key: str
    old: Any
    new: Any
    reason: str
    prev_hash: str
    hash: str


def sha256_hex(text: str) -> str:
    import hashlib  # here, not at import: OpenSSL's start-up is kept off the window's first paint
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def genesis_hash(evaluation_id: str) -> str:
    """The chain starts from the evaluation's id, so a log cannot be moved to another file."""
    return sha256_hex(f"evaluator-app:{evaluation_id}")


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, entity: str, key: str,
               old_json: str | None, new_json: str | None, reason: str) -> str:
    canonical = json.dumps([seq, at, actor, action, entity, key, old_json, new_json, reason],
                           ensure_ascii=False, separators=(",", ":"))
    return sha256_hex(prev_hash + canonical)


def encode(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def append(conn: sqlite3.Connection, head: str, at: str, actor: str, action: str, entity: str, key: str,
           old: Any, new: Any, reason: str = "") -> str:
    """Add one entry inside the caller's transaction; returns the new head hash."""
    seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM change_log").fetchone()[0]
    old_json, new_json = encode(old), encode(new)
    digest = entry_hash(head, seq, at, actor, action, entity, key, old_json, new_json, reason)
    conn.execute(
        "INSERT INTO change_log (seq, at, actor, action, entity, key, old, new, reason, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, entity, key, old_json, new_json, reason, head, digest),
    )
    return digest


def read(conn: sqlite3.Connection) -> list[Change]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, entity, key, old, new, reason, prev_hash, hash FROM change_log ORDER BY seq"
    ).fetchall()
    return [Change(r[0], r[1], r[2], r[3], r[4], r[5], _decode(r[6]), _decode(r[7]), r[8], r[9], r[10])
            for r in rows]


def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def verify_chain(conn: sqlite3.Connection, evaluation_id: str, recorded_head: str | None) -> list[str]:
    """Every problem with the chain, as Chinese messages naming the entry."""
    problems: list[str] = []
    expected_prev = genesis_hash(evaluation_id)
    expected_seq = 1
    rows = conn.execute(
        "SELECT seq, at, actor, action, entity, key, old, new, reason, prev_hash, hash FROM change_log ORDER BY seq"
    ).fetchall()
    for seq, at, actor, action, entity, key, old, new, reason, prev, digest in rows:
        if seq != expected_seq:
            problems.append(f"修改记录第 {expected_seq} 条缺失（下一条为第 {seq} 条）")
            expected_seq = seq
        if prev != expected_prev:
            problems.append(f"修改记录第 {seq} 条与上一条的链接不符，记录可能被删除或篡改")
        if entry_hash(prev, seq, at, actor, action, entity, key, old, new, reason) != digest:
            problems.append(f"修改记录第 {seq} 条（{at} {actor} {action} {entity} {key}）的内容与其哈希不符，已被改动")
        expected_prev = digest
        expected_seq = seq + 1
    if recorded_head is not None and recorded_head != expected_prev:
        problems.append("修改记录的末尾与文件记载的最新记录不符，记录可能被截断")
    return problems
