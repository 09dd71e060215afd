from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from screening_app.core.records import CaseStatus
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, demo_people, make_demo_workspace
from screening_app.services.interviews import InterviewService
from screening_app.storage.workspace import open_workspace


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "ws"
    make_demo_workspace(path, DEMO_PASSWORD, 150)
    return path


def test_demo_people_are_the_same_for_the_same_seed() -> None:
    assert list(demo_people(20)) == list(demo_people(20))
    assert list(demo_people(20, seed=1)) != list(demo_people(20))


def test_demo_cases_are_marked_and_spread_over_stages_and_outcomes(demo_path: Path) -> None:
    with open_workspace(demo_path) as ws:
        vault = AccountService(ws).sign_in("supervisor", DEMO_PASSWORD)
        rows = CaseService(vault).summaries()
    assert len(rows) == 150
    assert all(row.is_demo for row in rows)
    statuses = Counter(row.status for row in rows)
    for status in (
        CaseStatus.IN_PROGRESS,
        CaseStatus.AWAITING_REVIEW,
        CaseStatus.APPROVED,
        CaseStatus.REFERRED,
    ):
        assert statuses[status.value] > 0, status
    outcomes = Counter(row.outcome for row in rows if row.status != CaseStatus.IN_PROGRESS)
    assert {"refer_nrm", "in_depth_interview", "no_indicators"} <= set(outcomes)
    urgencies = {row.urgency for row in rows if row.outcome}
    assert {"immediate", "24h", "72h", "standard"} <= urgencies


def test_demo_interviews_hold_answers_in_several_languages(demo_path: Path) -> None:
    with open_workspace(demo_path) as ws:
        vault = AccountService(ws).sign_in("supervisor", DEMO_PASSWORD)
        rows = CaseService(vault).summaries()
        interviews = InterviewService(vault)
        languages: Counter[str] = Counter()
        open_sessions = finished = 0
        for row in rows:
            for session_id in interviews.sessions_of_case(row.case_id):
                info = interviews.info(session_id)
                answers = interviews.answers(session_id)
                assert answers, row.case_id
                languages.update(a.language_asked or "" for a in answers.values())
                if info.status == "open":
                    open_sessions += 1
                    assert info.current_question is not None
                else:
                    finished += 1
                    assert row.outcome is not None
    assert len(languages) >= 4
    assert open_sessions and finished


def test_every_case_a_supervisor_can_review_has_an_interview_and_an_assessment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening_app.services import demo
    from screening_app.services.review import ReviewService

    # A large demo set walks only its first cases through the form; a smaller limit here
    # makes 60 cases behave like 100,000.
    monkeypatch.setattr(demo, "INTERVIEWED_DEMO_CASES", 12)
    make_demo_workspace(tmp_path / "ws", DEMO_PASSWORD, 60)
    with open_workspace(tmp_path / "ws") as ws:
        vault = AccountService(ws).sign_in("supervisor", DEMO_PASSWORD)
        rows = CaseService(vault).summaries()
        review = ReviewService(vault)
        reviewable = [
            row.case_id
            for row in rows
            if row.status in {"awaiting_review", "returned", "approved", "referred"}
        ]
        assert reviewable
        for case_id in reviewable:
            opened = review.open_case(case_id)
            assert opened.sessions, case_id
            assert opened.assessment is not None, case_id
            assert opened.consents, case_id
    assert Counter(row.status for row in rows)["closed"] > 0
