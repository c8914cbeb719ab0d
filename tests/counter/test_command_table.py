"""Every staff command over REST and over the console socket: the same cases, the
same answers, because both call the same core command (roles, a clerk's counters,
stale or repeated presses, another office's ids, malformed bodies)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from motcua.services import app_services
from tests.conftest import bearer, build_world, staff_token

_IDS = itertools.count()
REST_ACTION = {"no-show": "no-show"}
STATUS = {"counter_not_allowed": 403, "not_allowed": 403, "unknown_ticket": 404}
STATUS |= {"invalid_field": 400, "unknown_service": 404}


@dataclass
class Day:
    """The office's people and tickets: A called at counter 1, B and C waiting."""

    app: Any
    client: Any
    tokens: dict[str, str]
    ids: dict[str, str]

    def status(self, name: str) -> str:
        path = f"/api/v1/tickets/{self.ids[name]}"
        return self.client.get(path).get_json()["status"]  # type: ignore[no-any-return]


def _issue(client: Any, token: str, office: str = "demo") -> str:
    response = client.post(
        f"/api/v1/offices/{office}/tickets",
        json={"service": "CT"},
        headers=bearer(token),
    )
    assert response.status_code == 201
    return response.get_json()["id"]  # type: ignore[no-any-return]


@pytest.fixture
def day(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = app_services(app).db
    other = build_world(db, clock, "khac")
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, clock, "quay2", "matkhau123", office=office, counters=[2])
    tokens = {
        "staff": staff_token(client),
        "clerk2": staff_token(client, "quay2"),
        "other": staff_token(client, "khac-staff"),
        "kiosk": api_world.kiosk_token,
    }
    ids = {name: _issue(client, api_world.kiosk_token) for name in "ABC"}
    ids["X"] = _issue(client, other.kiosk_token, "khac")
    called = client.post(
        "/api/v1/offices/demo/counters/1/call-next", headers=bearer(tokens["staff"])
    )
    assert called.get_json()["id"] == ids["A"]
    return Day(app, client, tokens, ids)


def rest(
    day: Day, who: str, counter: int, action: str, args: dict[str, Any]
) -> str | None:
    """Send one command over REST; the error code, or None when it succeeded."""
    headers = bearer(day.tokens[who])
    if action in ("call-next", "call"):
        path = f"/api/v1/offices/demo/counters/{counter}/{action}"
        body = {k: v for k, v in args.items()}
    else:
        ticket = args.pop("ticket")
        path = f"/api/v1/tickets/{ticket}/{REST_ACTION.get(action, action)}"
        body = {("counter" if k == "to_counter" else k): v for k, v in args.items()}
    response = day.client.post(path, json=body, headers=headers)
    if response.status_code < 300:
        return None
    code: str = response.get_json()["error"]["code"]
    assert response.status_code == STATUS.get(code, 409), code
    return code


def socket(
    day: Day, who: str, counter: int, action: str, args: dict[str, Any]
) -> str | None:
    """Send one command from a console at the counter; the error code or None."""
    socketio = app_services(day.app).realtime.socketio
    auth = {"office": "demo", "token": day.tokens[who], "counter": counter}
    console = socketio.test_client(day.app, namespace="/counter", auth=auth)
    if not console.is_connected("/counter"):
        return "not_connected"
    data = {"id": f"cmd-{next(_IDS)}", "action": action, **args}
    answer = console.emit("command", data, namespace="/counter", callback=True)
    console.disconnect(namespace="/counter")
    if answer["ok"]:
        return None
    assert answer["error"]["message"], answer
    return answer["error"]["code"]  # type: ignore[no-any-return]


FACES: dict[str, Callable[..., str | None]] = {"rest": rest, "socket": socket}


def done(day: Day, ticket: str) -> dict[str, str]:
    return {"ticket": day.ids[ticket], "outcome": "finished"}


# (who, counter, action, args from the day, expected error or None,
#  the statuses of A, B, C afterwards)
CASES: list[tuple[str, str, int, str, Callable[[Day], dict[str, Any]], Any, str]] = [
    (
        "finish by its clerk",
        "staff",
        1,
        "finish",
        lambda d: {"ticket": d.ids["A"]},
        None,
        "done waiting waiting",
    ),
    (
        "finish of counter 1 by a clerk of counter 2",
        "clerk2",
        2,
        "finish",
        lambda d: {"ticket": d.ids["A"]},
        "counter_not_allowed",
        "called waiting waiting",
    ),
    (
        "no-show of counter 1 by a clerk of counter 2",
        "clerk2",
        2,
        "no-show",
        lambda d: {"ticket": d.ids["A"]},
        "counter_not_allowed",
        "called waiting waiting",
    ),
    (
        "transfer of counter 1's citizen by a clerk of counter 2",
        "clerk2",
        2,
        "transfer",
        lambda d: {"ticket": d.ids["A"], "service": "HT"},
        "counter_not_allowed",
        "called waiting waiting",
    ),
    (
        "recall of counter 1's citizen by a clerk of counter 2",
        "clerk2",
        2,
        "recall",
        lambda d: {"ticket": d.ids["A"]},
        "counter_not_allowed",
        "called waiting waiting",
    ),
    (
        "call-next while the citizen is still called",
        "staff",
        1,
        "call-next",
        lambda d: {},
        "counter_busy",
        "called waiting waiting",
    ),
    (
        "call-next naming a ticket that is not current",
        "staff",
        1,
        "call-next",
        lambda d: {"current": done(d, "B")},
        "not_current",
        "called waiting waiting",
    ),
    (
        "call-next with an unknown outcome",
        "staff",
        1,
        "call-next",
        lambda d: {"current": {"ticket": d.ids["A"], "outcome": "served"}},
        "invalid_field",
        "called waiting waiting",
    ),
    (
        "call-next with a malformed current",
        "staff",
        1,
        "call-next",
        lambda d: {"current": "A"},
        "invalid_field",
        "called waiting waiting",
    ),
    (
        "call-next naming the current one as finished",
        "staff",
        1,
        "call-next",
        lambda d: {"current": done(d, "A")},
        None,
        "done called waiting",
    ),
    (
        "call-next naming the current one as no-show",
        "staff",
        1,
        "call-next",
        lambda d: {"current": {"ticket": d.ids["A"], "outcome": "no_show"}},
        None,
        "no_show called waiting",
    ),
    (
        "call a waiting ticket while the citizen is still called",
        "staff",
        1,
        "call",
        lambda d: {"ticket": d.ids["C"], "reason": "thử"},
        "counter_busy",
        "called waiting waiting",
    ),
    (
        "start of a waiting ticket",
        "staff",
        1,
        "start",
        lambda d: {"ticket": d.ids["B"]},
        "bad_state",
        "called waiting waiting",
    ),
    (
        "cancel of a waiting ticket",
        "staff",
        1,
        "cancel",
        lambda d: {"ticket": d.ids["B"]},
        None,
        "called cancelled waiting",
    ),
    (
        "finish of another office's ticket",
        "staff",
        1,
        "finish",
        lambda d: {"ticket": d.ids["X"]},
        "unknown_ticket",
        "called waiting waiting",
    ),
    (
        "cancel of another office's ticket",
        "staff",
        1,
        "cancel",
        lambda d: {"ticket": d.ids["X"]},
        "unknown_ticket",
        "called waiting waiting",
    ),
    (
        "finish of an unknown ticket",
        "staff",
        1,
        "finish",
        lambda d: {"ticket": "nope"},
        "unknown_ticket",
        "called waiting waiting",
    ),
    (
        "transfer to an unknown field",
        "staff",
        1,
        "transfer",
        lambda d: {"ticket": d.ids["A"], "service": "ZZ"},
        "unknown_service",
        "called waiting waiting",
    ),
    (
        "staff of another office finishing ours",
        "other",
        1,
        "finish",
        lambda d: {"ticket": d.ids["A"]},
        "unknown_ticket",
        "called waiting waiting",
    ),
]


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("case", CASES, ids=[c[0].replace(" ", "-") for c in CASES])
def test_the_same_command_answers_the_same_on_both_faces(day, face, case):  # type: ignore[no-untyped-def]
    _, who, counter, action, args, expected, after = case
    got = FACES[face](day, who, counter, action, args(day))
    if face == "socket" and who == "other":
        # Staff of another office cannot even open a console here.
        assert got == "not_connected"
    else:
        assert got == expected
    assert " ".join(day.status(n) for n in "ABC") == after


@pytest.mark.parametrize("face", sorted(FACES))
def test_a_repeated_finish_and_call_next_press_changes_nothing(day, face):  # type: ignore[no-untyped-def]
    press = FACES[face]
    assert press(day, "staff", 1, "call-next", {"current": done(day, "A")}) is None
    assert (
        press(day, "staff", 1, "call-next", {"current": done(day, "A")})
        == "not_current"
    )
    assert " ".join(day.status(n) for n in "ABC") == "done called waiting"


def test_devices_cannot_command(day):  # type: ignore[no-untyped-def]
    # A device does not see tickets as staff do: the id is unknown to it.
    assert rest(day, "kiosk", 1, "finish", {"ticket": day.ids["A"]}) == "unknown_ticket"
    assert (
        socket(day, "kiosk", 1, "finish", {"ticket": day.ids["A"]}) == "not_connected"
    )
    assert day.status("A") == "called"
