"""A referral report in Italian from a stored demo case reads in Italian: questions, answers
and the forms of exploitation the in-depth interviewer recorded.

A demo case only has a first-line screening, so the test first adds an in-depth session to an
approved case (as a supervisor may conduct one) and records the case's assessment again, which
reads the forms of exploitation from that session. The report for the demo NRM (an
Italian-speaking recipient) is exported as a supervisor does it and read back with poppler's
pdftotext. What it should say is taken from the shipped Italian catalogs, not from the code
that builds the report.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pytest

from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus
from screening_app.forms import Answer, Form, Question, QuestionType, load_form
from screening_app.i18n.form_texts import FormTexts
from screening_app.locations import forms_dir
from screening_app.services.accounts import AccountService
from screening_app.services.assessments import AssessmentService, rebuilt_assessment
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.demo_interviews import answer_record
from screening_app.services.interviews import InterviewService
from screening_app.services.recipient_fields import field_of_question
from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault
from screening_app.storage.workspace import open_workspace

RECIPIENT = "demo-nrm"
FIRST_LINE = "first-line-screening"
IN_DEPTH = "in-depth-interview"
# Answers the in-depth session gives; the kinds of exploitation are what the report names.
KINDS = ["domestic_servitude", "labour"]
IN_DEPTH_ANSWERS: dict[str, Answer] = {
    "work_kind": Answer.given(["domestic"]),
    "could_stop": Answer.given("no"),
    "wanted_next": Answer.given(["legal_advice", "safe_place"]),
    "exploitation_types": Answer.given(KINDS),
}
# Answer words that Italian writes as English does.
SAME_IN_ITALIAN = frozenset({"No"})
# Answers the report shows as words, not as the person's own text or a number.
WORDED = (
    QuestionType.YES_NO_UNSURE,
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
)


@dataclass(frozen=True)
class Asked:
    """One stored answer to a question of one form."""

    form: Form
    question: Question
    record: AnswerRecord

    def italian(self, part: str, english: str) -> str:
        """The Italian text of ``part`` of the question (``text``, ``choices.<id>``)."""
        context = f"{self.question.section_id}.{self.question.id}.{part}"
        return flat(FormTexts(self.form.id, "it").text(context, english))


@dataclass(frozen=True)
class ItalianReport:
    text: str  # pdftotext output, whitespace collapsed
    answers: list[Asked]  # every stored answer of the case to a form question


def flat(text: str) -> str:
    return " ".join(text.split())


def common_word(value: str) -> str:
    """The interview-common word of a yes / no / not sure answer."""
    texts = FormTexts("interview-common", "it")
    english = {"yes": "Yes", "no": "No", "unsure": "Not sure"}[value]
    word = texts.text(f"answer.{value}", english)
    assert word != english or english in SAME_IN_ITALIAN, value
    return word


def approved_case(vault: Vault) -> str:
    """The first approved demo case the demo NRM may receive."""
    review = ReviewService(vault)
    for row in CaseService(vault).summaries():
        if row.status != CaseStatus.APPROVED.value:
            continue
        allowed = {o.recipient.id for o in review.recipient_options(row.case_id) if o.allowed}
        if RECIPIENT in allowed:
            return row.case_id
    raise AssertionError("no approved demo case may go to the demo NRM")


def add_in_depth_session(vault: Vault, case_id: str, form: Form) -> None:
    interviews = InterviewService(vault)
    session_id = interviews.start(case_id, form.id, form.version, "en", "it")
    for question_id, answer in IN_DEPTH_ANSWERS.items():
        interviews.save_answer(session_id, answer_record(question_id, answer, "it"), None)
    interviews.finish(session_id)
    assessments = AssessmentService(vault)
    latest = assessments.latest(case_id)
    assert latest is not None
    # Recorded again, the assessment reads the forms of exploitation from the new session.
    assessments.record(case_id, rebuilt_assessment(latest))


def stored_answers(vault: Vault, case_id: str) -> list[Asked]:
    """Every stored answer to a form question (consents and observations are kept beside
    the form's answers and are left out)."""
    interviews = InterviewService(vault)
    found: list[Asked] = []
    for session_id in interviews.sessions_of_case(case_id):
        form = load_form(forms_dir() / f"{interviews.info(session_id).form_id}.yaml")
        questions = {question.id: question for question in form.questions()}
        for record in interviews.answers(session_id).values():
            if record.question_id in questions:
                found.append(Asked(form, questions[record.question_id], record))
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ItalianReport:
    folder = tmp_path_factory.mktemp("italian-report")
    make_demo_workspace(folder / "ws", DEMO_PASSWORD, 20)
    with open_workspace(folder / "ws") as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        case_id = approved_case(vault)
        add_in_depth_session(vault, case_id, load_form(forms_dir() / f"{IN_DEPTH}.yaml"))
        answers = stored_answers(vault, case_id)
        made = ReferralReports(vault).prepare(case_id, RECIPIENT, "it", None)
    path = folder / "report.pdf"
    path.write_bytes(made.pdf)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return ItalianReport(flat(done.stdout.decode("utf-8")), answers)


def shown_as_answer(question: Question) -> bool:
    """Whether the report prints this question with its answer (the forms of exploitation
    are printed among the grounds instead)."""
    return not field_of_question(question.section_id, question.id).startswith("assessment.")


def test_both_forms_answers_are_in_the_report(report: ItalianReport) -> None:
    assert {asked.form.id for asked in report.answers} == {FIRST_LINE, IN_DEPTH}


def test_every_question_asked_reads_in_italian_not_english(report: ItalianReport) -> None:
    checked = 0
    for asked in report.answers:
        question = asked.question
        if not shown_as_answer(question):
            continue
        assert asked.italian("text", question.text) in report.text, question.id
        assert flat(question.text) not in report.text, question.id
        checked += 1
    assert checked >= 10


def test_every_worded_answer_reads_in_italian(report: ItalianReport) -> None:
    checked = 0
    for asked in report.answers:
        question, record = asked.question, asked.record
        if not shown_as_answer(question) or question.type not in WORDED:
            continue
        if record.status is not AnswerStatus.ANSWERED:
            continue
        values = record.value if isinstance(record.value, list) else [record.value]
        for value in values:
            choice = question.choice(str(value))
            if choice is None:
                expected = common_word(str(value))
            else:
                expected = asked.italian(f"choices.{choice.id}", choice.text)
                if choice.text not in SAME_IN_ITALIAN:
                    assert expected != flat(choice.text), (question.id, value)
                    assert flat(choice.text) not in report.text, (question.id, value)
            assert expected in report.text, (question.id, value)
            checked += 1
    assert checked >= 10


def test_the_forms_of_exploitation_are_named_in_italian(report: ItalianReport) -> None:
    form = load_form(forms_dir() / f"{IN_DEPTH}.yaml")
    question = form.question("exploitation_types")
    texts = FormTexts(IN_DEPTH, "it")
    names = []
    for kind in KINDS:
        choice = question.choice(kind)
        assert choice is not None
        names.append(texts.text(f"interviewer.exploitation_types.choices.{kind}", choice.text))
        assert choice.text not in report.text, kind
    assert names == ["Servitù domestica", "Sfruttamento lavorativo"]
    assert f"Forme di sfruttamento descritte: {names[0]}; {names[1]}." in report.text


def test_the_report_never_calls_the_person_a_victim(report: ItalianReport) -> None:
    assert "vittim" not in report.text.lower()
    assert "victim" not in report.text.lower()
