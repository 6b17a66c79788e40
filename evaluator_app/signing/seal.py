"""The installation's electronic seal (签章) on the final PDF, and its verification.

A PAdES signature made with pyHanko. On first use each installation makes its own key pair and a
self-signed certificate (kept as PKCS#12 in `config_dir()/keys/seal.p12`); an organisation may
import its own certificate instead. A self-signed seal proves integrity, not identity: the
provincial office confirms the certificate's fingerprint with the panel by telephone.

Verification demands that the last signature covers the whole file. pyHanko reports a signature
as intact and valid even when a later incremental revision changes what the page shows; only
the coverage and the difference analysis reveal that, so both are checked here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
import secrets
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..errors import UserError
from ..fileio import atomic_write_bytes, describe_os_error, fsync_dir, read_bytes_limited
from ..paths import earlier_data_dirs, keys_dir

SEAL_FILE = "seal.p12"
PASS_FILE = "seal.pass"
LOCK_FILE = "seal.lock"
FIELD_NAME = "EvaluatorSeal"
VALIDITY_DAYS = 3653  # ten years
MAX_PDF_BYTES = 256 * 1024 * 1024
DEFAULT_REASON = "现场考核评估报告签章"

# pyHanko logs a traceback when its difference analysis meets a modified file; that is our verdict,
# not an error to print. A NullHandler keeps Python's last-resort handler from writing it to stderr,
# while an application that configures logging still receives it.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

NOT_A_PDF = "文件不是有效的 PDF"
NO_SEAL = "没有签章"
CONTENT_CHANGED = "文件内容被改动，签章失效"
APPENDED = "签章之后文件被追加修改"


@dataclass(frozen=True)
class SealIdentity:
    """The certificate the installation seals with (the private key stays in the PKCS#12 file)."""

    path: Path
    subject: str
    fingerprint: str
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool
    certificate_der: bytes


@dataclass(frozen=True)
class SealSigner:
    """One seal found in a PDF: who made it, with which certificate, and why that certificate is trusted."""

    signer: str
    fingerprint: str
    signed_at: str | None
    trusted_as: str | None  # "本机证书", "已登记", "指定指纹", or None when not trusted


@dataclass(frozen=True)
class SealReport:
    ok: bool
    signer: str = ""  # of the last seal
    signed_at: str | None = None  # the signer's own clock (no time-stamp authority offline)
    fingerprint: str = ""
    problems: list[str] = field(default_factory=list)
    signatures: int = 0
    seals: tuple[SealSigner, ...] = ()


# -- the installation's identity -----------------------------------------------------------------

def seal_path() -> Path:
    return keys_dir() / SEAL_FILE


def fingerprint_of(der: bytes) -> str:
    """SHA-256 of a DER certificate, as "AB:CD:…" (32 groups)."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def installation_identity() -> SealIdentity:
    """The seal certificate of this installation, created on first use."""
    _ensure_identity()
    _, cert, _ = _load_key_material()
    return _identity(cert)


def existing_identity() -> SealIdentity | None:
    """The installation's certificate if it already has one; a check never makes a key."""
    if not seal_path().exists():
        return None
    try:
        _, cert, _ = _load_key_material()
    except UserError:
        return None
    return _identity(cert)


_retired: dict[tuple[str, int], str | None] = {}


def retired_fingerprints() -> list[str]:
    """Certificates this installation sealed with before its key was replaced (`seal-replaced-*`); each
    file is opened once per process (a check of many packages asks every time)."""
    found = []
    for p12 in sorted(keys_dir().glob("seal-replaced-*.p12")):
        try:
            key = (str(p12), p12.stat().st_mtime_ns)
        except OSError:
            continue
        if key not in _retired:
            _retired[key] = _certificate_fingerprint(p12)
        fingerprint = _retired[key]
        if fingerprint:
            found.append(fingerprint)
    return found


def _certificate_fingerprint(p12: Path) -> str | None:
    try:
        _, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), p12.with_suffix(".pass").read_bytes().strip())
    except Exception:  # unreadable or damaged: simply not trusted
        return None
    return fingerprint_of(cert.public_bytes(serialization.Encoding.DER)) if cert is not None else None


def certificate_fingerprint() -> str:
    return installation_identity().fingerprint


def fingerprint_lines(fingerprint: str, groups_per_line: int = 8) -> list[str]:
    """The fingerprint in short lines (4 × 8 groups), for reading aloud on the telephone."""
    groups = fingerprint.split(":")
    return [" ".join(groups[i:i + groups_per_line]) for i in range(0, len(groups), groups_per_line)]


def import_pkcs12(path: str | os.PathLike[str], passphrase: str | bytes | None) -> SealIdentity:
    """Seal with an organisation's certificate from now on; the previous seal files are kept, renamed."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到证书文件：{source}") from None
    except OSError as err:
        raise UserError(f"无法读取证书文件 {source}：{err.strerror or err}") from None
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, secret or None)
    except Exception:  # wrong passphrase, not PKCS#12, unsupported algorithm: all the same to the user
        raise UserError(f"无法读取证书文件 {source}：口令不对，或文件不是 PKCS#12（.p12 / .pfx）证书，"
                        "或使用了本程序不支持的算法（例如国密 SM2）") from None
    if key is None or cert is None:
        raise UserError(f"证书文件 {source} 中缺少私钥或证书，不能用于签章")
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise UserError(f"证书文件 {source} 的密钥类型不受支持（仅支持 RSA 与椭圆曲线密钥）")
    if _public_der(key.public_key()) != _public_der(cert.public_key()):
        raise UserError(f"证书文件 {source} 中的私钥与证书不匹配")
    now = dt.datetime.now(dt.UTC)
    if cert.not_valid_after_utc < now:
        raise UserError(f"证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期，不能用于签章")
    if cert.not_valid_before_utc > now:
        raise UserError(f"证书自 {cert.not_valid_before_utc:%Y-%m-%d} 起才生效，请检查本机日期")
    try:
        usage = cert.extensions.get_extension_for_class(cx509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            raise UserError("该证书的密钥用途不包括数字签名，不能用于签章")
    except cx509.ExtensionNotFound:
        pass
    with _creation_lock():
        if not seal_path().exists():
            _adopt_earlier_keys()  # kept as seal-replaced-…, like any seal this one replaces
        retired = _retire_current()
        try:
            _store_key_material(key, cert, list(others or []))
        except BaseException:
            for kept, original in retired:  # put the previous seal back rather than leave none
                with contextlib.suppress(OSError):
                    os.replace(kept, original)
            raise
    return _identity(cert)


def _public_der(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _identity(cert: cx509.Certificate) -> SealIdentity:
    der = cert.public_bytes(serialization.Encoding.DER)
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    subject = str(names[0].value) if names else cert.subject.rfc4514_string()
    return SealIdentity(seal_path(), subject, fingerprint_of(der), cert.not_valid_before_utc,
                        cert.not_valid_after_utc, cert.issuer == cert.subject, der)


def _ensure_identity() -> None:
    """The seal files in keys_dir(): those an earlier version kept in the data folder, moved once, or new ones."""
    if seal_path().exists():
        return
    with _creation_lock():
        if seal_path().exists():  # made or moved by another process meanwhile
            return
        if not _adopt_earlier_keys():
            _new_identity()


def _adopt_earlier_keys() -> bool:
    """Move the seal files of an earlier version (`<data folder>/keys`) into keys_dir(), so the certificate
    and its fingerprint stay the same; False if there are none. The new copies are complete before the
    old ones are removed (the PKCS#12 last: its presence means the pair is whole)."""
    for folder in earlier_data_dirs():
        earlier = folder / "keys"
        if not ((earlier / SEAL_FILE).is_file() and (earlier / PASS_FILE).is_file()):
            continue
        retired = sorted(p.name for p in earlier.glob("seal-replaced-*") if p.is_file())
        names = [PASS_FILE, *retired, SEAL_FILE]
        for name in names:
            try:
                data = (earlier / name).read_bytes()
            except OSError as err:
                raise UserError(f"无法读取原有签章密钥 {earlier / name}：{err.strerror or err}") from None
            _write_private(keys_dir() / name, data)
        for name in reversed(names):
            with contextlib.suppress(OSError):
                (earlier / name).unlink()
        with contextlib.suppress(OSError):
            earlier.rmdir()  # only when nothing else is left in it
        return True
    return False


def _new_identity() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    host = socket.gethostname() or "localhost"
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, f"evaluator-app 签章 {host}"[:64]),
                       cx509.NameAttribute(NameOID.ORGANIZATION_NAME, "evaluator-app")])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        cx509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(public)
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(cx509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(cx509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                      data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                      crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(cx509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    _store_key_material(key, cert, [])


def _store_key_material(key, cert: cx509.Certificate, others: list[cx509.Certificate]) -> None:
    """The passphrase first, then the PKCS#12: a present `seal.p12` means both are complete."""
    passphrase = secrets.token_urlsafe(32)
    blob = pkcs12.serialize_key_and_certificates(
        b"evaluator-seal", key, cert, others or None,
        serialization.BestAvailableEncryption(passphrase.encode("ascii")))
    folder = keys_dir()
    _write_private(folder / PASS_FILE, passphrase.encode("ascii") + b"\n")
    _write_private(folder / SEAL_FILE, blob)


def _write_private(target: Path, data: bytes) -> None:
    """Atomically, readable by the owner only (mode 0600; on Windows the profile's permissions apply)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(target.parent, 0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        fsync_dir(target.parent)
    except OSError as err:
        raise UserError(f"无法保存签章密钥：{describe_os_error(err, target)}") from None


def _retire_current() -> list[tuple[Path, Path]]:
    """Keep the previous seal files under a dated name (older PDFs carry their own certificate)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    moved: list[tuple[Path, Path]] = []
    for name in (SEAL_FILE, PASS_FILE):
        current = keys_dir() / name
        if current.exists():
            stem, dot, ext = name.partition(".")
            kept = current.with_name(f"{stem}-replaced-{stamp}{dot}{ext}")
            try:
                os.replace(current, kept)
            except OSError as err:
                for done, original in moved:
                    with contextlib.suppress(OSError):
                        os.replace(done, original)
                raise UserError(f"无法替换原有签章密钥：{describe_os_error(err, current)}") from None
            moved.append((kept, current))
    return moved


@contextlib.contextmanager
def _creation_lock(wait: float = 15.0, stale: float = 120.0) -> Iterator[None]:
    """Only one process makes or replaces the key files at a time."""
    folder = keys_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"无法创建签章密钥文件夹：{describe_os_error(err, folder)}") from None
    lock = folder / LOCK_FILE
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > stale:
                    lock.unlink()
                    continue
            except OSError:
                continue
            if time.monotonic() > deadline:
                raise UserError(f"签章密钥正被另一个程序窗口创建或替换；请稍后重试"
                                f"（如持续出现，可删除 {lock}）") from None
            time.sleep(0.1)
        except OSError as err:
            raise UserError(f"无法创建签章密钥：{describe_os_error(err, lock)}") from None
    try:
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


_loaded: dict[tuple, tuple] = {}


def _load_key_material():
    """The key, certificate and chain; kept for the process while the files are unchanged."""
    folder = keys_dir()
    try:
        stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in (folder / SEAL_FILE, folder / PASS_FILE))
    except OSError:
        stamp = ()
    key = (str(folder), stamp)
    if stamp and key in _loaded:
        return _loaded[key]
    material = _read_key_material(folder)
    if stamp:
        _loaded.clear()
        _loaded[key] = material
    return material


def _read_key_material(folder: Path):
    try:
        blob = (folder / SEAL_FILE).read_bytes()
        secret = (folder / PASS_FILE).read_bytes().strip()
    except FileNotFoundError as err:
        raise UserError(f"找不到签章密钥文件 {err.filename}；如已丢失，请删除 {folder / SEAL_FILE} 后重新生成，"
                        "并把新的证书指纹告知省级联席办公室") from None
    except OSError as err:
        raise UserError(f"无法读取签章密钥：{err.strerror or err}") from None
    try:
        key, cert, others = pkcs12.load_key_and_certificates(blob, secret)
    except Exception:
        raise UserError(f"签章密钥文件 {folder / SEAL_FILE} 无法打开（口令文件不匹配或文件已损坏）") from None
    if key is None or cert is None:
        raise UserError(f"签章密钥文件 {folder / SEAL_FILE} 中缺少私钥或证书")
    return key, cert, list(others or [])


def _signer():
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _ensure_identity()
    key, cert, others = _load_key_material()
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    registry = SimpleCertificateStore()
    registry.register_multiple([asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                                for c in others])
    return signers.SimpleSigner(signing_cert=signing_cert, signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
                                cert_registry=registry)


# -- statements (the evaluation file's own seals) -------------------------------------------------------

def sign_statement(data: bytes) -> tuple[bytes, bytes]:
    """Sign `data` with the installation's seal key; returns the signature and the certificate (DER)."""
    _ensure_identity()
    key, cert, _ = _load_key_material()
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    else:
        signature = key.sign(data, ec.ECDSA(hashes.SHA256()))
    return signature, cert.public_bytes(serialization.Encoding.DER)


def statement_signed_by(certificate_der: bytes, signature: bytes, data: bytes) -> bool:
    """Whether `signature` over `data` was made with the key of this certificate; never raises."""
    try:
        public = cx509.load_der_x509_certificate(certificate_der).public_key()
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
        return True
    except Exception:  # invalid signature, a broken certificate: all the same, not signed by it
        return False


# -- sealing ---------------------------------------------------------------------------------------

def seal_pdf(in_path: str | os.PathLike[str], out_path: str | os.PathLike[str],
             reason: str = DEFAULT_REASON, location: str = "",
             attachments: Mapping[str, bytes] | None = None) -> SealReport:
    """Sign the PDF with the installation's seal (PAdES, SHA-256) as an incremental update.

    `attachments` are embedded as files in the same revision, so the seal covers them. The result
    is written atomically to `out_path` (which may be `in_path`) and checked with `verify_pdf`;
    returns that report.
    """
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    source = Path(in_path)
    data = _read_pdf_bytes(source)
    signer = _signer()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        if writer.prev.encrypted:
            raise UserError(f"{source} 已加密，不能加盖签章；请使用未加密的 PDF")
        taken = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev, filled_status=None)}
        for file_name, content in (attachments or {}).items():
            data_object = embed.EmbeddedFileObject.from_file_data(writer, content, mime_type="application/json")
            embed.embed_file(writer, embed.FileSpec(file_name, file_name=file_name, embedded_data=data_object))
    except UserError:
        raise
    except Exception:
        raise UserError(f"{source}：{NOT_A_PDF}，无法加盖签章") from None
    name = FIELD_NAME
    counter = 1
    while name in taken:
        counter += 1
        name = f"{FIELD_NAME}{counter}"
    meta = signers.PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None)
    output = io.BytesIO()
    try:
        signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=output)
    except Exception as err:
        raise UserError(f"为 {source} 加盖签章失败：{type(err).__name__}: {err}") from None
    sealed = output.getvalue()
    report = verify_pdf_bytes(sealed)
    if not report.ok:
        raise UserError(f"为 {source} 加盖签章后自检未通过：{'；'.join(report.problems)}")
    atomic_write_bytes(out_path, sealed)
    return report


def _read_pdf_bytes(source: Path) -> bytes:
    return read_bytes_limited(source, MAX_PDF_BYTES)


# -- verification ------------------------------------------------------------------------------------

Pinned = str | Iterable[str] | None


def verify_pdf(path: str | os.PathLike[str], expected_fingerprint: Pinned = None) -> SealReport:
    """Check a sealed PDF; never raises for a bad or hostile file, it reports `ok=False` instead.

    Every seal must be intact, and made with a trusted certificate: the one(s) given as
    `expected_fingerprint`, or else this installation's own or a registered one (`trust.py`).
    """
    try:
        data = _read_pdf_bytes(Path(path))
    except UserError as err:
        return SealReport(False, problems=[str(err)])
    return verify_pdf_bytes(data, expected_fingerprint)


def verify_pdf_bytes(data: bytes, expected_fingerprint: Pinned = None) -> SealReport:
    from .trust import trust
    pins = [expected_fingerprint] if isinstance(expected_fingerprint, str) else list(expected_fingerprint or [])
    accepted = trust(pin for pin in pins if pin)  # a broken register or a mistyped fingerprint: UserError
    try:
        return _verify(data, accepted)
    except Exception as err:  # pyHanko and cryptography raise many kinds on hostile input
        return SealReport(False, problems=[f"签章无法校验（{type(err).__name__}），文件可能已损坏"])


MAX_EMBEDDED_FILES = 16
MAX_EMBEDDED_BYTES = 1024 * 1024


def embedded_files(data: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF (name → bytes), bounded in number and size; {} when there are none
    or the PDF cannot be read. Only meaningful for a PDF whose seal covers the whole file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    try:
        reader = PdfFileReader(io.BytesIO(data))
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        found: dict[str, bytes] = {}
        for index in range(0, min(len(names), 2 * MAX_EMBEDDED_FILES), 2):
            spec = names[index + 1]
            stream = spec["/EF"]["/F"]
            length = stream.get("/Length", 0)
            if not isinstance(length, int) or length > MAX_EMBEDDED_BYTES:
                continue
            content = stream.data
            if len(content) <= MAX_EMBEDDED_BYTES:
                found[str(names[index])] = content
        return found
    except Exception:  # no embedded files, or a structure we do not accept
        return {}


def _verify(data: bytes, accepted) -> SealReport:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if b"%PDF-" not in data[:1024]:
        return SealReport(False, problems=[NOT_A_PDF])
    try:
        reader = PdfFileReader(io.BytesIO(data))
        embedded = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
    except Exception:
        return SealReport(False, problems=[NOT_A_PDF])
    if not embedded:
        return SealReport(False, problems=[NO_SEAL])

    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    problems: list[str] = []
    found: list[SealSigner] = []
    last = None
    for number, sig in enumerate(embedded, start=1):
        is_last = number == len(embedded)
        which = "签章" if len(embedded) == 1 else f"第 {number} 个签章"
        try:
            cert = sig.signer_cert
            context = ValidationContext(trust_roots=[cert], allow_fetching=False)
            status = validate_pdf_signature(sig, signer_validation_context=context, key_usage_settings=usage)
        except Exception as err:
            problems.append(f"{which}无法校验（{type(err).__name__}），文件可能已损坏")
            continue
        seal = _seal_signer(status, accepted)
        found.append(seal)
        if not status.intact:
            problems.append(CONTENT_CHANGED if len(embedded) == 1 else f"{which}：{CONTENT_CHANGED}")
        elif not status.valid:
            problems.append(f"{which}的签名值与证书不符，签章无效")
        elif seal.trusted_as is None:
            problems.append(accepted.problem(seal.fingerprint, f"{which}（签章人 {seal.signer}）"))
        if is_last:
            last = (sig, status)
            if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
                problems.append(APPENDED)
        elif status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
            problems.append(f"{which}的覆盖范围不完整，签章无效")
        elif status.modification_level is not None and status.modification_level > ModificationLevel.FORM_FILLING:
            problems.append(f"{which}之后文件内容被修改（不只是追加签章）")
        if not is_last and status.docmdp_ok is False:
            problems.append(f"{which}之后的修改违反了文件的修改限制")
    if last is None:
        return SealReport(False, problems=problems or [NOT_A_PDF], signatures=len(embedded))
    final = found[-1]
    return SealReport(not problems, final.signer, final.signed_at, final.fingerprint,
                      list(dict.fromkeys(problems)), len(embedded), tuple(found))


def _seal_signer(status, accepted) -> SealSigner:
    cert = status.signing_cert
    fingerprint = fingerprint_of(cert.dump())
    signer = cert.subject.native.get("common_name") or cert.subject.human_friendly
    if isinstance(signer, list):
        signer = signer[0]
    when = status.signer_reported_dt
    signed_at = when.astimezone().isoformat(timespec="seconds") if when else None
    return SealSigner(str(signer), fingerprint, signed_at, accepted.reason(fingerprint))


__all__ = ["SealIdentity", "SealReport", "SealSigner", "existing_identity", "sign_statement", "statement_signed_by",
           "embedded_files", "installation_identity", "certificate_fingerprint", "import_pkcs12",
           "seal_pdf", "verify_pdf", "verify_pdf_bytes", "fingerprint_of", "fingerprint_lines"]
