"""motcua against its own ceiling, side by side in one run.

Three rounds, each: the raw ceiling (benchmarks/ceiling_app.py: bare Flask + gunicorn
gthread + one SQLite upsert per request), then motcua's ticket issue, then motcua's
call-next (on the default worker model, or MOTCUA_WORKER's), all under the same
`wrk -t2 -c30 -d8s` on the same machine. Absolute figures drift by a third on a
shared machine; the ratios measured side by side do not.
Prints the figures and writes them to benchmarks/results/ceiling.json.

    python benchmarks/bench_ceiling.py [--rounds 3] [--duration 8] [--connections 30]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_api import (  # noqa: E402
    call_next_run,
    demo_ward,
    gapless,
    lua_issue,
    run_wrk,
    staff_token,
)
from motcua.processes import launch, wait_ready  # noqa: E402
from motcua.server import worker_model  # noqa: E402

LUA_UPSERT = """
local n = 0
request = function()
  n = n + 1
  local body = '{"service": "F' .. (n % 9) .. '"}'
  return wrk.format("POST", "/upsert", {["Content-Type"] = "application/json"}, body)
end
"""


def ceiling(port: int, duration: int, connections: int, folder: Path) -> dict:
    env = {**os.environ, "CEILING_DB": str(folder / "ceiling.db")}
    command = [
        sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "64",
        "-w", "1", "-b", f"127.0.0.1:{port}", "--no-control-socket",
        "benchmarks.ceiling_app:app",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.post(base + "/upsert", json={}, timeout=1)
                break
            except requests.ConnectionError:
                subprocess.run(["sleep", "0.1"], check=True)
        return run_wrk(base + "/upsert", LUA_UPSERT, duration, connections)
    finally:
        server.terminate()
        server.wait(timeout=30)


def motcua(port: int, duration: int, connections: int, folder: Path) -> dict:
    url, database, demo = demo_ward(None, folder)
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(folder),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
        # wrk's connections all come from one address.
        "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": "100000",
    }
    log = folder / "server.log"
    server = launch(env, port, log, threads=64)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, log)
        staff = staff_token(base)
        issue = run_wrk(
            base + "/api/v1/offices/demo/tickets",
            lua_issue(demo.devices["kiosk"]),
            duration,
            connections,
        )
        issue["tickets"], issue["gapless"] = gapless(database)
        call = call_next_run(base, staff, duration, connections, database)
        return {"issue": issue, "call_next": call}
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()


def one_round(args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="motcua-ceiling-"))
    try:
        raw = ceiling(args.port, args.duration, args.connections, folder)
        ours = motcua(args.port + 1, args.duration, args.connections, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    top = raw["requests_per_s"]
    return {
        "ceiling": raw,
        **ours,
        "issue_ratio": round(ours["issue"]["requests_per_s"] / top, 3),
        "call_next_ratio": round(ours["call_next"]["requests_per_s"] / top, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=30)
    parser.add_argument("--port", type=int, default=8770)
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/ceiling.json")
    )
    args = parser.parse_args()
    rounds = [one_round(args) for _ in range(args.rounds)]
    for i, r in enumerate(rounds, 1):
        print(
            f"round {i}: ceiling {r['ceiling']['requests_per_s']:.0f}/s, "
            f"issue {r['issue']['requests_per_s']:.0f}/s ({r['issue_ratio']:.2f}), "
            f"call-next {r['call_next']['requests_per_s']:.0f}/s "
            f"({r['call_next_ratio']:.2f})"
        )
    results = {
        "cores": os.cpu_count(),
        "worker": worker_model(),
        "load_before": os.getloadavg()[0],
        "wrk": f"-t2 -c{args.connections} -d{args.duration}s",
        "rounds": rounds,
        "median_issue_ratio": statistics.median(r["issue_ratio"] for r in rounds),
        "median_call_next_ratio": statistics.median(
            r["call_next_ratio"] for r in rounds
        ),
    }
    print(json.dumps({k: v for k, v in results.items() if k != "rounds"}, indent=2))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
