"""Live pages are never wrong: clients that connect while calls are being made, and
clients that missed the office's last event, end with the true state."""

from __future__ import annotations

import random
import threading
import time

import requests
import socketio

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from tests import helpers
from tests.e2e.conftest import LiveServer
from tests.e2e.test_display_board import _token
from tests.e2e.test_scale_out import city  # noqa: F401  (the fixture)

ROUNDS = 30
CLIENTS_PER_ROUND = 6


class Recorder:
    """A client that keeps the snapshot and every enveloped event by seq, whatever
    order python-socketio hands them over in (one thread per message)."""

    def __init__(self, server: LiveServer, namespace: str, auth: dict) -> None:
        self.namespace = namespace
        self.snapshot: dict | None = None
        self.events: dict[int, tuple[str, dict]] = {}
        self.beats: list[dict] = []
        self.changed = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("snapshot", self._snapshot, namespace=namespace)
        self.client.on("heartbeat", self._beat, namespace=namespace)
        self.client.on("*", self._event, namespace=namespace)
        self.client.connect(
            server.url,
            namespaces=[namespace],
            auth=auth,
            transports=["websocket"],
            wait_timeout=20,
        )

    def _snapshot(self, envelope: dict) -> None:
        with self.changed:
            self.snapshot = envelope
            self.changed.notify_all()

    def _beat(self, beat: dict) -> None:
        with self.changed:
            self.beats.append(beat)
            self.changed.notify_all()

    def _event(self, name: str, envelope: dict) -> None:
        with self.changed:
            self.events[envelope["seq"]] = (name, envelope["data"])
            self.changed.notify_all()

    def wait(self, test, timeout: float = 30.0):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (found := test(self)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{self.namespace}: gave up waiting")
                self.changed.wait(left)
            return found

    def after_snapshot(self) -> list[int]:
        """The seqs this client applies: those newer than its snapshot."""
        assert self.snapshot is not None
        return sorted(s for s in self.events if s > self.snapshot["seq"])

    def counters(self) -> dict[int, str | None]:
        """Who each counter shows: the snapshot, then the events in seq order."""
        assert self.snapshot is not None
        shown = {
            c["number"]: c["ticket"]["number"] if c["ticket"] else None
            for c in self.snapshot["data"]["counters"]
        }
        for seq in self.after_snapshot():
            name, data = self.events[seq]
            ticket, counter = data.get("ticket"), data.get("counter")
            if not ticket or not counter:
                continue
            if name in ("ticket.called", "ticket.recalled"):
                shown[counter["number"]] = ticket["number"]
            elif shown.get(counter["number"]) == ticket["number"]:
                if ticket["status"] not in ("called", "serving"):
                    shown[counter["number"]] = None
        return shown

    def close(self) -> None:
        self.client.disconnect()


class Caller(threading.Thread):
    """Staff and a kiosk at full speed: numbers issued, counters calling the next."""

    def __init__(self, server: LiveServer, kiosk: str, staff: str) -> None:
        super().__init__(daemon=True)
        self.server, self.kiosk, self.staff = server, kiosk, staff
        self.stop = threading.Event()
        self.going = threading.Event()
        self.going.set()
        self.step = threading.Lock()  # held while a ticket is issued and called
        self.current: dict[int, str] = {}
        self.calls = 0
        self.http = requests.Session()

    def post(self, path: str, token: str, body: dict | None = None):  # type: ignore[no-untyped-def]
        return self.http.post(
            self.server.url + "/api/v1" + path,
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=20,
        )

    def pause(self) -> None:
        """Stop between two steps: the office holds still until resume()."""
        self.going.clear()
        with self.step:
            pass

    def resume(self) -> None:
        self.going.set()

    def run(self) -> None:
        pick = random.Random(16)
        while not self.stop.is_set():
            self.going.wait(1)
            with self.step:
                if self.going.is_set() and not self.stop.is_set():
                    self.once(pick)

    def once(self, pick: random.Random) -> None:
        """A ticket issued; a counter closes its citizen and calls the next."""
        code = pick.choice(["CT", "HT"])
        assert self.post("/offices/demo/tickets", self.kiosk, {"service": code}).ok
        counter = pick.choice([1, 2, 3])
        if counter in self.current:
            for step in ("start", "finish"):
                done = self.post(f"/tickets/{self.current[counter]}/{step}", self.staff)
                assert done.ok, done.text
        answer = self.post(f"/offices/demo/counters/{counter}/call-next", self.staff)
        assert answer.status_code in (200, 204), answer.text
        self.current.pop(counter, None)
        if answer.status_code == 200:
            self.current[counter] = answer.json()["id"]
            self.calls += 1


def _truth(server: LiveServer, token: str) -> dict:
    response = requests.get(
        server.url + "/api/v1/offices/demo/snapshot",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 200
    return dict(response.json())


def _counters(truth: dict) -> dict[int, str | None]:
    """Who each counter shows in a snapshot."""
    return {
        c["number"]: c["ticket"]["number"] if c["ticket"] else None
        for c in truth["counters"]
    }


def _join(server: LiveServer, auths: list[tuple[str, dict]]) -> list[Recorder]:
    """Clients connecting all at once."""
    clients: list[Recorder] = []
    threads = [
        threading.Thread(target=lambda a=a: clients.append(Recorder(server, *a)))
        for a in auths
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(clients) == len(auths)
    return clients


def _nothing_lost(client: Recorder, upto: int) -> None:
    """Every event after the client's snapshot, up to seq `upto`, reached it."""
    client.wait(
        lambda c: c.snapshot is not None and max([c.snapshot["seq"], *c.events]) >= upto
    )
    start = client.snapshot["seq"]  # type: ignore[index]
    applied = [s for s in client.after_snapshot() if s <= upto]
    assert applied == list(range(start + 1, upto + 1)), client.namespace


def test_clients_joining_during_calls_end_with_the_true_state(live):
    """Round after round, boards, kiosks and consoles connect while calls are being
    made; none misses an event after its snapshot, and each board and kiosk shows
    what is true once the calls pause, every round."""
    server, ours, _ = live
    staff = _token(server, "demo-staff")
    caller = Caller(server, ours.kiosk_token, staff)
    caller.start()
    auths = [
        ("/display", {"office": "demo", "token": ours.display_token}),
        ("/kiosk", {"office": "demo", "token": ours.kiosk_token}),
        ("/counter", {"office": "demo", "token": staff, "counter": 3}),
    ]
    clients: list[Recorder] = []
    try:
        for n in range(ROUNDS):
            for client in clients:
                client.close()
            clients = _join(
                server, [auths[(n + k) % 3] for k in range(CLIENTS_PER_ROUND)]
            )
            caller.pause()
            truth = _truth(server, ours.display_token)
            for client in clients:
                _nothing_lost(client, truth["seq"])
                if client.namespace != "/counter":
                    assert client.counters() == _counters(truth), (n, client.namespace)
            caller.resume()
    finally:
        caller.stop.set()
        caller.join()
    assert caller.calls >= ROUNDS // 2  # calls were made all along
    truth = _truth(server, ours.display_token)
    for client in clients:
        _nothing_lost(client, truth["seq"])
        if client.namespace != "/counter":
            assert client.counters() == _counters(truth)
        client.close()


def test_a_client_that_missed_the_last_event_learns_it_from_the_heartbeat(beating):
    server, ours, _ = beating
    board = Recorder(
        server, "/display", {"office": "demo", "token": ours.display_token}
    )
    status = None
    try:
        board.wait(lambda c: c.snapshot is not None)
        first = board.wait(lambda c: c.beats)[0]
        assert first == {"office": "demo", "seq": board.snapshot["seq"]}  # type: ignore[index]
        # A call the board never hears of: committed by another program (or a process
        # that died before publishing it).
        database = Database(server.env["MOTCUA_DATABASE_URL"])
        clock = SystemClock()
        ticket = helpers.issue(database, "demo", ours.kiosk, clock, "CT")
        helpers.call_next(database, "demo", ours.staff, clock, 1)
        database.dispose()
        missed = board.snapshot["seq"] + 2  # type: ignore[index]
        beat = board.wait(lambda c: [b for b in c.beats if b["seq"] == missed])[0]
        assert beat["office"] == "demo" and not board.events
        # The client asks for the state again, as the pages do, and sees the call.
        fresh = board.client.call("snapshot", {"office": "demo"}, namespace="/display")
        assert fresh["seq"] == missed
        counters = {c["number"]: c["ticket"] for c in fresh["data"]["counters"]}
        assert counters[1]["number"] == str(ticket.number)
        # A ticket's status page beats too and answers the same question.
        status = Recorder(server, "/status", {"ticket": ticket.id})
        status.wait(lambda c: c.snapshot is not None)
        assert status.snapshot["seq"] == missed  # type: ignore[index]
        status.wait(lambda c: c.beats)
        again = status.client.call("snapshot", {}, namespace="/status")
        assert again["data"]["status"] == "called" and again["seq"] == missed
    finally:
        board.close()
        if status is not None:
            status.close()


def test_every_process_of_a_city_beats_for_its_own_boards(monkeypatch, request):
    """Two processes on PostgreSQL and Redis: a board on each hears the seq of a call
    neither published, read from the database they share."""
    monkeypatch.setenv("MOTCUA_HEARTBEAT_S", "1")
    one, two, world = request.getfixturevalue("city")
    auth = {"office": "demo", "token": world.display_token}
    boards = [Recorder(one, "/display", auth), Recorder(two, "/display", auth)]
    try:
        for board in boards:
            board.wait(lambda c: c.snapshot is not None and c.beats)
        database = Database(one.env["MOTCUA_DATABASE_URL"])
        helpers.issue(database, "demo", world.kiosk, SystemClock(), "CT")
        database.dispose()
        for board in boards:
            missed = board.snapshot["seq"] + 1  # type: ignore[index]
            board.wait(lambda c, m=missed: [b for b in c.beats if b["seq"] == m])
            assert not board.events
    finally:
        for board in boards:
            board.close()
