"""The supervisor's review screens on a real demo workspace: the queue, the read-only case,
the three decisions through their dialogs, recipients within consent, the preview of what
each receives, the PDF export, and what a lock leaves behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import shiboken6
from babel import Locale
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import URGENCY_ORDER, ReviewService
from screening_app.services.vault import Vault
from screening_app.storage import database
from screening_app.storage.models import AuditEntry
from screening_app.ui.main_window import MainWindow
from screening_app.ui.review.case_review_view import CaseReviewView
from screening_app.ui.review.decision_dialog import DecisionDialog
from screening_app.ui.workspace_view import WorkspaceView
from tests.gui.conftest import focused, key, sign_in_by_keyboard, type_text


def signed_in(qtbot: QtBot, window: MainWindow, account: str = "supervisor") -> WorkspaceView:
    sign_in_by_keyboard(qtbot, window, account)
    assert window.workspace is not None
    return window.workspace


def vault_of(window: MainWindow) -> Vault:
    assert window.vault is not None
    return window.vault


def audit_actions(vault: Vault, case_id: str) -> list[str]:
    """The audit log's entries for one case (ids and action names only)."""
    with database.session_factory(vault.workspace.engine)() as session:
        query = select(AuditEntry.action).where(AuditEntry.case_id == case_id)
        return list(session.execute(query.order_by(AuditEntry.seq)).scalars())


def open_first_in_queue(qtbot: QtBot, workspace: WorkspaceView) -> CaseReviewView:
    workspace.show_queue()
    assert workspace.queue is not None
    assert focused() is workspace.queue.table
    key(qtbot, Qt.Key.Key_Return)
    assert workspace.review is not None
    return workspace.review


def decision_dialog(qtbot: QtBot, view: CaseReviewView) -> DecisionDialog:
    """The open decision dialog, once the keyboard is in it (window activation is queued)."""
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    first = dialog.outcome if dialog.kind.asks_outcome else dialog.text
    qtbot.waitUntil(lambda: focused() is first)
    return dialog


def test_the_queue_lists_waiting_cases_most_urgent_first_then_oldest(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    waiting = [
        workspace.cases.model.summary(row)
        for row in range(workspace.cases.model.rowCount())
        if workspace.cases.model.summary(row).status == "awaiting_review"
    ]
    assert len(waiting) >= 3
    assert workspace.review_button.text() == f"Review ({len(waiting)})"
    workspace.show_queue()
    assert workspace.queue is not None
    shown = workspace.queue.case_ids()
    assert sorted(shown) == sorted(s.case_id for s in waiting)
    by_id = {s.case_id: s for s in waiting}
    keys = [(URGENCY_ORDER.get(by_id[c].urgency, 4), by_id[c].created) for c in shown]
    assert keys == sorted(keys)
    # What a supervisor triages by, and no names.
    model = workspace.queue.model
    first = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert first[0] == shown[0]
    assert by_id[shown[0]].display_name not in " ".join(first)


def test_enter_opens_the_case_with_each_answer_its_languages_and_interpreter(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case = ReviewService(vault_of(window)).open_case(view.review.case_id)
    text = view.document.toPlainText()
    answer = next(a for s in case.sessions for a in s.answers if a.interpreter)
    assert answer.interpreter is not None
    assert answer.question_text in text
    assert answer.answer_text in text
    assert answer.interpreter in text
    spoken = Locale.parse("en").languages[answer.language_asked]
    assert spoken in text
    assert case.person.display_name in text
    assert "Review history" in text
    assert workspace.content.currentWidget() is view
    # Esc goes back to the queue.
    key(qtbot, Qt.Key.Key_Escape)
    assert workspace.content.currentWidget() is workspace.queue


def test_approving_through_the_dialog_approves_the_case_and_audits_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case_id = view.review.case_id
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    dialog = decision_dialog(qtbot, view)
    type_text(qtbot, "Fictional approval note")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    vault = vault_of(window)
    history = ReviewService(vault).history(case_id)
    assert [(e.action, e.comment) for e in history][-1] == ("approve", "Fictional approval note")
    # Opened, approved, then opened again to show the case as it is now.
    assert audit_actions(vault, case_id)[-3:] == ["review.open", "review.approve", "review.open"]
    assert workspace.queue is not None and case_id not in workspace.queue.case_ids()
    # The case is shown again as it is now: approved, with no decision open.
    assert workspace.review is not None and workspace.review.review.status == "approved"
    assert not workspace.review.approve_button.isEnabled()
    assert "was approved" in workspace.message.text()


def test_a_return_without_a_comment_is_refused_and_with_one_returns_the_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case_id = view.review.case_id
    key(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    dialog = decision_dialog(qtbot, view)
    type_text(qtbot, "   ")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "reason" in dialog.error.text()
    vault = vault_of(window)
    assert ReviewService(vault).history(case_id) == []
    type_text(qtbot, "Ask about the documents again")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    (event,) = ReviewService(vault).history(case_id)
    assert (event.action, event.comment) == ("return", "Ask about the documents again")
    assert audit_actions(vault, case_id)[-2:] == ["review.return", "review.open"]
    assert workspace.review is not None and workspace.review.review.status == "returned"


def test_an_override_needs_a_reason_and_keeps_the_case_awaiting_approval(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case_id = view.review.case_id
    before = view.review.assessment
    assert before is not None
    key(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    dialog = decision_dialog(qtbot, view)
    chosen = str(dialog.outcome.currentData())
    assert chosen != before.outcome
    dialog.decide()
    assert dialog.isVisible() and dialog.error.text()
    dialog.text.setFocus()
    type_text(qtbot, "Fictional reason for a different next step")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    vault = vault_of(window)
    case = ReviewService(vault).open_case(case_id)
    assert case.status == "awaiting_review"
    assert case.assessment is not None and case.assessment.outcome == chosen
    assert case.assessment.engine_outcome == before.engine_outcome
    assert case.history[-1].action == "override"
    assert "review.override" in audit_actions(vault, case_id)
    assert workspace.queue is not None and case_id in workspace.queue.case_ids()
    text = workspace.review.document.toPlainText() if workspace.review else ""
    assert "Fictional reason for a different next step" in text


def test_the_service_s_refusal_is_shown_in_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case_id = view.review.case_id
    view.approve()
    dialog = decision_dialog(qtbot, view)
    # Someone else decides first (through the same service).
    ReviewService(vault_of(window)).return_to_responder(case_id, "Decided elsewhere")
    dialog.decide()
    assert dialog.isVisible()
    assert "not awaiting review" in dialog.error.text()
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_recipient_without_consent_cannot_be_chosen(qtbot: QtBot, window: MainWindow) -> None:
    workspace = signed_in(qtbot, window)
    service = ReviewService(vault_of(window))
    case_id = next(
        c
        for c in (s.case_id for s in service.queue())
        if any(not o.allowed for o in service.recipient_options(c))
    )
    workspace.open_review(case_id)
    assert workspace.review is not None
    panel = workspace.review.recipients
    refused = next(c for c in panel.choices if not c.option.allowed)
    allowed = next(c for c in panel.choices if c.option.allowed)
    assert not refused.box.isEnabled()
    assert "The person did not agree" in refused.box.accessibleDescription()
    refused.box.click()  # a disabled box ignores clicks
    allowed.box.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert panel.chosen() == [allowed.option.recipient.id]
    refused.box.setChecked(True)  # even if ticked some other way, it is never chosen
    assert panel.chosen() == [allowed.option.recipient.id]


def test_the_preview_shows_exactly_the_fields_each_recipient_receives(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    vault = vault_of(window)
    service = ReviewService(vault)

    def fits(case_id: str) -> bool:
        allowed = {o.recipient.id for o in service.recipient_options(case_id) if o.allowed}
        return {"demo-health", "demo-nrm"} <= allowed

    case_id = next(c for c in (s.case_id for s in service.queue()) if fits(c))
    workspace.open_review(case_id)
    assert workspace.review is not None
    panel = workspace.review.recipients
    for choice in panel.choices:
        choice.box.setChecked(choice.option.recipient.id in ("demo-health", "demo-nrm"))
    key(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.preview_dialog
    assert dialog is not None and dialog.isVisible()
    expected = ReferralReports(vault).previews(case_id, ["demo-health", "demo-nrm"])
    for content in expected:
        assert dialog.fields[content.recipient.id] == content.fields_included
    health = next(c for c in expected if c.recipient.id == "demo-health")
    assert "person.nationality" in health.fields_withheld
    nationality = service.open_case(case_id).person.nationality
    assert nationality is not None
    country = Locale.parse("en").territories[nationality]
    # The health service does not get the nationality: its name is nowhere in its preview,
    # while the coordinator's preview has it.
    assert country not in dialog.text_of("demo-health")
    assert country in dialog.text_of("demo-nrm")
    assert "Nationality" in dialog.text_of("demo-health").split("Not sent to this recipient")[1]
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_saving_pdf_reports_writes_one_file_per_recipient_holding_the_reference(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    case_id = view.review.case_id
    assert not view.recipients.save_button.isEnabled()  # not approved yet
    view.approve()
    decision_dialog(qtbot, view).decide()
    assert workspace.review is not None
    panel = workspace.review.recipients
    assert panel.save_button.isEnabled()
    allowed = [c for c in panel.choices if c.option.allowed][:2]
    for choice in allowed:
        choice.box.setChecked(True)
    panel.export_to(tmp_path)
    files = sorted(tmp_path.glob("*.pdf"))
    wanted = {c.option.recipient.id for c in allowed}
    assert len(files) == len(wanted)
    # Named by ids only: the case and the recipient, never the person.
    assert {r for r in wanted for f in files if f.name.startswith(f"{case_id}-{r}-")} == wanted
    for path in files:
        text = subprocess.run(
            ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert case_id in text
    assert str(tmp_path) in panel.status.text()
    assert "prepared" in panel.status.text()
    assert audit_actions(vault_of(window), case_id).count("report.export") == len(allowed)


def test_enter_on_a_waiting_case_in_the_case_list_opens_its_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    waiting = next(
        workspace.cases.model.summary(row)
        for row in range(workspace.cases.model.rowCount())
        if workspace.cases.model.summary(row).status == "awaiting_review"
    )
    type_text(qtbot, waiting.case_id)
    workspace.cases.table.setFocus()
    workspace.cases.table.selectRow(0)
    key(qtbot, Qt.Key.Key_Return)
    assert workspace.review is not None
    assert workspace.review.review.case_id == waiting.case_id


def test_a_responder_has_no_review_or_statistics_buttons(qtbot: QtBot, window: MainWindow) -> None:
    workspace = signed_in(qtbot, window, "responder")
    texts = [b.text() for b in workspace.findChildren(type(workspace.cases_button))]
    assert not any(t.startswith(("Review", "Statistics")) for t in texts)
    assert not hasattr(workspace, "review_button")
    workspace.show_queue()
    workspace.show_statistics()
    assert workspace.queue is None and workspace.statistics is None


def test_locking_during_a_review_drops_the_review_and_its_dialogs(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    name = view.review.person.display_name
    view.send_back()
    dialog = decision_dialog(qtbot, view)
    type_text(qtbot, "Half-written comment")
    window.lock()  # what the idle timer does
    assert window.workspace is None and window.vault is None
    assert not dialog.isVisible()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(view)
    assert not shiboken6.isValid(dialog)
    assert not any(isinstance(w, CaseReviewView) for w in QApplication.allWidgets())
    visible = [w for w in QApplication.allWidgets() if w.isVisible()]
    assert not any(name in getattr(w, "text", lambda: "")() for w in visible)


def test_every_review_action_is_reachable_with_the_tab_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = signed_in(qtbot, window)
    view = open_first_in_queue(qtbot, workspace)
    assert focused() is view.approve_button
    panel = view.recipients
    wanted = {
        view.return_button,
        view.override_button,
        view.document,
        panel.language,
        panel.beside,
        panel.preview_button,
        *(c.box for c in panel.choices if c.option.allowed),
    }
    reached = set()
    for _press in range(40):
        key(qtbot, Qt.Key.Key_Tab)
        reached.add(focused())
    assert wanted <= reached
    # Boxes that cannot be chosen are skipped; every button has a name for screen readers.
    assert not any(c.box in reached for c in panel.choices if not c.option.allowed)
    for button in (view.approve_button, view.return_button, panel.preview_button):
        assert button.accessibleName()
