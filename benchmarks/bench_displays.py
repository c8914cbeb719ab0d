"""Call-to-display latency with many lobby boards connected to one office.

Starts one ward server (embedded database, one process), connects N Socket.IO boards
to the demo office (all in one asyncio loop of this process), makes calls at the
counters one at a time and measures, for every board, the time from just before the
call-next request to the board's `ticket.called` handler. The boards share the two
cores with the server, which real lobby TVs do not. Prints the figures and writes
them to benchmarks/results/displays.json (or --output).

    python benchmarks/bench_displays.py [--displays 200] [--calls 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ward_server import ward_server  # noqa: E402
from motcua.demo import COUNTER_FIELDS, DEMO_PASSWORD  # noqa: E402


class Boards:
    """Every board's socket in one asyncio loop of this process, as the city
    benchmark runs them: a lobby TV is a machine of its own, so the boards here
    should cost as little as possible; arrival times per ticket id."""

    def __init__(self) -> None:
        self.arrived: dict[str, list[float]] = defaultdict(list)
        self.clients: list[socketio.AsyncClient] = []

    async def connect(self, url: str, token: str) -> None:
        client = socketio.AsyncClient(reconnection=False)

        async def called(envelope: dict) -> None:
            self.arrived[envelope["data"]["ticket"]["id"]].append(time.perf_counter())

        client.on("ticket.called", called, namespace="/display")
        await client.connect(
            url,
            namespaces=["/display"],
            auth={"office": "demo", "token": token},
            transports=["websocket"],
            wait_timeout=30,
        )
        self.clients.append(client)

    async def close(self) -> None:
        await asyncio.gather(
            *(c.disconnect() for c in self.clients), return_exceptions=True
        )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


async def measure(
    base: str,
    display: str,
    kiosk: str,
    staff: str,
    displays: int,
    calls: int,
    on_connected: Callable[[], object] = lambda: None,
) -> tuple[float, list[float]]:
    """Connect the boards, then call one ticket at a time; from just before each
    call-next request to each board's handler. `on_connected` runs once every
    board is in."""
    boards = Boards()
    started = time.perf_counter()
    limit = asyncio.Semaphore(20)

    async def connect() -> None:
        async with limit:
            await boards.connect(base, display)

    await asyncio.gather(*(connect() for _ in range(displays)))
    connect_s = time.perf_counter() - started
    on_connected()
    latencies: list[float] = []
    current: dict[int, str] = {}
    async with aiohttp.ClientSession() as http:
        for i in range(calls):
            counter = i % 6 + 1
            async with http.post(
                base + "/api/v1/offices/demo/tickets",
                json={"service": COUNTER_FIELDS[counter][0]},  # one it serves
                headers={"Authorization": f"Bearer {kiosk}"},
            ) as issued:
                await issued.read()
            sent = time.perf_counter()
            closing = current.get(counter)  # finished by the same press
            async with http.post(
                base + f"/api/v1/offices/demo/counters/{counter}/call-next",
                json={"current": {"ticket": closing, "outcome": "finished"}}
                if closing
                else {},
                headers={"Authorization": f"Bearer {staff}"},
            ) as called:
                ticket = current[counter] = (await called.json())["id"]
            deadline = time.monotonic() + 30
            while len(boards.arrived[ticket]) < displays:
                if time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.005)
            latencies += [(at - sent) * 1000 for at in boards.arrived[ticket]]
            await asyncio.sleep(0.2)
    await boards.close()
    return connect_s, latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--displays", type=int, default=200)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/displays.json")
    )
    args = parser.parse_args()
    # Each open websocket holds a server thread.
    with ward_server(args.port, args.displays + 40, "displays") as (base, demo):
        staff = requests.post(
            base + "/api/v1/auth/token",
            json={"username": "canbo", "password": DEMO_PASSWORD},
            timeout=10,
        ).json()["token"]
        connect_s, latencies = asyncio.run(
            measure(
                base,
                demo.devices["display"],
                demo.devices["kiosk"],
                staff,
                args.displays,
                args.calls,
            )
        )
    expected = args.displays * args.calls
    results = {
        "displays": args.displays,
        "calls": args.calls,
        "cores": os.cpu_count(),
        "connect_all_s": round(connect_s, 2),
        "deliveries": len(latencies),
        "delivered_share": round(len(latencies) / expected, 4),
        "call_to_display_ms": {
            "p50": percentile(latencies, 0.5),
            "p99": percentile(latencies, 0.99),
            "max": round(max(latencies), 1),
            "mean": round(statistics.mean(latencies), 1),
        },
    }
    print(json.dumps(results, indent=2))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
