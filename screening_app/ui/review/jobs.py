"""Slow work of one screen (statistics, PDF export), off the interface thread.

One ``SlowWork`` runs one kind of job at a time: starting another makes the result of the
previous one be ignored, and so does a lock (the vault is checked before a result is shown),
so nothing decrypted before a lock reaches the screen after it. With ``synchronous`` the
work runs inline: tests and screenshots need no event-loop races.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot

from screening_app.core.errors import ScreeningError
from screening_app.services.vault import LockedError, Vault
from screening_app.ui.background import BackgroundRunner, JobSignals

Done = Callable[[Any], None]
Failed = Callable[[ScreeningError], None]


class SlowWork(QObject):
    def __init__(
        self,
        runner: BackgroundRunner,
        vault: Vault,
        synchronous: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault = vault
        self.synchronous = synchronous
        self._job: JobSignals | None = None
        self._done: Done = _ignore
        self._failed: Failed = _ignore

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run ``work``; ``done`` gets its result, ``failed`` the project's own errors.

        Any other exception is raised again on the interface thread (the crash dialog).
        """
        if self.synchronous:
            try:
                result = work()
            except ScreeningError as exc:
                _report(exc, failed)
                return
            done(result)
            return
        self._done, self._failed = done, failed
        job = self.runner.start(lambda _progress: work())
        self._job = job
        job.done.connect(self._finished)
        job.failed.connect(self._broke)

    def forget(self) -> None:
        """Ignore the result of the job under way."""
        self._job = None

    @Slot(object)
    def _finished(self, result: object) -> None:
        if self.sender() is not self._job:
            return
        self._job = None
        if not self.vault.is_locked:
            self._done(result)

    @Slot(object)
    def _broke(self, error: BaseException) -> None:
        if self.sender() is not self._job:
            return
        self._job = None
        if self.vault.is_locked:
            return
        if isinstance(error, ScreeningError):
            _report(error, self._failed)
            return
        raise error


def _report(error: ScreeningError, failed: Failed) -> None:
    # A lock while the job ran is not a failure to tell anyone about.
    if not isinstance(error, LockedError):
        failed(error)


def _ignore(_value: object) -> None:
    return None
