"""The daily report, built at the office's time and pushed to the city until accepted.

Runs as a background task of the server. Several server processes may run it at
once: a report is stored once per office and day (unique key), and a push is
claimed with a conditional update before it is sent.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from motcua.config import env_policy
from motcua.core import reports, retention
from motcua.core.clock import Clock
from motcua.core.db import Database
from motcua.core.errors import Invalid
from motcua.core.models import DailyReport, Office
from motcua.core.settings import office_setting
from motcua.core.targets import check_url

log = logging.getLogger(__name__)
ENV = "MOTCUA_REPORT_SCHEDULER"
Poster = Callable[[str, dict[str, Any]], None]


class PushFailed(Exception):
    pass


def post_json(url: str, body: dict[str, Any], timeout: float = 10.0) -> None:
    """POST the report; anything but a 2xx answer is a failure."""
    try:  # the city's address, not the server's own network (unless allowed)
        check_url(url, env_policy())
    except Invalid as err:
        raise PushFailed("address not allowed") from err
    data = json.dumps(body, ensure_ascii=False).encode()
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310
            if not 200 <= response.status < 300:
                raise PushFailed(f"HTTP {response.status}")
    except urllib.error.HTTPError as err:
        raise PushFailed(f"HTTP {err.code}") from err
    except (urllib.error.URLError, OSError) as err:
        raise PushFailed(str(err)[:200]) from err


def backoff(attempts: int, base_s: float = 30.0, cap_s: float = 3600.0) -> float:
    """Seconds to wait after the n-th failed push: 30 s, 1 min, 2 min ... 1 h."""
    return float(min(base_s * 2 ** max(attempts - 1, 0), cap_s))


@dataclass
class Scheduler:
    database: Database
    clock: Clock
    poster: Poster = post_json
    base_s: float = 30.0
    # Report id -> when its next push may go (kept in memory: a restart retries now).
    next_push: dict[int, datetime] = field(default_factory=dict)
    purged_on: dict[int, Any] = field(default_factory=dict)
    stopped: bool = False

    def tick(self) -> None:
        """Build due reports, purge old personal data, push what waits."""
        with self.database.transaction() as session:
            reports.build_due_reports(session, self.clock)
            self._purge(session)
        for report_id, url, data, attempts in self._pending():
            self._push(report_id, url, data, attempts)

    def _purge(self, session: Any) -> None:
        for office in session.scalars(select(Office)):
            today = reports.today(office, self.clock)
            if self.purged_on.get(office.id) != today:
                retention.purge_personal_data(session, office, self.clock)
                self.purged_on[office.id] = today

    def _pending(self) -> list[tuple[int, str, dict[str, Any], int]]:
        now = self.clock.now()
        with self.database.sessions() as session:
            stmt = (
                select(DailyReport, Office)
                .join(Office, Office.id == DailyReport.office_id)
                .where(DailyReport.pushed_at.is_(None))
            )
            due = []
            for report, office in session.execute(stmt):
                url = office_setting(office, "report_push_url")
                if url and self.next_push.get(report.id, now) <= now:
                    due.append((report.id, url, report.data, report.push_attempts))
            return due

    def _push(self, report_id: int, url: str, data: dict, attempts: int) -> bool:
        if not self._claim(report_id, attempts):
            return False
        try:
            self.poster(url, data)
        except Exception as err:  # any failure is retried later
            self._record(report_id, error=str(err)[:500] or type(err).__name__)
            delay = backoff(attempts + 1, self.base_s)
            self.next_push[report_id] = self.clock.now() + timedelta(seconds=delay)
            return False
        self._record(report_id, pushed=True)
        self.next_push.pop(report_id, None)
        return True

    def _claim(self, report_id: int, attempts: int) -> bool:
        with self.database.transaction() as session:
            result = session.execute(
                update(DailyReport)
                .where(
                    DailyReport.id == report_id,
                    DailyReport.push_attempts == attempts,
                    DailyReport.pushed_at.is_(None),
                )
                .values(push_attempts=attempts + 1)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def _record(self, report_id: int, error: str | None = None, pushed=False) -> None:
        with self.database.transaction() as session:
            report = session.get(DailyReport, report_id)
            if report is not None:
                report.push_error = error
                report.pushed_at = self.clock.now() if pushed else None


def push_now(database: Database, clock: Clock, report_id: int) -> bool:
    """An admin's "send again" button: one attempt, now."""
    scheduler = Scheduler(database, clock)
    for rid, url, data, attempts in scheduler._pending():
        if rid == report_id:
            return scheduler._push(rid, url, data, attempts)
    return False


def _loop(scheduler: Scheduler, sleep: Callable[[float], None], every: float) -> None:
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
    scheduler = Scheduler(app.extensions["motcua.db"], app.extensions["motcua.clock"])
    socketio = app.extensions["motcua.realtime"].socketio
    every = float(app.config.get("REPORT_SCHEDULER_EVERY_S", 30))
    socketio.start_background_task(_loop, scheduler, socketio.sleep, every)
    app.extensions["motcua.report_scheduler"] = scheduler
    return scheduler
