from __future__ import annotations

import os

import pytest

from evaluator_app import paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch):
    """Each test gets its own data folder (backups, logs), never the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("EVALUATOR_APP_DATA_DIR", str(folder))
    paths.set_data_dir(None)
    paths.set_standard_dir(None)
    yield folder
    paths.set_data_dir(None)
    paths.set_standard_dir(None)
