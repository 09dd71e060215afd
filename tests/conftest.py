"""Test-wide settings: headless Qt, and no test may write outside its own temporary dirs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
