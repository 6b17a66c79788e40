"""scripts/setup.sh chooses the Qt line by the system's glibc (simulated here with stand-in commands)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def which_line(tmp_path: Path, getconf: str | None = None, ldd: str | None = None, **env: str):
    """Run `setup.sh --which-qt-line` with `getconf` and `ldd` answering as given (None: the command fails)."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    for name, output in (("getconf", getconf), ("ldd", ldd)):
        script = fake / name
        script.write_text(f"#!/bin/sh\necho '{output}'\n" if output is not None else "#!/bin/sh\nexit 1\n")
        script.chmod(0o755)
    environment = {key: value for key, value in os.environ.items() if key != "EVALUATOR_QT_LINE"}
    environment |= {"PATH": f"{fake}:{os.environ['PATH']}", **env}
    return subprocess.run(["bash", "scripts/setup.sh", "--which-qt-line"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize(("getconf", "ldd", "version", "why"), [
    ("glibc 2.31", None, "6.9.3", "本机 glibc 2.31 低于 2.34"),  # 统信UOS 20 / 银河麒麟 V10 class
    ("glibc 2.28", None, "6.9.3", "本机 glibc 2.28 低于 2.34"),
    ("glibc 2.34", None, "6.11.3", "本机 glibc 2.34 ≥ 2.34"),
    ("glibc 2.36", None, "6.11.3", "本机 glibc 2.36 ≥ 2.34"),
    (None, "ldd (GNU libc) 2.31", "6.9.3", "本机 glibc 2.31 低于 2.34"),  # no getconf: ldd --version
    (None, "ldd (Ubuntu GLIBC 2.35-0ubuntu3.8) 2.35", "6.11.3", "本机 glibc 2.35 ≥ 2.34"),
    (None, None, "6.9.3", "未能读出 glibc 版本"),
])
def test_the_qt_line_follows_the_glibc(tmp_path, getconf, ldd, version, why):
    result = which_line(tmp_path, getconf, ldd)
    assert result.returncode == 0, result.stderr
    assert f"PySide6-Essentials {version}" in result.stdout and why in result.stdout


def test_the_line_can_be_chosen_and_a_wrong_one_is_refused(tmp_path):
    chosen = which_line(tmp_path, "glibc 2.36", None, EVALUATOR_QT_LINE="6.9")
    assert "PySide6-Essentials 6.9.3（6.9 线；按指定）" in chosen.stdout
    wrong = which_line(tmp_path, "glibc 2.36", None, EVALUATOR_QT_LINE="5.15")
    assert wrong.returncode == 2 and "不支持的 Qt 版本线 5.15" in wrong.stderr


def test_each_line_pins_an_exact_qt_in_its_constraints():
    for line, version in (("6.11", "6.11.3"), ("6.9", "6.9.3")):
        text = (ROOT / "constraints" / f"qt-{line}.txt").read_text(encoding="utf-8")
        assert f"PySide6-Essentials=={version}" in text and f"shiboken6=={version}" in text
