"""The field side of packets: a workspace with the demo directory, a fictional NRM (root key
and agency keys on disk, as `nrm root-keygen` and `nrm keygen` make them), a trusted root and
an imported bundle, and approved cases made through the real services."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from screening_app.crypto.keys import FAST_KDF
from screening_app.crypto.minisign import SecretKey
from screening_app.nrm.keyfiles import (
    IntakeKeys,
    generate_intake_keys,
    generate_root_keys,
    load_intake_keys,
    read_secret_key,
)
from screening_app.packets.bundle import RecipientEntry, encode_bundle
from screening_app.packets.format import CASE_FIELDS
from screening_app.services.accounts import AccountService
from screening_app.services.demo_review import add_demo_review_data
from screening_app.services.review import ReviewService
from screening_app.services.trust import import_bundle, trust_root
from screening_app.services.vault import Vault
from screening_app.storage.workspace import create_workspace, open_workspace
from tests.conftest import PASSWORD, OpenWorkspace
from tests.review.screened_cases import screen_case

# Agencies given keys: (directory id, bundle kind). demo-legal-aid gets none on purpose.
KEYED = (
    ("demo-nrm", "nrm"),
    ("demo-shelter", "shelter"),
    ("demo-health", "health"),
    ("demo-iom", "iom"),
)
# What the health service's intake accepts: fewer names than the vocabulary.
HEALTH_FIELDS = ("caseId", "givenNames", "gender", "estimatedAge", "needs", "citizenship")


@dataclass
class FieldSetup:
    ws: OpenWorkspace
    folder: Path
    root_key: SecretKey
    agencies: dict[str, IntakeKeys]
    entries: dict[str, RecipientEntry]

    @property
    def path(self) -> Path:
        return self.ws.workspace.path

    @property
    def root_pub(self) -> Path:
        return self.folder / "root" / "root.pub"

    def keys_dir(self, recipient_id: str) -> Path:
        return self.folder / "agencies" / recipient_id

    def sign_in(self, name: str = "supervisor") -> Vault:
        return self.ws.sign_in(name)

    def bundle(
        self,
        serial: int,
        entries: Sequence[RecipientEntry] | None = None,
        signer: SecretKey | None = None,
        name: str = "bundle.json",
    ) -> Path:
        chosen = list(entries if entries is not None else self.entries.values())
        data = encode_bundle(chosen, serial, "2025-03-14T09:00:00Z")
        path = self.folder / name
        path.write_bytes(data)
        key = signer or self.root_key
        (self.folder / f"{name}.minisig").write_bytes(key.sign(data, f"bundle {serial}"))
        return path

    def approved_case(self, **options: object) -> str:
        screened = screen_case(self.sign_in("responder"), **options)  # type: ignore[arg-type]
        ReviewService(self.sign_in()).approve(screened.case_id)
        return screened.case_id


def make_agencies(folder: Path) -> None:
    for rid, _kind in KEYED:
        fields = HEALTH_FIELDS if rid == "demo-health" else CASE_FIELDS
        where = folder / "agencies" / rid
        generate_intake_keys(where, rid, f"{rid} (test)", "", ("it",), fields)


def _load(folder: Path, ws: OpenWorkspace) -> FieldSetup:
    agencies = {rid: load_intake_keys(folder / "agencies" / rid) for rid, _kind in KEYED}
    entries = {rid: replace(agencies[rid].entry, kind=kind) for rid, kind in KEYED}
    root = read_secret_key(folder / "root" / "root.key")
    return FieldSetup(ws, folder, root, agencies, entries)


def _template(base: Path, trusted: bool) -> Path:
    """A workspace (one account per role) with the demo directory, and the NRM's files."""
    workspace = create_workspace(base / "ws")
    accounts = AccountService(workspace, kdf=FAST_KDF)
    accounts.initialise("admin", PASSWORD)
    admin = accounts.sign_in("admin", PASSWORD)
    for name in ("supervisor", "responder", "interpreter"):
        accounts.add_user(admin, name, name, PASSWORD)
    supervisor = accounts.sign_in("supervisor", PASSWORD)
    add_demo_review_data(supervisor)
    folder = base / "nrm"
    generate_root_keys(folder / "root")
    make_agencies(folder)
    if trusted:
        setup = _load(folder, OpenWorkspace(workspace, accounts, ""))
        trust_root(supervisor, setup.root_pub.read_text())
        path = setup.bundle(1)
        signature = path.with_name("bundle.json.minisig").read_bytes()
        import_bundle(supervisor, path.read_bytes(), signature)
    supervisor.lock()
    workspace.close()
    return base


@pytest.fixture(scope="session")
def bare_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("field-bare"), trusted=False)


@pytest.fixture(scope="session")
def field_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("field-keyed"), trusted=True)


def _copy(template: Path, tmp_path: Path) -> Iterator[FieldSetup]:
    target = tmp_path / "copy"
    shutil.copytree(template, target)
    workspace = open_workspace(target / "ws")
    try:
        yield _load(target / "nrm", OpenWorkspace(workspace, AccountService(workspace), ""))
    finally:
        workspace.close()


@pytest.fixture
def bare(bare_template: Path, tmp_path: Path) -> Iterator[FieldSetup]:
    """The directory and the NRM's key files, nothing trusted or imported yet."""
    yield from _copy(bare_template, tmp_path)


@pytest.fixture
def field(field_template: Path, tmp_path: Path) -> Iterator[FieldSetup]:
    """The root trusted and bundle 1 imported: four demo agencies have keys."""
    yield from _copy(field_template, tmp_path)
