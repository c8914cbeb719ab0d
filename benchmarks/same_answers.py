"""Seeded days through the API, every answer recorded: run on two versions of the
code, the digests must match (a change that should alter no answer alters none).

One day: the demo ward on a new SQLite file, a clock that moves only when told,
and `--steps` random steps from the seed: issues, priorities, booked citizens
whose slot comes, call-next with either outcome at the six counters, recalls,
transfers to a field or a counter, no-shows coming back, pauses, and the reads
(the ticket, the snapshot). Ticket ids come from the seed too (calls made at the
same instant are listed in id order), and each is replaced by the order it first
appeared in; everything else in an answer is kept as it is.

    python benchmarks/same_answers.py [--seeds 1 2 3] [--steps 400] [--dump DIR]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from motcua import create_app, migrate  # noqa: E402
from motcua.core import tickets  # noqa: E402
from motcua.core.clock import FixedClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.demo import COUNTER_FIELDS, DEMO_PASSWORD, seed_demo  # noqa: E402

# 08:00 in Hanoi on a Monday.
START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
FIELDS = sorted({code for codes in COUNTER_FIELDS.values() for code in codes})
CLASSES = ("elderly", "disabled", "child", None)
POLICIES = (
    {},
    {"priority_policy": "ratio", "priority_ratio": 2, "booked_every": 2},
)


class SeededIds:
    """secrets.token_urlsafe for ticket ids, from the day's seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def token_urlsafe(self, size: int) -> str:
        return base64.urlsafe_b64encode(self.rng.randbytes(size)).rstrip(b"=").decode()


class Day:
    def __init__(self, seed: int, folder: Path) -> None:
        self.rng = random.Random(seed)
        tickets.secrets = SeededIds(seed)  # type: ignore[assignment]
        self.clock = FixedClock(START)
        url = f"sqlite:///{folder / 'motcua.db'}"
        self.database = Database(url)
        migrate.upgrade(self.database.engine)
        with self.database.transaction() as session:
            demo = seed_demo(session, self.clock)
        with self.database.engine.begin() as conn:
            conn.execute(
                text("UPDATE offices SET settings = :s"),
                {"s": json.dumps(POLICIES[seed % len(POLICIES)])},
            )
        self.app = create_app(
            {
                "DATABASE_URL": url,
                "INSTANCE_PATH": str(folder),
                "CLOCK": self.clock,
                "RATELIMIT_ENABLED": False,
            }
        )
        self.client = self.app.test_client()
        self.kiosk = {"Authorization": "Bearer " + demo.devices["kiosk"]}
        token = self.client.post(
            "/api/v1/auth/token",
            json={"username": "canbo", "password": DEMO_PASSWORD},
        ).get_json()["token"]
        self.staff = {"Authorization": "Bearer " + token}
        self.ids: dict[str, str] = {}
        self.tickets: list[str] = []
        self.current: dict[int, str] = {}
        self.answers: list[str] = []

    def record(self, what: str, response: Any) -> Any:
        body = response.get_data(as_text=True)
        for found in re.findall(r'"id":\s*"([A-Za-z0-9_-]{16,})"', body):
            if found not in self.ids:
                self.ids[found] = f"t{len(self.ids)}"
                self.tickets.append(found)
        for real, label in self.ids.items():
            body = body.replace(real, label)
        self.answers.append(f"{what} {response.status_code} {body}")
        return response.get_json(silent=True)

    def post(self, what: str, path: str, body: Any, staff: bool = True) -> Any:
        headers = self.staff if staff else self.kiosk
        return self.record(what, self.client.post(path, json=body, headers=headers))

    def step(self) -> None:
        rng, office = self.rng, "/api/v1/offices/demo"
        kind = rng.choices(
            ["issue", "call", "priority", "book", "recall", "transfer", "back",
             "pause", "read", "advance"],
            weights=[30, 30, 5, 4, 4, 5, 2, 2, 6, 12],
        )[0]  # fmt: skip
        ticket = rng.choice(self.tickets) if self.tickets else None
        if kind == "issue":
            body = {"service": rng.choice(FIELDS)}
            self.post("issue", office + "/tickets", body, staff=False)
        elif kind == "call":
            n = rng.randint(1, 6)
            closing = None
            if n in self.current:
                outcome = rng.choice(["finished", "finished", "no_show"])
                closing = {"ticket": self.current[n], "outcome": outcome}
            answer = self.post(
                f"call {n}",
                f"{office}/counters/{n}/call-next",
                {"current": closing} if closing else {},
            )
            if isinstance(answer, dict) and "id" in answer:
                self.current[n] = answer["id"]
            elif answer is None:
                self.current.pop(n, None)
        elif kind == "priority" and ticket:
            body = {"priority": rng.choice(CLASSES)}
            self.post("priority", f"/api/v1/tickets/{ticket}/priority", body)
        elif kind == "book" and ticket:
            at = self.clock.now() + timedelta(minutes=rng.randint(-5, 20))
            with self.database.engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE tickets SET appointment_at = :at "
                        "WHERE id = :id AND status = 'waiting'"
                    ),
                    {"at": at.replace(tzinfo=None), "id": ticket},
                )
        elif kind == "recall" and self.current:
            n = rng.choice(sorted(self.current))
            self.post("recall", f"/api/v1/tickets/{self.current[n]}/recall", {})
        elif kind == "transfer" and self.current:
            n = rng.choice(sorted(self.current))
            where: dict[str, Any] = (
                {"service": rng.choice(FIELDS)}
                if rng.random() < 0.6
                else {"counter": rng.randint(1, 6)}
            )
            self.post(
                "transfer", f"/api/v1/tickets/{self.current.pop(n)}/transfer", where
            )
        elif kind == "back" and ticket:
            self.post("back", f"/api/v1/tickets/{ticket}/return", {})
        elif kind == "pause":
            n = rng.randint(1, 6)
            state = rng.choice(["pause", "resume", "resume"])
            body = {"reason": "break"} if state == "pause" else {}
            self.post(state, f"{office}/counters/{n}/{state}", body)
        elif kind == "read":
            if ticket and rng.random() < 0.5:
                path = f"/api/v1/tickets/{ticket}"
            else:
                path = office + "/snapshot"
            self.record("read", self.client.get(path, headers=self.staff))
        else:
            self.clock.advance(rng.randint(5, 240))

    def close(self) -> None:
        self.database.dispose()


def one_day(seed: int, steps: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="motcua-same-"))
    try:
        day = Day(seed, folder)
        for _ in range(steps):
            day.step()
        day.close()
        return day.answers
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--dump", default=None, help="a folder for each day's answers")
    args = parser.parse_args()
    for seed in args.seeds:
        answers = one_day(seed, args.steps)
        digest = hashlib.sha256("\n".join(answers).encode()).hexdigest()[:16]
        calls: dict[str, int] = {}
        for line in answers:
            if line.startswith("call "):
                status = line.split(" ")[2]
                calls[status] = calls.get(status, 0) + 1
        print(f"seed {seed}: {len(answers)} answers, call-next {calls}: {digest}")
        if args.dump:
            out = Path(args.dump) / f"day_{seed}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("\n".join(answers) + "\n")


if __name__ == "__main__":
    main()
