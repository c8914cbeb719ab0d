"""Call-to-display latency with many lobby boards connected to one office.

Starts one ward server (embedded database), connects N Socket.IO boards to the demo
office, makes calls at the counters and measures, for every board, the time from the
call request to the board receiving `ticket.called`. Prints the figures and writes
them to benchmarks/results/displays.json (or --output).

    python benchmarks/bench_displays.py [--displays 200] [--calls 20]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua import migrate  # noqa: E402
from motcua.core.clock import SystemClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.demo import DEMO_PASSWORD, seed_demo  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402


class Board:
    """A display socket that notes when each call reached it."""

    def __init__(self, url: str, token: str, seen: threading.Condition) -> None:
        self.arrived: dict[str, float] = {}
        self.condition = seen
        self.client = socketio.Client(reconnection=False)
        self.client.on("ticket.called", self._called, namespace="/display")
        self.client.connect(
            url,
            namespaces=["/display"],
            auth={"office": "demo", "token": token},
            transports=["websocket"],
            wait_timeout=30,
        )

    def _called(self, envelope: dict) -> None:
        with self.condition:
            self.arrived[envelope["data"]["ticket"]["id"]] = time.perf_counter()
            self.condition.notify_all()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def measure(base: str, kiosk: str, staff: str, boards: list[Board], calls: int):
    latencies: list[float] = []
    condition = boards[0].condition
    for i in range(calls):
        requests.post(
            base + "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=30,
        )
        started = time.perf_counter()
        ticket = requests.post(
            base + f"/api/v1/offices/demo/counters/{i % 6 + 1}/call-next",
            headers={"Authorization": f"Bearer {staff}"},
            timeout=30,
        ).json()["id"]
        deadline = time.monotonic() + 30
        with condition:
            while not all(ticket in b.arrived for b in boards):
                if not condition.wait(max(0.0, deadline - time.monotonic())):
                    break
        latencies += [
            (b.arrived[ticket] - started) * 1000 for b in boards if ticket in b.arrived
        ]
        time.sleep(0.2)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--displays", type=int, default=200)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/displays.json")
    )
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="motcua-displays-"))
    url = f"sqlite:///{instance / 'motcua.db'}"
    database = Database(url)
    migrate.upgrade(database.engine)
    with database.transaction() as session:
        demo = seed_demo(session, SystemClock())
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(instance),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
    }
    log = instance / "server.log"
    # Each open websocket holds a server thread.
    server = launch(env, args.port, log, threads=args.displays + 40)
    base = f"http://127.0.0.1:{args.port}"
    boards: list[Board] = []
    try:
        wait_ready(base, server, log)
        staff = requests.post(
            base + "/api/v1/auth/token",
            json={"username": "canbo", "password": DEMO_PASSWORD},
            timeout=10,
        ).json()["token"]
        seen = threading.Condition()
        started = time.perf_counter()
        boards = [
            Board(base, demo.devices["display"], seen) for _ in range(args.displays)
        ]
        connect_s = time.perf_counter() - started
        latencies = measure(base, demo.devices["kiosk"], staff, boards, args.calls)
    finally:
        for board in boards:
            board.client.disconnect()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(instance, ignore_errors=True)
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
