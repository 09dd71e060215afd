"""What the windows are given by ``app.py``: how to sign in, the forms, the settings.

The interface never opens the workspace or touches keys itself; it receives a sign-in
function that returns a ``Vault`` and gives every use case to the services. The login
window appears before the workspace is open (that takes the heaviest imports); ``ready``
turns true once ``sign_in`` and ``forms`` are filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from screening_app.core.errors import ScreeningError
from screening_app.services.preferences import Preferences

if TYPE_CHECKING:
    from screening_app.forms.model import Form
    from screening_app.services.vault import Vault

SignIn = Callable[[str, str], "Vault"]
SavePreferences = Callable[[Preferences], None]

FIRST_LINE_FORM = "first-line-screening"
IN_DEPTH_FORM = "in-depth-interview"


def _ignore(_preferences: Preferences) -> None:
    return None


def _not_ready(_name: str, _password: str) -> Vault:
    raise ScreeningError("the workspace is still opening: try again in a moment")


@dataclass
class AppContext:
    sign_in: SignIn = _not_ready
    forms: Mapping[str, Form] = field(default_factory=dict)
    preferences: Preferences = field(default_factory=Preferences)
    save_preferences: SavePreferences = _ignore
    # Background jobs run inline when true: tests and screenshots need no event loop races.
    synchronous: bool = False
    ready: bool = True
    # Named on the login screen of a demo workspace the app made itself (fictional data).
    demo_accounts: tuple[str, ...] = ()
    demo_password: str = ""
