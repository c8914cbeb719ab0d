"""Staff commands that happen once, however often a client retries them.

A counter terminal that got no answer (a dropped connection, a timeout) sends the
same command again with the same id: a console command's `id`, a REST call's
`Idempotency-Key` header. The first answer is remembered for REMEMBER_S seconds
and given again, so a retried call-next does not call (and skip) a second citizen.
A retry that races the first run waits for it. With several server processes the
answers are kept in Redis, so a retry that lands on another process is answered
too; with Redis away each process still remembers its own.

Answers are JSON objects `{"ok": true, "result": ...}` or `{"ok": false, "error":
{"code": ...}}`; an error that may pass by itself (the database briefly away, a
busy queue) is not remembered, so the retry runs again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from motcua.redis_pause import REDIS_TIMEOUT_S, Pause
from motcua.services import app_services

log = logging.getLogger(__name__)

REMEMBER_S = 600.0
MAX_REMEMBERED = 20_000
TRANSIENT = {"unavailable", "busy_retry"}
# What a retry gets when the first run has not answered within PENDING_WAIT_S.
PENDING = {"ok": False, "status": 409, "error": {"code": "command_pending"}}
PENDING_WAIT_S = 30.0

Answer = dict[str, Any]
Work = Callable[[], Answer]


def error_code(answer: Answer) -> str | None:
    error = answer.get("error")
    return error.get("code") if isinstance(error, dict) else None


def _keep(answer: Answer | None) -> bool:
    return answer is not None and error_code(answer) not in TRANSIENT


@dataclass
class _Entry:
    at: float
    done: threading.Event = field(default_factory=threading.Event)
    answer: Answer | None = None


class Remembered:
    """Answers by key (who, command id), kept in this process."""

    def __init__(self, ttl: float = REMEMBER_S) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], _Entry] = {}

    def once(self, key: tuple[Any, ...], work: Work) -> Answer:
        """The answer of the first run of this key; work runs at most once."""
        with self._lock:
            self._prune(time.monotonic())
            entry = self._entries.get(key)
            first = entry is None
            if entry is None:
                entry = self._entries[key] = _Entry(time.monotonic())
        if not first:
            if entry.done.wait(PENDING_WAIT_S) and entry.answer is not None:
                return entry.answer
            return dict(PENDING)
        try:
            entry.answer = work()
        finally:
            entry.done.set()
            if not _keep(entry.answer):
                with self._lock:
                    self._entries.pop(key, None)
        return entry.answer

    def _prune(self, now: float) -> None:
        """Forget answers older than the ttl, and make room for one more within
        MAX_REMEMBERED. Entries are kept in the order they were made (a dict keeps
        insertion order, and each holds the time it was made), so the old ones are
        at the front: the rest is never scanned."""
        entries = self._entries
        while entries:
            oldest = next(iter(entries))
            if now - entries[oldest].at <= self.ttl and len(entries) < MAX_REMEMBERED:
                return
            del entries[oldest]


class SharedRemembered:
    """The same, kept in Redis for every server process of a city.

    A hanging or missing Redis holds a command up for one REDIS_TIMEOUT_S at most,
    then for REDIS_PAUSE_S the process remembers on its own. Every answer is also
    remembered in the process, so a retry while Redis is away gets it too, and work
    that has run is never run again because Redis failed after it.
    """

    PREFIX = "motcua:command:"

    def __init__(self, url: str, ttl: float = REMEMBER_S) -> None:
        import redis

        self.redis = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S
        )
        self.ttl = int(ttl)
        self.local = Remembered(ttl)
        self.pause = Pause()

    def once(self, key: tuple[Any, ...], work: Work) -> Answer:
        """The answer of the first run of this key in any process."""
        import redis

        if self.pause.active():
            return self.local.once(key, work)
        name = self.PREFIX + hashlib.sha256(repr(key).encode()).hexdigest()
        try:
            while True:
                if self.redis.set(name, "", nx=True, ex=self.ttl):
                    return self._run(name, key, work)
                answer = self._first_answer(name)
                if answer is not None:
                    return answer
        except redis.RedisError as err:
            # Raised before work ran here: this process's memory still stops a
            # double effect in it.
            log.error("cannot reach Redis for commands, remembered here: %s", err)
            self.pause.failed()
            return self.local.once(key, work)

    def _run(self, name: str, key: tuple[Any, ...], work: Work) -> Answer:
        answer: Answer | None = None
        try:
            answer = self.local.once(key, work)
        finally:
            self._store(name, answer)
        return answer

    def _store(self, name: str, answer: Answer | None) -> None:
        """The answer for other processes' retries; a failed run frees its claim."""
        import redis

        try:
            if _keep(answer):
                self.redis.set(name, json.dumps(answer), ex=self.ttl)
            else:
                self.redis.delete(name)
        except redis.RedisError as err:
            log.error("cannot keep a command's answer in Redis: %s", err)
            self.pause.failed()

    def _first_answer(self, name: str) -> Answer | None:
        """The answer of a run elsewhere: None when it left none (run it now), and
        PENDING when it has not answered within PENDING_WAIT_S."""
        deadline = time.monotonic() + PENDING_WAIT_S
        while time.monotonic() < deadline:
            raw = self.redis.get(name)
            if raw is None:
                return None
            if raw:
                return json.loads(raw)  # type: ignore[no-any-return]
            time.sleep(0.05)
        return dict(PENDING)


def remembered() -> Remembered | SharedRemembered:
    """The app's memory of answers, shared by the REST API and the consoles."""
    held = app_services()
    if held.remembered is None:
        url = current_app.config.get("REDIS_URL")
        held.remembered = SharedRemembered(url) if url else Remembered()
    return held.remembered
