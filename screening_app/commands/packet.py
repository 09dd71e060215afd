"""``packet export``: a sealed, signed referral packet for one (case, recipient)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    packet = sub.add_parser("packet", help="sealed referral packets")
    verbs = packet.add_subparsers(dest="verb", metavar="VERB", required=True)
    export = verbs.add_parser(
        "export", help="seal a packet into the outbox (and copy it to --out); JSON out"
    )
    export.add_argument("--case", metavar="ID", required=True, help="case id")
    export.add_argument("--recipient", metavar="RID", required=True, help="recipient id")
    export.add_argument("--out", metavar="DIR", type=Path, help="also copy the packet here")
    export.add_argument("--lang", metavar="L", help="report language (default: the recipient's)")
    export.add_argument(
        "--again",
        action="store_true",
        help="seal a new packet although one sent to this recipient still waits for its receipt",
    )
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from screening_app.services.packet_export import PacketExports

    with signed_in(args) as vault:
        done = PacketExports(vault).export(
            args.case, args.recipient, args.out, args.lang, again=args.again
        )
    # Not sorted like other JSON output: "path" and "packet_id" come first, as documented.
    sys.stdout.write(json.dumps(done.to_json(), ensure_ascii=False) + "\n")
    return 0
