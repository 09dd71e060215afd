"""Sync against a real HTTP intake (`nrm serve`'s server on a loopback port)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from screening_app.core.errors import UsageError
from screening_app.nrm import database
from screening_app.nrm.importer import PacketImporter
from screening_app.nrm.intake import Intake, add_office, initialise
from screening_app.nrm.models import Referral as IntakeReferral
from screening_app.nrm.server import IntakeServer
from screening_app.services.office import office_settings, save_intake_url
from screening_app.services.office_keys import office_identity
from screening_app.services.packet_export import PacketExports
from screening_app.services.sync import SyncFailed, sync_now
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry, Referral
from tests.field.conftest import FieldSetup


@dataclass
class Running:
    url: str
    engine: Engine
    intake: Intake

    def stored(self) -> int:
        with self.engine.connect() as connection:
            query = select(func.count()).select_from(IntakeReferral)
            return int(connection.execute(query).scalar_one())


@pytest.fixture
def intake(field: FieldSetup, tmp_path: Path) -> Iterator[Running]:
    engine = database.intake_engine(str(tmp_path / "nrm.sqlite"))
    database.upgrade(engine)
    keys = field.agencies["demo-nrm"]
    initialise(engine, keys)
    add_office(engine, office_identity(field.sign_in()).signing_public)
    served = Intake(engine, keys)
    server = IntakeServer(("127.0.0.1", 0), served, tmp_path / "quarantine")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield Running(f"http://{host!s}:{port}", engine, served)
    server.shutdown()
    server.server_close()
    thread.join()
    engine.dispose()


def _statuses(vault: Vault) -> list[str]:
    with vault.read() as session:
        return list(session.execute(select(Referral.status).order_by(Referral.id)).scalars())


def _audit_length(vault: Vault) -> int:
    with vault.read() as session:
        return len(session.execute(select(AuditEntry.seq)).all())


def _export(field: FieldSetup, count: int) -> list[Path]:
    vault = field.sign_in()
    return [
        PacketExports(vault).export(field.approved_case(), "demo-nrm").outbox_path
        for _ in range(count)
    ]


def test_sync_pushes_fetches_receipts_and_a_rerun_changes_nothing(
    field: FieldSetup, intake: Running
) -> None:
    outbox = _export(field, 2)
    vault = field.sign_in()
    seen: list[tuple[int, int]] = []
    report = sync_now(vault, intake.url, lambda done, total: seen.append((done, total)))
    assert (report.waiting, report.pushed, report.count("delivered")) == (2, 2, 2)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert _statuses(vault) == ["delivered", "delivered"]
    assert intake.stored() == 2
    assert not any(path.exists() for path in outbox)
    audit = _audit_length(vault)
    again = sync_now(vault, intake.url)
    assert (again.waiting, again.pushed, again.results) == (0, 0, [])
    assert _audit_length(vault) == audit and intake.stored() == 2


def test_a_packet_the_intake_already_holds_is_not_pushed_again(
    field: FieldSetup, intake: Running, tmp_path: Path
) -> None:
    [outbox] = _export(field, 1)
    # Carried on a stick and imported at the NRM before the office syncs.
    importer = PacketImporter(intake.intake, tmp_path / "receipts", tmp_path / "quarantine")
    try:
        [record] = list(importer.import_files([outbox]))
    finally:
        importer.close()
    assert record.status == "accepted"
    vault = field.sign_in()
    report = sync_now(vault, intake.url)
    assert (report.pushed, report.count("delivered")) == (0, 1)
    assert _statuses(vault) == ["delivered"] and intake.stored() == 1


def test_the_saved_intake_address_is_used_when_none_is_given(
    field: FieldSetup, intake: Running
) -> None:
    _export(field, 1)
    vault = field.sign_in()
    with pytest.raises(UsageError, match="no intake address"):
        sync_now(vault)
    assert save_intake_url(vault, intake.url + "/") == intake.url
    assert office_settings(vault).intake_url == intake.url
    assert sync_now(vault).count("delivered") == 1


def test_an_unreachable_intake_gives_one_message_and_loses_nothing(field: FieldSetup) -> None:
    outbox = _export(field, 2)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    vault = field.sign_in()
    with pytest.raises(SyncFailed) as caught:
        sync_now(vault, f"http://127.0.0.1:{port}")
    message = caught.value.message
    assert message.startswith("sync stopped: cannot reach the intake")
    assert "2 packet(s) still wait in the outbox" in message and "\n" not in message
    assert _statuses(vault) == ["sent", "sent"]
    assert all(path.exists() for path in outbox)
