"""Many lobby boards on one office: every one of 200 sockets gets every call."""

from __future__ import annotations

import statistics
import threading
import time

import requests
import socketio

from tests.e2e.conftest import start_server

DISPLAYS = 200
CALLS = 5


class Board:
    """A display socket that notes when each call reached it."""

    def __init__(self, url: str, token: str) -> None:
        self.seen: dict[str, float] = {}
        self.client = socketio.Client(reconnection=False)
        self.client.on("ticket.called", self._called, namespace="/display")
        self.client.connect(
            url,
            namespaces=["/display"],
            auth={"office": "demo", "token": token},
            transports=["websocket"],
            wait_timeout=20,
        )

    def _called(self, envelope: dict) -> None:
        self.seen[envelope["data"]["ticket"]["id"]] = time.perf_counter()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_two_hundred_displays_get_every_call(live):
    server, ours, _ = live
    # Each open websocket holds a server thread: give the server room for all.
    server.stop()
    # And the boards all come from this one address, where a lobby's TVs have one
    # each: the per-address cap is raised like an operator behind one NAT would.
    env = {**server.env, "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": str(DISPLAYS + 40)}
    big = start_server(env, server.port, server.log, threads=DISPLAYS + 40)
    boards: list[Board] = []
    try:
        started = time.perf_counter()
        boards = [Board(big.url, ours.display_token) for _ in range(DISPLAYS)]
        connect_s = time.perf_counter() - started
        staff = requests.post(
            big.url + "/api/v1/auth/token",
            json={"username": "demo-staff", "password": "matkhau123"},
            timeout=10,
        ).json()["token"]
        headers = {"Authorization": f"Bearer {staff}"}
        latencies: list[float] = []
        ticket = None
        for _ in range(CALLS):
            requests.post(
                big.url + "/api/v1/offices/demo/tickets",
                json={"service": "CT"},
                headers={"Authorization": f"Bearer {ours.kiosk_token}"},
                timeout=10,
            )
            sent = time.perf_counter()
            called = requests.post(
                big.url + "/api/v1/offices/demo/counters/1/call-next",
                json={"current": {"ticket": ticket, "outcome": "finished"}}
                if ticket
                else {},
                headers=headers,
                timeout=10,
            )
            assert called.status_code == 200
            ticket = called.json()["id"]
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if all(ticket in b.seen for b in boards):
                    break
                time.sleep(0.01)
            missing = sum(ticket not in b.seen for b in boards)
            assert missing == 0, f"{missing} of {DISPLAYS} displays missed {ticket}"
            latencies += [(b.seen[ticket] - sent) * 1000 for b in boards]
        all_ms = max(latencies)
        print(
            f"\n{DISPLAYS} displays, {CALLS} calls: connected in {connect_s:.1f} s;"
            f" call-to-display p50 {statistics.median(latencies):.0f} ms,"
            f" p99 {_percentile(latencies, 0.99):.0f} ms, max {all_ms:.0f} ms"
            " (from the call-next request to each socket's receipt)"
        )
    finally:
        closers = [threading.Thread(target=b.client.disconnect) for b in boards]
        for thread in closers:
            thread.start()
        for thread in closers:
            thread.join(timeout=10)
        big.stop()
