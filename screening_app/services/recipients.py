"""The recipient directory: the agencies a referral can go to.

An entry names the agency, its kind, the languages it reads and the fields it may receive.
Kinds are the consent recipients (``services.consents.Recipient``), so the person's consent,
asked recipient kind by recipient kind, applies directly to every agency of that kind.

Agency names and contacts are not personal data of a screened person, so the table is not
encrypted. The key columns (age recipient, Ed25519 key, fingerprint) stay empty here: they
arrive with a key bundle signed by the NRM root key, imported by the packet side.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import select

from screening_app.core.clock import utc_iso
from screening_app.core.errors import NotFoundError, UsageError
from screening_app.reports.scripts import is_known_language
from screening_app.services.consents import Recipient as Kind
from screening_app.services.recipient_fields import FIELD_IDS, unknown_fields
from screening_app.services.roles import Capability, capabilities
from screening_app.services.vault import Vault
from screening_app.storage.models import Recipient as RecipientRow

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MAX_NAME = 200
MAX_CONTACT = 300

# The report names a kind by its own ids (``screening_app.reports.labels``).
REPORT_KINDS: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.NRM_COORDINATOR: "nrm",
        Kind.CHILD_PROTECTION: "child_protection",
        Kind.GUARDIAN: "guardian",
        Kind.SHELTER: "shelter",
        Kind.HEALTH: "health",
        Kind.LEGAL_AID: "legal_aid",
        Kind.IOM: "iom",
        Kind.LAW_ENFORCEMENT: "law_enforcement",
    }
)

_EVERY_PERSON_FIELD = (
    "person.name",
    "person.birth_date",
    "person.age",
    "person.nationality",
    "person.gender",
    "person.languages",
)

# What each kind needs for its part of the help, and no more. Health gets the medical needs,
# not the journey; IOM what a voluntary return needs; law enforcement the facts of the case
# but not the person's health or wishes (and it is reached only with explicit consent).
DEFAULT_FIELDS: Mapping[Kind, tuple[str, ...]] = MappingProxyType(
    {
        Kind.NRM_COORDINATOR: FIELD_IDS,
        Kind.CHILD_PROTECTION: (
            *_EVERY_PERSON_FIELD,
            "assessment.reasons",
            "answers.interview",
            "answers.safety",
            "answers.health",
            "answers.family",
            "answers.background",
            "answers.journey",
            "answers.money",
            "answers.documents",
            "answers.work",
            "answers.living",
            "answers.wishes",
        ),
        Kind.GUARDIAN: (
            *_EVERY_PERSON_FIELD,
            "assessment.reasons",
            "answers.safety",
            "answers.health",
            "answers.family",
            "answers.background",
            "answers.documents",
            "answers.wishes",
        ),
        Kind.SHELTER: (
            "person.name",
            "person.age",
            "person.gender",
            "person.languages",
            "answers.safety",
            "answers.family",
            "answers.living",
            "answers.wishes",
        ),
        Kind.HEALTH: (
            "person.name",
            "person.birth_date",
            "person.age",
            "person.gender",
            "person.languages",
            "answers.health",
        ),
        Kind.LEGAL_AID: (
            *_EVERY_PERSON_FIELD,
            "assessment.reasons",
            "answers.journey",
            "answers.money",
            "answers.documents",
            "answers.work",
            "answers.living",
            "answers.wishes",
        ),
        Kind.IOM: (
            "person.name",
            "person.birth_date",
            "person.age",
            "person.nationality",
            "person.gender",
            "person.languages",
            "answers.documents",
            "answers.wishes",
        ),
        Kind.LAW_ENFORCEMENT: (
            "person.name",
            "person.birth_date",
            "person.age",
            "person.nationality",
            "person.gender",
            "person.languages",
            "assessment.reasons",
            "answers.journey",
            "answers.money",
            "answers.documents",
            "answers.work",
            "answers.living",
        ),
    }
)


# Key bundles name kinds in their own vocabulary (lower case, dashes): the report's kind ids
# with dashes, plus the short forms the NRM uses.
BUNDLE_KINDS: Mapping[str, Kind] = MappingProxyType(
    {
        "nrm": Kind.NRM_COORDINATOR,
        "shelter": Kind.SHELTER,
        **{kind.value.replace("_", "-"): kind for kind in Kind},
        **{value.replace("_", "-"): kind for kind, value in REPORT_KINDS.items()},
    }
)


def parse_kind(text: str) -> Kind:
    """A directory kind from its own name or a key bundle's (``nrm``, ``child-protection``)."""
    try:
        return Kind(text)
    except ValueError:
        pass
    found = BUNDLE_KINDS.get(text)
    if found is not None:
        return found
    allowed = ", ".join(kind.value for kind in Kind)
    raise UsageError(f"unknown recipient kind '{text}': use one of {allowed}") from None


def report_kind(kind: Kind) -> str:
    """The recipient kind id the referral report prints for ``kind``."""
    return REPORT_KINDS[kind]


@dataclass(frozen=True)
class RecipientEntry:
    """One agency of the directory."""

    id: str
    kind: Kind
    name: str
    languages: tuple[str, ...]
    allowed_fields: tuple[str, ...]
    contact: str = ""
    source: str = "manual"
    added: str = ""
    age_recipient: str | None = None
    ed25519_public: str | None = None
    fingerprint: str | None = None

    @property
    def report_kind(self) -> str:
        return report_kind(self.kind)

    def may_receive(self, field: str) -> bool:
        return field in self.allowed_fields

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "report_kind": self.report_kind,
            "name": self.name,
            "languages": list(self.languages),
            "allowed_fields": list(self.allowed_fields),
            "contact": self.contact,
            "source": self.source,
            "added": self.added,
            "age_recipient": self.age_recipient,
            "ed25519_public": self.ed25519_public,
            "fingerprint": self.fingerprint,
        }


def check_entry(
    recipient_id: str,
    kind: Kind,
    name: str,
    languages: Sequence[str],
    allowed_fields: Sequence[str],
    contact: str,
) -> None:
    """Refuse an entry that could not be used safely; messages name the bad part."""
    if not _ID.match(recipient_id):
        raise UsageError(
            "a recipient id uses 1-64 lowercase letters, digits, dot, dash or underscore"
        )
    if not name.strip() or len(name) > MAX_NAME:
        raise UsageError(f"a recipient name needs 1-{MAX_NAME} characters")
    if len(contact) > MAX_CONTACT:
        raise UsageError(f"a recipient contact has at most {MAX_CONTACT} characters")
    if not languages:
        raise UsageError("a recipient needs at least one language")
    for code in languages:
        if not is_known_language(code):
            raise UsageError(f"unknown language for a recipient: {code}")
    bad = unknown_fields(list(allowed_fields))
    if bad:
        raise UsageError(f"unknown field id: {bad[0]} (see docs/review.md for the field ids)")
    if kind not in DEFAULT_FIELDS:
        raise UsageError(f"unknown recipient kind: {kind}")


def _entry(row: RecipientRow) -> RecipientEntry:
    return RecipientEntry(
        id=row.id,
        kind=Kind(row.kind),
        name=row.name,
        languages=tuple(json.loads(row.languages)),
        allowed_fields=tuple(json.loads(row.allowed_fields)),
        contact=row.contact,
        source=row.source,
        added=row.added,
        age_recipient=row.age_recipient,
        ed25519_public=row.ed25519_public,
        fingerprint=row.fingerprint,
    )


class RecipientDirectory:
    """Add, list and read directory entries. Supervisors and administrators keep it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def _require_keeper(self) -> None:
        """Supervisors (who decide referrals) and administrators keep the directory."""
        if Capability.REVIEW in capabilities(self.vault.role):
            self.vault.require(Capability.REVIEW)
        else:
            self.vault.require(Capability.MANAGE_ACCOUNTS)

    def add(
        self,
        recipient_id: str,
        kind: Kind | str,
        name: str,
        languages: Sequence[str],
        *,
        allowed_fields: Sequence[str] | None = None,
        contact: str = "",
        source: str = "manual",
    ) -> RecipientEntry:
        """Add an agency; without ``allowed_fields`` its kind's default fields apply."""
        self._require_keeper()
        kind = kind if isinstance(kind, Kind) else parse_kind(kind)
        fields = tuple(allowed_fields) if allowed_fields is not None else DEFAULT_FIELDS[kind]
        check_entry(recipient_id, kind, name, languages, fields, contact)
        row = RecipientRow(
            id=recipient_id,
            kind=kind.value,
            name=name.strip(),
            languages=json.dumps(list(languages)),
            allowed_fields=json.dumps(list(dict.fromkeys(fields))),
            contact=contact.strip(),
            source=source,
            added=utc_iso(self.vault.clock.now()),
        )
        detail: dict[str, str | int | bool | None] = {"recipient": recipient_id, "kind": kind}
        with self.vault.write("recipient.add", None, detail) as session:
            if session.get(RecipientRow, recipient_id) is not None:
                raise UsageError(f"a recipient with id {recipient_id} already exists")
            session.add(row)
            entry = _entry(row)
        return entry

    def entries(self, kind: Kind | None = None) -> list[RecipientEntry]:
        """Every entry (of one kind, if given), by kind then name."""
        query = select(RecipientRow)
        if kind is not None:
            query = query.where(RecipientRow.kind == kind.value)
        with self.vault.read() as session:
            rows = [_entry(row) for row in session.execute(query).scalars()]
        order = {kind: index for index, kind in enumerate(Kind)}
        return sorted(rows, key=lambda entry: (order[entry.kind], entry.name, entry.id))

    def get(self, recipient_id: str) -> RecipientEntry:
        with self.vault.read() as session:
            row = session.get(RecipientRow, recipient_id)
            if row is None:
                raise NotFoundError(f"no recipient with id {recipient_id}")
            return _entry(row)
