"""The demo NRM beside a demo workspace: every demo agency keyed, its keys open packets."""

from __future__ import annotations

import json
import stat

from screening_app.nrm.keyfiles import load_intake_keys
from screening_app.packets.open import open_packet
from screening_app.services.demo_nrm import make_demo_nrm
from screening_app.services.demo_review import DEMO_RECIPIENTS
from screening_app.services.office_keys import office_identity
from screening_app.services.packet_export import PacketExports
from screening_app.services.recipients import REPORT_KINDS, RecipientDirectory
from screening_app.services.trust import trusted_root
from tests.field.conftest import FieldSetup


def test_demo_nrm_keys_every_demo_agency_and_opens_demo_packets(bare: FieldSetup) -> None:
    vault = bare.sign_in()
    folder = make_demo_nrm(vault, bare.path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "README.txt").read_text().startswith("DEMO ONLY.")
    assert trusted_root(vault) is not None
    directory = RecipientDirectory(vault)
    for rid, kind, *_rest in DEMO_RECIPIENTS:
        entry = directory.get(rid)
        assert entry.age_recipient is not None and entry.source == "bundle:1", rid
        where = folder / ("intake" if rid == "demo-nrm" else f"agencies/{rid}")
        keys = load_intake_keys(where)
        assert str(keys.entry.age_recipient) == entry.age_recipient
        written = json.loads((where / "recipient.json").read_text())
        assert written["kind"] == REPORT_KINDS[kind].replace("_", "-")  # e.g. child-protection
    office = office_identity(vault)
    assert (folder / "office.pub").read_text() == office.public_key_file()

    case_id = bare.approved_case()
    done = PacketExports(vault).export(case_id, "demo-nrm")
    intake = load_intake_keys(folder / "intake")
    opened = open_packet(
        done.outbox_path.read_bytes(), intake.identity, [office.signing_public], "demo-nrm"
    )
    assert opened.manifest.case_id == case_id
