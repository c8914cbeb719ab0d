"""The daily report, built at the office's time and pushed to the city until accepted.

Runs as a background task of the server. Several server processes may run it at
once: a report is stored once per office and day (unique key), and a push is
claimed with a conditional update before it is sent.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask

from motcua.admin.messages import said
from motcua.config import env_policy
from motcua.core import daily, reports, retention
from motcua.core.clock import Clock
from motcua.core.db import Database, Session
from motcua.core.gateway import NoAnswer, json_body
from motcua.core.lookup import all_offices
from motcua.core.settings import office_setting
from motcua.gateways import Outbound
from motcua.services import app_services
from motcua.worker import Lanes

log = logging.getLogger(__name__)
ENV = "MOTCUA_REPORT_SCHEDULER"
# (url, body, push key of the office)
Poster = Callable[[str, dict[str, Any], str], None]


class PushFailed(Exception):
    """A push the city did not take. Its words are stored by their key and looked up
    when a page shows them, in that page's language (`failure_text`)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.stored = json.dumps({"words": key, **params})
        super().__init__(failure_text(self.stored))  # logs read Vietnamese


def failure_text(stored: str) -> str:
    """A stored push failure as the admin reads it, in the page's language; what is
    not in the table's words (an unexpected error's own text) is shown as it is."""
    try:
        words = json.loads(stored)
    except ValueError:
        return stored
    if not isinstance(words, dict) or not isinstance(words.get("words"), str):
        return stored
    key = words.pop("words")
    return said(key, **{k: said(v) if k == "why" else v for k, v in words.items()})


def refused(status: int) -> PushFailed:
    """What an answer other than 2xx means, for the admin who reads it."""
    if status in (401, 403):
        why = "signature"
    elif status == 404:
        why = "address"
    elif status >= 500:
        why = "failing"
    else:
        why = "refused"
    return PushFailed("city_answered", status=status, why=f"city_{why}")


def unanswered(reason: str) -> PushFailed:
    """What no answer means, for the admin who reads it."""
    if reason == "not_allowed":
        return PushFailed("city_not_allowed")
    if reason not in ("deadline", "refused", "unreachable"):
        reason = "unreachable"
    return PushFailed("city_unanswered", why=f"city_no_{reason}")


def post_json(url: str, body: dict[str, Any], key: str, timeout: float = 10.0) -> None:
    """POST the report, signed, within `timeout` seconds in all; anything but a 2xx
    answer is a failure. The city's address, not the server's own network (unless
    the operator allows it)."""
    data = json_body(body)
    headers = {
        "Content-Type": "application/json",
        daily.SIGNATURE_HEADER: daily.signature(key, data),
    }
    http = Outbound(env_policy())
    try:
        reply = http("POST", url, headers=headers, body=data, deadline=timeout)
    except NoAnswer as err:
        raise unanswered(err.reason) from err
    if not 200 <= reply.status < 300:
        raise refused(reply.status)


def backoff(attempts: int, base_s: float = 30.0, cap_s: float = 3600.0) -> float:
    """Seconds to wait after the n-th failed push: 30 s, 1 min, 2 min ... 1 h."""
    return float(min(base_s * 2 ** max(attempts - 1, 0), cap_s))


@dataclass(frozen=True)
class Due:
    """A stored report waiting for the city's 2xx."""

    report_id: int
    office_id: int
    url: str
    data: dict[str, Any]
    attempts: int


@dataclass
class Scheduler:
    database: Database
    clock: Clock
    poster: Poster = post_json
    base_s: float = 30.0
    # Report id -> when its next push may go (kept in memory: a restart retries now).
    next_push: dict[int, datetime] = field(default_factory=dict)
    purged_on: dict[int, Any] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    stopped: bool = False
    lanes: Lanes = field(default_factory=lambda: Lanes("daily report push"))

    def tick(self) -> None:
        """Build due reports, purge old personal data, start pushing what waits:
        each office in its own lane, so a slow city endpoint holds that office only
        (an office still pushing is tried again at a later tick)."""
        with self.database.transaction() as session:
            daily.build_due_reports(session, self.clock)
            self._purge(session)
        for due in self._pending():
            self.lanes.run(due.office_id, functools.partial(self._push, due))

    def settle(self) -> None:
        """Wait for the pushes started so far (tests)."""
        self.lanes.wait()

    def _purge(self, session: Session) -> None:
        for office in all_offices(session):
            today = reports.today(office, self.clock)
            if self.purged_on.get(office.id) != today:
                retention.purge_personal_data(session, office, self.clock)
                self.purged_on[office.id] = today

    def _pending(self) -> list[Due]:
        with self.database.transaction() as session:
            return self._due(session)

    def _due(self, session: Session) -> list[Due]:
        now = self.clock.now()
        due = []
        for report, office in daily.unpushed(session):
            url = office_setting(office, "report_push_url")
            if url and self.next_push.get(report.id, now) <= now:
                self.keys[report.id] = daily.push_key(office)
                attempts = report.push_attempts
                due.append(Due(report.id, office.id, url, report.data, attempts))
        return due

    def _push(self, due: Due) -> bool:
        report_id, attempts = due.report_id, due.attempts
        if not self._claim(report_id, attempts):
            return False
        try:
            self.poster(due.url, due.data, self.keys[report_id])
        except Exception as err:  # any failure is retried later
            if isinstance(err, PushFailed):
                error = err.stored
            else:
                error = str(err)[:500] or type(err).__name__
            self._record(report_id, error=error)
            delay = backoff(attempts + 1, self.base_s)
            self.next_push[report_id] = self.clock.now() + timedelta(seconds=delay)
            return False
        self._record(report_id, pushed=True)
        self.next_push.pop(report_id, None)
        return True

    def _claim(self, report_id: int, attempts: int) -> bool:
        with self.database.transaction() as session:
            return daily.claim_push(session, report_id, attempts)

    def _record(
        self, report_id: int, error: str | None = None, pushed: bool = False
    ) -> None:
        with self.database.transaction() as session:
            daily.record_push(session, self.clock, report_id, error, pushed)


def push_now(
    database: Database, clock: Clock, report_id: int, poster: Poster = post_json
) -> bool:
    """An admin's "send again" button: one attempt, now, of the figures as they are
    now (a ticket finished after the report was built is counted)."""
    with database.transaction() as session:
        daily.rebuild(session, clock, report_id)
    scheduler = Scheduler(database, clock, poster)
    for due in scheduler._pending():
        if due.report_id == report_id:
            return scheduler._push(due)
    return False


# sleep is Socket.IO's: it takes seconds as a float, though its stubs say int.
def _loop(scheduler: Scheduler, sleep: Callable[[Any], object], every: float) -> None:
    while not scheduler.stopped:
        try:
            scheduler.tick()
        except Exception:
            log.exception("daily report task failed; retrying")
        sleep(every)


def start_if_configured(app: Flask) -> Scheduler | None:
    """Start the task in servers (`motcua serve` sets the switch); never in tests."""
    enabled = app.config.get("REPORT_SCHEDULER")
    if enabled is None:
        enabled = os.environ.get(ENV, "").lower() in ("1", "true", "yes")
    if not enabled:
        return None
    held = app_services(app)
    scheduler = Scheduler(held.db, held.clock)
    socketio = held.realtime.socketio
    every = float(app.config.get("REPORT_SCHEDULER_EVERY_S", 30))
    socketio.start_background_task(_loop, scheduler, socketio.sleep, every)
    held.report_scheduler = scheduler
    return scheduler
