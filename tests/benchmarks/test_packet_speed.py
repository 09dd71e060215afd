"""Packet and intake benchmarks, each printed beside a baseline measured in the same run.

1. sealing packets against the ``age`` command encrypting the same ZIP containers, and
   opening them against ``age -d`` decrypting the same packet files;
2. ``nrm import`` (in-process, real files, one durable commit per batch) on SQLite and on
   PostgreSQL, against opening and verifying the same packets without storing them.

Nothing here fails on speed; every test checks that its work really happened.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from screening_app.crypto.age import decrypt
from screening_app.nrm.importer import PacketImporter
from screening_app.packets.open import open_packet
from screening_app.packets.seal import seal_packet
from tests.benchmarks.conftest import TableFactory
from tests.nrm.conftest import IntakeSetup, make_setup
from tests.nrm.pg_server import postgres_server
from tests.packets.packet_kit import CREATED, INTAKE_ID, Parties, contents, run, write_keys

pytestmark = pytest.mark.benchmark

SEALS = 1000
CLI_FILES = 100
IMPORTS = 3000


def _rate(count: int, seconds: float) -> float:
    return count / seconds


def test_seal_and_open_beside_the_age_tool(bench_table: TableFactory, tmp_path: Path) -> None:
    parties = Parties()
    keys = write_keys(parties, tmp_path)
    body, sender, recipient = contents(), parties.sender, parties.intake_identity.recipient
    start = time.perf_counter()
    packets = [
        seal_packet(body, sender, INTAKE_ID, recipient, created=CREATED) for _ in range(SEALS)
    ]
    seal_s = time.perf_counter() - start

    office = [parties.office_key.public_key]
    start = time.perf_counter()
    opened = [open_packet(p, parties.intake_identity, office, INTAKE_ID) for p in packets]
    open_s = time.perf_counter() - start
    assert len({o.packet_id for o in opened}) == SEALS

    folder = tmp_path / "files"
    folder.mkdir()
    for index, packet in enumerate(packets[:CLI_FILES]):
        (folder / f"{index}.age").write_bytes(packet)
        (folder / f"{index}.zip").write_bytes(decrypt(packet, [parties.intake_identity]))
    start = time.perf_counter()
    for index in range(CLI_FILES):
        done = run(
            "age",
            "-e",
            "-r",
            str(recipient),
            "-o",
            folder / f"{index}.out",
            folder / f"{index}.zip",
        )
        assert done.returncode == 0
    age_encrypt_s = time.perf_counter() - start
    start = time.perf_counter()
    for index in range(CLI_FILES):
        done = run("age", "-d", "-i", keys["identity"], folder / f"{index}.age")
        assert done.returncode == 0 and done.stdout.startswith(b"PK")
    age_decrypt_s = time.perf_counter() - start

    table = bench_table("Packets: seal and open", "age CLI")
    table.add(
        "seal (build, sign, encrypt)",
        _rate(SEALS, seal_s),
        _rate(CLI_FILES, age_encrypt_s),
        "/s",
        ">= 200/s",
    )
    table.add(
        "open (decrypt, verify, check)",
        _rate(SEALS, open_s),
        _rate(CLI_FILES, age_decrypt_s),
        "/s",
        ">= 200/s",
    )
    table.note(
        f"packet size {len(packets[0]):,} bytes; {SEALS} packets in process, "
        f"{CLI_FILES} files through the age command (one process per file, as a shell "
        "script would run it)"
    )


def _import_rate(setup: IntakeSetup, table_label: str) -> tuple[float, float]:
    inbox = setup.folder / "inbox"
    inbox.mkdir()
    packets = [setup.seal() for _ in range(IMPORTS)]
    for index, packet in enumerate(packets):
        (inbox / f"{index:05d}.age").write_bytes(packet)
    office = [setup.office_key.public_key]
    start = time.perf_counter()
    for packet in packets:
        open_packet(packet, setup.keys.identity, office, INTAKE_ID)
    verify_s = time.perf_counter() - start

    importer = PacketImporter(
        setup.intake(), setup.folder / "receipts", setup.folder / "quarantine"
    )
    files = sorted(inbox.iterdir())
    start = time.perf_counter()
    records = list(importer.import_files(files))
    import_s = time.perf_counter() - start
    assert [r.status for r in records] == ["accepted"] * IMPORTS, table_label
    assert setup.stored_count() == IMPORTS
    return _rate(IMPORTS, import_s), _rate(IMPORTS, verify_s)


def test_nrm_import_rate_on_sqlite_and_postgresql(bench_table: TableFactory) -> None:
    table = bench_table("NRM intake: import rate", "open+verify only")
    with tempfile.TemporaryDirectory() as folder:
        setup = make_setup(Path(folder), str(Path(folder) / "nrm.sqlite"))
        table.add(
            "import, SQLite (WAL, synchronous=FULL)",
            *_import_rate(setup, "sqlite"),
            "/s",
            ">= 500/s",
        )
        setup.engine.dispose()
    with postgres_server() as url, tempfile.TemporaryDirectory() as folder:
        setup = make_setup(Path(folder), url)
        table.add("import, PostgreSQL 15 (fsync on)", *_import_rate(setup, "postgresql"), "/s")
        setup.engine.dispose()
    table.note(
        f"{IMPORTS} packet files per database; each import reads the file, opens and "
        "verifies it, stores it, signs and writes a receipt; commits every 64 packets"
    )
