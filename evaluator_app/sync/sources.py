"""What a merge reads: an evaluation file (the leader's, a member file, a return) or an exchange JSON
document, each as a `Source` of records. A document is read through a temporary evaluation file
beside the target, so there is one way from outside data to records."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..storage.store import EvaluationStore
from .records import Record, attachment_blob, signature_blob, store_records

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Source:
    id: str  # replica id of a file; json:<sha256> of a document
    label: str  # the file's name, as the user gave it
    evaluation_id: str
    kind: str
    sheet_sha256: str
    member: str  # the member a member file is bound to; "" for a whole evaluation
    laptop: str
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    store: EvaluationStore | None = None

    def blob(self, kind: str, key: str) -> Any:
        assert self.store is not None
        if kind == "attachment":
            return attachment_blob(self.store.conn, key)
        return signature_blob(self.store.conn, key)


def file_identity(store: EvaluationStore) -> tuple[str, str, str]:
    """(replica id, bound member, laptop) of an evaluation file, as its meta says."""
    meta = dict(store.conn.execute("SELECT key, value FROM meta").fetchall())
    replica = meta.get("replica_id") or f"file:{meta.get('evaluation_id', '')}:{meta.get('created_at', '')}"
    return replica, meta.get("bound_member", ""), meta.get("laptop", "")


def sheet_sha256(store: EvaluationStore) -> str:
    return store.conn.execute("SELECT sha256 FROM sheet WHERE id = 1").fetchone()[0]


@contextlib.contextmanager
def open_source(path: str | Path, work_folder: Path) -> Iterator[Source]:
    """A source read from `path`; documents are imported into `work_folder` first."""
    source = Path(path)
    try:
        with source.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise UserError(f"找不到要合并的文件：{source}") from None
    except OSError as err:
        raise UserError(f"无法读取要合并的文件 {source}：{err.strerror or err}") from None
    if head == SQLITE_HEADER:
        with EvaluationStore.open(source, backup=False, read_only=True) as store:
            replica, member, laptop = file_identity(store)
            yield Source(replica, source.name, store.evaluation_id, store.kind.value, sheet_sha256(store), member,
                         laptop, store_records(store), store)
        return
    if source.suffix.lower() == ".xlsx":
        from .workbook import workbook_source
        with workbook_source(source, work_folder) as found:
            yield found
        return
    yield from _document_source(source, work_folder)


def _document_source(source: Path, work_folder: Path) -> Iterator[Source]:
    from ..exchange.document import parse_evaluation
    from ..jsonfile import read_json_file

    document = read_json_file(source)
    evaluation = parse_evaluation(document, str(source))
    if not evaluation.id:
        raise UserError(f"{source.name} 没有评估编号（id），无法确定与哪个评估合并")
    data = source.read_bytes()
    temporary = work_folder / f"document-{hashlib.sha256(data).hexdigest()[:16]}.sqlite"
    with EvaluationStore.create(temporary, evaluation, actor="merge", action="import") as store:
        yield Source(f"json:{hashlib.sha256(data).hexdigest()}", source.name, store.evaluation_id, store.kind.value,
                     sheet_sha256(store), "", "", store_records(store), store)


__all__ = ["Source", "open_source", "file_identity", "sheet_sha256"]
