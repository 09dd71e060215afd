"""Trusting the NRM root and importing key bundles: what is accepted, audited and refused."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from screening_app.core.errors import PermissionDeniedError, UsageError
from screening_app.crypto.age import AgeRecipient
from screening_app.crypto.minisign import SecretKey
from screening_app.nrm.keyfiles import generate_intake_keys
from screening_app.packets.bundle import signing_key_fingerprint
from screening_app.packets.format import canonical_json
from screening_app.services.recipients import RecipientDirectory
from screening_app.services.trust import import_bundle, trust_root, trusted_root
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry
from tests.field.conftest import FieldSetup


def _audit(vault: Vault, action: str | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    with vault.read() as session:
        return list(session.execute(query).scalars())


def _snapshot(vault: Vault) -> tuple[list[dict[str, object]], int]:
    entries = [entry.to_json() for entry in RecipientDirectory(vault).entries()]
    with vault.read() as session:
        count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return entries, count


def _import(vault: Vault, bundle: Path) -> object:
    signature = bundle.with_name(bundle.name + ".minisig").read_bytes()
    return import_bundle(vault, bundle.read_bytes(), signature)


def test_trusting_the_root_shows_its_fingerprint_and_is_audited(bare: FieldSetup) -> None:
    vault = bare.sign_in()
    view = trust_root(vault, bare.root_pub.read_text())
    assert view.fingerprint == signing_key_fingerprint(bare.root_key.public_key)
    assert view.key_id == bare.root_key.key_id_hex
    assert trusted_root(vault) == view
    [entry] = _audit(vault, "trust.root")
    assert json.loads(entry.detail)["fingerprint"] == view.fingerprint


def test_a_second_root_is_refused_unless_replacing_which_is_audited(field: FieldSetup) -> None:
    vault = field.sign_in()
    other = SecretKey.generate().public_key
    with pytest.raises(UsageError, match=r"another NRM root key .* --replace"):
        trust_root(vault, other.file_text())
    assert trusted_root(vault).key_id == field.root_key.key_id_hex  # type: ignore[union-attr]
    replaced = trust_root(vault, other.file_text(), replace=True)
    assert replaced.key_id == other.key_id_hex
    detail = json.loads(_audit(vault, "trust.root")[-1].detail)
    assert detail["replaced_key_id"] == field.root_key.key_id_hex
    assert detail["fingerprint"] == signing_key_fingerprint(other)


def test_a_responder_may_not_trust_a_root(bare: FieldSetup) -> None:
    with pytest.raises(PermissionDeniedError):
        trust_root(bare.sign_in("responder"), bare.root_pub.read_text())


def test_bundle_gives_agencies_their_keys_and_adds_new_ones(field: FieldSetup) -> None:
    vault = field.sign_in()
    directory = RecipientDirectory(vault)
    nrm = directory.get("demo-nrm")
    entry = field.entries["demo-nrm"]
    assert nrm.age_recipient == str(entry.age_recipient)
    assert nrm.ed25519_public == entry.signing_key.encode()
    assert nrm.fingerprint == entry.fingerprints["recipient"]
    assert nrm.source == "bundle:1"
    assert directory.get("demo-legal-aid").age_recipient is None
    [audit] = _audit(vault, "bundle.import")
    assert json.loads(audit.detail)["updated"] == 4  # demo agencies already listed, now keyed


def test_an_agency_new_to_the_directory_is_added_with_its_kind_defaults(
    field: FieldSetup,
) -> None:
    vault = field.sign_in()
    extra = replace(field.entries["demo-shelter"], recipient_id="north-shelter")
    result = _import(vault, field.bundle(2, [*field.entries.values(), extra]))
    statuses = {e.recipient_id: e.status for e in result.entries}  # type: ignore[attr-defined]
    assert statuses["north-shelter"] == "added" and statuses["demo-nrm"] == "unchanged"
    added = RecipientDirectory(vault).get("north-shelter")
    assert added.kind.value == "shelter_ngo" and added.source == "bundle:2"
    assert "answers.journey" not in added.allowed_fields  # the shelter kind's defaults


def test_new_keys_for_a_known_agency_are_audited_with_both_fingerprints(
    field: FieldSetup, tmp_path: Path
) -> None:
    vault = field.sign_in()
    old = field.entries["demo-shelter"].fingerprints["recipient"]
    fresh = generate_intake_keys(tmp_path / "new", "demo-shelter", "Shelter (test)")
    entries = {**field.entries, "demo-shelter": replace(fresh.entry, kind="shelter")}
    _import(vault, field.bundle(2, list(entries.values())))
    new = fresh.entry.fingerprints["recipient"]
    assert RecipientDirectory(vault).get("demo-shelter").fingerprint == new
    changes = _audit(vault, "recipient.keys")
    assert len(changes) == 5  # four agencies keyed by bundle 1, then this one
    change = changes[-1]
    detail = json.loads(change.detail)
    assert detail == {
        "recipient": "demo-shelter",
        "old_fingerprint": old,
        "new_fingerprint": new,
        "serial": 2,
    }
    assert "Shelter" not in change.detail  # ids and fingerprints, never names


def test_a_bundle_without_a_trusted_root_is_refused(bare: FieldSetup) -> None:
    vault = bare.sign_in()
    before = _snapshot(vault)
    with pytest.raises(UsageError, match="no NRM root key is trusted yet"):
        _import(vault, bare.bundle(1))
    assert _snapshot(vault) == before


def test_a_bundle_with_a_bad_signature_changes_nothing(field: FieldSetup) -> None:
    vault = field.sign_in()
    path = field.bundle(2)
    data = bytearray(path.read_bytes())
    data[data.index(b'"serial":2') + 9] = ord("3")  # the serial, after signing
    path.write_bytes(bytes(data))
    before = _snapshot(vault)
    with pytest.raises(UsageError, match="not signed by this root key"):
        _import(vault, path)
    assert _snapshot(vault) == before


def test_a_bundle_signed_by_an_untrusted_key_changes_nothing(field: FieldSetup) -> None:
    vault = field.sign_in()
    stranger = SecretKey.generate()
    before = _snapshot(vault)
    with pytest.raises(
        UsageError, match=f"signed by key {stranger.key_id_hex}, not by the trusted"
    ):
        _import(vault, field.bundle(2, signer=stranger))
    assert _snapshot(vault) == before


def test_an_older_bundle_changes_nothing(field: FieldSetup) -> None:
    vault = field.sign_in()
    _import(vault, field.bundle(5))
    moved = replace(field.entries["demo-iom"], recipient_id="late-iom")
    before = _snapshot(vault)
    with pytest.raises(UsageError, match=r"serial 4\) is older than .* \(serial 5\)"):
        _import(vault, field.bundle(4, [*field.entries.values(), moved]))
    assert _snapshot(vault) == before


def test_a_bundle_with_a_weak_key_is_refused_with_the_reason(field: FieldSetup) -> None:
    vault = field.sign_in()
    weak = field.entries["demo-health"].as_json()
    low_order = bytes([1]) + bytes(31)  # u = 1: every exchange with it gives zero
    weak["age_recipient"] = str(AgeRecipient(low_order))
    body = {
        "format": "screening-app-recipient-bundle",
        "version": 1,
        "serial": 2,
        "issued": "2025-03-14T09:00:00Z",
        "recipients": [field.entries["demo-nrm"].as_json(), weak],
    }
    data = canonical_json(body)
    path = field.folder / "weak.json"
    path.write_bytes(data)
    path.with_name("weak.json.minisig").write_bytes(field.root_key.sign(data, "weak"))
    before = _snapshot(vault)
    with pytest.raises(UsageError, match="demo-health: the X25519 public key is a low-order point"):
        _import(vault, path)
    assert _snapshot(vault) == before


def test_a_bundle_changing_an_agencys_kind_is_refused(field: FieldSetup) -> None:
    vault = field.sign_in()
    entries = {**field.entries, "demo-iom": replace(field.entries["demo-iom"], kind="nrm")}
    before = _snapshot(vault)
    with pytest.raises(
        UsageError, match=r"demo-iom is a iom agency .* lists it as nrm_coordinator"
    ):
        _import(vault, field.bundle(2, list(entries.values())))
    assert _snapshot(vault) == before
