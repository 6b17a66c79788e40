"""Evaluation files on a read-only medium (a write-protected USB stick, a CD, a read-only share): the
commands that only read them work and write nothing there; writing there is refused in plain words.

The tests run as root, for whom file modes do not stop writes: the folder is shown through a read-only
bind mount (or, where mounting is not permitted, made immutable with `chattr +i`)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from evaluator_app.cli import main
from evaluator_app.errors import ReadOnlyError
from evaluator_app.services.files import import_evaluation
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation

LANDED_V4 = Path(__file__).resolve().parent / "data" / "landed-v4.sqlite"  # an older format, read forward in memory


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True)


@pytest.fixture
def read_only_view(tmp_path) -> Iterator[Callable[[Path], Path]]:
    """`view(folder)` gives a path to `folder` that cannot be written: a read-only bind mount of it, or the
    folder itself made immutable (with its files). Undone after the test."""
    undo: list[Callable[[], object]] = []

    def view(folder: Path) -> Path:
        mount_point = tmp_path / "只读U盘"
        mount_point.mkdir()
        if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount"):
            bound = _run("mount", "--bind", str(folder), str(mount_point))
            if bound.returncode == 0:
                undo.append(lambda: _run("umount", str(mount_point)).returncode == 0
                            or _run("umount", "-l", str(mount_point)))
                if _run("mount", "-o", "remount,bind,ro", str(mount_point)).returncode == 0:
                    return mount_point
        if shutil.which("chattr") is None:
            pytest.skip("既不能只读挂载（mount 不被允许），也没有 chattr：无法模拟只读介质")
        targets = [*folder.iterdir(), folder]
        for target in targets:
            made = _run("chattr", "+i", str(target))
            if made.returncode != 0:
                pytest.skip(f"既不能只读挂载，也不能 chattr +i：{made.stderr.strip()}")
            undo.append(lambda target=target: _run("chattr", "-i", str(target)))
        return folder

    yield view
    for step in reversed(undo):
        step()


@pytest.fixture
def medium(tmp_path) -> Path:
    """A folder with three evaluation files: a current one with a score, one left in WAL mode by an
    earlier version (and no -shm beside it), and one in an older format."""
    folder = tmp_path / "介质"
    folder.mkdir()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(evaluation(), default=str, ensure_ascii=False), encoding="utf-8")
    current = import_evaluation(source, folder / "评估.sqlite")
    with EvaluationStore.open(current, backup=False) as store:
        store.set_score("e1", "X1", Decimal("3.5"), note="只读介质上的评分")
    wal = folder / "旧版WAL.sqlite"
    shutil.copyfile(current, wal)
    conn = sqlite3.connect(wal)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    shutil.copyfile(LANDED_V4, folder / "旧格式.sqlite")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["评估.sqlite", "旧版WAL.sqlite", "旧格式.sqlite"])
def test_reading_commands_work_on_a_read_only_medium_and_write_nothing_there(capsys, tmp_path, medium,
                                                                             read_only_view, name):
    out = tmp_path / "导出"
    out.mkdir()
    code, expected_summary, err = run(capsys, "summary", medium / name, "--json")
    assert code == 0, err
    assert run(capsys, "export-json", medium / name, out / "可写.json")[0] == 0
    before = snapshot(medium)

    path = read_only_view(medium) / name
    with pytest.raises(OSError):
        (path.parent / "探测").write_bytes(b"")  # really read-only, also for root

    code, text, err = run(capsys, "verify", path)
    assert code == 0 and "校验通过" in text, err
    code, text, err = run(capsys, "summary", path, "--json")
    assert code == 0 and json.loads(text) == json.loads(expected_summary), err
    code, _, err = run(capsys, "export-json", path, out / "只读.json")
    assert code == 0, err
    assert (json.loads((out / "只读.json").read_text(encoding="utf-8"))
            == json.loads((out / "可写.json").read_text(encoding="utf-8")))
    code, text, err = run(capsys, "report", path, "-o", out / "草稿.pdf")
    assert code == 0 and "草稿报告" in text, err
    assert (out / "草稿.pdf").read_bytes().startswith(b"%PDF")

    assert snapshot(path.parent) == before  # no lock, journal, backup or work file, nothing changed
    assert sorted(p.name for p in out.iterdir()) == ["只读.json", "可写.json", "草稿.pdf"]


def test_a_file_on_a_read_only_medium_opens_read_only_and_refuses_edits_in_plain_words(capsys, tmp_path, medium,
                                                                                       read_only_view):
    before = snapshot(medium)
    path = read_only_view(medium) / "评估.sqlite"
    with EvaluationStore.open(path) as store:  # as the window opens it
        assert store.read_only and "只读" in store.read_only_reason
        assert next(s for s in store.load().scores if s.member == "e1" and s.item == "X1").score == Decimal("3.5")
        with pytest.raises(ReadOnlyError) as refused:
            store.set_score("e1", "X1", Decimal(2))
    assert "只读" in str(refused.value) and "没有保存" in str(refused.value)

    for args, written in ((["export-json", path], "导出.json"), (["report", path, "-o"], "报告.pdf")):
        code, _, err = run(capsys, *args, path.parent / written)
        # "read-only medium" from a mount, "no permission" from an immutable folder
        assert code == 2 and ("只读" in err or "权限" in err) and written in err and "Traceback" not in err, err
    code, _, err = run(capsys, "unlock", path, "--leader", "e1", "--reason", "测试")
    assert code == 2 and "只读" in err and "Traceback" not in err
    assert snapshot(path.parent) == before
