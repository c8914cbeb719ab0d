"""The board's call queue (display/static/calls.js) in Chromium, on a simulated clock:
calls said in turn, each once while others wait, never far behind, recalls said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from display.audio import layout

CALLS_JS = Path(__file__).parents[2] / "display" / "static" / "calls.js"
SENTENCE_S = 5.1  # "Mời công dân có số thứ tự một nghìn ... đến quầy số ba", espeak-ng
# The board as speaker.js drives it, with audio that takes exactly as long as said.
SIMULATE = """
([events, sentence, layout]) => {
  var q = new MotcuaCallQueue(), said = [], i = 0, t = 0;
  function until(now) {
    while (i < events.length && events[i].at <= now) {
      var e = Object.assign({}, events[i++]);
      q.add(e, e.at);
    }
  }
  for (var guard = 0; guard < 10000; guard++) {
    until(t);
    var call = q.next(t);
    if (!call) {
      if (i >= events.length) { break; }
      t = events[i].at;
      continue;
    }
    var rate = call.hurry ? 1.25 : 1, waiting = q.waiting.length;
    var first = t + ((call.hurry ? 0 : layout.head) + sentence) * 1000 / rate;
    until(first);
    var waitingThen = q.waiting.length, absorbed = !!call.mustRepeat;
    var twice = q.again(first);
    var again = (layout.gap + sentence + layout.tail) * 1000 / rate;
    var end = twice ? first + again : first;
    until(end);
    said.push({ticket: call.ticket, counter: call.counter, recall: !!call.recall,
               at: call.at, start: t, end: end, twice: twice, hurry: call.hurry,
               waiting: waiting, waitingThen: waitingThen, absorbed: absorbed});
    q.finish();
    t = end + (call.hurry ? 400 : 700);
  }
  return {said: said, dropped: q.dropped.map(function (d) { return d.ticket; })};
}
"""


@pytest.fixture(scope="module")
def board(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(CALLS_JS))
    yield page
    context.close()


def simulate(board, events: list[dict[str, Any]]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    events = sorted(events, key=lambda e: e["at"])
    result: dict[str, Any] = board.evaluate(SIMULATE, [events, SENTENCE_S, layout()])
    return result


def burst(count: int, at: int = 0, step: int = 50) -> list[dict[str, Any]]:
    """`count` counters calling within moments of each other."""
    return [
        {"ticket": f"t{n}", "counter": n, "at": at + n * step} for n in range(count)
    ]


def check_common(events: list[dict[str, Any]], said: list[dict[str, Any]]) -> None:
    # One at a time, in the order the calls came.
    for before, after in zip(said, said[1:], strict=False):
        assert before["end"] <= after["start"]
        assert before["at"] <= after["at"]
    # Never more than about 30 s behind; twice only while fewer than two wait.
    for s in said:
        assert s["recall"] or s["start"] - s["at"] <= 30_000, s
        assert not s["twice"] or s["waitingThen"] < 2 or s["absorbed"], s
        assert s["hurry"] == (s["waiting"] > 0), s
    # Every recall is said after it was made.
    for e in events:
        if e.get("recall"):
            assert any(
                s["ticket"] == e["ticket"] and s["end"] > e["at"] for s in said
            ), e


def test_six_counters_together_are_all_said_within_30_s(board) -> None:  # type: ignore[no-untyped-def]
    events = burst(6)
    result = simulate(board, events)
    said = result["said"]
    check_common(events, said)
    assert [s["ticket"] for s in said] == [f"t{n}" for n in range(6)]
    assert [s["twice"] for s in said] == [False] * 5 + [True]
    assert said[-1]["start"] < 30_000 and result["dropped"] == []


def test_a_big_burst_drops_the_oldest_but_never_a_recall(board) -> None:  # type: ignore[no-untyped-def]
    events = burst(14)
    events.append({"ticket": "t1", "counter": 1, "at": 900, "recall": True})
    result = simulate(board, events)
    said = result["said"]
    check_common(events, said)
    assert result["dropped"], "fourteen calls cannot all be said within 30 s"
    # The first, then the newest, then the recall (made last), in order.
    assert said[0]["ticket"] == "t0"
    assert [(s["ticket"], s["recall"]) for s in said[-2:]] == [
        ("t13", False),
        ("t1", True),
    ]
    assert len(said) + len(result["dropped"]) == 15


@pytest.mark.parametrize("every_s", [5, 4, 2])
def test_a_steady_stream_stays_bounded(board, every_s: int) -> None:  # type: ignore[no-untyped-def]
    # A call every few seconds for ten minutes, faster than a full announcement.
    events = [
        {"ticket": f"t{n}", "counter": n % 8, "at": n * every_s * 1000}
        for n in range(600 // every_s)
    ]
    result = simulate(board, events)
    said = result["said"]
    check_common(events, said)
    assert len(said) + len(result["dropped"]) == len(events)
    if every_s == 5:  # slower than a call said once: each said, none dropped
        assert result["dropped"] == []
        assert max(s["start"] - s["at"] for s in said) < 15_000


def test_a_lone_call_is_said_twice_with_its_chime(board) -> None:  # type: ignore[no-untyped-def]
    said = simulate(board, [{"ticket": "a", "counter": 1, "at": 0}])["said"]
    assert [(s["twice"], s["hurry"]) for s in said] == [(True, False)]


def test_a_recall_during_the_first_saying_is_the_second(board) -> None:  # type: ignore[no-untyped-def]
    events = [
        {"ticket": "a", "counter": 1, "at": 0},
        {"ticket": "b", "counter": 2, "at": 100},
        {"ticket": "c", "counter": 3, "at": 200},
        {"ticket": "a", "counter": 1, "at": 2000, "recall": True},
    ]
    said = simulate(board, events)["said"]
    check_common(events, said)
    # Two wait, yet the recall makes "a" said twice; no third "a" afterwards.
    assert [(s["ticket"], s["twice"]) for s in said][0] == ("a", True)
    assert [s["ticket"] for s in said] == ["a", "b", "c"]


def test_a_recall_after_it_was_said_is_said_again(board) -> None:  # type: ignore[no-untyped-def]
    events = [
        {"ticket": "a", "counter": 1, "at": 0},
        {"ticket": "a", "counter": 1, "at": 60_000, "recall": True},
    ]
    said = simulate(board, events)["said"]
    assert [(s["ticket"], s["recall"]) for s in said] == [("a", False), ("a", True)]


def test_a_counter_calling_again_replaces_its_waiting_call(board) -> None:  # type: ignore[no-untyped-def]
    events = [
        {"ticket": "a", "counter": 1, "at": 0},
        {"ticket": "b", "counter": 2, "at": 100},
        {"ticket": "b2", "counter": 2, "at": 1500},  # counter 2 moved on
        {"ticket": "r", "counter": 3, "at": 1600, "recall": True},
        {"ticket": "c", "counter": 3, "at": 1700},  # a recall still waiting stays
    ]
    result = simulate(board, events)
    check_common(events, result["said"])
    assert [s["ticket"] for s in result["said"]] == ["a", "b2", "r", "c"]
    assert result["dropped"] == ["b"]


def test_a_call_learnt_late_is_said_once_within_the_same_bound(board) -> None:  # type: ignore[no-untyped-def]
    """Calls a board learns from a snapshot: their wait counts from when they were
    made, and each is said once."""
    events = [
        # Made 10 s before the board heard of it: said, once.
        {"ticket": "a", "counter": 1, "at": 40_000, "since": 30_000, "late": True},
        # Made 31 s before: too late to say.
        {"ticket": "b", "counter": 2, "at": 40_000, "since": 9_000, "late": True},
    ]
    result = simulate(board, events)
    assert [(s["ticket"], s["twice"]) for s in result["said"]] == [("a", False)]
    assert result["said"][0]["at"] == 30_000
    assert result["dropped"] == ["b"]
