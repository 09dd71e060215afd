"""Time as a value the caller can replace, so delays and lockouts are testable without sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def utc_iso(moment: datetime) -> str:
    """ISO 8601 with a trailing Z, second precision: the one format stored and exported."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
