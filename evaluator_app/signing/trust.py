"""Which seal certificates this installation trusts: its own, the ones registered beforehand
(`evaluator-app trust add`), or the ones named for one check (`--fingerprint`).

A seal proves something only when its certificate is tied to a known one: a self-made key seals
as well as ours, so a seal that is intact but made with an unregistered certificate fails the
check, naming its fingerprint for a telephone confirmation.

The register is `config_dir()/trusted-certificates.json`:
`{"format": "evaluator-trust/1", "certificates": [{"fingerprint", "subject", "added_at", "source"}]}`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..fileio import atomic_write_bytes, describe_os_error, read_bytes_limited
from ..paths import config_dir

TRUST_FILE = "trusted-certificates.json"
TRUST_FORMAT = "evaluator-trust/1"
MAX_TRUST_BYTES = 1024 * 1024
MAX_CERT_BYTES = 64 * 1024

UNTRUSTED = "签章完好，但签章证书未登记"
NOT_PINNED = "签章证书指纹与预期不符"

_HEX = re.compile(r"[0-9A-F]{64}")


@dataclass(frozen=True)
class TrustedCertificate:
    fingerprint: str  # "AB:CD:…", 32 groups
    subject: str
    added_at: str
    source: str


@dataclass(frozen=True)
class Trust:
    """The certificates one check accepts. With `pinned`, only those; otherwise our own and the register."""

    known: dict[str, str] = field(default_factory=dict)  # normalised fingerprint → why it is trusted
    pinned: frozenset[str] = frozenset()

    def reason(self, fingerprint: str) -> str | None:
        """Why the certificate is trusted ("本机证书", "本机原证书", "已登记", "指定指纹"), or None."""
        key = normalise(fingerprint)
        if self.pinned:
            return "指定指纹" if key in self.pinned else None
        return self.known.get(key)

    def problem(self, fingerprint: str, who: str = "签章") -> str | None:
        """The Chinese verdict for an intact seal made with this certificate, or None when trusted."""
        if self.reason(fingerprint) is not None:
            return None
        if self.pinned:
            return f"{who}：{NOT_PINNED}（实际为 {fingerprint}）"
        return f"{who}：{UNTRUSTED}（证书指纹 {fingerprint}）；请电话核对指纹后用 evaluator-app trust add 登记"


def normalise(fingerprint: str) -> str:
    return "".join(ch for ch in fingerprint.upper() if ch in "0123456789ABCDEF")


def formatted(fingerprint: str) -> str:
    key = normalise(fingerprint)
    return ":".join(key[i:i + 2] for i in range(0, len(key), 2))


def parse_fingerprint(text: str) -> str:
    """A fingerprint typed or pasted by a person: 64 hexadecimal digits, with or without ':' or spaces."""
    cleaned = re.sub(r"[\s:\-]", "", text or "").upper()
    if not _HEX.fullmatch(cleaned):
        raise UserError(f"证书指纹 “{(text or '')[:80]}” 格式不对：应为 64 位十六进制数字（SHA-256，"
                        "可用冒号分组，如 6E:15:BA:…）")
    return formatted(cleaned)


def trust_path() -> Path:
    return config_dir() / TRUST_FILE


def own_fingerprint() -> str | None:
    """This installation's seal certificate, if it has one; never makes a key (a check only reads)."""
    from .seal import existing_identity
    identity = existing_identity()
    return identity.fingerprint if identity else None


def registered() -> list[TrustedCertificate]:
    path = trust_path()
    if not path.exists():
        return []
    try:
        data = read_bytes_limited(path, MAX_TRUST_BYTES)
        document = json.loads(data.decode("utf-8"))
    except UserError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise UserError(f"已登记证书列表 {path} 无法读取（文件已损坏）；可删除后重新登记") from None
    if not isinstance(document, dict) or document.get("format") != TRUST_FORMAT \
            or not isinstance(document.get("certificates"), list):
        raise UserError(f"已登记证书列表 {path} 格式错误；可删除后重新登记")
    found: list[TrustedCertificate] = []
    for entry in document["certificates"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) \
                or not _HEX.fullmatch(normalise(entry["fingerprint"])):
            raise UserError(f"已登记证书列表 {path} 中有一项格式错误；可删除后重新登记")
        found.append(TrustedCertificate(formatted(entry["fingerprint"]), str(entry.get("subject", "")),
                                        str(entry.get("added_at", "")), str(entry.get("source", ""))))
    return found


def trust(pinned: Iterable[str] = ()) -> Trust:
    """What a check accepts: the fingerprints given for it, or else our own certificate and the register."""
    pins = frozenset(normalise(parse_fingerprint(text)) for text in pinned)
    if pins:
        return Trust({}, pins)
    from .seal import retired_fingerprints
    known = {normalise(c.fingerprint): "已登记" for c in registered()}
    known.update({normalise(fingerprint): "本机原证书" for fingerprint in retired_fingerprints()})
    own = own_fingerprint()
    if own:
        known[normalise(own)] = "本机证书"
    return Trust(known)


def add(source: str) -> TrustedCertificate:
    """Register a certificate (a PEM or DER file) or a bare fingerprint; registering twice changes nothing."""
    path = Path(source)
    if path.is_file():
        fingerprint, subject = _certificate_file(path)
        origin = str(path)
    else:
        fingerprint, subject, origin = parse_fingerprint(source), "", "指纹"
    current = registered()
    for entry in current:
        if normalise(entry.fingerprint) == normalise(fingerprint):
            return entry
    entry = TrustedCertificate(fingerprint, subject, dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                               origin)
    _save(current + [entry])
    return entry


def remove(fingerprint: str) -> bool:
    key = normalise(parse_fingerprint(fingerprint))
    current = registered()
    kept = [entry for entry in current if normalise(entry.fingerprint) != key]
    if len(kept) == len(current):
        return False
    _save(kept)
    return True


def _save(entries: list[TrustedCertificate]) -> None:
    document = {"format": TRUST_FORMAT, "certificates": [
        {"fingerprint": e.fingerprint, "subject": e.subject, "added_at": e.added_at, "source": e.source}
        for e in entries]}
    path = trust_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except OSError as err:
        raise UserError(f"无法保存已登记证书列表：{describe_os_error(err, path)}") from None


def _certificate_file(path: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    from .seal import fingerprint_of

    data = read_bytes_limited(path, MAX_CERT_BYTES)
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise UserError(f"{path} 不是证书文件（应为 PEM 或 DER 格式的 X.509 证书，"
                        "例如 evaluator-app cert export 导出的 .pem）") from None
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    subject = str(names[0].value) if names else cert.subject.rfc4514_string()
    return fingerprint_of(cert.public_bytes(serialization.Encoding.DER)), subject


def export_certificate(out: str | os.PathLike[str]) -> Path:
    """This installation's seal certificate as PEM, for the provincial office to register."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from .seal import installation_identity

    identity = installation_identity()
    pem = x509.load_der_x509_certificate(identity.certificate_der).public_bytes(serialization.Encoding.PEM)
    target = Path(out)
    try:
        atomic_write_bytes(target, pem)
    except OSError as err:
        raise UserError(f"无法写入证书文件：{describe_os_error(err, target)}") from None
    return target


__all__ = ["Trust", "TrustedCertificate", "trust", "add", "remove", "registered", "own_fingerprint",
           "export_certificate", "parse_fingerprint", "normalise", "formatted", "UNTRUSTED", "NOT_PINNED"]
