"""``users add|list|passwd|unlock|recover``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import (
    emit_json,
    opened_workspace,
    password,
    read_password_file,
    signed_in,
    user_name,
)
from screening_app.core.errors import UsageError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    users = sub.add_parser("users", help="manage accounts (administrators)")
    verbs = users.add_subparsers(dest="verb", metavar="VERB", required=True)

    add = verbs.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument(
        "--role", required=True, choices=["responder", "interpreter", "supervisor", "admin"]
    )
    add.add_argument("--new-password-file", metavar="F", help="the new account's password")
    add.set_defaults(handler=run_add)

    verbs.add_parser("list", help="list accounts (JSON)").set_defaults(handler=run_list)

    passwd = verbs.add_parser(
        "passwd", help="change your password, or (administrators) set another account's"
    )
    passwd.add_argument("name", nargs="?", help="account to change (default: yourself)")
    passwd.add_argument("--new-password-file", metavar="F")
    passwd.set_defaults(handler=run_passwd)

    unlock = verbs.add_parser("unlock", help="unlock an account locked by wrong passwords")
    unlock.add_argument("name")
    unlock.set_defaults(handler=run_unlock)

    recover = verbs.add_parser("recover", help="reset a password with the recovery key")
    recover.add_argument("name")
    recover.add_argument("--recovery-key-file", metavar="F", required=True)
    recover.add_argument("--new-password-file", metavar="F")
    recover.set_defaults(handler=run_recover)


def new_password(args: argparse.Namespace) -> str:
    if args.new_password_file:
        return read_password_file(Path(args.new_password_file))
    if not sys.stdin.isatty():
        raise UsageError("a new password is needed: use --new-password-file F")
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("New password again: "):
        raise UsageError("the two passwords differ; nothing was changed")
    return first


def run_add(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService

    secret = new_password(args)
    with signed_in(args) as vault:
        row = AccountService(vault.workspace).add_user(vault, args.name, args.role, secret)
    emit_json(row.as_json())
    return 0


def run_list(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService

    with signed_in(args) as vault:
        rows = AccountService(vault.workspace).list_users(vault)
    emit_json([row.as_json() for row in rows])
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService

    secret = new_password(args)
    me = user_name(args)
    with signed_in(args) as vault:
        service = AccountService(vault.workspace)
        if args.name in (None, me):
            service.change_password(vault, password(args), secret)
        else:
            service.set_password(vault, args.name, secret)
    emit_json({"account": args.name or me, "password_changed": True})
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService

    with signed_in(args) as vault:
        AccountService(vault.workspace).unlock_account(vault, args.name)
    emit_json({"account": args.name, "unlocked": True})
    return 0


def run_recover(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService

    key = read_password_file(Path(args.recovery_key_file))
    secret = new_password(args)
    with opened_workspace(args) as workspace:
        AccountService(workspace).recover(args.name, key, secret)
    emit_json({"account": args.name, "password_changed": True, "unlocked": True})
    return 0
