"""Screenshots of every step at 1366×768 for docs/screenshots/ (run under Xvfb: scripts/screenshots.sh).

Builds the demo evaluation in a temporary folder, marks the panel's progress as at the end of the
visit (steps 1–7 done, every sheet submitted, the debrief under way), and grabs the real window at each step.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out_dir: Path, steps_done: int = 7) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="evaluator-shots-"))
    os.environ["EVALUATOR_APP_DATA_DIR"] = str(workdir / "data")
    from evaluator_app.services import workflow
    from evaluator_app.services.demo import demo_evaluation
    from evaluator_app.storage.store import EvaluationStore
    from ui import messages
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    path = workdir / "某市政务服务中心-2025-11-18.sqlite"
    evaluation = demo_evaluation()
    with EvaluationStore.create(path, evaluation, actor="e1") as store:
        for number in range(1, steps_done + 1):
            store.set_step(number, workflow.DONE)
        submitted = {m.id: "2025-11-18T15:40:00+08:00" for m in evaluation.panel}
        store.set_step(6, data={"submitted": submitted})
    messages.interactive = False
    app = create_application()
    window = MainWindow(AppSettings())
    window.resize(1366, 768)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(out_dir / "start.png"))
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
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
