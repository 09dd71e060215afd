"""``nrm`` commands on SQLite: keys, bundles, init, offices, import with receipts and
quarantine."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from screening_app.cli import main
from screening_app.crypto.age import encrypt
from screening_app.crypto.minisign import PublicKey, SecretKey
from screening_app.packets.bundle import verify_bundle
from screening_app.packets.format import MAX_PACKET_BYTES, MEMBERS
from screening_app.packets.receipts import verify_receipt
from tests.nrm.conftest import IntakeSetup
from tests.packets.packet_kit import run


def _cli(
    capsys: pytest.CaptureFixture[str], *argv: str | Path
) -> tuple[int, list[dict[str, object]]]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def _import(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup, *paths: Path
) -> tuple[int, list[dict[str, object]]]:
    return _cli(
        capsys,
        "nrm",
        "import",
        "--db",
        setup.url,
        "--keys",
        setup.keys_dir,
        "--receipts",
        setup.folder / "receipts",
        "--quarantine",
        setup.folder / "quarantine",
        *paths,
    )


def _packet_file(setup: IntakeSetup, data: bytes, name: str) -> Path:
    inbox = setup.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    path = inbox / name
    path.write_bytes(data)
    return path


def test_key_commands_make_a_bundle_minisign_and_the_field_side_verify(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, (root,) = _cli(capsys, "nrm", "root-keygen", "--out", tmp_path / "root")
    assert code == 0 and root["key_id"]
    code, (entry,) = _cli(
        capsys,
        "nrm",
        "keygen",
        "--out",
        tmp_path / "keys",
        "--id",
        "nrm-east",
        "--languages",
        "en,fr",
        "--allowed-fields",
        "caseId,gender",
    )
    assert code == 0 and entry["allowed_fields"] == ["caseId", "gender"]
    assert oct((tmp_path / "keys" / "intake.key").stat().st_mode & 0o777) == "0o600"
    bundle = tmp_path / "bundle.json"
    code, _ = _cli(
        capsys,
        "nrm",
        "bundle",
        "--out",
        bundle,
        "--serial",
        "4",
        tmp_path / "keys" / "recipient.json",
    )
    assert code == 0
    code, _ = _cli(
        capsys, "nrm", "sign-bundle", "--root-key", tmp_path / "root" / "root.key", bundle
    )
    assert code == 0
    checked = run("minisign", "-V", "-p", tmp_path / "root" / "root.pub", "-m", bundle)
    assert checked.returncode == 0, checked.stderr
    root_pub = PublicKey.parse((tmp_path / "root" / "root.pub").read_text())
    verified = verify_bundle(bundle.read_bytes(), Path(f"{bundle}.minisig").read_bytes(), root_pub)
    assert verified.serial == 4
    assert verified.recipients[0].fingerprints == entry["fingerprints"]


def test_keygen_never_overwrites_keys(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _cli(capsys, "nrm", "keygen", "--out", tmp_path)[0] == 0
    before = (tmp_path / "intake.key").read_bytes()
    assert main(["nrm", "keygen", "--out", str(tmp_path)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / "intake.key").read_bytes() == before


def test_age_tool_decrypts_a_packet_with_the_intake_identity(setup: IntakeSetup) -> None:
    path = _packet_file(setup, setup.seal(), "p.age")
    result = run("age", "-d", "-i", setup.keys_dir / "intake.agekey", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK\x03\x04")


def test_init_and_offices_add_through_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert _cli(capsys, "nrm", "keygen", "--out", tmp_path / "keys")[0] == 0
    db = tmp_path / "intake.sqlite"
    code, (init,) = _cli(capsys, "nrm", "init", "--db", db, "--keys", tmp_path / "keys")
    assert code == 0 and init["revision"] == "nrm0001"
    office = SecretKey.generate()
    (tmp_path / "office.pub").write_text(office.public_key.file_text())
    code, (added,) = _cli(capsys, "nrm", "offices", "add", "--db", db, tmp_path / "office.pub")
    assert code == 0 and added == {
        "added": True,
        "fingerprint": added["fingerprint"],
        "key_id": office.key_id_hex,
    }
    assert (
        _cli(capsys, "nrm", "offices", "add", "--db", db, tmp_path / "office.pub")[1][0]["added"]
        is False
    )


def test_import_before_init_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert _cli(capsys, "nrm", "keygen", "--out", tmp_path / "keys")[0] == 0
    code = main(
        [
            "nrm",
            "import",
            "--db",
            str(tmp_path / "new.sqlite"),
            "--keys",
            str(tmp_path / "keys"),
            str(tmp_path),
        ]
    )
    assert code == 1
    assert "not initialised: run `nrm init` first" in capsys.readouterr().err


def test_accepted_packet_gets_a_receipt_minisign_verifies(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    data = setup.seal()
    path = _packet_file(setup, data, "p.age")
    code, (record,) = _import(capsys, setup, path)
    assert code == 0
    assert record["status"] == "accepted" and record["reason"] is None
    receipt_path = Path(str(record["receipt"]))
    assert receipt_path.name == f"{record['packet_id']}.receipt"
    checked = run(
        "minisign", "-V", "-p", setup.keys_dir / "intake.pub", "-m", path, "-x", receipt_path
    )
    assert checked.returncode == 0, checked.stderr
    receipt = verify_receipt(receipt_path.read_bytes(), setup.keys.signing_key.public_key, data)
    assert receipt.outcome == "accepted" and receipt.packet_id == record["packet_id"]
    assert setup.stored_count() == 1


def test_importing_again_is_a_duplicate_with_the_same_receipt_bytes(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    path = _packet_file(setup, setup.seal(), "p.age")
    _, (first,) = _import(capsys, setup, path)
    receipt = Path(str(first["receipt"])).read_bytes()
    code, (second,) = _import(capsys, setup, path)
    assert code == 0
    assert second["status"] == "duplicate" and second["packet_id"] == first["packet_id"]
    assert Path(str(second["receipt"])).read_bytes() == receipt
    assert setup.stored_count() == 1


def _zip_bomb_packet(setup: IntakeSetup) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in MEMBERS:
            archive.writestr(name, bytes(4 * 1024 * 1024))
    return encrypt(buffer.getvalue(), [setup.keys.entry.age_recipient])


REJECTIONS = {
    "another-recipient": ("addressed to another recipient", lambda s: s.seal("ngo-shelter")),
    "unknown-office": ("unknown office key", lambda s: s.seal(office=SecretKey.generate())),
    "zip-bomb": ("compressed", _zip_bomb_packet),
    "tampered": ("cannot decrypt", lambda s: s.seal()[:-40] + bytes(40)),
    "not-a-packet": ("not age-encrypted", lambda s: b"%PDF-1.4 hello"),
}


@pytest.mark.parametrize("kind", sorted(REJECTIONS))
def test_rejected_packet_is_quarantined_with_a_reason_and_nothing_is_stored(
    kind: str, capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    expected, make = REJECTIONS[kind]
    data = make(setup)
    path = _packet_file(setup, data, "incoming.age")
    code, (record,) = _import(capsys, setup, path)
    assert code == 1
    assert record["status"] == "rejected" and expected in str(record["reason"])
    assert not path.exists()
    quarantine = setup.folder / "quarantine"
    (moved,) = quarantine.glob("*.age")
    assert moved.read_bytes() == data
    note = json.loads(moved.with_suffix(".reason").read_text())
    assert expected in note["reason"]
    receipt = verify_receipt(
        Path(str(record["receipt"])).read_bytes(), setup.keys.signing_key.public_key, data
    )
    assert receipt.outcome == "rejected"
    assert setup.stored_count() == 0


def test_replayed_packet_id_with_other_content_is_rejected(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    first = setup.seal()
    packet_id = setup.intake().receive(first).packet_id
    from screening_app.packets.seal import Sender, seal_packet
    from tests.packets.packet_kit import OFFICE_ID, contents

    replay = seal_packet(
        contents(report=b"%PDF-1.4 other"),
        Sender(OFFICE_ID, setup.office_key),
        "nrm-intake",
        setup.keys.entry.age_recipient,
        packet_id=packet_id,
    )
    code, (record,) = _import(capsys, setup, _packet_file(setup, replay, "replay.age"))
    assert code == 1
    assert record["status"] == "rejected" and "replay" in str(record["reason"])
    assert setup.stored_count() == 1


def test_oversize_file_is_quarantined_without_being_read(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    path = setup.folder / "inbox" / "big.age"
    path.parent.mkdir()
    with path.open("wb") as stream:
        stream.truncate(MAX_PACKET_BYTES + 1)  # sparse: no bytes written
    code, (record,) = _import(capsys, setup, path)
    assert code == 1 and "larger than" in str(record["reason"])
    assert record["receipt"] is None
    assert len(list((setup.folder / "quarantine").glob("oversize-*.reason"))) == 1
    assert setup.stored_count() == 0


def test_folder_import_reports_each_packet(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    for index in range(3):
        _packet_file(setup, setup.seal(), f"good-{index}.age")
    _packet_file(setup, setup.seal("ngo-shelter"), "bad.age")
    code, records = _import(capsys, setup, setup.folder / "inbox")
    assert code == 1
    assert sorted(str(r["status"]) for r in records) == ["accepted"] * 3 + ["rejected"]
    assert setup.stored_count() == 3


def test_keys_of_another_intake_are_refused(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    assert _cli(capsys, "nrm", "keygen", "--out", setup.folder / "other")[0] == 0
    code = main(["nrm", "init", "--db", setup.url, "--keys", str(setup.folder / "other")])
    assert code == 2
    assert "another intake" in capsys.readouterr().err


def test_two_threads_receiving_one_packet_store_it_once(setup: IntakeSetup) -> None:
    data = setup.seal()
    intake = setup.intake()
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(intake.receive(data))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in results) == ["accepted", "duplicate", "duplicate", "duplicate"]
    assert len({r.receipt for r in results}) == 1
    assert setup.stored_count() == 1


def test_receipt_files_are_not_left_half_written(
    capsys: pytest.CaptureFixture[str], setup: IntakeSetup
) -> None:
    _import(capsys, setup, _packet_file(setup, setup.seal(), "p.age"))
    names = os.listdir(setup.folder / "receipts")
    assert len(names) == 1 and names[0].endswith(".receipt")
