"""The audit log: append-only and hash-chained.

Each entry stores the SHA-256 of the previous entry, so an edited, removed or reordered entry
breaks the chain at that point. An anchor, authenticated with a key derived from the
workspace data key, records the newest head, so that cutting entries off the end or
rewriting the whole chain is detected by anyone who can unlock the workspace.

Entries hold who, what, when and which case — never case content. ``detail`` values are
restricted to id-like strings, numbers and booleans so free text cannot slip in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screening_app.core.clock import Clock, SystemClock, utc_iso
from screening_app.storage.models import AuditAnchor, AuditEntry

log = logging.getLogger(__name__)

GENESIS = "0" * 64
_ID_LIKE = re.compile(r"^[A-Za-z0-9_.:@/+-]{0,80}$")

DetailValue = str | int | bool | None


def _entry_hash(
    seq: int, at: str, actor: str, action: str, case_id: str | None, detail: str, prev: str
) -> str:
    canonical = json.dumps(
        [seq, at, actor, action, case_id, detail, prev], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_detail(detail: Mapping[str, DetailValue]) -> str:
    for key, value in detail.items():
        if not _ID_LIKE.match(key):
            raise ValueError(f"audit detail key is not id-like: {key!r}")
        if isinstance(value, str) and not _ID_LIKE.match(value):
            raise ValueError(f"audit detail '{key}' must be an id, not free text")
        if not isinstance(value, str | int | bool | type(None)):
            raise ValueError(f"audit detail '{key}' has an unsupported type")
    return json.dumps(dict(detail), sort_keys=True, separators=(",", ":"))


def append(
    session: Session,
    actor: str,
    action: str,
    case_id: str | None = None,
    detail: Mapping[str, DetailValue] | None = None,
    clock: Clock | None = None,
) -> AuditEntry:
    """Add an entry inside the caller's transaction, so the event and its record commit
    together or not at all."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    at = utc_iso((clock or SystemClock()).now())
    detail_text = _check_detail(detail or {})
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        case_id=case_id,
        detail=detail_text,
        prev_hash=prev,
        entry_hash=_entry_hash(seq, at, actor, action, case_id, detail_text, prev),
    )
    session.add(entry)
    session.flush()
    return entry


def _anchor_mac(key: bytes, seq: int, entry_hash: str) -> str:
    return hmac.new(key, f"{seq}:{entry_hash}".encode(), hashlib.sha256).hexdigest()


def update_anchor(session: Session, audit_key: bytes) -> None:
    """Authenticate the current head. Called whenever a signed-in user writes."""
    head = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if head is None:
        return
    anchor = session.get(AuditAnchor, 1)
    if anchor is not None and not _anchor_holds(session, audit_key, anchor):
        # The chain no longer contains the anchored head: leave the anchor where it is, as
        # evidence for the next verification, rather than bless the damaged chain.
        log.warning("audit anchor at entry %s no longer matches the chain", anchor.seq)
        return
    mac = _anchor_mac(audit_key, head[0], head[1])
    if anchor is None:
        session.add(AuditAnchor(id=1, seq=head[0], entry_hash=head[1], mac=mac))
    else:
        anchor.seq, anchor.entry_hash, anchor.mac = head[0], head[1], mac


def _anchor_holds(session: Session, audit_key: bytes, anchor: AuditAnchor) -> bool:
    expected = _anchor_mac(audit_key, anchor.seq, anchor.entry_hash)
    if not hmac.compare_digest(anchor.mac, expected):
        return False
    entry = session.get(AuditEntry, anchor.seq)
    return entry is not None and entry.entry_hash == anchor.entry_hash


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    first_broken: int | None
    problem: str | None
    anchor_checked: bool

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_broken": self.first_broken,
            "problem": self.problem,
            "anchor_checked": self.anchor_checked,
        }


def verify(session: Session, audit_key: bytes | None = None) -> AuditReport:
    """Walk the chain in order; report the first broken link."""
    count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    expected_seq = 1
    prev = GENESIS
    hashes: dict[int, str] = {}
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        problem = _check_entry(entry, expected_seq, prev)
        if problem:
            return AuditReport(False, count, min(entry.seq, expected_seq), problem, False)
        hashes[entry.seq] = entry.entry_hash
        prev = entry.entry_hash
        expected_seq += 1
    if audit_key is None:
        return AuditReport(True, count, None, None, False)
    return _verify_anchor(session, audit_key, hashes, count)


def _check_entry(entry: AuditEntry, expected_seq: int, prev: str) -> str | None:
    if entry.seq != expected_seq:
        return f"entry {expected_seq} is missing: entries were removed or renumbered"
    if entry.prev_hash != prev:
        return f"entry {entry.seq} does not follow entry {entry.seq - 1}: removed or reordered"
    recomputed = _entry_hash(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.case_id,
        entry.detail,
        entry.prev_hash,
    )
    if recomputed != entry.entry_hash:
        return f"entry {entry.seq} was altered after it was written"
    return None


def _verify_anchor(
    session: Session, audit_key: bytes, hashes: dict[int, str], count: int
) -> AuditReport:
    anchor = session.get(AuditAnchor, 1)
    if anchor is None:
        if count:
            return AuditReport(False, count, 1, "the audit anchor is missing", True)
        return AuditReport(True, count, None, None, True)
    if not hmac.compare_digest(anchor.mac, _anchor_mac(audit_key, anchor.seq, anchor.entry_hash)):
        return AuditReport(False, count, anchor.seq, "the audit anchor was altered", True)
    if hashes.get(anchor.seq) != anchor.entry_hash:
        first = min(anchor.seq, count + 1)
        return AuditReport(
            False, count, first, f"entries up to {anchor.seq} were cut off or rewritten", True
        )
    return AuditReport(True, count, None, None, True)
