"""The login window appears before the heavy parts of the app are loaded.

Start-up time is measured in ``tests/benchmarks/test_ui_startup.py``; this checks the cause
the figures depend on, in a fresh interpreter: importing the command line and the desktop
wiring must not pull in storage, encryption, the PDF engine, the form checker or the
assessment engine (each is imported when a command or the open workspace needs it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = (
    "sqlalchemy",
    "cryptography",
    "argon2",
    "fpdf",
    "screening_app.storage",
    "screening_app.forms.checking",
    "screening_app.assess",
    "screening_app.reports",
)

PROBE = """
import json, sys
import screening_app.cli
import screening_app.app
print(json.dumps(sorted(sys.modules)))
"""


def test_the_command_line_and_app_wiring_load_no_heavy_module() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert "screening_app.app" in loaded
    assert [name for name in HEAVY if name in loaded] == []
