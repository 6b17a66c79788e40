"""`restore` on real evaluation files: what a backup lacks is listed before anything is replaced,
nothing changes without confirmation, and an intact locked file is never replaced."""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from evaluator_app.cli import main
from evaluator_app.domain.evaluation import Role
from evaluator_app.domain.signature import Purpose
from evaluator_app.errors import CorruptFileError
from evaluator_app.services.handover import PAD, build_demo, handwriting
from evaluator_app.signing import records
from evaluator_app.storage.recovery import restore_plan
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation, full_scores, samples, small_sheet
from tests.gui_helpers import make_file

PAGE = 4096


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory):
    """One fully signed, locked demo evaluation (built once), copied afresh for each test."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVALUATOR_APP_DATA_DIR", str(tmp_path_factory.mktemp("demo-data")))
        return build_demo(folder / "out")["evaluation"]


@pytest.fixture
def demo(tmp_path, demo_source):
    target = tmp_path / "示例 评估.sqlite"
    shutil.copyfile(demo_source, target)
    return target


def run(capsys, *args):
    code = main(list(map(str, args)))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def rootpage(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()


def last_leaf(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
                            (table,)).fetchone()[0]
    finally:
        conn.close()


def overwrite_page(path: Path, page: int) -> bytes:
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE:page * PAGE] = b"\xa5" * PAGE
    path.write_bytes(bytes(data))
    return bytes(data)


def leader(store: EvaluationStore) -> str:
    return next(m.id for m in store.load().panel if m.role is Role.LEADER)


def edit_after_backup(path: Path) -> None:
    """Unlock the demo, back it up, then change a score and a bonus and sign once more."""
    with EvaluationStore.open(path, actor="e1", backup=False) as store:
        records.unlock(store, leader(store), "发现评分录入有误，需要更正")
        store.backup()
        store.actor = "e2"
        store.set_score("e2", "A1", Decimal("2.5"), note="会议记录缺一次")
        store.set_bonus("J1", Decimal(1), "主导制定国家标准一项")
        records.sign(store, "e2", Purpose.SHEET, handwriting("刘晓梅", 1), *PAD)


def damaged_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def test_plan_lists_what_the_backup_lacks_and_nothing_changes_without_yes(capsys, demo):
    edit_after_backup(demo)
    damaged = overwrite_page(demo, rootpage(demo, "score"))  # the change log itself is untouched
    with pytest.raises(CorruptFileError):
        EvaluationStore.open(demo)

    code, out, err = run(capsys, "restore", demo)
    assert code == 1
    assert "评分 e2/A1：3 → 2.5" in out and "刘晓梅（e2）" in out
    assert "加分 J1：（无） → 1" in out
    assert "签字 刘晓梅（e2） · 计分表" in out
    assert "备份中缺少 3 条修改" in out and "恢复后将丢失 1 个签字" in out
    assert "已损坏" in out and "将使用的备份" in out
    assert "--yes" in err and str(demo) in err
    assert demo.read_bytes() == damaged and not damaged_files(demo)

    code, out, _ = run(capsys, "restore", demo, "--yes")
    assert code == 0
    assert "评分 e2/A1：3 → 2.5" in out  # the plan is shown before replacing
    kept = damaged_files(demo)
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and str(kept[0]) in out
    with EvaluationStore.open(demo) as restored:
        assert restored.verify().ok and not restored.locked
        score = next(s for s in restored.load().scores if s.member == "e2" and s.item == "A1")
        assert score.score == Decimal(3)
        assert not restored.load().bonuses


def test_restore_plan_reads_around_a_damaged_change_log_page(demo):
    edit_after_backup(demo)
    overwrite_page(demo, last_leaf(demo, "change_log"))

    plan = restore_plan(demo)
    assert plan.backup is not None and not plan.intact and plan.damaged_readable
    lines = "\n".join(plan.describe())
    # The newest entries sat on the damaged page: they are named as unreadable, not silently dropped.
    assert plan.unreadable and "无法读出" in lines and "也将丢失" in lines
    # The signature table is intact, so the lost signature is still listed.
    assert [(s.purpose, s.signer) for s in plan.lost_signatures] == [("sheet", "刘晓梅（e2）")]
    assert "刘晓梅（e2） · 计分表" in lines


def test_nothing_readable_is_said_and_the_backup_still_restores(capsys, demo):
    edit_after_backup(demo)
    garbage = b"not an evaluation file " * 2000
    demo.write_bytes(garbage)

    plan = restore_plan(demo)
    assert not plan.damaged_readable and plan.lost_edits == []
    code, out, _ = run(capsys, "restore", demo)
    assert code == 1 and "损坏文件中无法读出修改记录，无法确定会丢失哪些修改" in out
    assert demo.read_bytes() == garbage

    code, out, _ = run(capsys, "restore", demo, "--yes")
    assert code == 0 and damaged_files(demo)[0].read_bytes() == garbage
    with EvaluationStore.open(demo) as restored:
        assert restored.verify().ok


def test_lost_signatures_and_lock_are_listed(demo):
    with EvaluationStore.open(demo, actor="e1", backup=False) as store:
        chief = leader(store)
        records.unlock(store, chief, "发现评分录入有误，需要更正")
        store.backup()
        panel = store.load().panel
        for seed, member in enumerate(panel):
            store.actor = member.id
            for purpose in (Purpose.SHEET, Purpose.REPORT):
                records.sign(store, member.id, purpose, handwriting(member.name, seed), *PAD)
        store.actor = chief
        records.sign(store, chief, Purpose.CONCLUSION, handwriting("组长", 99), *PAD)
        assert store.locked
    overwrite_page(demo, rootpage(demo, "score"))

    plan = restore_plan(demo)
    assert plan.loses_lock is True and plan.locked is True and not plan.intact
    assert len(plan.lost_signatures) == 2 * len(panel) + 1
    lines = "\n".join(plan.describe())
    assert "恢复后评估将不再锁定" in lines and f"恢复后将丢失 {2 * len(panel) + 1} 个签字" in lines
    assert "锁定" in [edit.description.split("（")[0] for edit in plan.lost_edits]


def test_intact_locked_file_is_refused_and_left_byte_identical(capsys, demo):
    EvaluationStore.open(demo).close()  # opening makes a backup, so there is something to restore from
    before = demo.read_bytes()
    for extra in ([], ["--yes"], ["--yes", "--force"]):
        code, _, err = run(capsys, "restore", demo, *extra)
        assert code == 1 and "完好" in err and "锁定" in err and "不予恢复" in err
    assert demo.read_bytes() == before and not damaged_files(demo)
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]


def test_intact_unlocked_file_needs_force(capsys, tmp_path):
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(doc, lambda m, i: Decimal(3) if (m, i) == ("e2", "X1") else None)
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    path = make_file(tmp_path, doc)
    with EvaluationStore.open(path, actor="e2") as store:  # the backup is taken as it opens
        store.set_score("e2", "X1", Decimal("2.5"))
    before = path.read_bytes()

    code, out, err = run(capsys, "restore", path, "--yes")
    assert code == 1 and "完好" in err and "--force" in err
    assert "评分 e2/X1：3 → 2.5" in out  # what a forced restore would lose
    assert path.read_bytes() == before and not damaged_files(path)

    code, out, _ = run(capsys, "restore", path, "--yes", "--force")
    assert code == 0 and len(damaged_files(path)) == 1
    with EvaluationStore.open(path) as restored:
        assert next(s.score for s in restored.load().scores if (s.member, s.item) == ("e2", "X1")) == Decimal(3)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer, restored", [("n\n", False), ("\n", False), ("y\n", True)])
def test_terminal_confirmation(capsys, monkeypatch, demo, answer, restored):
    edit_after_backup(demo)
    damaged = overwrite_page(demo, rootpage(demo, "score"))
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    code, out, err = run(capsys, "restore", demo)
    assert "确认用此备份替换？[y/N]" in out and "评分 e2/A1：3 → 2.5" in out
    if restored:
        assert code == 0 and damaged_files(demo)[0].read_bytes() == damaged
    else:
        assert code == 1 and "没有改动" in err and demo.read_bytes() == damaged and not damaged_files(demo)


def test_side_files_are_kept_beside_and_not_applied_to_the_backup(capsys, demo):
    edit_after_backup(demo)
    overwrite_page(demo, rootpage(demo, "score"))
    side = demo.with_name(demo.name + "-journal")
    side.write_bytes(b"\x00" * 512)

    code, out, _ = run(capsys, "restore", demo, "--yes")
    assert code == 0 and not side.exists()
    kept = damaged_files(demo)
    assert {p.name[len(kept[0].name):] for p in kept} == {"", "-journal"}
    assert all(str(p) in out for p in kept)
    with EvaluationStore.open(demo) as restored:
        assert restored.verify().ok


def test_no_backup_is_a_clear_error(capsys, demo):
    damaged = overwrite_page(demo, rootpage(demo, "score"))
    code, _, err = run(capsys, "restore", demo, "--yes")
    assert code == 2 and "没有找到可用的备份" in err and str(demo) in err
    assert demo.read_bytes() == damaged


def test_a_file_open_for_writing_is_not_replaced(capsys, tmp_path):
    pytest.importorskip("evaluator_app.storage.filelock", reason="the program keeps no writer lock")
    doc = evaluation(sheet=small_sheet())
    path = make_file(tmp_path, doc)
    with EvaluationStore.open(path, actor="e1"):
        data = bytearray(path.read_bytes())
        data[-PAGE:] = b"\xa5" * PAGE
        path.write_bytes(bytes(data))
        plan = restore_plan(path)
        assert not plan.intact
        code, _, err = run(capsys, "restore", path, "--yes")
        assert code == 1 and "未恢复" in err
        assert path.read_bytes() == bytes(data) and not damaged_files(path)

