"""Tickets issued and call-next per second through the REST API, with wrk.

One ward server (gunicorn, gthread, one worker) on the embedded SQLite database,
or on PostgreSQL with --database-url, with several workers sharing Redis with
--workers N --redis-url. Prints the figures and writes them to
benchmarks/results/api.json (or --output).

    python benchmarks/bench_api.py [--duration 8] [--connections 30]
    python benchmarks/bench_api.py --database-url postgresql://127.0.0.1/motcua_bench \
        --workers 2 --redis-url redis://127.0.0.1:6379/0 --output .../api_pg.json

The PostgreSQL database is emptied first (its tables dropped and made again).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua import migrate  # noqa: E402
from motcua.core.clock import SystemClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.demo import DEMO_PASSWORD, WARD_SERVICES, seed_demo  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402

COUNT_STATUSES = """
statuses = {}
done = function(summary, latency, requests) end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
"""


def lua_issue(token: str) -> str:
    """POST a ticket, rotating over the nine demo fields (each has 999 numbers)."""
    codes = ", ".join(f'"{spec.code}"' for spec in WARD_SERVICES)
    return f"""
local codes = {{{codes}}}
local n = 0
request = function()
  n = n + 1
  local body = '{{"service": "' .. codes[(n % #codes) + 1] .. '"}}'
  return wrk.format("POST", nil, {{
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer {token}",
  }}, body)
end
"""


def lua_call_next(token: str, counters: int) -> str:
    """ "Xong, gọi tiếp": each press names the citizen its counter called last (read
    from the answers of this wrk thread; each thread has its own counters). A press
    whose citizen another connection closed first is refused (409), as a stale
    console press is, and counted apart."""
    return f"""
local n, first, count = 0, 1, {counters}
local current = {{}}
local done_json = '", "outcome": "finished"}}}}'
statuses = {{}}
setup = function(thread)
  thread:set("thread_id", (thread_count or 0))
  thread_count = (thread_count or 0) + 1
end
init = function(args)
  local half = math.floor({counters} / 2)
  first = (thread_id or 0) * half + 1
  count = half
end
request = function()
  n = n + 1
  local counter = first + (n % count)
  local path = "/api/v1/offices/demo/counters/" .. counter .. "/call-next"
  local body = ""
  if current[counter] then
    body = '{{"current": {{"ticket": "' .. current[counter] .. done_json
  end
  return wrk.format("POST", path, {{
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer {token}",
  }}, body)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 then
    local id = body:match('"id":%s*"([^"]+)"')
    local number = body:match('"counter":%s*{{[^}}]*"number":%s*(%d+)')
    if id and number then current[tonumber(number)] = id end
  end
end
"""


def run_wrk(url: str, script: str, duration: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-s",
            handle.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(handle.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "requests_per_s": rate,
        "requests": total,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else None,
    }


def rss_mb(pid: int) -> float:
    """Resident memory of the process and its children (the gunicorn worker)."""
    total = 0
    for proc in [pid, *children(pid)]:
        for line in Path(f"/proc/{proc}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def gapless(database: Database) -> tuple[int, bool]:
    """Tickets made, and whether every field's numbers run from its start, unbroken."""
    from sqlalchemy import text

    with database.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT issued_service_id, number FROM tickets ORDER BY number")
        ).all()
    fields: dict[int, list[int]] = {}
    for service, number in rows:
        fields.setdefault(service, []).append(number)
    ok = all(
        numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        and numbers[0] % 1000 == 1
        for numbers in fields.values()
    )
    return len(rows), ok


def empty(database: Database) -> None:
    """A PostgreSQL database back to nothing, so each run starts the same."""
    from sqlalchemy import text

    with database.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))


def staff_token(base: str) -> str:
    """A bearer token of the demo office's clerk."""
    return str(
        requests.post(
            base + "/api/v1/auth/token",
            json={"username": "canbo", "password": DEMO_PASSWORD},
            timeout=10,
        ).json()["token"]
    )


def demo_ward(database_url: str | None, folder: Path) -> tuple[str, Database, Any]:
    """The demo ward on the PostgreSQL database given (emptied first) or on a new
    SQLite file in `folder`: its URL, the database and the seeded demo."""
    url = database_url or f"sqlite:///{folder / 'motcua.db'}"
    database = Database(url)
    if database_url:
        empty(database)
    migrate.upgrade(database.engine)
    with database.transaction() as session:
        demo = seed_demo(session, SystemClock())
    return url, database, demo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis-url", default=None)
    parser.add_argument("--output", default=str(ROOT / "benchmarks/results/api.json"))
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    url, database, demo = demo_ward(args.database_url, instance)
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(instance),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
        **({"MOTCUA_REDIS_URL": args.redis_url} if args.redis_url else {}),
    }
    log = instance / "server.log"
    server = launch(env, args.port, log, threads=64, workers=args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_ready(base, server, log)
        idle_mb = rss_mb(server.pid)
        staff = staff_token(base)
        issue = run_wrk(
            base + "/api/v1/offices/demo/tickets",
            lua_issue(demo.devices["kiosk"]),
            args.duration,
            args.connections,
        )
        issue["tickets"], issue["gapless"] = gapless(database)
        call = run_wrk(
            base + "/", lua_call_next(staff, 6), args.duration, args.connections
        )
        loaded_mb = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()
        shutil.rmtree(instance, ignore_errors=True)
    results = {
        "database": "postgresql" if args.database_url else "sqlite",
        "cores": os.cpu_count(),
        "workers": args.workers,
        "redis": bool(args.redis_url),
        "wrk": f"-t2 -c{args.connections} -d{args.duration}s",
        "issue_tickets": issue,
        "call_next": call,
        "memory_mb": {"idle": idle_mb, "after_load": loaded_mb},
    }
    print(json.dumps(results, indent=2))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
