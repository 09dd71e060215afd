"""Sub-command ``assess``: indicators JSON in, assessment JSON out. No workspace needed.

Input is one JSON object (it may span lines) or JSON Lines; each object gives one compact
result line, in order. Every record is checked before any result is written, so a bad record
never leaves half an answer on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screening_app.core.errors import AssessmentError, UsageError

if TYPE_CHECKING:
    # The engine is imported when the command runs, not at every start of the app.
    from screening_app.assess.model import AssessmentInput
    from screening_app.assess.rules import Rules


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser(
        "assess",
        help="assess indicators and flags (JSON in, JSON out)",
        description=(
            "Read one JSON object or JSON Lines (FILE, or stdin when FILE is - or absent) "
            "and write one assessment per input as compact JSON, one per line."
        ),
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE|-", help="input file")
    parser.add_argument(
        "--rules", metavar="DIR", type=Path, help="rules directory (default: the shipped rules)"
    )
    parser.set_defaults(handler=run)


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"input file not found: {path}") from None
    except UnicodeDecodeError:
        raise AssessmentError(f"input file is not UTF-8 text: {path}") from None
    except OSError as exc:
        raise UsageError(f"cannot read input file {path}: {exc.strerror}") from None


def parse_records(text: str) -> list[tuple[int, Any]]:
    """Every JSON value in ``text`` with the line it starts on: one object or JSON Lines."""
    decoder = json.JSONDecoder()
    records: list[tuple[int, Any]] = []
    position, line, counted_to = 0, 1, 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            break
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise AssessmentError(f"line {exc.lineno}: not valid JSON: {exc.msg}") from None
        # Count lines only over the new stretch, so long JSON Lines input stays linear.
        line += text.count("\n", counted_to, position)
        counted_to = position
        records.append((line, value))
        position = end
    if not records:
        raise AssessmentError("no input: expected a JSON object or JSON Lines")
    return records


def _inputs(records: list[tuple[int, Any]]) -> list[AssessmentInput]:
    from screening_app.assess.codec import input_from_json

    inputs = []
    for number, (line, record) in enumerate(records, start=1):
        try:
            inputs.append(input_from_json(record))
        except AssessmentError as exc:
            raise AssessmentError(f"record {number} (line {line}): {exc.message}") from None
    return inputs


def run(args: argparse.Namespace) -> int:
    from screening_app.assess.codec import assessment_to_json, compact_json
    from screening_app.assess.evaluator import assess
    from screening_app.assess.rules import default_rules, load_rules

    rules: Rules = load_rules(args.rules) if args.rules else default_rules()
    inputs = _inputs(parse_records(_read_text(args.file)))
    for inp in inputs:
        sys.stdout.write(compact_json(assessment_to_json(assess(inp, rules))) + "\n")
    sys.stdout.flush()
    return 0
