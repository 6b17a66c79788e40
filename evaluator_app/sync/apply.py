"""Writing one merged record into the target file, or removing it: plain SQL on the record's own table,
run inside the merge's transaction by `EvaluationStore.write_logged` (which logs it)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ..domain.sheet import PANEL_MEMBER
from ..storage.store import new_id

Blob = Callable[[str, str], Any]  # (kind, key) → the bytes a record carries besides its value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _member(key: str) -> str | None:
    return None if key == PANEL_MEMBER else key


def upsert(conn: sqlite3.Connection, kind: str, key: str, value: Any, blob: Blob, author: str, stamp: str) -> None:
    """Make the target hold `value` for (kind, key)."""
    if kind == "meta":
        text = _dumps(value) if key in ("extra", "pilot_extra") else value
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, text))
    elif kind == "pilot":
        conn.execute("INSERT OR REPLACE INTO pilot_field (name, value) VALUES (?, ?)", (key, value))
    elif kind == "member":
        v = value
        columns = (v["position"], v["name"], v["org"], v["title"], v["phone"], v["category"], v["role"],
                   v["education"], v["senior_title"], v["years"], v["selection"], v["selection_record"],
                   v["replaces"], _dumps(v["extra"]), author, stamp)
        if conn.execute("SELECT 1 FROM member WHERE id = ?", (key,)).fetchone():
            conn.execute("UPDATE member SET position=?, name=?, org=?, title=?, phone=?, category=?, role=?, "
                         "education=?, senior_title=?, years=?, selection=?, selection_record=?, replaces=?, "
                         "extra=?, author=?, updated_at=? WHERE id=?", (*columns, key))
        else:
            conn.execute("INSERT INTO member (position, name, org, title, phone, category, role, education, "
                         "senior_title, years, selection, selection_record, replaces, extra, author, updated_at, id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*columns, key))
    elif kind == "recusal":
        conn.execute("UPDATE member SET recusal = ?, author = ?, updated_at = ? WHERE id = ?",
                     (_dumps(value), author, stamp, key))
    elif kind == "score":
        member, _, item = key.partition("/")
        row = conn.execute("SELECT id FROM score WHERE coalesce(member_id, '') = ? AND item = ?",
                           (_member(member) or "", item)).fetchone()
        if row:
            conn.execute("UPDATE score SET score=?, na=?, note=?, extra=?, author=?, updated_at=? WHERE id=?",
                         (value["score"], int(value["na"]), value["note"], _dumps(value["extra"]), author, stamp,
                          row[0]))
        else:
            conn.execute("INSERT INTO score (id, member_id, item, score, na, note, extra, author, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (new_id(), _member(member), item, value["score"], int(value["na"]), value["note"],
                          _dumps(value["extra"]), author, stamp))
    elif kind == "revision":
        member, _, item = value["score"].partition("/")
        row = conn.execute("SELECT id FROM score WHERE coalesce(member_id, '') = ? AND item = ?",
                           (_member(member) or "", item)).fetchone()
        if row:  # a revision of a score the target does not hold has nothing to attach to
            conn.execute("INSERT OR IGNORE INTO score_revision (id, score_id, old_score, new_score, reason, author, "
                         "at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (key, row[0], value["old"], value["new"], value["reason"], value["author"], value["at"]))
    elif kind == "submission":
        conn.execute("INSERT OR REPLACE INTO sheet_submission (scorer, submitted_at, author) VALUES (?, ?, ?)",
                     (key, value, author))
    elif kind == "reopened":
        scorer, _, item = key.partition("/")
        conn.execute("INSERT OR IGNORE INTO reopened_item (scorer, item, reopened_at, author) VALUES (?, ?, ?, ?)",
                     (scorer, item, stamp, author))
    elif kind == "accepted":
        conn.execute("INSERT OR REPLACE INTO accepted_disagreement (item, reason, accepted_at, author) "
                     "VALUES (?, ?, ?, ?)", (key, value, stamp, author))
    elif kind == "veto":
        conn.execute("INSERT OR REPLACE INTO veto_decision (code, confirmed, note, extra, author, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (key, int(value["confirmed"]), value["note"], _dumps(value["extra"]), author, stamp))
    elif kind == "bonus":
        conn.execute("INSERT OR REPLACE INTO bonus_award (code, score, note, extra, author, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (key, value["score"], value["note"], _dumps(value["extra"]),
                                                   author, stamp))
    elif kind == "override":
        conn.execute("INSERT OR REPLACE INTO override (item, score, reason, extra, author, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (key, value["score"], value["reason"], _dumps(value["extra"]),
                                                   author, stamp))
    elif kind == "sample":
        row = conn.execute("SELECT position FROM sample WHERE id = ?", (key,)).fetchone()
        position = row[0] if row else conn.execute("SELECT coalesce(max(position), -1) + 1 FROM sample").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO sample (id, position, respondent_type, place, time, collector, answers, "
                     "comment, extra, author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (key, position, value["respondent_type"], value["place"], value["time"],
                      value["collector"] or None, _dumps(value["answers"]), value["comment"],
                      _dumps(value["extra"]), author, stamp))
    elif kind in ("finding", "suggestion"):
        row = conn.execute("SELECT position FROM note WHERE id = ?", (key,)).fetchone()
        position = row[0] if row else conn.execute("SELECT coalesce(max(position), -1) + 1 FROM note").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO note (id, kind, position, text, item, step, extra, author, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (key, kind, position, value["text"], value["item"], value["step"], _dumps(value["extra"]),
                      value["by"] or author, stamp))
    elif kind == "check":
        step, _, item = key.partition("/")
        conn.execute("INSERT OR REPLACE INTO check_result (step, item, status, note, author, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (step, item, value["status"], value["note"],
                                                   value["by"] or author, stamp))
    elif kind == "step":
        conn.execute("INSERT OR REPLACE INTO step_record (step, status, started_at, finished_at, data, author, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (int(key), value["status"], value["started_at"], value["finished_at"], _dumps(value["data"]),
                      author, stamp))
    elif kind == "attachment":
        content, thumbnail = blob(kind, key)
        conn.execute("INSERT OR REPLACE INTO attachment (id, step, item, kind, name, mime, size, sha256, content, "
                     "thumbnail, caption, author, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (key, value["step"], value["item"], value["kind"], value["name"], value["mime"], value["size"],
                      value["sha256"], content, thumbnail, value["caption"], value["by"] or author,
                      value["added_at"]))
    elif kind == "signature":
        exists = conn.execute("SELECT voided_at FROM signature WHERE id = ?", (key,)).fetchone()
        if exists is None:
            png, strokes, signed_by = blob(kind, key)
            conn.execute("INSERT INTO signature (id, signer, purpose, signed_at, content_sha256, png, strokes, width, "
                         "height, voided_at, void_reason, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (key, value["signer"], value["purpose"], value["signed_at"], value["content_sha256"], png,
                          strokes, value["width"], value["height"], value["voided_at"], value["void_reason"],
                          signed_by))
        elif exists[0] is None and value["voided_at"] is not None:
            conn.execute("UPDATE signature SET voided_at = ?, void_reason = ? WHERE id = ?",
                         (value["voided_at"], value["void_reason"], key))
    else:
        raise AssertionError(kind)


def remove(conn: sqlite3.Connection, kind: str, key: str) -> None:
    """Make the target hold no record (kind, key); signatures and revisions are never removed."""
    if kind == "meta":
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", ("{}" if key in ("extra", "pilot_extra") else "", key))
    elif kind == "pilot":
        conn.execute("DELETE FROM pilot_field WHERE name = ?", (key,))
    elif kind == "member":
        conn.execute("DELETE FROM member WHERE id = ?", (key,))
    elif kind == "recusal":
        conn.execute("UPDATE member SET recusal = NULL WHERE id = ?", (key,))
    elif kind == "score":
        member, _, item = key.partition("/")
        conn.execute("DELETE FROM score WHERE coalesce(member_id, '') = ? AND item = ?", (_member(member) or "", item))
    elif kind == "submission":
        conn.execute("DELETE FROM sheet_submission WHERE scorer = ?", (key,))
    elif kind == "reopened":
        scorer, _, item = key.partition("/")
        conn.execute("DELETE FROM reopened_item WHERE scorer = ? AND item = ?", (scorer, item))
    elif kind == "accepted":
        conn.execute("DELETE FROM accepted_disagreement WHERE item = ?", (key,))
    elif kind == "veto":
        conn.execute("DELETE FROM veto_decision WHERE code = ?", (key,))
    elif kind == "bonus":
        conn.execute("DELETE FROM bonus_award WHERE code = ?", (key,))
    elif kind == "override":
        conn.execute("DELETE FROM override WHERE item = ?", (key,))
    elif kind == "sample":
        conn.execute("DELETE FROM sample WHERE id = ?", (key,))
    elif kind in ("finding", "suggestion"):
        conn.execute("DELETE FROM note WHERE id = ?", (key,))
    elif kind == "check":
        step, _, item = key.partition("/")
        conn.execute("DELETE FROM check_result WHERE step = ? AND item = ?", (step, item))
    elif kind == "step":
        conn.execute("DELETE FROM step_record WHERE step = ?", (int(key),))
    elif kind == "attachment":
        conn.execute("DELETE FROM attachment WHERE id = ?", (key,))
    elif kind in ("signature", "revision"):
        return
    else:
        raise AssertionError(kind)


__all__ = ["upsert", "remove", "Blob"]
