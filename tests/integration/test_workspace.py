from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from screening_app.core.errors import StorageFullError, WorkspaceError, WorkspaceLockedError
from screening_app.core.records import PersonDetails
from screening_app.crypto.keys import FAST_KDF
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.storage import database
from screening_app.storage.workspace import create_workspace, open_workspace
from tests.conftest import PASSWORD, OpenWorkspace

running_as_root = os.geteuid() == 0


def test_new_workspace_is_owner_only_before_data_is_written(tmp_path: Path) -> None:
    path = tmp_path / "new"
    with create_workspace(path) as ws:
        AccountService(ws, kdf=FAST_KDF).initialise("admin", PASSWORD)
        db = ws.database_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for child in path.iterdir():
        if child.is_file():
            assert stat.S_IMODE(child.stat().st_mode) == 0o600, child.name
    assert db.exists()


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(open_ws: OpenWorkspace) -> None:
    with open_ws.workspace.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_second_instance_on_the_same_workspace_is_refused(open_ws: OpenWorkspace) -> None:
    with pytest.raises(WorkspaceLockedError, match="already open"):
        open_workspace(open_ws.workspace.path)


def test_workspace_opens_again_once_the_first_instance_closed(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    create_workspace(path).close()
    with open_workspace(path) as again:
        assert again.path == path


def test_missing_workspace_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=r"no workspace at .*screening-app init"):
        open_workspace(tmp_path / "nowhere")


def test_folder_that_is_not_a_workspace_is_refused_and_left_untouched(tmp_path: Path) -> None:
    (tmp_path / "holiday.txt").write_text("not ours")
    with pytest.raises(WorkspaceError, match="not a screening-app workspace"):
        open_workspace(tmp_path)
    with pytest.raises(WorkspaceError, match="not empty and is not a workspace"):
        create_workspace(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holiday.txt"]


def _make_read_only(path: Path) -> list[str]:
    """Make a folder unwritable even for root (immutable attribute), or by mode otherwise.
    Returns the command that undoes it."""
    if running_as_root:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        return ["chattr", "-i", str(path)]
    path.chmod(0o500)
    return ["chmod", "700", str(path)]


def test_read_only_workspace_folder_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    create_workspace(path).close()
    before = sorted(p.name for p in path.iterdir())
    undo = _make_read_only(path)
    try:
        with pytest.raises(WorkspaceError, match="cannot be written to"):
            open_workspace(path)
        assert sorted(p.name for p in path.iterdir()) == before
    finally:
        subprocess.run(undo, check=True)


def test_read_only_database_file_is_a_clear_message_and_keeps_data(
    open_ws: OpenWorkspace,
) -> None:
    """Root can still write to a 0400 file, so the read-only case is made with SQLite's own
    query_only switch, which fails writes exactly as a read-only medium does."""
    supervisor = open_ws.sign_in("supervisor")
    cases = CaseService(supervisor)
    kept = cases.create_case(PersonDetails(given_names="Vaneshi"))

    @database.event.listens_for(open_ws.workspace.engine, "connect")
    def _query_only(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only=ON")

    open_ws.workspace.engine.dispose()
    with pytest.raises(WorkspaceError, match="read-only"):
        cases.create_case(PersonDetails(given_names="Other"))
    database.event.remove(open_ws.workspace.engine, "connect", _query_only)
    open_ws.workspace.engine.dispose()
    assert cases.person(kept).given_names == "Vaneshi"


def test_full_disk_is_a_clear_message_and_loses_nothing_saved(open_ws: OpenWorkspace) -> None:
    """A disk that fills up: SQLite's max_page_count makes the next write fail with
    SQLITE_FULL exactly as a full disk does."""
    supervisor = open_ws.sign_in("supervisor")
    cases = CaseService(supervisor)
    saved = [cases.create_case(PersonDetails(given_names=f"Kept{n}")) for n in range(3)]
    engine = open_ws.workspace.engine
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()

    @database.event.listens_for(engine, "connect")
    def _cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()
    with pytest.raises(StorageFullError, match=r"disk is full.*everything saved before is safe"):
        for n in range(500):
            cases.create_case(PersonDetails(given_names="Filler" * 50, aliases=(str(n) * 400,)))
    database.event.remove(engine, "connect", _cap)
    engine.dispose()
    for case_id, n in zip(saved, range(3), strict=True):
        assert cases.person(case_id).given_names == f"Kept{n}"


def test_damaged_database_file_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    create_workspace(path).close()
    (path / "screening.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorkspaceError, match="damaged or not a database"):
        open_workspace(path)
