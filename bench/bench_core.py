"""Core timings of evaluator-app, each beside a floor measured in the same run.

Run: .venv/bin/python bench/bench_core.py

The document: the default sheet, 7 members scoring every member-scored item (26 of the 27 items;
the 27th, D3, is derived from the survey), and 2,000 survey samples. Timings are printed, never
asserted: the script exits 0 whatever it measures.
"""

from __future__ import annotations

import json
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMPORT_RUNS = 5
SUMMARY_RUNS = 30
EDIT_COUNT = 300
MEMBERS = 7
SAMPLES = 2000
SUMMARY_TARGET_MS = 50.0
EDIT_P95_TARGET_MS = 10.0


def build_document() -> dict:
    from tests import factories

    sheet = factories.default_sheet()
    document = factories.evaluation(sheet=sheet, members=factories.panel(MEMBERS, experts=3))
    rng = random.Random(2026)
    maxima = {i["code"]: Decimal(i["max"]) for c in sheet["categories"] for i in c["items"]}
    document["scores"] = factories.full_scores(
        document, lambda member, item: Decimal("0.5") * rng.randint(int(maxima[item]), int(maxima[item] * 2)))
    for score in document["scores"]:
        if score["score"] < maxima[score["item"]]:
            score["note"] = "部分资料不全"
    questions = [q["code"] for q in sheet["survey"]["questions"]]
    labels = [level["label"] for level in sheet["survey"]["levels"]]
    weights = [40, 35, 15, 6, 4]
    document["survey"] = factories.samples(
        [tuple(rng.choices(labels, weights)[0] for _ in questions) for _ in range(SAMPLES)], questions)
    return document


# -- statistics and output -------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def table(rows: list[list[str]]) -> str:
    sizes = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(pad(cell, sizes[i], right=i > 0) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * s for s in sizes))
    return "\n".join(lines)


# -- measurements ------------------------------------------------------------------------------------

def timed_subprocess(args: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"失败：{' '.join(args)}\n{result.stderr}")
    return elapsed


def measure_import(source: Path, folder: Path, env: dict[str, str]) -> tuple[list[float], list[float], Path]:
    app, floor = [], []
    for run in range(IMPORT_RUNS):
        target = folder / f"import-{run}.sqlite"
        app.append(timed_subprocess([sys.executable, "-m", "evaluator_app", "import", str(source), str(target)], env))
        floor.append(timed_subprocess(
            [sys.executable, "-c",
             "import json,decimal,sys; json.loads(open(sys.argv[1], encoding='utf-8').read(), "
             "parse_float=decimal.Decimal)", str(source)], env))
    return app, floor, folder / "import-0.sqlite"


def measure_summary(path: Path) -> tuple[list[float], list[float], object]:
    from evaluator_app.domain.scoring import compute
    from evaluator_app.storage.store import EvaluationStore

    app = []
    with EvaluationStore.open(path, backup=False) as store:
        for _ in range(2):  # warm-up, not counted
            summary = compute(store.load())
        for _ in range(SUMMARY_RUNS):
            began = time.perf_counter()
            summary = compute(store.load())
            app.append(time.perf_counter() - began)

    floor = []
    conn = sqlite3.connect(path)
    try:
        for _ in range(2 + SUMMARY_RUNS):
            began = time.perf_counter()
            scores = conn.execute("SELECT * FROM score").fetchall()
            samples = conn.execute("SELECT * FROM sample").fetchall()
            answers = [json.loads(row[6]) for row in samples]  # column 6: answers
            floor.append(time.perf_counter() - began)
        assert len(scores) == MEMBERS * 26 and len(answers) == SAMPLES
    finally:
        conn.close()
    return app, floor[2:], summary


def measure_edits(path: Path) -> tuple[list[float], list[float]]:
    from evaluator_app import operations
    from evaluator_app.storage.store import EvaluationStore

    app = []
    with EvaluationStore.open(path, backup=False) as store:
        sheet = store.sheet
        keys = [(m.id, i.code, i.max) for m in store.load().panel for i in sheet.items if i.code != sheet.derived_item]
        for n in range(EDIT_COUNT):
            member, item, maximum = keys[n % len(keys)]
            current = store.conn.execute("SELECT score FROM score WHERE member_id = ? AND item = ?",
                                         (member, item)).fetchone()[0]
            value = maximum if Decimal(current) != maximum else maximum - sheet.score_step  # always a change
            before = store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
            began = time.perf_counter()
            operations.set_score(store, member, item, value, "基准测试")  # as every edit in the window
            app.append(time.perf_counter() - began)
            after = store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
            if after != before + 1:
                raise SystemExit(f"第 {n} 次修改没有写入：{member}/{item} = {value}")

    from evaluator_app.storage.db import JOURNAL_MODE
    return app, bare_commits(path.with_name("floor-edits.sqlite"), JOURNAL_MODE)


def bare_commits(bare: Path, journal_mode: str) -> list[float]:
    """The floor: a bare sqlite3 connection with the file's pragmas (journal mode, synchronous=FULL)
    committing one INSERT at a time."""
    floor = []
    conn = sqlite3.connect(bare, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode = {journal_mode}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        for n in range(EDIT_COUNT):
            began = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (v) VALUES (?)", (f"修改 {n}" * 20,))
            conn.execute("COMMIT")
            floor.append(time.perf_counter() - began)
    finally:
        conn.close()
    return floor


def journal_modes(folder: Path) -> list[list[str]]:
    """The same floor in each journal mode, for the choice of the file's mode."""
    rows = [["日志模式", "中位数 ms", "p95 ms"]]
    for mode in ("delete", "truncate", "persist", "wal"):
        floor = bare_commits(folder / f"floor-{mode}.sqlite", mode)
        rows.append([mode, ms(median(floor)), ms(p95(floor))])
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="evaluator-bench-") as tmp:
        folder = Path(tmp)
        os.environ["EVALUATOR_APP_DATA_DIR"] = str(folder / "data")  # backups, logs: never the user's
        env = dict(os.environ)
        from evaluator_app.jsonfile import dumps

        document = build_document()
        source = folder / "evaluation.json"
        source.write_text(dumps(document), encoding="utf-8")

        import_app, import_floor, path = measure_import(source, folder, env)
        summary_app, summary_floor, summary = measure_summary(path)
        edit_app, edit_floor = measure_edits(path)
        modes = journal_modes(folder)
        sizes = (source.stat().st_size, path.stat().st_size)

    print(f"evaluator-app 核心性能（{MEMBERS} 名成员 × 27 项（26 项成员评分 + D3 由满意度换算），"
          f"{SAMPLES} 份样本；"
          f"JSON {sizes[0] // 1024} KiB，评估文件 {sizes[1] // 1024} KiB）")
    print(f"Python {sys.version.split()[0]}，SQLite {sqlite3.sqlite_version}，{os.cpu_count()} 核；"
          f"汇总结果：总分 {float(summary.total):.2f}，结论 {summary.result}")
    print()
    rows = [["测量", "次数", "中位数 ms", "p95 ms", "下限中位数 ms", "下限 p95 ms",
             "倍数(中位数)", "倍数(p95)"]]
    for name, count, app, floor, show_p95 in (
            ("导入（子进程）", IMPORT_RUNS, import_app, import_floor, False),
            ("汇总 compute(load())", SUMMARY_RUNS, summary_app, summary_floor, True),
            ("单项评分提交 operations.set_score", EDIT_COUNT, edit_app, edit_floor, True)):
        rows.append([name, str(count), ms(median(app)), ms(p95(app)) if show_p95 else "-",
                     ms(median(floor)), ms(p95(floor)) if show_p95 else "-",
                     f"{median(app) / median(floor):.1f}x",
                     f"{p95(app) / p95(floor):.1f}x" if show_p95 else "-"])
    print(table(rows))
    print()
    from evaluator_app.storage.db import JOURNAL_MODE
    print("下限：导入 = 子进程 json.loads(parse_float=Decimal) 同一文件；"
          "汇总 = 裸 sqlite3 读 score 与 sample 表并解析 answers；"
          f"提交 = 裸 sqlite3（journal_mode={JOURNAL_MODE}，synchronous=FULL，与评估文件相同）"
          "BEGIN IMMEDIATE; INSERT; COMMIT")
    summary_ms = median(summary_app) * 1000
    edit_p95_ms = p95(edit_app) * 1000
    summary_p95_ms = p95(summary_app) * 1000
    print(f"目标 汇总 ≤ {SUMMARY_TARGET_MS:.0f} ms，按 p95 判定"
          f"（中位数 {summary_ms:.1f} ms，p95 {summary_p95_ms:.1f} ms）："
          f"{'目标达成' if summary_p95_ms <= SUMMARY_TARGET_MS else '未达成'}")
    print(f"目标 单项评分提交 p95 ≤ {EDIT_P95_TARGET_MS:.0f} ms（中位数 {median(edit_app) * 1000:.1f} ms，"
          f"p95 {edit_p95_ms:.1f} ms，下限 p95 {p95(edit_floor) * 1000:.1f} ms，倍数 "
          f"{p95(edit_app) / p95(edit_floor):.1f}x）：{'目标达成' if edit_p95_ms <= EDIT_P95_TARGET_MS else '未达成'}")
    print()
    print(f"裸提交下限按日志模式（{EDIT_COUNT} 次，同一文件夹；评估文件用 {JOURNAL_MODE}）：")
    print(table(modes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
