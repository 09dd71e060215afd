"""``recipients list|show|trust-root|add``: the agencies referrals can go to, and their keys.

``trust-root ROOT.pub`` trusts the NRM root key (prints its fingerprint, to compare over the
phone); ``add BUNDLE.json`` imports a key bundle signed by that root
(``BUNDLE.json.minisig`` beside it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import emit_json, signed_in
from screening_app.core.errors import UsageError


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
    root = verbs.add_parser("trust-root", help="trust the NRM root key; prints its fingerprint")
    root.add_argument("public_key", type=Path, metavar="ROOT.pub")
    root.add_argument(
        "--replace", action="store_true", help="replace a different root trusted before"
    )
    root.set_defaults(handler=run_trust_root)
    add = verbs.add_parser(
        "add", help="import a key bundle signed by the NRM root (BUNDLE.json.minisig beside it)"
    )
    add.add_argument("bundle", type=Path, metavar="BUNDLE.json")
    add.add_argument("--json", action="store_true", help="JSON on stdout")
    add.set_defaults(handler=run_add)


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


def _read(path: Path, limit: int) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise UsageError(f"{path} is too large ({limit} bytes at most)")
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"file not found: {path}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def run_trust_root(args: argparse.Namespace) -> int:
    from screening_app.services.trust import trust_root

    text = _read(args.public_key, 4096).decode("utf-8", errors="replace")
    with signed_in(args) as vault:
        root = trust_root(vault, text, replace=args.replace)
    emit_json({"key_id": root.key_id, "fingerprint": root.fingerprint, "added": root.added})
    return 0


def run_add(args: argparse.Namespace) -> int:
    from screening_app.crypto.minisign import MAX_SIGNATURE_FILE_BYTES
    from screening_app.packets.bundle import MAX_BUNDLE_BYTES
    from screening_app.services.trust import import_bundle

    signature_path = args.bundle.with_name(args.bundle.name + ".minisig")
    if not signature_path.exists():
        raise UsageError(
            f"the bundle's signature {signature_path} is missing: it comes with the bundle"
        )
    bundle = _read(args.bundle, MAX_BUNDLE_BYTES)
    signature = _read(signature_path, MAX_SIGNATURE_FILE_BYTES)
    with signed_in(args) as vault:
        done = import_bundle(vault, bundle, signature)
    if args.json:
        emit_json(done.to_json())
        return 0
    sys.stdout.write(f"key bundle serial {done.serial} (root key {done.root_key_id})\n")
    for entry in done.entries:
        sys.stdout.write(f"{entry.status:<9}  {entry.recipient_id:<24} {entry.fingerprint}\n")
    return 0
