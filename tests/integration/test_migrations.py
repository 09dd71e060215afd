from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from screening_app.core.errors import WorkspaceError
from screening_app.core.records import PersonDetails
from screening_app.crypto.keys import FAST_KDF
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.storage import database
from screening_app.storage.models import Base
from screening_app.storage.workspace import create_workspace, open_workspace
from tests.conftest import PASSWORD


def test_migrations_from_empty_match_the_models(tmp_path: Path) -> None:
    engine = database.sqlite_engine(tmp_path / "empty.sqlite")
    database.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_migration_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    engine = database.sqlite_engine(tmp_path / "roundtrip.sqlite")
    database.upgrade(engine)
    config = database.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert database.current_revision(engine) is None
    database.upgrade(engine)
    assert database.current_revision(engine) == database.head_revision()
    engine.dispose()


def _workspace_at_schema(path: Path, revision: str) -> str:
    """A workspace written by an older schema, with an account and a case."""
    with create_workspace(path) as ws:
        accounts = AccountService(ws, kdf=FAST_KDF)
        accounts.initialise("admin", PASSWORD)
        admin = accounts.sign_in("admin", PASSWORD)
        accounts.add_user(admin, "supervisor", "supervisor", PASSWORD)
        case_id = CaseService(accounts.sign_in("supervisor", PASSWORD)).create_case(
            PersonDetails(given_names="Mirovane", family_name="Tesk")
        )
        config = database.alembic_config()
        with ws.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    return case_id


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_older_workspace_is_backed_up_then_migrated_keeping_its_data(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "ws"
    case_id = _workspace_at_schema(path, revision)
    with open_workspace(path) as ws:
        assert database.current_revision(ws.engine) == database.head_revision()
        vault = AccountService(ws).sign_in("supervisor", PASSWORD)
        assert CaseService(vault).person(case_id).given_names == "Mirovane"
        with ws.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM answers")).scalar() == 0
    backups = list((path / "backups").iterdir())
    assert len(backups) == 1 and f".{revision}." in backups[0].name
    backup_engine = database.sqlite_engine(backups[0])
    assert database.current_revision(backup_engine) == revision
    backup_engine.dispose()


def test_newer_workspace_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    create_workspace(path).close()
    engine = database.sqlite_engine(path / "screening.sqlite")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    engine.dispose()  # the last connection closing checkpoints the WAL into the file
    before = hashlib.sha256((path / "screening.sqlite").read_bytes()).hexdigest()
    with pytest.raises(WorkspaceError, match="newer version of screening-app"):
        open_workspace(path)
    assert hashlib.sha256((path / "screening.sqlite").read_bytes()).hexdigest() == before
    assert not (path / "backups").exists()
