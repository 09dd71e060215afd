"""Packets, referrals, receipts and syncs in the interface language.

The services describe these in plain English for the command line; the screens say the
same in the interface language. The intake's own reason for a refusal, and a service's
reason for rejecting a receipt, are fixed English texts without case data and are shown
as they are.

In a right-to-left interface every line starts with a right-to-left mark, so a line that
begins with an agency's Latin name still reads from the right, and ids, fingerprints,
addresses and file names are held together with left-to-right marks (a key id such as
``1700F309…`` would otherwise be split where its digits end).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from babel.dates import format_date

from screening_app.i18n.ui_text import _, ngettext, ui_language
from screening_app.services.packet_export import DELIVERED, REFUSED, SENT, ReferralState
from screening_app.services.receipt_import import ReceiptResult
from screening_app.services.sync import SyncReport
from screening_app.ui.review.rich_text import is_rtl

SHORT_ID = 8
LRM, RLM = "\u200e", "\u200f"


def ltr(token: str) -> str:
    """A left-to-right token (id, fingerprint, address, file name) kept whole in any line."""
    return f"{LRM}{token}{LRM}" if is_rtl() else token


def lines_text(lines: Iterable[str]) -> str:
    """Lines for a plain-text label, each starting on the interface's side."""
    start = RLM if is_rtl() else ""
    return "\n".join(start + line for line in lines)


def short_packet_id(packet_id: str | None) -> str:
    """The first hex digits: enough to tell packets apart on a screen or over the phone."""
    return ltr(packet_id[:SHORT_ID]) if packet_id else "—"


def day(stamp: str | None) -> str:
    """The calendar day of a stored UTC time, written the interface language's way."""
    if not stamp:
        return _("an unknown date")
    try:
        return format_date(date.fromisoformat(stamp[:10]), format="medium", locale=ui_language())
    except ValueError:
        return ltr(stamp[:10])


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
    name = ltr(Path(result.path).name)
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
