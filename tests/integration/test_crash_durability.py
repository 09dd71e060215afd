"""A process killed with SIGKILL while saving answers loses no answer it reported saved,
and the workspace opens afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from screening_app.core.records import PersonDetails
from screening_app.crypto.keys import FAST_KDF
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.services.interviews import InterviewService
from screening_app.storage.workspace import create_workspace, open_workspace
from tests.conftest import PASSWORD

WRITER = """
import sys
from pathlib import Path
from screening_app.core.records import AnswerRecord, AnswerStatus
from screening_app.services.accounts import AccountService
from screening_app.services.interviews import InterviewService
from screening_app.storage.workspace import open_workspace

workspace = open_workspace(Path(sys.argv[1]))
vault = AccountService(workspace).sign_in("responder", sys.argv[3])
interviews = InterviewService(vault)
n = 0
while True:
    record = AnswerRecord(f"q{n}", AnswerStatus.ANSWERED, f"value {n}", "ar", "ar", "int-1")
    interviews.save_answer(sys.argv[2], record, f"q{n + 1}")
    print(f"saved {n}", flush=True)
    n += 1
"""


def test_sigkill_while_saving_loses_no_reported_answer(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    with create_workspace(path) as ws:
        accounts = AccountService(ws, kdf=FAST_KDF)
        accounts.initialise("admin", PASSWORD)
        accounts.add_user(accounts.sign_in("admin", PASSWORD), "responder", "responder", PASSWORD)
        vault = accounts.sign_in("responder", PASSWORD)
        case_id = CaseService(vault).create_case(PersonDetails(given_names="Crashtest"))
        session_id = InterviewService(vault).start(case_id, "first-line-screening", "1", "en", "ar")

    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), session_id, PASSWORD],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert writer.stdout is not None
    reported = -1
    for line in writer.stdout:
        reported = int(line.split()[1])
        if reported >= 40:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    with open_workspace(path) as ws:  # opens: the lock died with the process
        vault = AccountService(ws).sign_in("responder", PASSWORD)
        interviews = InterviewService(vault)
        answers = interviews.answers(session_id)
        for n in range(reported + 1):
            assert answers[f"q{n}"].value == f"value {n}"
            assert answers[f"q{n}"].language_answered == "ar"
        # The resume point is at or after the last reported answer.
        current = interviews.info(session_id).current_question
        assert current is not None and int(current[1:]) >= reported + 1
