"""The evaluation file on real temporary SQLite files: edits, log, migration, backups, failures."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest

from evaluator_app.domain.evaluation import Note, Sample
from evaluator_app.domain.scoring import compute
from evaluator_app.errors import CorruptFileError, StoreError, UserError
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.jsonfile import dumps
from evaluator_app.paths import backups_dir
from evaluator_app.storage import changelog, db
from evaluator_app.storage.migrations import LATEST_VERSION
from evaluator_app.storage.recovery import restore, restore_plan
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation, samples, small_sheet


def make_evaluation():
    doc = evaluation(sheet=small_sheet())
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    return parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "x")


@pytest.fixture
def store(tmp_path):
    s = EvaluationStore.create(tmp_path / "评估 文件.sqlite", make_evaluation(), actor="e1")
    yield s
    s.close()


def test_file_settings(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_edits_persist_and_are_logged_with_author(store, tmp_path):
    store.set_score("e1", "X1", Decimal("3.5"), note="会议记录缺一次")
    store.set_score("e1", "X1", Decimal("3"), note="会议记录缺两次", reason="复核")
    store.set_pilot_field("address", "新地址")
    store.save_note("finding", Note("f1", "标准明细表未更新", "X2", 3))
    path = store.path
    store.close()
    with EvaluationStore.open(path, actor="e2") as reopened:
        ev = reopened.load()
        score = next(s for s in ev.scores if s.member == "e1" and s.item == "X1")
        assert score.score == Decimal("3") and score.note == "会议记录缺两次"
        assert ev.pilot["address"] == "新地址" and ev.findings[0].text == "标准明细表未更新"
        changes = reopened.changes()
        assert [c.action for c in changes] == ["create", "set", "set", "set", "add"]
        assert changes[2].old == {"score": "3.5", "na": False, "note": "会议记录缺一次"}
        assert changes[2].new["score"] == "3" and changes[2].reason == "复核" and changes[2].actor == "e1"
        assert reopened.score_revisions("e1", "X1") == [
            {"old": "3.5", "new": "3", "reason": "复核", "author": "e1", "at": changes[2].at}]
        author = reopened.conn.execute("SELECT author FROM score WHERE item = 'X1'").fetchone()[0]
        assert author == "e1"
        assert reopened.verify().ok


def test_invalid_scores_are_refused_and_change_nothing(store):
    for value in (Decimal("4.5"), Decimal("-0.5"), Decimal("1.25")):
        with pytest.raises(UserError) as caught:
            store.set_score("e2", "X1", value)
        assert "X1" in str(caught.value)
    with pytest.raises(UserError):
        store.set_score("e2", "Y1", Decimal(1))  # derived from the survey
    assert store.load().scores == [] and len(store.changes()) == 1


def test_change_log_is_append_only(store):
    store.set_score("e1", "X1", Decimal(4))
    with pytest.raises(sqlite3.DatabaseError):
        store.conn.execute("UPDATE change_log SET actor = 'x' WHERE seq = 2")
    with pytest.raises(sqlite3.DatabaseError):
        store.conn.execute("DELETE FROM change_log")


def test_verify_detects_a_tampered_log(store):
    store.set_score("e1", "X1", Decimal(4))
    store.set_score("e2", "X1", Decimal(3))
    conn = store.conn
    conn.execute("DROP TRIGGER change_log_no_update")
    conn.execute("UPDATE change_log SET new = '{\"score\":\"1\"}' WHERE seq = 2")
    problems = store.verify().problems
    assert any("第 2 条" in p and "哈希" in p for p in problems)


def test_verify_detects_a_truncated_log(store):
    store.set_score("e1", "X1", Decimal(4))
    store.conn.execute("DROP TRIGGER change_log_no_delete")
    store.conn.execute("DELETE FROM change_log WHERE seq = 2")
    assert any("截断" in p for p in store.verify().problems)


def test_chain_starts_from_the_evaluation_id(store):
    first = store.changes()[0]
    assert first.prev_hash == changelog.genesis_hash(store.evaluation_id)


def test_create_refuses_to_overwrite(store):
    with pytest.raises(UserError) as caught:
        EvaluationStore.create(store.path, make_evaluation())
    assert "已存在" in str(caught.value)


# -- migration ---------------------------------------------------------------------------------

def write_v1_file(path):
    """A file as the first schema wrote it."""
    conn = db.connect(path)
    db.initialise(conn, path, upto=1)
    sheet_text = dumps(small_sheet())
    head = changelog.genesis_hash("old-id")
    with db.transaction(conn, path):
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("evaluation_id", "old-id"), ("kind", "试点评估"), ("created_at", "2025-01-01T09:00:00+08:00"),
            ("created_by", "e1"), ("locked", "0"), ("evaluation_date", "2025-11-20"), ("purpose", ""),
            ("basis", ""), ("overview", ""), ("extra", "{}"), ("pilot_extra", "{}")])
        conn.execute("INSERT INTO sheet VALUES (1, ?, 'x')", (sheet_text,))
        conn.execute("INSERT INTO pilot_field VALUES ('name', '旧试点'), ('unit', '旧单位')")
        for index in range(5):
            conn.execute("INSERT INTO member (id, position, name, category, role, author, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, 'e1', 't')",
                         (f"e{index + 1}", index, f"专家{index}", "标准化专家", "组长" if index == 0 else "成员"))
        conn.execute("INSERT INTO score (id, member_id, item, score, author, updated_at) "
                     "VALUES ('s1', 'e1', 'X1', '3.5', 'e1', 't')")
        head = changelog.append(conn, head, "t", "e1", "create", "evaluation", "old-id", None, {})
        conn.execute("INSERT INTO meta VALUES ('log_head', ?)", (head,))
    conn.close()


def test_migration_from_the_first_schema_keeps_data_and_backs_up_first(tmp_path):
    path = tmp_path / "old.sqlite"
    write_v1_file(path)
    with EvaluationStore.open(path) as store:
        assert db.user_version(store.conn) == LATEST_VERSION
        ev = store.load()
        assert ev.pilot["name"] == "旧试点" and len(ev.panel) == 5
        assert ev.scores[0].score == Decimal("3.5") and ev.panel[0].recusal is None
        store.save_note("suggestion", Note("g1", "完善档案"))  # a table the first schema lacked
        assert store.verify().ok
    migration_backups = list((backups_dir() / "old-id").glob("before-migration-v1-*.sqlite"))
    assert len(migration_backups) == 1
    backup = sqlite3.connect(migration_backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()


def test_file_from_a_newer_program_is_refused(tmp_path, store):
    path = store.path
    store.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    store.close()
    with pytest.raises(StoreError) as caught:
        EvaluationStore.open(path)
    assert "更新版本" in str(caught.value)


# -- damage, backups, failures ---------------------------------------------------------------------

def test_not_an_evaluation_file(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptFileError) as caught:
        EvaluationStore.open(path)
    assert "notes.sqlite" in str(caught.value)


def test_corrupt_file_is_reported_and_restored_from_backup(store):
    store.set_score("e1", "X1", Decimal(4))
    store.backup()
    path = store.path
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        EvaluationStore.open(path)
    assert str(path) in str(caught.value)
    used = restore(restore_plan(path)).backup
    assert used.parent.name == store.evaluation_id
    with EvaluationStore.open(path) as restored:
        assert restored.load().scores[0].score == Decimal(4)
    assert list(path.parent.glob("*.damaged-*"))  # the damaged file is kept


def test_backups_rotate(store):
    for _ in range(5):
        store.backup(keep=3)
    assert len(list((backups_dir() / store.evaluation_id).glob("auto-*.sqlite"))) == 3


def test_disk_full_keeps_the_previous_value(store):
    store.set_score("e1", "X1", Decimal(4))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    long_note = "长" * 9_000  # about 27 KB: more pages than the file may grow by
    with pytest.raises(StoreError) as caught:
        store.set_score("e1", "X1", Decimal(3), note=long_note)
    assert "磁盘空间不足" in str(caught.value)
    assert store.load().scores[0].score == Decimal(4)
    assert store.verify().ok


def test_read_only_file_gives_a_clear_message(store):
    store.set_score("e1", "X1", Decimal(4))
    # The same refusal SQLite gives for a file on a read-only medium (root ignores chmod).
    store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as caught:
        store.set_score("e1", "X1", Decimal(3))
    assert "只读" in str(caught.value) and store.path.name in str(caught.value)
    store.conn.execute("PRAGMA query_only = OFF")
    assert store.load().scores[0].score == Decimal(4)


def test_samples_and_summary_from_the_file(store):
    store.save_sample(Sample("new1", {"Q1": "满意", "Q2": "不了解"}, "企业", "窗口", "", "e2"))
    ev = store.load()
    result = compute(ev)
    assert result.survey.valid_samples == 4 and result.survey.invalid_samples == 1
    with pytest.raises(UserError):
        store.save_sample(Sample("bad", {"Q1": "很好"}))


def test_a_lock_from_another_window_is_respected(store):
    # Only one window may open the file for writing; another program (an older version) locks it meanwhile.
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("UPDATE meta SET value = '1' WHERE key = 'locked'")
    other.close()
    with pytest.raises(UserError) as caught:
        store.set_pilot_field("address", "改动")
    assert "锁定" in str(caught.value)
    assert store.load().pilot.get("address") != "改动"
