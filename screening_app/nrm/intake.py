"""Receiving packets: verify, store once, answer with a signed receipt.

``Intake.receive`` is the one path every packet takes (files and HTTP). Each packet is one
transaction. Idempotence and concurrency rest on the database:

- the same packet file again (same SHA-256) is a *duplicate*: the stored receipt bytes are
  returned unchanged;
- a different file with a packet id already stored is a replay and is *rejected*;
- two importers racing on one packet both try ``INSERT … ON CONFLICT DO NOTHING`` on the
  unique packet id and hash; the loser reads the winner's row and answers *duplicate* with
  the winner's receipt, so a referral is never stored twice.

Rejected packets are not stored; their signed rejection receipt is returned to the caller.
Logs carry packet ids, hashes and reasons only.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Insert, Row, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from screening_app.core.clock import Clock, SystemClock, utc_iso
from screening_app.core.errors import UsageError, WorkspaceError
from screening_app.crypto.minisign import PublicKey
from screening_app.nrm.database import require_current
from screening_app.nrm.keyfiles import IntakeKeys
from screening_app.nrm.models import IntakeSettings, Office, Referral
from screening_app.packets.bundle import signing_key_fingerprint
from screening_app.packets.format import PacketRejected, canonical_json
from screening_app.packets.key_checks import KeyRejected, check_ed25519_public
from screening_app.packets.open import OpenedPacket, open_packet, packet_sha256
from screening_app.packets.receipts import make_receipt

log = logging.getLogger(__name__)

Status = Literal["accepted", "duplicate", "rejected"]


@dataclass(frozen=True)
class IntakeResult:
    status: Status
    packet_id: str | None
    sha256: str
    receipt: bytes
    reason: str | None = None
    office_key_id: str | None = None


def initialise(engine: Engine, keys: IntakeKeys, clock: Clock | None = None) -> None:
    """Bind a migrated database to this intake's keys (once); later calls must match."""
    now = utc_iso((clock or SystemClock()).now())
    with Session(engine) as session, session.begin():
        row = session.get(IntakeSettings, 1)
        if row is None:
            session.add(
                IntakeSettings(
                    id=1,
                    intake_id=keys.intake_id,
                    signing_key_id=keys.signing_key.key_id_hex,
                    age_recipient=str(keys.entry.age_recipient),
                    created=now,
                )
            )
        elif (row.intake_id, row.signing_key_id) != (
            keys.intake_id,
            keys.signing_key.key_id_hex,
        ):
            raise UsageError("this database belongs to another intake or other keys")


def add_office(engine: Engine, key: PublicKey, clock: Clock | None = None) -> bool:
    """Register an office signing key; False if it was already registered."""
    try:
        check_ed25519_public(key.public)
    except KeyRejected as exc:
        raise UsageError(f"office key {key.key_id_hex}: {exc.message}") from None
    with Session(engine) as session, session.begin():
        existing = session.get(Office, key.key_id_hex)
        if existing is not None:
            if existing.public_key != key.encode():
                raise UsageError(f"another key with id {key.key_id_hex} is already registered")
            return False
        session.add(
            Office(
                key_id=key.key_id_hex,
                public_key=key.encode(),
                fingerprint=signing_key_fingerprint(key),
                added=utc_iso((clock or SystemClock()).now()),
            )
        )
    return True


def _insert(engine: Engine) -> Insert:
    dialect = sqlite if engine.dialect.name == "sqlite" else postgresql
    # RETURNING tells whether this transaction inserted the row: rowcount is not reliable
    # for ON CONFLICT statements across drivers.
    statement: Insert = dialect.insert(Referral).on_conflict_do_nothing().returning(Referral.id)
    return statement


_STORED = select(
    Referral.packet_id, Referral.packet_sha256, Referral.receipt, Referral.office_key_id
)


def _duplicate(row: Row[str, str, bytes, str]) -> IntakeResult:
    return IntakeResult(
        "duplicate", row.packet_id, row.packet_sha256, row.receipt, None, row.office_key_id
    )


def _row(opened: OpenedPacket, received: str, receipt: bytes) -> dict[str, Any]:
    manifest = opened.manifest
    return {
        "packet_id": opened.packet_id,
        "packet_sha256": opened.sha256,
        "office_key_id": opened.office_key.key_id_hex,
        "office_id": manifest.office_id,
        "case_id": manifest.case_id,
        "created": manifest.created,
        "received": received,
        "forms": json.dumps([form.as_json() for form in manifest.forms]),
        "consent_scope": json.dumps(list(manifest.consent_scope)),
        "case_json": canonical_json(dict(opened.case)),
        "report_pdf": opened.report_pdf,
        "audit_checkpoint": canonical_json(opened.audit.as_json()),
        "manifest": opened.manifest_bytes,
        "manifest_sig": opened.signature,
        "packet": opened.packet,
        "receipt": receipt,
    }


class Intake:
    """The intake for one database and one set of keys. Thread-safe."""

    def __init__(self, engine: Engine, keys: IntakeKeys, clock: Clock | None = None) -> None:
        require_current(engine)
        self.engine = engine
        self.keys = keys
        self.clock = clock or SystemClock()
        self._offices: dict[bytes, PublicKey] = {}
        self._lock = threading.Lock()
        self._insert = _insert(engine)
        self._check_settings()

    def _check_settings(self) -> None:
        with Session(self.engine) as session:
            row = session.get(IntakeSettings, 1)
        if row is None:
            raise WorkspaceError("the intake database has no keys bound: run `nrm init --keys`")
        if (row.intake_id, row.signing_key_id) != (
            self.keys.intake_id,
            self.keys.signing_key.key_id_hex,
        ):
            raise UsageError("the keys folder does not belong to this intake database")

    # -- office keys ---------------------------------------------------------------------
    def office_keys(self, refresh: bool = False) -> dict[bytes, PublicKey]:
        with self._lock:
            if refresh or not self._offices:
                with Session(self.engine) as session:
                    rows = session.scalars(select(Office.public_key)).all()
                self._offices = {key.key_id: key for key in map(PublicKey.parse, rows)}
            return dict(self._offices)

    def office_key(self, key_id: bytes) -> PublicKey | None:
        key = self.office_keys().get(key_id)
        return key if key is not None else self.office_keys(refresh=True).get(key_id)

    # -- receiving -----------------------------------------------------------------------
    def _open(self, data: bytes) -> OpenedPacket:
        try:
            return self._open_with(data, self.office_keys())
        except PacketRejected as exc:
            if "unknown office key" not in exc.reason:
                raise
            # An office registered since the keys were cached: look again once.
            return self._open_with(data, self.office_keys(refresh=True))

    def _open_with(self, data: bytes, offices: dict[bytes, PublicKey]) -> OpenedPacket:
        return open_packet(
            data,
            self.keys.identity,
            offices,
            self.keys.intake_id,
            allowed_fields=self.keys.entry.allowed_fields,
        )

    def _rejected(self, data: bytes, sha: str, packet_id: str | None, reason: str) -> IntakeResult:
        log.info("packet rejected sha256=%s id=%s: %s", sha, packet_id, reason)
        receipt = make_receipt(
            self.keys.signing_key,
            self.keys.intake_id,
            data,
            packet_id,
            utc_iso(self.clock.now()),
            "rejected",
            reason,
        )
        return IntakeResult("rejected", packet_id, sha, receipt, reason)

    def _known(self, hashes: list[str]) -> dict[str, IntakeResult]:
        """Packets already stored, by file hash: answered without decrypting them again."""
        with self.engine.connect() as connection:
            rows = connection.execute(_STORED.where(Referral.packet_sha256.in_(hashes))).all()
        return {row.packet_sha256: _duplicate(row) for row in rows}

    def _check(self, data: bytes, pushed_by: str | None) -> OpenedPacket | IntakeResult:
        """Everything that needs no database: decrypt, verify, check the pushing office."""
        try:
            opened = self._open(data)
        except PacketRejected as exc:
            return self._rejected(data, packet_sha256(data), None, exc.reason)
        if pushed_by is not None and pushed_by != opened.office_key.key_id_hex:
            reason = "pushed by a different office than the one that signed it"
            return self._rejected(data, opened.sha256, opened.packet_id, reason)
        return opened

    def receive(self, data: bytes, pushed_by: str | None = None) -> IntakeResult:
        """Verify and store one packet. ``pushed_by`` is the authenticated office key id of
        an HTTP push: such a packet must be signed by that same office."""
        return self.receive_batch([data], pushed_by)[0]

    def receive_batch(
        self, packets: Sequence[bytes], pushed_by: str | None = None
    ) -> list[IntakeResult]:
        """Verify and store several packets with one durable commit.

        Each packet is one INSERT, so it is stored whole or not at all, and receipts are
        handed out only after the commit: a receipt never names a packet that a crash could
        still lose. If the batch fails as a whole (a deadlock
        between concurrent importers, say), it is rolled back and each packet is received
        in a transaction of its own.
        """
        hashes = [packet_sha256(data) for data in packets]
        known = self._known(hashes)
        checked = [
            known.get(sha) or self._check(data, pushed_by)
            for sha, data in zip(hashes, packets, strict=True)
        ]
        if all(isinstance(item, IntakeResult) for item in checked):
            return [item for item in checked if isinstance(item, IntakeResult)]
        try:
            with self.engine.begin() as connection:
                results = [
                    item if isinstance(item, IntakeResult) else self._store(connection, item)
                    for item in checked
                ]
        except DBAPIError as exc:
            if len(packets) == 1:
                raise
            log.warning(
                "a batch of %d packets was rolled back (%s); retrying one by one",
                len(packets),
                type(exc.orig).__name__,
            )
            return [self.receive(data, pushed_by) for data in packets]
        for result in results:
            if result.status == "accepted":
                log.info("packet accepted id=%s sha256=%s", result.packet_id, result.sha256)
        return results

    def _store(self, connection: Connection, opened: OpenedPacket) -> IntakeResult:
        received = utc_iso(self.clock.now())
        receipt = make_receipt(
            self.keys.signing_key,
            self.keys.intake_id,
            opened.packet,
            opened.packet_id,
            received,
            "accepted",
        )
        # One statement: the row is stored whole or not at all. A failure here rolls back
        # the batch, which receive_batch then retries packet by packet.
        inserted = connection.execute(self._insert, _row(opened, received, receipt)).first()
        if inserted is not None:
            return IntakeResult(
                "accepted",
                opened.packet_id,
                opened.sha256,
                receipt,
                None,
                opened.office_key.key_id_hex,
            )
        # Another importer (or an earlier copy in this batch) stored this packet id first.
        row = connection.execute(_STORED.where(Referral.packet_id == opened.packet_id)).first()
        if row is not None and row.packet_sha256 == opened.sha256:
            return _duplicate(row)
        reason = "the packet id was already used by a different packet (replay)"
        return self._rejected(opened.packet, opened.sha256, opened.packet_id, reason)

    # -- answering -------------------------------------------------------------------------
    def receipts_for(self, office_key_id: str, packet_ids: list[str]) -> dict[str, bytes]:
        """Stored receipts of the listed packets that this office sent."""
        if not packet_ids:
            return {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(Referral.packet_id, Referral.receipt).where(
                    Referral.office_key_id == office_key_id,
                    Referral.packet_id.in_(packet_ids),
                )
            ).all()
        return {packet_id: receipt for packet_id, receipt in rows}
