"""The office's keys: made once, sealed by the workspace key, public parts for everyone."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from screening_app.core.errors import IntegrityError, PermissionDeniedError
from screening_app.crypto.minisign import PublicKey
from screening_app.packets.bundle import signing_key_fingerprint
from screening_app.packets.format import IDENT
from screening_app.services.office_keys import (
    office_age_identity,
    office_identity,
    office_sender,
)
from screening_app.storage import database
from screening_app.storage.models import AuditEntry, OfficeKey
from tests.field.conftest import FieldSetup


def test_keys_are_made_once_on_first_need_and_audited(bare: FieldSetup) -> None:
    vault = bare.sign_in("responder")
    first = office_identity(vault)
    again = office_identity(bare.sign_in("interpreter"))
    assert first == again
    assert IDENT.match(first.office_id) and first.office_id.startswith("office-")
    assert first.fingerprint == signing_key_fingerprint(first.signing_public)
    with bare.sign_in().read() as session:
        made = session.execute(select(AuditEntry).where(AuditEntry.action == "office.keys"))
        details = [json.loads(entry.detail) for entry in made.scalars()]
    assert details == [{"created": True, "key_id": first.key_id}]


def test_public_key_file_reads_back_and_names_the_fingerprint(bare: FieldSetup) -> None:
    identity = office_identity(bare.sign_in())
    text = identity.public_key_file()
    assert PublicKey.parse(text) == identity.signing_public
    assert identity.fingerprint in text.splitlines()[0]


def test_the_signing_key_is_for_supervisors_and_matches_the_public_key(
    bare: FieldSetup,
) -> None:
    supervisor = bare.sign_in()
    sender = office_sender(supervisor)
    identity = office_identity(supervisor)
    assert sender.office_id == identity.office_id
    assert sender.key.public_key == identity.signing_public
    assert office_age_identity(supervisor).recipient == identity.age_recipient
    for role in ("responder", "interpreter", "admin"):
        with pytest.raises(PermissionDeniedError):
            office_sender(bare.sign_in(role))


def test_secrets_are_stored_sealed_and_bound_to_their_purpose(bare: FieldSetup) -> None:
    supervisor = bare.sign_in()
    seed = office_sender(supervisor).key.seed
    engine = bare.ws.workspace.engine
    with database.session_factory(engine)() as session:
        rows = {row.purpose: row for row in session.execute(select(OfficeKey)).scalars()}
        assert seed not in rows["signing"].wrapped_secret
        # Swap the two sealed secrets: each must refuse to open under the other's purpose.
        rows["signing"].wrapped_secret, rows["age"].wrapped_secret = (
            rows["age"].wrapped_secret,
            rows["signing"].wrapped_secret,
        )
        session.commit()
    with pytest.raises(IntegrityError, match="failed its authenticity check"):
        office_sender(supervisor)
