"""Who receives the referral: the directory's agencies, within the person's consent.

Agencies the person did not agree to (and the law does not require for a child) are shown
disabled with the reason, so they cannot be chosen. "Preview" shows exactly what each chosen
recipient will receive; "Save PDF report…" writes one PDF per chosen recipient into a folder,
named by ids only. "Seal packet…" seals one packet per chosen recipient into the outbox
(and, if asked, copies it to a folder such as a USB stick) in the background with progress;
recipients without keys are explained in the list and in the dialog, never sealed for. The
actions sit in one row built by ``_action_row``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.i18n.languages import languages
from screening_app.i18n.ui_text import N_, _, ngettext
from screening_app.reports.scripts import is_known_language
from screening_app.services.referral_content import ReferralContent, report_languages
from screening_app.services.referral_report import EXPORTABLE, ExportedReport, ReferralReports
from screening_app.services.review import CaseReview, RecipientOption
from screening_app.services.vault import Vault
from screening_app.ui.labels import RECIPIENT, label
from screening_app.ui.review.names import joined, language_name
from screening_app.ui.review.packet_sealing import PacketSealing, SealOutcome, outcome_lines
from screening_app.ui.review.packet_words import lines_text
from screening_app.ui.review.preview_dialog import PreviewDialog
from screening_app.ui.review.seal_dialog import SealDialog, SealRequest, has_keys
from screening_app.ui.review.tracked_work import TrackedWork

WHY_NOT = {
    "refused": N_("The person did not agree to share with this kind of recipient."),
    "not_asked": N_("The person was not asked about this kind of recipient."),
}


@dataclass(frozen=True)
class Choice:
    option: RecipientOption
    box: QCheckBox


def report_file_name(case_id: str, recipient_id: str, language: str) -> str:
    """Ids only: a file name must not say who the report is about."""
    return f"{case_id}-{recipient_id}-{language}.pdf"


def interview_language(review: CaseReview) -> str | None:
    """The person's language in the latest interview, if reports can be set in it."""
    for session in reversed(review.sessions):
        code = session.interviewee_language
        if code and is_known_language(code):
            return code
    return None


class RecipientsPanel(QWidget):
    exported = Signal(object)  # list[ExportedReport]
    sealed = Signal(object)  # SealOutcome, when at least one packet was sealed

    def __init__(
        self,
        vault: Vault,
        review: CaseReview,
        options: Sequence[RecipientOption],
        slow: TrackedWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.review = review
        self.slow = slow
        self.preview_dialog: PreviewDialog | None = None
        self.seal_dialog: SealDialog | None = None
        self._seal_said = ""  # the last sealing outcome shown, until a receipt outdates it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("Recipients"))
        title.setObjectName("paneLanguage")
        layout.addWidget(title)
        hint = QLabel(
            _("Only those the person agreed to, or the law requires for a child, can be chosen.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self._choice_list(options), 1)
        layout.addLayout(self._language_fields())
        layout.addLayout(self._action_row())
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Sealing progress"))
        layout.addWidget(self.progress)
        self.sealing = PacketSealing(vault, review.case_id, slow, self.progress, self)
        self.sealing.finished.connect(self._sealed)
        self.sealing.failed.connect(self._failed)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        if review.status not in EXPORTABLE:
            self.status.setText(_("Approve the case before a report can be saved."))

    # -- building ----------------------------------------------------------------------------
    def _choice_list(self, options: Sequence[RecipientOption]) -> QScrollArea:
        """The agencies, scrolling on their own so the actions below stay in sight."""
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.choices = [self._choice(option, layout) for option in options]
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        return scroll

    def _choice(self, option: RecipientOption, layout: QVBoxLayout) -> Choice:
        entry = option.recipient
        box = QCheckBox(entry.name)
        box.setAccessibleName(entry.name)
        box.setEnabled(option.allowed)
        if not option.allowed:
            # The application's style gives every text one colour; a box that cannot be
            # chosen must look it.
            box.setStyleSheet("QCheckBox:disabled { color: #767676; }")
        entry_layout = QVBoxLayout()
        entry_layout.setSpacing(0)
        layout.addLayout(entry_layout)
        entry_layout.addWidget(box)
        # Kind, languages and (if it cannot be chosen) why: a wrapped line under the name.
        parts = [
            label(RECIPIENT, entry.kind.value),
            joined(language_name(code) for code in entry.languages),
        ]
        note = self._note(option)
        detail = QLabel(" · ".join([*parts, note] if note else parts))
        detail.setObjectName("hint")
        detail.setWordWrap(True)
        detail.setIndent(34)
        box.setAccessibleDescription(detail.text())
        entry_layout.addWidget(detail)
        return Choice(option, box)

    @staticmethod
    def _note(option: RecipientOption) -> str:
        notes = []
        if option.basis == "law":
            notes.append(_("No consent asked for: the law requires it for a child."))
        elif not option.allowed:
            notes.append(_(WHY_NOT[option.basis]))
        if option.allowed and not has_keys(option.recipient):
            notes.append(_("No keys yet: a PDF report only, no sealed packet."))
        return " · ".join(notes)

    def _language_fields(self) -> QFormLayout:
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(_("Report language"))
        self.language.addItem(_("Each recipient's own language"), None)
        for lang in languages():
            if is_known_language(lang.code):
                self.language.addItem(language_name(lang.code), lang.code)
        form.addRow(_("Report language"), self.language)
        spoken = interview_language(self.review)
        self.beside = QCheckBox(
            _("Interview language beside it: {language}").format(language=language_name(spoken))
        )
        self.beside.setAccessibleName(_("Add the interview language in a second column"))
        self.beside.setEnabled(spoken is not None)
        self._spoken = spoken
        form.addRow(self.beside)
        return form

    def _action_row(self) -> QHBoxLayout:
        """The ways to act on the chosen recipients; each is one button here."""
        row = QHBoxLayout()
        self.preview_button = QPushButton(_("Preview (Ctrl+P)"))
        self.preview_button.setAccessibleName(_("Preview what each chosen recipient receives"))
        self.preview_button.clicked.connect(self.show_preview)
        QShortcut(QKeySequence("Ctrl+P"), self, self.show_preview)
        row.addWidget(self.preview_button)
        self.save_button = QPushButton(_("Save PDF report… (Ctrl+S)"))
        self.save_button.setAccessibleName(_("Save one PDF report per chosen recipient"))
        self.save_button.setEnabled(self.review.status in EXPORTABLE)
        self.save_button.clicked.connect(self.choose_folder_and_export)
        QShortcut(QKeySequence("Ctrl+S"), self, self.choose_folder_and_export)
        row.addWidget(self.save_button)
        self.seal_button = QPushButton(_("Seal packet… (Ctrl+E)"))
        self.seal_button.setAccessibleName(_("Seal one packet per chosen recipient for sending"))
        self.seal_button.setEnabled(self.review.status in EXPORTABLE)
        self.seal_button.clicked.connect(self.ask_to_seal)
        QShortcut(QKeySequence("Ctrl+E"), self, self.ask_to_seal)
        row.addWidget(self.seal_button)
        row.addStretch(1)
        return row

    def _busy(self, busy: bool) -> None:
        """One export at a time: a second would make the first one's result be ignored."""
        exportable = self.review.status in EXPORTABLE
        self.save_button.setEnabled(exportable and not busy)
        self.seal_button.setEnabled(exportable and not busy)

    # -- choices -----------------------------------------------------------------------------
    def chosen(self) -> list[str]:
        """Ids of the chosen recipients (never one the case may not go to)."""
        return [
            c.option.recipient.id for c in self.choices if c.box.isChecked() and c.option.allowed
        ]

    def chosen_languages(self) -> tuple[str | None, str | None]:
        """The report language (None: each recipient's own) and the second column's."""
        chosen = self.language.currentData()
        second = self._spoken if self.beside.isChecked() else None
        return (str(chosen) if chosen else None), second

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- preview -----------------------------------------------------------------------------
    def previews(self) -> list[ReferralContent]:
        language, second = self.chosen_languages()
        return ReferralReports(self.vault).previews(
            self.review.case_id, self.chosen(), language, second
        )

    def show_preview(self) -> None:
        if not self.chosen():
            self._say(_("Choose at least one recipient first."))
            return
        try:
            contents = self.previews()
        except ScreeningError as exc:
            self._say(exc.message)
            return
        self.preview_dialog = PreviewDialog(contents, self)
        self.preview_dialog.open()
        self.preview_dialog.activateWindow()
        self.preview_dialog.tabs.setFocus()

    # -- export ------------------------------------------------------------------------------
    def choose_folder_and_export(self) -> None:
        if not self.save_button.isEnabled():
            return
        if not self.chosen():
            self._say(_("Choose at least one recipient first."))
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            _("Folder for the PDF reports"),
            str(Path.home()),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        # A lock while the folder dialog was open closes it: nothing more to do then.
        if folder and not self.vault.is_locked:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        """Write one PDF per chosen recipient into ``folder`` (in the background)."""
        chosen = self.chosen()
        if not chosen:
            self._say(_("Choose at least one recipient first."))
            return
        language, second = self.chosen_languages()
        entries = {c.option.recipient.id: c.option.recipient for c in self.choices}
        case_id = self.review.case_id
        reports = ReferralReports(self.vault)

        def work() -> list[ExportedReport]:
            done = []
            for recipient_id in chosen:
                first, _second = report_languages(entries[recipient_id], language, second)
                target = folder / report_file_name(case_id, recipient_id, first)
                done.append(reports.export(case_id, recipient_id, target, language, second))
            return done

        self._busy(True)
        self._say(_("Saving the reports…"))
        self.slow.start(work, self._exported, self._failed)

    def _exported(self, reports: list[ExportedReport]) -> None:
        self._busy(False)
        folder = reports[0].path.parent if reports else ""
        names = joined(report.path.name for report in reports)
        saved = ngettext(
            "Saved {n} report in {folder}: {files}.",
            "Saved {n} reports in {folder}: {files}.",
            len(reports),
        ).format(n=len(reports), folder=folder, files=names)
        state = _("Referral state: prepared, not sent yet.")
        self._say(f"{saved}\n{state}")
        self.exported.emit(reports)

    def _failed(self, error: ScreeningError | str) -> None:
        self._busy(False)
        self._say(error if isinstance(error, str) else error.message)

    # -- sealed packets ----------------------------------------------------------------------
    def ask_to_seal(self) -> None:
        """Ask for whom (only recipients with keys) and whether to copy to a folder."""
        if not self.seal_button.isEnabled() or self.seal_dialog is not None:
            return
        chosen = set(self.chosen())
        if not chosen:
            self._say(_("Choose at least one recipient first."))
            return
        entries = [c.option.recipient for c in self.choices if c.option.recipient.id in chosen]
        dialog = SealDialog(
            [e for e in entries if has_keys(e)], [e for e in entries if not has_keys(e)], self
        )
        dialog.requested.connect(self.seal)
        dialog.finished.connect(self._seal_dialog_closed)
        self.seal_dialog = dialog
        dialog.show_and_focus()

    def _seal_dialog_closed(self) -> None:
        if self.seal_dialog is not None:
            self.seal_dialog.deleteLater()
        self.seal_dialog = None
        # Back to the main window, so the keyboard carries on where it left off.
        self.activateWindow()
        self.seal_button.setFocus()

    def forget_seal_outcome(self) -> None:
        """Clear the sealing outcome once receipts changed what it said."""
        if self._seal_said and self.status.text() == self._seal_said:
            self._say("")
        self._seal_said = ""

    def seal(self, request: SealRequest) -> None:
        """Seal the packets asked for, in the background."""
        if self.vault.is_locked or not request.recipient_ids:
            return
        self._busy(True)
        self._say(_("Sealing the packets…"))
        self.sealing.start(request, self.chosen_languages()[0])

    def _sealed(self, outcome: SealOutcome) -> None:
        self._busy(False)
        names = {c.option.recipient.id: c.option.recipient.name for c in self.choices}
        self._seal_said = lines_text(outcome_lines(outcome, names))
        self._say(self._seal_said)
        if outcome.sealed:
            self.sealed.emit(outcome)
