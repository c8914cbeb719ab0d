"""Tickets issued and call-next per second through the REST API, with wrk.

One ward server (gunicorn, the default worker model or MOTCUA_WORKER's, one worker
process) on the embedded SQLite database,
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
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua import migrate  # noqa: E402
from motcua.core.clock import SystemClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.core.lookup import office_by_slug  # noqa: E402
from motcua.core.models import Service  # noqa: E402
from motcua.core.setup import add_counter  # noqa: E402
from motcua.demo import DEMO_PASSWORD, WARD_SERVICES, seed_demo  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402
from motcua.server import worker_model  # noqa: E402

# Each wrk thread counts the statuses it got and the answers that were wrong;
# `done` adds them up and prints one line for run_wrk to read.
LUA_REPORT = """
local threads = {}
setup = function(thread)
  thread:set("counter", #threads + 1)
  table.insert(threads, thread)
end
statuses, bad = {}, 0
count = function(status)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end
done = function(summary, latency, requests)
  local total, wrong = {}, 0
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("statuses")) do
      total[key] = (total[key] or 0) + n
    end
    wrong = wrong + thread:get("bad")
  end
  local parts = {}
  for key, n in pairs(total) do
    table.insert(parts, '"' .. key .. '": ' .. n)
  end
  io.write('CHECKED {"statuses": {' .. table.concat(parts, ", ") .. '}, "wrong": '
    .. wrong .. '}\\n')
end
"""


def lua_issue(token: str) -> str:
    """POST a ticket, rotating over the nine demo fields (each has 999 numbers)."""
    codes = ", ".join(f'"{spec.code}"' for spec in WARD_SERVICES)
    return (
        f"""
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
response = function(status, headers, body)
  count(status)
  if status ~= 201 or not body:match('"number":%s*"%d+"') then bad = bad + 1 end
end
"""
        + LUA_REPORT
    )


def lua_call_next(token: str) -> str:
    """ "Xong, gọi tiếp" at one counter per wrk thread, each thread with one
    connection (run with -tN -cN): a counter's presses never overlap, and each names
    the citizen its counter called last, as one console does. Every answer is
    checked: 200, the ticket called at this counter; a 204 (nobody waiting) or any
    other status is counted apart and reported by `done`."""
    return (
        """
local current = nil
request = function()
  local path = "/api/v1/offices/demo/counters/" .. counter .. "/call-next"
  local body = ""
  if current then
    body = '{"current": {"ticket": "' .. current .. '", "outcome": "finished"}}'
  end
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer TOKEN",
  }, body)
end
response = function(status, headers, body)
  count(status)
  if status == 204 then current = nil end
  if status ~= 200 then
    if status ~= 204 then bad = bad + 1 end
    return
  end
  local id = body:match('"id":%s*"([^"]+)"')
  local number = body:match('"counter":%s*{[^}]*"number":%s*(%d+)')
  local state = body:match('"status":%s*"(%a+)"')
  if id and id ~= current and tonumber(number) == counter and state == "called" then
    current = id
  else
    bad = bad + 1
  end
end
""".replace("TOKEN", token)
        + LUA_REPORT
    )


def run_wrk(
    url: str, script: str, duration: int, connections: int, threads: int = 2
) -> dict:
    """wrk's figures, and the statuses and wrong answers its script counted."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            # A slow answer is measured, not dropped: wrk would reconnect, and a
            # counter's script would lose track of whom it called.
            "--timeout",
            "10s",
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
    checked = re.search(r"CHECKED (.*)", out)
    return {
        **(json.loads(checked.group(1)) if checked else {}),
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


def add_counters(database: Database, counters: int) -> None:
    """Counters past the demo's six, serving every field, up to `counters`."""
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        mine = select(Service).where(Service.office_id == office.id)
        fields = list(session.scalars(mine))
        for number in range(7, counters + 1):
            add_counter(session, office, number, fields)


def top_up(database: Database, wanted: int) -> int:
    """Waiting citizens for the call-next run, written straight to the database (the
    numbers each field has left, taken in turn): the run measures calling, and
    a queue that ran dry would answer 204 instead. Returns how many now wait."""
    from datetime import datetime, timezone

    from motcua.core.clock import service_day
    from motcua.core.models import DayNumber, Office, Ticket

    now = datetime.now(timezone.utc)
    with database.transaction() as session:
        office = session.scalars(select(Office)).one()
        day = service_day(now, office.timezone)
        mine = select(Service).where(Service.office_id == office.id)
        fields = list(session.scalars(mine))
        waiting = session.scalar(select(func.count()).where(Ticket.status == "waiting"))
        for field in fields:
            last = session.get(DayNumber, (field.id, day))
            if last is None:
                last = DayNumber(
                    service_id=field.id, day=day, last=field.range_start - 1
                )
                session.add(last)
            share = max(0, wanted - waiting) // len(fields)
            numbers = range(last.last + 1, min(last.last + share, field.range_end) + 1)
            session.add_all(
                Ticket(
                    id=secrets.token_urlsafe(16),
                    office_id=office.id,
                    service_id=field.id,
                    issued_service_id=field.id,
                    day=day,
                    number=number,
                    status="waiting",
                    issued_at=now,
                )
                for number in numbers
            )
            last.last = max(last.last, numbers[-1]) if numbers else last.last
        session.flush()
        return int(
            session.scalar(select(func.count()).where(Ticket.status == "waiting"))
        )


# Citizens waiting when the call-next run starts: a busy ward's morning. Choosing
# the next citizen costs more as the queue grows (ordering.py sorts it), so a
# queue of thousands would measure that sort instead.
WAITING = 1000


def call_next_run(
    base: str, staff: str, duration: int, counters: int, database: Database
) -> dict:
    """call-next at `counters` counters, one connection (and wrk thread) each, with
    a busy morning's queue waiting (WAITING); checked afterwards in the database.
    The counters are added only now: people ahead of a new ticket are counted per
    counter, so the issue run before keeps the demo's six."""
    add_counters(database, counters)
    waiting = top_up(database, WAITING)
    script = lua_call_next(staff)
    result = run_wrk(base + "/", script, duration, counters, threads=counters)
    return {**result, "waiting_before": waiting, **calls_checked(database)}


def calls_checked(database: Database) -> dict[str, Any]:
    """What the call-next run left: no ticket called twice, no counter with two
    citizens at once, every call in the log."""
    from sqlalchemy import text

    with database.engine.connect() as conn:
        twice = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT ticket_id FROM ticket_events "
                "WHERE kind = 'called' GROUP BY ticket_id HAVING count(*) > 1) t"
            )
        ).scalar_one()
        crowded = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT counter_id FROM tickets "
                "WHERE status = 'called' GROUP BY counter_id HAVING count(*) > 1) t"
            )
        ).scalar_one()
        calls = conn.execute(
            text("SELECT count(*) FROM ticket_events WHERE kind = 'called'")
        ).scalar_one()
    return {"calls_logged": calls, "called_twice": twice, "counters_crowded": crowded}


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
        # wrk's connections all come from one address.
        "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": "100000",
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
        call = call_next_run(base, staff, args.duration, args.connections, database)
        loaded_mb = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        database.dispose()
        shutil.rmtree(instance, ignore_errors=True)
    results = {
        "database": "postgresql" if args.database_url else "sqlite",
        "worker": worker_model(),
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
