"""After a demo workspace is made and interviews are recorded, no person's name, alias or
answer text appears in any byte of any file of the workspace (database, WAL, journal)."""

from __future__ import annotations

from pathlib import Path

from screening_app.core.records import AnswerRecord, AnswerStatus
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, demo_people, make_demo_workspace
from screening_app.services.demo_interviews import _DEMO_TEXTS
from screening_app.services.interviews import InterviewService
from screening_app.storage.workspace import open_workspace

FREE_TEXT = (
    *_DEMO_TEXTS,
    "Kevarrin held our papers in the blue office",
    "Sheltovan said the debt was nine thousand",
)


def secrets_of(count: int) -> set[str]:
    """Every identifying string of the demo people; short words are left out because any
    4-byte sequence may occur in random ciphertext by chance, full names may not."""
    found: set[str] = set()
    for demo in demo_people(count):
        person = demo.person
        found.add(person.display_name)
        found.update(w for w in (person.given_names, person.family_name) if len(w) >= 7)
        found.update(a for a in person.aliases if len(a) >= 7)
    return found


def all_workspace_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.rglob("*") if p.is_file()}


def test_demo_workspace_holds_no_name_or_answer_in_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    make_demo_workspace(path, DEMO_PASSWORD, 200)
    with open_workspace(path) as ws:
        vault = AccountService(ws).sign_in("responder", DEMO_PASSWORD)
        case_id = CaseService(vault).summaries()[0].case_id
        interviews = InterviewService(vault)
        session_id = interviews.start(case_id, "first-line-screening", "1.0.0", "en", "ti")
        for n, text in enumerate(FREE_TEXT):
            interviews.save_answer(
                session_id, AnswerRecord(f"q{n}", AnswerStatus.ANSWERED, text, "ti", "ti"), None
            )
        # Look while the database is open, so the WAL is there too.
        files = all_workspace_bytes(path)
        assert any(name.endswith("-wal") for name in files)
        secrets = secrets_of(200) | set(FREE_TEXT)
        assert len(secrets) > 200
        for name, raw in files.items():
            for secret in secrets:
                for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                    assert encoded not in raw, f"plaintext found in {name}"
    # And after closing (WAL checkpointed into the main file).
    for name, raw in all_workspace_bytes(path).items():
        for secret in secrets:
            assert secret.encode("utf-8") not in raw, f"plaintext found in {name}"


def test_the_scan_would_see_plaintext_if_it_were_there(tmp_path: Path) -> None:
    """The same scan over an unencrypted SQLite file of the same names finds them."""
    import sqlite3

    db = tmp_path / "plain.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE t (v TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [(s,) for s in secrets_of(20)])
    raw = db.read_bytes()
    assert all(s.encode() in raw for s in secrets_of(20))
