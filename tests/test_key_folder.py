"""The seal key lives in the configuration folder: moving the data folder in 设置 leaves it where it is, the
window and `evaluator-app report` seal with the same certificate, and a key an earlier version kept in the
data folder is carried over with its fingerprint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator_app import paths
from evaluator_app.cli import main
from evaluator_app.services import handover
from evaluator_app.signing import trust
from evaluator_app.signing.seal import certificate_fingerprint, verify_pdf
from evaluator_app.storage.store import EvaluationStore
from ui.settings import AppSettings
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def signed_demo(tmp_path, capsys) -> Path:
    """A signed, locked evaluation (the demo, made and sealed by the command line)."""
    folder = tmp_path / "demo"
    assert main(["demo", str(folder)]) == 0
    capsys.readouterr()
    return folder / "demo-evaluation.sqlite"


def report_from_the_command_line(file: Path, out: Path) -> str:
    """`evaluator-app report` in a process of its own, which knows nothing of the window's settings;
    the fingerprint of the certificate that sealed the PDF."""
    result = subprocess.run([sys.executable, "-m", "evaluator_app", "report", str(file), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=120)
    assert result.returncode == 0, result.stderr
    report = verify_pdf(out)
    assert report.ok
    return report.fingerprint


def report_from_the_window(file: Path, out: Path) -> str:
    """What the window's 导出报告 does: the service on the window's own paths."""
    with EvaluationStore.open(file, read_only=True) as store:
        result = handover.write_report(store, out)
    assert result.sealed and verify_pdf(out).fingerprint == result.certificate_fingerprint
    return result.certificate_fingerprint


def move_data_folder(qtbot, folder: Path) -> None:
    """设置 › 数据文件夹, saved as a person would."""
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.data_folder.setText(str(folder))
    dialog.accept()
    assert paths.data_dir() == folder


def test_moving_the_data_folder_keeps_the_seal_of_window_and_command_line(qtbot, tmp_path, answers, signed_demo,
                                                                         config_dir):
    before = certificate_fingerprint()
    move_data_folder(qtbot, tmp_path / "U盘 数据")
    try:
        window = report_from_the_window(signed_demo, tmp_path / "window.pdf")
        command_line = report_from_the_command_line(signed_demo, tmp_path / "command-line.pdf")
        assert window == command_line == before
        assert (config_dir / "keys" / "seal.p12").is_file()
        assert not (tmp_path / "U盘 数据" / "keys").exists()
    finally:
        paths.set_data_dir(None)


def earlier_version_key(folder: Path, monkeypatch) -> str:
    """A key made as earlier versions did, in `<folder>/keys`; its fingerprint."""
    with monkeypatch.context() as patch:
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(folder))
        fingerprint = certificate_fingerprint()
    assert (folder / "keys" / "seal.p12").is_file()
    return fingerprint


def test_a_key_in_the_data_folder_is_carried_over(tmp_path, monkeypatch, signed_demo, data_dir, config_dir):
    # the demo was sealed with a key in the configuration folder; this installation's earlier key is in the
    # data folder, as an earlier version left it. The office registered the demo's certificate.
    trust.add(certificate_fingerprint())
    for name in os.listdir(config_dir / "keys"):
        (config_dir / "keys" / name).unlink()
    earlier = earlier_version_key(data_dir, monkeypatch)
    assert report_from_the_command_line(signed_demo, tmp_path / "command-line.pdf") == earlier
    assert certificate_fingerprint() == earlier
    assert report_from_the_window(signed_demo, tmp_path / "window.pdf") == earlier
    assert (config_dir / "keys" / "seal.p12").is_file() and (config_dir / "keys" / "seal.pass").is_file()
    assert not (data_dir / "keys").exists()  # moved, not copied: one key only


def test_a_key_in_the_data_folder_chosen_in_the_settings_is_carried_over(qtbot, tmp_path, monkeypatch, answers,
                                                                         config_dir):
    chosen = tmp_path / "评估数据"
    earlier = earlier_version_key(chosen, monkeypatch)
    move_data_folder(qtbot, chosen)
    try:
        assert certificate_fingerprint() == earlier
        assert (config_dir / "keys" / "seal.p12").is_file() and not (chosen / "keys").exists()
    finally:
        paths.set_data_dir(None)


def test_settings_of_an_earlier_version_are_carried_over(qtbot, monkeypatch, data_dir, config_dir):
    with monkeypatch.context() as patch:  # an earlier version: settings.ini in the data folder
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(data_dir))
        earlier = AppSettings()
        earlier.member_identity = "e2"
        earlier.language = "en"
        earlier.sync()
    assert (data_dir / "settings.ini").is_file()
    now = AppSettings()
    assert (now.member_identity, now.language) == ("e2", "en")
    assert (config_dir / "settings.ini").is_file() and not (data_dir / "settings.ini").exists()
