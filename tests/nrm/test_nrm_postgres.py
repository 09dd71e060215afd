"""The intake on a real PostgreSQL server: the same models and migrations, and two importers
running at once never storing a referral twice."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from screening_app.packets.receipts import verify_receipt
from screening_app.packets.seal import Sender, seal_packet
from tests.nrm.conftest import IntakeSetup, make_setup
from tests.packets.packet_kit import CREATED, INTAKE_ID, OFFICE_ID, contents

CONCURRENT_PACKETS = 10_000


@pytest.fixture
def pg_setup(pg_url: str, tmp_path: Path) -> Iterator[IntakeSetup]:
    """A fresh database on the module's server for each test."""
    name = f"nrm_{secrets.token_hex(6)}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    made = make_setup(tmp_path, pg_url.replace("/postgres?", f"/{name}?"))
    yield made
    made.engine.dispose()


def test_postgres_runs_the_same_migrations_and_intake(pg_setup: IntakeSetup) -> None:
    intake = pg_setup.intake()
    data = pg_setup.seal()
    first = intake.receive(data)
    assert first.status == "accepted"
    again = intake.receive(data)
    assert again.status == "duplicate" and again.receipt == first.receipt
    assert intake.receive(pg_setup.seal("ngo-shelter")).status == "rejected"
    assert pg_setup.stored_count() == 1


def _importer(setup: IntakeSetup, name: str, inbox: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "screening_app",
        "nrm",
        "import",
        "--db",
        setup.url,
        "--keys",
        str(setup.keys_dir),
        "--receipts",
        str(setup.folder / f"receipts-{name}"),
        "--quarantine",
        str(setup.folder / f"quarantine-{name}"),
        str(inbox),
    ]
    with (setup.folder / f"{name}.jsonl").open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_two_concurrent_importers_store_each_of_10000_packets_once(
    pg_setup: IntakeSetup,
) -> None:
    inbox = pg_setup.folder / "inbox"
    inbox.mkdir()
    sender = Sender(OFFICE_ID, pg_setup.office_key)
    body = contents()
    packets: dict[str, bytes] = {}
    for index in range(CONCURRENT_PACKETS):
        data = seal_packet(
            body, sender, INTAKE_ID, pg_setup.keys.entry.age_recipient, created=CREATED
        )
        name = f"{index:05d}.age"
        (inbox / name).write_bytes(data)
        packets[name] = data

    runs = [_importer(pg_setup, name, inbox) for name in ("a", "b")]
    try:
        for process in runs:
            _, err = process.communicate(timeout=240)
            assert process.returncode == 0, err.decode()
    finally:
        for process in runs:
            if process.poll() is None:
                process.kill()
                process.communicate()

    records = {
        name: [
            json.loads(line)
            for line in (pg_setup.folder / f"{name}.jsonl").read_text().splitlines()
        ]
        for name in ("a", "b")
    }
    assert all(len(lines) == CONCURRENT_PACKETS for lines in records.values())
    accepted = Counter(
        r["packet_id"] for lines in records.values() for r in lines if r["status"] == "accepted"
    )
    assert len(accepted) == CONCURRENT_PACKETS and set(accepted.values()) == {1}
    statuses = Counter(r["status"] for lines in records.values() for r in lines)
    assert statuses == {"accepted": CONCURRENT_PACKETS, "duplicate": CONCURRENT_PACKETS}
    assert pg_setup.stored_count() == CONCURRENT_PACKETS

    public = pg_setup.keys.signing_key.public_key
    for record in records["a"]:
        packet = packets[Path(record["file"]).name]
        receipt_a = Path(record["receipt"]).read_bytes()
        receipt_b = (pg_setup.folder / "receipts-b" / Path(record["receipt"]).name).read_bytes()
        assert receipt_a == receipt_b
        assert verify_receipt(receipt_a, public, packet).packet_id == record["packet_id"]
