"""Demo workspaces: fictional people from a fixed seed, clearly marked as demo data.

Names are built from invented syllables so that no demo person resembles a real one; every
demo case carries the demo mark, which the list and reports show.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from screening_app.core.clock import utc_iso
from screening_app.core.ids import new_session_id
from screening_app.core.records import CaseStatus, PersonDetails
from screening_app.crypto.aead import FieldCipher, new_key
from screening_app.services.accounts import AccountService
from screening_app.services.demo_interviews import (
    LOCAL_LANGUAGE,
    DemoInterview,
    answer_record,
    demo_interview,
    load_demo_form,
)
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.repositories import CaseRepository
from screening_app.storage.workspace import create_workspace

DEMO_SEED = 20261123
# Cases that get a full recorded interview; the rest of a large demo set has summaries only.
INTERVIEWED_DEMO_CASES = 400
DEMO_PASSWORD = "demo-password"  # noqa: S105 (documented in README; demo workspaces only)
DEMO_ACCOUNTS = (
    ("admin", "admin"),
    ("supervisor", "supervisor"),
    ("responder", "responder"),
    ("interpreter", "interpreter"),
)

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh")
_VOWELS = ("a", "e", "i", "o", "u", "aa", "ei")
_NATIONALITIES = ("GN", "TN", "CI", "BD", "EG", "SY", "BF", "PK", "ML", "SD", "ER", "ET", "UA")
_LANGUAGES = {
    "GN": ("fr",),
    "TN": ("ar", "fr"),
    "CI": ("fr",),
    "BD": ("bn",),
    "EG": ("ar",),
    "SY": ("ar",),
    "BF": ("fr",),
    "PK": ("en",),
    "ML": ("fr",),
    "SD": ("ar",),
    "ER": ("ti",),
    "ET": ("ti", "en"),
    "UA": ("uk", "ru"),
}
_STATUSES = (
    (CaseStatus.IN_PROGRESS, 20),
    (CaseStatus.AWAITING_REVIEW, 30),
    (CaseStatus.RETURNED, 5),
    (CaseStatus.APPROVED, 20),
    (CaseStatus.REFERRED, 20),
    (CaseStatus.CLOSED, 5),
)


_UNASSESSED = frozenset({CaseStatus.DRAFT, CaseStatus.IN_PROGRESS})
# States a supervisor opens and acts on: they need a recorded interview behind them. A case
# of a large demo set past the interviewed ones is shown closed instead (an old, finished
# case), so every case in the review queue can really be reviewed.
_NEEDS_RECORD = frozenset(
    {CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED, CaseStatus.APPROVED, CaseStatus.REFERRED}
)


def _invented_word(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return word.capitalize()


@dataclass(frozen=True)
class DemoCase:
    person: PersonDetails
    status: CaseStatus
    days_ago: int


def demo_people(count: int, seed: int = DEMO_SEED) -> Iterator[DemoCase]:
    """The same fictional people for the same seed and count, every time."""
    rng = random.Random(seed)  # noqa: S311 (reproducible fiction, not security)
    statuses = [s for s, _w in _STATUSES]
    weights = [w for _s, w in _STATUSES]
    for _ in range(count):
        nationality = rng.choice(_NATIONALITIES)
        age = rng.randint(14, 46)
        person = PersonDetails(
            given_names=_invented_word(rng, rng.randint(2, 3)),
            family_name=_invented_word(rng, rng.randint(2, 4)),
            aliases=(_invented_word(rng, 2),) if rng.random() < 0.3 else (),
            date_of_birth=str(2026 - age) if rng.random() < 0.6 else None,
            estimated_age=age,
            nationality=nationality,
            languages=_LANGUAGES[nationality],
            gender=rng.choice(("female", "male", "female", "male", "other")),
        )
        yield DemoCase(person, rng.choices(statuses, weights)[0], rng.randint(0, 400))


def add_demo_cases(
    vault: Vault,
    count: int,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 2000,
) -> list[str]:
    """Insert ``count`` demo cases in large transactions (one audit entry per batch)."""
    vault.require(Capability.CREATE_CASE)
    ids: list[str] = []
    people = demo_people(count)
    rng = random.Random(DEMO_SEED + 1)  # noqa: S311 (reproducible fiction, not security)
    form = load_demo_form()
    assessed: list[dict[str, Any]] = []
    taken: set[str] = set()  # ids drawn in this run but not yet flushed
    now = vault.clock.now()
    done = 0
    while done < count:
        size = min(batch, count - done)
        with vault.write("demo.cases", None, {"count": size}) as session:
            repo = CaseRepository(session)
            next_answer = repo.next_answer_id()
            for demo in (next(people) for _ in range(size)):
                case_id = repo.unused_case_id(taken)
                case_key = new_key()
                cipher = FieldCipher(case_key)
                created = utc_iso(now - timedelta(days=demo.days_ago, minutes=done % 1440))
                interview = None
                extra: dict[str, Any] = {}
                walked = done < INTERVIEWED_DEMO_CASES
                status = demo.status
                if not walked and status in _NEEDS_RECORD:
                    status = CaseStatus.CLOSED
                if walked and demo.status is not CaseStatus.DRAFT:
                    interview = demo_interview(rng, form, demo.person, demo.status)
                    if interview.finished:
                        extra = {"urgency": interview.urgency, "outcome": interview.outcome}
                        assessed.append(extra)
                elif demo.status not in _UNASSESSED and assessed:
                    # Large demo sets: later cases borrow a walked case's result, so lists
                    # and filters show a realistic spread without walking 100,000 forms.
                    extra = rng.choice(assessed)
                repo.insert_case(
                    case_id=case_id,
                    status=status.value,
                    created=created,
                    created_by=vault.account_id,
                    wrapped_case_key=vault.wrap_case_key(case_id, case_key),
                    cipher=cipher,
                    person=demo.person,
                    is_demo=True,
                    summary_extra=extra,
                )
                if interview is not None:
                    next_answer = _store_interview(
                        repo, case_id, cipher, interview, created, vault.account_id, next_answer
                    )
                ids.append(case_id)
                done += 1
        if progress:
            progress(done, count)
    return ids


def _store_interview(
    repo: CaseRepository,
    case_id: str,
    cipher: FieldCipher,
    interview: DemoInterview,
    started: str,
    interviewer_id: int,
    next_answer: int,
) -> int:
    session = repo.insert_session(
        session_id=new_session_id(),
        case_id=case_id,
        cipher=cipher,
        form_id=interview.form.id,
        form_version=interview.form.version,
        started=started,
        interviewer_id=interviewer_id,
        languages={"interviewer": LOCAL_LANGUAGE, "interviewee": interview.language},
    )
    for question_id, answer in interview.answers:
        record = answer_record(question_id, answer, interview.language)
        stamped = replace(record, answered_at=started)
        repo.add_answer(session, cipher, stamped, interviewer_id, answer_id=next_answer)
        next_answer += 1
    session.current_question = interview.next_question
    if interview.finished:
        session.status = "finished"
        session.ended = started
    return next_answer


def make_demo_workspace(path: Path, secret: str, cases: int) -> dict[str, Any]:
    """Create a demo workspace; also used by the app on first start."""
    with create_workspace(path) as workspace:
        accounts = AccountService(workspace)
        recovery = accounts.initialise("admin", secret)
        admin = accounts.sign_in("admin", secret)
        for name, role in DEMO_ACCOUNTS:
            if name != "admin":
                accounts.add_user(admin, name, role, secret)
        admin.lock()
        supervisor = accounts.sign_in("supervisor", secret)
        add_demo_cases(supervisor, cases)
        # Imported here: it pulls in review and reports, which the login screen never needs.
        from screening_app.services.demo_nrm import make_demo_nrm
        from screening_app.services.demo_review import add_demo_review_data

        add_demo_review_data(supervisor)
        # A fictional NRM with keys for every demo agency: packets can be tried offline.
        demo_nrm = make_demo_nrm(supervisor, path)
        supervisor.lock()
    return {
        "workspace": str(path),
        "demo": True,
        "accounts": [name for name, _role in DEMO_ACCOUNTS],
        "cases": cases,
        "recovery_key": recovery,
        "demo_nrm": str(demo_nrm),
    }
