"""Shared by the city benchmarks: a scratch PostgreSQL database, server processes,
and where the machine's CPU went while a benchmark ran (read from /proc)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from motcua.core.db import normalize_url

ADMIN_URL = os.environ.get(
    "MOTCUA_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("MOTCUA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
TICK = os.sysconf("SC_CLK_TCK")


@contextmanager
def scratch_database(admin_url: str, name: str) -> Iterator[str]:
    """A new PostgreSQL database for the run, dropped afterwards (even on failure)."""
    admin = create_engine(normalize_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalize_url(admin_url)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def stop_servers(servers: list[subprocess.Popen[bytes]]) -> None:
    for server in servers:
        if server.poll() is None:
            server.terminate()
    for server in servers:
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a live process, with the children it has
    reaped (PostgreSQL's short-lived backends, gunicorn's replaced workers)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), sum(int(v) for v in fields[11:15]) / TICK


def _processes() -> dict[int, tuple[str, int, float]]:
    """pid -> (command name, parent pid, CPU seconds) for every process visible."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        stat = _stat(pid)
        if stat is None:
            continue
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        found[pid] = (name, *stat)
    return found


def _machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])
    return (total - idle) / TICK, total / TICK


class CpuMeter:
    """CPU used over a window by: the servers (process trees), this process,
    PostgreSQL (every database on that server: tests of other work may share it),
    Redis, and everything else on the machine; and the sessions and transactions
    PostgreSQL counted for the benchmark's database."""

    NAMED = ("servers", "load_generator", "postgres", "redis")

    def __init__(
        self, server_pids: list[int], admin_url: str, database_name: str
    ) -> None:
        self.server_pids = server_pids
        self.database_name = database_name
        self.admin = create_engine(normalize_url(admin_url), poolclass=NullPool)

    def _database(self) -> dict[str, int]:
        with self.admin.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT sessions, xact_commit, xact_rollback FROM pg_stat_database"
                    " WHERE datname = :name"
                ),
                {"name": self.database_name},
            ).one()
        return {"sessions": row[0], "commits": row[1], "rollbacks": row[2]}

    def _classify(self, table: dict[int, tuple[str, int, float]]) -> dict[int, str]:
        children: dict[int, list[int]] = {}
        for pid, (_, parent, _) in table.items():
            children.setdefault(parent, []).append(pid)
        group = {}
        todo = list(self.server_pids)
        while todo:
            pid = todo.pop()
            if pid in table and pid not in group:
                group[pid] = "servers"
                todo += children.get(pid, [])
        group[os.getpid()] = "load_generator"
        for pid, (name, _, _) in table.items():
            if pid in group:
                continue
            if name.startswith("postgres"):
                group[pid] = "postgres"
            elif name.startswith("redis"):
                group[pid] = "redis"
        return group

    def start(self) -> None:
        self.began = time.monotonic()
        self.first = {pid: cpu for pid, (_, _, cpu) in _processes().items()}
        self.first_machine = _machine()
        self.first_database = self._database()

    def stop(self) -> dict[str, Any]:
        """Cores used on average by each group over the window (2.0 = both cores)."""
        table = _processes()
        busy, total = _machine()
        wall = time.monotonic() - self.began
        database = self._database()
        used = dict.fromkeys(self.NAMED, 0.0)
        for pid, name in self._classify(table).items():
            if name in used:
                used[name] += table[pid][2] - self.first.get(pid, 0.0)
        cores = os.cpu_count() or 1
        machine = (busy - self.first_machine[0]) / (total - self.first_machine[1])
        machine *= cores
        figures = {k: round(used[k] / wall, 2) for k in self.NAMED}
        figures["other"] = round(max(0.0, machine - sum(figures.values())), 2)
        self.admin.dispose()
        return {
            "window_s": round(wall, 1),
            "cores": cores,
            "machine_busy_cores": round(machine, 2),
            "cores_used_by": figures,
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
            "postgres_this_database": {
                k: database[k] - self.first_database[k] for k in database
            },
        }


def percentiles(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"count": 0, "p50": None, "p90": None, "p99": None, "max": None}
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {
        "count": len(ordered),
        "p50": at(0.5),
        "p90": at(0.9),
        "p99": at(0.99),
        "max": round(ordered[-1], 1),
    }


def workers_of(masters: list[int]) -> list[int]:
    """The gunicorn workers (children) of the given server processes."""
    return [pid for pid, (_, parent, _) in _processes().items() if parent in masters]


def profile(pid: int, seconds: float, output: Path) -> subprocess.Popen[bytes]:
    """Sample a process with py-spy for `seconds`, in collapsed-stack form: only
    threads holding the GIL, so the samples show where its Python CPU time goes."""
    command = [
        "py-spy", "record", "--pid", str(pid), "--duration", str(int(seconds)),
        "--rate", "50", "--nonblocking", "--gil", "--format", "raw",
        "--output", str(output),
    ]  # fmt: skip
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


# Where a sample's innermost frame is, by the file it is in (first match wins).
PLACES = (
    ("sqlalchemy", "sqlalchemy"),
    ("psycopg", "psycopg"),
    ("socket.io / engine.io", "socketio/"),
    ("socket.io / engine.io", "engineio/"),
    ("websocket", "simple_websocket"),
    ("websocket", "wsproto"),
    ("redis client", "redis/"),
    ("flask / werkzeug", "flask/"),
    ("flask / werkzeug", "werkzeug/"),
    ("gunicorn", "gunicorn/"),
    ("http client (requests, urllib3)", "requests/"),
    ("http client (requests, urllib3)", "urllib3/"),
    ("json", "json/"),
    ("pickle, copy", "pickle"),
    ("pickle, copy", "copy.py"),
    ("logging", "logging/"),
    ("threads, locks, queues", "threading.py"),
    ("threads, locks, queues", "queue.py"),
    ("threads, locks, queues", "concurrent/"),
    ("socket, ssl, selectors", "socket.py"),
    ("socket, ssl, selectors", "selectors.py"),
    ("socket, ssl, selectors", "ssl.py"),
    ("motcua", "/motcua/"),
    ("motcua", "/kiosk/"),
    ("motcua", "/counter/"),
    ("motcua", "/display/"),
)
# A sample counts for each of these whose frame is on its stack.
WITHIN = (
    ("realtime publish (emit through Redis)", "publish (motcua/realtime.py"),
    ("Redis listener (messages from other processes)", "_thread (socketio/"),
    ("SQLAlchemy (with the driver below it)", "sqlalchemy/"),
    ("psycopg", "psycopg/"),
    ("Flask request dispatch", "full_dispatch_request"),
    ("API call-next", "call_next"),
    ("API issue", "issue_ticket"),
    ("API finish", "finish"),
)


def summarize_profile(path: Path) -> dict[str, Any]:
    """Shares of the samples: by innermost frame's package, and by what is on the
    stack (a sample can be in several of the second list)."""
    leaf: dict[str, int] = {}
    within: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        where = frames[-1]
        place = next((name for name, key in PLACES if key in where), "other")
        leaf[place] = leaf.get(place, 0) + n
        for name, key in WITHIN:
            if key in stack:
                within[name] = within.get(name, 0) + n
    if not total:
        return {"samples": 0}

    def shares(counts: dict[str, int]) -> dict[str, float]:
        ordered = sorted(counts.items(), key=lambda item: -item[1])
        return {name: round(n / total, 3) for name, n in ordered}

    return {
        "samples": total,
        "innermost_frame": shares(leaf),
        "on_stack": shares(within),
    }
