"""Parties and contents for packet tests: a field office, an intake, a fictional case.

The person in these packets is invented; no real name or story is used anywhere.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screening_app.crypto.age import AgeIdentity
from screening_app.crypto.minisign import SecretKey
from screening_app.packets.format import AuditCheckpoint, FormRef
from screening_app.packets.seal import PacketContents, Sender, seal_packet

INTAKE_ID = "nrm-intake"
OFFICE_ID = "office-north"
CASE_ID = "C-7K3M-Q9TX"
CREATED = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
FICTIONAL_NAME = "Veskaro"

# A tiny PDF (one empty page): what matters here is the byte content, not its layout.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Parties:
    office_key: SecretKey = field(default_factory=SecretKey.generate)
    intake_identity: AgeIdentity = field(default_factory=AgeIdentity.generate)
    intake_key: SecretKey = field(default_factory=SecretKey.generate)

    @property
    def sender(self) -> Sender:
        return Sender(OFFICE_ID, self.office_key)


def case_fields() -> dict[str, Any]:
    return {
        "caseId": CASE_ID,
        "givenNames": FICTIONAL_NAME,
        "gender": "male",
        "estimatedAge": 24,
        "languages": ["ti"],
        "indicatorsMet": ["debt_bondage", "documents_withheld"],
    }


def contents(report: bytes = SMALL_PDF, **changes: Any) -> PacketContents:
    fields = case_fields()
    base = PacketContents(
        case_id=CASE_ID,
        case_fields=fields,
        consent_scope=tuple(fields),
        forms=(FormRef("first-line", "1.2.0"),),
        report_pdf=report,
        audit=AuditCheckpoint(42, "ab" * 32, "2025-03-14T09:29:00Z"),
    )
    return replace(base, **changes)


def seal(parties: Parties, recipient_id: str = INTAKE_ID, **changes: Any) -> bytes:
    return seal_packet(
        contents(**changes),
        parties.sender,
        recipient_id,
        parties.intake_identity.recipient,
        created=CREATED,
    )


def write_keys(parties: Parties, folder: Path) -> dict[str, Path]:
    """Key files in the tools' formats, for the ``age`` and ``minisign`` command lines."""
    paths = {
        "identity": folder / "intake.agekey",
        "office_key": folder / "office.key",
        "office_pub": folder / "office.pub",
        "intake_pub": folder / "intake.pub",
    }
    paths["identity"].write_text(parties.intake_identity.identity_file(CREATED))
    paths["office_key"].write_text(parties.office_key.file_text())
    paths["office_pub"].write_text(parties.office_key.public_key.file_text())
    paths["intake_pub"].write_text(parties.intake_key.public_key.file_text())
    return paths


def run(*command: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(c) for c in command], input=stdin, capture_output=True, check=False)
