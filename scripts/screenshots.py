"""Screenshots of every step at 1366×768 for docs/ (run under Xvfb: scripts/screenshots.sh).

    screenshots.py [OUT_DIR] [--language zh_CN|en]

Builds the demo evaluation in a temporary folder, marks the panel's progress as at the end of the
visit (steps 1–7 done, every sheet submitted, the debrief under way), and grabs the real window at each step,
in the interface language chosen (the setting is made before the window is built, as a user would have it).
Chinese goes to docs/screenshots/, English to docs/screenshots-en/ unless OUT_DIR says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


OUT_DIRS = {"zh_CN": ROOT / "docs" / "screenshots", "en": ROOT / "docs" / "screenshots-en"}


def main(out_dir: Path, steps_done: int = 7, language: str = "zh_CN") -> None:
    workdir = Path(tempfile.mkdtemp(prefix="evaluator-shots-"))
    os.environ["EVALUATOR_APP_DATA_DIR"] = str(workdir / "data")
    from evaluator_app.domain.steps import steps_for
    from evaluator_app.services.demo import demo_evaluation
    from evaluator_app.services.handover import complete_on_site_work
    from evaluator_app.storage.store import EvaluationStore
    from ui import messages
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    path = workdir / "某市政务服务中心-2025-11-18.sqlite"
    evaluation = demo_evaluation()
    with EvaluationStore.create(path, evaluation, actor="e1") as store:
        complete_on_site_work(store, upto=steps_for(evaluation.kind)[steps_done - 1].key)
    messages.interactive = False
    app = create_application()
    settings = AppSettings()
    settings.language = language
    settings.first_run_done = True
    settings.sync()
    window = MainWindow(settings)  # installs the language of the settings
    window.resize(1366, 768)
    window.show_start()  # built on first use (opening a file skips it)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(out_dir / "start.png"))
    print(out_dir / "start.png")
    window.open_file(str(path))
    for number in range(1, len(window.page.steps) + 1):
        window.page.go_to(number)
        if number == 6:
            window.page.step_page(6).tabs.setCurrentIndex(1)
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(out_dir / f"step{number}.png"))
        print(out_dir / f"step{number}.png")
    window.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshots of the start page and every step at 1366×768.")
    parser.add_argument("out_dir", nargs="?", type=Path, help="default: docs/screenshots (Chinese), "
                                                              "docs/screenshots-en (English)")
    parser.add_argument("--language", choices=sorted(OUT_DIRS), default="zh_CN")
    args = parser.parse_args()
    main(args.out_dir or OUT_DIRS[args.language], language=args.language)
