"""The workspace directory: created owner-only, marked, locked, migrated.

Layout::

    WORKSPACE/
      workspace.json       marker: format, id, creation time (no case data)
      screening.sqlite     the database (+ -wal, -shm while open)
      workspace.lock       held by the one process that has the workspace open
      backups/             copies made before a schema migration
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import Engine

from screening_app.core.clock import SystemClock, utc_iso
from screening_app.core.errors import WorkspaceError, WorkspaceLockedError
from screening_app.core.ids import random_token
from screening_app.storage import database

log = logging.getLogger(__name__)

MARKER = "workspace.json"
DATABASE = "screening.sqlite"
LOCK = "workspace.lock"
MARKER_FORMAT = "screening-app-workspace"


def _lock_file(handle: IO[bytes]) -> bool:
    """Take an exclusive, non-blocking lock; False if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _check_writable(path: Path) -> None:
    """Permissions alone do not tell (root, immutable folders, read-only mounts): try it."""
    probe = path / f".write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        probe.unlink()
    except OSError:
        raise WorkspaceError(
            f"the workspace folder {path} cannot be written to: check its permissions "
            "or whether the disk is mounted read-only"
        ) from None


@dataclass
class Workspace:
    """An open, locked workspace. Close it to release the lock."""

    path: Path
    engine: Engine
    workspace_id: str
    _lock_handle: IO[bytes]

    @property
    def database_path(self) -> Path:
        return self.path / DATABASE

    def close(self) -> None:
        self.engine.dispose()
        self._lock_handle.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _acquire_lock(path: Path) -> IO[bytes]:
    fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "r+b")
    if not _lock_file(handle):
        handle.close()
        raise WorkspaceLockedError(
            f"the workspace {path} is already open in another window or command; "
            "close that one first"
        )
    return handle


def _read_marker(path: Path) -> dict[str, object]:
    marker = path / MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceError(
            f"{path} is not a screening-app workspace (it has no {MARKER}); choose the "
            "right folder, or an empty one to create a new workspace"
        ) from None
    except (OSError, ValueError):
        raise WorkspaceError(f"the workspace marker {marker} is damaged or unreadable") from None
    if not isinstance(data, dict) or data.get("format") != MARKER_FORMAT:
        raise WorkspaceError(f"{path} is not a screening-app workspace")
    return data


def workspace_exists(path: Path) -> bool:
    return (path / MARKER).is_file()


def create_workspace(path: Path) -> Workspace:
    """Create a new workspace in a missing or empty folder, owner-only before any data."""
    os.umask(0o077)
    if path.exists():
        if not path.is_dir():
            raise WorkspaceError(f"{path} exists and is not a folder")
        if any(path.iterdir()):
            if workspace_exists(path):
                raise WorkspaceError(f"a workspace already exists at {path}")
            raise WorkspaceError(
                f"{path} is not empty and is not a workspace: choose an empty folder"
            )
        _check_writable(path)
        path.chmod(0o700)
    else:
        try:
            path.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the workspace folder {path}: {exc.strerror}"
            ) from None
    lock = _acquire_lock(path)
    try:
        workspace_id = random_token(16)
        marker = {
            "format": MARKER_FORMAT,
            "format_version": 1,
            "id": workspace_id,
            "created": utc_iso(SystemClock().now()),
        }
        _write_private(path / MARKER, json.dumps(marker, indent=2).encode())
        _touch_private(path / DATABASE)
        engine = database.sqlite_engine(path / DATABASE)
        database.upgrade(engine)
    except BaseException:
        lock.close()
        raise
    log.info("workspace created")
    return Workspace(path, engine, workspace_id, lock)


def open_workspace(path: Path) -> Workspace:
    """Open an existing workspace: lock it, back up and migrate an older schema, refuse a
    newer one."""
    os.umask(0o077)
    if not path.exists():
        raise WorkspaceError(
            f"no workspace at {path}: create one with 'screening-app init --admin NAME' or "
            "'screening-app demo'"
        )
    if not path.is_dir():
        raise WorkspaceError(f"{path} is not a folder")
    marker = _read_marker(path)
    _check_writable(path)
    if not (path / DATABASE).is_file():
        raise WorkspaceError(f"the workspace {path} has no database file ({DATABASE})")
    lock = _acquire_lock(path)
    try:
        engine = database.sqlite_engine(path / DATABASE)
        _migrate_if_needed(path, engine)
    except BaseException:
        lock.close()
        raise
    return Workspace(path, engine, str(marker.get("id", "")), lock)


def _migrate_if_needed(path: Path, engine: Engine) -> None:
    try:
        current = database.current_revision(engine)
    except Exception as exc:
        if database.is_disk_full(exc):
            raise
        raise WorkspaceError(
            f"the workspace database in {path} cannot be read: it is damaged or not a database"
        ) from None
    head = database.head_revision()
    if current == head:
        return
    if current is not None and current not in database.known_revisions():
        raise WorkspaceError(
            f"this workspace was saved by a newer version of screening-app (schema {current});"
            " install that version to open it. Nothing was changed"
        )
    stamp = utc_iso(SystemClock().now()).replace(":", "")
    backup = path / "backups" / f"{DATABASE}.{current or 'empty'}.{stamp}.bak"
    database.backup_database(engine, backup)
    log.info("schema %s -> %s, backup written", current, head)
    database.upgrade(engine)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _touch_private(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
