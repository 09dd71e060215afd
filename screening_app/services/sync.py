""" "Sync now": push waiting packets to the NRM's HTTP intake and bring their receipts home.

For every referral sent and not yet delivered, oldest first:

1. the intake is asked for receipts it already holds (a packet carried on a USB stick and
   imported there, or an answer lost on a dropped connection);
2. a packet without a receipt is pushed from the outbox; the intake's answer carries the
   receipt (for a packet it already has, the very same receipt as before);
3. each receipt goes through ``receipt_import``, exactly like a receipt file.

Every step is idempotent, so a sync cut short is simply run again, and a second run with
nothing waiting changes nothing. A network failure stops the run with one message; what was
imported stays imported and the rest stays in the outbox. Requests are signed with the
office key, which the intake must have registered (``nrm offices add OFFICE.pub``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from screening_app.core.errors import ScreeningError, UsageError
from screening_app.nrm.client import IntakeClient, IntakeUnavailable
from screening_app.services.office import office_settings
from screening_app.services.office_keys import office_sender
from screening_app.services.outbox import read_outbox_packet
from screening_app.services.packet_export import sent_referrals
from screening_app.services.receipt_import import ReceiptResult, import_receipt_bytes
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault

Progress = Callable[[int, int], None]
QUERY_BATCH = 500  # the intake answers at most 1000 ids per request


class SyncFailed(ScreeningError):
    """The intake could not be reached or answered badly; nothing was lost."""


@dataclass
class SyncReport:
    intake_url: str
    waiting: int = 0
    pushed: int = 0
    results: list[ReceiptResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # sent packets no longer in the outbox

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    def to_json(self) -> dict[str, object]:
        return {
            "intake": self.intake_url,
            "waiting": self.waiting,
            "pushed": self.pushed,
            "delivered": self.count("delivered") + self.count("already_delivered"),
            "refused": self.count("refused"),
            "rejected_receipts": self.count("rejected"),
            "missing_from_outbox": list(self.missing),
            "receipts": [result.to_json() for result in self.results],
        }


def _intake_url(vault: Vault, given: str | None) -> str:
    url = (given or office_settings(vault).intake_url).strip()
    if not url:
        raise UsageError(
            "no intake address: give --url URL or save one with "
            "`screening-app office set-intake URL`"
        )
    return url


_UNREADABLE = "the intake gave an answer this version cannot read"


def _fetch(client: IntakeClient, packet_ids: Sequence[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for start in range(0, len(packet_ids), QUERY_BATCH):
        try:
            found.update(client.fetch_receipts(list(packet_ids[start : start + QUERY_BATCH])))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise IntakeUnavailable(_UNREADABLE) from None
    return found


def _push(client: IntakeClient, data: bytes) -> bytes:
    try:
        return client.push(data).receipt
    except (KeyError, TypeError, ValueError, AttributeError):
        raise IntakeUnavailable(_UNREADABLE) from None


def _exchange(
    vault: Vault, client: IntakeClient, report: SyncReport, packet_id: str, known: dict[str, bytes]
) -> None:
    receipt = known.get(packet_id)
    if receipt is None:
        data = read_outbox_packet(vault.workspace.path, packet_id)
        if data is None:
            report.missing.append(packet_id)
            return
        receipt = _push(client, data)
        report.pushed += 1
    report.results.append(import_receipt_bytes(vault, receipt, f"intake:{packet_id}"))


def sync_now(
    vault: Vault, intake_url: str | None = None, progress: Progress | None = None
) -> SyncReport:
    """Push every packet awaiting its receipt and import the receipts; see the module."""
    vault.require(Capability.EXPORT)
    url = _intake_url(vault, intake_url)
    client = IntakeClient(url, office_sender(vault).key)
    with vault.read() as session:
        waiting = [r.packet_id for r in sent_referrals(session) if r.packet_id is not None]
    report = SyncReport(url, len(waiting))
    if progress is not None:
        progress(0, len(waiting))
    try:
        known = _fetch(client, waiting) if waiting else {}
        for done, packet_id in enumerate(waiting, start=1):
            _exchange(vault, client, report, packet_id, known)
            if progress is not None:
                progress(done, len(waiting))
    except IntakeUnavailable as exc:
        raise SyncFailed(_failure(exc.message, report)) from None
    return report


def _failure(cause: str, report: SyncReport) -> str:
    left = report.waiting - report.count("delivered") - report.count("refused")
    return (
        f"sync stopped: {cause}. Nothing was lost: {left} packet(s) still wait in the outbox; "
        "check the connection and the intake address, then sync again"
    )
