"""``nrm serve``: the HTTP intake (standard library server, loopback by default).

Endpoints (JSON answers; every ``/v1`` request but health is signed, see request_auth):

``GET  /v1/health``    ``{"status": "ok", "intake": ID}``
``POST /v1/packets``   body: one packet file. 200 with ``{"status": "accepted"|"duplicate",
                       "packet_id", "reason": null, "receipt": base64}``; 422 with the same
                       shape and ``"status": "rejected"`` (the receipt is a signed rejection).
``POST /v1/receipts``  body: ``{"packet_ids": [...]}`` (at most 1000). 200 with
                       ``{"receipts": {id: base64}, "missing": [...]}`` for this office's
                       packets only.

Pushing is idempotent, so a client that lost an answer pushes again or asks for the receipt
later: both give the same receipt bytes. Bodies above the packet limit are refused with 413
before they are read; a body must come with ``Content-Length``.
"""

from __future__ import annotations

import base64
import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from screening_app.core.errors import AuthenticationError
from screening_app.nrm.importer import PacketImporter
from screening_app.nrm.intake import Intake, IntakeResult
from screening_app.nrm.request_auth import RequestVerifier
from screening_app.packets.format import MAX_PACKET_BYTES, PACKET_ID

log = logging.getLogger(__name__)

MAX_QUERY_BYTES = 64 * 1024
MAX_QUERY_IDS = 1000
READ_TIMEOUT_SECONDS = 30


class IntakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], intake: Intake, quarantine_dir: Path) -> None:
        super().__init__(address, IntakeHandler)
        self.intake = intake
        self.verifier = RequestVerifier(intake.office_key)
        self.quarantine = PacketImporter(intake, quarantine_dir / "receipts", quarantine_dir)


class IntakeHandler(BaseHTTPRequestHandler):
    server: IntakeServer
    protocol_version = "HTTP/1.1"
    timeout = READ_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _reply(self, status: int, value: Any) -> None:
        body = json.dumps(value, sort_keys=True).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self, limit: int) -> bytes | None:
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            self.close_connection = True
            self._reply(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length is required"})
            return None
        length = int(length_text)
        if length > limit:
            self.close_connection = True
            self._reply(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"the body exceeds {limit} bytes"}
            )
            return None
        return self.rfile.read(length)

    def _authenticated(self, body: bytes) -> str | None:
        try:
            return self.server.verifier.verify(
                self.command, self.path, dict(self.headers.items()), body
            )
        except AuthenticationError as exc:
            self._reply(HTTPStatus.UNAUTHORIZED, {"error": exc.message})
            return None

    def do_GET(self) -> None:
        if self.path == "/v1/health":
            self._reply(
                HTTPStatus.OK, {"status": "ok", "intake": self.server.intake.keys.intake_id}
            )
        else:
            self._reply(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})

    def do_POST(self) -> None:
        routes = {
            "/v1/packets": (MAX_PACKET_BYTES, self._push),
            "/v1/receipts": (MAX_QUERY_BYTES, self._receipts),
        }
        route = routes.get(self.path)
        if route is None:
            self.close_connection = True
            self._reply(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})
            return
        limit, action = route
        body = self._body(limit)
        if body is None:
            return
        office = self._authenticated(body)
        if office is not None:
            action(office, body)

    def _push(self, office: str, body: bytes) -> None:
        result = self.server.intake.receive(body, pushed_by=office)
        if result.status == "rejected":
            self.server.quarantine.quarantine_upload(body, result)
        status = HTTPStatus.UNPROCESSABLE_ENTITY if result.status == "rejected" else HTTPStatus.OK
        self._reply(status, _result_json(result))

    def _receipts(self, office: str, body: bytes) -> None:
        try:
            value = json.loads(body)
            ids = value["packet_ids"]
            valid = isinstance(ids, list) and len(ids) <= MAX_QUERY_IDS
            if not valid or not all(isinstance(i, str) and PACKET_ID.match(i) for i in ids):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            self._reply(HTTPStatus.BAD_REQUEST, {"error": 'expected {"packet_ids": [...]}'})
            return
        found = self.server.intake.receipts_for(office, ids)
        self._reply(
            HTTPStatus.OK,
            {
                "receipts": {pid: base64.b64encode(r).decode("ascii") for pid, r in found.items()},
                "missing": [pid for pid in ids if pid not in found],
            },
        )


def _result_json(result: IntakeResult) -> dict[str, Any]:
    return {
        "packet_id": result.packet_id,
        "status": result.status,
        "reason": result.reason,
        "receipt": base64.b64encode(result.receipt).decode("ascii"),
    }
