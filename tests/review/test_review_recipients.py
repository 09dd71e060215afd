from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from screening_app.core.errors import NotFoundError, PermissionDeniedError, UsageError
from screening_app.reports.labels import RECIPIENT_KIND_LABELS
from screening_app.services.consents import Recipient
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.recipient_fields import FIELD_IDS, field_of_question
from screening_app.services.recipients import (
    DEFAULT_FIELDS,
    REPORT_KINDS,
    RecipientDirectory,
    parse_kind,
)
from screening_app.storage import database
from screening_app.storage.models import AuditEntry
from tests.conftest import OpenWorkspace
from tests.review.conftest import DemoWorkspace

ROOT = Path(__file__).resolve().parents[2]


def test_every_consent_kind_maps_to_a_kind_the_report_can_name() -> None:
    assert set(REPORT_KINDS) == set(Recipient)
    assert set(REPORT_KINDS.values()) <= set(RECIPIENT_KIND_LABELS)


def test_default_fields_follow_data_minimisation() -> None:
    health = set(DEFAULT_FIELDS[Recipient.HEALTH])
    assert "answers.health" in health
    assert not {"answers.journey", "answers.money", "assessment.reasons"} & health
    police = set(DEFAULT_FIELDS[Recipient.LAW_ENFORCEMENT])
    assert not {"answers.health", "answers.wishes", "answers.notes"} & police
    for kind in (Recipient.CHILD_PROTECTION, Recipient.GUARDIAN):
        assert {"person.name", "person.age", "answers.family"} <= set(DEFAULT_FIELDS[kind])
    # Free text the person said at the end goes to the coordinator only.
    holders = [kind for kind, fields in DEFAULT_FIELDS.items() if "answers.notes" in fields]
    assert holders == [Recipient.NRM_COORDINATOR]
    for fields in DEFAULT_FIELDS.values():
        assert set(fields) <= set(FIELD_IDS)


def test_questions_repeating_a_person_detail_belong_to_that_detail() -> None:
    assert field_of_question("journey", "nationality") == "person.nationality"
    assert field_of_question("safety", "needs_doctor") == "answers.health"
    assert field_of_question("journey", "journey_harm") == "answers.journey"
    assert field_of_question("a_new_section", "a_new_question") == "answers.other"


def test_an_entry_is_added_listed_and_read_back(open_ws: OpenWorkspace) -> None:
    directory = RecipientDirectory(open_ws.sign_in("supervisor"))
    added = directory.add("clinic-one", "health", "Example Clinic", ["it", "en"])
    assert added.allowed_fields == DEFAULT_FIELDS[Recipient.HEALTH]
    assert directory.get("clinic-one") == added
    assert [entry.id for entry in directory.entries()] == ["clinic-one"]
    assert directory.entries(Recipient.IOM) == []
    custom = directory.add(
        "desk-two", Recipient.LEGAL_AID, "Example Desk", ["fr"], allowed_fields=["person.name"]
    )
    assert custom.allowed_fields == ("person.name",)
    assert custom.to_json()["report_kind"] == "legal_aid"


@pytest.mark.parametrize(
    ("recipient_id", "kind", "languages", "fields"),
    [
        ("Bad Id", "health", ["en"], None),
        ("ok-id", "police", ["en"], None),
        ("ok-id", "health", ["xx"], None),
        ("ok-id", "health", [], None),
        ("ok-id", "health", ["en"], ["person.name", "person.shoe_size"]),
    ],
)
def test_an_entry_that_could_not_be_used_safely_is_refused(
    open_ws: OpenWorkspace,
    recipient_id: str,
    kind: str,
    languages: list[str],
    fields: list[str] | None,
) -> None:
    directory = RecipientDirectory(open_ws.sign_in("supervisor"))
    with pytest.raises(UsageError):
        directory.add(recipient_id, kind, "Example", languages, allowed_fields=fields)
    assert directory.entries() == []


def test_a_duplicate_id_is_refused_and_a_missing_one_not_found(open_ws: OpenWorkspace) -> None:
    directory = RecipientDirectory(open_ws.sign_in("admin"))
    directory.add("shelter-a", "shelter_ngo", "Example Shelter", ["en"])
    with pytest.raises(UsageError):
        directory.add("shelter-a", "shelter_ngo", "Another Shelter", ["en"])
    with pytest.raises(NotFoundError):
        directory.get("shelter-b")


@pytest.mark.parametrize("role", ["responder", "interpreter"])
def test_responders_and_interpreters_cannot_change_the_directory(
    open_ws: OpenWorkspace, role: str
) -> None:
    with pytest.raises(PermissionDeniedError):
        RecipientDirectory(open_ws.sign_in(role)).add("x-1", "health", "Example", ["en"])


def test_adding_an_entry_is_audited_by_id(open_ws: OpenWorkspace) -> None:
    RecipientDirectory(open_ws.sign_in("supervisor")).add("clinic-9", "health", "Clinic", ["en"])
    with database.session_factory(open_ws.workspace.engine)() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "recipient.add")
        ).scalar_one()
    assert json.loads(entry.detail) == {"kind": "health", "recipient": "clinic-9"}


def test_the_demo_directory_has_one_fictional_agency_of_each_kind_with_signed_keys(
    demo_copy: DemoWorkspace,
) -> None:
    entries = RecipientDirectory(demo_copy.sign_in()).entries()
    assert Counter(entry.kind for entry in entries) == Counter(set(Recipient))
    for entry in entries:
        assert entry.name.startswith("Demo ")
        assert entry.contact.endswith("@example.org")
        # The demo's fictional NRM signed a key bundle for every agency at creation.
        assert entry.source == "bundle:1"
        assert entry.age_recipient is not None and entry.age_recipient.startswith("age1")
        assert entry.ed25519_public is not None and entry.fingerprint is not None


def run_cli(workspace: Path, password_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "screening_app",
        "--workspace",
        str(workspace),
        "--user",
        "supervisor",
        "--password-file",
        str(password_file),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_recipients_list_and_show_on_the_command_line(
    demo_copy: DemoWorkspace, tmp_path: Path
) -> None:
    secret = tmp_path / "password"
    secret.write_text(DEMO_PASSWORD + "\n")
    demo_copy.workspace.close()
    listed = run_cli(demo_copy.path, secret, "recipients", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert len(entries) == len(Recipient)
    assert {entry["kind"] for entry in entries} == {kind.value for kind in Recipient}
    shown = run_cli(demo_copy.path, secret, "recipients", "show", "demo-health")
    assert json.loads(shown.stdout)["allowed_fields"] == list(DEFAULT_FIELDS[Recipient.HEALTH])
    plain = run_cli(demo_copy.path, secret, "recipients", "list", "--kind", "iom")
    assert plain.stdout.split()[0] == "demo-iom"
    missing = run_cli(demo_copy.path, secret, "recipients", "show", "nobody")
    assert missing.returncode == 1
    assert "no recipient with id nobody" in missing.stderr
    assert parse_kind("iom") is Recipient.IOM
