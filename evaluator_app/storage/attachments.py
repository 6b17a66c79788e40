"""Files and photos kept inside the evaluation file: the unit's 申请表 and 总结报告, evidence, photos.

Each is stored whole with its SHA-256, so the evaluation file alone carries everything.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .store import EvaluationStore

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
THUMBNAIL_SIZE = (160, 120)
KINDS = ("评估申请表", "总结报告", "复查自检报告", "复查申请表", "证据", "照片", "其他资料")



@dataclass(frozen=True)
class Attachment:
    id: str
    step: int | None
    item: str
    kind: str
    name: str
    mime: str
    size: int
    sha256: str
    caption: str
    author: str
    added_at: str
    thumbnail: bytes | None


def thumbnail_png(data: bytes) -> bytes | None:
    """A small PNG preview of an image, or None for anything Pillow cannot read."""
    try:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "PNG")
            return out.getvalue()
    except Exception:  # not an image, or one Pillow cannot decode: no preview
        return None


def add_attachment(store: EvaluationStore, path: str | Path, kind: str, step: int | None = None,
                   item: str = "", caption: str = "") -> Attachment:
    source = Path(path)
    if kind not in KINDS:
        raise UserError(f"未知的附件类别 “{kind}”，应为 {'、'.join(KINDS)} 之一")
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(f"{source.name} 有 {size // (1024 * 1024)} MiB，超过单个附件上限 "
                            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MiB；请压缩后再添加")
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件：{source}") from None
    except OSError as err:
        raise UserError(f"无法读取文件 {source}：{err.strerror or err}") from None
    digest = hashlib.sha256(data).hexdigest()
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    thumb = thumbnail_png(data) if mime.startswith("image/") else None
    attachment_id = uuid.uuid4().hex

    def apply(conn: sqlite3.Connection, stamp: str) -> None:
        conn.execute(
            "INSERT INTO attachment (id, step, item, kind, name, mime, size, sha256, content, thumbnail, caption, "
            "author, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (attachment_id, step, item, kind, source.name, mime, len(data), digest, data, thumb, caption,
             store.actor, stamp))
    store.write_logged("add", "attachment", attachment_id, None,
                       {"name": source.name, "kind": kind, "step": step, "item": item, "sha256": digest,
                        "size": len(data)}, "", apply)
    return next(a for a in attachments(store) if a.id == attachment_id)


def attachments(store: EvaluationStore, step: int | None = None, item: str | None = None) -> list[Attachment]:
    query = ("SELECT id, step, item, kind, name, mime, size, sha256, caption, author, added_at, thumbnail "
             "FROM attachment")
    clauses: list[str] = []
    params: list[int | str] = []
    if step is not None:
        clauses.append("step = ?")
        params.append(step)
    if item is not None:
        clauses.append("item = ?")
        params.append(item)
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    rows = store.conn.execute(query + " ORDER BY added_at, rowid", params).fetchall()
    return [Attachment(*row) for row in rows]


def attachment_content(store: EvaluationStore, attachment_id: str) -> bytes:
    row = store.conn.execute("SELECT content, sha256 FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        raise UserError("附件不存在")
    if hashlib.sha256(row[0]).hexdigest() != row[1]:
        raise UserError("附件内容与记录的 SHA-256 不符，可能已损坏")
    return row[0]


def remove_attachment(store: EvaluationStore, attachment_id: str, reason: str = "") -> None:
    row = store.conn.execute("SELECT name, sha256 FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        return
    store.write_logged("delete", "attachment", attachment_id, {"name": row[0], "sha256": row[1]}, None, reason,
                       lambda conn, stamp: conn.execute("DELETE FROM attachment WHERE id = ?", (attachment_id,)))
