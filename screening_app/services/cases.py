"""Cases: create, view, update, list (through the decrypted in-memory index), purge."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select

from screening_app.core.clock import utc_iso
from screening_app.core.errors import IntegrityError, NotFoundError
from screening_app.core.records import CaseStatus, CaseSummary, PersonDetails
from screening_app.crypto.aead import NONCE_LEN, FieldCipher, new_key
from screening_app.services.outbox import remove_from_outbox
from screening_app.services.roles import Capability, Role
from screening_app.services.vault import Vault
from screening_app.storage.models import Case, Person, Referral
from screening_app.storage.repositories import CaseRepository, summary_of

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]


class CaseService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def _case_and_cipher(self, repo: CaseRepository, case_id: str) -> tuple[Case, FieldCipher]:
        case = repo.get(case_id)
        if case is None:
            raise NotFoundError(f"no case with id {case_id}")
        return case, self.vault.case_cipher(case.id, case.wrapped_case_key)

    def create_case(self, person: PersonDetails, is_demo: bool = False) -> str:
        self.vault.require(Capability.CREATE_CASE)
        case_key = new_key()
        now = utc_iso(self.vault.clock.now())
        with self.vault.write("case.create") as session:
            repo = CaseRepository(session)
            case_id = repo.unused_case_id()
            session.info["case_id"] = case_id
            repo.insert_case(
                case_id=case_id,
                status=CaseStatus.DRAFT.value,
                created=now,
                created_by=self.vault.account_id,
                wrapped_case_key=self.vault.wrap_case_key(case_id, case_key),
                cipher=FieldCipher(case_key),
                person=person,
                is_demo=is_demo,
            )
        log.info("case %s created", case_id)
        return case_id

    def person(self, case_id: str) -> PersonDetails:
        self.vault.require(Capability.VIEW_CASE)
        with self.vault.write("case.view", case_id) as session:
            repo = CaseRepository(session)
            _case, cipher = self._case_and_cipher(repo, case_id)
            person = repo.read_person(case_id, cipher)
        if person is None:
            raise NotFoundError(f"case {case_id} has no person record")
        return person

    def update_person(self, case_id: str, person: PersonDetails) -> None:
        self.vault.require(Capability.VIEW_CASE)
        with self.vault.write("case.edit", case_id, {"part": "person"}) as session:
            repo = CaseRepository(session)
            case, cipher = self._case_and_cipher(repo, case_id)
            row = session.get(Person, case_id)
            if row is None:
                raise NotFoundError(f"case {case_id} has no person record")
            row.row_version += 1
            repo.write_person(row, cipher, person)
            summary = repo.read_summary(case, cipher)
            self._bump(case)
            summary.update(summary_of(person, {k: summary.get(k) for k in ("urgency", "outcome")}))
            repo.write_summary(case, cipher, summary)

    def _bump(self, case: Case) -> None:
        case.row_version += 1
        case.updated = utc_iso(self.vault.clock.now())

    def update_summary(self, case_id: str, **fields: Any) -> None:
        """Record assessment facts (urgency, outcome...) in the encrypted summary."""
        with self.vault.write("case.edit", case_id, {"part": "summary"}) as session:
            repo = CaseRepository(session)
            case, cipher = self._case_and_cipher(repo, case_id)
            summary = repo.read_summary(case, cipher)
            summary.update(fields)
            self._bump(case)
            repo.write_summary(case, cipher, summary)

    def set_status(self, case_id: str, status: CaseStatus) -> None:
        self.vault.require(Capability.VIEW_CASE)
        with self.vault.write("case.status", case_id, {"status": status.value}) as session:
            repo = CaseRepository(session)
            case, cipher = self._case_and_cipher(repo, case_id)
            summary = repo.read_summary(case, cipher)
            self._bump(case)
            case.status = status.value
            repo.write_summary(case, cipher, summary)

    def summaries(self, progress: ProgressCallback | None = None) -> list[CaseSummary]:
        """Decrypt every case summary into memory (the index lists and search run on).

        Names are shown in full to supervisors only; responders see given names and the
        initial of the family name, which is enough to find the person in front of them.
        """
        self.vault.require(Capability.LIST_CASES)
        data_aead = AESGCM(self.vault._key())
        shorten = self.vault.role is not Role.SUPERVISOR
        with self.vault.write("cases.list") as session:
            repo = CaseRepository(session)
            total = repo.count()
            out: list[CaseSummary] = []
            for row in repo.iter_index_rows():
                out.append(_decrypt_summary(data_aead, row, shorten))
                if progress and len(out) % 1000 == 0:
                    progress(len(out), total)
        if progress:
            progress(len(out), total)
        return out

    def purge(self, case_id: str) -> None:
        """Crypto-shred a case: its key and every row go; the audit keeps only the fact."""
        self.vault.require(Capability.PURGE)
        with self.vault.write("case.purge", case_id) as session:
            repo = CaseRepository(session)
            if repo.get(case_id) is None:
                raise NotFoundError(f"no case with id {case_id}")
            waiting = session.execute(
                select(Referral.packet_id).where(
                    Referral.case_id == case_id, Referral.packet_id.is_not(None)
                )
            ).scalars()
            packets = [packet_id for packet_id in waiting if packet_id]
            repo.delete_case(case_id)
        # Packets still waiting to travel are one more copy of the person's data: they go too.
        for packet_id in packets:
            remove_from_outbox(self.vault.workspace.path, packet_id)
        with self.vault.workspace.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _open(aead: AESGCM, sealed: bytes, aad: bytes) -> bytes:
    try:
        return aead.decrypt(sealed[1 : 1 + NONCE_LEN], sealed[1 + NONCE_LEN :], aad)
    except InvalidTag:
        raise IntegrityError("a case summary failed its authenticity check") from None


def _decrypt_summary(data_aead: AESGCM, row: tuple[Any, ...], shorten: bool) -> CaseSummary:
    """One index row. Runs once per case at unlock, so it is written for speed; the
    associated data is exactly what ``field_aad`` builds."""
    case_id, status, created, updated, version, wrapped, summary_ct, is_demo = row
    case_key = _open(data_aead, wrapped, f"cases\x1fcase_key\x1f{case_id}\x1f0".encode())
    plain = _open(
        AESGCM(case_key), summary_ct, f"cases\x1fsummary\x1f{case_id}\x1f{version}".encode()
    )
    summary = json.loads(plain.decode("utf-8"))
    name = summary.get("name") or ""
    if shorten:
        name = _shortened(name)
        aliases: tuple[str, ...] = ()
    else:
        aliases = tuple(summary.get("aliases") or ())
    return CaseSummary(
        case_id,
        status,
        created,
        updated,
        name,
        aliases,
        summary.get("nationality"),
        summary.get("age"),
        summary.get("urgency"),
        summary.get("outcome"),
        bool(is_demo),
    )


def _shortened(name: str) -> str:
    parts = name.split()
    if len(parts) < 2:
        return name
    return " ".join(parts[:-1]) + f" {parts[-1][0]}."
