"""Call-next takes its ticket in one statement (calling.CLAIM): the head of the
first lane, in the counter's preference order, that has anyone waiting. That order
must be exactly what Policy.pick decides, in every policy state and for every set
of lanes with citizens waiting."""

from __future__ import annotations

import itertools

from motcua.core.ordering import LANES, Policy


def states() -> list[Policy]:
    found = []
    for ratio in (None, 1, 2, 3):
        for every in (1, 2, 3):
            for streak in range(5):
                for gap in (None, 0, 1, 2, 3):
                    found.append(Policy(ratio, every, streak, gap))
    return found


def test_pick_takes_the_first_waiting_lane_of_the_preference_order() -> None:
    checked = 0
    for policy in states():
        order = policy.preference()
        assert sorted(order) == sorted(LANES)
        for size in range(len(LANES) + 1):
            for waiting in itertools.combinations(LANES, size):
                sizes = dict.fromkeys(waiting, 1)
                first = next((lane for lane in order if lane in waiting), None)
                assert policy.pick(sizes) == first, (policy, waiting)
                checked += 1
    assert checked == len(states()) * 2 ** len(LANES)
