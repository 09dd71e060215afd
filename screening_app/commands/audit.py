"""``audit verify``: walk the hash chain and report the first broken link."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from screening_app.commands.context import ENV_USER, emit_json, opened_workspace, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    audit = sub.add_parser("audit", help="check the audit log")
    verbs = audit.add_subparsers(dest="verb", metavar="VERB", required=True)
    verify = verbs.add_parser(
        "verify",
        help="exit 1 if any entry was edited, removed or reordered (with --user, also checks "
        "the authenticated head, which shows a cut-off tail)",
    )
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from screening_app.services.audit_log import verify_chain, verify_signed_in

    if args.user or os.environ.get(ENV_USER):
        with signed_in(args) as vault:
            report = verify_signed_in(vault)
    else:
        with opened_workspace(args) as workspace:
            report = verify_chain(workspace)
    emit_json(report.as_json())
    if not report.ok:
        sys.stderr.write(
            f"screening-app: audit log broken at entry {report.first_broken}: {report.problem}\n"
        )
        return 1
    return 0
