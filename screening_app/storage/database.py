"""SQLite engine set-up and schema migrations.

Case data is written with WAL journaling and ``synchronous=FULL`` so that a commit has reached
the disk before the caller is told an answer is saved. ``secure_delete`` overwrites deleted
content so a purged case leaves no readable pages behind.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from screening_app.core.errors import StorageFullError, WorkspaceError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def backup_database(engine: Engine, destination: Path) -> None:
    """Consistent copy with SQLite's online backup API (safe with WAL)."""
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(destination)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()
    destination.chmod(0o600)


def is_disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database or disk is full" in text or "no space left" in text


@contextmanager
def write_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One durable transaction. A full disk becomes a clear StorageFullError; the failed
    transaction is rolled back and everything committed before it stays."""
    session = factory()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        if is_disk_full(exc):
            raise StorageFullError(
                "the disk is full: the last change was not saved. Free some space and try "
                "again; everything saved before is safe"
            ) from None
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            raise WorkspaceError(
                "the workspace is read-only: nothing can be saved. Check the folder's "
                "permissions or the disk"
            ) from None
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
