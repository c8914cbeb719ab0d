"""A Redis of the test's own hangs (SIGSTOP) under the three things a request asks of
it: the command memory that keeps a retried press from acting twice, the queue
that carries events to the other server processes, and the shared rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from motcua.ratelimit import Windows
from motcua.realtime import RedisQueue
from motcua.redis_pause import REDIS_TIMEOUT_S
from motcua.remembered import SharedRemembered
from tests.e2e.conftest import free_port
from tests.faults.tools import RedisServer

ANSWER = {"ok": True, "result": {"id": "T1", "number": "1001"}}


@pytest.fixture
def redis(tmp_path) -> Iterator[RedisServer]:  # type: ignore[no-untyped-def]
    server = RedisServer(free_port(), tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_press_runs_once_when_redis_hangs_while_it_runs(redis):
    """Redis takes the claim, then hangs before the answer is kept: the press has
    acted, so neither the failed write nor the retry may run it a second time (a
    second call-next would call, and skip, the next citizen)."""
    memory = SharedRemembered(redis.url)
    runs: list[int] = []

    def call_next() -> dict:
        runs.append(1)
        redis.freeze()
        return ANSWER

    try:
        assert memory.once(("token", "press-1"), call_next) == ANSWER
        assert runs == [1]
        # The console did not hear the answer and presses again, Redis still hung.
        assert memory.once(("token", "press-1"), call_next) == ANSWER
        assert runs == [1]
    finally:
        redis.thaw()
    # Redis back: the same press is still the same answer, a new one runs.
    assert memory.once(("token", "press-1"), call_next) == ANSWER
    assert runs == [1]


def _hung(
    redis: RedisServer, first: Callable[[], Any], then: Callable[[], Any]
) -> tuple[Any, Any]:
    """Freeze Redis, make the first call, then `then` once: what each answered and
    how long each took. The first waits for Redis; what follows must not (asking a
    hung Redis again would cost a timeout each time)."""
    redis.freeze()
    try:
        started = time.monotonic()
        first_answer = first()
        waited = time.monotonic() - started
        started = time.monotonic()
        answer = then()
        after = time.monotonic() - started
    finally:
        redis.thaw()
    assert waited >= REDIS_TIMEOUT_S * 0.9, waited
    assert after < REDIS_TIMEOUT_S, after
    return first_answer, answer


def test_a_hung_redis_holds_up_one_press_then_is_left_alone(redis):
    memory = SharedRemembered(redis.url)
    memory.once(("token", "warm"), lambda: ANSWER)  # connected while Redis answers
    first, then = _hung(
        redis,
        lambda: memory.once(("token", "a"), lambda: ANSWER),
        lambda: [memory.once(("token", f"b{n}"), lambda: ANSWER) for n in range(5)],
    )
    assert first == ANSWER and then == [ANSWER] * 5


def test_a_hung_redis_holds_up_one_publish_then_events_go_on_without_it(redis):
    queue = RedisQueue(redis.url)
    queue.publish_emits([("ticket.issued", {"seq": 1}, ("/display",), "office:demo")])
    assert queue.connected

    def publish(seq: int) -> None:
        queue.publish_emits([("ticket.issued", {"seq": seq}, ("/display",), "x")])

    _hung(redis, lambda: publish(2), lambda: [publish(seq) for seq in range(3, 8)])


def test_a_hung_redis_holds_up_one_counted_request_then_limits_count_here(redis):
    windows = Windows(redis.url)
    assert windows.hit("login", "warm") is None  # connected while Redis answers
    key = "1.2.3.4:demo-staff"
    first, answers = _hung(
        redis,
        lambda: windows.hit("login", key),
        lambda: [windows.hit("login", key) for _ in range(11)],
    )
    assert first is None  # let through
    # Ten a minute, counted in the process while Redis is left alone.
    assert answers[:10] == [None] * 10
    assert isinstance(answers[10], int) and answers[10] > 0
