"""``init`` and ``demo``: create a workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import (
    emit_json,
    password,
    read_password_file,
    workspace_path,
)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    init = sub.add_parser("init", help="create a new workspace and its first administrator")
    init.add_argument("--admin", required=True, metavar="NAME", help="administrator account")
    init.set_defaults(handler=run_init)

    demo = sub.add_parser("demo", help="create a demo workspace with fictional cases")
    demo.add_argument("--cases", type=int, default=200, metavar="N", help="number of cases")
    demo.add_argument(
        "--password-file",
        dest="demo_password_file",
        metavar="F",
        help="password for every demo account (default: the demo password in README)",
    )
    demo.set_defaults(handler=run_demo)


def run_init(args: argparse.Namespace) -> int:
    from screening_app.services.accounts import AccountService
    from screening_app.storage.workspace import create_workspace

    path = workspace_path(args)
    secret = password(args, "Password for the new administrator: ")
    with create_workspace(path) as workspace:
        recovery = AccountService(workspace).initialise(args.admin, secret)
    sys.stderr.write(
        "Workspace created. The recovery key below is shown ONCE: write it down and keep it "
        "locked away. It resets any password.\n"
    )
    emit_json({"workspace": str(path), "admin": args.admin, "recovery_key": recovery})
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace

    path = workspace_path(args)
    chosen = args.demo_password_file or args.password_file
    secret = read_password_file(Path(chosen)) if chosen else DEMO_PASSWORD
    if args.cases < 0:
        sys.stderr.write("screening-app: --cases must be 0 or more\n")
        return 2
    info = make_demo_workspace(path, secret, args.cases)
    emit_json(info)
    return 0
