"""`motcua simulate` replays a small day through the real server and sockets."""

from __future__ import annotations

import statistics

from motcua.simulate import simulate_day
from motcua.ward_day import SERVICE_MIN, Plan, arrivals, service_seconds
from tests.e2e.conftest import free_port


def test_arrivals_follow_the_morning_rush_and_the_field_mix():
    import random

    day = arrivals(Plan(tickets=2000), random.Random(1))
    hours = [int(at // 3600) + 7 for at, _ in day]
    assert hours.count(7) > hours.count(11) * 3  # the rush, then the late morning
    assert 12 not in hours  # lunch break
    codes = [code for _, code in day]
    assert codes.count("CT") > len(codes) / 2  # certification dominates


def test_service_times_average_the_fields_minutes_and_replay_by_seed():
    draws = [service_seconds(7, "sim-1", number, "CT") for number in range(1, 4001)]
    assert abs(statistics.mean(draws) / 60 - SERVICE_MIN["CT"]) < 0.2
    assert min(draws) > 0 and max(draws) > 2 * SERVICE_MIN["CT"] * 60  # a long tail
    assert service_seconds(7, "sim-1", 1001, "DD") == service_seconds(
        7, "sim-1", 1001, "DD"
    )
    assert service_seconds(7, "sim-1", 1001, "DD") != service_seconds(
        8, "sim-1", 1001, "DD"
    )


def test_a_small_day_is_issued_served_and_seen_by_the_display():
    figures = simulate_day(Plan(tickets=24, counters=3, speed=900), port=free_port())
    assert figures["errors"] == 0, figures["first_errors"]
    assert figures["issued"] == figures["served"] == 24
    assert figures["call_to_display_ms"]["count"] == 24
    assert figures["estimated_wait_abs_error_min"]["count"] == 24
