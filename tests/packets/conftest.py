from __future__ import annotations

import pytest

from tests.packets.packet_kit import Parties


@pytest.fixture
def parties() -> Parties:
    return Parties()
