"""Sealed packets in the desktop app, on a real demo workspace and its demo NRM: sealing from
the recipients panel, the referral states in the case review, receipts dropped on the
window, and "Sync now" against a real HTTP intake on a loopback port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from screening_app.nrm import database
from screening_app.nrm.intake import Intake, add_office, initialise
from screening_app.nrm.keyfiles import IntakeKeys, load_intake_keys, read_public_key
from screening_app.nrm.server import IntakeServer
from screening_app.packets.open import open_packet
from screening_app.services.demo_nrm import DEMO_INTAKE, DEMO_NRM_DIR
from screening_app.services.office_keys import office_identity
from screening_app.services.packet_export import referral_states
from screening_app.services.recipients import RecipientDirectory
from screening_app.services.vault import Vault
from screening_app.ui.context import AppContext
from screening_app.ui.main_window import MainWindow
from screening_app.ui.review.case_review_view import CaseReviewView
from screening_app.ui.review.seal_dialog import SealRequest
from screening_app.ui.screens import demo_intake_receipt, sendable_case
from screening_app.ui.workspace_view import WorkspaceView
from tests.gui.conftest import focused, key, sign_in_by_keyboard, type_text


@dataclass
class Review:
    workspace: WorkspaceView
    view: CaseReviewView
    case_id: str
    recipients: tuple[str, str]

    @property
    def vault(self) -> Vault:
        return self.workspace.vault

    def block(self) -> str:
        return self.view.referrals.body.accessibleDescription()


def intake_keys(workspace_dir: Path) -> IntakeKeys:
    return load_intake_keys(workspace_dir / DEMO_NRM_DIR / "intake")


def outbox_files(workspace_dir: Path) -> list[Path]:
    return sorted((workspace_dir / "outbox").glob("*.age"))


def open_sendable(qtbot: QtBot, window: MainWindow) -> Review:
    """As the supervisor: an approved case that may go to the demo NRM, under review."""
    sign_in_by_keyboard(qtbot, window, "supervisor")
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.cases.model.rowCount() > 0, timeout=20000)
    case_id, recipients = sendable_case(workspace)
    workspace.open_review(case_id)
    assert workspace.review is not None
    return Review(workspace, workspace.review, case_id, recipients)


def seal_by_keyboard(qtbot: QtBot, review: Review, recipient_id: str, copy_to: Path | None) -> None:
    """Tick one recipient, Ctrl+E for the dialog, Ctrl+Enter to seal."""
    panel = review.view.recipients
    box = next(c.box for c in panel.choices if c.option.recipient.id == recipient_id)
    box.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert box.isChecked()
    key(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.seal_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is dialog.seal_button)
    if copy_to is not None:
        dialog.set_folder(copy_to)
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()


def drop_files(workspace: WorkspaceView, paths: list[Path]) -> bool:
    """Files dragged over the workspace and dropped; True if the workspace took them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    if not workspace.accepts_drop(mime):  # what a drag entering the window is answered
        return False
    drop = QDropEvent(
        QPointF(40, 40),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only within a drag it started itself; the handler gets it directly.
    workspace.dropEvent(drop)
    return drop.isAccepted()


def test_sealing_from_the_panel_writes_a_packet_the_demo_intake_opens(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path, tmp_path: Path
) -> None:
    review = open_sendable(qtbot, window)
    assert "None yet" in review.block()
    stick = tmp_path / "usb-stick"
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, stick)
    [packet] = outbox_files(workspace_dir)
    # The copy on the "stick" is the same file, and the demo NRM's intake opens it.
    assert (stick / packet.name).read_bytes() == packet.read_bytes()
    keys = intake_keys(workspace_dir)
    office_key = office_identity(review.vault).signing_public
    opened = open_packet(packet.read_bytes(), keys.identity, [office_key], DEMO_INTAKE)
    assert opened.packet_id == packet.stem
    assert opened.case["caseId"] == review.case_id
    # The panel names the packet by its short id; the block says it awaits its receipt.
    status = review.view.recipients.status.text()
    assert f"packet {packet.stem[:8]}, sent, awaiting receipt" in status
    assert "awaiting receipt" in review.block() and packet.stem[:8] in review.block()
    assert "Status: Referred" in review.view.document.toPlainText()
    assert review.workspace.outbox_button.text() == "Outbox (1)"
    [state] = referral_states(review.vault, review.case_id)
    assert (state.status, state.packet_id) == ("sent", packet.stem)


def test_a_refused_copy_shows_the_service_message_and_leaves_nothing_sent(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path, tmp_path: Path
) -> None:
    review = open_sendable(qtbot, window)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder would go")
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, blocker / "copies")
    status = review.view.recipients.status.text()
    assert status.startswith("Not sealed: cannot create the folder")
    assert "the packet stays unsent" in status
    assert outbox_files(workspace_dir) == []
    assert all(s.status != "sent" for s in referral_states(review.vault, review.case_id))
    assert review.workspace.outbox_button.text() == "Outbox (0)"
    assert review.view.recipients.seal_button.isEnabled()


def test_a_recipient_without_keys_is_explained_and_not_offered(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path
) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    workspace = window.workspace
    assert workspace is not None
    case_id, _recipients = sendable_case(workspace)
    # An agency of the demo NRM's kind entered by hand: no key bundle has named it.
    directory = RecipientDirectory(workspace.vault)
    kind = directory.get(DEMO_INTAKE).kind
    directory.add("demo-annex", kind, "Demo Annex Office (no keys)", ["en"])
    workspace.open_review(case_id)
    assert workspace.review is not None
    panel = workspace.review.recipients
    boxes = {c.option.recipient.id: c.box for c in panel.choices}
    assert "No keys yet" in boxes["demo-annex"].accessibleDescription()
    assert "No keys yet" not in boxes[DEMO_INTAKE].accessibleDescription()
    boxes["demo-annex"].setChecked(True)
    panel.ask_to_seal()
    dialog = panel.seal_dialog
    assert dialog is not None
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Not offered, no keys yet: Demo Annex Office (no keys)" in said
    assert not dialog.seal_button.isEnabled()
    dialog.reject()
    # With the demo NRM chosen too, only the demo NRM's packet is sealed.
    boxes[DEMO_INTAKE].setChecked(True)
    panel.ask_to_seal()
    dialog = panel.seal_dialog
    assert dialog is not None and dialog.seal_button.isEnabled()
    dialog.seal()
    assert len(outbox_files(workspace_dir)) == 1
    states = referral_states(workspace.vault, case_id)
    assert [(s.recipient_id, s.status) for s in states] == [(DEMO_INTAKE, "sent")]


def test_a_responder_has_no_outbox_no_sync_and_no_drops(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    workspace = window.workspace
    assert workspace is not None
    assert not hasattr(workspace, "outbox_button")
    assert not workspace.acceptDrops()
    workspace.show_outbox()
    assert workspace.outbox is None
    receipt = tmp_path / "0123456789abcdef0123456789abcdef.receipt"
    receipt.write_bytes(b"not even a receipt")
    assert not drop_files(workspace, [receipt])
    assert workspace.message.text() == ""


def test_a_dropped_receipt_marks_the_referral_delivered(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path
) -> None:
    review = open_sendable(qtbot, window)
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, None)
    [packet] = outbox_files(workspace_dir)
    receipt = demo_intake_receipt(review.vault, packet)
    assert drop_files(review.workspace, [receipt])
    assert review.workspace.message.text() == f"{receipt.name}: delivered"
    assert "delivered on" in review.block() and "awaiting" not in review.block()
    # The panel's "awaiting receipt" lines from the sealing are out of date now: gone.
    assert review.view.recipients.status.text() == ""
    assert outbox_files(workspace_dir) == []
    assert review.workspace.outbox_button.text() == "Outbox (0)"
    # The same receipt again changes nothing and says so.
    assert drop_files(review.workspace, [receipt])
    assert review.workspace.message.text() == f"{receipt.name}: already delivered"


def test_a_tampered_receipt_is_reported_rejected_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path
) -> None:
    review = open_sendable(qtbot, window)
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, None)
    [packet] = outbox_files(workspace_dir)
    [state] = referral_states(review.vault, review.case_id)
    receipt = demo_intake_receipt(review.vault, packet)
    # The intake's time in the signed trusted comment moved by one day.
    text = receipt.read_text()
    day = state.sent_at[:10] if state.sent_at else ""
    receipt.write_text(text.replace(f'"received":"{day}', '"received":"2020-01-01', 1))
    assert receipt.read_text() != text
    assert drop_files(review.workspace, [receipt])
    message = review.workspace.message.text()
    assert message.startswith(f"{receipt.name}: receipt rejected: ")
    assert "awaiting receipt" in review.block()
    assert outbox_files(workspace_dir) == [packet]
    [after] = referral_states(review.vault, review.case_id)
    assert after == state


# -- Sync now against a real intake ------------------------------------------------------------
@dataclass
class Served:
    url: str
    server: IntakeServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def intake(workspace_dir: Path, context: AppContext, tmp_path: Path) -> Iterator[Served]:
    """The demo NRM's intake, serving on a loopback port, knowing this office's key."""
    engine = database.intake_engine(str(tmp_path / "nrm.sqlite"))
    database.upgrade(engine)
    keys = intake_keys(workspace_dir)
    initialise(engine, keys)
    # The office key file the demo NRM was handed (`nrm offices add office.pub`).
    add_office(engine, read_public_key(workspace_dir / DEMO_NRM_DIR / "office.pub"))
    server = IntakeServer(("127.0.0.1", 0), Intake(engine, keys), tmp_path / "quarantine")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    served = Served(f"http://{host!s}:{port}", server, thread)
    yield served
    if thread.is_alive():
        served.stop()
    engine.dispose()


def test_sync_now_pushes_and_fetches_then_a_stopped_intake_loses_nothing(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path, intake: Served
) -> None:
    review = open_sendable(qtbot, window)
    first, second = review.recipients
    assert first == DEMO_INTAKE
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, None)
    workspace = review.workspace
    workspace.show_outbox()
    outbox = workspace.outbox
    assert outbox is not None
    # Focus comes back to the window once the seal dialog has gone (activation is queued).
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outbox.sync_button)
    assert "No intake address is set" in outbox.address_note.text()
    assert "1 packet waits" in outbox.waiting.text()
    # The office and root fingerprints, to read over the phone.
    assert office_identity(review.vault).fingerprint in outbox.office_print.text()
    outbox.address.setFocus()
    type_text(qtbot, intake.url)
    key(qtbot, Qt.Key.Key_Return)
    assert intake.url in outbox.address_note.text()
    outbox.sync_button.setFocus()
    key(qtbot, Qt.Key.Key_F5)
    assert outbox.result.text() == "Pushed 1, receipts 1, refused 0."
    assert "0 packets wait" in outbox.waiting.text()
    assert outbox_files(workspace_dir) == []
    [state] = referral_states(review.vault, review.case_id)
    assert state.status == "delivered"
    # The intake goes away; the next packet waits in the outbox with a clear message.
    intake.stop()
    workspace.open_review(review.case_id)
    assert workspace.review is not None
    again = Review(workspace, workspace.review, review.case_id, review.recipients)
    seal_by_keyboard(qtbot, again, second, None)
    [waiting] = outbox_files(workspace_dir)
    workspace.show_outbox()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outbox.sync_button)
    key(qtbot, Qt.Key.Key_F5)
    text = outbox.result.text()
    assert text.startswith("The intake could not be reached. Nothing was lost")
    assert "1 packet(s) still wait in the outbox" in text
    assert outbox_files(workspace_dir) == [waiting]
    assert [s.status for s in referral_states(review.vault, review.case_id)] == [
        "delivered",
        "sent",
    ]
    assert outbox.sync_button.isEnabled() and not outbox.progress.isVisible()


def test_sealing_and_a_failed_sync_run_in_the_background(
    qtbot: QtBot, context: AppContext, window: MainWindow, workspace_dir: Path
) -> None:
    context.synchronous = False  # as in the app: slow work off the interface thread
    review = open_sendable(qtbot, window)
    panel = review.view.recipients
    for choice in panel.choices:
        choice.box.setChecked(choice.option.recipient.id in review.recipients)
    panel.seal(SealRequest(review.recipients, None))
    assert not panel.seal_button.isEnabled()  # one export at a time, until this one is done
    qtbot.waitUntil(lambda: panel.seal_button.isEnabled(), timeout=20000)
    assert len(outbox_files(workspace_dir)) == 2
    assert review.block().count("awaiting receipt") == 2
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workspace = review.workspace
    workspace.show_outbox()
    outbox = workspace.outbox
    assert outbox is not None
    outbox.address.setText(f"http://127.0.0.1:{port}")
    outbox.save_address()
    outbox.sync()
    assert outbox.progress.isVisible() and not outbox.sync_button.isEnabled()
    qtbot.waitUntil(lambda: outbox.sync_button.isEnabled(), timeout=20000)
    assert "2 packet(s) still wait in the outbox" in outbox.result.text()
    assert not outbox.progress.isVisible()
    assert len(outbox_files(workspace_dir)) == 2


def test_a_receipt_dropped_on_the_search_box_is_imported_not_pasted(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path
) -> None:
    review = open_sendable(qtbot, window)
    seal_by_keyboard(qtbot, review, DEMO_INTAKE, None)
    [packet] = outbox_files(workspace_dir)
    receipt = demo_intake_receipt(review.vault, packet)
    review.workspace.show_cases()
    search = review.workspace.cases.search
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(receipt))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # In a real drag Qt passes the drop through the application's event filters before the
    # text field sees it; offscreen there is no drag, so the filter is handed the event.
    assert review.workspace.eventFilter(search, drop)
    assert drop.isAccepted()
    assert search.text() == ""
    assert review.workspace.message.text() == f"{receipt.name}: delivered"
    assert outbox_files(workspace_dir) == []
