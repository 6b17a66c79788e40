"""Crash trials: child processes killed (SIGKILL, or TerminateProcess on Windows) while editing or importing
an evaluation file.

They prove two promises:
- every acknowledged edit survives a crash (an edit is acknowledged once `set_score` returned);
- an import killed at any moment leaves no partial evaluation at the target path, and the next
  import to that path succeeds and removes the dead process's temporary file.

Each trial is random but seeded, so a failure names a trial that can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from evaluator_app.domain.sheet import PANEL_MEMBER
from evaluator_app.jsonfile import dumps
from evaluator_app.services.files import PARTIAL_SUFFIX
from evaluator_app.storage.store import EvaluationStore

from . import factories

pytestmark = pytest.mark.slow

# `Popen.kill`: SIGKILL on POSIX, TerminateProcess on Windows (exit code 1); the child cleans up nothing.
KILLED = 1 if os.name == "nt" else -signal.SIGKILL

EDIT_TRIALS = 60
IMPORT_TRIALS = 32
IMPORT_MEMBERS = 7
IMPORT_SAMPLES = 2000

# The edit plan, shared by the parent (which predicts the file) and the child (which edits it).
# Edit k touches key k mod n; its value changes from one round to the next, so every edit writes
# and a committed edit is recognisable in the file.
PLAN_CODE = r'''
from decimal import Decimal

def edit_keys(store):
    sheet = store.sheet
    members = [m.id for m in store.load().panel]
    items = [(i.code, i.max) for i in sheet.items if i.code != sheet.derived_item]
    return [(m, code, Decimal(mx)) for m in members for code, mx in items], Decimal(sheet.score_step)

def planned_edit(k, keys, step):
    member, item, maximum = keys[k % len(keys)]
    steps = int(maximum / step) + 1
    return member, item, step * (((k // len(keys)) + 1) % steps)
'''

CHILD_CODE = PLAN_CODE + r'''
import sys
from evaluator_app.storage.store import EvaluationStore

path, k = sys.argv[1], int(sys.argv[2])
store = EvaluationStore.open(path)
keys, step = edit_keys(store)
while True:
    member, item, value = planned_edit(k, keys, step)
    store.set_score(member, item, value)
    sys.stdout.write(f"{k} {member} {item} {value}\n")
    sys.stdout.flush()
    k += 1
'''

_plan: dict = {}
exec(PLAN_CODE, _plan)
edit_keys, planned_edit = _plan["edit_keys"], _plan["planned_edit"]


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["EVALUATOR_APP_DATA_DIR"] = str(data_dir)
    return env


def _write_document(path: Path, document: dict) -> None:
    path.write_text(dumps(document), encoding="utf-8")


def _import(source: Path, target: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evaluator_app", "import", str(source), str(target)],
                          env=env, capture_output=True, text=True, timeout=120)


def _kill(proc: subprocess.Popen) -> None:
    proc.kill()  # does nothing when the child has already ended
    proc.wait(timeout=30)


def _file_scores(store: EvaluationStore) -> dict[tuple[str, str], Decimal | None]:
    return {(s.member, s.item): s.score for s in store.load().scores}


def _check_file(path: Path) -> tuple[EvaluationStore, int]:
    """Open after a crash: integrity, change-log chain. Returns the store and the log length."""
    store = EvaluationStore.open(path)
    integrity = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
    assert integrity == ["ok"], integrity
    report = store.verify()
    assert report.ok, report.problems
    return store, report.entries


# ------------------------------------------------------------------------------------------------
# a. Edits killed at a random moment


def test_acknowledged_edits_survive_sigkill(tmp_path):
    rng = random.Random(20251120)
    env = _env(tmp_path / "data")
    source, path = tmp_path / "in.json", tmp_path / "edits.sqlite"
    _write_document(source, factories.evaluation(sheet=factories.default_sheet(), members=factories.panel(6)))
    result = _import(source, path, env)
    assert result.returncode == 0, result.stderr

    with EvaluationStore.open(path, backup=False) as store:
        keys, step = edit_keys(store)
        assert _file_scores(store) == {}
    assert len(keys) == 6 * 26

    committed: dict[tuple[str, str], Decimal] = {}  # what the file must hold
    next_k = 0  # edits 0 … next_k-1 are in the file
    unacknowledged_commits = total_acks = 0
    for trial in range(EDIT_TRIALS):
        start = next_k
        proc = subprocess.Popen([sys.executable, "-c", CHILD_CODE, str(path), str(start)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            first = proc.stdout.readline()  # the child is running and has made one edit
            assert first.endswith("\n"), f"trial {trial}: child gave no acknowledgement: {proc.stderr.read()}"
            time.sleep(rng.uniform(0.0, 0.2))
        finally:
            _kill(proc)
        rest = proc.stdout.read()
        stderr = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == KILLED, f"trial {trial}: child ended by itself: {stderr}"

        # Every complete line written to the pipe is an acknowledgement, read before or after the kill.
        lines = (first + rest).split("\n")[:-1]  # a torn last line (no newline) is not an acknowledgement
        acked = {}
        for offset, line in enumerate(lines):
            k, member, item, value = line.split(" ")
            assert int(k) == start + offset, f"trial {trial}: acknowledgements out of order: {line}"
            assert (member, item, Decimal(value)) == planned_edit(int(k), keys, step), line
            acked[(member, item)] = Decimal(value)
        total_acks += len(lines)
        last_acked = start + len(lines) - 1

        # The file holds exactly the edits up to the last acknowledged one, plus perhaps the one
        # edit the child had begun (committed before the kill, acknowledgement not yet written).
        expected = dict(committed)
        for k in range(start, last_acked + 1):
            member, item, value = planned_edit(k, keys, step)
            expected[(member, item)] = value
        next_member, next_item, next_value = planned_edit(last_acked + 1, keys, step)
        begun = (next_member, next_item)
        expected_plus = expected | {begun: next_value}

        store, entries = _check_file(path)
        try:
            held = _file_scores(store)
        finally:
            store.close()
        for key, value in acked.items():  # the promise, stated directly
            if key == begun:
                assert held.get(key) in (value, next_value), f"trial {trial}: {key} lost its edit"
            else:
                assert held.get(key) == value, f"trial {trial}: acknowledged {key} = {value}, file holds " \
                                               f"{held.get(key)}"
        if held == expected:
            next_k = last_acked + 1
        else:
            differences = {key: (held.get(key), expected.get(key)) for key in held.keys() | expected.keys()
                           if held.get(key) != expected.get(key)}
            assert held == expected_plus, f"trial {trial}: file differs from the acknowledged edits: {differences}"
            next_k = last_acked + 2
            unacknowledged_commits += 1
        committed = held
        assert entries == 1 + next_k, f"trial {trial}: change log has {entries} entries, expected {1 + next_k}"

    assert total_acks >= 2 * EDIT_TRIALS, "the children made too few edits for the trials to mean much"
    print(f"\n{EDIT_TRIALS} edit trials: {total_acks} acknowledged edits, {next_k} in the file, "
          f"{unacknowledged_commits} kills landed between commit and acknowledgement")


# ------------------------------------------------------------------------------------------------
# b. Imports killed at a random moment


def _big_document() -> dict:
    sheet = factories.default_sheet()
    document = factories.evaluation(sheet=sheet, members=factories.panel(IMPORT_MEMBERS, experts=3))
    rng = random.Random(7)

    def value_for(member, item):  # varied, valid scores (multiples of the step, within the maximum)
        maximum = next(i["max"] for c in sheet["categories"] for i in c["items"] if i["code"] == item)
        return Decimal("0.5") * rng.randint(0, int(Decimal(maximum) * 2))

    document["scores"] = factories.full_scores(document, value_for)
    for score in document["scores"]:
        score["note"] = "扣分理由见现场记录"
    questions = [q["code"] for q in sheet["survey"]["questions"]]
    labels = [level["label"] for level in sheet["survey"]["levels"]] + ["不了解"]
    document["survey"] = factories.samples(
        [tuple(rng.choice(labels) for _ in questions) for _ in range(IMPORT_SAMPLES)], questions)
    return document


def _assert_full_evaluation(path: Path, document: dict) -> None:
    store, entries = _check_file(path)
    with store:
        evaluation = store.load()
    assert entries == 1
    assert [m.id for m in evaluation.panel] == [m["id"] for m in document["panel"]]
    assert len(evaluation.survey) == IMPORT_SAMPLES
    assert [(s.id, s.answers) for s in evaluation.survey] == [(s["id"], s["answers"]) for s in document["survey"]]
    scores = {(s.member, s.item): s.score for s in evaluation.scores}
    assert len(scores) == IMPORT_MEMBERS * 26
    assert scores == {(s["member"], s["item"]): Decimal(s["score"]) for s in document["scores"]}
    assert PANEL_MEMBER not in {s.member for s in evaluation.scores}


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if PARTIAL_SUFFIX in p.name)


def test_import_killed_at_any_moment_leaves_no_partial_evaluation(tmp_path):
    rng = random.Random(19)
    env = _env(tmp_path / "data")
    document = _big_document()
    source = tmp_path / "big.json"
    _write_document(source, document)

    # One undisturbed import: the reference, and how long an import takes here.
    calibration = tmp_path / "calibration" / "out.sqlite"
    calibration.parent.mkdir()
    began = time.perf_counter()
    result = _import(source, calibration, env)
    duration = time.perf_counter() - began
    assert result.returncode == 0, result.stderr
    _assert_full_evaluation(calibration, document)
    assert _partials(calibration.parent) == []

    # Kill moments spread evenly (with jitter) from 0 to 30 % past a whole import.
    span = duration * 1.3
    delays = [span * (i + rng.random()) / IMPORT_TRIALS for i in range(IMPORT_TRIALS)]
    outcomes = {"absent": 0, "complete": 0, "partial left": 0, "finished before kill": 0,
                "link left beside complete file": 0}
    def trial_run(trial: int, delay: float) -> None:
        folder = tmp_path / f"trial{trial:02d}"
        folder.mkdir()
        target = folder / "out.sqlite"
        proc = subprocess.Popen([sys.executable, "-m", "evaluator_app", "import", str(source), str(target)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        _kill(proc)
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        assert proc.returncode in (0, KILLED), f"trial {trial}: import failed: {stderr}"
        if proc.returncode == 0:
            outcomes["finished before kill"] += 1
            assert target.exists(), f"trial {trial}: import reported success but {target} is missing"

        if target.exists():
            outcomes["complete"] += 1
            _assert_full_evaluation(target, document)
            if _partials(folder):
                # Killed after linking into place, before removing the temporary name.
                outcomes["link left beside complete file"] += 1
            return

        outcomes["absent"] += 1
        leftovers = _partials(folder)
        if leftovers:
            outcomes["partial left"] += 1
            assert all(name.startswith(f".out.sqlite.{proc.pid}.") for name in leftovers), leftovers
        result = _import(source, target, env)
        assert result.returncode == 0, f"trial {trial}: import after a killed import failed: {result.stderr}"
        _assert_full_evaluation(target, document)
        assert _partials(folder) == [], f"trial {trial}: leftovers of the killed import remain: {_partials(folder)}"

    for trial, delay in enumerate(delays):
        trial_run(trial, delay)
    # On a loaded machine the build may have been missed: more kills within the middle of an import.
    extra = 0
    while outcomes["partial left"] == 0 and extra < 16:
        trial_run(IMPORT_TRIALS + extra, duration * rng.uniform(0.3, 1.0))
        extra += 1

    print(f"\n{IMPORT_TRIALS + extra} import trials (import takes {duration * 1000:.0f} ms): {outcomes}")
    # The kills must have landed before, during and after the build, or the trials prove nothing.
    assert outcomes["absent"] > 0 and outcomes["complete"] > 0, outcomes
    assert outcomes["partial left"] > 0, outcomes
