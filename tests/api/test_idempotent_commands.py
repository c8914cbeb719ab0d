"""Staff commands over REST with an Idempotency-Key: a retry has one effect."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from motcua.services import app_services
from tests.conftest import bearer, staff_token

CALL = "/api/v1/offices/demo/counters/1/call-next"


def _issue(client, world, n=1):  # type: ignore[no-untyped-def]
    numbers = []
    for _ in range(n):
        response = client.post(
            "/api/v1/offices/demo/tickets",
            json={"service": "CT"},
            headers=bearer(world.kiosk_token),
        )
        assert response.status_code == 201
        numbers.append(response.get_json()["number"])
    return numbers


def _keyed(token: str, key: str) -> dict[str, str]:
    return {**bearer(token), "Idempotency-Key": key}


def _waiting(client, token):  # type: ignore[no-untyped-def]
    state = client.get(
        "/api/v1/offices/demo/counters/1/console", headers=bearer(token)
    ).get_json()
    return state


def test_a_retried_call_next_calls_one_citizen(client, api_world):
    first, second, third = _issue(client, api_world, 3)
    staff = staff_token(client)
    answer = client.post(CALL, headers=_keyed(staff, "press-1"))
    retried = client.post(CALL, headers=_keyed(staff, "press-1"))
    assert answer.status_code == retried.status_code == 200
    assert answer.get_json() == retried.get_json()
    assert answer.get_json()["number"] == first
    # The retry neither finished the citizen just called nor called the next one.
    ticket = client.get(f"/api/v1/tickets/{answer.get_json()['id']}").get_json()
    assert ticket["status"] == "called"
    done = {"current": {"ticket": answer.get_json()["id"], "outcome": "finished"}}
    fresh = client.post(CALL, json=done, headers=_keyed(staff, "press-2"))
    assert fresh.get_json()["number"] == second
    # A second press naming the citizen already finished changes nothing.
    stale = client.post(CALL, json=done, headers=_keyed(staff, "press-3"))
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "not_current"
    after = {"current": {"ticket": fresh.get_json()["id"], "outcome": "finished"}}
    plain = client.post(CALL, json=after, headers=bearer(staff))
    assert plain.get_json()["number"] == third


def test_a_retried_finish_gets_the_first_answer_not_a_conflict(client, api_world):
    _issue(client, api_world)
    staff = staff_token(client)
    called = client.post(CALL, headers=bearer(staff)).get_json()
    finish = f"/api/v1/tickets/{called['id']}/finish"
    one = client.post(finish, headers=_keyed(staff, "finish-1"))
    two = client.post(finish, headers=_keyed(staff, "finish-1"))
    assert one.status_code == two.status_code == 200
    assert two.get_json()["status"] == "done"
    again = client.post(finish, headers=bearer(staff))  # no key: a second finish
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "bad_state"


def test_an_error_answer_is_given_again_in_the_clients_language(client, api_world):
    staff = staff_token(client)
    paused = client.post(
        "/api/v1/offices/demo/counters/1/pause",
        json={"reason": "Nghỉ trưa"},
        headers=bearer(staff),
    )
    assert paused.status_code == 200
    first = client.post(CALL, headers=_keyed(staff, "k"))
    second = client.post(CALL, headers={**_keyed(staff, "k"), "Accept-Language": "en"})
    assert first.status_code == second.status_code == 409
    assert first.get_json()["error"]["code"] == "counter_paused"
    assert "Quầy" in first.get_json()["error"]["message"]
    assert "ounter" in second.get_json()["error"]["message"]


def test_the_same_key_from_another_staff_member_is_their_own(client, api_world, app):
    from motcua.core.lookup import office_by_slug
    from motcua.core.setup import add_user

    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, app_services(app).clock, "lan", "matkhau123", office=office)
    first, second = _issue(client, api_world, 2)
    one = client.post(CALL, headers=_keyed(staff_token(client), "1"))
    other = client.post(
        CALL.replace("/1/", "/3/"), headers=_keyed(staff_token(client, "lan"), "1")
    )
    assert one.get_json()["number"] == first
    assert other.get_json()["number"] == second


def test_a_bad_key_is_refused_and_changes_nothing(client, api_world):
    _issue(client, api_world)
    staff = staff_token(client)
    response = client.post(CALL, headers=_keyed(staff, "x" * 101))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_field"
    assert _waiting(client, staff)["current"] is None


def test_simultaneous_retries_have_one_effect(client, api_world, app):
    numbers = _issue(client, api_world, 4)
    staff = staff_token(client)

    def press(_: int):  # type: ignore[no-untyped-def]
        with app.test_client() as own:
            return own.post(CALL, headers=_keyed(staff, "rush")).get_json()["number"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(press, range(4)))
    assert answers == [numbers[0]] * 4
    busy = client.post(CALL, headers=bearer(staff))
    assert busy.status_code == 409
    assert busy.get_json()["error"]["code"] == "counter_busy"
    first = client.get("/api/v1/offices/demo/counters/1/console", headers=bearer(staff))
    done = {"ticket": first.get_json()["current"]["id"], "outcome": "no_show"}
    fresh = client.post(CALL, json={"current": done}, headers=bearer(staff)).get_json()
    assert fresh["number"] == numbers[1]
