"""``nrm``: the National Referral Mechanism intake and its keys.

``root-keygen``, ``keygen``, ``bundle`` and ``sign-bundle`` make and sign keys; ``init``,
``offices add``, ``import`` and ``serve`` run the intake on SQLite (default ``nrm.sqlite``)
or PostgreSQL (``postgresql+psycopg://…``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from screening_app.commands.context import emit_json, emit_json_line
from screening_app.core.errors import UsageError

DEFAULT_RECIPIENT_ID = "nrm-intake"
DEFAULT_NAME = "National Referral Mechanism intake"


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="URL", default=None, help="database URL or SQLite file (nrm.sqlite)"
    )


def _keys(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keys", metavar="DIR", required=True, type=Path, help="keys folder")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    nrm = sub.add_parser("nrm", help="the NRM intake: keys, import, HTTP intake")
    verbs = nrm.add_subparsers(dest="verb", metavar="VERB", required=True)

    root = verbs.add_parser("root-keygen", help="make the NRM root key pair")
    root.add_argument("--out", metavar="DIR", required=True, type=Path)
    root.set_defaults(handler=run_root_keygen)

    keygen = verbs.add_parser("keygen", help="make the intake's keys and recipient.json")
    keygen.add_argument("--out", metavar="DIR", required=True, type=Path)
    keygen.add_argument("--id", default=DEFAULT_RECIPIENT_ID, help="recipient id")
    keygen.add_argument("--name", default=DEFAULT_NAME, help="agency name")
    keygen.add_argument("--contact", default="", help="agency contact (office phone, mail)")
    keygen.add_argument("--languages", default="en", help="comma-separated language codes")
    keygen.add_argument(
        "--allowed-fields", default=None, help="comma-separated case fields (default: all)"
    )
    keygen.set_defaults(handler=run_keygen)

    bundle = verbs.add_parser("bundle", help="collect recipient.json files into a key bundle")
    bundle.add_argument("entries", nargs="+", type=Path, metavar="RECIPIENT.json")
    bundle.add_argument("--out", required=True, type=Path, metavar="BUNDLE.json")
    bundle.add_argument("--serial", required=True, type=int)
    bundle.set_defaults(handler=run_bundle)

    sign = verbs.add_parser("sign-bundle", help="sign a key bundle with the root key")
    sign.add_argument("--root-key", required=True, type=Path, metavar="F")
    sign.add_argument("bundle", type=Path, metavar="BUNDLE.json")
    sign.set_defaults(handler=run_sign_bundle)

    init = verbs.add_parser("init", help="create (or migrate) the intake database")
    _db(init)
    _keys(init)
    init.set_defaults(handler=run_init)

    offices = verbs.add_parser("offices", help="field offices allowed to send packets")
    office_verbs = offices.add_subparsers(dest="office_verb", metavar="VERB", required=True)
    add = office_verbs.add_parser("add", help="register a field office's signing key")
    _db(add)
    add.add_argument("public_key", type=Path, metavar="OFFICE.pub")
    add.set_defaults(handler=run_offices_add)

    imp = verbs.add_parser("import", help="import packet files; JSON Lines out")
    _db(imp)
    _keys(imp)
    imp.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    imp.add_argument("--receipts", type=Path, default=Path("receipts"), metavar="DIR")
    imp.add_argument("--quarantine", type=Path, default=Path("quarantine"), metavar="DIR")
    imp.set_defaults(handler=run_import)

    serve = verbs.add_parser("serve", help="run the HTTP intake")
    _db(serve)
    _keys(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750, help="0 picks a free port")
    serve.add_argument("--quarantine", type=Path, default=Path("quarantine"), metavar="DIR")
    serve.set_defaults(handler=run_serve)


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def run_root_keygen(args: argparse.Namespace) -> int:
    from screening_app.nrm.keyfiles import ROOT_PUB, generate_root_keys
    from screening_app.packets.bundle import signing_key_fingerprint

    public = generate_root_keys(args.out)
    emit_json(
        {
            "public_key": str(args.out / ROOT_PUB),
            "key_id": public.key_id_hex,
            "fingerprint": signing_key_fingerprint(public),
        }
    )
    return 0


def run_keygen(args: argparse.Namespace) -> int:
    from screening_app.nrm.keyfiles import generate_intake_keys
    from screening_app.packets.format import CASE_FIELDS

    fields = _csv(args.allowed_fields) if args.allowed_fields is not None else list(CASE_FIELDS)
    keys = generate_intake_keys(
        args.out, args.id, args.name, args.contact, _csv(args.languages), fields
    )
    emit_json(keys.entry.as_json())
    return 0


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def run_bundle(args: argparse.Namespace) -> int:
    import json
    from datetime import UTC, datetime

    from screening_app.core.clock import utc_iso
    from screening_app.packets.bundle import BundleError, RecipientEntry, encode_bundle

    try:
        entries = [RecipientEntry.from_json(json.loads(_read_bytes(p))) for p in args.entries]
        data = encode_bundle(entries, args.serial, utc_iso(datetime.now(UTC)))
    except json.JSONDecodeError:
        raise UsageError("a recipient file is not valid JSON") from None
    except BundleError as exc:
        raise UsageError(exc.message) from None
    args.out.write_bytes(data)
    emit_json({"bundle": str(args.out), "recipients": [e.recipient_id for e in entries]})
    return 0


def run_sign_bundle(args: argparse.Namespace) -> int:
    from screening_app.nrm.keyfiles import read_secret_key
    from screening_app.packets.bundle import BundleError, parse_bundle

    key = read_secret_key(args.root_key)
    data = _read_bytes(args.bundle)
    try:
        bundle = parse_bundle(data, key.key_id_hex)
    except BundleError as exc:
        raise UsageError(f"{args.bundle}: {exc.message}") from None
    comment = f"screening-app recipient bundle serial {bundle.serial} issued {bundle.issued}"
    target = args.bundle.with_name(args.bundle.name + ".minisig")
    target.write_bytes(key.sign(data, comment, "signature from the NRM root key"))
    emit_json({"signature": str(target), "serial": bundle.serial, "root_key_id": key.key_id_hex})
    return 0


def run_init(args: argparse.Namespace) -> int:
    from screening_app.nrm import database
    from screening_app.nrm.intake import initialise
    from screening_app.nrm.keyfiles import load_intake_keys

    keys = load_intake_keys(args.keys)
    engine = database.intake_engine(args.db)
    database.upgrade(engine)
    initialise(engine, keys)
    emit_json(
        {
            "database": engine.url.render_as_string(hide_password=True),
            "intake": keys.intake_id,
            "revision": database.current_revision(engine),
        }
    )
    engine.dispose()
    return 0


def run_offices_add(args: argparse.Namespace) -> int:
    from screening_app.nrm import database
    from screening_app.nrm.intake import add_office
    from screening_app.nrm.keyfiles import read_public_key
    from screening_app.packets.bundle import signing_key_fingerprint

    key = read_public_key(args.public_key)
    engine = database.intake_engine(args.db)
    database.require_current(engine)
    added = add_office(engine, key)
    engine.dispose()
    emit_json(
        {"key_id": key.key_id_hex, "fingerprint": signing_key_fingerprint(key), "added": added}
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from screening_app.nrm import database
    from screening_app.nrm.importer import PacketImporter, packet_files
    from screening_app.nrm.intake import Intake
    from screening_app.nrm.keyfiles import load_intake_keys

    keys = load_intake_keys(args.keys)
    engine = database.intake_engine(args.db)
    importer = PacketImporter(Intake(engine, keys), args.receipts, args.quarantine)
    rejected = 0
    try:
        for record in importer.import_files(packet_files(args.paths)):
            rejected += record.status == "rejected"
            emit_json_line(record.as_json())
    finally:
        importer.close()
        engine.dispose()
    return 1 if rejected else 0


def run_serve(args: argparse.Namespace) -> int:
    from screening_app.nrm import database
    from screening_app.nrm.intake import Intake
    from screening_app.nrm.keyfiles import load_intake_keys
    from screening_app.nrm.server import IntakeServer

    keys = load_intake_keys(args.keys)
    engine = database.intake_engine(args.db)
    server = IntakeServer((args.host, args.port), Intake(engine, keys), args.quarantine)
    host, port = server.server_address[:2]
    emit_json_line({"listening": f"http://{host!s}:{port}", "intake": keys.intake_id})
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("screening-app: intake stopped\n")
    finally:
        server.server_close()
        engine.dispose()
    return 0
