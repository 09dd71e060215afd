"""``office``: the office's identity (public key, fingerprint) and its intake address."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screening_app.commands.context import emit_json, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    office = sub.add_parser("office", help="this office's keys and settings")
    verbs = office.add_subparsers(dest="verb", metavar="VERB", required=True)
    pubkey = verbs.add_parser(
        "pubkey", help="the office's minisign public key file (for `nrm offices add`)"
    )
    pubkey.set_defaults(handler=run_pubkey)
    show = verbs.add_parser("show", help="office id, keys, fingerprint and intake address")
    show.add_argument("--json", action="store_true", help="JSON on stdout")
    show.set_defaults(handler=run_show)
    intake = verbs.add_parser("set-intake", help="the NRM intake address used by `sync`")
    intake.add_argument("url", metavar="URL", help='https://… ("" removes it)')
    intake.set_defaults(handler=run_set_intake)


def run_pubkey(args: argparse.Namespace) -> int:
    from screening_app.services.office_keys import office_identity

    with signed_in(args) as vault:
        identity = office_identity(vault)
    sys.stdout.write(identity.public_key_file())
    return 0


def run_show(args: argparse.Namespace) -> int:
    from screening_app.services.office import office_settings
    from screening_app.services.office_keys import office_identity

    with signed_in(args) as vault:
        identity = office_identity(vault)
        settings = office_settings(vault)
    value = {
        **identity.to_json(),
        "name": settings.name,
        "contact": settings.contact,
        "intake_url": settings.intake_url or None,
    }
    if args.json:
        emit_json(value)
        return 0
    for key in ("office_id", "name", "key_id", "fingerprint", "age_recipient", "intake_url"):
        sys.stdout.write(f"{key + ':':<15} {value[key] or '-'}\n")
    return 0


def run_set_intake(args: argparse.Namespace) -> int:
    from screening_app.services.office import save_intake_url

    with signed_in(args) as vault:
        saved = save_intake_url(vault, args.url)
    emit_json({"intake_url": saved or None})
    return 0
