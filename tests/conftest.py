"""Test-wide settings and fixtures: headless Qt, real workspaces in temporary folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screening_app.crypto.keys import FAST_KDF
from screening_app.services.accounts import AccountService
from screening_app.services.vault import Vault
from screening_app.storage.workspace import Workspace, create_workspace

PASSWORD = "correct horse battery"


@dataclass
class OpenWorkspace:
    workspace: Workspace
    accounts: AccountService
    recovery_key: str

    def sign_in(self, name: str) -> Vault:
        return self.accounts.sign_in(name, PASSWORD)


@pytest.fixture
def open_ws(tmp_path: Path) -> Iterator[OpenWorkspace]:
    """A real workspace (SQLite file, real encryption) with one account per role.

    Accounts use the cheapest Argon2id setting allowed (64 MiB, one pass) to keep tests fast.
    """
    workspace = create_workspace(tmp_path / "ws")
    accounts = AccountService(workspace, kdf=FAST_KDF)
    recovery = accounts.initialise("admin", PASSWORD)
    admin = accounts.sign_in("admin", PASSWORD)
    for name in ("supervisor", "responder", "interpreter"):
        accounts.add_user(admin, name, name, PASSWORD)
    admin.lock()
    handle = OpenWorkspace(workspace, accounts, recovery)
    try:
        yield handle
    finally:
        handle.workspace.close()  # a test may have reopened it
