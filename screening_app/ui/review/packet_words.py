"""Packets, referrals, receipts and syncs in the interface language.

The services describe these in plain English for the command line; the screens say the
same in the interface language. The intake's own reason for a refusal, and a service's
reason for rejecting a receipt, are fixed English texts without case data and are shown
as they are.
"""

from __future__ import annotations

from pathlib import Path

from screening_app.i18n.ui_text import _, ngettext
from screening_app.services.packet_export import DELIVERED, REFUSED, SENT, ReferralState
from screening_app.services.receipt_import import ReceiptResult
from screening_app.services.sync import SyncReport

SHORT_ID = 8


def short_packet_id(packet_id: str | None) -> str:
    """The first hex digits: enough to tell packets apart on a screen or over the phone."""
    return packet_id[:SHORT_ID] if packet_id else "—"


def day(stamp: str | None) -> str:
    """The calendar day of a stored UTC time (ISO 8601, so it reads the same everywhere)."""
    return stamp[:10] if stamp else _("an unknown date")


def referral_status(state: ReferralState) -> str:
    """Where one referral stands, in words (without the recipient's name)."""
    if state.status == SENT:
        return _("sent on {date}, awaiting receipt").format(date=day(state.sent_at))
    if state.status == DELIVERED:
        return _("delivered on {date}").format(date=day(state.delivered_at))
    if state.status == REFUSED:
        reason = state.reason or _("no reason given")
        return _("refused by the intake on {date}: {reason}").format(
            date=day(state.delivered_at), reason=reason
        )
    return _("report prepared, not sent yet")


def receipt_line(result: ReceiptResult) -> str:
    """What became of one receipt file, named by its file name only."""
    name = Path(result.path).name
    if result.status == "delivered":
        what = _("delivered")
    elif result.status == "already_delivered":
        what = _("already delivered")
    elif result.status == "refused":
        what = _("the intake refused the packet: {reason}").format(reason=result.reason or "")
    else:
        what = _("receipt rejected: {reason}").format(reason=result.reason or "")
    return _("{file}: {result}").format(file=name, result=what)


def sync_summary(report: SyncReport) -> str:
    """What one "Sync now" did, in one or two sentences."""
    if report.waiting == 0:
        return _("Nothing was waiting: every packet sent has its receipt.")
    delivered = report.count("delivered") + report.count("already_delivered")
    text = _("Pushed {pushed}, receipts {receipts}, refused {refused}.").format(
        pushed=report.pushed, receipts=delivered, refused=report.count("refused")
    )
    rejected = report.count("rejected")
    if rejected:
        text += " " + ngettext(
            "{n} receipt from the intake was rejected and changed nothing.",
            "{n} receipts from the intake were rejected and changed nothing.",
            rejected,
        ).format(n=rejected)
    if report.missing:
        text += " " + ngettext(
            "{n} packet is no longer in the outbox: export it again.",
            "{n} packets are no longer in the outbox: export them again.",
            len(report.missing),
        ).format(n=len(report.missing))
    return text
