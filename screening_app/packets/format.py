"""The packet format: member names, size limits, the manifest schema and strict JSON.

A packet is an age v1 file (X25519 recipient) whose plaintext is a stored ZIP of exactly:

=========================  ==============================================================
``manifest.json``          what the packet is (see ``Manifest``), with the SHA-256 and size
                           of every member below except the signature
``manifest.json.minisig``  minisign signature of ``manifest.json`` by the sending office
``case.json``              the consented fields only, by their exchange names
``report.pdf``             the referral report for this recipient
``audit-checkpoint.json``  the sender's audit chain head when the packet was made
=========================  ==============================================================

Every JSON member is UTF-8, one object, no duplicate keys, no NaN or Infinity.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screening_app.core.errors import ScreeningError

FORMAT_NAME = "screening-app-packet"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
CASE = "case.json"
REPORT = "report.pdf"
AUDIT = "audit-checkpoint.json"
MEMBERS = (MANIFEST, SIGNATURE, CASE, REPORT, AUDIT)
HASHED_MEMBERS = (CASE, REPORT, AUDIT)

KIB = 1024
MIB = 1024 * KIB
MEMBER_LIMITS: Mapping[str, int] = {
    MANIFEST: 64 * KIB,
    SIGNATURE: 4 * KIB,
    CASE: 1 * MIB,
    REPORT: 16 * MIB,
    AUDIT: 64 * KIB,
}
# ZIP overhead for five members is well under 1 KiB; 4 KiB leaves room for extra fields.
MAX_PLAINTEXT_BYTES = sum(MEMBER_LIMITS.values()) + 4 * KIB
# age adds a header (< 1 KiB for one stanza) and 16 bytes per 64 KiB chunk.
MAX_PACKET_BYTES = MAX_PLAINTEXT_BYTES + MAX_PLAINTEXT_BYTES // 4096 + 16 * KIB
PACKET_SUFFIX = ".age"

PACKET_ID = re.compile(r"^[0-9a-f]{32}$")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
KEY_ID_HEX = re.compile(r"^[0-9A-F]{16}$")
IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
FIELD_NAME = re.compile(r"^[a-z][A-Za-z0-9]{0,63}$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
MAX_FORMS = 20
MAX_SCOPE = 200

# The exchange vocabulary for case.json: names modelled on the Human Trafficking Case Data
# Standard (camelCase, one concept per field). A recipient's allowed fields and a person's
# consent scope are subsets of it; the intake refuses names outside the scope.
CASE_FIELDS: tuple[str, ...] = (
    "caseId",
    "registrationDate",
    "givenNames",
    "familyName",
    "gender",
    "estimatedAge",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "languages",
    "interviewLanguage",
    "countryOfExploitation",
    "typeOfExploitation",
    "meansOfControl",
    "recruiterRelationship",
    "indicatorsMet",
    "assessmentOutcome",
    "assessmentProfile",
    "needs",
    "referralReason",
    "contact",
    "consentDate",
)


class PacketRejected(ScreeningError):
    """A packet failed a check. ``reason`` is short, fixed text: it never holds case data."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"packet rejected: {reason}")
        self.reason = reason


def new_packet_id() -> str:
    """128 random bits as 32 lower-case hex digits."""
    return secrets.token_hex(16)


# -- strict JSON ---------------------------------------------------------------------------
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _no_constants(_name: str) -> Any:
    raise ValueError("NaN or Infinity")


def strict_json_object(data: bytes, what: str) -> dict[str, Any]:
    """Parse one JSON object, or raise PacketRejected naming the member (never its text)."""
    try:
        value = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constants,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PacketRejected(f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise PacketRejected(f"{what} is not a JSON object")
    return value


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the one encoding written for JSON members."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


# -- value types ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FormRef:
    """A form (id and version) whose answers the packet draws on."""

    form_id: str
    version: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.form_id, "version": self.version}


@dataclass(frozen=True)
class AuditCheckpoint:
    """The sender's audit chain at sealing time: entry count, head hash and time."""

    entries: int
    head_sha256: str
    at: str

    def as_json(self) -> dict[str, Any]:
        return {"at": self.at, "entries": self.entries, "head_sha256": self.head_sha256}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> AuditCheckpoint:
        _exact_keys(value, {"at", "entries", "head_sha256"}, AUDIT)
        entries, head, at = value["entries"], value["head_sha256"], value["at"]
        if not isinstance(entries, int) or isinstance(entries, bool) or entries < 0:
            raise PacketRejected(f"{AUDIT} has an invalid entry count")
        _match(SHA256_HEX, head, f"{AUDIT} head hash")
        _match(TIMESTAMP, at, f"{AUDIT} time")
        return cls(entries, head, at)


@dataclass(frozen=True)
class MemberDigest:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What a packet is. Serialised with ``canonical_json``; signed by the sending office."""

    packet_id: str
    case_id: str
    office_id: str
    office_key_id: str
    recipient_id: str
    created: str
    forms: tuple[FormRef, ...]
    consent_scope: tuple[str, ...]
    members: Mapping[str, MemberDigest]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "packet_id": self.packet_id,
            "case_id": self.case_id,
            "sender": {"office_id": self.office_id, "key_id": self.office_key_id},
            "recipient": self.recipient_id,
            "created": self.created,
            "forms": [form.as_json() for form in self.forms],
            "consent_scope": list(self.consent_scope),
            "members": {
                name: {"sha256": digest.sha256, "size": digest.size}
                for name, digest in self.members.items()
            },
        }

    def encode(self) -> bytes:
        return canonical_json(self.as_json())

    @classmethod
    def decode(cls, data: bytes) -> Manifest:
        value = strict_json_object(data, MANIFEST)
        keys = {"format", "version", "packet_id", "case_id", "sender", "recipient"}
        _exact_keys(value, keys | {"created", "forms", "consent_scope", "members"}, MANIFEST)
        if value["format"] != FORMAT_NAME or value["version"] != FORMAT_VERSION:
            raise PacketRejected("the manifest is not a version 1 screening-app packet")
        sender = _object(value["sender"], "manifest sender")
        _exact_keys(sender, {"office_id", "key_id"}, "manifest sender")
        return cls(
            packet_id=_match(PACKET_ID, value["packet_id"], "packet id"),
            case_id=_match(IDENT, value["case_id"], "case id"),
            office_id=_match(IDENT, sender["office_id"], "sender office id"),
            office_key_id=_match(KEY_ID_HEX, sender["key_id"], "sender key id"),
            recipient_id=_match(IDENT, value["recipient"], "recipient id"),
            created=_match(TIMESTAMP, value["created"], "creation time"),
            forms=_forms(value["forms"]),
            consent_scope=_scope(value["consent_scope"]),
            members=_digests(value["members"]),
        )


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise PacketRejected(f"{what} is not a JSON object")
    return value


def _exact_keys(value: Mapping[str, Any], expected: set[str], what: str) -> None:
    if set(value) != expected:
        missing = sorted(expected - set(value))
        extra = sorted(set(value) - expected)
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"{len(extra)} unexpected key(s)" if extra else "",
            )
            if part
        )
        raise PacketRejected(f"{what} has the wrong keys ({detail})")


def _match(pattern: re.Pattern[str], value: Any, what: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise PacketRejected(f"the {what} is malformed")
    return value


def _forms(value: Any) -> tuple[FormRef, ...]:
    if not isinstance(value, list) or not value or len(value) > MAX_FORMS:
        raise PacketRejected(f"the manifest must list 1 to {MAX_FORMS} forms")
    forms = []
    for item in value:
        entry = _object(item, "a manifest form entry")
        _exact_keys(entry, {"id", "version"}, "a manifest form entry")
        forms.append(FormRef(_match(IDENT, entry["id"], "form id"), _version(entry["version"])))
    return tuple(forms)


def _version(value: Any) -> str:
    if not isinstance(value, str) or not re.match(r"^[A-Za-z0-9._+-]{1,32}$", value):
        raise PacketRejected("a form version is malformed")
    return value


def _scope(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_SCOPE:
        raise PacketRejected("the consent scope is not a list of field names")
    names = tuple(_match(FIELD_NAME, item, "consent scope field name") for item in value)
    if len(set(names)) != len(names):
        raise PacketRejected("the consent scope names a field twice")
    return names


def _digests(value: Any) -> dict[str, MemberDigest]:
    members = _object(value, "manifest member list")
    _exact_keys(members, set(HASHED_MEMBERS), "manifest member list")
    result = {}
    for name in HASHED_MEMBERS:
        entry = _object(members[name], f"manifest entry for {name}")
        _exact_keys(entry, {"sha256", "size"}, f"manifest entry for {name}")
        size = entry["size"]
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or not 0 <= size <= MEMBER_LIMITS[name]
        ):
            raise PacketRejected(f"the manifest size of {name} is invalid")
        result[name] = MemberDigest(_match(SHA256_HEX, entry["sha256"], f"{name} hash"), size)
    return result


def check_case_fields(case: Mapping[str, Any], scope: Sequence[str]) -> None:
    """case.json may only hold fields in the consent scope."""
    outside = [name for name in case if name not in scope]
    if outside:
        raise PacketRejected(f"case.json holds {len(outside)} field(s) outside the consent scope")
