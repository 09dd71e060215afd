"""Running slow work (decrypting the case index) off the interface thread.

Results come back as Qt signals, delivered on the interface thread. Each job carries a
generation number: after a lock, the results of a job started before it are thrown away,
so nothing decrypted before the lock can reach the screen after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressFn = Callable[[int, int], None]


class JobSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[ProgressFn], Any], signals: JobSignals) -> None:
        super().__init__()
        self._work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except Exception as exc:  # handed to the interface thread, which decides
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


class BackgroundRunner(QObject):
    """Starts jobs on a private thread pool; ``wait()`` before the application quits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.generation = 0

    def start(self, work: Callable[[ProgressFn], Any]) -> JobSignals:
        signals = JobSignals(self)
        self._pool.start(_Job(work, signals))
        return signals

    def invalidate(self) -> None:
        """Forget running jobs: their results will be ignored by whoever checks."""
        self.generation += 1

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
