"""Trusting the NRM root key, and importing the recipient key bundles it signs.

The root key is entered once, by hand, from a file the NRM hands over; its fingerprint is
shown so it can be compared over the phone. From then on agencies' keys arrive only in key
bundles signed by that root: ``import_bundle`` checks the signature, every key (weak keys
are refused by ``packets.bundle``), and that the bundle is not older than the last one
imported, then adds or updates each agency in the recipient directory.

Kept beside the directory, in ``workspace_meta`` (plain: none of it is personal data):

- ``bundle.serial``: the serial of the last bundle imported (cleared when the root changes,
  since a new root numbers its bundles afresh);
- ``bundle.fields.<recipient id>``: the exchange field names the agency's signed entry says
  it accepts, so a packet never carries a field the agency's intake would refuse.

Audit entries carry agency ids, key ids, fingerprints and serials, never names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from screening_app.core.clock import utc_iso
from screening_app.core.errors import UsageError
from screening_app.crypto.minisign import MinisignError, PublicKey, Signature
from screening_app.packets.bundle import (
    RecipientBundle,
    RecipientEntry,
    signing_key_fingerprint,
    verify_bundle,
)
from screening_app.packets.key_checks import check_ed25519_public
from screening_app.reports.scripts import is_known_language
from screening_app.services.recipients import DEFAULT_FIELDS, check_entry, parse_kind
from screening_app.services.roles import Capability, capabilities
from screening_app.services.vault import Vault
from screening_app.storage import audit
from screening_app.storage.models import Recipient as RecipientRow
from screening_app.storage.models import TrustedRoot, WorkspaceMeta

SERIAL_KEY = "bundle.serial"
FIELDS_PREFIX = "bundle.fields."
ROOT_ROW = 1
EntryStatus = Literal["added", "updated", "unchanged"]
Detail = dict[str, str | int | bool | None]


@dataclass(frozen=True)
class TrustedRootView:
    key_id: str
    fingerprint: str
    added: str
    public_key: str

    def to_json(self) -> dict[str, str]:
        return {
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "added": self.added,
            "public_key": self.public_key,
        }


@dataclass(frozen=True)
class BundleEntryResult:
    recipient_id: str
    kind: str
    status: EntryStatus
    fingerprint: str
    previous_fingerprint: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "id": self.recipient_id,
            "kind": self.kind,
            "status": self.status,
            "fingerprint": self.fingerprint,
            "previous_fingerprint": self.previous_fingerprint,
        }


@dataclass(frozen=True)
class BundleImport:
    serial: int
    root_key_id: str
    entries: tuple[BundleEntryResult, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "serial": self.serial,
            "root_key_id": self.root_key_id,
            "recipients": [entry.to_json() for entry in self.entries],
        }


def _require_keeper(vault: Vault) -> None:
    """Those who keep the recipient directory (supervisors, administrators) decide whom
    the office trusts."""
    if Capability.REVIEW in capabilities(vault.role):
        vault.require(Capability.REVIEW)
    else:
        vault.require(Capability.MANAGE_ACCOUNTS)


def _view(row: TrustedRoot) -> TrustedRootView:
    return TrustedRootView(row.key_id, row.fingerprint, row.added, row.public_key)


# -- the root ----------------------------------------------------------------------------------
def parse_root_key(text: str) -> PublicKey:
    try:
        key = PublicKey.parse(text)
    except MinisignError as exc:
        raise UsageError(f"the root key file is not a minisign public key: {exc.message}") from None
    check_ed25519_public(key.public)
    return key


def trusted_root(vault: Vault) -> TrustedRootView | None:
    with vault.read() as session:
        row = session.get(TrustedRoot, ROOT_ROW)
        return _view(row) if row is not None else None


def trust_root(vault: Vault, public_key_text: str, *, replace: bool = False) -> TrustedRootView:
    """Trust the NRM root key; a different root replaces it only with ``replace=True``."""
    _require_keeper(vault)
    key = parse_root_key(public_key_text)
    fingerprint = signing_key_fingerprint(key)
    detail: Detail = {"key_id": key.key_id_hex, "fingerprint": fingerprint}
    with vault.write("trust.root", None, detail) as session:
        row = session.get(TrustedRoot, ROOT_ROW)
        if row is not None and row.key_id == key.key_id_hex and row.public_key == key.encode():
            detail["unchanged"] = True
            return _view(row)
        if row is not None and not replace:
            raise UsageError(
                f"another NRM root key ({row.key_id}, fingerprint {row.fingerprint}) is "
                "trusted already: check the new key's fingerprint with the NRM, then use "
                "--replace"
            )
        if row is not None:
            detail["replaced_key_id"] = row.key_id
            detail["replaced_fingerprint"] = row.fingerprint
            session.delete(row)
            _clear_serial(session)
            session.flush()
        row = TrustedRoot(
            id=ROOT_ROW,
            public_key=key.encode(),
            key_id=key.key_id_hex,
            fingerprint=fingerprint,
            added=utc_iso(vault.clock.now()),
        )
        session.add(row)
        return _view(row)


# -- bundles -----------------------------------------------------------------------------------
def _clear_serial(session: Session) -> None:
    row = session.get(WorkspaceMeta, SERIAL_KEY)
    if row is not None:
        session.delete(row)


def _last_serial(session: Session) -> int | None:
    row = session.get(WorkspaceMeta, SERIAL_KEY)
    return int(row.value) if row is not None else None


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(WorkspaceMeta, key)
    if row is None:
        session.add(WorkspaceMeta(key=key, value=value))
    else:
        row.value = value


def accepted_fields(session: Session, recipient_id: str) -> tuple[str, ...] | None:
    """The exchange names the agency's signed entry accepts; None if no bundle named it."""
    row = session.get(WorkspaceMeta, FIELDS_PREFIX + recipient_id)
    return tuple(json.loads(row.value)) if row is not None else None


def _verified(vault: Vault, bundle_bytes: bytes, sig_bytes: bytes) -> RecipientBundle:
    root = trusted_root(vault)
    if root is None:
        raise UsageError(
            "no NRM root key is trusted yet: add it first with "
            "`screening-app recipients trust-root ROOT.pub` and compare its fingerprint "
            "with the NRM"
        )
    try:
        signature = Signature.parse(sig_bytes)
    except MinisignError as exc:
        raise UsageError(f"the bundle signature file is unusable: {exc.message}") from None
    if signature.key_id_hex != root.key_id:
        raise UsageError(
            f"the key bundle is signed by key {signature.key_id_hex}, not by the trusted NRM "
            f"root key {root.key_id}: ask the NRM for a bundle signed by its root key"
        )
    return verify_bundle(bundle_bytes, sig_bytes, PublicKey.parse(root.public_key))


def _languages(entry: RecipientEntry) -> list[str]:
    """The agency's languages a report can be written in; English when none is known."""
    return [code for code in entry.languages if is_known_language(code)] or ["en"]


def _new_row(entry: RecipientEntry, serial: int, added: str) -> RecipientRow:
    kind = parse_kind(entry.kind)
    languages = _languages(entry)
    fields = DEFAULT_FIELDS[kind]
    try:
        check_entry(entry.recipient_id, kind, entry.name, languages, fields, entry.contact)
    except UsageError as exc:
        raise UsageError(f"bundle entry {entry.recipient_id}: {exc.message}") from None
    return RecipientRow(
        id=entry.recipient_id,
        kind=kind.value,
        name=entry.name.strip(),
        languages=json.dumps(languages),
        allowed_fields=json.dumps(list(fields)),
        contact=entry.contact.strip(),
        source=f"bundle:{serial}",
        added=added,
    )


def _check_kind(row: RecipientRow, entry: RecipientEntry) -> None:
    """Consent is asked kind by kind, so an agency's kind never changes by a bundle."""
    kind = parse_kind(entry.kind)
    if kind.value != row.kind:
        raise UsageError(
            f"recipient {entry.recipient_id} is a {row.kind} agency in this directory but "
            f"the bundle lists it as {kind.value}: nothing was imported; ask the NRM"
        )


def _set_keys(row: RecipientRow, entry: RecipientEntry, serial: int) -> None:
    """The keys, and ``source`` naming the bundle they came with."""
    row.age_recipient = str(entry.age_recipient)
    row.ed25519_public = entry.signing_key.encode()
    row.fingerprint = entry.fingerprints["recipient"]
    row.source = f"bundle:{serial}"


def _apply(
    vault: Vault, session: Session, entry: RecipientEntry, serial: int, added: str
) -> BundleEntryResult:
    row = session.get(RecipientRow, entry.recipient_id)
    new_print = entry.fingerprints["recipient"]
    _set_meta(session, FIELDS_PREFIX + entry.recipient_id, json.dumps(entry.allowed_fields))
    if row is None:
        row = _new_row(entry, serial, added)
        _set_keys(row, entry, serial)
        session.add(row)
        return BundleEntryResult(row.id, row.kind, "added", new_print, None)
    _check_kind(row, entry)
    old_print = row.fingerprint
    if old_print == new_print:
        return BundleEntryResult(row.id, row.kind, "unchanged", new_print, old_print)
    _set_keys(row, entry, serial)
    detail: Detail = {
        "recipient": row.id,
        "old_fingerprint": old_print,
        "new_fingerprint": new_print,
        "serial": serial,
    }
    audit.append(session, vault.username, "recipient.keys", None, detail, vault.clock)
    return BundleEntryResult(row.id, row.kind, "updated", new_print, old_print)


def import_bundle(vault: Vault, bundle_bytes: bytes, sig_bytes: bytes) -> BundleImport:
    """Verify a key bundle against the trusted root and bring its agencies into the
    directory. Any refusal leaves the directory as it was."""
    _require_keeper(vault)
    bundle = _verified(vault, bundle_bytes, sig_bytes)
    added = utc_iso(vault.clock.now())
    detail: Detail = {"serial": bundle.serial, "root_key_id": bundle.root_key_id}
    with vault.write("bundle.import", None, detail) as session:
        last = _last_serial(session)
        if last is not None and bundle.serial < last:
            raise UsageError(
                f"this key bundle (serial {bundle.serial}) is older than the one already "
                f"imported (serial {last}): ask the NRM for its current bundle"
            )
        results = [_apply(vault, session, e, bundle.serial, added) for e in bundle.recipients]
        _set_meta(session, SERIAL_KEY, str(bundle.serial))
        for status in ("added", "updated", "unchanged"):
            detail[status] = sum(1 for r in results if r.status == status)
    return BundleImport(bundle.serial, bundle.root_key_id, tuple(results))


def bundle_entries(results: Sequence[BundleEntryResult], status: EntryStatus) -> list[str]:
    return [result.recipient_id for result in results if result.status == status]
