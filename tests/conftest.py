from __future__ import annotations

import os
import sys
import types

import pytest

from evaluator_app import paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# pytest-qt's fixtures: a test that asks for one (itself or through another fixture) drives Qt.
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester"})


def _drives_qt(item: pytest.Item) -> str | None:
    """Why `item` drives Qt widgets (a pytest-qt fixture, or widgets or `ui` imported by its module), or None."""
    used = QT_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    if used:
        return "uses " + ", ".join(sorted(used))
    module = getattr(item, "module", None)
    for name, value in (vars(module).items() if module is not None else ()):
        origin = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(origin, str) and (origin.startswith("PySide6.QtWidgets") or origin.split(".")[0] == "ui"):
            return f"its module imports {name} from {origin}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that drives Qt carries the `gui` marker, so `-m "not gui"` really leaves Qt out."""
    unmarked = [f"  {item.nodeid}: {reason}" for item in items
                if (reason := _drives_qt(item)) is not None and item.get_closest_marker("gui") is None]
    if unmarked:
        raise pytest.UsageError("these tests drive Qt but are not marked gui (add `pytestmark = pytest.mark.gui` "
                                "to the module, or @pytest.mark.gui to the test):\n" + "\n".join(unmarked))


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


@pytest.fixture(scope="session", autouse=True)
def session_config_dir(tmp_path_factory):
    """Settings and seal keys of module-scoped fixtures, made before any test's own folder: never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVALUATOR_APP_CONFIG_DIR", str(tmp_path_factory.mktemp("session-config")))
        yield


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory, monkeypatch):
    """Each test gets its own configuration folder (settings.ini, seal keys), apart from its data folder."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def dialogs_answered():
    """A `when_dialog_opens` that never ran, raised, or left its dialog open fails the test (never hangs it)."""
    yield
    helpers = sys.modules.get("tests.gui_helpers")  # loaded only by the GUI tests; Qt stays out otherwise
    failures = helpers.finish_dialog_handlers() if helpers is not None else []
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


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
    messages.choose_hook = None
    messages.save_path_hook = None
    messages.open_path_hook = None


@pytest.fixture(scope="session")
def frozen_bundle(tmp_path_factory):
    """The PyInstaller one-folder program (build_spec.spec): the folder EVALUATOR_APP_BUNDLE names, else
    one built for this test session (the smoke test and the Linux packages both use it)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    prebuilt = os.environ.get("EVALUATOR_APP_BUNDLE")
    if prebuilt:
        folder = Path(prebuilt).resolve()
        assert folder.is_dir(), f"EVALUATOR_APP_BUNDLE={prebuilt} is not a folder"
        return folder
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (it is in the test extras: pip install -e '.[test]'); "
                    "the frozen build cannot be tested")
    root = Path(__file__).resolve().parent.parent
    base = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "build"), str(root / "build_spec.spec")],
        cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900)
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    folder = base / "dist" / "evaluator-app"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nfrozen build: {time.monotonic() - started:.0f} s, {size / 2**20:.0f} MiB in {folder}")
    return folder

