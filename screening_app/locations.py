"""The one place that resolves where things live on disk.

Shipped data (``forms/``, ``translations/``, ``resources/``) lives next to the package in a
source checkout and inside the bundle of a frozen build. ``SCREENING_APP_DATA_DIR`` overrides
both (used by packaging smoke tests). Workspaces default to the platform's user data dir.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "screening-app"


def shipped_data_dir() -> Path:
    """Directory holding ``forms/``, ``translations/`` and ``resources/``."""
    override = os.environ.get("SCREENING_APP_DATA_DIR")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return shipped_data_dir() / "forms"


def translations_dir() -> Path:
    return shipped_data_dir() / "translations"


def resources_dir() -> Path:
    return shipped_data_dir() / "resources"


def default_workspace_dir() -> Path:
    """Where a workspace lives when neither ``--workspace`` nor the environment names one."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace"
