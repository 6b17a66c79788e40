"""The installation's seal on real PDF files: sealing, verification, and the tampering it must catch."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from evaluator_app.errors import UserError
from evaluator_app.signing import seal
from evaluator_app.signing.seal import (
    APPENDED,
    CONTENT_CHANGED,
    NO_SEAL,
    NOT_A_PDF,
    certificate_fingerprint,
    import_pkcs12,
    installation_identity,
    seal_pdf,
    verify_pdf,
    verify_pdf_bytes,
)

FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
VISIBLE = b"Result: PASS 92.50"


def make_pdf(path: Path, chinese: bool = True) -> Path:
    """A one-page report, uncompressed so that its text can be found (and tampered with) in the bytes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, pageCompression=0)
    page.setFont("Helvetica", 14)
    page.drawString(72, 720, VISIBLE.decode())
    if chinese:
        if "WQY" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
        page.setFont("WQY", 14)
        page.drawString(72, 696, "评估结论：合格")
    page.showPage()
    page.save()
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def sealed(tmp_path) -> Path:
    source = make_pdf(tmp_path / "报告.pdf")
    target = tmp_path / "报告-签章.pdf"
    seal_pdf(source, target)
    return target


def incremental(data: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def replace_page_content(writer) -> None:
    from pyhanko.pdf_utils import generic

    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 720 Td (Result: FAIL 12.00) Tj ET"))
    writer.update_container(page)


def add_text_annotation(writer) -> None:
    from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject, FloatObject, TextStringObject, pdf_name

    annotation = DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): ArrayObject([FloatObject(72), FloatObject(600), FloatObject(92), FloatObject(620)]),
        pdf_name("/Contents"): TextStringObject("结论应为不合格"), pdf_name("/Open"): generic_true()})
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    annotations = page.get("/Annots", ArrayObject())
    annotations.append(writer.add_object(annotation))
    page["/Annots"] = annotations
    writer.update_container(page)


def generic_true():
    from pyhanko.pdf_utils.generic import BooleanObject

    return BooleanObject(True)


# -- identity -------------------------------------------------------------------------------------------

def test_identity_is_created_once_and_kept_private(config_dir):
    identity = installation_identity()
    assert identity.subject.startswith("evaluator-app 签章 ") and identity.self_signed
    assert identity.not_after - identity.not_before > dt.timedelta(days=3650)
    assert identity.path == config_dir / "keys" / "seal.p12"
    fingerprint = certificate_fingerprint()
    assert fingerprint == identity.fingerprint and len(fingerprint.split(":")) == 32
    assert all(len(group) == 2 and group == group.upper() for group in fingerprint.split(":"))
    assert installation_identity().fingerprint == fingerprint  # not made again
    lines = seal.fingerprint_lines(fingerprint)
    assert len(lines) == 4 and lines[0] == " ".join(fingerprint.split(":")[:8])
    if sys.platform != "win32":
        for name in ("seal.p12", "seal.pass"):
            assert stat.S_IMODE(os.stat(config_dir / "keys" / name).st_mode) == 0o600
    assert not (config_dir / "keys" / "seal.lock").exists()


def test_unusable_key_files_give_a_clear_message(config_dir):
    installation_identity()
    (config_dir / "keys" / "seal.pass").write_text("wrong\n")
    with pytest.raises(UserError, match="无法打开"):
        certificate_fingerprint()


# -- sealing and verifying ----------------------------------------------------------------------------------

def test_seal_and_verify(sealed):
    report = verify_pdf(sealed)
    assert report.ok and report.problems == [] and report.signatures == 1
    assert report.fingerprint == certificate_fingerprint()
    assert report.signer == installation_identity().subject
    assert report.signed_at and dt.datetime.fromisoformat(report.signed_at).tzinfo is not None
    assert verify_pdf(sealed, expected_fingerprint=certificate_fingerprint().lower().replace(":", " ")).ok
    other = verify_pdf(sealed, expected_fingerprint="00:" * 31 + "00")
    assert not other.ok and "指纹" in other.problems[0]


def test_seal_in_place_and_reseal(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", chinese=False)
    seal_pdf(path, path)
    assert verify_pdf(path).ok
    report = seal_pdf(path, tmp_path / "r2.pdf")  # a second seal on a sealed file is fine
    assert report.ok and report.signatures == 2


def test_flipped_byte_in_signed_range_is_caught(sealed):
    data = bytearray(sealed.read_bytes())
    index = data.index(VISIBLE)
    data[index + len("Result: ")] = ord("F")  # PASS → FASS, inside the signed byte range
    report = verify_pdf_bytes(bytes(data))
    assert not report.ok and report.problems == [CONTENT_CHANGED]


@pytest.mark.parametrize("change", [replace_page_content, add_text_annotation])
def test_appended_revision_is_caught(sealed, change):
    data = incremental(sealed.read_bytes(), change)
    report = verify_pdf_bytes(data)
    assert not report.ok and APPENDED in report.problems
    assert report.fingerprint == certificate_fingerprint()  # still says who sealed the original


def test_content_changed_then_sealed_again_is_caught(sealed, tmp_path):
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(incremental(sealed.read_bytes(), replace_page_content))
    report = seal_pdf_unchecked(altered)
    assert not report.ok and any("第 1 个签章之后文件内容被修改" in p for p in report.problems)


def seal_pdf_unchecked(path: Path):
    """Seal with the real signer but skip seal_pdf's own self-check, as an attacker's tool would."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()))
    meta = signers.PdfSignatureMetadata(field_name="Other", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=seal._signer()).sign_pdf(writer, output=out)
    return verify_pdf_bytes(out.getvalue())


def test_trailing_bytes_after_the_seal_are_caught(sealed):
    report = verify_pdf_bytes(sealed.read_bytes() + b"\n")
    assert not report.ok and report.problems == [APPENDED]
    assert not verify_pdf_bytes(sealed.read_bytes() + b"\n%%EOF\n").ok


@pytest.mark.parametrize("data", [
    b"", b"hello world", b"%PDF-1.7\n" + b"\x00" * 100, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n",
    bytes(range(256)) * 20,
])
def test_garbage_is_reported_not_raised(tmp_path, data):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(data)
    report = verify_pdf(path)
    assert not report.ok and report.problems


def test_truncated_and_missing_files(sealed, tmp_path):
    data = sealed.read_bytes()
    for cut in (len(data) // 3, len(data) - 40):
        report = verify_pdf_bytes(data[:cut])
        assert not report.ok and report.problems
    assert verify_pdf_bytes(data[:200]).problems == [NOT_A_PDF]
    assert "找不到文件" in verify_pdf(tmp_path / "none.pdf").problems[0]
    assert not verify_pdf(tmp_path).ok


def test_unsealed_pdf(tmp_path):
    report = verify_pdf(make_pdf(tmp_path / "plain.pdf", chinese=False))
    assert not report.ok and report.problems == [NO_SEAL]


def test_sealing_a_non_pdf_is_refused(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserError, match="不是有效的 PDF"):
        seal_pdf(bad, tmp_path / "y.pdf")
    with pytest.raises(UserError, match="找不到文件"):
        seal_pdf(tmp_path / "missing.pdf", tmp_path / "y.pdf")
    assert not (tmp_path / "y.pdf").exists()


# -- an organisation's certificate ------------------------------------------------------------------------------

def _organisation_p12(passphrase: bytes, expired: bool = False) -> tuple[bytes, x509.Certificate]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某省测试 CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=30))
          .not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    end = now - dt.timedelta(days=1) if expired else now + dt.timedelta(days=365)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某市市场监督管理局")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=10)).not_valid_after(end)
            .sign(ca_key, hashes.SHA256()))
    blob = pkcs12.serialize_key_and_certificates(b"org", key, cert, [ca],
                                                 serialization.BestAvailableEncryption(passphrase))
    return blob, cert


def test_import_organisation_certificate(tmp_path, config_dir):
    own = certificate_fingerprint()
    blob, cert = _organisation_p12(b"s3cret")
    source = tmp_path / "org.p12"
    source.write_bytes(blob)
    with pytest.raises(UserError, match="口令不对"):
        import_pkcs12(source, "wrong")
    identity = import_pkcs12(source, "s3cret")
    assert identity.subject == "某市市场监督管理局" and not identity.self_signed
    assert identity.fingerprint == seal.fingerprint_of(cert.public_bytes(serialization.Encoding.DER)) != own
    assert certificate_fingerprint() == identity.fingerprint
    assert any(p.name.startswith("seal-replaced-") for p in (config_dir / "keys").iterdir())

    out = tmp_path / "org-sealed.pdf"
    report = seal_pdf(make_pdf(tmp_path / "in.pdf", chinese=False), out)
    assert report.ok and verify_pdf(out).fingerprint == identity.fingerprint
    assert verify_pdf(out).signer == "某市市场监督管理局"


def test_import_refuses_expired_and_garbage(tmp_path):
    blob, _ = _organisation_p12(b"pw", expired=True)
    (tmp_path / "old.p12").write_bytes(blob)
    with pytest.raises(UserError, match="过期"):
        import_pkcs12(tmp_path / "old.p12", b"pw")
    (tmp_path / "junk.p12").write_bytes(b"junk")
    with pytest.raises(UserError, match="PKCS#12"):
        import_pkcs12(tmp_path / "junk.p12", "pw")
    with pytest.raises(UserError, match="找不到证书文件"):
        import_pkcs12(tmp_path / "none.p12", "pw")


def test_a_report_sealed_before_the_key_was_replaced_still_verifies_on_this_installation(tmp_path, config_dir):
    before = seal_pdf(make_pdf(tmp_path / "in.pdf", chinese=False), tmp_path / "before.pdf")
    blob, _ = _organisation_p12(b"s3cret")
    (tmp_path / "org.p12").write_bytes(blob)
    import_pkcs12(tmp_path / "org.p12", "s3cret")
    report = verify_pdf(tmp_path / "before.pdf")
    assert report.ok and report.fingerprint == before.fingerprint
    assert report.seals[0].trusted_as == "本机原证书"
