"""Wiring the desktop app: workspace, services and windows.

The only module besides ``ui/`` that imports Qt, and the only one that opens the workspace
for the interface: windows receive a sign-in function and never see storage or keys.

Start-up shows the login window first and opens the workspace right after: the storage,
crypto and form engine imports take about a second, which the person spends typing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from screening_app.core.errors import UsageError
from screening_app.locations import default_workspace_dir
from screening_app.services.preferences import (
    PREFERENCES_FILE,
    Preferences,
    load_preferences,
    save_preferences,
)
from screening_app.ui.context import AppContext
from screening_app.ui.crash_dialog import install_crash_dialog
from screening_app.ui.fonts import load_bundled_fonts
from screening_app.ui.language import apply_ui_language
from screening_app.ui.main_window import MainWindow
from screening_app.ui.style import apply_style

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from screening_app.forms.model import Form
    from screening_app.storage.workspace import Workspace

FIRST_RUN_DEMO_CASES = 300
SCREENSHOT_DEMO_CASES = 40
SCREENSHOT_SIZE = (1280, 860)
WORKSPACE_VARIABLE = "SCREENING_APP_WORKSPACE"


def workspace_folder(args: argparse.Namespace) -> Path:
    """``--workspace``, else ``$SCREENING_APP_WORKSPACE``, else the platform default.

    The same rule as ``commands.context.workspace_path``, without that module's imports
    of storage and crypto, which would delay the login window.
    """
    chosen = getattr(args, "workspace", None) or os.environ.get(WORKSPACE_VARIABLE)
    return Path(chosen).expanduser() if chosen else default_workspace_dir()


def shipped_forms() -> dict[str, Form]:
    """Every form in the forms folder, by id."""
    from screening_app.forms.loader import load_form
    from screening_app.locations import forms_dir

    forms = {}
    for path in sorted(forms_dir().glob("*.yaml")):
        form = load_form(path)
        forms[form.id] = form
    return forms


def prepare_workspace(path: Path) -> bool:
    """Make a demo workspace on first run; True when one was made."""
    from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
    from screening_app.storage.workspace import workspace_exists

    if workspace_exists(path):
        return False
    make_demo_workspace(path, DEMO_PASSWORD, FIRST_RUN_DEMO_CASES)
    return True


def _connect(context: AppContext, workspace: Workspace) -> None:
    """Fill in what needs the open workspace: sign-in, forms, demo account names."""
    from screening_app.services.accounts import AccountService
    from screening_app.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    accounts = AccountService(workspace)
    context.sign_in = accounts.sign_in
    context.forms = shipped_forms()
    context.demo_accounts = tuple(name for name, _role in DEMO_ACCOUNTS)
    context.demo_password = DEMO_PASSWORD
    context.ready = True


def _saver(path: Path | None) -> AppContext:
    def save(chosen: Preferences) -> None:
        if path is not None:
            save_preferences(path, chosen)

    return AppContext(save_preferences=save)


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
    """Show the login window, then open (or on first run create) the workspace."""
    path = workspace_folder(args)
    preferences_file = path / PREFERENCES_FILE
    context = _saver(preferences_file)
    context.preferences = load_preferences(preferences_file)
    context.ready = False
    app = start_qt(context.preferences)
    window = MainWindow(context, app)
    window.show()
    with ExitStack() as resources:

        def open_workspace_now() -> None:
            from screening_app.storage.workspace import open_workspace

            if prepare_workspace(path):
                context.preferences = replace(context.preferences, show_demo_accounts=True)
                save_preferences(preferences_file, context.preferences)
            _connect(context, resources.enter_context(open_workspace(path)))
            window.services_ready()

        QTimer.singleShot(0, open_workspace_now)
        return int(app.exec())


@contextmanager
def open_context(path: Path) -> Iterator[AppContext]:
    """The window context over the workspace at ``path``, open while the block runs.

    Preferences are read from, and saved to, the workspace folder.
    """
    from screening_app.storage.workspace import open_workspace

    preferences_file = path / PREFERENCES_FILE
    with open_workspace(path) as workspace:
        context = _saver(preferences_file)
        context.preferences = load_preferences(preferences_file)
        _connect(context, workspace)
        yield context


# -- screenshots ------------------------------------------------------------------------------
@contextmanager
def demo_context(ui_language: str, cases: int = SCREENSHOT_DEMO_CASES) -> Iterator[AppContext]:
    """A throw-away demo workspace and the window context over it."""
    from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace

    with tempfile.TemporaryDirectory(prefix="screening-shot-") as folder:
        path = Path(folder) / "workspace"
        make_demo_workspace(path, DEMO_PASSWORD, cases)
        with open_context(path) as context:
            context.preferences = Preferences(ui_language=ui_language, show_demo_accounts=True)
            context.synchronous = True
            yield context


def _render(app: QApplication, context: AppContext, screen: str, lang: str) -> QImage:
    from screening_app.ui.screens import render

    return render(app, context, screen, lang, SCREENSHOT_SIZE)


def render_gallery(
    out_dir: Path, ui_language: str, interview_languages: tuple[str, ...]
) -> list[Path]:
    """Every named screen in every given interview language, over one demo workspace.

    Files are named ``<screen>-<ui>-<interview>.png``; screens that show no interview text
    are rendered once per interface language, as ``<screen>-<ui>.png``.
    """
    from screening_app.ui.screens import PLAIN_SCREENS, SCREENS

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
                path = out_dir / f"{name}.png"
                if not _render(app, context, screen, lang).save(str(path)):
                    raise UsageError(f"cannot write the image {path}")
                written.append(path)
    return written


def render_screenshot(screen: str, ui_language: str, interview_language: str, out: Path) -> None:
    """Render one named screen over a demo workspace, offscreen, into a PNG file."""
    from screening_app.ui.screens import SCREENS

    if screen not in SCREENS:
        raise UsageError(f"unknown screen '{screen}': use one of {', '.join(SCREENS)}")
    with demo_context(ui_language) as context:
        app = start_qt(Preferences(ui_language=ui_language), interactive=False)
        image = _render(app, context, screen, interview_language)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise UsageError(f"cannot write the image {out}")
