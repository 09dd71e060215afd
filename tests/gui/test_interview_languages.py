"""Interpreters are part of the record: language switches mid-interview, and each pane
laid out in its own language's direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from screening_app.services.interviews import InterviewService
from screening_app.ui.interview.interview_view import InterviewView
from screening_app.ui.language import apply_ui_language
from screening_app.ui.main_window import MainWindow
from screening_app.ui.screens import CALM_START, walk
from tests.gui.conftest import focused, key, sign_in_by_keyboard
from tests.gui.test_keyboard_screening import (
    answer_with,
    current_id,
    interview_of,
    start_screening_by_keyboard,
)

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


def switch_language_by_keyboard(qtbot: QtBot, view: InterviewView, code: str) -> None:
    """F4 puts the focus on the language picker; arrow keys choose without opening it."""
    view.language.setFocus()
    target = view.language.findData(code)
    step = Qt.Key.Key_Down if target > view.language.currentIndex() else Qt.Key.Key_Up
    while view.language.currentIndex() != target:
        key(qtbot, step)


def test_three_language_switches_are_recorded_on_each_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    view.interpreter.setText("Interpreter 12")
    view.interpreter.editingFinished.emit()
    view.answers.focus_first()
    answer_with(qtbot, window, "interview_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    answer_with(qtbot, window, "preferred_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    switch_language_by_keyboard(qtbot, view, "ar")
    assert view.person_pane.layoutDirection() == RTL
    view.answers.focus_first()
    answer_with(qtbot, window, "agrees_to_talk", Qt.Key.Key_1)
    switch_language_by_keyboard(qtbot, view, "ti")
    # The switch applies to the question on screen: its pane now reads in Tigrinya.
    assert view.person_pane.lang == "ti"
    assert view.person_pane.layoutDirection() == LTR
    view.answers.focus_first()
    answer_with(qtbot, window, "feels_safe", Qt.Key.Key_1)
    switch_language_by_keyboard(qtbot, view, "bn")
    view.answers.focus_first()
    answer_with(qtbot, window, "afraid_of_someone", Qt.Key.Key_2)

    assert window.vault is not None
    history = InterviewService(window.vault).history(view.flow.session_id)
    asked = {record.question_id: record.language_asked for record in history}
    assert asked["interview_language"] == "en"
    assert asked["agrees_to_talk"] == "ar"
    assert asked["feels_safe"] == "ti"
    assert asked["afraid_of_someone"] == "bn"
    assert {record.interpreter for record in history} == {"Interpreter 12"}
    assert InterviewService(window.vault).info(view.flow.session_id).interviewee_language == "bn"
    assert focused() is not None


def test_arabic_and_farsi_panes_run_right_to_left(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    for code, direction in (("ar", RTL), ("fa", RTL), ("bn", LTR), ("ti", LTR), ("en", LTR)):
        view.set_interviewee_language(code)
        assert view.person_pane.layoutDirection() == direction, code
        assert view.person_pane.text.layoutDirection() == direction, code
        assert view.interviewer_pane.layoutDirection() == LTR
        first = view.answers.buttons[0] if view.answers.buttons else None
        if first is not None:
            assert first.person_label.layoutDirection() == direction


def test_arabic_interface_mirrors_the_whole_window(qapp: QApplication, window: MainWindow) -> None:
    try:
        apply_ui_language(qapp, "ar")
        assert qapp.layoutDirection() == RTL
        assert window.layoutDirection() == RTL
    finally:
        apply_ui_language(qapp, "en")
    assert qapp.layoutDirection() == LTR


def test_show_to_the_person_hides_the_interviewer_side(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    key(qtbot, Qt.Key.Key_F9)
    assert view.show_to_person
    assert view.interviewer_pane.isHidden()
    assert view.person_pane.text.objectName() == "questionTextLarge"
    key(qtbot, Qt.Key.Key_F9)
    assert not view.interviewer_pane.isHidden()


def test_answer_buttons_follow_the_persons_script_direction(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    walk(view.flow, CALM_START, "journey_organised_by")
    for code, direction in (("fa", RTL), ("ar", RTL), ("ti", LTR), ("bn", LTR)):
        view.set_interviewee_language(code)
        assert current_id(window) == "journey_organised_by"
        buttons = view.answers.buttons
        assert len(buttons) == 6
        assert all(b.layoutDirection() == direction for b in buttons), code
        assert buttons[0].person_label.text() != buttons[0].interviewer_label.text(), code
