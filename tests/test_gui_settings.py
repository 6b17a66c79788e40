"""Settings that persist and take effect, the first start with its demo, and the paths module."""

from __future__ import annotations

import sys

import pytest

from evaluator_app import paths
from ui.first_run import FirstRunDialog, maybe_first_run
from ui.main_window import MainWindow
from ui.settings import AppSettings
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def test_settings_persist_and_apply(qtbot, tmp_path, answers):
    from PySide6.QtWidgets import QApplication
    settings = AppSettings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    normal = QApplication.instance().font().pointSizeF()
    dialog.large_text.setChecked(True)
    dialog.backups.setValue(3)
    dialog.paper.setChecked(True)
    dialog.identity.setText("e2")
    dialog.data_folder.setText(str(tmp_path / "数据 文件夹"))
    dialog.accept()
    again = AppSettings()
    assert (again.large_text, again.backup_count, again.paper_signatures, again.member_identity) == (
        True, 3, True, "e2")
    assert QApplication.instance().font().pointSizeF() > normal
    assert paths.data_dir() == tmp_path / "数据 文件夹"
    again.large_text = False
    from ui.settings import apply_settings
    apply_settings(again)
    paths.set_data_dir(None)


def test_settings_refuse_a_broken_default_sheet(qtbot, tmp_path, answers):
    from ui import messages
    broken = tmp_path / "省计分表.json"
    broken.write_text("{不是 JSON", encoding="utf-8")
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.default_sheet.setText(str(broken))
    dialog.accept()
    assert "省计分表.json" in messages.shown[-1][1] and AppSettings().default_sheet == ""


def test_first_run_offers_and_opens_the_demo(qtbot, answers):
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    dialog = FirstRunDialog(window)
    qtbot.addWidget(dialog)
    dialog.accept()
    maybe_first_run(window, dialog)
    assert "正在生成示例评估" in window.statusBar().currentMessage()  # built on a worker thread
    qtbot.waitUntil(lambda: window.session is not None, timeout=60000)
    assert window.session.store.locked  # the signed demo
    assert AppSettings().first_run_done
    window.close_evaluation()
    maybe_first_run(window, dialog)  # only once
    assert window.session is None


def test_paths_when_frozen_and_not(monkeypatch, tmp_path):
    from pathlib import Path
    source_root = Path(paths.__file__).resolve().parent.parent
    assert paths.resource_root() == source_root
    assert (paths.scoring_sheets_dir() / "sms-pilot-default.json").exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.resource_root() == tmp_path / "bundle"
    assert paths.resources_dir() == tmp_path / "bundle" / "resources"
    assert paths.default_sheet_path() == tmp_path / "bundle" / "scoring_sheets" / "sms-pilot-default.json"
    assert not str(paths.data_dir()).startswith(str(tmp_path / "bundle"))  # nothing written inside the bundle


def test_gui_and_command_line_share_one_data_folder(monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths
    monkeypatch.delenv("EVALUATOR_APP_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    command_line = paths.data_dir()
    from ui.app import create_application
    create_application()
    generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    assert (paths.data_dir() == command_line == tmp_path / "xdg" / "evaluator-app"
            or not sys.platform.startswith("linux"))
    assert str(paths.data_dir()).startswith(generic)
