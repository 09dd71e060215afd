"""Slow work that tells how far it got: sealing packets, "Sync now".

``TrackedWork`` is a ``SlowWork`` whose job receives a progress function; each call moves
a progress bar on the interface thread. Results follow the same rules as ``SlowWork``: a
newer job or a lock makes a result be ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot

from screening_app.ui.background import ProgressFn
from screening_app.ui.review.jobs import Done, Failed, SlowWork

Moved = Callable[[int, int], None]


class TrackedWork(SlowWork):
    _moved: Moved | None = None

    def start_tracked(
        self, work: Callable[[ProgressFn], Any], moved: Moved, done: Done, failed: Failed
    ) -> None:
        """Run ``work(progress)``; ``moved(done, total)`` follows each progress call."""
        self._moved = moved
        if self.synchronous:
            self.start(lambda: work(moved), done, failed)
            return
        self._done, self._failed = done, failed
        job = self.runner.start(work)
        self._job = job
        job.progress.connect(self._progressed)
        job.done.connect(self._finished)
        job.failed.connect(self._broke)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.sender() is self._job and self._moved is not None and not self.vault.is_locked:
            self._moved(done, total)
