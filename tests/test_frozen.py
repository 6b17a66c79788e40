"""Smoke test of the PyInstaller bundle (build_spec.spec): build it once, then run what a user runs.

The bundle is built once per test session into a temporary folder (30–60 s on two cores).
To test a bundle that is already built instead, set EVALUATOR_APP_BUNDLE to its folder
(`scripts/build.sh` does this for dist/evaluator-app).

Every run uses a temporary data folder, home and working folder, so nothing can come from the
source tree or the user's files; afterwards the bundle folder must be exactly as it was built.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from evaluator_app import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = os.name == "nt"
RUN_TIMEOUT = 60
CJK = re.compile(r"[\u4e00-\u9fff]")


class Bundle:
    def __init__(self, folder: Path):
        self.folder = folder
        # Windows: the windowed program cannot print; its console twin runs the command line.
        self.gui = folder / ("evaluator-app.exe" if WINDOWS else "evaluator-app")
        self.cli = folder / ("evaluator-app-cli.exe" if WINDOWS else "evaluator-app")
        self.listing = listing(folder)

    def resource(self, relative: str) -> Path:
        """A bundled file, wherever PyInstaller put the bundle's contents (`_internal/` by default)."""
        found = sorted(self.folder.rglob(relative))
        assert found, f"{relative} is not in the bundle"
        return found[0]


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture(scope="session")
def bundle(frozen_bundle) -> Bundle:
    return Bundle(frozen_bundle)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("frozen-run")


@pytest.fixture(scope="session")
def env(sandbox) -> dict[str, str]:
    """The user's environment, with data, settings, caches and home in the sandbox."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "EVALUATOR_APP_"))}
    home = sandbox / "home"
    for name in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                 "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    env["EVALUATOR_APP_DATA_DIR"] = str(sandbox / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(bundle: Bundle, env, cwd: Path, *args) -> subprocess.CompletedProcess:
    result = subprocess.run([str(bundle.cli), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=RUN_TIMEOUT)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="session")
def demo(bundle, env, sandbox) -> Path:
    folder = sandbox / "demo"
    result = run(bundle, env, sandbox, "demo", folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_version(bundle, env, sandbox):
    result = run(bundle, env, sandbox, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"evaluator-app {__version__}"


def test_demo_writes_the_four_files_with_embedded_fonts(demo):
    assert sorted(p.name for p in demo.iterdir()) == ["demo-evaluation.sqlite", "demo-package.zip",
                                                     "demo-report.pdf", "demo-summary.xlsx"]
    pdf = (demo / "demo-report.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"STSong" not in pdf


@pytest.mark.parametrize("name", ["demo-report.pdf", "demo-package.zip", "demo-evaluation.sqlite"])
def test_verify_the_demo(bundle, env, sandbox, demo, name):
    """pyHanko (imported lazily) validates the seal inside the bundle."""
    result = run(bundle, env, sandbox, "verify", demo / name)
    assert result.returncode == 0 and "校验通过" in result.stdout, result.stderr


def test_garbage_sheet_exits_2_in_chinese(bundle, env, sandbox):
    garbage = sandbox / "garbage.json"
    garbage.write_bytes(b"{\x00 not json at all \xff")
    result = run(bundle, env, sandbox, "sheet", "validate", garbage)
    assert result.returncode == 2 and CJK.search(result.stderr) and str(garbage) in result.stderr


def test_bundled_default_sheet_is_valid(bundle, env, sandbox):
    sheet = bundle.resource("scoring_sheets/sms-pilot-default.json")
    result = run(bundle, env, sandbox, "sheet", "validate", sheet)
    assert result.returncode == 0 and result.stdout.startswith("有效："), result.stderr


def test_bundle_mirrors_resources_and_scoring_sheets(bundle):
    contents = bundle.resource("scoring_sheets/sms-pilot-default.json").parent.parent
    for folder in ("resources", "scoring_sheets"):
        for source in (ROOT / folder).rglob("*"):
            if source.is_file() and source.suffix != ".ts":  # .ts: translation sources, not shipped
                relative = source.relative_to(ROOT)
                shipped = contents / relative
                assert shipped.is_file(), f"{relative} is not in the bundle (built before it was added?)"
                assert shipped.read_bytes() == source.read_bytes(), f"{relative} differs from the source tree"


def _start_xvfb(sandbox: Path) -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    log = sandbox / "xvfb.log"
    with log.open("wb") as output:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                                pass_fds=(write,), stdout=output, stderr=subprocess.STDOUT, cwd=sandbox)
    os.close(write)
    # Xvfb writes the number and then a newline (two writes): read both before closing the pipe.
    answer, deadline = b"", time.monotonic() + 20
    try:
        while not answer.endswith(b"\n") and time.monotonic() < deadline:
            if not select.select([read], [], [], max(0.0, deadline - time.monotonic()))[0]:
                break
            chunk = os.read(read, 64)
            if not chunk:
                break
            answer += chunk
    finally:
        os.close(read)
    number = answer.decode().strip()
    if not answer.endswith(b"\n") or not number.isdigit():
        xvfb.kill()
        xvfb.wait()
        pytest.fail(f"Xvfb did not start: {log.read_text('utf-8', errors='replace')}")
    return xvfb, f":{number}"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def test_gui_opens_the_demo_and_quits(bundle, env, sandbox, demo):
    evaluation = demo / "demo-evaluation.sqlite"
    stderr_path = sandbox / "gui-stderr.txt"
    if not WINDOWS and shutil.which("Xvfb") and shutil.which("xdotool"):
        # A real X server: wait for the window, visit every step, press Ctrl+Q, expect a clean exit.
        xvfb, display = _start_xvfb(sandbox)
        gui_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        gui_env.pop("WAYLAND_DISPLAY", None)
        try:
            with stderr_path.open("w", encoding="utf-8") as stderr:
                app = subprocess.Popen([str(bundle.gui), str(evaluation)], cwd=sandbox, env=gui_env,
                                       stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                started, window = time.monotonic(), ""
                while not window and time.monotonic() - started < 20:
                    assert app.poll() is None, f"exited with {app.returncode}: {stderr_path.read_text('utf-8')}"
                    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "demo-evaluation"],
                                            env=gui_env, capture_output=True, text=True,
                                            timeout=10).stdout.split("\n")[0]
                    if not window:
                        time.sleep(0.05)
                assert window, "no window named demo-evaluation within 20 s"
                print(f"\nwindow shown after {time.monotonic() - started:.2f} s")
                subprocess.run(["xdotool", "windowfocus", "--sync", window], env=gui_env, check=True, timeout=10)
                # Steps 2–8 (Ctrl+2 … Ctrl+8): each step page's module is imported when first shown.
                subprocess.run(["xdotool", "key", "--delay", "200", *(f"ctrl+{n}" for n in range(2, 9))],
                               env=gui_env, check=True, timeout=30)
                subprocess.run(["xdotool", "windowfocus", "--sync", window], env=gui_env, check=True, timeout=10)
                subprocess.run(["xdotool", "key", "ctrl+q"], env=gui_env, check=True, timeout=10)
                try:
                    code = app.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    pytest.fail(f"still running 20 s after Ctrl+Q (a dialog open?); crash log: {_crash_log(env)}")
            finally:
                _stop(app)
        finally:
            _stop(xvfb)
        errors = stderr_path.read_text("utf-8", errors="replace")
        assert code == 0, errors
    else:
        # No X server to drive: the program must still be running after 5 s, without a traceback.
        with stderr_path.open("w", encoding="utf-8") as stderr:
            app = subprocess.Popen([str(bundle.gui), str(evaluation)], cwd=sandbox, env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            code = app.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            _stop(app)
        errors = stderr_path.read_text("utf-8", errors="replace")
        assert code is None, f"exited within 5 s with {code}: {errors}"
    assert "Traceback" not in errors, errors
    assert _crash_log(env) == "", _crash_log(env)


def _crash_log(env) -> str:
    crash = Path(env["EVALUATOR_APP_DATA_DIR"]) / "logs" / "crash.log"
    return crash.read_text("utf-8", errors="replace") if crash.exists() else ""


def test_nothing_was_written_inside_the_bundle(bundle):
    """Runs last (file order): every run above kept its files out of the bundle folder."""
    assert listing(bundle.folder) == bundle.listing
