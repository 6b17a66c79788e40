"""The core package loads no Qt: `evaluator_app` (the command line, the reports, the storage) runs and is
tested where PySide6 is absent, and the command line starts without paying for Qt.

Each check runs in a fresh interpreter, so nothing another test imported can hide or fake a Qt import.
A finder on `sys.meta_path` notes which `evaluator_app` module asked for Qt, so a failure names it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal

from tests.factories import ROOT, evaluation, full_scores, samples, small_sheet

QT_PACKAGES = ("PySide6", "shiboken6")

# Runs first in every child: records who imports Qt (the import itself still happens, so a module that
# falls back on ImportError cannot hide it), and reports the Qt modules loaded at exit.
PRELUDE = textwrap.dedent('''
    import atexit, json, sys, traceback

    QT_PACKAGES = {qt_packages!r}
    importers = []

    class QtWatcher:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.split(".")[0] in QT_PACKAGES:
                chain = [f"{{frame.filename}}:{{frame.lineno}}" for frame in traceback.extract_stack()
                         if "evaluator_app" in frame.filename]
                if chain and all(seen["via"] != chain[-4:] for seen in importers):
                    importers.append({{"module": name, "via": chain[-4:]}})
            return None

    sys.meta_path.insert(0, QtWatcher)

    def report():
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in QT_PACKAGES)
        sys.__stderr__.write("\\nQT-REPORT " + json.dumps({{"loaded": loaded, "importers": importers[:5]}}) + "\\n")

    atexit.register(report)
''').format(qt_packages=QT_PACKAGES)

IMPORT_EVERY_MODULE = textwrap.dedent('''
    import importlib, pkgutil
    import evaluator_app

    def fail(name):
        raise  # a package that cannot be imported fails the walk, not skipped

    names = []
    for info in pkgutil.walk_packages(evaluator_app.__path__, "evaluator_app.", onerror=fail):
        if info.name == "evaluator_app.__main__":  # runs the program; the entry point checks below cover it
            continue
        importlib.import_module(info.name)
        names.append(info.name)
    print(json.dumps(names))
''')

ENTRY_POINT = textwrap.dedent('''
    from importlib.metadata import entry_points

    (entry,) = entry_points(group="console_scripts", name="evaluator-app")
    main = entry.load()
    codes = [main(list(args)) for args in json.loads(sys.argv[1])]
    print(json.dumps(codes))
''')


def run_child(script: str, *args: str, cwd) -> tuple[subprocess.CompletedProcess, dict]:
    env = dict(os.environ)
    # The child imports the project the way this test run does, whatever the current directory.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run([sys.executable, "-c", PRELUDE + script, *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    marker = "QT-REPORT "
    lines = [line for line in result.stderr.splitlines() if line.startswith(marker)]
    assert lines, f"the child never reported (exit {result.returncode}):\n{result.stderr[-3000:]}"
    return result, json.loads(lines[-1][len(marker):])


def assert_no_qt(report: dict) -> None:
    assert not report["loaded"], (
        f"the core loaded Qt: {report['loaded'][:5]}; imported via {json.dumps(report['importers'], indent=1)}")


def test_importing_every_core_module_loads_no_qt(tmp_path):
    result, report = run_child(IMPORT_EVERY_MODULE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    imported = json.loads(result.stdout.splitlines()[-1])
    # The walk really went through the package: subpackages and their modules, not just the top.
    for name in ("evaluator_app.cli", "evaluator_app.domain.scoring", "evaluator_app.storage.store",
                 "evaluator_app.reports.pdf", "evaluator_app.signing.seal", "evaluator_app.sheets.xlsx"):
        assert name in imported
    assert_no_qt(report)


def test_command_line_entry_point_loads_no_qt(tmp_path):
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(doc, lambda m, i: Decimal("3.5") if i == "X1" and m == "e2" else None)
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    exchange = tmp_path / "evaluation.json"
    exchange.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    stored = tmp_path / "evaluation.sqlite"
    calls = [["--version"], ["import", str(exchange), str(stored)], ["summary", str(stored)],
             ["summary", str(exchange), "--json"]]
    result, report = run_child(ENTRY_POINT, json.dumps(calls), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.splitlines()[-1]) == [0, 0, 0, 0], result.stdout + result.stderr
    assert "总分" in result.stdout
    assert_no_qt(report)


def test_python_m_version_loads_no_qt(tmp_path):
    """`python -m evaluator_app --version` as a person runs it, watched with -X importtime."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "evaluator_app", "--version"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("evaluator-app "), result.stderr[-3000:]
    assert "evaluator_app.cli" in result.stderr  # the import log is there to be read
    qt = [line for line in result.stderr.splitlines() if any(f" {p}" in line for p in QT_PACKAGES)]
    assert not qt, "\n".join(qt[:10])
