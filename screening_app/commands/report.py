"""``report``: referral report PDFs from stored cases, one per (case, recipient)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screening_app.commands.context import emit_json_line, signed_in
from screening_app.core.errors import UsageError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    report = sub.add_parser(
        "report",
        help="export a referral report PDF (supervisors); one JSON line per report",
    )
    report.add_argument(
        "--case",
        metavar="ID",
        action="append",
        required=True,
        help="case id; repeat for a batch (then --out is a folder)",
    )
    report.add_argument("--recipient", metavar="R", required=True, help="recipient id")
    report.add_argument(
        "--lang", metavar="L", help="report language (default: the recipient's first)"
    )
    report.add_argument("--second-lang", metavar="L2", help="a second language beside it")
    report.add_argument("--out", metavar="F.pdf|DIR", required=True)
    report.set_defaults(handler=run_report)


def output_paths(cases: list[str], recipient: str, out: Path, lang: str | None) -> list[Path]:
    """One file per case: ``--out`` itself for one case; for a batch, files named by ids only
    (never by anything about the person) in the ``--out`` folder."""
    if len(cases) == 1 and not out.is_dir():
        return [out]
    if not out.is_dir():
        raise UsageError(f"for several cases --out must be an existing folder: {out}")
    suffix = f"-{lang}" if lang else ""
    return [out / f"{case}-{recipient}{suffix}.pdf" for case in cases]


def run_report(args: argparse.Namespace) -> int:
    from screening_app.services.referral_report import ReferralReports

    cases = list(dict.fromkeys(args.case))
    paths = output_paths(cases, args.recipient, Path(args.out), args.lang)
    with signed_in(args) as vault:
        reports = ReferralReports(vault)
        for case, path in zip(cases, paths, strict=True):
            done = reports.export(case, args.recipient, path, args.lang, args.second_lang)
            emit_json_line(done.to_json())
    return 0
