"""2,000 boards on one server process, with plain sockets as the boards.

The boards speak just enough WebSocket, Engine.IO and Socket.IO to join /display
(tests/e2e/test_two_thousand_sockets.py), all in one thread of this process, so
the server's own cost shows: per call, the server's CPU (the call-next, the emit to
every board, and the pings meanwhile), the call-next answer and the time until every
board has the call. MOTCUA_WORKER=gthread measures the gthread worker (gevent is
the default).

    python benchmarks/bench_sockets.py [--boards 2000] [--calls 10]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_api import children, demo_ward, staff_token  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402
from motcua.server import worker_model  # noqa: E402
from tests.e2e.test_two_thousand_sockets import RawBoard, wait_for  # noqa: E402


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def measure(
    base: str, port: int, demo: object, count: int, calls: int, pid: int
) -> dict:
    boards: list[RawBoard] = []
    while len(boards) < count:
        boards += [RawBoard(port, demo.devices["display"]) for _ in range(200)]  # type: ignore[attr-defined]
        wait_for(boards, lambda b: b.joined, 120)  # every board answers its pings
    kiosk = {"Authorization": "Bearer " + demo.devices["kiosk"]}  # type: ignore[attr-defined]
    staff = {"Authorization": "Bearer " + staff_token(base)}
    for _ in range(calls + 2):
        requests.post(
            base + "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers=kiosk,
            timeout=60,
        )
    wait_for(boards, lambda b: False, 2)
    used, answers, everyone, current = cpu_s(pid), [], [], None
    for _ in range(calls):
        sent = time.perf_counter()
        body = (
            {"current": {"ticket": current, "outcome": "finished"}} if current else {}
        )
        path = "/api/v1/offices/demo/counters/1/call-next"
        current = requests.post(
            base + path, json=body, headers=staff, timeout=60
        ).json()["id"]
        answers.append((time.perf_counter() - sent) * 1000)

        def heard(board: RawBoard, ticket: str = current) -> bool:
            return any("ticket.called" in t and ticket in t for t in board.texts)

        wait_for(boards, heard, 60)
        assert all(heard(b) for b in boards), "a board missed a call"
        everyone.append((time.perf_counter() - sent) * 1000)
    used = cpu_s(pid) - used
    for board in boards:
        board.sock.close()
    return {
        "boards": count,
        "calls": calls,
        "server_cpu_ms_per_call": round(used / calls * 1000),
        "answer_ms": sorted(round(a) for a in answers),
        "all_boards_ms": sorted(round(a) for a in everyone),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--port", type=int, default=8797)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="motcua-sockets-"))
    url, database, demo = demo_ward(None, folder)
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(folder),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
        # Every board comes from this one address.
        "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": str(args.boards + 100),
    }
    log = folder / "server.log"
    server = launch(env, args.port, log, threads=args.boards + 60)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_ready(base, server, log)
        result = measure(
            base, args.port, demo, args.boards, args.calls, children(server.pid)[0]
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "worker": worker_model(),
        "load": os.getloadavg()[0],
        **result,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
