"""Call-to-display latency for a city: many lobby boards across many offices.

Creates a scratch PostgreSQL database, seeds `--offices` offices (six counters, one
staff member, and `--displays` display devices spread evenly over the offices), starts
`--processes` server processes sharing a Redis message queue, and queues a few tickets
in every office. It then connects every display as a Socket.IO client over websocket
(all in one asyncio loop of this process, display i to server i mod processes) and
calls tickets at a steady `--rate` per second for `--seconds`, round robin over the
offices and their counters and over the servers (so most calls cross Redis to reach
their boards).

Latency, for each call and each display of the called office: the time from just
before the call-next request is written (this process's monotonic clock) to the
moment that display's `ticket.called` handler runs in this process. It includes the
HTTP request, the call-next transaction, the publish through Redis, the server's
websocket write, and this process's own scheduling delay (it shares the two cores).
A display that never receives a call counts as missing, not as a latency.

Also reported: the call-next answer time, and each delivery counted from the moment
that answer was read (negative when the board was first), which splits the latency
between the request and the fan-out.

Every open websocket holds a server thread (motcua.server sizes gunicorn's
`worker_connections` to the threads); the default is four server processes of one
worker, 500 boards each.

Prints the figures and writes benchmarks/results/city_displays.json (or --output),
with the CPU each part used during the calls: servers, this load generator,
PostgreSQL, Redis and the rest of the machine. The database is dropped at the end.

    python benchmarks/bench_city_displays.py [--offices 200] [--displays 2000]
        [--rate 20] [--seconds 30] [--processes 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_city_common import (  # noqa: E402
    ADMIN_URL,
    REDIS_URL,
    CpuMeter,
    percentiles,
    scratch_database,
    stop_servers,
)
from motcua import migrate  # noqa: E402
from motcua.core.auth import issue_staff_token  # noqa: E402
from motcua.core.clock import SystemClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.core.setup import (  # noqa: E402
    add_counter,
    add_device,
    add_service,
    add_user,
    create_office,
)
from motcua.demo import WARD_SERVICES  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402

COUNTERS = 6


@dataclass
class Office:
    slug: str
    kiosk: str
    staff: str
    displays: list[str] = field(default_factory=list)


def seed(url: str, offices: int, displays: int) -> list[Office]:
    database = Database(url)
    migrate.upgrade(database.engine)
    clock = SystemClock()
    seeded, rows = [], []
    with database.transaction() as session:
        for i in range(offices):
            office = create_office(session, clock, f"city-{i + 1}", f"Phường {i + 1}")
            services = [add_service(session, office, spec) for spec in WARD_SERVICES]
            for n in range(1, COUNTERS + 1):
                add_counter(session, office, n, services)
            user = add_user(session, clock, f"city-{i + 1}-staff", "bench-123456",
                            office=office)  # fmt: skip
            session.flush()
            staff = issue_staff_token(session, clock, user)
            _, kiosk = add_device(session, clock, office, "kiosk", "kiosk")
            seeded.append(Office(office.slug, kiosk, staff))
            rows.append(office)
        for d in range(displays):
            office = rows[d % offices]
            _, token = add_device(session, clock, office, "display", f"tv-{d}")
            seeded[d % offices].displays.append(token)
    database.dispose()
    return seeded


class Boards:
    """Every display's socket, in one asyncio loop; arrival times per ticket id."""

    def __init__(self) -> None:
        self.arrived: dict[str, list[float]] = defaultdict(list)
        self.clients: list[socketio.AsyncClient] = []
        self.failed: list[str] = []

    async def connect(self, url: str, slug: str, token: str) -> None:
        client = socketio.AsyncClient(reconnection=False)

        async def called(envelope: dict[str, Any]) -> None:
            self.arrived[envelope["data"]["ticket"]["id"]].append(time.monotonic())

        client.on("ticket.called", called, namespace="/display")
        try:
            await client.connect(
                url,
                namespaces=["/display"],
                auth={"office": slug, "token": token},
                transports=["websocket"],
                wait_timeout=60,
            )
        except Exception as err:  # noqa: BLE001 - counted and reported
            self.failed.append(f"{slug}: {err}")
            return
        self.clients.append(client)

    async def close(self) -> None:
        await asyncio.gather(
            *(c.disconnect() for c in self.clients), return_exceptions=True
        )


async def queue_tickets(
    http: aiohttp.ClientSession, servers: list[str], offices: list[Office], each: int
) -> int:
    """`each` waiting tickets per office, issued through the kiosk API."""
    limit = asyncio.Semaphore(16)

    async def issue(i: int, office: Office) -> int:
        async with limit:
            async with http.post(
                servers[i % len(servers)] + f"/api/v1/offices/{office.slug}/tickets",
                json={"service": "CT"},
                headers={"Authorization": f"Bearer {office.kiosk}"},
            ) as response:
                await response.read()
                return response.status

    statuses = await asyncio.gather(
        *(issue(i, o) for i, o in enumerate(offices) for _ in range(each))
    )
    return sum(1 for s in statuses if s == 201)


@dataclass
class Call:
    slug: str
    sent: float
    status: int = 0
    ticket: str | None = None
    answered_ms: float | None = None


async def call_at_rate(
    http: aiohttp.ClientSession,
    servers: list[str],
    offices: list[Office],
    rate: float,
    seconds: float,
) -> tuple[list[Call], float]:
    """Open loop: call i is sent at start + i / rate, whatever the answers do."""
    calls: list[Call] = []
    tasks = []
    total = int(rate * seconds)
    current: dict[tuple[str, int], str] = {}

    async def one(i: int) -> None:
        office = offices[i % len(offices)]
        counter = (i // len(offices)) % COUNTERS + 1
        call = Call(office.slug, time.monotonic())
        calls.append(call)
        url = servers[i % len(servers)]
        # The citizen this counter called last is finished by the same press.
        closing = current.get((office.slug, counter))
        body = (
            {"current": {"ticket": closing, "outcome": "finished"}} if closing else {}
        )
        try:
            async with http.post(
                url + f"/api/v1/offices/{office.slug}/counters/{counter}/call-next",
                json=body,
                headers={"Authorization": f"Bearer {office.staff}"},
            ) as response:
                call.status = response.status
                if response.status == 200:
                    call.ticket = (await response.json())["id"]
                    current[(office.slug, counter)] = call.ticket
                else:
                    await response.read()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            call.status = -1
        call.answered_ms = (time.monotonic() - call.sent) * 1000

    start = time.monotonic()
    lag = 0.0
    for i in range(total):
        due = start + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            lag = max(lag, -delay)
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    return calls, lag * 1000


async def run_load(
    args: argparse.Namespace, servers: list[str], offices: list[Office], meter: Any
) -> dict[str, Any]:
    connector = aiohttp.TCPConnector(limit=200)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        per_office = -(-int(args.rate * args.seconds) // len(offices)) + 2
        queued = await queue_tickets(http, servers, offices, per_office)
        boards = Boards()
        limit = asyncio.Semaphore(50)
        started = time.monotonic()

        async def connect(i: int, office: Office, token: str) -> None:
            async with limit:
                await boards.connect(servers[i % len(servers)], office.slug, token)

        pairs = [(o, t) for o in offices for t in o.displays]
        await asyncio.gather(*(connect(i, o, t) for i, (o, t) in enumerate(pairs)))
        connect_s = time.monotonic() - started
        await asyncio.sleep(args.settle)
        meter.start()
        sending = time.monotonic()
        calls, send_lag_ms = await call_at_rate(
            http, servers, offices, args.rate, args.seconds
        )
        sent_s = time.monotonic() - sending
        await asyncio.sleep(args.drain)
        cpu = meter.stop()
        await boards.close()
    displays_of = {o.slug: len(o.displays) for o in offices}
    latencies, after_answer, missing = [], [], 0
    for call in calls:
        if call.ticket is None:
            continue
        arrivals = boards.arrived.get(call.ticket, [])
        latencies += [(t - call.sent) * 1000 for t in arrivals]
        answered = call.sent + (call.answered_ms or 0) / 1000
        after_answer += [(t - answered) * 1000 for t in arrivals]
        missing += max(0, displays_of[call.slug] - len(arrivals))
    answered = [c for c in calls if c.ticket is not None]
    return {
        "tickets_queued": queued,
        "displays_connected": len(boards.clients),
        "displays_failed": len(boards.failed),
        "first_connect_errors": boards.failed[:3],
        "connect_all_s": round(connect_s, 1),
        "calls_sent": len(calls),
        "calls_answered_200": len(answered),
        "call_statuses": dict(
            sorted(
                {
                    s: sum(1 for c in calls if c.status == s)
                    for s in {c.status for c in calls}
                }.items()  # fmt: skip
            )
        ),
        "achieved_call_rate_per_s": round(len(calls) / sent_s, 1),
        "send_lag_max_ms": round(send_lag_ms, 1),
        "deliveries": len(latencies),
        "deliveries_missing": missing,
        "call_answer_ms": percentiles([c.answered_ms or 0 for c in answered]),
        "call_to_display_ms": percentiles(latencies),
        # Negative when a board heard the call before the counter read its answer.
        "display_after_answer_ms": percentiles(after_answer),
        "cpu_during_calls": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--displays", type=int, default=2000, help="in all")
    parser.add_argument("--rate", type=float, default=20.0, help="calls a second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="per process")
    parser.add_argument("--settle", type=float, default=5.0)
    parser.add_argument("--drain", type=float, default=5.0)
    parser.add_argument("--port", type=int, default=8870)
    parser.add_argument("--keep-logs", action="store_true", help="keep server logs")
    parser.add_argument(
        "--database-url", default=ADMIN_URL, help="where to make the scratch database"
    )
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/city_displays.json")
    )
    args = parser.parse_args()
    # Each open websocket holds a server thread, plus room for the calls.
    threads = -(-args.displays // (args.processes * args.workers)) + 60
    instance = Path(tempfile.mkdtemp(prefix="motcua-city-displays-"))
    servers = []
    try:
        name = f"motcua_bench_displays_{os.getpid()}"
        with scratch_database(args.database_url, name) as url:
            began = time.monotonic()
            offices = seed(url, args.offices, args.displays)
            seed_s = time.monotonic() - began
            env = {
                **os.environ,
                "MOTCUA_DATABASE_URL": url,
                "MOTCUA_REDIS_URL": args.redis_url,
                "MOTCUA_INSTANCE_PATH": str(instance),
                "MOTCUA_RATELIMIT_ENABLED": "false",
                # Every simulated board comes from this one address.
                "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": "100000",
            }
            urls = []
            for i in range(args.processes):
                log = instance / f"server-{i}.log"
                port = args.port + i
                servers.append(launch(env, port, log, threads, args.workers))
                urls.append(f"http://127.0.0.1:{port}")
            for i, (base, server) in enumerate(zip(urls, servers, strict=True)):
                wait_ready(base, server, instance / f"server-{i}.log")
            requests.get(urls[0] + "/healthz", timeout=10)
            meter = CpuMeter([s.pid for s in servers], args.database_url, name)
            figures = asyncio.run(run_load(args, urls, offices, meter))
    finally:
        stop_servers(servers)
        if args.keep_logs:
            print(f"server logs: {instance}", file=sys.stderr)
        else:
            shutil.rmtree(instance, ignore_errors=True)
    results = {
        "offices": args.offices,
        "displays": args.displays,
        "rate_per_s": args.rate,
        "seconds": args.seconds,
        "server_processes": args.processes,
        "workers_per_process": args.workers,
        "threads_per_worker": threads,
        "database": "postgresql",
        "message_queue": "redis",
        "seed_s": round(seed_s, 1),
        **figures,
    }
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text + "\n")


if __name__ == "__main__":
    main()
