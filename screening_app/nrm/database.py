"""Engines and migrations for the intake database: SQLite by default, PostgreSQL in
production (``postgresql+psycopg://user@host/db``), with the same models and migrations.

SQLite runs in WAL mode with ``synchronous=FULL``: a receipt is only sent once the packet it
answers is on disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from screening_app.core.errors import UsageError, WorkspaceError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DEFAULT_DB = "nrm.sqlite"


def database_url(value: str | None) -> str:
    """``--db``: a SQLAlchemy URL, or a plain path meaning an SQLite file."""
    if not value:
        value = DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    return value


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The sqlite3 module opens transactions lazily and a SAVEPOINT outside one becomes its
    # own transaction; take over: no implicit BEGIN from the driver, BEGIN in _sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def intake_engine(url: str) -> Engine:
    try:
        parsed = make_url(database_url(url))
        engine = create_engine(parsed, future=True, pool_pre_ping=parsed.drivername != "sqlite")
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise UsageError(f"cannot use database URL: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name != "postgresql":
        raise UsageError("the intake runs on SQLite or PostgreSQL")
    return engine


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no intake migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise WorkspaceError(f"cannot open the intake database: {exc.orig}") from None


def upgrade(engine: Engine, target: str = "head") -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def require_current(engine: Engine) -> None:
    """Refuse to work on a database that was never initialised or is of another version."""
    revision = current_revision(engine)
    if revision is None:
        raise WorkspaceError("the intake database is not initialised: run `nrm init` first")
    if revision != head_revision():
        raise WorkspaceError(
            f"the intake database is at schema {revision}, this program needs "
            f"{head_revision()}: run `nrm init` to migrate it"
        )
