"""``recipients list|show``: the agencies referrals can go to."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screening_app.commands.context import emit_json, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    recipients = sub.add_parser("recipients", help="the recipient directory")
    verbs = recipients.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="list the directory, by kind then name")
    listing.add_argument("--json", action="store_true", help="JSON list on stdout")
    listing.add_argument("--kind", metavar="KIND", help="only this recipient kind")
    listing.set_defaults(handler=run_list)
    show = verbs.add_parser("show", help="one entry as JSON")
    show.add_argument("id", metavar="ID")
    show.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace) -> int:
    from screening_app.services.recipients import RecipientDirectory, parse_kind

    kind = parse_kind(args.kind) if args.kind else None
    with signed_in(args) as vault:
        entries = RecipientDirectory(vault).entries(kind)
    if args.json:
        emit_json([entry.to_json() for entry in entries])
        return 0
    width = max((len(entry.id) for entry in entries), default=0)
    for entry in entries:
        languages = ",".join(entry.languages)
        sys.stdout.write(
            f"{entry.id:<{width}}  {entry.kind.value:<16} {languages:<10} {entry.name}\n"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from screening_app.services.recipients import RecipientDirectory

    with signed_in(args) as vault:
        entry = RecipientDirectory(vault).get(args.id)
    emit_json(entry.to_json())
    return 0
