"""One file, one writer, always complete on disk: the journal mode, the writer lock, read-only files,
the verified copy, on real files and real processes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from evaluator_app.cli import main
from evaluator_app.errors import FileInUseError, ReadOnlyError, UserError
from evaluator_app.paths import backups_dir
from evaluator_app.storage import db, filelock
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation
from tests.gui_helpers import make_file
from tests.test_store import write_v1_file

ROOT = Path(__file__).resolve().parent.parent

HOLD_CODE = r'''
import sys, time
from evaluator_app.storage.store import EvaluationStore
store = EvaluationStore.open(sys.argv[1], backup=False)
store.set_pilot_field("address", "子进程写入")
print("ready", flush=True)
time.sleep(120)
'''


def summary_json(capsys, path) -> dict:
    capsys.readouterr()
    assert main(["summary", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and path.name in p.name)

# A program stopped in the middle of a save: the file holds half of it, its journal the way back.
HALF_SAVED_CODE = r'''
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # pages reach the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE pilot_field SET value = '保存到一半' WHERE name = 'address'")
conn.execute("CREATE TABLE half_saved (x)")
conn.executemany("INSERT INTO half_saved VALUES (?)", [("x" * 500,) for _ in range(2000)])
os._exit(0)
'''


def run_cli(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EVALUATOR_APP_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, "-m", "evaluator_app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def path(tmp_path):
    return make_file(tmp_path, evaluation())


@pytest.fixture
def unwritable():
    """Makes a file or folder unwritable for this process: `chattr +i` as root (root ignores the mode
    bits), the mode bits otherwise; undone after the test."""
    undo = []

    def make(target: Path) -> None:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            if shutil.which("chattr") is None:
                pytest.skip("chattr 不可用，无法让 root 写不了文件")
            result = subprocess.run(["chattr", "+i", str(target)], capture_output=True, text=True)
            if result.returncode != 0:
                pytest.skip(f"此文件系统不支持 chattr +i：{result.stderr.strip()}")
            undo.append(lambda: subprocess.run(["chattr", "-i", str(target)], capture_output=True))
        else:
            mode = target.stat().st_mode
            target.chmod(0o555 if target.is_dir() else 0o444)
            undo.append(lambda: target.chmod(mode))

    yield make
    for step in reversed(undo):
        step()


# -- always complete on disk ------------------------------------------------------------------------

def test_every_committed_edit_is_in_the_main_file_while_it_is_open(capsys, path, tmp_path):
    with EvaluationStore.open(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        store.set_score("e1", "X1", Decimal("3.5"), note="会议记录缺一次")
        store.remove_member("e6", reason="临时有事")
        copy = tmp_path / "U盘" / "评估.sqlite"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)  # the file alone, as dragged onto a USB stick
        assert [p for p in side_files(path) if p.endswith(("-wal", "-shm", "-journal"))] == []
        expected = summary_json(capsys, path)
    assert summary_json(capsys, copy) == expected
    assert expected["panel"]["size"] == 5
    with EvaluationStore.open(copy, read_only=True) as copied:
        assert copied.load().scores[0].score == Decimal("3.5")


def test_a_file_left_in_wal_mode_is_converted_on_open(capsys, path, tmp_path):
    # An earlier version kept recent edits in the -wal side file; a copy of both files, taken while it
    # was open, is what such a file looks like after a crash.
    writer = sqlite3.connect(path, isolation_level=None)
    assert writer.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE pilot_field SET value = '只在 wal 中' WHERE name = 'address'")
    old = tmp_path / "旧版本"
    old.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", old / f"评估.sqlite{suffix}")
    writer.close()
    converted = old / "评估.sqlite"
    with EvaluationStore.open(converted) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.load().pilot["address"] == "只在 wal 中"
    assert sorted(p.name for p in old.iterdir()) == ["评估.sqlite"]
    alone = tmp_path / "单独.sqlite"
    shutil.copyfile(converted, alone)
    assert summary_json(capsys, alone) == summary_json(capsys, converted)
    with EvaluationStore.open(alone, read_only=True) as store:
        assert store.load().pilot["address"] == "只在 wal 中"


def test_backups_are_plain_rollback_journal_files(path):
    with EvaluationStore.open(path) as store:
        backup = store.backup()
    header = backup.read_bytes()[18:20]
    assert header == b"\x01\x01"  # read and write versions 1: a rollback journal, not WAL
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


# -- one writer -----------------------------------------------------------------------------------------

def test_a_second_writer_in_the_same_program_is_refused_and_a_reader_changes_nothing(path):
    first = EvaluationStore.open(path)
    try:
        assert filelock.lock_path(path).exists()
        with pytest.raises(FileInUseError) as caught:
            EvaluationStore.open(path)
        assert "此评估文件已在另一窗口中打开" in str(caught.value) and "本程序的另一个窗口" in str(caught.value)
        assert str(path) in str(caught.value)

        first.set_pilot_field("address", "第一个窗口写入")
        before = digest(path)
        with EvaluationStore.open(path, read_only=True) as reader:
            assert reader.read_only and reader.load().pilot["address"] == "第一个窗口写入"
            for attempt in (lambda: reader.set_pilot_field("address", "第二个窗口写入"),
                            lambda: reader.set_score("e1", "X1", Decimal(2)),
                            lambda: reader.set_locked(True)):
                with pytest.raises(ReadOnlyError) as refused:
                    attempt()
                assert "只读" in str(refused.value) and path.name in str(refused.value)
        assert digest(path) == before
        first.set_pilot_field("address", "仍可写入")  # the reader took no lock
    finally:
        first.close()
    with EvaluationStore.open(path, read_only=True) as reader:
        assert reader.load().pilot["address"] == "仍可写入"


def test_the_lock_is_released_on_close(path):
    store = EvaluationStore.open(path)
    store.close()
    assert not filelock.lock_path(path).exists()
    with EvaluationStore.open(path) as again:
        again.set_pilot_field("address", "再次打开")
    with EvaluationStore.open(path, read_only=True) as reader:
        created = EvaluationStore.create(path.with_name("新建.sqlite"), reader.load())
    try:
        with pytest.raises(FileInUseError):
            EvaluationStore.open(created.path)
    finally:
        created.close()
    EvaluationStore.open(created.path).close()


def test_another_process_is_refused_and_the_lock_dies_with_a_killed_process(path, tmp_path, data_dir):
    env = dict(os.environ, EVALUATOR_APP_DATA_DIR=str(data_dir))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_CODE, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        with pytest.raises(FileInUseError) as caught:
            EvaluationStore.open(path)
        assert f"进程号 {holder.pid}" in str(caught.value)

        # A second program: `unlock` needs the writer lock and says plainly who has the file.
        result = run_cli("unlock", str(path), "--leader", "e1", "--reason", "测试", env_dir=data_dir)
        assert result.returncode == 2
        assert "此评估文件已在另一窗口中打开" in result.stderr and f"进程号 {holder.pid}" in result.stderr
        assert "Traceback" not in result.stderr
        # Commands that only read work beside the writer and see its edits.
        result = run_cli("summary", str(path), "--json", env_dir=data_dir)
        assert result.returncode == 0, result.stderr
        assert run_cli("verify", str(path), env_dir=data_dir).returncode == 0
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
        holder.stderr.close()
    with EvaluationStore.open(path) as store:  # no stale lock after the kill
        assert store.load().pilot["address"] == "子进程写入"
        store.set_pilot_field("address", "接手写入")


def test_read_only_commands_take_no_lock_and_write_nothing(capsys, path, tmp_path, data_dir):
    with EvaluationStore.open(path, backup=False) as writer:
        writer.set_score("e1", "X1", Decimal(3))
        before = digest(path)
        for args in (["summary", str(path)], ["verify", str(path)],
                     ["export-json", str(path), str(tmp_path / "导出.json")],
                     ["export-xlsx", str(path), str(tmp_path / "汇总.xlsx")],
                     ["report", str(path), "-o", str(tmp_path / "报告.pdf")]):
            assert main(args) == 0, capsys.readouterr().err
        assert digest(path) == before
        writer.set_score("e1", "X1", Decimal(4))  # the writer is not disturbed
    assert not list(backups_dir().glob("*/auto-*.sqlite"))  # no backup was written by them
    exported = json.loads((tmp_path / "导出.json").read_text(encoding="utf-8"))
    assert next(s for s in exported["scores"] if s["member"] == "e1")["score"] == "3"


# -- files that cannot be written -------------------------------------------------------------------------

def test_a_file_that_cannot_be_written_opens_read_only(capsys, path, unwritable):
    expected = summary_json(capsys, path)
    unwritable(path)
    before = digest(path)
    with EvaluationStore.open(path) as store:
        assert store.read_only
        reason = store.read_only_reason
        assert path.name in reason and ("只读" in reason or "权限" in reason)
        assert store.load().pilot["name"] == "某市政务服务综合标准化试点"
        with pytest.raises(ReadOnlyError) as refused:
            store.set_score("e1", "X1", Decimal(2))
        assert store.read_only_reason in str(refused.value)
    assert digest(path) == before
    assert not filelock.lock_path(path).exists()
    assert summary_json(capsys, path) == expected
    capsys.readouterr()
    assert main(["unlock", str(path), "--leader", "e1", "--reason", "测试"]) == 2
    assert "只读" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_opens_read_only_even_an_old_wal_file(capsys, tmp_path, unwritable):
    folder = tmp_path / "只读U盘"
    folder.mkdir()
    path = make_file(folder, evaluation())
    expected = summary_json(capsys, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")  # as an earlier version left it
    conn.close()
    listing = sorted(p.name for p in folder.iterdir())
    assert listing == ["in.json", "评估.sqlite"]  # no -shm: SQLite cannot read it in WAL mode without one
    unwritable(folder)
    with EvaluationStore.open(path) as store:
        assert store.read_only and "文件夹" in store.read_only_reason and "不可写" in store.read_only_reason
        assert len(store.load().panel) == 6
        with pytest.raises(ReadOnlyError):
            store.set_pilot_field("address", "x")
    assert summary_json(capsys, path) == expected
    assert sorted(p.name for p in folder.iterdir()) == listing


def test_a_crash_mid_save_on_a_file_that_cannot_be_written_is_refused_not_read_half_saved(capsys, path, unwritable):
    subprocess.run([sys.executable, "-c", HALF_SAVED_CODE, str(path)], check=True, timeout=60)
    journal = Path(f"{path}-journal")
    assert journal.exists()
    unwritable(path)
    before = digest(path)
    assert main(["summary", str(path), "--json"]) == 2
    error = capsys.readouterr().err
    assert "上次没有正常关闭" in error and journal.name in error and "Traceback" not in error
    assert digest(path) == before and journal.exists()


def test_a_crash_mid_save_is_undone_before_a_read_only_command_reads(capsys, path):
    expected = summary_json(capsys, path)
    subprocess.run([sys.executable, "-c", HALF_SAVED_CODE, str(path)], check=True, timeout=60)
    assert Path(f"{path}-journal").exists()
    assert summary_json(capsys, path) == expected
    assert not Path(f"{path}-journal").exists()
    with EvaluationStore.open(path, read_only=True) as store:
        assert store.load().pilot["address"] == "某市人民路 1 号"
        assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_saved'").fetchone()[0] == 0


def test_an_older_file_opened_read_only_is_brought_forward_in_memory_only(path, tmp_path):
    old = tmp_path / "old.sqlite"
    write_v1_file(old)
    before = digest(old)
    with EvaluationStore.open(old, read_only=True) as store:
        evaluation_ = store.load()
        assert evaluation_.pilot["name"] == "旧试点" and len(evaluation_.panel) == 5
        with pytest.raises(ReadOnlyError):
            store.set_pilot_field("address", "x")
    assert digest(old) == before
    conn = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    assert db.user_version(conn) == 1
    conn.close()


# -- the verified copy ----------------------------------------------------------------------------------------

def test_copy_writes_a_verified_copy_and_never_overwrites(capsys, path, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    target = usb / "评估 副本.sqlite"
    with EvaluationStore.open(path) as store:  # open in a window meanwhile
        store.set_score("e2", "X2", Decimal("1.5"), note="缺明细表")
        capsys.readouterr()
        assert main(["copy", str(path), str(target)]) == 0
        out = capsys.readouterr().out
        assert "已复制并校验" in out and str(target) in out
        expected = summary_json(capsys, path)
    assert summary_json(capsys, target) == expected
    assert sorted(p.name for p in usb.iterdir()) == ["评估 副本.sqlite"]  # no partial or side file left
    assert target.read_bytes()[18:20] == b"\x01\x01"
    with EvaluationStore.open(target, read_only=True) as copy:
        assert copy.verify().ok

    before = digest(target)
    assert main(["copy", str(path), str(target)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert digest(target) == before
    assert main(["copy", str(path), str(tmp_path / "没有这个文件夹" / "x.sqlite")]) == 2
    assert "找不到文件夹" in capsys.readouterr().err


def test_copy_from_the_open_store(path, tmp_path):
    from evaluator_app.services.files import copy_verified
    with EvaluationStore.open(path) as store:
        store.set_pilot_field("address", "复制前的修改")
        copied = copy_verified(store, tmp_path / "副本.sqlite")
        with pytest.raises(UserError) as caught:
            copy_verified(store, copied)
        assert "已存在" in str(caught.value)
    with EvaluationStore.open(copied) as copy:  # the copy is a file of its own, with its own lock
        assert copy.load().pilot["address"] == "复制前的修改" and not copy.read_only
