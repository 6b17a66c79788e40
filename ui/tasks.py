"""Slow work (reports, packages, backups, attachments, the demo) on a worker thread, reporting progress
and results on the GUI thread.

Exports and backups open their own read-only connection to the evaluation file, so typing goes on
meanwhile; an operation that writes (an attachment) uses the session's connection, which the session
hands over for its duration (`EvaluationSession.run_in_background`).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from evaluator_app.errors import UserError

log = logging.getLogger("evaluator_app.ui")


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], object]):
        super().__init__()
        self.work = work
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except UserError as err:
            self.signals.failed.emit(str(err))
        except Exception:  # a bug: logged with its traceback, shown as a plain message
            log.error("task failed\n%s", traceback.format_exc())
            from .i18n import tr
            self.signals.failed.emit(tr("程序内部错误，操作未完成；详细信息已写入日志。"))
        else:
            self.signals.finished.emit(result)


def start(work, on_done, on_failed, on_progress=None) -> Task:
    task = Task(work)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_failed)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task
