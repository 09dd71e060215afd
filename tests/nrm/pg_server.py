"""A throw-away PostgreSQL server for tests: initdb into a fresh folder owned by the
``postgres`` system user (initdb refuses to run as root), listening on a Unix socket only,
trust authentication, stopped and removed afterwards."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *command]
    return list(command)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL (psycopg 3) of a running empty server."""
    base = Path(tempfile.mkdtemp(prefix="nrm-pg-"))
    data, socket_dir = base / "data", base / "run"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        entry = pwd.getpwnam(PG_USER)
        for path in (base, socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    subprocess.run(
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER),
        check=True,
        capture_output=True,
    )
    options = f"-k {socket_dir} -c listen_addresses='' -c fsync=on -c max_connections=50"
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(base / "log"),
            "start",
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://{PG_USER}@/postgres?host={socket_dir}"
    finally:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)
