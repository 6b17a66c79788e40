"""What a seal proves: the audit's attacks on a signed evaluation, its report and its package.

The attacker has the files and sqlite3, but not the seal key of the installation that signed.
The checker has the files and the certificates it trusts (its own, registered ones, or a
fingerprint confirmed by telephone).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from evaluator_app.cli import main
from evaluator_app.services.handover import build_demo
from evaluator_app.signing import seal, trust
from evaluator_app.storage import changelog

FINGERPRINT_RECOVERED = "签章完好，但签章证书未登记"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def panel_laptop(tmp_path_factory) -> Path:
    """The configuration folder (seal key) of the laptop that signed the demo."""
    return tmp_path_factory.mktemp("panel-laptop")


@pytest.fixture(scope="module")
def signed(tmp_path_factory, panel_laptop) -> Path:
    folder = tmp_path_factory.mktemp("signed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(panel_laptop))
        build_demo(folder)
    return folder


@pytest.fixture
def files(signed, tmp_path, monkeypatch, panel_laptop) -> Path:
    """A copy of the signed demo, checked on the laptop that signed it."""
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(panel_laptop))
    copy = tmp_path / "demo"
    shutil.copytree(signed, copy)
    return copy


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def recompute_chain(path: Path, change) -> None:
    """Rewrite the change log as an attacker would: change entries, then recompute every hash."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("DROP TRIGGER change_log_no_update")
        evaluation_id = conn.execute("SELECT value FROM meta WHERE key = 'evaluation_id'").fetchone()[0]
        rows = conn.execute("SELECT seq, at, actor, action, entity, key, old, new, reason FROM change_log "
                            "ORDER BY seq").fetchall()
        head = changelog.genesis_hash(evaluation_id)
        for row in rows:
            seq, at, actor, action, entity, key, old, new, reason = change(list(row))
            digest = changelog.entry_hash(head, seq, at, actor, action, entity, key, old, new, reason)
            conn.execute("UPDATE change_log SET at=?, actor=?, action=?, entity=?, key=?, old=?, new=?, reason=?, "
                         "prev_hash=?, hash=? WHERE seq=?", (at, actor, action, entity, key, old, new, reason, head,
                                                            digest, seq))
            head = digest
        conn.execute("UPDATE meta SET value = ? WHERE key = 'log_head'", (head,))
        conn.commit()
    finally:
        conn.close()


def verify(capsys, path: Path, *extra) -> tuple[int, str]:
    code, out, err = run(capsys, "verify", path, *extra)
    return code, out + err


# -- the evaluation file ----------------------------------------------------------------------------

def test_the_signed_file_verifies_on_its_own_laptop(capsys, files):
    code, text = verify(capsys, files / "demo-evaluation.sqlite")
    assert code == 0 and "已签字锁定，内容与签字时一致" in text and "本机证书" in text


def test_a_score_changed_with_sqlite_fails_verify_and_report_refuses_to_seal(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    sql(evaluation, "UPDATE score SET score = '0' WHERE rowid = (SELECT min(rowid) FROM score WHERE score > '1')")
    code, text = verify(capsys, evaluation)
    assert code == 1 and "签字锁定后评估内容被改动" in text and "现在 \"0\"" in text
    out = files / "forged.pdf"
    code, _, err = run(capsys, "report", evaluation, "-o", out)
    assert code == 1 and "不能为此评估生成签章的正式报告" in err and "签字锁定后评估内容被改动" in err
    assert not out.exists()


def test_a_cleared_lock_flag_fails_verify(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    sql(evaluation, "UPDATE meta SET value = '0' WHERE key = 'locked'")
    code, text = verify(capsys, evaluation)
    assert code == 1 and "锁定标记被清除" in text


def test_a_forged_lock_flag_fails_verify(capsys, files, tmp_path):
    """An unlocked (never signed) evaluation marked locked with sqlite3."""
    assert run(capsys, "unlock", files / "demo-evaluation.sqlite", "--leader", "e1", "--reason", "更正录入错误")[0] == 0
    sql(files / "demo-evaluation.sqlite", "UPDATE meta SET value = '1' WHERE key = 'locked'")
    code, text = verify(capsys, files / "demo-evaluation.sqlite")
    assert code == 1 and "没有签章的锁定记录" in text


def test_a_change_log_rewritten_with_recomputed_hashes_fails_verify(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"

    def blame_someone_else(row):
        if row[0] == 3:
            row[2] = "e6"
        return row
    recompute_chain(evaluation, blame_someone_else)
    code, text = verify(capsys, evaluation)
    assert code == 1 and "修改记录被改写" in text


def test_a_score_change_hidden_in_a_recomputed_log_fails_verify(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    sql(evaluation, "UPDATE score SET score = '0' WHERE rowid = (SELECT min(rowid) FROM score WHERE score > '1')")
    recompute_chain(evaluation, lambda row: row)
    code, text = verify(capsys, evaluation)
    assert code == 1 and "签字锁定后评估内容被改动" in text


def test_a_signature_forged_with_sqlite_fails_verify(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    sql(evaluation, "DROP TRIGGER signature_void_only",
        "UPDATE signature SET content_sha256 = '" + "0" * 64 + "' WHERE rowid = 1")
    code, text = verify(capsys, evaluation)
    assert code == 1 and "签字记录被改动" in text


def test_removed_seal_statements_fail_verify(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    sql(evaluation, "DROP TRIGGER file_seal_no_delete", "DELETE FROM file_seal")
    code, text = verify(capsys, evaluation)
    assert code == 1 and "没有签章证明" in text


def reseal_with_another_key(path: Path, other: Path, monkeypatch) -> str:
    """Every statement of the file signed again with another installation's key; returns its fingerprint."""
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, statement FROM file_seal").fetchall()
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(other))
    conn.execute("DROP TRIGGER file_seal_no_update")
    for row_id, statement in rows:
        signature, certificate = seal.sign_statement(statement.encode())
        conn.execute("UPDATE file_seal SET signature = ?, certificate = ? WHERE id = ?",
                     (signature, certificate, row_id))
    conn.commit()
    conn.close()
    return seal.certificate_fingerprint()


def test_a_file_resealed_with_another_key_fails_until_that_certificate_is_trusted(capsys, files, tmp_path,
                                                                                 monkeypatch, panel_laptop):
    evaluation = files / "demo-evaluation.sqlite"
    other = reseal_with_another_key(evaluation, tmp_path / "attacker", monkeypatch)
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(panel_laptop))
    code, text = verify(capsys, evaluation)
    assert code == 1 and FINGERPRINT_RECOVERED in text and other in text
    assert run(capsys, "trust", "add", other)[0] == 0
    assert verify(capsys, evaluation)[0] == 0


def test_an_office_trusts_the_panel_certificate_once_registered(capsys, files, tmp_path, monkeypatch):
    evaluation = files / "demo-evaluation.sqlite"
    certificate = tmp_path / "panel.pem"
    code, out, _ = run(capsys, "cert", "export", certificate)
    assert code == 0 and certificate.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    fingerprint = trust.own_fingerprint()
    assert fingerprint and fingerprint.split(":")[0] in out

    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path / "office"))
    code, text = verify(capsys, evaluation)
    assert code == 1 and FINGERPRINT_RECOVERED in text and fingerprint in text
    assert verify(capsys, evaluation, "--fingerprint", fingerprint.replace(":", ""))[0] == 0
    wrong = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    code, text = verify(capsys, evaluation, "--fingerprint", wrong)
    assert code == 1 and "签章证书指纹与预期不符" in text
    assert run(capsys, "trust", "add", certificate)[0] == 0
    code, out, _ = run(capsys, "trust", "list")
    assert fingerprint in out and "panel.pem" in out
    assert verify(capsys, evaluation)[0] == 0
    assert verify(capsys, files / "demo-report.pdf")[0] == 0
    assert run(capsys, "trust", "remove", fingerprint)[0] == 0
    assert verify(capsys, evaluation)[0] == 1


def test_a_mistyped_fingerprint_is_a_usage_error(capsys, files):
    code, _, err = run(capsys, "verify", files / "demo-evaluation.sqlite", "--fingerprint", "12:AB")
    assert code == 2 and "格式不对" in err
    code, _, err = run(capsys, "trust", "add", "not-a-fingerprint")
    assert code == 2 and "格式不对" in err


def test_unlock_through_the_app_keeps_the_file_verifiable(capsys, files):
    evaluation = files / "demo-evaluation.sqlite"
    assert run(capsys, "unlock", evaluation, "--leader", "e1", "--reason", "更正录入错误")[0] == 0
    code, text = verify(capsys, evaluation)
    assert code == 0 and "已签字锁定" not in text


# -- the sealed report ------------------------------------------------------------------------------

def test_a_second_foreign_seal_fails_naming_each_signer_until_trusted(capsys, files, tmp_path, monkeypatch,
                                                                      panel_laptop):
    report = files / "demo-report.pdf"
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path / "attacker"))
    foreign = _seal_unchecked(report)
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(panel_laptop))
    code, text = verify(capsys, report)
    assert code == 1 and "第 2 个签章" in text and FINGERPRINT_RECOVERED in text and foreign in text
    assert run(capsys, "trust", "add", foreign)[0] == 0
    code, text = verify(capsys, report)
    assert code == 0 and "第 1 个签章" in text and "第 2 个签章" in text and "已登记" in text


def test_a_report_sealed_only_by_another_key_fails_until_trusted(capsys, files, tmp_path, monkeypatch,
                                                                 panel_laptop):
    draft = tmp_path / "draft.pdf"
    assert run(capsys, "unlock", files / "demo-evaluation.sqlite", "--leader", "e1", "--reason", "核对")[0] == 0
    assert run(capsys, "report", files / "demo-evaluation.sqlite", "-o", draft)[0] == 0
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path / "attacker"))
    foreign = _seal_unchecked(draft)
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(panel_laptop))
    code, text = verify(capsys, draft)
    assert code == 1 and FINGERPRINT_RECOVERED in text and foreign in text
    assert run(capsys, "trust", "add", foreign)[0] == 0
    assert verify(capsys, draft)[0] == 0


def _seal_unchecked(path: Path) -> str:
    """Seal with the current installation's key without the self-check (which trusts only known certificates)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()))
    output = io.BytesIO()
    meta = signers.PdfSignatureMetadata(field_name="Foreign", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    signers.PdfSigner(meta, signer=seal._signer()).sign_pdf(writer, output=output)
    path.write_bytes(output.getvalue())
    return seal.certificate_fingerprint()


# -- the package ------------------------------------------------------------------------------------

def rewrite_package(package: Path, change: dict[str, bytes | None]) -> None:
    """Change (or with None remove) members, and rewrite manifest.json to match, as a forger would."""
    with zipfile.ZipFile(package) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    for name, data in change.items():
        if data is None:
            members.pop(name)
        else:
            members[name] = data
    manifest = json.loads(members["manifest.json"])
    manifest["files"] = [{"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                         for n, d in members.items() if n != "manifest.json"]
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    package.write_bytes(buffer.getvalue())


def test_the_package_verifies_with_the_right_fingerprint_only(capsys, files):
    package = files / "demo-package.zip"
    fingerprint = trust.own_fingerprint()
    assert fingerprint
    assert verify(capsys, package, "--fingerprint", fingerprint)[0] == 0
    wrong = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    code, text = verify(capsys, package, "--fingerprint", wrong)
    assert code == 1 and "签章证书指纹与预期不符" in text


def test_a_package_without_its_sealed_report_fails(capsys, files):
    package = files / "demo-package.zip"
    rewrite_package(package, {"评估报告.pdf": None})
    code, text = verify(capsys, package)
    assert code == 1 and "没有签章的评估报告" in text


def test_an_altered_member_with_a_rewritten_manifest_fails_naming_it(capsys, files):
    package = files / "demo-package.zip"
    with zipfile.ZipFile(package) as source:
        data = source.read("评估数据.json")
    rewrite_package(package, {"评估数据.json": data.replace("合格".encode(), "优秀".encode(), 1)})
    code, text = verify(capsys, package)
    assert code == 1 and "评估数据.json 与签章报告中记录的 SHA-256 不符" in text


def test_an_added_member_with_a_rewritten_manifest_fails_naming_it(capsys, files):
    package = files / "demo-package.zip"
    rewrite_package(package, {"补充说明.txt": "评估结论改为优秀".encode()})
    code, text = verify(capsys, package)
    assert code == 1 and "签章报告未列出的文件：补充说明.txt" in text
