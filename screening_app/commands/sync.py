"""``sync``: push waiting packets to the NRM's HTTP intake and import their receipts."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screening_app.commands.context import emit_json, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    sync = sub.add_parser("sync", help="push waiting packets, fetch receipts (JSON out)")
    sync.add_argument("--url", metavar="URL", help="intake address (default: `office show`)")
    sync.set_defaults(handler=run_sync)


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rsync: {done}/{total} packet(s)")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_sync(args: argparse.Namespace) -> int:
    from screening_app.services.sync import sync_now

    with signed_in(args) as vault:
        report = sync_now(vault, args.url, _progress)
    emit_json(report.to_json())
    return 1 if report.count("rejected") or report.count("refused") or report.missing else 0
