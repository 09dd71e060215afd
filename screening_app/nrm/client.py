"""The field side's client for the HTTP intake: push packets, fetch receipts.

Every request is signed with the office key (see request_auth). Both calls are idempotent,
so "Sync now" can simply be repeated after a dropped connection.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from screening_app.core.errors import ScreeningError
from screening_app.crypto.minisign import SecretKey
from screening_app.nrm.request_auth import sign_request


class IntakeUnavailable(ScreeningError):
    """The intake could not be reached or refused the request."""


@dataclass(frozen=True)
class PushAnswer:
    status: str  # accepted | duplicate | rejected
    packet_id: str | None
    reason: str | None
    receipt: bytes


class IntakeClient:
    def __init__(self, base_url: str, office_key: SecretKey, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.office_key = office_key
        self.timeout = timeout

    def _post(self, path: str, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
        headers = sign_request(self.office_key, "POST", path, body)
        headers["Content-Type"] = content_type
        request = urllib.request.Request(  # noqa: S310 (the operator configures the URL)
            self.base_url + path, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            answer = exc.read()
            try:
                return exc.code, json.loads(answer)
            except ValueError:
                raise IntakeUnavailable(f"the intake answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise IntakeUnavailable(f"cannot reach the intake: {exc}") from None

    def push(self, packet: bytes) -> PushAnswer:
        status, value = self._post("/v1/packets", packet, "application/octet-stream")
        if status not in (200, 422):
            raise IntakeUnavailable(f"the intake refused the packet: {value.get('error')}")
        return PushAnswer(
            value["status"], value["packet_id"], value["reason"], base64.b64decode(value["receipt"])
        )

    def fetch_receipts(self, packet_ids: list[str]) -> dict[str, bytes]:
        body = json.dumps({"packet_ids": packet_ids}).encode("utf-8")
        status, value = self._post("/v1/receipts", body, "application/json")
        if status != 200:
            raise IntakeUnavailable(f"the intake refused the request: {value.get('error')}")
        return {pid: base64.b64decode(text) for pid, text in value["receipts"].items()}
