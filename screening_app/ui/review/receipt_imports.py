"""Receipts brought in by hand: files dropped on the workspace or picked in a file dialog.

Only local files named ``*.receipt`` are taken; each is checked and imported by
``services.receipt_import`` (in the background), and every file gets its own result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal

from screening_app.core.errors import ScreeningError
from screening_app.services.receipt_import import ReceiptResult, import_receipts
from screening_app.services.vault import Vault
from screening_app.ui.review.jobs import SlowWork

RECEIPT_SUFFIX = ".receipt"


def receipt_paths(mime: QMimeData) -> list[Path]:
    """The local ``.receipt`` files among what is being dragged, in the order given."""
    if not mime.hasUrls():
        return []
    found = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == RECEIPT_SUFFIX:
                found.append(path)
    return found


class ReceiptImports(QObject):
    """Imports receipt files one batch at a time; ``imported`` carries a result per file."""

    imported = Signal(object)  # list[ReceiptResult]
    failed = Signal(str)

    def __init__(self, vault: Vault, work: SlowWork, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.work = work

    def start(self, paths: Sequence[Path]) -> None:
        if not paths or self.vault.is_locked:
            return
        vault, chosen = self.vault, list(paths)
        self.work.start(lambda: import_receipts(vault, chosen), self._done, self._failed)

    def _done(self, results: list[ReceiptResult]) -> None:
        self.imported.emit(results)

    def _failed(self, error: ScreeningError) -> None:
        self.failed.emit(error.message)
