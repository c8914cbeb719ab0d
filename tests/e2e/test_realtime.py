"""Real Socket.IO clients against a real server: rooms, tenancy, envelopes, audio."""

from __future__ import annotations

import threading
import time

import pytest
import requests
import socketio

from tests.e2e.conftest import LiveServer


class Listener:
    """A display: connects to a namespace and records every event it gets."""

    def __init__(self, server: LiveServer, namespace: str, auth: dict) -> None:
        self.events: list[tuple[str, dict]] = []
        self.seen = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record, namespace=namespace)
        self.client.connect(
            server.url,
            namespaces=[namespace],
            auth=auth,
            transports=["websocket"],
            wait_timeout=10,
        )

    def _record(self, name: str, data: dict) -> None:
        with self.seen:
            self.events.append((name, data))
            self.seen.notify_all()

    def wait_for(self, name: str, timeout: float = 10.0) -> dict:
        deadline = time.monotonic() + timeout
        with self.seen:
            while True:
                for event, data in self.events:
                    if event == name:
                        return data
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no {name}; got {[e for e, _ in self.events]}"
                    )
                self.seen.wait(left)

    def close(self) -> None:
        self.client.disconnect()


def _post(server: LiveServer, path: str, token: str, json: dict | None = None):
    return requests.post(
        server.url + "/api/v1" + path,
        json=json,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def _staff_token(server: LiveServer, username: str) -> str:
    response = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": username, "password": "matkhau123"},
        timeout=10,
    )
    return response.json()["token"]


def test_display_gets_its_own_office_calls_only(live):
    server, ours, theirs = live
    display = Listener(
        server, "/display", {"office": "demo", "token": ours.display_token}
    )
    snapshot = display.wait_for("snapshot")
    assert snapshot["office"] == "demo" and snapshot["data"]["counters"]
    # Activity in the other office first, then ours.
    their_staff = _staff_token(server, "khac-staff")
    _post(server, "/offices/khac/tickets", theirs.kiosk_token, {"service": "CT"})
    assert (
        _post(server, "/offices/khac/counters/1/call-next", their_staff).status_code
        == 200
    )
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    staff = _staff_token(server, "demo-staff")
    assert _post(server, "/offices/demo/counters/1/call-next", staff).status_code == 200
    called = display.wait_for("ticket.called")
    display.close()
    assert called["v"] == 1 and called["office"] == "demo"
    assert called["data"]["ticket"]["id"] == ticket["id"]
    assert called["data"]["counter"] == {"number": 1, "name": "Quầy 1"}
    assert called["data"]["announcement"]["text"] == (
        "Mời công dân có số thứ tự 1001 đến quầy số 1"
    )
    offices = {data["office"] for name, data in display.events}
    assert offices == {"demo"}
    seqs = [data["seq"] for name, data in display.events if name != "snapshot"]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    audio = requests.get(
        server.url + called["data"]["announcement"]["audio_url"],
        headers={"Authorization": f"Bearer {ours.display_token}"},
        timeout=30,
    )
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"


@pytest.mark.parametrize(
    "auth",
    [
        {"office": "demo", "token": "not-a-token"},
        {"office": "demo"},
        {"office": "khac", "token": None},  # our display token in another office
        {"office": "nowhere", "token": None},
        {},
    ],
)
def test_bad_display_auth_is_refused(live, auth):
    server, ours, _ = live
    if "token" in auth and auth["token"] is None:
        auth = {**auth, "token": ours.display_token}
    with pytest.raises(socketio.exceptions.ConnectionError):
        Listener(server, "/display", auth)


def test_kiosk_token_cannot_join_the_counter_namespace(live):
    server, ours, _ = live
    with pytest.raises(socketio.exceptions.ConnectionError):
        Listener(server, "/counter", {"office": "demo", "token": ours.kiosk_token})


def test_status_page_socket_follows_one_ticket(live):
    server, ours, _ = live
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    status = Listener(server, "/status", {"ticket": ticket["id"]})
    assert status.wait_for("snapshot")["data"]["status"] == "waiting"
    staff = _staff_token(server, "demo-staff")
    _post(server, "/offices/demo/counters/1/call-next", staff)
    called = status.wait_for("ticket.called")
    status.close()
    assert called["data"]["ticket"]["number"] == ticket["number"]
    assert "id" not in called["data"]["ticket"]
    with pytest.raises(socketio.exceptions.ConnectionError):
        Listener(server, "/status", {"ticket": "no-such-ticket"})


def test_a_recall_moves_the_call_mark_of_events_and_snapshots(live):
    """A board that missed a recall's event sees it in the next snapshot: the call's
    `calls` and `recalled_at` are those of the event it missed."""
    server, ours, _ = live
    display = Listener(
        server, "/display", {"office": "demo", "token": ours.display_token}
    )
    display.wait_for("snapshot")
    ticket = _post(
        server, "/offices/demo/tickets", ours.kiosk_token, {"service": "CT"}
    ).json()
    staff = _staff_token(server, "demo-staff")
    assert _post(server, "/offices/demo/counters/1/call-next", staff).status_code == 200
    called = display.wait_for("ticket.called")["data"]
    before = display.client.call("snapshot", {"office": "demo"}, namespace="/display")
    assert _post(server, f"/tickets/{ticket['id']}/recall", staff).status_code == 200
    recalled = display.wait_for("ticket.recalled")["data"]
    after = display.client.call("snapshot", {"office": "demo"}, namespace="/display")
    answer = requests.get(
        server.url + "/api/v1/offices/demo/snapshot",
        headers={"Authorization": f"Bearer {ours.display_token}"},
        timeout=10,
    )
    display.close()
    assert (called["calls"], called["recalled_at"]) == (1, None)
    assert recalled["calls"] == 2
    # Both in the office's time, with one offset: as strings they sort as times.
    assert recalled["recalled_at"] >= called["ticket"]["called_at"]
    [was] = before["data"]["recent_calls"]
    [now] = after["data"]["recent_calls"]
    [rest] = answer.json()["recent_calls"]
    assert (was["calls"], was["recalled_at"]) == (1, None)
    # The time of the call did not change; the mark did, as the event said.
    assert now["called_at"] == was["called_at"] == called["ticket"]["called_at"]
    assert (now["calls"], now["recalled_at"]) == (2, recalled["recalled_at"])
    assert now["announcement"]["text"] == was["announcement"]["text"]
    assert {k: rest[k] for k in ("calls", "recalled_at")} == {
        "calls": 2,
        "recalled_at": recalled["recalled_at"],
    }
