"""``receipt import``: the intake's receipts mark referrals delivered; JSON Lines out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screening_app.commands.context import emit_json_line, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    receipt = sub.add_parser("receipt", help="receipts from the NRM intake")
    verbs = receipt.add_subparsers(dest="verb", metavar="VERB", required=True)
    imp = verbs.add_parser(
        "import", help="import receipt files; exit 1 if any is rejected or the packet refused"
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    imp.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    from screening_app.services.receipt_import import import_receipts

    with signed_in(args) as vault:
        results = import_receipts(vault, args.paths)
    for result in results:
        emit_json_line(result.to_json())
    failed = [r for r in results if r.status in ("rejected", "refused")]
    return 1 if failed else 0
