"""ordering.taken_before counts on plain ints; the step-by-step replay it replaced
(one Policy.pick and Policy.after per call) stays here as the reference, and both
give the same people ahead, lane by lane, for any queue and policy state."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.ordering import LANES, Policy, position, taken_before


def replay(
    sizes: Mapping[str, int], lane: str, index: int, policy: Policy
) -> dict[str, int]:
    """The calls one by one, as call-next makes them, until the ticket's turn."""
    left = dict(sizes)
    taken: dict[str, int] = {}
    while True:
        picked = policy.pick(left)
        if picked is None or (picked == lane and left[lane] == sizes[lane] - index):
            return taken
        left[picked] -= 1
        taken[picked] = taken.get(picked, 0) + 1
        policy = policy.after(picked)


@st.composite
def questions(draw):  # type: ignore[no-untyped-def]
    sizes = {lane: draw(st.integers(0, 12)) for lane in LANES}
    lane = draw(st.sampled_from(LANES))
    sizes[lane] = max(sizes[lane], 1)  # the ticket itself waits in its lane
    index = draw(st.integers(0, sizes[lane] - 1))
    every = draw(st.integers(1, 4))
    policy = Policy(
        ratio=draw(st.one_of(st.none(), st.integers(1, 4))),
        booked_every=every,
        normal_streak=draw(st.integers(0, 5)),
        booked_gap=draw(st.one_of(st.none(), st.integers(0, every + 1))),
    )
    return sizes, lane, index, policy


@settings(max_examples=3000, deadline=None)
@given(questions())
def test_taken_before_is_the_replay(question):  # type: ignore[no-untyped-def]
    sizes, lane, index, policy = question
    expected = replay(sizes, lane, index, policy)
    assert taken_before(sizes, lane, index, policy) == expected
    assert position(sizes, lane, index, policy) == sum(expected.values())


def test_a_long_queue_under_each_policy():  # type: ignore[no-untyped-def]
    sizes = {"sent": 3, "priority": 40, "booked": 70, "walk_in": 200}
    for ratio in (None, 1, 3):
        for every in (1, 2, 5):
            for gap in (None, 0, every):
                policy = Policy(ratio, every, 1, gap)
                for lane in LANES:
                    for index in range(0, sizes[lane], 7):
                        want = replay(sizes, lane, index, policy)
                        assert taken_before(sizes, lane, index, policy) == want
