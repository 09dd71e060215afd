"""The whole path with real files and the real tools: trust the root, import the bundle,
export a packet on the command line, open it with `age` and `minisign`, import it at the
NRM, bring the receipt home, and check the audit."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from sqlalchemy import select

from screening_app.nrm import database
from screening_app.nrm.intake import add_office, initialise
from screening_app.nrm.keyfiles import load_intake_keys, read_public_key
from screening_app.packets.bundle import signing_key_fingerprint
from screening_app.packets.format import MEMBERS
from screening_app.services.accounts import AccountService
from screening_app.services.packet_export import referral_states
from screening_app.storage.models import AuditEntry
from screening_app.storage.workspace import open_workspace
from tests.conftest import PASSWORD
from tests.field.conftest import FieldSetup
from tests.review.screened_cases import ADULT

ROOT = Path(__file__).resolve().parents[2]


def _app(setup: FieldSetup, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    command = [sys.executable, "-m", "screening_app", "--workspace", str(setup.path),
               "--user", "supervisor", "--password-file", str(secret), *args]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def _tool(*command: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(c) for c in command], capture_output=True, check=False)


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_packet_goes_out_is_opened_by_hand_imported_and_acknowledged(
    bare: FieldSetup, tmp_path: Path
) -> None:
    case_id = bare.approved_case()
    bare.ws.workspace.close()  # the commands below open the workspace themselves

    trusted = json.loads(_ok(_app(bare, tmp_path, "recipients", "trust-root", str(bare.root_pub))))
    assert trusted["fingerprint"] == signing_key_fingerprint(bare.root_key.public_key)
    bundle = bare.bundle(1)
    added = json.loads(_ok(_app(bare, tmp_path, "recipients", "add", str(bundle), "--json")))
    keyed = {entry["id"]: entry["fingerprint"] for entry in added["recipients"]}
    assert keyed["demo-nrm"] == bare.entries["demo-nrm"].fingerprints["recipient"]

    out = tmp_path / "usb"
    exported = _app(bare, tmp_path, "packet", "export", "--case", case_id,
                    "--recipient", "demo-nrm", "--out", str(out))  # fmt: skip
    answer = json.loads(_ok(exported))
    assert list(answer)[:2] == ["path", "packet_id"]
    packet = Path(answer["path"])
    assert packet == out / f"{answer['packet_id']}.age"

    office_pub = tmp_path / "office.pub"
    office_pub.write_text(_ok(_app(bare, tmp_path, "office", "pubkey")))
    show = json.loads(_ok(_app(bare, tmp_path, "office", "show", "--json")))
    assert show["fingerprint"] in office_pub.read_text()

    # By hand: the age tool decrypts, minisign checks the manifest with the office key.
    keys = bare.keys_dir("demo-nrm")
    decrypted = _tool("age", "-d", "-i", keys / "intake.agekey", packet)
    assert decrypted.returncode == 0, decrypted.stderr
    with zipfile.ZipFile(io.BytesIO(decrypted.stdout)) as archive:
        assert sorted(archive.namelist()) == sorted(MEMBERS)
        archive.extractall(tmp_path / "opened")
    opened = tmp_path / "opened"
    checked = _tool("minisign", "-V", "-p", office_pub, "-m", opened / "manifest.json")
    assert checked.returncode == 0, checked.stderr
    assert answer["packet_id"].encode() in checked.stdout  # the trusted comment names it
    case = json.loads((opened / "case.json").read_text())
    assert case["caseId"] == case_id and case["givenNames"] == ADULT.given_names

    # The NRM registers the office and imports the packet; its receipt comes home.
    db = tmp_path / "nrm.sqlite"
    engine = database.intake_engine(str(db))  # as `nrm init` and `nrm offices add` do
    database.upgrade(engine)
    initialise(engine, load_intake_keys(keys))
    add_office(engine, read_public_key(office_pub))
    engine.dispose()
    receipts = tmp_path / "receipts"
    imported = _app(bare, tmp_path, "nrm", "import", "--db", str(db), "--keys", str(keys),
                    "--receipts", str(receipts), str(packet))  # fmt: skip
    assert json.loads(_ok(imported))["status"] == "accepted"
    receipt = receipts / f"{answer['packet_id']}.receipt"
    back = _app(bare, tmp_path, "receipt", "import", str(receipt))
    assert json.loads(_ok(back))["status"] == "delivered"

    verified = json.loads(_ok(_app(bare, tmp_path, "audit", "verify")))
    assert verified["ok"] is True

    workspace = open_workspace(bare.path)
    try:
        vault = AccountService(workspace).sign_in("supervisor", PASSWORD)
        [state] = referral_states(vault, case_id)
        assert state.status == "delivered"
        with vault.read() as session:
            entries = list(session.execute(select(AuditEntry)).scalars())
    finally:
        workspace.close()
    actions = [entry.action for entry in entries]
    assert {"trust.root", "bundle.import", "packet.export", "receipt.import"} <= set(actions)
    for entry in entries:
        assert ADULT.given_names not in entry.detail and ADULT.family_name not in entry.detail


def test_a_rejected_receipt_makes_the_command_exit_1(field: FieldSetup, tmp_path: Path) -> None:
    field.ws.workspace.close()
    bogus = tmp_path / "bogus.receipt"
    bogus.write_text("not a receipt\n")
    done = _app(field, tmp_path, "receipt", "import", str(bogus))
    assert done.returncode == 1
    line = json.loads(done.stdout)
    assert line["status"] == "rejected" and "not a receipt" in line["reason"]


def test_bundle_refusals_reach_the_person_in_one_line(field: FieldSetup, tmp_path: Path) -> None:
    field.ws.workspace.close()
    older = field.bundle(1)
    newer = field.bundle(3, name="newer.json")
    _ok(_app(field, tmp_path, "recipients", "add", str(newer)))
    done = _app(field, tmp_path, "recipients", "add", str(older))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "screening-app: this key bundle (serial 1) is older than the one already imported "
        "(serial 3): ask the NRM for its current bundle\n"
    )
    older.with_name("bundle.json.minisig").unlink()
    missing = _app(field, tmp_path, "recipients", "add", str(older))
    assert missing.returncode == 2 and "signature" in missing.stderr
