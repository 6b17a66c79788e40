"""The office register's rollup of 200 packages, beside verifying one package 200 times, in one process.

Run: .venv/bin/python bench/bench_rollup.py [--packages 200] [--made 12] [--runs 2]

It makes MADE signed evaluations with their packages (`services.office_demo.build_office_demo`, as
`evaluator-app demo DIR --pilots MADE`, about 1–3 s each) in a temporary folder (also the configuration
and data folder, so the seal is this run's own) and copies them round-robin into PACKAGES files in
sub-folders. Then, alternating, RUNS times each:
  rollup  `office.register.rollup(folder)`: every package found, verified (`verify_package`), its
          exchange document read and summarised, the flags and statistics (what `office rollup --json` does
          before printing), and the same followed by the workbook (`-o OUT.xlsx`)
  floor   `verify_package(one package)` called PACKAGES times
and prints the best of each, the ratio rollup / floor (target ≤ 2×: the register adds reading, parsing and
summarising each document to verifying it) and where the rollup's time goes (verify, read and summarise,
the rest). Timings are printed, never asserted: the script exits 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--made", type=int, default=12)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rollup-") as temp:
        base = Path(temp)
        os.environ["EVALUATOR_APP_CONFIG_DIR"] = str(base / "config")
        os.environ["EVALUATOR_APP_DATA_DIR"] = str(base / "data")
        return run(base, options.packages, options.made, options.runs)


def run(base: Path, packages: int, made: int, runs: int) -> int:
    from evaluator_app.office import register as register_module
    from evaluator_app.office.register import rollup
    from evaluator_app.reports.register_xlsx import export_register_xlsx
    from evaluator_app.services.office_demo import build_office_demo
    from evaluator_app.signing.package import verify_package

    started = time.perf_counter()
    entries = build_office_demo(base / "made", made)
    print(f"{made} 个已签字评估及报送包：{time.perf_counter() - started:.1f} s"
          f"（每个 {(time.perf_counter() - started) / made:.2f} s）")
    folder = base / "received"
    for number in range(packages):
        target = folder / f"批次{number % 4 + 1}" / f"{number + 1:04d}.zip"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(entries[number % made].package, target)
    one = entries[0].package

    verify_package(one)  # warm: imports, fonts, the trust list
    rollup(folder / "批次1")

    timings: dict[str, list[float]] = {"rollup": [], "rollup+xlsx": [], "floor": []}
    parts: dict[str, float] = {}
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(packages):
            report = verify_package(one)
            assert report.ok, report.problems
        timings["floor"].append(time.perf_counter() - started)

        parts = _instrument(register_module)
        started = time.perf_counter()
        register = rollup(folder)
        timings["rollup"].append(time.perf_counter() - started)
        _restore(register_module)
        assert len(register.rows) == packages and register.all_trusted

        started = time.perf_counter()
        register = rollup(folder)
        export_register_xlsx(register, base / "登记表.xlsx")
        timings["rollup+xlsx"].append(time.perf_counter() - started)

    floor = min(timings["floor"])
    print(f"报送包 {packages} 个（{made} 个不同的评估，各复制 {packages // made} 至 {-(-packages // made)} 份）")
    print(f"{'':<14}{'最好':>10}{'每个':>12}{'各次':>24}")
    for name, values in timings.items():
        best = min(values)
        print(f"{name:<14}{best:>9.2f}s{best / packages * 1000:>10.1f}ms{'  '.join(f'{v:.2f}' for v in values):>24}")
    ratio = min(timings["rollup"]) / floor
    verdict = "目标达成" if ratio <= TARGET_RATIO else "未达成"
    print(f"rollup / floor = {ratio:.2f}×（目标 ≤ {TARGET_RATIO}×）：{verdict}")
    print(f"rollup+xlsx / floor = {min(timings['rollup+xlsx']) / floor:.2f}×")
    total = timings["rollup"][-1]
    rest = total - sum(parts.values())
    print("rollup 的时间（最后一次）：" + "，".join(f"{name} {value:.2f} s" for name, value in parts.items())
          + f"，其余 {rest:.2f} s")
    return 0


_ORIGINALS: dict[str, object] = {}


def _instrument(module: object) -> dict[str, float]:
    """Time the register's calls to verify_package, to reading the document and to compute."""
    spent = {"verify": 0.0, "read+summary": 0.0}
    for name, key in (("verify_package", "verify"), ("read_evaluation", "read+summary"),
                      ("compute", "read+summary")):
        original = _ORIGINALS.setdefault(name, getattr(module, name))

        def timed(*args: object, _original: Any = original, _key: str = key, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_key] += time.perf_counter() - started
        setattr(module, name, timed)
    return spent


def _restore(module: object) -> None:
    for name, original in _ORIGINALS.items():
        setattr(module, name, original)


if __name__ == "__main__":
    sys.exit(main())
