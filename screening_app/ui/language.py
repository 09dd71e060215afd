"""Applying the interface language to Qt: our catalogs, Qt's own strings, and direction.

Interface strings go through ``screening_app.i18n.ui_text``; Qt's built-in texts (dialog
buttons, context menus) come from the qtbase ``.qm`` files shipped with Qt. Arabic mirrors
the whole interface.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from screening_app.i18n.languages import language
from screening_app.i18n.ui_text import set_ui_language

_installed: list[QTranslator] = []


def direction_of(code: str) -> Qt.LayoutDirection:
    return (
        Qt.LayoutDirection.RightToLeft if language(code).is_rtl else Qt.LayoutDirection.LeftToRight
    )


def apply_ui_language(app: QApplication, code: str) -> None:
    """Show the interface in ``code``: strings, Qt's own strings, layout direction."""
    set_ui_language(code)
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if code != "en" and translator.load(f"qtbase_{code}", folder):
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(code))
    app.setLayoutDirection(direction_of(code))
