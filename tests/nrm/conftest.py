"""Intake fixtures: a keys folder, a database (SQLite here, PostgreSQL for the marked tests),
a registered field office, and packets sealed to the intake."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from screening_app.crypto.minisign import SecretKey
from screening_app.nrm import database
from screening_app.nrm.intake import Intake, add_office, initialise
from screening_app.nrm.keyfiles import IntakeKeys, generate_intake_keys
from screening_app.nrm.models import Referral
from screening_app.packets.format import CASE_FIELDS
from screening_app.packets.seal import Sender, seal_packet
from tests.nrm.pg_server import postgres_server
from tests.packets.packet_kit import CREATED, INTAKE_ID, OFFICE_ID, contents


@dataclass
class IntakeSetup:
    folder: Path
    keys_dir: Path
    keys: IntakeKeys
    url: str
    engine: Engine
    office_key: SecretKey

    def intake(self) -> Intake:
        return Intake(self.engine, self.keys)

    def seal(
        self, recipient_id: str = INTAKE_ID, office: SecretKey | None = None, **kw: object
    ) -> bytes:
        return seal_packet(
            contents(**kw),
            Sender(OFFICE_ID, office or self.office_key),
            recipient_id,
            self.keys.entry.age_recipient,
            created=CREATED,
        )

    def stored_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(Referral)).scalar_one())


def make_setup(folder: Path, url: str) -> IntakeSetup:
    keys_dir = folder / "keys"
    keys = generate_intake_keys(keys_dir, INTAKE_ID, "Intake (test)", allowed_fields=CASE_FIELDS)
    engine = database.intake_engine(url)
    database.upgrade(engine)
    initialise(engine, keys)
    office = SecretKey.generate()
    add_office(engine, office.public_key)
    return IntakeSetup(folder, keys_dir, keys, url, engine, office)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[IntakeSetup]:
    made = make_setup(tmp_path, str(tmp_path / "nrm.sqlite"))
    yield made
    made.engine.dispose()


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url
