"""The ``packaging`` marker: tests of a built desktop app (``packaging/build``)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "packaging: runs the built one-folder app (needs packaging/build first)"
    )
