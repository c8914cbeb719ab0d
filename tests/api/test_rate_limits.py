"""Rate limits count in a moving window: a minute's boundary lets nothing through."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from limits.storage import memory

from motcua import ratelimit


class FakeTime:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """The clock of the limits' memory store and of Retry-After, set by the test."""
    clock = FakeTime(1_800_000_000 + 50.0)  # ten seconds before a whole minute
    monkeypatch.setattr(memory, "time", SimpleNamespace(time=clock.time))
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=clock.time))
    return clock


def test_wrong_passwords_across_a_minute_boundary_are_refused(
    client, api_world, fake_time
):
    body = {"username": "demo-staff", "password": "sai-mat-khau"}

    def attempt() -> int:
        return int(client.post("/api/v1/auth/token", json=body).status_code)

    before = [attempt() for _ in range(10)]
    fake_time.now += 15  # into the next minute, still within 60 s of the first
    after = [attempt() for _ in range(5)]
    assert before == [403] * 10
    assert after == [429] * 5
    fake_time.now += 46  # the first attempts are now more than 60 s old
    assert attempt() == 403


def test_retry_after_says_when_the_oldest_attempt_leaves_the_window(
    client, api_world, fake_time
):
    body = {"username": "demo-staff", "password": "sai-mat-khau"}
    for _ in range(10):
        client.post("/api/v1/auth/token", json=body)
    fake_time.now += 20
    refused = client.post("/api/v1/auth/token", json=body)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert 40 <= int(refused.headers["Retry-After"]) <= 41


def test_a_failing_shared_store_lets_requests_through():
    windows = ratelimit.Windows("redis://127.0.0.1:1/0")  # nothing listens there
    assert windows.hit("login", "somebody") is None
