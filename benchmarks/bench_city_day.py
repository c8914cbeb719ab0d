"""A city day: `--offices` offices x `--tickets` tickets replayed by `motcua simulate`
on PostgreSQL + Redis with several server processes.

Creates a scratch PostgreSQL database, runs `motcua.simulate.simulate_day` on it
(the same code as `motcua simulate --database-url ... --redis-url ... --processes N`),
and drops the database. The wall time counted is the whole run: migrations, seeding,
starting the servers, logging in, connecting the displays, the day, and stopping.
The CPU each part used during the day (servers, the simulator, PostgreSQL, Redis,
the rest of the machine) is reported beside it, since all share the machine's cores.

At 300 tickets and six counters an office serves its last citizen at about 19:00, so
the day is about 12 hours of the servers' clock: 6 minutes at --speed 120, if the
servers keep pace. `--max-day-seconds` stops the day early and reports how far it got
("cut_short"); `--profile-seconds` samples the servers and the simulator with py-spy.

Prints the figures and writes benchmarks/results/city_day.json (or --output).

    python benchmarks/bench_city_day.py [--offices 200] [--tickets 300]
        [--speed 120] [--processes 2] [--max-day-seconds S] [--profile-seconds S]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_city_common import (  # noqa: E402
    ADMIN_URL,
    REDIS_URL,
    CpuMeter,
    profile,
    scratch_database,
    summarize_profile,
    workers_of,
)
from motcua.simulate import Plan, simulate_day  # noqa: E402


class Sampling:
    """py-spy on every server worker and on the simulator, for a window of the day."""

    def __init__(self, masters: list[int], args: argparse.Namespace) -> None:
        self.masters, self.args = masters, args
        self.folder = Path(tempfile.mkdtemp(prefix="motcua-city-day-profile-"))
        self.runs: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
        self.timer = threading.Timer(args.profile_after, self.begin)
        self.timer.start()

    def begin(self) -> None:
        targets = {f"server worker {pid}": pid for pid in workers_of(self.masters)}
        targets["simulator"] = os.getpid()
        for label, pid in targets.items():
            output = self.folder / f"{pid}.txt"
            run = profile(pid, self.args.profile_seconds, output)
            self.runs[label] = (run, output)

    def finish(self) -> dict[str, Any]:
        self.timer.cancel()
        found: dict[str, Any] = {
            "started_after_s": self.args.profile_after,
            "seconds": self.args.profile_seconds,
            "rate_hz": 50,
        }
        for label, (run, output) in self.runs.items():
            run.wait(timeout=self.args.profile_seconds + 60)
            if output.exists():
                found[label] = summarize_profile(output)
        if self.args.keep_profile:
            found["stacks"] = str(self.folder)  # py-spy's raw collapsed stacks
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
        return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--tickets", type=int, default=300, help="per office")
    parser.add_argument("--counters", type=int, default=6)
    parser.add_argument("--displays", type=int, default=1, help="per office")
    parser.add_argument("--speed", type=float, default=120.0, help="times real time")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=8840)
    parser.add_argument(
        "--database-url", default=ADMIN_URL, help="where to make the scratch database"
    )
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument(
        "--profile-seconds",
        type=float,
        default=0,
        help="sample the servers and the simulator with py-spy for this long",
    )
    parser.add_argument("--profile-after", type=float, default=30.0)
    parser.add_argument(
        "--keep-profile",
        action="store_true",
        help="keep py-spy's raw stacks (the folder is named in the figures)",
    )
    parser.add_argument(
        "--max-day-seconds",
        type=float,
        default=0,
        help="stop the day after this long and report how far it got",
    )
    parser.add_argument(
        "--output", default=str(ROOT / "benchmarks/results/city_day.json")
    )
    args = parser.parse_args()
    plan = Plan(
        args.offices, args.tickets, args.counters, args.displays, args.speed, args.seed
    )
    name = f"motcua_bench_day_{os.getpid()}"

    began = time.monotonic()
    with scratch_database(args.database_url, name) as url:

        def watch(pids: list[int]):  # type: ignore[no-untyped-def]
            meter = CpuMeter(pids, args.database_url, name)
            meter.start()
            sampling = Sampling(pids, args) if args.profile_seconds else None

            def stop() -> dict[str, Any]:
                figures = meter.stop()
                if sampling is not None:
                    figures["profile"] = sampling.finish()
                return figures

            return stop

        figures = simulate_day(
            plan,
            url,
            args.redis_url,
            args.processes,
            args.port,
            watch=watch,
            max_seconds=args.max_day_seconds or None,
        )
    wall = time.monotonic() - began
    cpu = figures.pop("watch", None)
    results = {
        "wall_s": round(wall, 1),
        "setup_and_teardown_s": round(wall - figures["seconds"], 1),
        "target_s": 600,
        "server_processes": args.processes,
        "database": "postgresql",
        "message_queue": "redis",
        "displays_per_office": args.displays,
        **figures,
        "cpu_during_day": cpu,
    }
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text + "\n")


if __name__ == "__main__":
    main()
