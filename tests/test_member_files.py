"""Member files, returns and merging them back, on real files: what a member's laptop may change, what the
leader's file takes back, and a merge that is whole or not at all even when killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from evaluator_app import operations as ops
from evaluator_app.cli import main
from evaluator_app.domain.evaluation import Member, MemberCategory, Note, Role, Sample
from evaluator_app.domain.scoring import compute
from evaluator_app.domain.signature import Purpose
from evaluator_app.errors import UserError
from evaluator_app.storage.store import EvaluationStore
from evaluator_app.sync import members
from evaluator_app.sync.records import store_records
from evaluator_app.sync.status import member_status, record_origins
from tests.factories import NO_CONFLICT, evaluation, full_scores, panel, small_sheet
from tests.test_signing import PAD, scribble

ITEMS = ("X1", "X2", "Y2")  # the small sheet's member-scored items


def leader_file(tmp_path: Path, scored=("e1", "e4", "e5", "e6"), name: str = "组长.sqlite",
                evaluation_id: str = "eval-0001") -> Path:
    """A panel of six (e1 组长), every declaration made in step 1; the members not named in `scored` have
    not scored yet."""
    doc = evaluation(sheet=small_sheet(), members=panel(6, 2))
    for member in doc["panel"]:
        member["recusal"] = {"answers": NO_CONFLICT, "declared_at": "2025-11-20T08:30:00+08:00"}
    doc["scores"] = [s for s in full_scores(doc) if s["member"] in scored]
    doc["id"] = evaluation_id
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    from evaluator_app.services.files import import_evaluation
    return import_evaluation(source, tmp_path / name)


def distributed(tmp_path: Path, member_ids=None) -> tuple[Path, dict[str, Path]]:
    leader = leader_file(tmp_path)
    out = tmp_path / "成员文件"
    out.mkdir()
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        written = ops.distribute(store, out, member_ids).result
    return leader, {w.member: w.path for w in written}


def on_laptop(path: Path, folder: Path) -> Path:
    """The member file as its member's laptop holds it: copied off the USB stick."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(path, folder / path.name))


def score_all(store: EvaluationStore, member: str, value=None) -> None:
    for item in ITEMS:
        ops.set_score(store, member, item, Decimal(value) if value is not None else store.sheet.item(item).max)


def snapshot(path: Path) -> tuple[dict, int]:
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        return {k: r.digest for k, r in store_records(store).items()}, len(store.changes())


# -- member files --------------------------------------------------------------------------------------

def test_a_member_file_is_bound_to_its_member_and_remembers_what_it_shares(tmp_path):
    leader, files = distributed(tmp_path)
    assert sorted(files) == ["e2", "e3", "e4", "e5", "e6"]  # everyone but the 组长
    assert files["e2"].name == "某市政务服务中心-专家乙-成员文件.sqlite"
    with EvaluationStore.open(leader, backup=False, read_only=True) as store:
        leader_id = members.identity(store)
        leader_records = {k: r.digest for k, r in store_records(store).items()}
        sent = {s.member: s for s in member_status(store)}
    assert not leader_id.member_file
    assert sent["e2"].sent_file == files["e2"].name and sent["e2"].sent_at and not sent["e2"].returned_at
    assert not sent["e1"].sent_at
    replicas = set()
    for member, path in files.items():
        with EvaluationStore.open(path, backup=False, read_only=True) as copy:
            ident = members.identity(copy)
            assert (ident.bound_member, ident.bound_from) == (member, leader_id.replica_id)
            assert copy.evaluation_id == "eval-0001" and copy.verify().ok
            assert {k: r.digest for k, r in store_records(copy).items()} == leader_records  # the whole evaluation
            assert copy.conn.execute("SELECT id, member FROM sync_source").fetchall() == [(leader_id.replica_id, "")]
            replicas.add(ident.replica_id)
    assert len(replicas) == 5 and leader_id.replica_id not in replicas


def test_member_files_are_written_for_the_chosen_members_and_never_over_a_file(tmp_path):
    leader, files = distributed(tmp_path, ["e3"])
    assert list(files) == ["e3"]
    before = leader.read_bytes()
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        with pytest.raises(UserError, match="文件已存在"):
            ops.distribute(store, files["e3"].parent, ["e2", "e3"])
        with pytest.raises(UserError, match="没有成员 e9"):
            ops.distribute(store, tmp_path, ["e9"])
    assert leader.read_bytes() == before
    assert not (files["e3"].parent / "某市政务服务中心-专家乙-成员文件.sqlite").exists()
    with EvaluationStore.open(files["e3"], actor="e3", backup=False) as member_file:  # not from a member file
        with pytest.raises(UserError, match="这是专家丙的成员文件：成员文件的分发只能由组长"):
            ops.distribute(member_file, tmp_path)


def test_a_member_file_takes_only_what_is_the_members_own(tmp_path):
    _, files = distributed(tmp_path)
    path = on_laptop(files["e2"], tmp_path / "乙的电脑")
    with EvaluationStore.open(path, actor="e2", backup=False) as store:
        log = len(store.changes())
        refused = [
            lambda: ops.add_member(store, Member("", "新成员", "某院", "研究员", "", MemberCategory.INDUSTRY,
                                                 Role.MEMBER)),
            lambda: ops.remove_member(store, "e6", "调整"),
            lambda: ops.decide_veto(store, "V1", True, "全体成员决定"),
            lambda: ops.set_bonus(store, "J1", Decimal(1), "国家标准"),
            lambda: ops.set_override(store, "Y1", Decimal(1), "样本不足"),
            lambda: ops.set_meta_text(store, "overview", "综述"),
            lambda: ops.set_pilot_field(store, "contact", "张某"),
            lambda: ops.set_score(store, "e3", "X1", Decimal(2), "另一成员的评分"),
            lambda: ops.declare_recusal(store, "e3", NO_CONFLICT),
            lambda: ops.save_sample(store, Sample("s900", {"Q1": "满意", "Q2": "满意"}, collector="e3")),
            lambda: ops.finish_step(store, "announce"),
            lambda: ops.set_step_data(store, "announce", {"agenda": []}),
            lambda: ops.return_sheet(store, "e4", "退回"),
            lambda: ops.sign(store, "e1", Purpose.CONCLUSION, scribble(), *PAD),
        ]
        for attempt in refused:
            with pytest.raises(UserError, match="这是专家乙的成员文件") as refusal:
                attempt()
            assert "Traceback" not in str(refusal.value)
        with pytest.raises(UserError, match="否决项 V1只能由组长在组长的评估文件中修改"):
            ops.decide_veto(store, "V1", True, "全体成员决定")
        with pytest.raises(UserError, match="专家丙的评分只能由专家丙本人修改"):
            ops.set_score(store, "e3", "X1", Decimal(2))
        assert len(store.changes()) == log  # nothing of it written
        assert ops.start_step(store, "survey").areas == frozenset()  # the schedule is the leader's: no noise

        ops.declare_recusal(store, "e2", NO_CONFLICT)
        score_all(store, "e2")
        ops.save_sample(store, Sample("s901", {"Q1": "满意", "Q2": "非常满意"}, "群众", "大厅", collector="e2"))
        ops.record_check(store, "documents", "X1", "符合", "文件齐全")
        ops.save_note(store, "finding", Note("n1", "档案未按年度归档", item="Y2", step=3))
        ops.submit_sheet(store, "e2")
        ops.sign(store, "e2", Purpose.SHEET, scribble(), *PAD)
        owners = {(r.kind, r.key): r.owner for r in store_records(store).values()}
    assert owners[("sample", "s901")] == owners[("check", "documents/X1")] == owners[("finding", "n1")] == "e2"
    assert owners[("submission", "e2")] == owners[("score", "e2/X1")] == "e2"


def test_a_return_is_merged_and_a_later_edit_returned_again_is_taken_without_a_conflict(tmp_path):
    leader, files = distributed(tmp_path)
    path = on_laptop(files["e2"], tmp_path / "乙的电脑")
    usb = tmp_path / "U盘"
    usb.mkdir()
    with EvaluationStore.open(path, actor="e2", backup=False) as store:
        score_all(store, "e2", "1")
        ops.save_sample(store, Sample("s901", {"Q1": "满意", "Q2": "满意"}, "群众", "大厅", collector="e2"))
        first = members.write_return(store, usb, laptop="LAPTOP-乙")
    with EvaluationStore.open(first, backup=False, read_only=True) as returned:
        ident = members.identity(returned)
        assert (ident.bound_member, ident.laptop) == ("e2", "LAPTOP-乙") and ident.returned_at
        assert returned.verify().ok
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        ops.decide_veto(store, "V1", False, "全体成员确认未发生重大事故")  # the leader's work meanwhile
        report = ops.merge(store, [first]).result.report
        assert not report.open_conflicts
        assert sorted(report.sources[0].added) == ["满意度样本 s901", "评分 e2/X1", "评分 e2/X2", "评分 e2/Y2"]
        assert store.score("e2", "X1").score == Decimal(1)
        assert store.load().vetoes[0].note == "全体成员确认未发生重大事故"  # not taken back by the return
        origin = record_origins(store)[("score", "e2/X1")]
        assert (origin.file, origin.member, origin.laptop) == (first.name, "e2", "LAPTOP-乙")
        status = {s.member: s for s in member_status(store)}["e2"]
        assert status.returned_at and status.laptop == "LAPTOP-乙" and status.scores_complete
        assert not status.submitted_at and not status.sheet_signed

    with EvaluationStore.open(path, actor="e2", backup=False) as store:  # later, on the member's laptop
        ops.set_score(store, "e2", "X1", Decimal("3.5"))
        ops.submit_sheet(store, "e2")
        ops.sign(store, "e2", Purpose.SHEET, scribble(), *PAD)
        second = members.write_return(store, usb, laptop="LAPTOP-乙")
    assert second != first
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        report = ops.merge(store, [second]).result.report
        assert not report.open_conflicts and not report.sources[0].conflicts
        assert report.sources[0].changed == ["评分 e2/X1"]
        assert store.score("e2", "X1").score == Decimal("3.5")
        status = {s.member: s for s in member_status(store)}["e2"]
        assert status.submitted_at and status.sheet_signed  # the signature made on the laptop counts here
        again = ops.merge(store, [first, second]).result  # the older return again: nothing moves back
        assert again.older == [first.name] and not again.report.anything_new
        with pytest.raises(UserError, match="较早的交回"):
            ops.merge(store, [first])
        assert store.score("e2", "X1").score == Decimal("3.5")


def test_both_sides_changing_a_score_is_a_conflict_until_the_leader_decides(tmp_path):
    leader, files = distributed(tmp_path)
    path = on_laptop(files["e3"], tmp_path / "丙的电脑")
    with EvaluationStore.open(path, actor="e3", backup=False) as store:
        score_all(store, "e3")
        ops.set_score(store, "e3", "X1", Decimal(2), "会议记录不全")
        returned = members.write_return(store, path.parent, laptop="LAPTOP-丙")
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        ops.set_score(store, "e3", "X1", Decimal(3), "按纸质计分表录入")  # typed from paper meanwhile
        report = ops.merge(store, [returned]).result.report
        assert [c.title for c in report.open_conflicts] == ["评分 e3/X1"]
        assert compute(store.load()).result is None  # no result while a conflict is open
        conflict = report.open_conflicts[0]
        laptops = {v["laptop"]: i for i, v in enumerate(conflict.versions)}
        assert set(laptops) == {"", "LAPTOP-丙"}
        with pytest.raises(UserError, match="须填写理由"):
            ops.resolve_conflict(store, conflict.id, laptops["LAPTOP-丙"], " ", "e1")
        ops.resolve_conflict(store, conflict.id, laptops["LAPTOP-丙"], "经与专家丙核实，以其本人评分为准", "e1")
        assert store.score("e3", "X1").score == Decimal(2)
        assert not ops.merge(store, [returned]).result.report.open_conflicts  # decided once, for good
        assert any(c.action == "resolve" and "经与专家丙核实" in c.reason for c in store.changes())


def test_a_file_of_another_evaluation_is_refused_and_the_target_is_untouched(tmp_path, capsys):
    leader, _ = distributed(tmp_path, ["e2"])
    (tmp_path / "另一个").mkdir()
    other = leader_file(tmp_path / "另一个", name="另一个.sqlite", evaluation_id="eval-0002")
    before = leader.read_bytes()
    assert main(["merge", str(leader), str(other)]) == 2
    assert "属于另一个评估" in capsys.readouterr().err
    assert leader.read_bytes() == before


def test_a_locked_target_refuses_a_merge(tmp_path, capsys):
    leader, files = distributed(tmp_path, ["e2"])
    with EvaluationStore.open(files["e2"], actor="e2", backup=False) as store:
        score_all(store, "e2")
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        store.set_locked(True, "测试：已全体签字")
    before = leader.read_bytes()
    assert main(["merge", str(leader), str(files["e2"])]) == 2
    assert "已全体签字并锁定，不能合并" in capsys.readouterr().err
    assert leader.read_bytes() == before


@pytest.mark.slow
def test_a_merge_killed_at_any_moment_leaves_the_target_before_or_after_it(tmp_path):
    leader, files = distributed(tmp_path, ["e2"])
    with EvaluationStore.open(files["e2"], actor="e2", backup=False) as store, store.transaction():
        score_all(store, "e2")
        for number in range(5000):  # a long survey: the merge takes a while
            ops.save_sample(store, Sample(f"m{number:05d}", {"Q1": "满意", "Q2": "非常满意"}, "群众", "大厅",
                                          collector="e2"))
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(leader, pristine)
    before = snapshot(pristine)
    merged = tmp_path / "merged.sqlite"
    shutil.copy(pristine, merged)
    started = time.monotonic()
    command = [sys.executable, "-m", "evaluator_app", "merge"]
    done = subprocess.run([*command, str(merged), str(files["e2"])], capture_output=True, text=True)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    after = snapshot(merged)
    assert after[0] != before[0]
    outcomes = set()
    for fraction in (0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98):
        target = tmp_path / f"killed-{fraction}.sqlite"
        shutil.copy(pristine, target)
        process = subprocess.Popen([*command, str(target), str(files["e2"])], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if Path(f"{target}-journal").exists():
            outcomes.add("killed inside the transaction")
        with EvaluationStore.open(target, actor="e1", backup=False) as store:  # rolls a hot journal back
            assert store.verify().ok
        state = snapshot(target)
        assert state in (before, after), f"killed at {fraction:.0%} of the merge: the target is between"
        outcomes.add("after" if state == after else "before")
    assert "killed inside the transaction" in outcomes  # the merge was under way, not yet or already done


def test_a_member_declares_and_submits_on_their_own_laptop_before_the_others_have_declared(tmp_path):
    """Distributed in step 1: each member makes their 回避 declaration on their own laptop. Their file asks only
    for their own declaration before scoring; the leader's file still asks for everyone's."""
    doc = evaluation(sheet=small_sheet(), members=panel(6, 2))
    doc["id"] = "eval-undeclared"
    source = tmp_path / "组长.json"
    source.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    from evaluator_app.services.files import import_evaluation
    leader = import_evaluation(source, tmp_path / "组长.sqlite")
    out = tmp_path / "成员文件"
    out.mkdir()
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        path = {w.member: w.path for w in ops.distribute(store, out, ["e3"]).result}["e3"]
    with EvaluationStore.open(path, actor="e3", backup=False) as store:
        score_all(store, "e3", "1")
        with pytest.raises(UserError, match="回避声明"):
            ops.submit_sheet(store, "e3")
        ops.declare_recusal(store, "e3", NO_CONFLICT)
        ops.submit_sheet(store, "e3")
        assert "e3" in store.workflow_state().submitted
    with EvaluationStore.open(leader, actor="e1", backup=False) as store:
        ops.merge(store, [path])
        with pytest.raises(UserError, match="回避声明"):
            ops.submit_sheet(store, "e4")
