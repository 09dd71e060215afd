"""Settings of one laptop: interface language, auto-lock delay, text size.

They hold no case data, so they live in a small JSON file beside the workspace, readable
before anyone signs in (the login screen needs the interface language). A damaged or
hand-edited file never stops the application: each bad value falls back to its default.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

PREFERENCES_FILE = "preferences.json"

MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 60
MIN_TEXT_SCALE = 80
MAX_TEXT_SCALE = 200


@dataclass(frozen=True)
class Preferences:
    ui_language: str = "en"
    auto_lock_minutes: int = 5
    text_scale_percent: int = 100
    interviewer_language: str = "en"
    # Set when the app made a demo workspace itself: the login screen then names the demo
    # accounts, which are fictional and share a documented password.
    show_demo_accounts: bool = False

    def checked(self) -> Preferences:
        """The same preferences with every value brought into its allowed range."""
        return replace(
            self,
            auto_lock_minutes=_clamp(
                self.auto_lock_minutes, MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES
            ),
            text_scale_percent=_clamp(self.text_scale_percent, MIN_TEXT_SCALE, MAX_TEXT_SCALE),
        )


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def load_preferences(path: Path) -> Preferences:
    """The preferences stored at ``path``; defaults for a missing file or a bad value."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    defaults = asdict(Preferences())
    chosen: dict[str, Any] = {}
    for key, default in defaults.items():
        value = data.get(key)
        # bool is a subclass of int: compare exact types so True is never a number of minutes.
        if type(value) is type(default):
            chosen[key] = value
    return Preferences(**chosen).checked()


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Write the preferences owner-only, replacing the old file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(preferences.checked()), handle, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
