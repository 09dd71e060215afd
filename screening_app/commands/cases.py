"""``cases list``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screening_app.commands.context import emit_json, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    cases = sub.add_parser("cases", help="list cases (supervisors and responders)")
    verbs = cases.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="list cases, newest first")
    listing.add_argument("--json", action="store_true", help="JSON list on stdout")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    from screening_app.services.cases import CaseService

    with signed_in(args) as vault:
        summaries = CaseService(vault).summaries()
    if args.json:
        emit_json([s.to_json() for s in summaries])
        return 0
    for s in summaries:
        sys.stdout.write(f"{s.case_id}  {s.created[:10]}  {s.status:<16} {s.display_name}\n")
    return 0
