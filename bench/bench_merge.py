"""Merging the panel's returns into the leader's file, beside importing the same data as one document.

Run: .venv/bin/python bench/bench_merge.py [--profile]

The evaluation: a sheet of 100 items (10 categories of 10), 7 members, and 2,000 survey samples. The
leader's file holds the panel and the sheet; a member file is written from it for each of the 7
(`sync.members.write_member_files`: its own replica id, `bound_member`, `bound_from`, `sent_at`, and the
leader's file remembers what they share), each member enters their 100 scores and collects their share
of the samples in theirs, and hands back a return (`write_return`: `laptop`, `returned_at`).
Measured, median of RUNS, each a fresh subprocess on a fresh copy of the leader's file:
  merge  `python -m evaluator_app merge LEADER r1 … r7` (7 × 100 scores + 2,000 samples taken)
  floor  `python -m evaluator_app import DOC OUT`, DOC the exchange document of the same evaluation
         with the same 700 scores and 2,000 samples
and prints the ratio (target ≤ 2×). With --profile, one merge in-process under cProfile: the functions
of evaluator_app/sync/merge.py and what they call, by cumulative time. It then times refusing hostile
personal workbooks (a million rows, a huge shared string, rows full of formulas, a declared dimension of
the whole sheet). Timings are printed, never asserted: the script exits 0 whatever it measures.
"""

from __future__ import annotations

import copy
import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 5
MEMBERS = 7
ITEMS = 100
SAMPLES = 2000
TARGET_RATIO = 2.0


def build_sheet() -> dict:
    from tests import factories

    sheet = factories.small_sheet(deduction_note_required=False, pass_score=60, total_cap=100)
    sheet["id"], sheet["name"] = "bench-100", "基准计分表（100 项）"
    sheet["categories"] = [
        {"code": f"C{c}", "name": f"类别{c}", "max": 10, "items": [
            {"code": f"C{c}-{i}", "name": f"项目{c}-{i}", "max": 1, "guidance": "查阅资料，对照要求逐项核查",
             "method": "查阅资料", "step": 3} for i in range(1, 11)]}
        for c in range(1, 11)]
    sheet["vetoes"] = [{"code": "V1", "text": "重大事故"}]
    del sheet["survey"]["derive"]
    return sheet


def build_document() -> tuple[dict, dict]:
    """(the leader's document: panel and sheet; the whole evaluation: also every score and sample)."""
    from tests import factories

    rng = random.Random(2026)
    leader = factories.evaluation(sheet=build_sheet(), members=factories.panel(MEMBERS, experts=3), id="bench-merge")
    whole = copy.deepcopy(leader)
    whole["scores"] = [{"member": m["id"], "item": f"C{c}-{i}", "score": Decimal("0.5") * rng.randint(0, 2),
                        "note": "部分资料不全"}
                       for m in leader["panel"] for c in range(1, 11) for i in range(1, 11)]
    labels = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    samples = factories.samples([(rng.choice(labels), rng.choice(labels)) for _ in range(SAMPLES)], ["Q1", "Q2"])
    for n, sample in enumerate(samples):
        sample["collector"] = leader["panel"][n % MEMBERS]["id"]
    whole["survey"] = samples
    return leader, whole


def write_json(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), "utf-8")
    return path


def make_returns(folder: Path, leader_doc: dict, whole: dict) -> tuple[Path, list[Path]]:
    """The leader's file and each member's return, through the member-file route (sync/members.py): member
    files written from the leader's file, each member's scores and samples entered in theirs, a return
    written from each."""
    from evaluator_app.domain.evaluation import Sample
    from evaluator_app.storage.store import EvaluationStore
    from evaluator_app.sync.members import write_member_files, write_return

    leader = folder / "leader.evaluation"
    (folder / "member-files").mkdir()
    (folder / "returns").mkdir()
    with EvaluationStore.create(leader, _parse(leader_doc), actor="bench") as store:
        written = write_member_files(store, folder / "member-files", [m["id"] for m in leader_doc["panel"]])
    returns = []
    for index, made in enumerate(written, start=1):
        with EvaluationStore.open(made.path, actor=made.member, backup=False) as store:
            with store.transaction():
                for score in whole["scores"]:
                    if score["member"] == made.member:
                        store.set_score(made.member, score["item"], Decimal(score["score"]), note=score["note"])
                for sample in whole["survey"]:
                    if sample["collector"] == made.member:
                        store.save_sample(Sample(sample["id"], sample["answers"], sample["respondent_type"],
                                                 sample["place"], sample["time"], sample["collector"]))
            returns.append(write_return(store, folder / "returns", laptop=f"笔记本{index}"))
    return leader, returns


def _parse(document: dict):
    from evaluator_app.exchange.document import parse_evaluation

    return parse_evaluation(json.loads(json.dumps(document, default=str), parse_float=Decimal), "bench")


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "evaluator_app", *args], capture_output=True, text=True,
                            env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"evaluator-app {args[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def check_merged(target: Path, whole: dict) -> None:
    from evaluator_app.storage.store import EvaluationStore

    with EvaluationStore.open(target, backup=False, read_only=True) as store:
        scores = store.conn.execute("SELECT count(*) FROM score").fetchone()[0]
        samples = store.conn.execute("SELECT count(*) FROM sample").fetchone()[0]
    if (scores, samples) != (len(whole["scores"]), len(whole["survey"])):
        sys.exit(f"the merge left {scores} scores and {samples} samples, expected "
                 f"{len(whole['scores'])} and {len(whole['survey'])}")


def profile_merge(folder: Path, leader: Path, returns: list[Path]) -> None:
    from evaluator_app.sync.merge import merge_files

    target = folder / "profiled.evaluation"
    shutil.copyfile(leader, target)
    profiler = cProfile.Profile()
    profiler.enable()
    merge_files(target, returns)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(35)
    print("\n-- cProfile of one merge, in-process (cumulative) --")
    print(out.getvalue().split("\n", 6)[-1][:6000])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print("-- by own time --")
    print(out.getvalue().split("\n", 6)[-1][:3500])


def hostile_workbooks(folder: Path, env: dict) -> None:
    """Seconds to refuse hostile personal workbooks through `merge`."""
    from evaluator_app.storage.store import EvaluationStore
    from tests import factories

    target = folder / "small.evaluation"
    with EvaluationStore.create(target, _parse(factories.evaluation(id="hostile")), actor="bench") as store:
        from evaluator_app.sync.workbook import export_member_workbook
        good = export_member_workbook(store, "e2", folder / "e2.xlsx")

    def rewrite(name: str, edit) -> Path:
        out = folder / name
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = edit(data.decode("utf-8")).encode("utf-8")
                zout.writestr(info, data)
        return out

    rng = random.Random(7)

    def append(rows: str):
        return lambda text: text.replace("</sheetData>", rows + "</sheetData>")

    cases = {
        "10^6 rows": append("".join(f'<row r="{n}"><c r="D{n}"><v>1</v></c></row>' for n in range(20, 1_000_020))),
        "400,000 empty rows (else valid)": append("".join(f'<row r="{n}"/>' for n in range(20, 400_020))),
        "15 MB text": append('<row r="20"><c r="E20" t="inlineStr"><is><t>' + "长" * 5_000_000 + "</t></is></c></row>"),
        "12 MB incompressible text in a note": lambda text: re.sub(
            r'<c r="E8"[^>]*?(/>|></c>)', lambda _: '<c r="E8" t="inlineStr"><is><t>' + "".join(
                chr(0x4E00 + rng.randrange(20000)) for _ in range(4_000_000)) + "</t></is></c>", text, count=1),
        "4,000 formulas": append("".join(f'<row r="{n}"><c r="D{n}"><f>REPT("x",32000)</f></c></row>'
                                         for n in range(20, 4020))),
        "dimension A1:XFD1048576 + last row": lambda text: append(
            '<row r="1048576"><c r="D1048576"><v>1</v></c></row>')(text.replace(
                '<dimension ref="A1:H9"/>', '<dimension ref="A1:XFD1048576"/>')),
    }
    print("\n-- refusing hostile personal workbooks (evaluator-app merge, subprocess) --")
    for number, (label, edit) in enumerate(cases.items()):
        path = rewrite(f"hostile-{number}.xlsx", edit)
        before = target.read_bytes()
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "evaluator_app", "merge", str(target), str(path)],
                                capture_output=True, text=True, env=env, cwd=ROOT)
        elapsed = time.perf_counter() - start
        first = (result.stderr.strip().splitlines() or [""])[-1].strip()[:70]
        kept = "target unchanged" if target.read_bytes() == before else "target written"
        print(f"  {label:<38} exit {result.returncode}  {elapsed:5.2f} s  {kept}  {first}")


def main() -> int:
    profile = "--profile" in sys.argv
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, EVALUATOR_APP_DATA_DIR=str(folder / "data"),
                   EVALUATOR_APP_CONFIG_DIR=str(folder / "config"))
        os.environ.update(EVALUATOR_APP_DATA_DIR=env["EVALUATOR_APP_DATA_DIR"],
                          EVALUATOR_APP_CONFIG_DIR=env["EVALUATOR_APP_CONFIG_DIR"])
        leader_doc, whole = build_document()
        document = write_json(folder / "whole.json", whole)
        print(f"preparing: a sheet of {ITEMS} items, {MEMBERS} members, {SAMPLES} samples …", flush=True)
        leader, returns = make_returns(folder, leader_doc, whole)
        merges, imports = [], []
        for run in range(RUNS):
            out = folder / f"imported-{run}.evaluation"
            imports.append(timed(["import", str(document), str(out)], env))
            target = folder / f"merged-{run}.evaluation"
            shutil.copyfile(leader, target)
            merges.append(timed(["merge", str(target), *map(str, returns)], env))
            check_merged(target, whole)
        merge, floor = statistics.median(merges), statistics.median(imports)
        ratio = merge / floor
        print(f"merge 7 returns (700 scores, {SAMPLES} samples)   median {merge * 1000:8.0f} ms   "
              f"runs {', '.join(f'{t * 1000:.0f}' for t in merges)}")
        print(f"floor: import the same as one document       median {floor * 1000:8.0f} ms   "
              f"runs {', '.join(f'{t * 1000:.0f}' for t in imports)}")
        print(f"ratio {ratio:.2f}× (target ≤ {TARGET_RATIO:.0f}×): {'目标达成' if ratio <= TARGET_RATIO else '未达成'}")
        if profile:
            profile_merge(folder, leader, returns)
        hostile_workbooks(folder, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
