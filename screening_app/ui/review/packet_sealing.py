"""Sealing the chosen recipients' packets of one case, in the background, with progress.

Each packet is sealed by ``PacketExports.export``, which writes it whole or not at all and
marks its referral sent only when every file is in place. The first refusal (no keys, no
consent, a full disk) stops the run: the packets sealed before it stay sealed and sent, the
refused one changes nothing, and the service's message is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar

from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _
from screening_app.services.packet_export import ExportedPacket, PacketExports
from screening_app.services.vault import Vault
from screening_app.ui.background import ProgressFn
from screening_app.ui.review.packet_words import ltr, short_packet_id
from screening_app.ui.review.seal_dialog import SealRequest
from screening_app.ui.review.tracked_work import TrackedWork


@dataclass(frozen=True)
class SealOutcome:
    sealed: tuple[ExportedPacket, ...]
    folder: Path | None
    error: str | None  # the service's message when a packet was refused


def seal_packets(
    vault: Vault, case_id: str, request: SealRequest, language: str | None, progress: ProgressFn
) -> SealOutcome:
    """Seal one packet per recipient, in order, until done or refused."""
    exports = PacketExports(vault)
    sealed: list[ExportedPacket] = []
    total = len(request.recipient_ids)
    progress(0, total)
    for done, recipient_id in enumerate(request.recipient_ids, start=1):
        try:
            sealed.append(exports.export(case_id, recipient_id, request.folder, language))
        except ScreeningError as exc:
            return SealOutcome(tuple(sealed), request.folder, exc.message)
        progress(done, total)
    return SealOutcome(tuple(sealed), request.folder, None)


def outcome_lines(outcome: SealOutcome, names: Mapping[str, str]) -> list[str]:
    """One line per packet sealed, then where the copies went, then any refusal."""
    lines = [
        _("{recipient}: packet {packet}, sent, awaiting receipt").format(
            recipient=names.get(packet.recipient_id, packet.recipient_id),
            packet=short_packet_id(packet.packet_id),
        )
        for packet in outcome.sealed
    ]
    if outcome.sealed and outcome.folder is not None:
        lines.append(_("Copies are in {folder}.").format(folder=ltr(str(outcome.folder))))
    if outcome.error is not None:
        lines.append(_("Not sealed: {reason}").format(reason=outcome.error))
    return lines


class PacketSealing(QObject):
    """Runs one sealing at a time for one case; ``finished`` carries the outcome."""

    finished = Signal(object)  # SealOutcome
    failed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        work: TrackedWork,
        bar: QProgressBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.case_id = case_id
        self.work = work
        self.bar = bar
        bar.hide()

    def start(self, request: SealRequest, language: str | None) -> None:
        vault, case_id = self.vault, self.case_id
        self.bar.setRange(0, max(1, len(request.recipient_ids)))
        self.bar.setValue(0)
        self.bar.show()
        self.work.start_tracked(
            lambda progress: seal_packets(vault, case_id, request, language, progress),
            self._moved,
            self._done,
            self._failed,
        )

    def _moved(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)

    def _done(self, outcome: SealOutcome) -> None:
        self.bar.hide()
        self.finished.emit(outcome)

    def _failed(self, error: ScreeningError) -> None:
        self.bar.hide()
        self.failed.emit(error.message)
