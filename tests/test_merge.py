"""Merging what several laptops hold: documents split the way laptops hold them come back whole, in any
order and any number of times; conflicting values are kept and named until the leader decides; a file
of another evaluation is refused without touching the target."""

from __future__ import annotations

import copy
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator_app.cli import main
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.services.files import import_evaluation, summarize
from evaluator_app.storage.store import EvaluationStore
from evaluator_app.sync.merge import merge_files, resolve
from evaluator_app.sync.records import store_records
from tests.factories import default_sheet, evaluation, panel, small_sheet

LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意", "不了解")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def whole_evaluation(seed: int, sheet: dict, members: int = 6, samples: int = 24) -> dict:
    """A complete evaluation: every member's scores (random, on the sheet's step) and samples collected by members."""
    rng = random.Random(seed)
    doc = evaluation(sheet=sheet, members=panel(members, 2))
    doc["id"] = f"ev-{seed}"
    derived = sheet["survey"]["derive"]["item"]
    step = Decimal(str(sheet["score_step"]))
    doc["scores"] = [{"member": m["id"], "item": item["code"],
                      "score": str(step * rng.randint(0, int(Decimal(str(item["max"])) / step))),
                      **({"note": "现场抽查发现记录不全"} if rng.random() < 0.3 else {})}
                     for m in doc["panel"] for category in sheet["categories"] for item in category["items"]
                     if item["code"] != derived]
    questions = [q["code"] for q in sheet["survey"]["questions"]]
    doc["survey"] = [{"id": f"s{index:03d}", "respondent_type": "群众", "place": "大厅",
                      "time": "2025-11-20T10:05:00+08:00", "collector": rng.choice(doc["panel"][1:])["id"],
                      "answers": {q: rng.choice(LEVELS) for q in questions}, "comment": ""}
                     for index in range(samples)]
    return doc


def split(doc: dict) -> list[dict]:
    """The leader's part (no scores, no survey) and one document per member with their scores and samples."""
    leader = copy.deepcopy(doc)
    leader["scores"], leader["survey"] = [], []
    parts = [leader]
    for member in doc["panel"]:
        part = copy.deepcopy(doc)
        part["scores"] = [s for s in doc["scores"] if s["member"] == member["id"]]
        part["survey"] = [s for s in doc["survey"] if s["collector"] == member["id"]]
        parts.append(part)
    return parts


def write(folder: Path, name: str, doc: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def imported(folder: Path, name: str, doc: dict) -> Path:
    return import_evaluation(write(folder, f"{name}.json", doc), folder / f"{name}.sqlite")


def summary_of(path: Path) -> dict:
    return summary_document(summarize(path))


def records_of(path: Path) -> dict:
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        return {key: record.value for key, record in store_records(store).items()}


# -- the documents of the issue -----------------------------------------------------------------------

@pytest.fixture
def split_files(tmp_path) -> tuple[Path, list[Path], Path]:
    doc = whole_evaluation(7, default_sheet(), samples=40)
    whole = imported(tmp_path, "whole", doc)
    leader, *members = split(doc)
    return imported(tmp_path, "leader", leader), [imported(tmp_path, f"member{i}", m)
                                                  for i, m in enumerate(members, 1)], whole


def test_split_documents_merged_equal_the_whole_again_and_in_reverse(capsys, split_files, tmp_path):
    leader, members, whole = split_files
    code, out, _ = run(capsys, "merge", leader, *members)
    assert code == 0 and "冲突 0 处" in out
    expected = summary_of(whole)
    assert summary_of(leader) == expected and expected["result"] is not None
    records = records_of(leader)
    code, out, _ = run(capsys, "merge", leader, *members)
    assert code == 0 and "没有新的内容" in out
    assert records_of(leader) == records and summary_of(leader) == expected
    reverse = imported(tmp_path, "leader2", split(whole_evaluation(7, default_sheet(), samples=40))[0])
    assert run(capsys, "merge", reverse, *reversed(members))[0] == 0
    assert summary_of(reverse) == expected


def test_merge_json_says_what_was_added_and_unchanged(capsys, split_files):
    leader, members, _ = split_files
    code, out, _ = run(capsys, "merge", leader, members[1], "--json")
    document = json.loads(out)
    assert code == 0 and document["merged"] and document["conflicts"] == []
    assert any(a.startswith("评分 e2/") for a in document["sources"][0]["added"])
    code, out, _ = run(capsys, "merge", leader, members[1], "--json")
    again = json.loads(out)["sources"][0]
    assert code == 0 and again["added"] == [] and again["changed"] == [] and again["unchanged"] > 0


def test_different_values_for_the_same_score_are_a_conflict_kept_until_the_leader_decides(capsys, split_files,
                                                                                         tmp_path):
    leader, members, _ = split_files
    original = json.loads((tmp_path / "member2.json").read_text("utf-8"))
    other = copy.deepcopy(original)
    first = other["scores"][0]
    first["score"] = "0" if str(first["score"]) != "0" else "0.5"
    other_file = imported(tmp_path, "member2-other", other)
    code, out, err = run(capsys, "merge", leader, *members, other_file, "--json")
    document = json.loads(out)
    assert code == 1
    [conflict] = document["conflicts"]
    key = f"{first['member']}/{first['item']}"
    assert conflict["record"] == f"评分 {key}"
    values = {v["file"]: v["value"]["score"] for v in conflict["versions"]}
    assert values == {"member2.sqlite": str(original["scores"][0]["score"]), "member2-other.sqlite": first["score"]}
    summary = summary_of(leader)
    assert summary["conflicts"] == [f"评分 {key}"] and summary["result"] is None
    # merged again, or in the other order: the same conflict, nothing new
    assert run(capsys, "merge", leader, other_file, members[1])[0] == 1
    summary_again = summary_of(leader)
    assert summary_again["conflicts"] == [f"评分 {key}"]
    with EvaluationStore.open(leader, actor="e1") as store:
        choice = [v["file"] for v in conflict["versions"]].index("member2.sqlite")
        with pytest.raises(Exception, match="理由"):
            resolve(store, conflict["id"], choice, "  ", "e1")
        resolve(store, conflict["id"], choice, "与成员电话核实，以其本人计分表为准", "e1")
        assert store.changes()[-1].reason == "与成员电话核实，以其本人计分表为准"
    resolved = summary_of(leader)
    assert resolved["conflicts"] == [] and resolved["result"] is not None
    assert run(capsys, "merge", leader, members[1])[0] == 0, "merging a decided file again does not reopen it"
    assert summary_of(leader)["conflicts"] == []


def test_a_file_of_another_evaluation_is_refused_and_the_target_unchanged(capsys, split_files, tmp_path):
    leader, members, _ = split_files
    stranger = imported(tmp_path, "stranger", whole_evaluation(8, default_sheet(), samples=4))
    before = leader.read_bytes()
    code, _, err = run(capsys, "merge", leader, members[0], stranger)
    assert code == 2 and "ev-8" in err and "ev-7" in err
    assert leader.read_bytes() == before


def test_a_locked_evaluation_refuses_merges(capsys, tmp_path):
    assert main(["demo", str(tmp_path / "demo")]) == 0
    locked = tmp_path / "demo" / "demo-evaluation.sqlite"
    copy_of = tmp_path / "copy.sqlite"
    copy_of.write_bytes(locked.read_bytes())
    capsys.readouterr()
    before = locked.read_bytes()
    code, _, err = run(capsys, "merge", locked, copy_of)
    assert code == 2 and "锁定" in err and locked.read_bytes() == before


def test_a_change_returned_again_from_the_same_file_is_taken_without_a_conflict(capsys, split_files):
    """After the first merge the two files share a base: an edit on the member's side is not a conflict."""
    leader, members, _ = split_files
    assert run(capsys, "merge", leader, *members)[0] == 0
    with EvaluationStore.open(members[2], actor="e3") as store:
        item = store.sheet.scored_items[0]
        store.set_score("e3", item.code, Decimal("0"), note="复核后扣分：记录缺失")
    code, out, _ = run(capsys, "merge", leader, members[2], "--json")
    assert code == 0 and json.loads(out)["sources"][0]["changed"] == [f"评分 e3/{item.code}"]
    with EvaluationStore.open(leader, backup=False, read_only=True) as store:
        score = store.score("e3", item.code)
        assert score is not None and score.score == 0 and score.note == "复核后扣分：记录缺失"
        origin = store.changes()[-1]
        assert origin.action == "merge" and "member3.sqlite" in origin.reason and "原记录时间" in origin.reason


# -- properties ----------------------------------------------------------------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False), repeats=st.integers(0, 3),
       members=st.integers(5, 7))
def test_random_splits_merged_in_random_orders_with_repeats_equal_the_whole(tmp_path_factory, seed, order, repeats,
                                                                          members):
    folder = tmp_path_factory.mktemp("split")
    doc = whole_evaluation(seed, small_sheet(), members=members, samples=12)
    whole = imported(folder, "whole", doc)
    leader, *parts = split(doc)
    # some records travel in more than one file (a member's copy of the panel, a sample forwarded twice)
    rng = random.Random(seed)
    for part in parts:
        if doc["survey"] and rng.random() < 0.5:
            extra = rng.choice(doc["survey"])
            if extra not in part["survey"]:
                part["survey"].append(extra)
    target = imported(folder, "leader", leader)
    files = [imported(folder, f"m{i}", part) for i, part in enumerate(parts)]
    sequence = files + [order.choice(files) for _ in range(repeats)]
    order.shuffle(sequence)
    for start in range(0, len(sequence), 3):
        merge_files(target, sequence[start:start + 3])
    assert summary_of(target) == summary_of(whole)
    assert {k: v for k, v in records_of(target).items() if k[0] in ("score", "sample")} == \
        {k: v for k, v in records_of(whole).items() if k[0] in ("score", "sample")}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), rounds=st.integers(1, 3))
def test_a_members_later_edits_returned_again_are_taken_without_a_conflict(tmp_path_factory, seed, rounds):
    """Each return of a member file carries the member's edits since; merged in turn, none is a conflict and
    the leader's file ends with what the member's laptop holds."""
    from evaluator_app import operations as ops
    from evaluator_app.domain.evaluation import Sample
    from evaluator_app.sync import members as member_files

    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("returns")
    doc = whole_evaluation(seed, small_sheet(), members=5, samples=0)
    for member in doc["panel"]:
        member["recusal"] = {"answers": {"employed": False, "consulted": False, "related": False},
                             "declared_at": "2025-11-20T08:30:00+08:00"}
    who = rng.choice(doc["panel"][1:])["id"]
    doc["scores"] = [s for s in doc["scores"] if s["member"] != who]
    leader = imported(folder, "leader", doc)
    usb = folder / "usb"
    usb.mkdir()
    with EvaluationStore.open(leader, actor="e1") as store:
        [made] = member_files.write_member_files(store, usb, [who])
        items = [item.code for item in store.sheet.scored_items]
    for number in range(rounds):
        with EvaluationStore.open(made.path, actor=who) as store:
            for item in rng.sample(items, rng.randint(1, len(items))):
                maximum = store.sheet.item(item).max
                ops.set_score(store, who, item, Decimal(rng.randint(0, int(maximum))), note="复核")
            ops.save_sample(store, Sample(f"{who}-{number}", {"Q1": "满意", "Q2": rng.choice(LEVELS[:5])}, "群众",
                                          "大厅", "2025-11-20T10:05:00+08:00", who))
            returned = member_files.write_return(store, usb, laptop=f"LAPTOP-{who}")
        report = merge_files(leader, [returned])
        assert report.open_conflicts == [] and all(not s.conflicts for s in report.sources)
    mine = {k: v for k, v in records_of(made.path).items() if k[0] in ("score", "sample") and k[1].startswith(who)}
    assert mine and {k: v for k, v in records_of(leader).items() if k in mine} == mine


def test_the_command_line_passes_over_an_older_return_like_the_window(capsys, tmp_path):
    from evaluator_app.sync import members as member_files

    doc = whole_evaluation(3, small_sheet(), members=5, samples=0)
    doc["scores"] = [s for s in doc["scores"] if s["member"] != "e2"]
    leader = imported(tmp_path, "leader", doc)
    usb = tmp_path / "usb"
    usb.mkdir()
    with EvaluationStore.open(leader, actor="e1") as store:
        [made] = member_files.write_member_files(store, usb, ["e2"])
    returns = []
    for value in ("1", "2"):
        with EvaluationStore.open(made.path, actor="e2") as store:
            store.set_score("e2", "X1", Decimal(value))
            returns.append(member_files.write_return(store, usb, laptop="LAPTOP-乙"))
    first, second = returns
    assert run(capsys, "merge", leader, second)[0] == 0
    code, _, err = run(capsys, "merge", leader, first)
    assert code == 2 and "较早的交回" in err
    code, out, _ = run(capsys, "merge", leader, first, second)
    assert code == 0 and "未合并较早的交回" in out and first.name in out
    with EvaluationStore.open(leader, backup=False, read_only=True) as store:
        assert store.score("e2", "X1").score == Decimal(2)
