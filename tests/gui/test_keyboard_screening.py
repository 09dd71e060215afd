"""A whole first-line screening done with the keyboard only, and what it leaves on record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from screening_app.core.records import AnswerStatus, CaseStatus
from screening_app.services.cases import CaseService
from screening_app.services.consents import (
    ASSISTANCE_RECIPIENTS,
    Decision,
    Recipient,
    decisions,
)
from screening_app.services.interview_flow import OBSERVATIONS_ID
from screening_app.services.interviews import InterviewService
from screening_app.ui.interview.interview_view import InterviewView
from screening_app.ui.main_window import MainWindow
from tests.gui.conftest import focused, key, sign_in_by_keyboard, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def interview_of(window: MainWindow) -> InterviewView:
    assert window.workspace is not None and window.workspace.interview is not None
    return window.workspace.interview


def current_id(window: MainWindow) -> str | None:
    question = interview_of(window).flow.current_question()
    return question.id if question else None


def answer_with(qtbot: QtBot, window: MainWindow, question_id: str, *keys: Qt.Key) -> None:
    assert current_id(window) == question_id
    for code in keys:
        key(qtbot, code)


def start_screening_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert window.workspace is not None and window.workspace.start_dialog is not None
    dialog = window.workspace.start_dialog
    qtbot.waitUntil(lambda: focused() is dialog.given)
    type_text(qtbot, "Exa")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Mpleperson")
    key(qtbot, Qt.Key.Key_Return)
    assert window.workspace.interview is not None
    # The dialog has closed: wait for the window system to give the main window the keyboard.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def test_first_line_screening_by_keyboard_only(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)

    assert current_id(window) == "interview_language"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    answer_with(qtbot, window, "interview_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    answer_with(qtbot, window, "preferred_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    answer_with(qtbot, window, "agrees_to_talk", Qt.Key.Key_1)
    answer_with(qtbot, window, "feels_safe", Qt.Key.Key_1)
    answer_with(qtbot, window, "afraid_of_someone", Qt.Key.Key_2)
    answer_with(qtbot, window, "needs_doctor", Qt.Key.Key_2)
    answer_with(qtbot, window, "knows_birth_date", Qt.Key.Key_2)
    answer_with(qtbot, window, "age", Qt.Key.Key_3, Qt.Key.Key_0, Qt.Key.Key_Return)
    # Multiple choice: digits toggle, Enter saves. 5 = friends.
    answer_with(qtbot, window, "travelling_with", Qt.Key.Key_5, Qt.Key.Key_Return)
    assert current_id(window) == "nationality"
    type_text(qtbot, "Eritrea")
    key(qtbot, Qt.Key.Key_Return)
    answer_with(qtbot, window, "journey_organised_by", Qt.Key.Key_4)
    answer_with(qtbot, window, "was_promised", Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return)
    answer_with(qtbot, window, "turned_out_different", Qt.Key.Key_1, Qt.Key.Key_Return)
    answer_with(qtbot, window, "journey_harm", Qt.Key.Key_F6)  # prefers not to answer
    answer_with(qtbot, window, "owes_money", Qt.Key.Key_F7)  # does not know
    answer_with(qtbot, window, "documents_now", Qt.Key.Key_5)  # a person I worked for
    answer_with(qtbot, window, "has_worked", Qt.Key.Key_1)
    answer_with(qtbot, window, "work_kind", Qt.Key.Key_1, Qt.Key.Key_Return)
    answer_with(qtbot, window, "work_problems", Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return)
    # Back one question and forward again: the earlier answer is kept.
    answer_with(qtbot, window, "movement_limits", Qt.Key.Key_PageUp)
    assert current_id(window) == "work_problems"
    key(qtbot, Qt.Key.Key_Return)
    answer_with(qtbot, window, "movement_limits", Qt.Key.Key_PageDown)  # skip
    assert current_id(window) == "anything_else"
    type_text(qtbot, "Nothing more for now.")
    key(qtbot, Qt.Key.Key_Return, CTRL)

    # Consent: Space agrees, Tab goes to the next recipient; Enter continues.
    assert view.flow.stage == "consent"
    for number in range(len(ASSISTANCE_RECIPIENTS)):
        if number:
            key(qtbot, Qt.Key.Key_Tab)
        key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Return)
    assert view.consent.pages.currentIndex() == 1
    # Law enforcement, asked on its own page: the arrow moves to "No", Space chooses it.
    law = view.consent.rows[Recipient.LAW_ENFORCEMENT]
    qtbot.waitUntil(lambda: focused() is law.agree)
    key(qtbot, Qt.Key.Key_Right)
    assert focused() is law.refuse
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Return)
    assert view.flow.stage == "summary"
    assert focused() is view.summary.observations
    shown = " ".join(view.summary.shown_texts).lower()
    assert "referral" in shown or "interview" in shown or "information" in shown
    assert "victim" not in shown
    type_text(qtbot, "Calm, answered most questions.")
    session_id = view.flow.session_id
    case_id = view.flow.case_id
    key(qtbot, Qt.Key.Key_Return, CTRL)

    assert window.workspace is not None and window.workspace.interview is None
    vault = window.vault
    assert vault is not None
    answers = InterviewService(vault).answers(session_id)
    assert answers["age"].value == 30
    assert answers["travelling_with"].value == ["friends"]
    assert answers["nationality"].value == "ER"
    assert answers["journey_harm"].status is AnswerStatus.DECLINED
    assert answers["owes_money"].status is AnswerStatus.UNKNOWN
    assert answers["movement_limits"].status is AnswerStatus.SKIPPED
    assert answers["anything_else"].value == "Nothing more for now."
    assert answers[OBSERVATIONS_ID].value == "Calm, answered most questions."
    chosen = decisions(answers)
    assert chosen[Recipient.LAW_ENFORCEMENT] is Decision.REFUSES
    assert all(
        chosen[r] is Decision.AGREES for r in Recipient if r is not Recipient.LAW_ENFORCEMENT
    )
    assert InterviewService(vault).info(session_id).status == "finished"
    summary = next(s for s in CaseService(vault).summaries() if s.case_id == case_id)
    assert summary.status == CaseStatus.AWAITING_REVIEW.value
    assert summary.outcome in ("refer_nrm", "in_depth_interview", "no_indicators")


def test_enter_on_a_focused_step_button_presses_that_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    view.answers.focus_first()
    answer_with(qtbot, window, "interview_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert current_id(window) == "preferred_language"
    view.back_button.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert current_id(window) == "interview_language"
    view.answers.focus_first()
    key(qtbot, Qt.Key.Key_Return)  # the answer given before is still selected
    assert current_id(window) == "preferred_language"
