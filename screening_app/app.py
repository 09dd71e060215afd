"""Wiring the desktop app: workspace, services and windows.

The only module besides ``ui/`` that imports Qt, and the only one that opens the workspace
for the interface: windows receive a sign-in function and never see storage or keys.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from screening_app.commands.context import workspace_path
from screening_app.core.errors import UsageError
from screening_app.forms.loader import load_form
from screening_app.forms.model import Form
from screening_app.locations import forms_dir
from screening_app.services.accounts import AccountService
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.preferences import (
    PREFERENCES_FILE,
    Preferences,
    load_preferences,
    save_preferences,
)
from screening_app.services.vault import Vault
from screening_app.storage.workspace import Workspace, open_workspace, workspace_exists
from screening_app.ui.context import AppContext
from screening_app.ui.crash_dialog import install_crash_dialog
from screening_app.ui.fonts import load_bundled_fonts
from screening_app.ui.language import apply_ui_language
from screening_app.ui.main_window import MainWindow
from screening_app.ui.screens import PLAIN_SCREENS, SCREENS, render
from screening_app.ui.style import apply_style

FIRST_RUN_DEMO_CASES = 300
SCREENSHOT_DEMO_CASES = 40
SCREENSHOT_SIZE = (1280, 860)


def shipped_forms() -> dict[str, Form]:
    """Every form in the forms folder, by id."""
    forms = {}
    for path in sorted(forms_dir().glob("*.yaml")):
        form = load_form(path)
        forms[form.id] = form
    return forms


def prepare_workspace(path: Path) -> bool:
    """Make a demo workspace on first run; True when one was made."""
    if workspace_exists(path):
        return False
    make_demo_workspace(path, DEMO_PASSWORD, FIRST_RUN_DEMO_CASES)
    return True


def _context(workspace: Workspace, preferences: Preferences, save_to: Path | None) -> AppContext:
    accounts = AccountService(workspace)

    def sign_in(name: str, password: str) -> Vault:
        return accounts.sign_in(name, password)

    def save(chosen: Preferences) -> None:
        if save_to is not None:
            save_preferences(save_to, chosen)

    return AppContext(sign_in, shipped_forms(), preferences, save)


def start_qt(preferences: Preferences, interactive: bool = True) -> QApplication:
    """The QApplication with fonts, interface language, style and crash dialog set up."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("screening-app")
    load_bundled_fonts()
    apply_ui_language(app, preferences.ui_language)
    apply_style(app, preferences.ui_language, preferences.text_scale_percent)
    if interactive:
        install_crash_dialog()
    return app


def run_app(args: argparse.Namespace) -> int:
    """Open (or on first run create) the workspace and show the login window."""
    path = workspace_path(args)
    created = prepare_workspace(path)
    if created:
        preferences_file = path / PREFERENCES_FILE
        preferences = replace(load_preferences(preferences_file), show_demo_accounts=True)
        save_preferences(preferences_file, preferences)
    with open_context(path) as context:
        app = start_qt(context.preferences)
        window = MainWindow(context, app)
        window.show()
        return int(app.exec())


@contextmanager
def open_context(path: Path) -> Iterator[AppContext]:
    """The window context over the workspace at ``path``, open while the block runs.

    Preferences are read from, and saved to, the workspace folder.
    """
    preferences_file = path / PREFERENCES_FILE
    with open_workspace(path) as workspace:
        yield _context(workspace, load_preferences(preferences_file), preferences_file)


# -- screenshots ------------------------------------------------------------------------------
@contextmanager
def demo_context(ui_language: str, cases: int = SCREENSHOT_DEMO_CASES) -> Iterator[AppContext]:
    """A throw-away demo workspace and the window context over it."""
    with tempfile.TemporaryDirectory(prefix="screening-shot-") as folder:
        path = Path(folder) / "workspace"
        make_demo_workspace(path, DEMO_PASSWORD, cases)
        preferences = Preferences(ui_language=ui_language, show_demo_accounts=True)
        with open_workspace(path) as workspace:
            context = _context(workspace, preferences, None)
            context.synchronous = True
            yield context


def render_gallery(
    out_dir: Path, ui_language: str, interview_languages: tuple[str, ...]
) -> list[Path]:
    """Every named screen in every given interview language, over one demo workspace.

    Files are named ``<screen>-<ui>-<interview>.png``; screens that show no interview text
    are rendered once per interface language, as ``<screen>-<ui>.png``.
    """
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    with demo_context(ui_language) as context:
        app = start_qt(Preferences(ui_language=ui_language), interactive=False)
        for screen in SCREENS:
            per_language = screen not in PLAIN_SCREENS
            for lang in interview_languages if per_language else interview_languages[:1]:
                name = (
                    f"{screen}-{ui_language}-{lang}" if per_language else f"{screen}-{ui_language}"
                )
                image = render(app, context, screen, lang, SCREENSHOT_SIZE)
                path = out_dir / f"{name}.png"
                if not image.save(str(path)):
                    raise UsageError(f"cannot write the image {path}")
                written.append(path)
    return written


def render_screenshot(screen: str, ui_language: str, interview_language: str, out: Path) -> None:
    """Render one named screen over a demo workspace, offscreen, into a PNG file."""
    if screen not in SCREENS:
        raise UsageError(f"unknown screen '{screen}': use one of {', '.join(SCREENS)}")
    with demo_context(ui_language) as context:
        app = start_qt(Preferences(ui_language=ui_language), interactive=False)
        image = render(app, context, screen, interview_language, SCREENSHOT_SIZE)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise UsageError(f"cannot write the image {out}")
