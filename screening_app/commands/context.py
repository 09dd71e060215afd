"""What every sub-command shares: global options, password input and JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screening_app.core.errors import UsageError
from screening_app.locations import default_workspace_dir

if TYPE_CHECKING:  # the services are imported when a command runs, keeping start-up quick
    from screening_app.services.vault import Vault
    from screening_app.storage.workspace import Workspace

ENV_WORKSPACE = "SCREENING_APP_WORKSPACE"
ENV_USER = "SCREENING_APP_USER"
ENV_PASSWORD_FILE = "SCREENING_APP_PASSWORD_FILE"  # noqa: S105 (a variable name)


def workspace_path(args: argparse.Namespace) -> Path:
    """``--workspace``, else ``$SCREENING_APP_WORKSPACE``, else the platform default."""
    chosen = getattr(args, "workspace", None) or os.environ.get(ENV_WORKSPACE)
    return Path(chosen).expanduser() if chosen else default_workspace_dir()


def user_name(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not name:
        raise UsageError("no account given: use --user NAME or set SCREENING_APP_USER")
    return str(name)


def read_password_file(path: Path) -> str:
    """First line of a password file, without its line ending."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"password file not found: {path}") from None
    except OSError as exc:
        raise UsageError(f"cannot read password file {path}: {exc.strerror}") from None
    password = raw.splitlines()[0] if raw else ""
    if not password:
        raise UsageError(f"password file is empty: {path}")
    return password


def password(args: argparse.Namespace, prompt: str = "Password: ") -> str:
    """Password from ``--password-file``, ``$SCREENING_APP_PASSWORD_FILE`` or the terminal.

    Passwords are never accepted on the command line itself.
    """
    chosen = getattr(args, "password_file", None) or os.environ.get(ENV_PASSWORD_FILE)
    if chosen:
        return read_password_file(Path(chosen).expanduser())
    if not sys.stdin.isatty():
        raise UsageError("a password is needed: use --password-file F or run in a terminal")
    return getpass.getpass(prompt)


def emit_json(value: Any) -> None:
    """Machine output: one JSON document on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n")


def emit_json_line(value: Any) -> None:
    """One JSON Lines record on stdout, flushed so pipes see it at once."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n")
    sys.stdout.flush()


@contextmanager
def opened_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    from screening_app.storage.workspace import open_workspace

    workspace = open_workspace(workspace_path(args))
    try:
        yield workspace
    finally:
        workspace.close()


@contextmanager
def signed_in(args: argparse.Namespace) -> Iterator[Vault]:
    """Open the workspace and sign in with ``--user`` and the password file."""
    from screening_app.services.accounts import AccountService

    name = user_name(args)
    secret = password(args)
    with opened_workspace(args) as workspace:
        vault = AccountService(workspace).sign_in(name, secret)
        try:
            yield vault
        finally:
            vault.lock()
