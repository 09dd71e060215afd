"""``stats``: anonymised counts of screenings, with small cells suppressed (supervisors)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screening_app.commands.context import emit_json, signed_in


def register(sub: argparse._SubParsersAction[Any]) -> None:
    stats = sub.add_parser(
        "stats", help="anonymised counts by week, outcome, urgency, nationality, age, exploitation"
    )
    stats.add_argument("--json", action="store_true", help="JSON on stdout")
    stats.add_argument("--csv", metavar="F", help="write CSV with HXL hashtags to F")
    stats.set_defaults(handler=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from screening_app.services.statistics import case_statistics
    from screening_app.services.statistics_csv import export_statistics_csv, statistics_csv

    with signed_in(args) as vault:
        stats = case_statistics(vault)
        if args.csv:
            export_statistics_csv(vault, stats, args.csv)
    if args.json:
        emit_json(stats.to_json())
    elif not args.csv:
        sys.stdout.write(statistics_csv(stats))
    return 0
