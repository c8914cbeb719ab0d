"""`motcua simulate`: a realistic day of one or many offices, through the real API.

Arrivals follow the morning rush, fields and service times follow DOMAIN.md, counters
call and finish over REST, displays listen over Socket.IO. The servers run with an
accelerated clock so a day replays in minutes. It is a demo and the load generator.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from motcua.core.db import Database
from motcua.processes import launch, wait_ready
from motcua.timed import Scheduler
from motcua.ward_day import (
    PASSWORD,
    Office,
    Plan,
    arrivals,
    seed_offices,
    service_seconds,
)

# A counter whose call-next failed tries again after this many simulated seconds.
RETRY_S = 120.0
# Threads for the counters' requests and, apart, for the kiosks': when the servers
# fall behind, a backlog of arrivals does not hold up the counters (nor the reverse).
SCHEDULER_WORKERS = 64
KIOSK_WORKERS = 32


@dataclass
class Figures:
    issued: int = 0
    served: int = 0
    errors: list[str] = field(default_factory=list)
    failed: int = 0
    requests: int = 0
    wait_errors_s: list[float] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class OfficeDay:
    """One office's day: a kiosk issuing on schedule and counters serving."""

    def __init__(self, sim: Simulation, office: Office, day: list[tuple[float, str]]):
        self.sim, self.office, self.day = sim, office, day
        self.issued = 0
        self.estimates: dict[str, int | None] = {}
        # Calls that came back before the kiosk had read its own ticket's answer.
        self.early_calls: dict[str, dict[str, Any]] = {}
        # Each counter's presses of "call next": a retried press keeps its key.
        self.presses: dict[int, int] = {}
        # Counters that found nobody waiting: like staff watching the console, they
        # call as soon as the next citizen takes a number.
        self.idle: list[int] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        for n, (seconds, code) in enumerate(self.day):
            at = self.sim.real_at(seconds)
            self.sim.kiosks.at(at, partial(self.issue, code, n))
        for counter in range(1, self.office.counters + 1):
            self.sim.scheduler.at(self.sim.real_at(0), partial(self.call, counter))

    def issue(self, code: str, n: int) -> None:
        # Like the kiosk: a key makes a retried request give the same ticket.
        body = self.sim.post(
            f"/api/v1/offices/{self.office.slug}/tickets",
            self.office.kiosk,
            {"service": code},
            expect=201,
            key=f"sim-{self.sim.plan.seed}-{n}",
        )
        early, wake = None, None
        with self.lock:
            self.issued += 1
            if body is not None:
                self.estimates[body["id"]] = body["estimated_wait_s"]
                early = self.early_calls.pop(body["id"], None)
                wake = self.idle.pop(0) if self.idle else None
        if body is not None and early is not None:
            self.sim.record_call(self.office.slug, early, body["estimated_wait_s"])
        if wake is not None:
            self.sim.scheduler.at(time.time(), lambda: self.call(wake))

    def call(self, counter: int, closing: str | None = None) -> None:
        """Press call-next; `closing` names the citizen just served ("Xong, gọi
        tiếp": finish and call in one request)."""
        started = time.monotonic()
        self.sim.called_at_real[(self.office.slug, counter)] = started
        with self.lock:
            self.presses[counter] = press = self.presses.get(counter, 0) + 1
            issued_before = self.issued
        current = {"ticket": closing, "outcome": "finished"} if closing else None
        answered, body = self.sim.request(
            f"/api/v1/offices/{self.office.slug}/counters/{counter}/call-next",
            self.office.staff,
            {"current": current} if current else None,
            expect=(200, 204),
            key=f"sim-{self.sim.plan.seed}-{counter}-{press}",
        )
        if answered and closing:
            with self.sim.figures.lock:
                self.sim.figures.served += 1
        if body is None:
            if not answered:  # a failed request is tried again later
                later = time.time() + RETRY_S / self.sim.plan.speed
                self.sim.scheduler.at(later, lambda: self.call(counter, closing))
                return
            with self.lock:
                # A number given while the answer was on its way: call again.
                again = self.issued != issued_before
                if not again:
                    self.idle.append(counter)
            if again:
                self.sim.scheduler.at(time.time(), lambda: self.call(counter))
            return
        with self.lock:
            known = body["id"] in self.estimates
            if not known:
                self.early_calls[body["id"]] = body
        if known:
            self.sim.record_call(self.office.slug, body, self.estimates[body["id"]])
        self.sim.scheduler.at(
            time.time()
            + service_seconds(
                self.sim.plan.seed,
                self.office.slug,
                body["number"],
                body["service"]["code"],
            )
            / self.sim.plan.speed,
            lambda: self.finish(counter, body["id"]),
        )

    def finish(self, counter: int, ticket_id: str) -> None:
        """The citizen is served: finish them and call the next in one press."""
        self.call(counter, ticket_id)


class Simulation:
    def __init__(self, plan: Plan, servers: list[str], offices: list[Office]) -> None:
        self.plan, self.servers, self.offices = plan, servers, offices
        self.rng = random.Random(plan.seed)
        self.figures = Figures()
        self.scheduler = Scheduler(workers=min(SCHEDULER_WORKERS, 8 * len(offices) + 8))
        self.kiosks = Scheduler(workers=min(KIOSK_WORKERS, 4 * len(offices) + 4))
        self.real_start = 0.0
        self.called_at_real: dict[tuple[str, int], float] = {}
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=8, pool_maxsize=SCHEDULER_WORKERS + KIOSK_WORKERS
        )
        self.session.mount("http://", adapter)
        self.next_server = itertools.cycle(servers)

    def real_at(self, seconds_after_seven: float) -> float:
        return self.real_start + seconds_after_seven / self.plan.speed

    def post(
        self,
        path: str,
        token: str,
        body: dict[str, Any] | None,
        expect: int | tuple[int, ...] = 200,
        key: str | None = None,
    ) -> dict[str, Any] | None:
        return self.request(path, token, body, expect, key)[1]

    def request(
        self,
        path: str,
        token: str,
        body: dict[str, Any] | None,
        expect: int | tuple[int, ...] = 200,
        key: str | None = None,
    ) -> tuple[bool, dict[str, Any] | None]:
        """POST to the next server: (answered as expected, the JSON answer).

        With an idempotency key, as the kiosk and the consoles send, a connection
        lost before the answer (a server closing an idle keep-alive connection as
        the request goes out) is tried once more.
        """
        expected = (expect,) if isinstance(expect, int) else expect
        url = next(self.next_server) + path
        headers = {"Authorization": f"Bearer {token}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        tries = 2 if key else 1
        for attempt in range(1, tries + 1):
            try:
                response = self.session.post(
                    url, json=body, headers=headers, timeout=30
                )
                break
            except requests.RequestException as err:
                again = isinstance(err, requests.ConnectionError) and attempt < tries
                if not again:
                    self._error(f"{path}: {err}")
                    return False, None
        with self.figures.lock:
            self.figures.requests += 1
        if response.status_code not in expected:
            self._error(f"{path}: {response.status_code} {response.text[:200]}")
            return False, None
        if response.status_code == 201:
            with self.figures.lock:
                self.figures.issued += 1
        if response.status_code in (200, 201):
            return True, response.json()
        return True, None

    def _error(self, text: str) -> None:
        with self.figures.lock:
            self.figures.failed += 1
            if len(self.figures.errors) < 50:
                self.figures.errors.append(text)

    def record_call(
        self, slug: str, ticket: dict[str, Any], estimate: int | None
    ) -> None:
        if estimate is None or not ticket.get("called_at"):
            return
        issued = datetime.fromisoformat(ticket["issued_at"])
        called = datetime.fromisoformat(ticket["called_at"])
        actual = (called - issued).total_seconds()
        with self.figures.lock:
            self.figures.wait_errors_s.append(actual - estimate)

    def login(self) -> None:
        for office in self.offices:
            response = self.session.post(
                self.servers[0] + "/api/v1/auth/token",
                json={"username": f"{office.slug}-staff", "password": PASSWORD},
                timeout=30,
            )
            office.staff = response.json()["token"]

    def listen(self) -> list[Any]:
        """Displays: each records how long a call took to reach it."""
        import socketio

        clients = []
        for office in self.offices:
            for _ in range(self.plan.displays):
                client = socketio.Client(reconnection=True)
                client.on(
                    "ticket.called", self._on_call(office.slug), namespace="/display"
                )
                client.connect(
                    next(self.next_server),
                    namespaces=["/display"],
                    auth={"office": office.slug, "token": office.display},
                    transports=["websocket"],
                    wait_timeout=30,
                )
                clients.append(client)
        return clients

    def _on_call(self, slug: str) -> Callable[[dict[str, Any]], None]:
        def record(message: dict[str, Any]) -> None:
            counter = message["data"]["counter"]["number"]
            started = self.called_at_real.get((slug, counter))
            if started is not None:
                with self.figures.lock:
                    self.figures.latencies_ms.append(
                        (time.monotonic() - started) * 1000
                    )

        return record

    def run(self, max_seconds: float | None = None) -> bool:
        """Replay the day; False when `max_seconds` cut it short."""
        days = [OfficeDay(self, o, arrivals(self.plan, self.rng)) for o in self.offices]
        for day in days:
            day.start()
        length = (17 - 7) * 3600 * 1.6 / self.plan.speed
        # A safety net only: the run ends when every job is done.
        until = self.real_start + 2 * length + 120
        if max_seconds is not None:
            until = min(until, time.time() + max_seconds)
        kiosks = threading.Thread(target=self.kiosks.run, args=(until,), daemon=True)
        kiosks.start()
        # Counters with nobody to call have nothing scheduled until a citizen
        # arrives: the counters' scheduler runs again while the kiosks still issue.
        while kiosks.is_alive() and time.time() < until:
            self.scheduler.run(until=until)
            kiosks.join(timeout=0.2)
        kiosks.join()
        self.scheduler.run(until=until)
        cut = False
        for scheduler in (self.kiosks, self.scheduler):
            with scheduler.cond:
                cut = cut or bool(scheduler.heap)
                scheduler.heap.clear()
        for scheduler in (self.kiosks, self.scheduler):
            scheduler.pool.shutdown(wait=True, cancel_futures=True)
        return not cut


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def report(sim: Simulation, seconds: float) -> dict[str, Any]:
    f = sim.figures
    errors = [abs(error) for error in f.wait_errors_s]
    return {
        "offices": sim.plan.offices,
        "tickets_planned": sim.plan.tickets * sim.plan.offices,
        "issued": f.issued,
        "served": f.served,
        "requests": f.requests,
        "errors": f.failed,
        "first_errors": f.errors[:5],
        "speed": sim.plan.speed,
        "seconds": round(seconds, 1),
        "requests_per_s": round(f.requests / seconds, 1) if seconds else None,
        "call_to_display_ms": {
            "count": len(f.latencies_ms),
            "p50": _percentile(f.latencies_ms, 0.5),
            "p99": _percentile(f.latencies_ms, 0.99),
        },
        "estimated_wait_abs_error_min": {
            "count": len(errors),
            "median": round(statistics.median(errors) / 60, 2) if errors else None,
            "p90": _minutes(_percentile(errors, 0.9)),
            # Positive: citizens waited longer than they were told.
            "median_signed": (
                round(statistics.median(f.wait_errors_s) / 60, 2) if errors else None
            ),
        },
    }


def virtual_start(tz: str = "Asia/Ho_Chi_Minh") -> datetime:
    """07:00 today in the office's timezone, when numbers start to be issued."""
    now = datetime.now(ZoneInfo(tz))
    return now.replace(hour=7, minute=0, second=0, microsecond=0)


def dumps(figures: dict[str, Any]) -> str:
    return json.dumps(figures, indent=2, ensure_ascii=False)


def simulate_day(
    plan: Plan,
    database_url: str | None = None,
    redis_url: str | None = None,
    processes: int = 1,
    port: int = 8800,
    watch: Callable[[list[int]], Callable[[], dict[str, Any]]] | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """Seed the offices, start the servers with a fast clock, replay the day.

    `watch`, if given, is called with the server process ids as the day starts;
    what the function it returns gives at the end of the day is reported as "watch".
    `max_seconds` stops the day after that long (reported as "cut_short").
    """
    from motcua import migrate

    instance = Path(tempfile.mkdtemp(prefix="motcua-simulate-"))
    url = database_url or f"sqlite:///{instance / 'motcua.db'}"
    database = Database(url)
    migrate.upgrade(database.engine)
    offices = seed_offices(database, plan)
    database.dispose()
    real_start = time.time() + 10
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_INSTANCE_PATH": str(instance),
        "MOTCUA_RATELIMIT_ENABLED": "false",
        "MOTCUA_CLOCK_SPEED": str(plan.speed),
        "MOTCUA_CLOCK_START": virtual_start().isoformat(),
        "MOTCUA_CLOCK_REAL_START": str(real_start),
    }
    if redis_url:
        env["MOTCUA_REDIS_URL"] = redis_url
    # Each open display socket holds a server thread; requests need the rest.
    sockets = -(-plan.offices * plan.displays // processes)
    threads = sockets + SCHEDULER_WORKERS + KIOSK_WORKERS + 40
    # The simulator is one address: every board, kiosk and console of the city
    # connects from it (the gate holds an address to 50 connections otherwise).
    env["MOTCUA_MAX_CONNECTIONS_PER_CLIENT"] = str(threads)
    servers, urls = [], []
    keep_logs = False
    try:
        for i in range(processes):
            log = instance / f"server-{i}.log"
            servers.append(launch(env, port + i, log, threads=threads))
            urls.append(f"http://127.0.0.1:{port + i}")
            wait_ready(urls[-1], servers[-1], log)
        sim = Simulation(plan, urls, offices)
        sim.login()
        displays = sim.listen()
        sim.real_start = max(real_start, time.time())
        stop_watch = watch([server.pid for server in servers]) if watch else None
        began = time.time()
        whole = sim.run(max_seconds)
        seconds = time.time() - began
        watched = stop_watch() if stop_watch else None
        for client in displays:
            client.disconnect()
        figures = report(sim, seconds)
        if not whole:
            figures["cut_short"] = True
        if figures["errors"]:
            keep_logs = True
            figures["server_logs"] = str(instance)
        if watched is not None:
            figures["watch"] = watched
        return figures
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        if not keep_logs:
            shutil.rmtree(instance, ignore_errors=True)
