"""``screenshot``: render a named screen of the desktop app over a demo workspace."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import emit_json

# Kept here as well as in the interface so that --list answers without starting Qt.
SCREEN_NAMES = (
    "login",
    "cases",
    "cases-responder",
    "interview",
    "open-question",
    "show-person",
    "flag",
    "consent",
    "consent-law",
    "summary",
    "settings",
    "review-queue",
    "case-review",
    "recipient-preview",
    "statistics",
    "case-review-sent",
    "outbox",
    "hidden",
    "crash",
)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser(
        "screenshot", help="render a screen of the app with demo data into a PNG file"
    )
    parser.add_argument("--screen", metavar="NAME", help="which screen (see --list)")
    parser.add_argument("--lang", default="en", metavar="L", help="interface language")
    parser.add_argument(
        "--interview-lang", default="en", metavar="L2", help="the interviewed person's language"
    )
    parser.add_argument("--out", metavar="F.png", help="image file to write")
    parser.add_argument("--list", action="store_true", help="list the screen names and stop")
    parser.add_argument(
        "--gallery",
        metavar="DIR",
        help="render every screen into DIR, once per interview language given with "
        "--gallery-langs (default: en,ar,ti,bn)",
    )
    parser.add_argument(
        "--gallery-langs", default="en,ar,ti,bn", metavar="L,L", help=argparse.SUPPRESS
    )
    parser.set_defaults(handler=run_screenshot)


def run_screenshot(args: argparse.Namespace) -> int:
    if args.list:
        emit_json({"screens": list(SCREEN_NAMES)})
        return 0
    if args.gallery:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from screening_app.app import render_gallery

        langs = tuple(code.strip() for code in args.gallery_langs.split(",") if code.strip())
        written = render_gallery(Path(args.gallery), args.lang, langs)
        emit_json({"written": [str(path) for path in written]})
        return 0
    if not args.screen or not args.out:
        sys.stderr.write("screening-app: screenshot needs --screen NAME and --out F.png\n")
        return 2
    if args.screen not in SCREEN_NAMES:
        sys.stderr.write(
            f"screening-app: unknown screen '{args.screen}': use one of {', '.join(SCREEN_NAMES)}\n"
        )
        return 2
    # No display is needed: Qt draws into memory. Set before Qt is first imported.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from screening_app.app import render_screenshot

    out = Path(args.out)
    render_screenshot(args.screen, args.lang, args.interview_lang, out)
    emit_json(
        {
            "screen": args.screen,
            "lang": args.lang,
            "interview_lang": args.interview_lang,
            "out": str(out),
        }
    )
    return 0
