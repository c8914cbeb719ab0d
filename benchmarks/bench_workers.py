"""The two worker models side by side: gthread (a thread per connection) and gevent
(a greenlet per connection), chosen with MOTCUA_WORKER.

Each round runs both models in turn, alternating which goes first: ticket issue and
call-next under `wrk -t2 -c30` (call-next: one connection per counter, as in
bench_ceiling.py), then, on a fresh server, 2,000 boards connected to one process and
calls made to them one at a time (from the call-next request to each board's
handler), with the server's memory idle, after the load and with every board
connected. Prints the figures and writes benchmarks/results/workers.json.

    python benchmarks/bench_workers.py [--rounds 2] [--boards 2000] [--calls 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_api import (  # noqa: E402
    call_next_run,
    demo_ward,
    gapless,
    lua_issue,
    rss_mb,
    run_wrk,
    staff_token,
)
from benchmarks.bench_displays import measure, percentile  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402

MODELS = ("gthread", "gevent")


def started(
    model: str, port: int, threads: int, folder: Path, **extra: str
) -> tuple[str, Any, Any, Any]:
    """A ward server of this model on a fresh demo ward: its base URL, the
    process, the database and the demo's accounts."""
    url, database, demo = demo_ward(None, folder)
    env = {
        **os.environ,
        "MOTCUA_WORKER": model,
        "MOTCUA_INSTANCE_PATH": str(folder),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
        # wrk's connections all come from one address.
        "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": "100000",
        **extra,
    }
    log = folder / "server.log"
    server = launch(env, port, log, threads=threads)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, server, log)
    return base, server, database, demo


def throughput(model: str, port: int, duration: int, connections: int) -> dict:
    """Issue and call-next per second on one ward server of this model."""
    folder = Path(tempfile.mkdtemp(prefix=f"motcua-{model}-"))
    base, server, database, demo = started(model, port, 64, folder)
    try:
        idle_mb = rss_mb(server.pid)
        staff = staff_token(base)
        issue = run_wrk(
            base + "/api/v1/offices/demo/tickets",
            lua_issue(demo.devices["kiosk"]),
            duration,
            connections,
        )
        issue["tickets"], issue["gapless"] = gapless(database)
        call = call_next_run(base, staff, duration, connections, database)
        return {
            "issue": issue,
            "call_next": call,
            "memory_mb": {"idle": idle_mb, "after_load": rss_mb(server.pid)},
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def boards(model: str, port: int, count: int, calls: int) -> dict:
    """`count` boards on one process of this model, and calls reaching them."""
    folder = Path(tempfile.mkdtemp(prefix=f"motcua-boards-{model}-"))
    # gthread holds a thread per socket (gevent ignores the count).
    base, server, database, demo = started(model, port, count + 40, folder)
    holding: dict[str, float] = {}
    try:
        connect_s, latencies = asyncio.run(
            measure(
                base,
                demo.devices["display"],
                demo.devices["kiosk"],
                staff_token(base),
                count,
                calls,
                on_connected=lambda: holding.update(mb=rss_mb(server.pid)),
            )
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "boards": count,
        "connect_all_s": round(connect_s, 1),
        "delivered_share": round(len(latencies) / (count * calls), 4),
        "call_to_board_ms": {
            "p50": percentile(latencies, 0.5),
            "p99": percentile(latencies, 0.99),
            "mean": round(statistics.mean(latencies), 1) if latencies else None,
        },
        "memory_with_boards_mb": holding.get("mb"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=30)
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--port", type=int, default=8780)
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/workers.json")
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rounds = []
    for n in range(args.rounds):
        order = MODELS if n % 2 == 0 else MODELS[::-1]
        rounds.append(
            {
                model: throughput(model, args.port, args.duration, args.connections)
                for model in order
            }
        )
        for model in order:
            print(model, json.dumps(rounds[-1][model]))
    held = {}
    if args.boards:
        for model in MODELS:
            held[model] = boards(model, args.port + 1, args.boards, args.calls)
            print(model, json.dumps(held[model]))
    results = {
        "cores": os.cpu_count(),
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "wrk": f"-t2 -c{args.connections} -d{args.duration}s",
        "rounds": rounds,
        "boards": held,
        "gevent_over_gthread": {
            what: [
                round(
                    r["gevent"][what]["requests_per_s"]
                    / r["gthread"][what]["requests_per_s"],
                    2,
                )
                for r in rounds
            ]
            for what in ("issue", "call_next")
        },
    }
    print(json.dumps(results["gevent_over_gthread"]))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
