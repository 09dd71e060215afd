"""The office a referral comes from, and how its officers are reached.

Reports print the office's name and the referring officer's name and contact. Staff contact
details are personal data of the staff, so they are sealed with the workspace data key in
``workspace_meta`` like every other sensitive value (one row for the office, one per officer,
keyed by account id), and read only by a signed-in account.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select

from screening_app.core.errors import NotFoundError, UsageError
from screening_app.crypto.aead import field_aad
from screening_app.reports import Officer
from screening_app.services.roles import Capability, capabilities
from screening_app.services.vault import Vault
from screening_app.storage.models import Account, WorkspaceMeta

OFFICE_KEY = "office"
MAX_TEXT = 120
DEFAULT_OFFICE = "Screening office"


@dataclass(frozen=True)
class OfficeSettings:
    name: str = DEFAULT_OFFICE
    contact: str = ""
    intake_url: str = ""  # the NRM's HTTP intake, for "Sync now"; empty when there is none


def _officer_key(account_id: int) -> str:
    return f"officer.{account_id}"


def _checked(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > MAX_TEXT:
        raise UsageError(f"the {what} has at most {MAX_TEXT} characters")
    return cleaned


def _require_keeper(vault: Vault) -> None:
    """Supervisors and administrators set the office's details."""
    if Capability.REVIEW in capabilities(vault.role):
        vault.require(Capability.REVIEW)
    else:
        vault.require(Capability.MANAGE_ACCOUNTS)


def _read(vault: Vault, key: str) -> dict[str, str] | None:
    cipher = vault.data_cipher()
    with vault.read() as session:
        row = session.get(WorkspaceMeta, key)
        if row is None:
            return None
        sealed = base64.b64decode(row.value)
    plain = cipher.open(sealed, field_aad("workspace_meta", "value", key, 0))
    data: dict[str, str] = json.loads(plain.decode("utf-8"))
    return data


def _write(vault: Vault, key: str, value: dict[str, str], action: str) -> None:
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    sealed = vault.data_cipher().seal(plain, field_aad("workspace_meta", "value", key, 0))
    text = base64.b64encode(sealed).decode("ascii")
    with vault.write(action, None, {"key": key}) as session:
        row = session.get(WorkspaceMeta, key)
        if row is None:
            session.add(WorkspaceMeta(key=key, value=text))
        else:
            row.value = text


def office_settings(vault: Vault) -> OfficeSettings:
    """The stored office details, or the defaults when none were saved."""
    data = _read(vault, OFFICE_KEY)
    if data is None:
        return OfficeSettings()
    return OfficeSettings(
        data.get("name") or DEFAULT_OFFICE, data.get("contact", ""), data.get("intake_url", "")
    )


def save_office_settings(vault: Vault, name: str, contact: str = "") -> None:
    _require_keeper(vault)
    value = {
        "name": _checked(name, "office name") or DEFAULT_OFFICE,
        "contact": _checked(contact, "office contact"),
        "intake_url": office_settings(vault).intake_url,
    }
    _write(vault, OFFICE_KEY, value, "office.settings")


def save_intake_url(vault: Vault, url: str) -> str:
    """Where "Sync now" sends packets: an http(s) address, or "" for none."""
    _require_keeper(vault)
    cleaned = url.strip().rstrip("/")
    try:
        parts = urlsplit(cleaned)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if cleaned and not valid:
        raise UsageError("the intake address must look like https://intake.example.org")
    if len(cleaned) > 300 or any(ch.isspace() for ch in cleaned):
        raise UsageError("the intake address has at most 300 characters and no spaces")
    current = office_settings(vault)
    value = {"name": current.name, "contact": current.contact, "intake_url": cleaned}
    _write(vault, OFFICE_KEY, value, "office.intake")
    return cleaned


def _account_id(vault: Vault, username: str) -> int:
    with vault.read() as session:
        found = session.execute(select(Account.id).where(Account.username == username)).scalar()
    if found is None:
        raise NotFoundError(f"no account named {username}")
    return int(found)


def save_officer_contact(vault: Vault, username: str, name: str, contact: str) -> None:
    """How ``username`` is named and reached on the reports they send."""
    _require_keeper(vault)
    value = {"name": _checked(name, "officer name"), "contact": _checked(contact, "contact")}
    _write(vault, _officer_key(_account_id(vault, username)), value, "office.officer")


def officer_for(vault: Vault, username: str, office: OfficeSettings) -> Officer:
    """The referring officer as printed: their own entry, else the account name with the
    office's contact."""
    data = _read(vault, _officer_key(_account_id(vault, username)))
    if data is None:
        return Officer(username, office.contact or None)
    contact = data.get("contact") or office.contact
    return Officer(data.get("name") or username, contact or None)
