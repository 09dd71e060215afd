"""Sub-commands ``forms check`` and ``forms import-xlsform``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screening_app.commands.context import emit_json
from screening_app.locations import forms_dir, translations_dir

if TYPE_CHECKING:
    # The form checker is imported when the command runs: every start of the app pays
    # for what this module imports at the top.
    from screening_app.forms.checking import CheckResult
    from screening_app.forms.problems import Problem


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("forms", help="validate forms and catalogs, import XLSForms")
    forms_sub = parser.add_subparsers(dest="forms_command", metavar="ACTION", required=True)

    check = forms_sub.add_parser(
        "check",
        help="validate forms and catalogs; prints FILE:LINE: message for each problem",
        description=(
            "Check form files (.yaml) and gettext catalogs (.po, .pot). With no FILE, checks "
            "every shipped form and catalog. Exit status 1 if any problem was found."
        ),
    )
    check.add_argument("files", nargs="*", type=Path, metavar="FILE", help="form, catalog or dir")
    check.add_argument("--json", action="store_true", help="print the problems as JSON instead")
    check.set_defaults(handler=run_check)

    xlsform = forms_sub.add_parser(
        "import-xlsform",
        help="convert an XLSForm (.xlsx) to a form YAML and .po catalogs",
        description=(
            "Write DIR/<form-id>.yaml and DIR/translations/<form-id>/<lang>.po for each "
            "translation. Prints a JSON report, listing everything that could not be imported "
            "as it was."
        ),
    )
    xlsform.add_argument("xlsx", type=Path, metavar="FILE.xlsx")
    xlsform.add_argument("--out", type=Path, required=True, metavar="DIR", help="output directory")
    xlsform.set_defaults(handler=run_import_xlsform)


def run_check(args: argparse.Namespace) -> int:
    from screening_app.forms.checking import check_paths, check_tree

    files: list[Path] = args.files
    if files:
        result = check_paths(files, forms_dir())
    else:
        result = check_tree(_shown(forms_dir()), _shown(translations_dir()))
    if args.json:
        emit_json([_problem_json(problem) for problem in result.problems])
    else:
        for problem in result.problems:
            sys.stdout.write(f"{problem}\n")
    sys.stderr.write(_summary(result) + "\n")
    return 1 if result.problems else 0


def run_import_xlsform(args: argparse.Namespace) -> int:
    from screening_app.forms.xlsform import import_xlsform

    report = import_xlsform(args.xlsx, args.out)
    emit_json(report.to_json())
    return 1 if report.problems else 0


def _summary(result: CheckResult) -> str:
    checked = f"checked {_count(result.forms, 'form')} and {_count(result.catalogs, 'catalog')}"
    if not result.problems:
        return f"{checked}: no problems"
    return f"{checked}: {_count(len(result.problems), 'problem')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "message": problem.message}


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, for short output."""
    try:
        return Path(os.path.relpath(path)) if path.is_relative_to(Path.cwd()) else path
    except ValueError:
        return path
