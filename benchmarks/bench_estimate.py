"""Estimated wait against the real wait, over simulated days of several seeds.

    python benchmarks/bench_estimate.py [--seeds 7 8] [--counters 6 8] [--jobs 1]

Each seed replays one ward day with `motcua simulate` (real API, accelerated clock):
the estimate a citizen is told when taking a ticket is compared with the time until
their first call. The same days run with each number of counters: 300 tickets of
the ward's field mix are about 59 counter-hours of work, so 6 counters still serve
long after closing time (queues of two hours and more) while 8 finish within the
day. Prints a table and writes benchmarks/results/estimate.json.
Target (docs/TARGETS.md): median absolute error < 3 minutes.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "estimate.json"
TARGET_MIN = 3.0


def command(
    seed: int, counters: int, args: argparse.Namespace, port: int, output: Path
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "motcua.cli",
        "simulate",
        "--seed",
        str(seed),
        "--speed",
        str(args.speed),
        "--tickets",
        str(args.tickets),
        "--counters",
        str(counters),
        "--port",
        str(port),
        "--output",
        str(output),
    ]


def run_seeds(args: argparse.Namespace, counters: int) -> list[dict]:
    """One simulated day per seed, at most `jobs` at a time, each on its own port."""
    folder = Path(tempfile.mkdtemp(prefix="motcua-estimate-"))
    pending = list(enumerate(args.seeds))
    running: list[tuple[int, Path, subprocess.Popen[bytes]]] = []
    runs: list[dict] = []
    while pending or running:
        while pending and len(running) < args.jobs:
            i, seed = pending.pop(0)
            output = folder / f"seed-{seed}.json"
            port = args.port + 10 * i
            process = subprocess.Popen(
                command(seed, counters, args, port, output),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            running.append((seed, output, process))
        time.sleep(1)
        for item in [r for r in running if r[2].poll() is not None]:
            running.remove(item)
            seed, output, process = item
            if process.returncode != 0 or not output.exists():
                sys.exit(f"seed {seed}: motcua simulate failed ({process.returncode})")
            runs.append({"seed": seed, **json.loads(output.read_text("utf-8"))})
    return sorted(runs, key=lambda run: run["seed"])


def summary(runs: list[dict]) -> dict:
    rows = []
    for run in runs:
        error = run["estimated_wait_abs_error_min"]
        rows.append(
            {
                "seed": run["seed"],
                "tickets": error["count"],
                "median_min": error["median"],
                "p90_min": error["p90"],
                "median_signed_min": error["median_signed"],
                "errors": run["errors"],
                "seconds": run["seconds"],
            }
        )
    medians = [row["median_min"] for row in rows]
    p90s = [row["p90_min"] for row in rows]
    return {
        "per_seed": rows,
        # Every seed has the same number of tickets: the median of the seeds' medians.
        "median_min": round(statistics.median(medians), 2),
        "worst_median_min": max(medians),
        "p90_min": round(statistics.median(p90s), 2),
        "target_median_min": TARGET_MIN,
        "met": max(medians) < TARGET_MIN,
    }


def table(days: list[dict]) -> None:
    print(f"{'counters':>8} {'seed':>6} {'tickets':>8} {'median':>8} {'p90':>8}  (min)")
    for day in days:
        for row in day["per_seed"]:
            print(
                f"{day['counters']:>8} {row['seed']:>6} {row['tickets']:>8} "
                f"{row['median_min']:>8} {row['p90_min']:>8}"
            )
        met = "met" if day["met"] else "missed"
        print(
            f"{day['counters']:>8} {'all':>6} {'':>8} {day['median_min']:>8} "
            f"{day['p90_min']:>8}  target median < {TARGET_MIN} min: {met}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    parser.add_argument("--speed", type=float, default=120.0)
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--counters", type=int, nargs="+", default=[6, 8])
    parser.add_argument("--jobs", type=int, default=1, help="days run side by side")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = {
        "command": "python benchmarks/bench_estimate.py " + " ".join(sys.argv[1:]),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "speed": args.speed,
        "tickets": args.tickets,
        "days": [
            {"counters": counters, **summary(run_seeds(args, counters))}
            for counters in args.counters
        ],
    }
    table(result["days"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
