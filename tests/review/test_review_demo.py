"""The demo workspace comes ready for review: consents, assessments that match the case
list, past decisions, office details."""

from __future__ import annotations

from collections import Counter

from screening_app.core.records import CaseStatus
from screening_app.services.cases import CaseService
from screening_app.services.demo_review import DEMO_OFFICE, DEMO_OFFICER
from screening_app.services.office import office_settings, officer_for
from screening_app.services.review import ReviewService
from tests.review.conftest import DemoWorkspace

DECIDED = {CaseStatus.APPROVED.value, CaseStatus.REFERRED.value, CaseStatus.RETURNED.value}


def test_demo_cases_carry_what_review_needs(demo_copy: DemoWorkspace) -> None:
    vault = demo_copy.sign_in()
    review = ReviewService(vault)
    index = CaseService(vault).summaries()
    queue = review.queue(index)
    assert queue and all(row.status == CaseStatus.AWAITING_REVIEW.value for row in queue)
    checked: Counter[str] = Counter()
    for row in index:
        if row.status not in DECIDED | {CaseStatus.AWAITING_REVIEW.value}:
            continue
        view = review.open_case(row.case_id)
        if not view.sessions:
            continue
        assert view.assessment is not None, row.case_id
        # Made again from the stored answers, the assessment agrees with the case list.
        assert (view.assessment.outcome, view.assessment.urgency) == (row.outcome, row.urgency)
        assert len(view.consents) == 8
        actions = [event.action for event in view.history]
        expected = {"approved": ["approve"], "referred": ["approve"], "returned": ["return"]}
        assert actions == expected.get(row.status, [])
        checked[row.status] += 1
    assert set(checked) == DECIDED | {CaseStatus.AWAITING_REVIEW.value}


def test_the_demo_office_and_officer_are_fictional(demo_copy: DemoWorkspace) -> None:
    vault = demo_copy.sign_in()
    office = office_settings(vault)
    assert office.name == DEMO_OFFICE
    officer = officer_for(vault, "supervisor", office)
    assert (officer.name, officer.contact) == DEMO_OFFICER
    # An account without an entry signs with its name and the office's contact.
    assert officer_for(vault, "responder", office).contact == office.contact
