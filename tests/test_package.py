"""The submission package: manifest, verification, and the damage and tricks it must catch."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evaluator_app.errors import UserError
from evaluator_app.signing.package import MANIFEST, SEALED_MANIFEST, build_package, sealed_manifest, verify_package
from evaluator_app.signing.seal import certificate_fingerprint, embedded_files, seal_pdf
from tests.test_seal import make_pdf

REPORT = "评估报告.pdf"
EXCHANGE = "评估数据.json"
PHOTO = "附件/现场照片.txt"


EXCHANGE_BYTES = b'{"format": "evaluator-evaluation/1"}'
PHOTO_BYTES = "现场照片说明".encode()


@pytest.fixture(scope="module")
def module_config(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("seal-config")


@pytest.fixture(autouse=True)
def config_dir(module_config, monkeypatch) -> Path:
    """The installation that sealed the module's report: its own certificate is trusted."""
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(module_config))
    return module_config


@pytest.fixture(scope="module")
def sealed_once(tmp_path_factory, module_config) -> tuple[bytes, str]:
    """Sealing costs a few tenths of a second: seal once; the report carries the package's other members."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(module_config))
        folder = tmp_path_factory.mktemp("pdf")
        seal_pdf(make_pdf(folder / "plain.pdf", chinese=False), folder / "sealed.pdf",
                 attachments=sealed_manifest({EXCHANGE: EXCHANGE_BYTES, PHOTO: PHOTO_BYTES}, "ev-1"))
        return (folder / "sealed.pdf").read_bytes(), certificate_fingerprint()


@pytest.fixture
def sealed_pdf(tmp_path, sealed_once) -> Path:
    target = tmp_path / "sealed.pdf"
    target.write_bytes(sealed_once[0])
    return target


@pytest.fixture
def fingerprint(sealed_once) -> str:
    return sealed_once[1]


@pytest.fixture
def package(tmp_path, sealed_pdf) -> Path:
    out = tmp_path / "提交包.zip"
    report = build_package(out, {REPORT: sealed_pdf, EXCHANGE: EXCHANGE_BYTES, PHOTO: PHOTO_BYTES},
                           evaluation_id="ev-1")
    assert report.ok, report.problems
    return out


def rewrite(source: Path, target: Path, change=None, drop: set[str] = frozenset(), add: dict[str, bytes] | None = None):
    """Copy a zip entry by entry, changing, dropping or adding members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            data = old.read(info)
            if change is not None:
                data = change(info.filename, data)
            new.writestr(info.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def test_build_and_verify(package, sealed_pdf, fingerprint):
    report = verify_package(package)
    assert report.ok and report.problems == []
    assert report.files == [REPORT, EXCHANGE, PHOTO]
    assert report.evaluation_id == "ev-1" and report.created_at
    assert report.certificate_fingerprint == fingerprint
    assert report.seals[REPORT].ok and report.seals[REPORT].fingerprint == fingerprint
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        assert manifest["format"] == "evaluator-package/1"
        assert [f["name"] for f in manifest["files"]] == [REPORT, EXCHANGE, PHOTO]
        assert manifest["files"][0]["size"] == sealed_pdf.stat().st_size
        assert archive.read(REPORT) == sealed_pdf.read_bytes()
    sealed = json.loads(embedded_files(sealed_pdf.read_bytes())[SEALED_MANIFEST])
    assert sealed["evaluation_id"] == "ev-1" and [f["name"] for f in sealed["files"]] == [EXCHANGE, PHOTO]
    assert not [p for p in package.parent.iterdir() if p.name.endswith(".evaluator-tmp")]


def test_altered_member_is_named(package, tmp_path):
    altered = rewrite(package, tmp_path / "altered.zip",
                      change=lambda name, data: data.replace("说明".encode(), "伪造".encode())
                      if name == PHOTO else data)
    report = verify_package(altered)
    assert not report.ok and PHOTO in report.problems[0] and "SHA-256" in report.problems[0]
    assert f"{PHOTO} 与签章报告中记录的 SHA-256 不符：文件在签章后被改动" in report.problems


def rewritten_manifest(package: Path, name: str, data: bytes | None):
    """A change to `name` (None: removed) with manifest.json rewritten to match, as a forger would."""
    import hashlib

    def change(member, old):
        if member == name and data is not None:
            return data
        if member == MANIFEST:
            doc = json.loads(old)
            doc["files"] = [f for f in doc["files"] if f["name"] != name or data is not None]
            for entry in doc["files"]:
                if entry["name"] == name:
                    entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
            return json.dumps(doc, ensure_ascii=False).encode()
        return old
    return change


def test_altered_member_with_a_rewritten_manifest_is_caught_by_the_sealed_report(package, tmp_path):
    forged = rewrite(package, tmp_path / "forged.zip",
                     change=rewritten_manifest(package, EXCHANGE, b'{"format": "evaluator-evaluation/1", "x": 1}'))
    report = verify_package(forged)
    assert not report.ok
    assert report.problems == [f"{EXCHANGE} 与签章报告中记录的 SHA-256 不符：文件在签章后被改动"]


def test_package_without_its_sealed_report_fails(package, tmp_path):
    bare = rewrite(package, tmp_path / "bare.zip", drop={REPORT}, change=rewritten_manifest(package, REPORT, None))
    report = verify_package(bare)
    assert not report.ok and len(report.problems) == 1 and "没有签章的评估报告" in report.problems[0]


def test_wrong_fingerprint_fails_and_the_right_one_passes(package, fingerprint):
    other = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    report = verify_package(package, other)
    assert not report.ok and any("签章证书指纹与预期不符" in p for p in report.problems)
    assert verify_package(package, fingerprint).ok
    with pytest.raises(UserError, match="格式不对"):
        verify_package(package, "12:34")


def test_a_report_sealed_by_an_unregistered_certificate_fails_until_registered(package, tmp_path, monkeypatch,
                                                                             fingerprint):
    from evaluator_app.signing import trust
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path / "office"))
    report = verify_package(package)
    assert not report.ok and any("签章完好，但签章证书未登记" in p and fingerprint in p for p in report.problems)
    trust.add(fingerprint)
    assert verify_package(package).ok


def test_altered_member_with_other_size_is_named(package, tmp_path):
    altered = rewrite(package, tmp_path / "altered.zip",
                      change=lambda name, data: data + b" " if name == EXCHANGE else data)
    report = verify_package(altered)
    assert not report.ok and EXCHANGE in report.problems[0] and "大小" in report.problems[0]


def test_altered_pdf_with_matching_manifest_still_fails_its_seal(package, tmp_path):
    """Someone who also rewrites the manifest is caught by the seal."""
    def change(name, data):
        if name == REPORT:
            return data.replace(b"PASS", b"FAIL")
        if name == MANIFEST:
            doc = json.loads(data)
            import hashlib
            with zipfile.ZipFile(package) as archive:
                pdf = archive.read(REPORT).replace(b"PASS", b"FAIL")
            doc["files"][0]["sha256"] = hashlib.sha256(pdf).hexdigest()
            return json.dumps(doc).encode()
        return data

    report = verify_package(rewrite(package, tmp_path / "forged.zip", change=change))
    assert not report.ok and any(REPORT in p and "签章失效" in p for p in report.problems)


def test_seal_by_another_certificate_than_the_manifest_names(package, tmp_path, fingerprint):
    other = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]

    def change(name, data):
        if name == MANIFEST:
            doc = json.loads(data)
            doc["certificate_fingerprint"] = other
            return json.dumps(doc).encode()
        return data

    report = verify_package(rewrite(package, tmp_path / "other-seal.zip", change=change))
    assert not report.ok
    assert report.problems == [f"清单记录的证书指纹与 {REPORT} 的签章不符"]


def test_extra_file_is_refused(package, tmp_path):
    report = verify_package(rewrite(package, tmp_path / "extra.zip", add={"readme.txt": b"hi"}))
    assert not report.ok and report.problems == ["提交包中有清单未列出的文件：readme.txt",
                                                 "提交包中有签章报告未列出的文件：readme.txt"]


def test_missing_member_is_named(package, tmp_path):
    report = verify_package(rewrite(package, tmp_path / "missing.zip", drop={EXCHANGE}))
    assert not report.ok and EXCHANGE in report.problems[0] and "缺失" in report.problems[0]


def test_missing_manifest(package, tmp_path):
    report = verify_package(rewrite(package, tmp_path / "bare.zip", drop={MANIFEST}))
    assert not report.ok and "manifest.json" in report.problems[0]


@pytest.mark.parametrize("manifest", [
    b"not json", b"[]", json.dumps({"format": "other/1", "files": []}).encode(),
    json.dumps({"format": "evaluator-package/2", "files": []}).encode(),
    json.dumps({"format": "evaluator-package/1"}).encode(),
    json.dumps({"format": "evaluator-package/1", "files": [{"name": "a", "sha256": "x", "size": 1}]}).encode(),
    json.dumps({"format": "evaluator-package/1", "files": [{"name": "../a", "sha256": "0" * 64, "size": 1}]}).encode(),
])
def test_malformed_manifest(package, tmp_path, manifest):
    report = verify_package(rewrite(package, tmp_path / "bad.zip",
                                    change=lambda name, data: manifest if name == MANIFEST else data))
    assert not report.ok and report.problems


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "C:/x.txt", "a\\b.txt", "a//b.txt"])
def test_unsafe_names_are_refused(package, tmp_path, name):
    report = verify_package(rewrite(package, tmp_path / "unsafe.zip", add={name: b"x"}))
    assert not report.ok and any("不安全" in p or "未列出" in p for p in report.problems)
    with pytest.raises(UserError):
        build_package(tmp_path / "out.zip", {name: b"x"})


def test_zip_bomb_is_refused_without_reading(package, tmp_path):
    bomb = rewrite(package, tmp_path / "bomb.zip", add={"zeros.bin": b"\0" * (8 * 1024 * 1024)})
    report = verify_package(bomb)
    assert not report.ok and any("压缩比" in p for p in report.problems)


def test_garbage_and_missing_packages(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert not verify_package(junk).ok and "不是有效的 zip" in verify_package(junk).problems[0]
    assert "找不到文件" in verify_package(tmp_path / "none.zip").problems[0]
    assert not verify_package(tmp_path).ok


def test_truncated_package(package, tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    report = verify_package(cut)
    assert not report.ok and report.problems


def test_build_refuses_unsealed_pdf_and_bad_input(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", chinese=False)
    with pytest.raises(UserError, match="签章校验未通过"):
        build_package(tmp_path / "out.zip", {REPORT: plain})
    with pytest.raises(UserError, match="保留"):
        build_package(tmp_path / "out.zip", {MANIFEST: b"{}"})
    with pytest.raises(UserError, match="大小写"):
        build_package(tmp_path / "out.zip", {"A.txt": b"1", "a.txt": b"2"})
    with pytest.raises(UserError, match="找不到要打包的文件"):
        build_package(tmp_path / "out.zip", {"x.txt": tmp_path / "none"})
    with pytest.raises(UserError, match="没有文件"):
        build_package(tmp_path / "out.zip", {})
    assert not (tmp_path / "out.zip").exists()


def test_package_without_pdf_does_not_verify(tmp_path):
    report = build_package(tmp_path / "data.zip", {EXCHANGE: b"{}"})
    assert not report.ok and report.certificate_fingerprint is None and report.seals == {}
    assert "没有签章的评估报告" in report.problems[0]
