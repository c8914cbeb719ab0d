"""What the screens read, in one process: SQL statements and time per read.

    python benchmarks/bench_reads.py [--database-url URL] [--repeat 200]

The demo ward with a morning queue (60 waiting, three counters serving) on the
embedded database (or the PostgreSQL database given, emptied first). Each read goes
through the Flask app in-process, without HTTP:

- the kiosk's fields list (`GET /api/v1/offices/demo/services`), asked on each
  event by every kiosk;
- a snapshot (`GET /api/v1/offices/demo/snapshot`), read by every board and console
  when it connects or misses an event;
- a console's state (`GET /api/v1/offices/demo/counters/1/console`), read again
  by every console of the office after each event.

Prints the figures and writes benchmarks/results/reads.json (or --output).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from benchmarks.bench_api import demo_ward  # noqa: E402
from motcua import create_app  # noqa: E402
from motcua.demo import DEMO_PASSWORD  # noqa: E402
from motcua.services import app_services  # noqa: E402

READS = {
    "fields list": ("/api/v1/offices/demo/services", "kiosk"),
    "snapshot": ("/api/v1/offices/demo/snapshot", "display"),
    "console state": ("/api/v1/offices/demo/counters/1/console", "staff"),
}


def measure(client: Any, path: str, headers: dict[str, str], repeat: int) -> float:
    """The median milliseconds of a read, over `repeat` reads."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)
    return round(statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--output", type=Path, default=ROOT / "benchmarks/results/reads.json"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="motcua-reads-"))
    url, database, demo = demo_ward(args.database_url, folder)
    database.dispose()
    app = create_app(
        {"DATABASE_URL": url, "INSTANCE_PATH": str(folder), "RATELIMIT_ENABLED": False}
    )
    client = app.test_client()
    login = {"username": "canbo", "password": DEMO_PASSWORD}
    staff = client.post("/api/v1/auth/token", json=login).get_json()["token"]
    tokens = {**demo.devices, "staff": staff}
    bearer = {who: {"Authorization": f"Bearer {t}"} for who, t in tokens.items()}
    listed = client.get(READS["fields list"][0], headers=bearer["kiosk"]).get_json()
    fields = [s["code"] for s in listed["services"]]
    for i in range(63):
        body = {"service": fields[i % len(fields)]}
        issued = client.post(
            "/api/v1/offices/demo/tickets", json=body, headers=bearer["kiosk"]
        )
        assert issued.status_code == 201, issued.get_json()
    for counter in (1, 2, 3):
        path = f"/api/v1/offices/demo/counters/{counter}/call-next"
        client.post(path, headers=bearer["staff"])
    statements: list[str] = []
    engine = app_services(app).db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    results: dict[str, Any] = {"database": engine.dialect.name, "reads": {}}
    for name, (path, who) in READS.items():
        client.get(path, headers=bearer[who])
        statements.clear()
        client.get(path, headers=bearer[who])
        count = len([s for s in statements if s.strip().upper() != "BEGIN"])
        results["reads"][name] = {
            "path": path,
            "statements": count,
            "median_ms": measure(client, path, bearer[who], args.repeat),
        }
    print(json.dumps(results, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
