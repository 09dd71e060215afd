"""Key folders on disk: the NRM root key pair and the intake's keys.

``root-keygen`` writes ``root.key`` and ``root.pub`` (minisign formats). ``keygen`` writes
``intake.agekey`` (an age identity file, as ``age-keygen`` writes), ``intake.key`` and
``intake.pub`` (minisign), and ``recipient.json`` (this intake's directory entry). Secret
files are created owner-only (0600) in a folder created owner-only (0700); nothing is ever
overwritten.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from screening_app.core.errors import UsageError
from screening_app.crypto.age import AgeError, AgeIdentity, read_identity_file
from screening_app.crypto.minisign import MinisignError, PublicKey, SecretKey
from screening_app.packets.bundle import BundleError, RecipientEntry
from screening_app.packets.format import CASE_FIELDS

ROOT_KEY = "root.key"
ROOT_PUB = "root.pub"
AGE_IDENTITY = "intake.agekey"
SIGNING_KEY = "intake.key"
SIGNING_PUB = "intake.pub"
RECIPIENT = "recipient.json"


def _create(path: Path, text: str, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise UsageError(f"{path} already exists: refusing to overwrite a key") from None
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _prepare(directory: Path, names: Sequence[str]) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    existing = [name for name in names if (directory / name).exists()]
    if existing:
        raise UsageError(f"{directory / existing[0]} already exists: refusing to overwrite a key")


def generate_root_keys(directory: Path) -> PublicKey:
    _prepare(directory, (ROOT_KEY, ROOT_PUB))
    key = SecretKey.generate()
    _create(directory / ROOT_KEY, key.file_text("screening-app NRM root secret key"), 0o600)
    _create(directory / ROOT_PUB, key.public_key.file_text(), 0o644)
    return key.public_key


@dataclass(frozen=True)
class IntakeKeys:
    identity: AgeIdentity = field(repr=False)
    signing_key: SecretKey = field(repr=False)
    entry: RecipientEntry

    @property
    def intake_id(self) -> str:
        return self.entry.recipient_id


def generate_intake_keys(
    directory: Path,
    intake_id: str,
    name: str,
    contact: str = "",
    languages: Sequence[str] = ("en",),
    allowed_fields: Sequence[str] = CASE_FIELDS,
) -> IntakeKeys:
    _prepare(directory, (AGE_IDENTITY, SIGNING_KEY, SIGNING_PUB, RECIPIENT))
    identity, signing = AgeIdentity.generate(), SecretKey.generate()
    try:
        entry = RecipientEntry(
            intake_id,
            "nrm",
            name,
            contact,
            tuple(languages),
            tuple(allowed_fields),
            identity.recipient,
            signing.public_key,
        )
        RecipientEntry.from_json(entry.as_json())  # the same checks an importer makes
    except BundleError as exc:
        raise UsageError(exc.message) from None
    _create(directory / AGE_IDENTITY, identity.identity_file(datetime.now(UTC)), 0o600)
    _create(directory / SIGNING_KEY, signing.file_text("screening-app intake secret key"), 0o600)
    _create(directory / SIGNING_PUB, signing.public_key.file_text(), 0o644)
    recipient_text = json.dumps(entry.as_json(), ensure_ascii=False, indent=2) + "\n"
    _create(directory / RECIPIENT, recipient_text, 0o644)
    return IntakeKeys(identity, signing, entry)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"key file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read key file {path}: {exc}") from None


def read_secret_key(path: Path) -> SecretKey:
    try:
        return SecretKey.parse_file(_read(path))
    except MinisignError as exc:
        raise UsageError(f"{path}: {exc.message}") from None


def read_public_key(path: Path) -> PublicKey:
    try:
        return PublicKey.parse(_read(path))
    except MinisignError as exc:
        raise UsageError(f"{path}: {exc.message}") from None


def load_intake_keys(directory: Path) -> IntakeKeys:
    """Read a keys folder and check that its files belong together."""
    try:
        identities = read_identity_file(_read(directory / AGE_IDENTITY))
        entry = RecipientEntry.from_json(json.loads(_read(directory / RECIPIENT)))
    except (AgeError, BundleError) as exc:
        raise UsageError(f"{directory}: {exc.message}") from None
    except json.JSONDecodeError:
        raise UsageError(f"{directory / RECIPIENT} is not valid JSON") from None
    signing = read_secret_key(directory / SIGNING_KEY)
    if identities[0].recipient != entry.age_recipient or signing.public_key != entry.signing_key:
        raise UsageError(f"{directory}: the keys do not match {RECIPIENT}")
    return IntakeKeys(identities[0], signing, entry)
