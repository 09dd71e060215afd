"""Writing a file so that a reader, or a crash, never meets half of it.

Reports and packets leave the workspace as files on a laptop disk or a USB stick. Each is
written to a temporary file beside its target (owner-only, as ``mkstemp`` makes it), synced,
renamed over the target and the folder synced: afterwards the old file or the whole new one
is there, never a part, and a full disk or an unwritable folder leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from screening_app.core.errors import ScreeningError


def write_atomically(target: Path, data: bytes, what: str = "the file") -> None:
    """Write ``data`` to ``target`` whole or not at all; ``what`` names it in messages."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(dir=directory, prefix=".partial-", suffix=".tmp")
    except OSError as exc:
        raise ScreeningError(f"cannot write {what} into {directory}: {exc.strerror}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
        _sync_folder(directory)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ScreeningError(f"cannot write {what} to {target}: {exc.strerror}") from exc


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the system allows it."""
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
