"""The ``screening-app`` command line.

Global options come before the command. Machine output is JSON on stdout; an error is one
line on stderr and a non-zero exit status. With no command the desktop app starts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from screening_app.about import VersionAction
from screening_app.commands import (
    assess,
    audit,
    cases,
    forms,
    nrm,
    office,
    packet,
    receipt,
    recipients,
    report,
    screenshot,
    stats,
    sync,
    users,
    workspace,
)
from screening_app.core.errors import ScreeningError

COMMAND_MODULES = (
    workspace,
    users,
    cases,
    audit,
    assess,
    forms,
    screenshot,
    nrm,
    recipients,
    report,
    stats,
    office,
    packet,
    receipt,
    sync,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screening-app",
        description="Offline first-line screening and referral. With no command, opens the app.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument("--workspace", metavar="DIR", help="workspace directory")
    parser.add_argument("--user", metavar="NAME", help="account name")
    parser.add_argument(
        "--password-file", metavar="F", help="file whose first line is the password"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log events to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from screening_app.app import run_app

            return run_app(args)
        result: int = handler(args)
        return result
    except ScreeningError as exc:
        sys.stderr.write(f"screening-app: {exc.message}\n")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (e.g. piped into `head`): not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("screening-app: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
