"""The operations layer on real evaluation files: every rule of an action is checked there, whoever
calls, and each action commits whole or not at all."""

from __future__ import annotations

import json
import shutil
import sqlite3
from decimal import Decimal

import pytest

from evaluator_app import operations as ops
from evaluator_app.domain import workflow
from evaluator_app.domain.evaluation import Member, MemberCategory, Role
from evaluator_app.domain.signature import Purpose
from evaluator_app.errors import CorruptFileError, LockedError, UserError
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.paths import backups_dir
from evaluator_app.storage.migrations import LATEST_VERSION
from evaluator_app.storage.store import EvaluationStore
from tests.factories import NO_CONFLICT, default_sheet, evaluation, full_scores, panel, samples, submit_all
from tests.test_signing import PAD, scribble

LANDED_V4 = "tests/data/landed-v4.sqlite"


def make_store(tmp_path, scored: bool = True, declared: bool = True, kind: str = "试点评估") -> EvaluationStore:
    doc = evaluation(sheet=default_sheet(), members=panel(6, 2))
    doc["kind"] = kind
    if declared:
        for member in doc["panel"]:
            member["recusal"] = {"answers": NO_CONFLICT, "declared_at": "2025-11-20T08:30:00+08:00"}
    if scored:
        doc["scores"] = full_scores(doc)
        for score in doc["scores"]:  # e2 scores A1 far below the others: a disagreement
            if score["member"] == "e2" and score["item"] == "A1":
                score["score"], score["note"] = 0, "未见会议纪要"
    doc["survey"] = samples([("满意",) * 8] * 30, [f"Q{i}" for i in range(1, 9)])
    parsed = parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "test")
    return EvaluationStore.create(tmp_path / "评估.sqlite", parsed, actor="测试")


@pytest.fixture
def store(tmp_path):
    with make_store(tmp_path) as s:
        yield s


def log_size(store) -> int:
    return len(store.changes())


# -- scoring -------------------------------------------------------------------------------------------

def test_a_submitted_sheet_is_locked_whoever_calls(store):
    ops.submit_sheet(store, "e3")
    before = log_size(store)
    with pytest.raises(UserError, match="已提交计分表"):
        ops.set_score(store, "e3", "A2", Decimal(1), "记录不全")
    with pytest.raises(UserError, match="已提交计分表"):
        ops.set_score(store, "e3", "A2", None)
    with pytest.raises(UserError, match="已于 .* 提交"):
        ops.submit_sheet(store, "e3")
    assert log_size(store) == before and store.score("e3", "A2").score == Decimal(3)


def test_submitting_needs_every_item_scored_and_every_deduction_explained(tmp_path):
    with make_store(tmp_path, scored=False) as store:
        ops.set_score(store, "e1", "A1", Decimal(2), "")
        with pytest.raises(UserError, match="专家甲 的计分表还不能提交：尚有 25 项未评分；A1 扣分未填写理由"):
            ops.submit_sheet(store, "e1")
        assert store.workflow_state().submitted == {}


def test_submitting_waits_for_the_panel_and_its_declarations(tmp_path):
    with make_store(tmp_path, declared=False) as store:
        with pytest.raises(UserError, match="尚未填写回避声明"):
            ops.submit_sheet(store, "e1")
        with pytest.raises(UserError, match="不是本评估的评分人"):
            ops.submit_sheet(store, "x9")


def test_the_consensus_round_revises_with_a_reason_in_one_transaction(store):
    submit_all(store)
    with pytest.raises(UserError, match="A1 没有须处理的评分分歧|须说明理由"):
        ops.accept_disagreement(store, "A1", "")
    ops.reopen_item(store, "A1")
    assert all("A1" in items for items in store.workflow_state().reopened.values())
    with pytest.raises(UserError, match="修改须填写理由"):
        ops.set_score(store, "e2", "A1", Decimal(2), "会议纪要补看后统一")
    with pytest.raises(UserError, match="须填写理由"):
        ops.revise_score(store, "e2", "A1", Decimal(2), "", "  ")
    changes = ops.revise_score(store, "e2", "A1", Decimal(2), "会议纪要补看后统一", "现场补看会议纪要")
    assert changes.result == ("e2", "A1", store.score("e2", "A1"))
    state = store.workflow_state()
    assert "A1" not in state.reopened.get("e2", []) and "A1" in state.reopened["e3"]
    assert store.score_revisions("e2", "A1")[0] == {**store.score_revisions("e2", "A1")[0], "old": "0", "new": "2",
                                                     "reason": "现场补看会议纪要"}
    # Revised once, the item is closed for e2 again.
    with pytest.raises(UserError, match="已提交计分表"):
        ops.revise_score(store, "e2", "A1", Decimal(3), "", "再改")


def test_a_revision_that_fails_halfway_leaves_nothing_behind(store, monkeypatch):
    submit_all(store)
    ops.reopen_item(store, "A1")
    before = log_size(store)

    def power_cut(*args, **kwargs):
        raise OSError("power cut")
    monkeypatch.setattr(EvaluationStore, "set_reopened", power_cut)
    with pytest.raises(OSError):
        ops.revise_score(store, "e2", "A1", Decimal(2), "补看", "现场补看会议纪要")
    monkeypatch.undo()
    assert store.score("e2", "A1").score == Decimal(0)
    assert store.score_revisions("e2", "A1") == [] and log_size(store) == before
    assert "A1" in store.workflow_state().reopened["e2"]
    assert store.verify().ok


def test_rules_are_read_inside_the_transaction(store, tmp_path):
    """A submission written by another program after this store last looked still stops the edit."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("INSERT INTO sheet_submission (scorer, submitted_at, author) VALUES ('e4', '2025-11-20T15:00', 'x')")
    other.close()
    with pytest.raises(UserError, match="已提交计分表"):
        ops.set_score(store, "e4", "A1", Decimal(1), "记录不全")


def test_returning_a_sheet_needs_a_reason_and_closes_its_reopened_items(store):
    submit_all(store)
    ops.reopen_item(store, "A1")
    with pytest.raises(UserError, match="退回计分表须填写理由"):
        ops.return_sheet(store, "e2", " ")
    ops.return_sheet(store, "e2", "评分录入错位")
    state = store.workflow_state()
    assert "e2" not in state.submitted and "e2" not in state.reopened
    ops.set_score(store, "e2", "A1", Decimal(2), "会议纪要不全")  # editable again
    assert [c.reason for c in store.changes() if c.entity == "submission"][-1] == "评分录入错位"


def test_a_disagreement_stays_only_with_a_reason(store):
    submit_all(store)
    with pytest.raises(UserError, match="须说明理由"):
        ops.accept_disagreement(store, "A1", "")
    with pytest.raises(UserError, match="A2 没有须处理的评分分歧"):
        ops.accept_disagreement(store, "A2", "意见不一")
    ops.accept_disagreement(store, "A1", "各方依据不同，保留评分")
    assert store.workflow_state().accepted == {"A1": "各方依据不同，保留评分"}


def test_not_due_only_in_a_midterm_evaluation(store, tmp_path):
    with pytest.raises(UserError, match="只有中期评估"):
        ops.set_not_due(store, "e1", "A1")
    (tmp_path / "m").mkdir()
    with make_store(tmp_path / "m", kind="中期评估") as midterm:
        ops.set_not_due(midterm, "e1", "A1")
        assert midterm.score("e1", "A1").na
        ops.set_score(midterm, "e1", "A1", Decimal(3))
        held = midterm.score("e1", "A1")
        assert held.score == Decimal(3) and not held.na


# -- steps, checks, the panel, the conclusion ------------------------------------------------------------

def test_finishing_a_step_says_everything_still_missing(store):
    with pytest.raises(UserError, match="尚未提交计分表：专家甲、专家乙.*\n评分分歧尚未处理：A1"):
        ops.finish_step(store, "scoring")
    submit_all(store)
    ops.accept_disagreement(store, "A1", "保留")
    ops.finish_step(store, "scoring")
    assert store.workflow_state().status(6) == workflow.DONE
    with pytest.raises(UserError, match="否决项尚未决定：V1.*\n评估综述尚未填写"):
        ops.finish_step(store, "conclusion")
    with pytest.raises(UserError, match="请填写通报时间"):
        ops.finish_step(store, "debrief")
    ops.reopen_step(store, "scoring")
    assert store.workflow_state().status(6) == workflow.IN_PROGRESS


def test_notices_are_kept_with_the_finished_step(tmp_path):
    with make_store(tmp_path) as store:
        ops.set_pilot_field(store, "system_running_since", "2025-09-01")  # less than six months before
        changes = ops.finish_step(store, "announce")
        assert any("半年" in notice for notice in changes.result)
        assert store.workflow_state().records[1]["data"]["notices"] == changes.result


def test_check_results_are_typed_and_validated(store):
    ops.record_check(store, "documents", "A1", status="部分符合")
    ops.record_check(store, "documents", "A1", note="领导小组未按年度召开会议")
    expected = workflow.CheckResult("部分符合", "领导小组未按年度召开会议")
    assert store.workflow_state().checks["documents"]["A1"] == expected
    with pytest.raises(UserError, match="核查结果 “大致符合” 无效"):
        ops.record_check(store, "documents", "A1", status="大致符合")
    with pytest.raises(UserError, match="没有核查清单"):
        ops.record_check(store, "scoring", "A1", status="符合")
    with pytest.raises(UserError, match="没有项目 “Z9”"):
        ops.record_check(store, "site", "Z9", status="符合")
    with pytest.raises(ValueError):
        ops.set_step_data(store, "scoring", {"submitted": {}})  # kept in its own table


def test_replacing_a_member_who_must_recuse_is_one_step(store):
    with pytest.raises(UserError, match="不是“须回避”"):
        ops.replace_member(store, "e3", Member("", "专家新", MemberCategory.INDUSTRY, Role.MEMBER))
    ops.declare_recusal(store, "e3", {**NO_CONFLICT, "related": True})
    saved = ops.replace_member(store, "e3", Member("e3", "专家新", MemberCategory.INDUSTRY, Role.MEMBER)).result
    panel_now = store.load().panel
    assert saved.id not in ("e3", "") and saved.replaces == "e3"
    assert [m.name for m in panel_now if m.id == saved.id] == ["专家新"] and store.load().member("e3") is None
    removals = [c.reason for c in store.changes() if c.entity == "member" and c.action == "delete"]
    assert removals == ["回避，由 专家新 替换"]
    with pytest.raises(UserError, match="请填写成员姓名"):
        ops.add_member(store, Member("e9", " ", MemberCategory.INDUSTRY, Role.MEMBER))


def test_vetoes_are_decided_with_names_and_reasons(store):
    with pytest.raises(UserError, match="请在 V1 后填写参与决定的成员与理由"):
        ops.decide_veto(store, "V1", True, "  ")
    with pytest.raises(UserError, match="没有否决项 “V9”"):
        ops.decide_veto(store, "V9", True, "全体")
    ops.decide_veto(store, "V1", False, "全体成员：未发现")
    assert [(v.code, v.confirmed) for v in store.load().vetoes] == [("V1", False)]


# -- signatures and the lock ---------------------------------------------------------------------------------

def test_a_sheet_is_signed_only_after_it_was_submitted(store):
    with pytest.raises(UserError, match="计分表尚未提交"):
        ops.sign(store, "e2", Purpose.SHEET, scribble(), *PAD)
    ops.submit_sheet(store, "e2")
    signature = ops.sign(store, "e2", Purpose.SHEET, scribble(), *PAD).result
    assert signature.signer == "e2" and signature.purpose is Purpose.SHEET


def test_a_locked_evaluation_refuses_every_operation(tmp_path):
    from evaluator_app.services.handover import build_demo
    paths = build_demo(tmp_path / "demo")
    with EvaluationStore.open(paths["evaluation"], backup=False) as store:
        before = log_size(store)
        for attempt in (lambda: ops.set_pilot_field(store, "address", "x"),
                        lambda: ops.decide_veto(store, "V1", True, "全体"),
                        lambda: ops.set_step_data(store, "debrief", {"time": "x"}),
                        lambda: ops.record_check(store, "site", "A1", status="符合"),
                        lambda: ops.return_sheet(store, "e2", "重评")):
            with pytest.raises(LockedError):
                attempt()
        assert log_size(store) == before
        ops.unlock(store, store.load().panel[0].id, "发现录入错误")
        assert not store.locked


# -- migration from the landed version -----------------------------------------------------------------------

def test_a_file_of_the_landed_version_moves_its_workflow_into_typed_tables(tmp_path):
    path = tmp_path / "landed.sqlite"
    shutil.copyfile(LANDED_V4, path)
    with EvaluationStore.open(path, backup=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        state = store.workflow_state()
        assert state.submitted == {"e1": "2025-11-20T15:00:00+08:00", "e2": "2025-11-20T15:05:00+08:00"}
        assert state.reopened == {"e2": ["A1"]}
        assert state.accepted == {"B2": "专家意见不一致，保留各自评分"}
        assert state.checks["documents"] == {"A1": workflow.CheckResult("部分符合", "领导小组未按年度召开会议"),
                                             "A2": workflow.CheckResult("符合", "")}
        assert state.checks["site"] == {"C1": workflow.CheckResult("不符合", "现场未见标识")}
        # The free notes stay where they were; the moved keys are gone from them.
        assert state.records[4]["data"] == {"staff_correct": 8, "staff_questioned": 10}
        assert state.records[6]["data"] == {} and state.status(3) == workflow.DONE
        assert store.verify().ok
        # And the rules use them: e1's submitted sheet is locked, e2's reopened item needs a reason.
        with pytest.raises(UserError, match="已提交计分表"):
            ops.set_score(store, "e1", "A1", Decimal(1), "x")
        with pytest.raises(UserError, match="须填写理由"):
            ops.set_score(store, "e2", "A1", Decimal(1), "x")
        evaluation_id = store.evaluation_id
    backups = list((backups_dir() / evaluation_id).glob("before-migration-v4-*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 4
        assert "submitted" in json.loads(old.execute("SELECT data FROM step_record WHERE step = 6").fetchone()[0])
    finally:
        old.close()


def test_a_landed_file_with_odd_workflow_data_migrates_what_it_can(tmp_path):
    path = tmp_path / "odd.sqlite"
    shutil.copyfile(LANDED_V4, path)
    conn = sqlite3.connect(path)
    odd = {"submitted": ["e1"], "reopened": {"e2": "A1", "e3": ["A2", 7]}, "accepted": {"B2": 1}, "agenda": "x"}
    conn.execute("UPDATE step_record SET data = ? WHERE step = 6", (json.dumps(odd),))
    conn.execute("UPDATE step_record SET data = '[]' WHERE step = 3")
    conn.commit()
    conn.close()
    with EvaluationStore.open(path, backup=False) as store:
        state = store.workflow_state()
        assert state.submitted == {} and state.accepted == {}
        assert state.reopened == {"e3": ["A2"]}  # the one well-formed entry
        assert "documents" not in state.checks and state.checks["site"]["C1"].status == "不符合"
        assert state.records[6]["data"] == {"agenda": "x"} and state.records[3]["data"] == {}
        assert store.verify().ok


def test_a_step_record_that_is_not_json_is_named_not_a_traceback(tmp_path):
    path = tmp_path / "broken.sqlite"
    shutil.copyfile(LANDED_V4, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE step_record SET data = '{not json' WHERE step = 3")
    conn.commit()
    conn.close()
    with EvaluationStore.open(path, backup=False) as store:
        with pytest.raises(CorruptFileError, match="第 3 步的记录已损坏"):
            store.workflow_state()
