"""Named screens over a demo workspace, for screenshots and visual checks.

Each recipe signs in with a demo account, brings the window to one state through the same
services a person's clicks use, and the window is grabbed as an image.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from screening_app.core.clock import utc_iso
from screening_app.core.records import PersonDetails
from screening_app.forms.answers import Answer
from screening_app.nrm.keyfiles import load_intake_keys
from screening_app.packets.open import open_packet
from screening_app.packets.receipts import make_receipt
from screening_app.services.cases import CaseService
from screening_app.services.consents import Decision, Recipient
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.demo_nrm import DEMO_INTAKE, DEMO_NRM_DIR
from screening_app.services.interview_flow import InterviewFlow, Languages
from screening_app.services.office import save_intake_url
from screening_app.services.office_keys import office_identity
from screening_app.services.packet_export import ExportedPacket
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault
from screening_app.ui.context import FIRST_LINE_FORM, AppContext
from screening_app.ui.crash_dialog import CrashDialog
from screening_app.ui.main_window import MainWindow
from screening_app.ui.review.case_review_view import CaseReviewView
from screening_app.ui.review.seal_dialog import SealRequest, has_keys
from screening_app.ui.workspace_view import WorkspaceView

AnswerScript = Mapping[str, Answer]

# A fictional person: the name is invented and marks itself as an example.
EXAMPLE_PERSON = PersonDetails(given_names="Exa", family_name="Mpleperson", estimated_age=16)

# Answers that reach the question "who organised your journey?" with nothing flagged.
CALM_START: dict[str, Answer] = {
    "agrees_to_talk": Answer.given("yes"),
    "feels_safe": Answer.given("yes"),
    "afraid_of_someone": Answer.given("no"),
    "needs_doctor": Answer.given("no"),
    "knows_birth_date": Answer.given("no"),
    "age": Answer.given(27),
    "travelling_with": Answer.given(("friends",)),
    "nationality": Answer.given("ER"),
}

# A child travelling alone who does not feel safe: three flags at once.
FLAGGED_START: dict[str, Answer] = {
    "agrees_to_talk": Answer.given("yes"),
    "feels_safe": Answer.given("no"),
    "afraid_of_someone": Answer.given("unsure"),
    "needs_doctor": Answer.given("no"),
    "knows_birth_date": Answer.given("no"),
    "age": Answer.given(16),
    "travelling_with": Answer.given(("alone",)),
}

# An adult whose answers meet the ILO combination (deception, exploitation, coercion).
REFERRAL_ANSWERS: dict[str, Answer] = {
    **CALM_START,
    "journey_organised_by": Answer.given("recruiter"),
    "was_promised": Answer.given(("job", "good_pay")),
    "turned_out_different": Answer.given(("job", "pay")),
    "owes_money": Answer.given("yes"),
    "debt_conditions": Answer.given(("work_to_repay",)),
    "documents_now": Answer.given("employer"),
    "has_worked": Answer.given("yes"),
    "work_kind": Answer.given(("farm",)),
    "work_problems": Answer.given(("long_hours", "little_pay")),
    "movement_limits": Answer.given(("locked_in",)),
}


def walk(flow: InterviewFlow, script: AnswerScript, stop_at: str | None = None) -> None:
    """Answer from the script (skipping what it lacks) until ``stop_at`` or the end."""
    while flow.stage == "question":
        question = flow.current_question()
        if question is None or question.id == stop_at:
            return
        if question.id in ("interview_language", "preferred_language"):
            flow.record(Answer.given(flow.languages.interviewee))
        elif question.id in script:
            flow.record(script[question.id])
        else:
            flow.skip()


def sign_in(window: MainWindow, account: str) -> None:
    window.login.account.setText(account)
    window.login.password.setText(DEMO_PASSWORD)
    window.login.try_sign_in()


def start_interview(
    window: MainWindow, person_lang: str, script: AnswerScript, stop_at: str | None
) -> InterviewFlow:
    """As the responder: a new case for the example person, walked to ``stop_at``."""
    sign_in(window, "responder")
    vault = window.vault
    assert vault is not None and window.workspace is not None
    case_id = CaseService(vault).create_case(EXAMPLE_PERSON)
    languages = Languages(
        window.context.preferences.interviewer_language, person_lang, "Interpreter 7"
    )
    flow = InterviewFlow.start(vault, window.context.forms[FIRST_LINE_FORM], case_id, languages)
    walk(flow, script, stop_at)
    window.workspace.show_interview(flow)
    return flow


def _decide_all(flow: InterviewFlow, law: Decision) -> None:
    for recipient in Recipient:
        if recipient is Recipient.LAW_ENFORCEMENT:
            flow.record_consent(recipient, law)
        else:
            flow.record_consent(recipient, Decision.AGREES)


def _login(window: MainWindow, _lang: str) -> QWidget:
    return window


def _hidden(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "responder")
    window.quick_hide()
    return window


def _cases(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "supervisor")
    return window


def _cases_responder(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "responder")
    assert window.workspace is not None
    window.workspace.cases.search.setText("ka")
    return window


def _settings(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "supervisor")
    assert window.workspace is not None
    window.workspace.open_settings()
    return window


def _interview(window: MainWindow, lang: str) -> QWidget:
    start_interview(window, lang, CALM_START, "journey_organised_by")
    return window


def _show_person(window: MainWindow, lang: str) -> QWidget:
    start_interview(window, lang, CALM_START, "owes_money")
    assert window.workspace is not None and window.workspace.interview is not None
    window.workspace.interview.show_button.setChecked(True)
    return window


def _open_question(window: MainWindow, lang: str) -> QWidget:
    start_interview(window, lang, CALM_START, "anything_else")
    return window


def _flag(window: MainWindow, lang: str) -> QWidget:
    start_interview(window, lang, FLAGGED_START, "nationality")
    return window


def _consent(window: MainWindow, lang: str) -> QWidget:
    start_interview(window, lang, FLAGGED_START, None)
    return window


def _consent_law(window: MainWindow, lang: str) -> QWidget:
    flow = start_interview(window, lang, REFERRAL_ANSWERS, None)
    for recipient in Recipient:
        if recipient is not Recipient.LAW_ENFORCEMENT:
            flow.record_consent(recipient, Decision.AGREES)
    assert window.workspace is not None and window.workspace.interview is not None
    window.workspace.interview.refresh()
    window.workspace.interview.consent.advance()
    return window


def _summary(window: MainWindow, lang: str) -> QWidget:
    flow = start_interview(window, lang, REFERRAL_ANSWERS, None)
    _decide_all(flow, Decision.REFUSES)
    flow.go_to_summary()
    assert window.workspace is not None and window.workspace.interview is not None
    window.workspace.interview.refresh()
    return window


def _review_queue(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "supervisor")
    assert window.workspace is not None
    window.workspace.show_queue()
    return window


def _open_first_review(window: MainWindow) -> CaseReviewView:
    """As the supervisor: the most urgent case of the queue, opened for review."""
    sign_in(window, "supervisor")
    workspace = window.workspace
    assert workspace is not None
    workspace.show_queue()
    assert workspace.queue is not None
    workspace.open_review(workspace.queue.case_ids()[0])
    assert workspace.review is not None
    return workspace.review


def _case_review(window: MainWindow, _lang: str) -> QWidget:
    _open_first_review(window)
    return window


def _recipient_preview(window: MainWindow, _lang: str) -> QWidget:
    panel = _open_first_review(window).recipients
    allowed = [choice for choice in panel.choices if choice.option.allowed]
    for choice in allowed[:2]:
        choice.box.setChecked(True)
    panel.show_preview()
    assert panel.preview_dialog is not None
    return panel.preview_dialog


# -- sealed packets and receipts ------------------------------------------------------------
# A second keyed agency beside the demo NRM, so one packet can be delivered and one wait.
_SECOND = ("demo-shelter", "demo-health", "demo-iom", "demo-child-protection")


def sendable_case(workspace: WorkspaceView) -> tuple[str, tuple[str, str]]:
    """An approved case the person agreed to refer to the demo NRM and one more agency."""
    model, service = workspace.cases.model, ReviewService(workspace.vault)
    for row in range(model.rowCount()):
        summary = model.summary(row)
        if summary.status != "approved":
            continue
        options = service.recipient_options(summary.case_id)
        allowed = {o.recipient.id for o in options if o.allowed and has_keys(o.recipient)}
        second = next((rid for rid in _SECOND if rid in allowed), None)
        if DEMO_INTAKE in allowed and second is not None:
            return summary.case_id, (DEMO_INTAKE, second)
    raise LookupError("no approved demo case can go to the demo NRM and another agency")


def demo_intake_receipt(vault: Vault, packet: Path) -> Path:
    """What the demo NRM's intake does with a packet: open and check it with its own keys,
    then sign an "accepted" receipt, written as ``nrm import`` writes it."""
    folder = vault.workspace.path / DEMO_NRM_DIR
    keys = load_intake_keys(folder / "intake")
    data = packet.read_bytes()
    opened = open_packet(data, keys.identity, [office_identity(vault).signing_public], DEMO_INTAKE)
    received = utc_iso(vault.clock.now())
    receipt = make_receipt(
        keys.signing_key, DEMO_INTAKE, data, opened.packet_id, received, "accepted"
    )
    receipts = folder / "receipts"
    receipts.mkdir(mode=0o700, exist_ok=True)
    path = receipts / f"{opened.packet_id}.receipt"
    path.write_bytes(receipt)
    return path


def _sent_and_delivered(window: MainWindow, outbox: bool) -> WorkspaceView:
    """As the supervisor: two packets of one case sealed, the demo NRM's delivered (with
    the outbox on screen when its receipt is imported, if ``outbox``)."""
    sign_in(window, "supervisor")
    workspace = window.workspace
    assert workspace is not None
    case_id, recipients = sendable_case(workspace)
    workspace.open_review(case_id)
    assert workspace.review is not None
    panel = workspace.review.recipients
    for choice in panel.choices:
        choice.box.setChecked(choice.option.recipient.id in recipients)
    sealed: list[ExportedPacket] = []
    panel.sealed.connect(lambda outcome: sealed.extend(outcome.sealed))
    panel.seal(SealRequest(recipients, None))
    nrm = next(packet for packet in sealed if packet.recipient_id == DEMO_INTAKE)
    if outbox:
        save_intake_url(workspace.vault, "http://127.0.0.1:8750")
        workspace.show_outbox()
    workspace.import_receipt_files([demo_intake_receipt(workspace.vault, nrm.outbox_path)])
    return workspace


def _case_review_sent(window: MainWindow, _lang: str) -> QWidget:
    _sent_and_delivered(window, outbox=False)
    return window


def _outbox(window: MainWindow, _lang: str) -> QWidget:
    _sent_and_delivered(window, outbox=True)
    return window


def _statistics(window: MainWindow, _lang: str) -> QWidget:
    sign_in(window, "supervisor")
    assert window.workspace is not None
    window.workspace.show_statistics()
    statistics = window.workspace.statistics
    assert statistics is not None
    statistics.dimension.setCurrentIndex(statistics.dimension.findData("nationality"))
    return window


def _crash(window: MainWindow, _lang: str) -> QWidget:
    try:
        raise RuntimeError("example failure for the screenshot")
    except RuntimeError as exc:
        from screening_app.ui.crash_dialog import crash_report

        dialog = CrashDialog(crash_report(type(exc), exc, exc.__traceback__), window)
    dialog.show()
    return dialog


Recipe = Callable[[MainWindow, str], QWidget]

SCREENS: dict[str, Recipe] = {
    "login": _login,
    "cases": _cases,
    "cases-responder": _cases_responder,
    "interview": _interview,
    "open-question": _open_question,
    "show-person": _show_person,
    "flag": _flag,
    "consent": _consent,
    "consent-law": _consent_law,
    "summary": _summary,
    "settings": _settings,
    "review-queue": _review_queue,
    "case-review": _case_review,
    "recipient-preview": _recipient_preview,
    "statistics": _statistics,
    "case-review-sent": _case_review_sent,
    "outbox": _outbox,
    "hidden": _hidden,
    "crash": _crash,
}


# Screens with no interview text: one picture per interface language is enough.
PLAIN_SCREENS = frozenset(
    {
        "login",
        "cases",
        "cases-responder",
        "settings",
        "review-queue",
        "case-review",
        "recipient-preview",
        "statistics",
        "case-review-sent",
        "outbox",
        "hidden",
        "crash",
    }
)


def render(
    app: QApplication,
    context: AppContext,
    screen: str,
    interview_language: str,
    size: tuple[int, int],
) -> QImage:
    window = MainWindow(context, app)
    window.resize(*size)
    window.show()
    target = SCREENS[screen](window, interview_language)
    for _ in range(3):
        QCoreApplication.processEvents()
    image = target.grab().toImage()
    if target is not window:
        target.close()
    window.close()
    return image
