"""The evaluation file's own seal: what makes a signed file tamper-evident without the seal key.

The change log is a hash chain, but anyone can recompute a chain. So at every signature, lock and
unlock the installation's seal key signs a statement (`evaluator-file-seal/1`):

    {"format", "evaluation_id", "kind": "sign" | "lock" | "unlock", "subject", "content_sha256",
     "log_seq", "log_head", "at"}

`log_head` is the hash of the change-log entry that recorded the signature (or lock, or unlock),
so the statement pins the whole log up to that entry; `content_sha256` is the digest of what was
signed (the signature's canonical text; for a lock, the exchange JSON of the whole evaluation).

`check` finds, with only the file and the trusted certificates: a statement not signed by its
certificate or by an untrusted one; a log entry of a signature, lock or unlock without its
statement; a log rewritten before a statement; an active signature that differs from its
statement; a cleared or forged lock flag; any change to the content since it was locked.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import VerificationFailed
from ..storage import changelog
from ..storage.store import EvaluationStore, new_id, now
from . import seal as seal_key
from .trust import Trust

FORMAT = "evaluator-file-seal/1"
SIGN, LOCK, UNLOCK = "sign", "lock", "unlock"
_ACTIONS = {SIGN: ("sign", "signature"), LOCK: ("lock", "meta"), UNLOCK: ("unlock", "meta")}
_LABELS = {SIGN: "签字", LOCK: "锁定", UNLOCK: "解锁"}
MAX_STATEMENT_CHARS = 4096
MAX_DIFFERENCES = 8


@dataclass(frozen=True)
class SealedBy:
    """A certificate that sealed statements in the file, and whether the check trusts it."""

    fingerprint: str
    subject: str
    statements: int
    trusted_as: str | None


@dataclass
class FileSealReport:
    problems: list[str] = field(default_factory=list)  # the file was changed outside the app
    untrusted: list[str] = field(default_factory=list)  # intact, but sealed with unregistered certificates
    certificates: list[SealedBy] = field(default_factory=list)
    statements: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.untrusted


# -- sealing -----------------------------------------------------------------------------------------

def seal_last_entry(store: EvaluationStore, kind: str, subject: str, content_sha256: str) -> None:
    """Seal the change-log entry just written for a signature, lock or unlock; inside its transaction."""
    conn = store.conn
    seq, head = conn.execute("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()
    statement = _canonical({"format": FORMAT, "evaluation_id": store.evaluation_id, "kind": kind,
                            "subject": subject, "content_sha256": content_sha256, "log_seq": seq,
                            "log_head": head, "at": now()})
    signature, certificate = seal_key.sign_statement(statement.encode("utf-8"))
    conn.execute("INSERT INTO file_seal (id, statement, signature, certificate) VALUES (?, ?, ?, ?)",
                 (new_id(), statement, signature, certificate))


def _canonical(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# -- checking ----------------------------------------------------------------------------------------

def check(store: EvaluationStore, trust: Trust) -> FileSealReport:
    """Every way the file's signatures, lock and log differ from what was sealed, in Chinese."""
    from .records import content_sha256, report_content

    report = FileSealReport()
    conn = store.conn
    entries = {change.seq: change for change in changelog.read(conn)}
    sealed: dict[int, dict] = {}
    by_certificate: dict[str, list[Any]] = {}
    for number, (statement_text, signature, certificate) in enumerate(_rows(conn), start=1):
        statement = _statement(statement_text)
        where = f"第 {number} 个签章记录"
        if statement is None:
            report.problems.append(f"{where}格式错误，已被改动")
            continue
        certificate = bytes(certificate)
        if not seal_key.statement_signed_by(certificate, bytes(signature), statement_text.encode("utf-8")):
            report.problems.append(f"{where}（{_LABELS.get(statement['kind'], '')} {statement['at']}）"
                                   "的签章值与证书不符：记录被改动或伪造")
            continue
        fingerprint = seal_key.fingerprint_of(certificate)
        by_certificate.setdefault(fingerprint, [certificate, 0])[1] += 1
        if statement["evaluation_id"] != store.evaluation_id:
            report.problems.append(f"{where}属于另一个评估（{statement['evaluation_id']}），不是本文件的")
            continue
        entry = entries.get(statement["log_seq"])
        action, entity = _ACTIONS[statement["kind"]]
        if entry is None or entry.hash != statement["log_head"]:
            report.problems.append(f"{where}（{_LABELS[statement['kind']]} {statement['at']}）之前的修改记录"
                                   f"与签章时不同：修改记录被改写（第 {statement['log_seq']} 条）")
            continue
        if (entry.action, entry.entity) != (action, entity):
            report.problems.append(f"{where}与第 {entry.seq} 条修改记录不对应，记录被改动")
            continue
        sealed[entry.seq] = statement
    report.statements = len(sealed)

    for seq, entry in entries.items():
        kind = _kind_of(entry)
        if kind is not None and seq not in sealed:
            report.problems.append(f"第 {seq} 条修改记录（{_LABELS[kind]}，{entry.at}）没有签章证明："
                                   "记录是在本程序之外写入的，或由没有此项证明的早期版本写入")

    _check_signatures(store, entries, sealed, report)
    _check_lock(store, entries, sealed, report, content_sha256(report_content(store.load())))

    for fingerprint, (certificate, count) in by_certificate.items():
        reason = trust.reason(fingerprint)
        report.certificates.append(SealedBy(fingerprint, _subject(certificate), count, reason))
        if reason is None:
            report.untrusted.append(trust.problem(fingerprint, f"文件中的签章（签章人 {_subject(certificate)}）")
                                    or fingerprint)
    report.problems = list(dict.fromkeys(report.problems))
    return report


def refuse_unless_as_signed(store: EvaluationStore) -> None:
    """Before sealing a final report: the file must hold what was signed, sealed by trusted certificates."""
    from .trust import trust

    report = check(store, trust())
    if not report.ok:
        raise VerificationFailed("不能为此评估生成签章的正式报告：" + "；".join(report.problems + report.untrusted))


def _rows(conn: sqlite3.Connection) -> list[tuple]:
    try:
        return conn.execute("SELECT statement, signature, certificate FROM file_seal ORDER BY rowid").fetchall()
    except sqlite3.OperationalError:  # a file from before version 6, opened read-only: no statements
        return []


def _statement(text: Any) -> dict | None:
    if not isinstance(text, str) or len(text) > MAX_STATEMENT_CHARS:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("kind") not in _ACTIONS:
        return None
    for key in ("evaluation_id", "subject", "content_sha256", "log_head", "at"):
        if not isinstance(document.get(key), str):
            return None
    if isinstance(document.get("log_seq"), bool) or not isinstance(document.get("log_seq"), int):
        return None
    return document


def _kind_of(entry: changelog.Change) -> str | None:
    for kind, pair in _ACTIONS.items():
        if (entry.action, entry.entity) == pair:
            return kind
    return None


def _check_signatures(store: EvaluationStore, entries: dict, sealed: dict[int, dict],
                      report: FileSealReport) -> None:
    """Every active signature is the one its sealed log entry recorded."""
    by_id = {statement["subject"]: statement for statement in sealed.values() if statement["kind"] == SIGN}
    rows = store.conn.execute(
        "SELECT id, signer, purpose, content_sha256 FROM signature WHERE voided_at IS NULL").fetchall()
    for signature_id, signer, purpose, digest in rows:
        statement = by_id.get(signature_id)
        if statement is None:
            report.problems.append(f"签字 {signer}/{purpose} 没有签章证明：签字记录是在本程序之外写入的")
        elif statement["content_sha256"] != digest:
            report.problems.append(f"签字 {signer}/{purpose} 记录的内容摘要与签章时不同：签字记录被改动")


def _check_lock(store: EvaluationStore, entries: dict, sealed: dict[int, dict], report: FileSealReport,
                current_digest: str) -> None:
    """The lock flag follows the sealed lock and unlock entries, and nothing changed after the lock."""
    last_kind, last_seq = None, 0
    for seq in sorted(entries):
        kind = _kind_of(entries[seq])
        if kind in (LOCK, UNLOCK):
            last_kind, last_seq = kind, seq
    flag = store.locked
    if last_kind != LOCK:
        if flag:
            report.problems.append("文件标记为已锁定，但没有签章的锁定记录：锁定标记是在本程序之外写入的")
        return
    if not flag:
        report.problems.append(f"评估已于 {entries[last_seq].at} 签字锁定，但锁定标记被清除（没有组长解锁记录）")
    later = [seq for seq in entries if seq > last_seq]
    if later:
        report.problems.append(f"锁定之后修改记录又增加了 {len(later)} 条（第 {later[0]} 条起）："
                               "锁定的评估只能由组长解锁后修改")
    statement = sealed.get(last_seq)
    if statement is None:
        return
    signed = statement["content_sha256"]
    if current_digest != signed:
        differences = _what_differs(store, signed)
        detail = "：" + "；".join(differences) if differences else ""
        report.problems.append(f"签字锁定后评估内容被改动，与签字时不同{detail}")


def _what_differs(store: EvaluationStore, signed_digest: str) -> list[str]:
    """The first differences between the signed version and the file now, as "where：签字时 …，现在 …"."""
    from ..exchange.document import evaluation_document
    from .records import content_sha256

    row = store.conn.execute("SELECT document FROM signed_version WHERE sha256 = ? ORDER BY rowid DESC LIMIT 1",
                             (signed_digest,)).fetchone()
    if row is None or content_sha256(row[0]) != signed_digest:
        return ["已签版本缺失或被改动"]
    before = json.loads(row[0])
    after = json.loads(json.dumps(_jsonable(evaluation_document(store.load()))))
    found: list[str] = []
    _diff(before, after, "", found)
    return found


def _jsonable(value: Any) -> Any:
    from ..jsonfile import to_jsonable
    return to_jsonable(value)


def _diff(before: Any, after: Any, path: str, found: list[str]) -> None:
    if len(found) >= MAX_DIFFERENCES or before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(before) + [k for k in after if k not in before]:
            _diff(before.get(key), after.get(key), f"{path}.{key}" if path else key, found)
        return
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            _diff(old, new, f"{path}[{_label(old, index)}]", found)
        return
    found.append(f"{path}：签字时 {_short(before)}，现在 {_short(after)}")


def _label(record: Any, index: int) -> str:
    if isinstance(record, dict):
        if "member" in record and "item" in record:
            return f"{record['member']}/{record['item']}"
        for key in ("id", "code", "item"):
            if isinstance(record.get(key), str):
                return record[key]
    return str(index)


def _short(value: Any) -> str:
    text = "无" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _subject(certificate: bytes) -> str:
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    try:
        cert = x509.load_der_x509_certificate(certificate)
    except ValueError:
        return "（无法读取的证书）"
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


__all__ = ["FileSealReport", "SealedBy", "seal_last_entry", "check", "SIGN", "LOCK", "UNLOCK"]
