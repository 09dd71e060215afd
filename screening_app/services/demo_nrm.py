"""A demo NRM beside a demo workspace, so the whole packet path can be tried offline.

``<workspace>/demo-nrm/`` (owner-only) holds a fictional NRM root key, keys for every demo
agency, the key bundle signed by that root, and the office's public key::

    demo-nrm/README.txt            says that all of this is for demonstration only
    demo-nrm/root/root.key|.pub    the demo root key pair
    demo-nrm/intake/               the demo NRM coordinator (demo-nrm): `nrm import --keys`
    demo-nrm/agencies/<id>/        keys of the other demo agencies
    demo-nrm/bundle.json(.minisig) the signed key bundle, already imported
    demo-nrm/office.pub            this office's key, for `nrm offices add`

The workspace trusts the demo root and has imported the bundle, so every demo agency has
keys and a packet exported from a demo case opens with ``nrm import --keys
demo-nrm/intake`` (for demo-nrm) or ``age -d -i demo-nrm/agencies/<id>/intake.agekey``.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from screening_app.core.clock import utc_iso
from screening_app.nrm.keyfiles import (
    RECIPIENT,
    ROOT_KEY,
    ROOT_PUB,
    generate_intake_keys,
    generate_root_keys,
    read_secret_key,
)
from screening_app.packets.bundle import RecipientEntry, encode_bundle
from screening_app.packets.format import CASE_FIELDS
from screening_app.services.consents import Recipient as Kind
from screening_app.services.demo_review import DEMO_RECIPIENTS
from screening_app.services.office_keys import office_identity
from screening_app.services.recipients import REPORT_KINDS
from screening_app.services.trust import import_bundle, trust_root
from screening_app.services.vault import Vault

DEMO_NRM_DIR = "demo-nrm"
DEMO_INTAKE = "demo-nrm"  # the demo agency whose keys live in demo-nrm/intake
README = (
    "DEMO ONLY. Every key in this folder belongs to a fictional NRM and fictional agencies\n"
    "made for the demo workspace beside it. Never use them for real referrals.\n"
    "Try: screening-app nrm init --db nrm.sqlite --keys intake; "
    "screening-app nrm offices add --db nrm.sqlite office.pub;\n"
    "screening-app nrm import --db nrm.sqlite --keys intake PACKET.age\n"
)


def _agency_dir(folder: Path, recipient_id: str) -> Path:
    if recipient_id == DEMO_INTAKE:
        return folder / "intake"
    return folder / "agencies" / recipient_id


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)


def _agency(
    folder: Path, rid: str, kind: Kind, name: str, languages: tuple[str, ...], contact: str
) -> RecipientEntry:
    """Keys for one demo agency; its recipient.json names its own kind."""
    where = _agency_dir(folder, rid)
    keys = generate_intake_keys(where, rid, name, contact, languages, CASE_FIELDS)
    entry = replace(keys.entry, kind=REPORT_KINDS[kind].replace("_", "-"))
    (where / RECIPIENT).unlink()  # written by keygen with the NRM's kind
    text = json.dumps(entry.as_json(), ensure_ascii=False, indent=2) + "\n"
    _write(where / RECIPIENT, text.encode("utf-8"))
    return entry


def make_demo_nrm(vault: Vault, workspace_path: Path) -> Path:
    """Make the demo NRM folder, trust its root and import its bundle; return the folder."""
    folder = workspace_path / DEMO_NRM_DIR
    folder.mkdir(mode=0o700)
    (folder / "agencies").mkdir(mode=0o700)
    _write(folder / "README.txt", README.encode())
    generate_root_keys(folder / "root")
    entries = [_agency(folder, *recipient) for recipient in DEMO_RECIPIENTS]
    data = encode_bundle(entries, 1, utc_iso(datetime.now(UTC)))
    root_key = read_secret_key(folder / "root" / ROOT_KEY)
    signature = root_key.sign(data, "screening-app recipient bundle serial 1 (demo)")
    _write(folder / "bundle.json", data)
    _write(folder / "bundle.json.minisig", signature)
    _write(folder / "office.pub", office_identity(vault).public_key_file().encode())
    trust_root(vault, (folder / "root" / ROOT_PUB).read_text(encoding="utf-8"))
    import_bundle(vault, data, signature)
    return folder
