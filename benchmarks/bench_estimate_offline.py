"""How small the estimate's error can be: simulated days replayed offline, in seconds.

The same days as `motcua simulate` (arrivals, field mix, service times drawn by seed,
counters serving every field in issue order) are played out here without a server.
Each ticket is given `motcua.core.estimate.spread` of the queue at that moment,
as the server prices it (everyone ahead at the mean of their fields' averages),
with the field averages either moving as the server moves them (ALPHA) or known
exactly from the start ("true averages"): the second is what no estimate made at
the kiosk can beat, since what is left is the spread of the services still ahead.
Prints a table and writes benchmarks/results/estimate_offline.json.

    python benchmarks/bench_estimate_offline.py [--days 40] [--counters 6 8]
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua.core.estimate import ALPHA, MIN_LEFT, spread  # noqa: E402
from motcua.ward_day import SERVICE_MIN, Plan, arrivals, service_seconds  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "estimate_offline.json"


def errors(seed: int, counters: int, tickets: int, alpha: float) -> list[float]:
    """Real wait minus estimate (seconds) of every ticket of one day."""
    day = arrivals(Plan(tickets=tickets, seed=seed), random.Random(seed))
    average = {code: minutes * 60.0 for code, minutes in SERVICE_MIN.items()}
    # A heap of (time, kind, what): kind 0 a counter frees, kind 1 a citizen arrives.
    events = [(0.0, 0, k) for k in range(counters)]
    events += [(at, 1, i) for i, (at, _) in enumerate(day)]
    heapq.heapify(events)
    busy: dict[int, tuple[float, str]] = {}  # counter: (called at, field)
    idle: set[int] = set()
    waiting: list[int] = []
    told: dict[int, int | None] = {}
    found: list[float] = []
    while events:
        now, kind, what = heapq.heappop(events)
        if kind == 1:
            free = [0.0] * (counters - len(busy))
            for called, field in busy.values():
                mean = average[field]
                free.append(min(mean, max(MIN_LEFT * mean, mean - (now - called))))
            # Everyone ahead at the mean of their fields' averages, as a lane is
            # priced (estimate.Ahead.priced).
            queue = [average[day[j][1]] for j in waiting]
            mean = sum(queue) / len(queue) if queue else 0.0
            told[what] = int(spread(free, [(mean, len(waiting))]))
            waiting.append(what)
            if idle:
                heapq.heappush(events, (now, 0, idle.pop()))
            continue
        if what in busy:
            called, field = busy.pop(what)
            served = min(max(now - called, 30.0), 3 * 3600.0)
            average[field] = (1 - alpha) * average[field] + alpha * served
        if not waiting:
            idle.add(what)
            continue
        ticket = waiting.pop(0)
        at, field = day[ticket]
        found.append((now - at) - (told[ticket] or 0))
        busy[what] = (now, field)
        took = service_seconds(seed, "sim-1", ticket, field)
        heapq.heappush(events, (now + took, 0, what))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--counters", type=int, nargs="+", default=[6, 8])
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    rows = []
    for counters in args.counters:
        for name, alpha in (("moving averages", ALPHA), ("true averages", 0.0)):
            medians = []
            for seed in range(1, args.days + 1):
                found = errors(seed, counters, args.tickets, alpha)
                medians.append(statistics.median(abs(e) for e in found) / 60)
            rows.append(
                {
                    "counters": counters,
                    "averages": name,
                    "median_of_days_min": round(statistics.median(medians), 2),
                    "best_day_min": round(min(medians), 2),
                    "worst_day_min": round(max(medians), 2),
                }
            )
            row = rows[-1]
            print(
                f"{counters} counters, {name:>15}: median error "
                f"{row['median_of_days_min']} min "
                f"({row['best_day_min']}-{row['worst_day_min']} over {args.days} days)"
            )
    result = {"days": args.days, "tickets": args.tickets, "alpha": ALPHA, "rows": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
