"""A command killed at any moment (`kill -9`) leaves work files behind; the next run of the same command
into the same folder removes them, and nothing is ever left in the system's temporary folder.

The real command line runs in a subprocess, with its configuration, data and temporary folders (TMPDIR)
inside the test's folder, and is killed while its work files exist and at fixed moments. The runs of
`report` and `package` (each after a demo evaluation is made) are marked slow."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluator_app.cli import main
from evaluator_app.services.files import import_evaluation
from tests.factories import evaluation

ROOT = Path(__file__).resolve().parent.parent
WORK_SUFFIXES = (".evaluator-tmp", ".importing", ".importing-journal", ".importing.lock")
DELAYS = (0.3, 0.6, 0.9, 1.2)  # seconds after the start: importing modules, reading, building, writing


class Folders:
    def __init__(self, root: Path):
        self.root = root
        self.tmp = root / "tmp"
        self.env = dict(os.environ, EVALUATOR_APP_CONFIG_DIR=str(root / "config"),
                        EVALUATOR_APP_DATA_DIR=str(root / "data"), TMPDIR=str(self.tmp))
        self.tmp.mkdir(parents=True, exist_ok=True)

    def command(self, *args: str | Path) -> list[str]:
        return [sys.executable, "-m", "evaluator_app", *map(str, args)]

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), cwd=ROOT, env=self.env, capture_output=True, text=True,
                              encoding="utf-8", timeout=120)

    def explain(self, result: subprocess.CompletedProcess) -> str:
        """The command's message, and the crash log it names (a bug's traceback)."""
        logs = sorted((self.root / "data" / "logs").glob("crash-*.log"))
        return result.stderr + "".join(log.read_text(encoding="utf-8") for log in logs[-1:])

    def start(self, *args: str | Path) -> subprocess.Popen:
        return subprocess.Popen(self.command(*args), cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Folders, Path]:
    """A locked, fully signed evaluation (its seal key made once, in the configuration folder)."""
    folders = Folders(tmp_path_factory.mktemp("kill"))
    made = folders.run("demo", folders.root / "demo")
    assert made.returncode == 0, made.stderr
    return folders, folders.root / "demo" / "demo-evaluation.sqlite"


@pytest.fixture(scope="module")
def exchange_json(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exchange") / "交换.json"
    out.write_text(json.dumps(evaluation(), default=str, ensure_ascii=False), encoding="utf-8")
    return out


def work_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(WORK_SUFFIXES))


def kill_when(folders: Folders, args: tuple, moment: Callable[[subprocess.Popen], bool]) -> None:
    """Start the command, kill -9 it once `moment` says so (or let it finish), and wait for it to end."""
    process = folders.start(*args)
    try:
        while process.poll() is None and not moment(process):
            time.sleep(0.0005)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)


def when_work_files_appear(folders: Folders, out: Path) -> Callable[[subprocess.Popen], bool]:
    """Once there are work files beside the target, or anything in the system's temporary folder."""
    return lambda _: bool(work_files(out) or any(folders.tmp.iterdir()))


def after(seconds: float) -> Callable[[subprocess.Popen], bool]:
    deadline = time.monotonic() + seconds
    return lambda _: time.monotonic() >= deadline


def assert_clean(folders: Folders, out: Path, expected: list[str]) -> None:
    assert sorted(p.name for p in out.iterdir()) == sorted(expected), "work files left beside the target"
    assert list(folders.tmp.iterdir()) == [], "files left in the system's temporary folder"


def check_import(folders: Folders, source: Path, out: Path, moment: Callable[[subprocess.Popen], bool]) -> bool:
    """Killed, then run again: the evaluation file is complete; True when the kill left work files."""
    target = out / "评估.sqlite"
    kill_when(folders, ("import", source, target), moment)
    left = bool(work_files(out))
    existed = target.exists()  # killed after the file was put in place: the second run refuses to overwrite it
    again = folders.run("import", source, target)
    if existed:
        assert again.returncode == 2 and "已存在" in again.stderr, again.stderr
    else:
        assert again.returncode == 0, folders.explain(again)
    assert_clean(folders, out, [target.name])
    verified = folders.run("verify", target)
    assert verified.returncode == 0, folders.explain(verified)
    assert_clean(folders, out, [target.name])
    return left


def check_output(folders: Folders, command: Callable[[Path], tuple], target: Path,
                 moment: Callable[[subprocess.Popen], bool]) -> bool:
    """`report`/`package` killed, then run again: the output verifies (seal, manifest); True when the
    kill left work files."""
    kill_when(folders, command(target), moment)
    left = bool(work_files(target.parent))
    again = folders.run(*command(target))
    assert again.returncode == 0, folders.explain(again)
    assert_clean(folders, target.parent, [target.name])
    verified = folders.run("verify", target)
    assert verified.returncode == 0, folders.explain(verified)
    return left


def report(evaluation: Path) -> Callable[[Path], tuple]:
    return lambda target: ("report", evaluation, "-o", target)


def package(evaluation: Path) -> Callable[[Path], tuple]:
    return lambda target: ("package", evaluation, target)


def fresh(folders: Folders, name: str) -> Path:
    out = folders.root / name
    out.mkdir()
    return out


def test_an_import_killed_while_its_partial_file_exists_is_cleaned_up_by_the_next_import(tmp_path, exchange_json):
    folders = Folders(tmp_path)
    out = fresh(folders, "import-poll")
    assert check_import(folders, exchange_json, out, when_work_files_appear(folders, out))


@pytest.mark.slow
def test_a_sealed_report_killed_while_it_is_built_is_cleaned_up_by_the_next_report(demo):
    folders, evaluation = demo
    out = fresh(folders, "report-poll")
    assert check_output(folders, report(evaluation), out / "报告.pdf", when_work_files_appear(folders, out))


@pytest.mark.slow
@pytest.mark.parametrize("delay", DELAYS)
def test_an_import_killed_at_a_fixed_moment(tmp_path, exchange_json, delay):
    folders = Folders(tmp_path)
    check_import(folders, exchange_json, fresh(folders, f"import-{delay}"), after(delay))


@pytest.mark.slow
@pytest.mark.parametrize("delay", DELAYS)
def test_a_sealed_report_killed_at_a_fixed_moment(demo, delay):
    folders, evaluation = demo
    check_output(folders, report(evaluation), fresh(folders, f"report-{delay}") / "报告.pdf", after(delay))


@pytest.mark.slow
def test_a_package_killed_while_it_is_built_is_cleaned_up_by_the_next_package(demo):
    folders, evaluation = demo
    out = fresh(folders, "package-poll")
    assert check_output(folders, package(evaluation), out / "报送包.zip", when_work_files_appear(folders, out))


@pytest.mark.slow
@pytest.mark.parametrize("delay", DELAYS + (1.5,))
def test_a_package_killed_at_a_fixed_moment(demo, delay):
    folders, evaluation = demo
    check_output(folders, package(evaluation), fresh(folders, f"package-{delay}") / "报送包.zip", after(delay))


@pytest.mark.slow
def test_a_package_killed_while_writing_its_zip_is_cleaned_up(demo):
    """The last moment: the zip's own work file beside the target (the work folder is gone by then or not)."""
    folders, evaluation = demo
    out = fresh(folders, "package-zip")

    def zip_being_written(_: subprocess.Popen) -> bool:
        return any(p.is_file() for p in out.iterdir() if p.name.endswith(".evaluator-tmp"))

    assert check_output(folders, package(evaluation), out / "报送包.zip", zip_being_written)


def test_only_work_files_of_ended_processes_are_removed(tmp_path, capsys, exchange_json):
    """Another program still writing into the folder keeps its work files; other hidden files stay."""
    file = import_evaluation(exchange_json, tmp_path / "评估.sqlite")
    out = tmp_path / "U盘"
    out.mkdir()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / f".导出.json.{dead}.abc123.evaluator-tmp").write_bytes(b"half")
        (out / f".报告.pdf.{dead}.def456.evaluator-tmp").mkdir()
        (out / f".报告.pdf.{dead}.def456.evaluator-tmp" / "report.pdf").write_bytes(b"%PDF")
        kept = [f".导出.json.{running.pid}.ghi789.evaluator-tmp", ".评估.sqlite.lock", "notes.evaluator-tmp",
                f".导出.json.{dead}.evaluator-tmp.bak", "导出.json.bak"]
        for name in kept:
            (out / name).write_bytes(b"")
        assert main(["export-json", str(file), str(out / "导出.json")]) == 0, capsys.readouterr().err
        assert sorted(p.name for p in out.iterdir()) == sorted([*kept, "导出.json"])
    finally:
        running.kill()
        running.wait()
