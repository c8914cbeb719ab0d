"""Ticket layout + raster + ESC/POS encoding: time and bytes per ticket.

    python benchmarks/bench_printer.py [--tickets 300] [--profile]

Every ticket has its own number, wait and status URL (so no QR code comes
from the cache), rendered for 58 mm (384 dots) and 80 mm (512 and 576 dots)
paper. Prints a table and writes benchmarks/results/printer.json.
Target (docs/TARGETS.md): < 30 ms and < 40 KB per 80 mm ticket.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from printer.encode import ticket_bytes  # noqa: E402
from printer.layout import ticket_layout  # noqa: E402
from printer.render import render_ticket  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "printer.json"
WIDTHS = {"58mm": 384, "80mm_180dpi": 512, "80mm": 576}
TARGET_MS, TARGET_BYTES = 30.0, 40_000
OFFICE = "UBND Phường Bến Nghé — Bộ phận Một cửa"
FOOTER = "Vui lòng giữ phiếu cho đến khi được phục vụ. Xin cảm ơn!"


def ticket_json(i: int) -> dict:
    token = f"k3J9{i:06d}xQ2mZpLw7Vb"
    return {
        "id": token,
        "number": str(1000 + i),
        "office": "demo",
        "service": {"code": "CT", "name": "Chứng thực bản sao từ bản chính, chữ ký"},
        "priority": None,
        "status": "waiting",
        "ahead": i % 40,
        "estimated_wait_s": None if i % 10 == 0 else 30 * (i % 90),
        "counter": None,
        "issued_at": "2026-11-23T07:41:05+07:00",
        "called_at": None,
        "status_url": f"http://192.168.1.10:8000/t/{token}",
    }


def one_ticket(i: int, width: int) -> tuple[float, float, float, int]:
    """Seconds spent in layout, render and encode, and the job's size."""
    start = time.perf_counter()
    layout = ticket_layout(ticket_json(i), OFFICE, footer=FOOTER)
    laid = time.perf_counter()
    image = render_ticket(layout, width)
    rendered = time.perf_counter()
    data = ticket_bytes(image)
    return laid - start, rendered - laid, time.perf_counter() - rendered, len(data)


def measure(width: int, tickets: int) -> dict:
    for i in range(5):  # warm-up: fonts, profiles, imports
        one_ticket(-1 - i, width)
    rows = [one_ticket(i, width) for i in range(tickets)]
    totals = [1000 * (a + b + c) for a, b, c, _ in rows]
    sizes = [size for *_, size in rows]
    return {
        "width_px": width,
        "tickets": tickets,
        "median_ms": round(statistics.median(totals), 2),
        "p95_ms": round(percentile(totals, 95), 2),
        "max_ms": round(max(totals), 2),
        "stage_median_ms": {
            stage: round(1000 * statistics.median(row[k] for row in rows), 2)
            for k, stage in enumerate(("layout", "render", "encode"))
        },
        "median_bytes": int(statistics.median(sizes)),
        "max_bytes": max(sizes),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def profile(width: int, tickets: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(tickets):
        one_ticket(i, width)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile 80 mm")
    args = parser.parse_args()
    if args.profile:
        profile(WIDTHS["80mm"], args.tickets)
        return
    results = {name: measure(width, args.tickets) for name, width in WIDTHS.items()}
    print(f"{'paper':<12} {'dots':>5} {'median ms':>10} {'p95 ms':>8} {'bytes':>7}")
    for name, r in results.items():
        print(
            f"{name:<12} {r['width_px']:>5} {r['median_ms']:>10.2f} "
            f"{r['p95_ms']:>8.2f} {r['median_bytes']:>7}"
        )
    worst = max((results["80mm"], results["80mm_180dpi"]), key=lambda r: r["p95_ms"])
    met = worst["p95_ms"] < TARGET_MS and results["80mm"]["max_bytes"] < TARGET_BYTES
    print(
        f"target < {TARGET_MS:g} ms and < {TARGET_BYTES} B per 80 mm ticket: "
        f"{'met' if met else 'MISSED'}"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report(results, met), indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def report(results: dict, met: bool) -> dict:
    return {
        "benchmark": "ticket layout + raster + ESC/POS encoding, per ticket",
        "command": "python benchmarks/bench_printer.py",
        "target": {"ms": TARGET_MS, "bytes": TARGET_BYTES, "met": met},
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "results": results,
    }


if __name__ == "__main__":
    main()
