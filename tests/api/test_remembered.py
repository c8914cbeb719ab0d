"""A command's answer is remembered for its ttl, then forgotten, oldest first."""

from __future__ import annotations

import pytest

from motcua import remembered
from motcua.remembered import Remembered
from tests.helpers import Ticking


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> Ticking:
    clock = Ticking()
    monkeypatch.setattr(remembered.time, "monotonic", clock)
    return clock


def _answer(runs: list[str], name: str) -> remembered.Work:
    def work() -> remembered.Answer:
        runs.append(name)
        return {"ok": True, "result": name}

    return work


def test_a_retry_within_the_ttl_gets_the_first_answer(ticking: Ticking) -> None:
    memory, runs = Remembered(ttl=600), []
    assert memory.once(("u", "a"), _answer(runs, "first"))["result"] == "first"
    ticking.now += 599
    assert memory.once(("u", "a"), _answer(runs, "again"))["result"] == "first"
    assert runs == ["first"]


def test_answers_older_than_the_ttl_are_forgotten_and_the_rest_kept(
    ticking: Ticking,
) -> None:
    memory, runs = Remembered(ttl=600), []
    for n in range(5):  # one a minute
        memory.once(("u", n), _answer(runs, f"run {n}"))
        ticking.now += 60
    ticking.now += 600 - 5 * 60 + 90  # the first two are now past the ttl
    memory.once(("u", "new"), _answer(runs, "new"))
    assert list(memory._entries) == [("u", 2), ("u", 3), ("u", 4), ("u", "new")]
    memory.once(("u", 0), _answer(runs, "run 0 again"))  # forgotten: runs again
    memory.once(("u", 3), _answer(runs, "run 3 again"))  # kept: not run
    assert runs[-1] == "run 0 again" and "run 3 again" not in runs


def test_at_most_so_many_answers_are_kept_the_oldest_go_first(
    ticking: Ticking, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remembered, "MAX_REMEMBERED", 3)
    memory, runs = Remembered(ttl=600), []
    for n in range(5):
        memory.once(("u", n), _answer(runs, f"run {n}"))
    memory.once(("u", "last"), _answer(runs, "last"))
    assert list(memory._entries) == [("u", 3), ("u", 4), ("u", "last")]


def test_a_passing_error_is_not_remembered(ticking: Ticking) -> None:
    memory = Remembered(ttl=600)
    busy = {"ok": False, "error": {"code": "unavailable"}}
    assert memory.once(("u", "a"), lambda: busy) == busy
    assert memory.once(("u", "a"), lambda: {"ok": True})["ok"] is True
