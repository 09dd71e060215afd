"""What the windows are given by ``app.py``: how to sign in, the forms, the settings.

The interface never opens the workspace or touches keys itself; it receives a sign-in
function that returns a ``Vault`` and gives every use case to the services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from screening_app.forms.model import Form
from screening_app.services.preferences import Preferences
from screening_app.services.vault import Vault

SignIn = Callable[[str, str], Vault]
SavePreferences = Callable[[Preferences], None]

FIRST_LINE_FORM = "first-line-screening"
IN_DEPTH_FORM = "in-depth-interview"


def _ignore(_preferences: Preferences) -> None:
    return None


@dataclass
class AppContext:
    sign_in: SignIn
    forms: Mapping[str, Form]
    preferences: Preferences = field(default_factory=Preferences)
    save_preferences: SavePreferences = _ignore
    # Background jobs run inline when true: tests and screenshots need no event loop races.
    synchronous: bool = False
