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


@pytest.fixture
def answers():
    """Message boxes answered without a person: ask → True, ask_text → the next queued text."""
    from ui import messages
    queue: list[str] = []
    messages.interactive = False
    messages.ask_hook = lambda title, text: True
    messages.ask_text_hook = lambda title, text: queue.pop(0) if queue else None
    messages.shown.clear()
    yield queue
    messages.interactive = True
    messages.ask_hook = None
    messages.ask_text_hook = None
