"""Workspaces for the review tests.

- ``review_ws``: a fresh workspace (one account per role, cheap key derivation) with the demo
  directory (one fictional agency of each kind) and office details; tests add their own
  screened cases through the real services.
- ``demo_copy``: a copy of one demo workspace made once per test session, so tests that
  decide cases never see each other's decisions.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from screening_app.services.accounts import AccountService
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.demo_review import add_demo_review_data
from screening_app.services.vault import Vault
from screening_app.storage.workspace import Workspace, open_workspace
from tests.conftest import OpenWorkspace

DEMO_CASES = 90


@pytest.fixture
def review_ws(open_ws: OpenWorkspace) -> OpenWorkspace:
    supervisor = open_ws.sign_in("supervisor")
    add_demo_review_data(supervisor)
    supervisor.lock()
    return open_ws


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-review") / "ws"
    make_demo_workspace(path, DEMO_PASSWORD, DEMO_CASES)
    return path


@dataclass
class DemoWorkspace:
    path: Path
    workspace: Workspace

    def sign_in(self, name: str = "supervisor") -> Vault:
        return AccountService(self.workspace).sign_in(name, DEMO_PASSWORD)


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Iterator[DemoWorkspace]:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    workspace = open_workspace(target)
    try:
        yield DemoWorkspace(target, workspace)
    finally:
        workspace.close()
