"""The HTTP intake: signed pushes and receipt queries, idempotence, limits, replay window."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator

import pytest

from screening_app.crypto.minisign import SecretKey
from screening_app.nrm.client import IntakeClient
from screening_app.nrm.intake import add_office
from screening_app.nrm.request_auth import WINDOW_SECONDS, sign_request
from screening_app.nrm.server import IntakeServer
from screening_app.packets.format import MAX_PACKET_BYTES
from screening_app.packets.receipts import verify_receipt
from tests.nrm.conftest import IntakeSetup


@pytest.fixture
def server(setup: IntakeSetup) -> Iterator[IntakeServer]:
    running = IntakeServer(("127.0.0.1", 0), setup.intake(), setup.folder / "quarantine")
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join()


def _url(server: IntakeServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def _raw(
    server: IntakeServer, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, dict[str, object]]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_push_is_accepted_then_answered_idempotently(
    setup: IntakeSetup, server: IntakeServer
) -> None:
    client = IntakeClient(_url(server), setup.office_key)
    data = setup.seal()
    first = client.push(data)
    assert first.status == "accepted"
    again = client.push(data)
    assert again.status == "duplicate" and again.receipt == first.receipt
    receipt = verify_receipt(first.receipt, setup.keys.signing_key.public_key, data)
    assert receipt.packet_id == first.packet_id
    assert setup.stored_count() == 1


def test_receipts_can_be_fetched_later_by_the_sending_office_only(
    setup: IntakeSetup, server: IntakeServer
) -> None:
    client = IntakeClient(_url(server), setup.office_key)
    pushed = client.push(setup.seal())
    assert pushed.packet_id is not None
    missing = "0" * 32
    assert client.fetch_receipts([pushed.packet_id, missing]) == {pushed.packet_id: pushed.receipt}
    other = SecretKey.generate()
    add_office(setup.engine, other.public_key)
    assert IntakeClient(_url(server), other).fetch_receipts([pushed.packet_id]) == {}


def test_packet_pushed_by_another_office_is_rejected_and_quarantined(
    setup: IntakeSetup, server: IntakeServer
) -> None:
    other = SecretKey.generate()
    add_office(setup.engine, other.public_key)
    answer = IntakeClient(_url(server), other).push(setup.seal())
    assert answer.status == "rejected" and "different office" in str(answer.reason)
    assert verify_receipt(answer.receipt, setup.keys.signing_key.public_key).outcome == "rejected"
    assert len(list((setup.folder / "quarantine").glob("*.reason"))) == 1
    assert setup.stored_count() == 0


def test_unsigned_request_is_refused(server: IntakeServer, setup: IntakeSetup) -> None:
    status, answer = _raw(server, "/v1/packets", setup.seal(), {})
    assert status == 401 and "not signed" in str(answer["error"])
    assert setup.stored_count() == 0


def test_request_from_an_unregistered_key_is_refused(
    server: IntakeServer, setup: IntakeSetup
) -> None:
    body = setup.seal()
    headers = sign_request(SecretKey.generate(), "POST", "/v1/packets", body)
    status, answer = _raw(server, "/v1/packets", body, headers)
    assert status == 401 and "unknown office key" in str(answer["error"])


def test_signature_over_another_body_is_refused(server: IntakeServer, setup: IntakeSetup) -> None:
    headers = sign_request(setup.office_key, "POST", "/v1/packets", b"other body")
    status, answer = _raw(server, "/v1/packets", setup.seal(), headers)
    assert status == 401 and "does not verify" in str(answer["error"])


def test_request_outside_the_time_window_is_refused(
    server: IntakeServer, setup: IntakeSetup
) -> None:
    body = setup.seal()
    old = time.time() - WINDOW_SECONDS - 60
    headers = sign_request(setup.office_key, "POST", "/v1/packets", body, now=old)
    status, answer = _raw(server, "/v1/packets", body, headers)
    assert status == 401 and "window" in str(answer["error"])


def test_replayed_request_is_refused(server: IntakeServer, setup: IntakeSetup) -> None:
    body = setup.seal()
    headers = sign_request(setup.office_key, "POST", "/v1/packets", body)
    assert _raw(server, "/v1/packets", body, headers)[0] == 200
    status, answer = _raw(server, "/v1/packets", body, headers)
    assert status == 401 and "replay" in str(answer["error"])


def test_oversize_body_is_refused_before_it_is_read(
    server: IntakeServer, setup: IntakeSetup
) -> None:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    connection.putrequest("POST", "/v1/packets")
    connection.putheader("Content-Length", str(MAX_PACKET_BYTES + 1))
    connection.endheaders()  # no body sent at all: the answer must come anyway
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_missing_length_is_refused(server: IntakeServer) -> None:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    connection.putrequest("POST", "/v1/packets")
    connection.endheaders()
    assert connection.getresponse().status == 411
    connection.close()


def test_health_needs_no_signature(server: IntakeServer) -> None:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    connection.request("GET", "/v1/health")
    response = connection.getresponse()
    assert response.status == 200
    assert json.loads(response.read()) == {"intake": "nrm-intake", "status": "ok"}
    connection.close()


def test_malformed_receipt_query_is_refused(server: IntakeServer, setup: IntakeSetup) -> None:
    body = json.dumps({"packet_ids": ["not-an-id"]}).encode()
    headers = sign_request(setup.office_key, "POST", "/v1/receipts", body)
    assert _raw(server, "/v1/receipts", body, headers)[0] == 400
