"""The assistant route and priority requests through the real app and Socket.IO."""

from __future__ import annotations

import pytest

from motcua.core.auth import user_actor
from motcua.core.help import PIN_TRIES, set_priority_pin
from motcua.core.lookup import office_by_slug
from motcua.core.procedure_seed import seed_ward_procedures
from motcua.core.setup import add_user
from motcua.demo import seed_demo
from motcua.services import app_services
from tests.conftest import bearer, staff_token

ASK = "/api/v1/offices/demo/assistant"


def _seed(app):  # type: ignore[no-untyped-def]
    with app_services(app).db.transaction() as session:
        seed_ward_procedures(session, office_by_slug(session, "demo"))


@pytest.mark.parametrize(
    "question, field, title",
    [
        ("làm giấy khai sinh cho con", "HT", "Đăng ký khai sinh"),
        ("sao y so do", "CT", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("chứng thực", "CT", None),
        ("hộ tịch", "HT", None),
    ],
)
def test_the_assistant_answers_with_field_and_procedure(
    app, client, api_world, question, field, title
):
    _seed(app)
    answer = client.get(
        ASK, query_string={"q": question}, headers=bearer(api_world.kiosk_token)
    )
    assert answer.status_code == 200
    answers = answer.get_json()["answers"]
    assert answers[0]["service"]["code"] == field
    assert answers[0]["service"]["name"] in ("Chứng thực", "Hộ tịch")
    scores = [a["score"] for a in answers]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    if title:
        assert answers[0]["procedure"]["title"] == title
        assert answers[0]["procedure"]["papers"] and answers[0]["procedure"]["fee"]
    # Only the office's fields: the demo guide's land entries do not answer here.
    assert {a["service"]["code"] for a in answers} <= {"CT", "HT"}


@pytest.mark.parametrize("question", ["cap lai so ho khau", "cấp lại sổ hộ khẩu"])
def test_a_question_no_field_answers_gets_no_field(app, client, clock, question):
    """The household book (gone since 2023) is no ward field: no answer, so the kiosk
    asks the citizen to see the staff."""
    with app_services(app).db.transaction() as session:
        kiosk = seed_demo(session, clock, "phuong").devices["kiosk"]
    answer = client.get(
        "/api/v1/offices/phuong/assistant",
        query_string={"q": question},
        headers=bearer(kiosk),
    )
    assert answer.status_code == 200 and answer.get_json()["answers"] == []


def test_the_assistant_refuses_bad_questions_and_strangers(app, client, api_world):
    kiosk = bearer(api_world.kiosk_token)
    for q in ("", "   ", "x" * 301):
        bad = client.get(ASK, query_string={"q": q}, headers=kiosk)
        assert bad.status_code == 400
        assert bad.get_json()["error"]["code"] in (
            "assistant_empty",
            "assistant_too_long",
        )
    assert "Xin gõ" in client.get(ASK, headers=kiosk).get_json()["error"]["message"]
    english = client.get(ASK, headers={**kiosk, "Accept-Language": "en"})
    assert english.get_json()["error"]["message"] == "Please type what you need."
    assert client.get(ASK, query_string={"q": "khai sinh"}).status_code == 401
    display = bearer(api_world.display_token)
    assert (
        client.get(ASK, query_string={"q": "khai sinh"}, headers=display).status_code
        == 403
    )
    nothing = client.get(ASK, query_string={"q": "qqqq zzzz"}, headers=kiosk)
    assert nothing.get_json() == {"answers": []}
    staff = {"Authorization": f"Bearer {staff_token(client)}"}
    assert (
        client.get(ASK, query_string={"q": "ho tich"}, headers=staff).status_code == 200
    )


def test_a_priority_request_gives_a_number_and_reaches_the_console(
    app, client, api_world
):
    token = staff_token(client)
    socketio = app_services(app).realtime.socketio
    counter = socketio.test_client(
        app, namespace="/counter", auth={"office": "demo", "token": token, "counter": 1}
    )
    counter.get_received("/counter")
    headers = {**bearer(api_world.kiosk_token), "Idempotency-Key": "pr-1"}
    body = {"service": "HT", "priority": "elderly"}
    url = "/api/v1/offices/demo/priority-requests"
    first = client.post(url, json=body, headers=headers)
    again = client.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    ticket = first.get_json()
    assert (
        ticket["number"] == "2001" and ticket["priority"] is None
    )  # not yet confirmed
    assert again.get_json()["id"] == ticket["id"]
    assert again.get_json()["help"]["id"] == ticket["help"]["id"]
    events = [
        m for m in counter.get_received("/counter") if m["name"] == "help.requested"
    ]
    assert len(events) == 1
    alert = events[0]["args"][0]["data"]["help"]
    assert alert["priority"] == "elderly" and alert["ticket"]["number"] == "2001"
    # The console's state lists it; staff confirm: the ticket gets its class.
    state = counter.emit(
        "command", {"action": "state"}, namespace="/counter", callback=True
    )
    [listed] = state["result"]["help"]
    assert listed["ticket"]["id"] == ticket["id"] and listed["priority"] == "elderly"
    done = counter.emit(
        "command",
        {
            "action": "priority",
            "ticket": ticket["id"],
            "priority": "elderly",
            "id": "c1",
        },
        namespace="/counter",
        callback=True,
    )
    assert done["ok"], done
    status = client.get(f"/api/v1/tickets/{ticket['id']}").get_json()
    assert status["priority"] == "elderly"
    unknown = client.post(
        url,
        json={"service": "HT", "priority": "vip"},
        headers=bearer(api_world.kiosk_token),
    )
    assert unknown.status_code == 400
    counter.disconnect("/counter")


def test_pin_tries_are_limited_then_locked_for_a_while(app, client, api_world, clock):
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        admin = add_user(
            session, clock, "boss", "matkhau123", office=office, role="admin"
        )
        set_priority_pin(session, office, user_actor(session, admin), "2468")
    url = "/api/v1/offices/demo/priority-tickets"
    kiosk = bearer(api_world.kiosk_token)
    wrong = {"service": "CT", "priority": "elderly", "pin": "0000"}
    for left in range(PIN_TRIES - 1, -1, -1):
        refused = client.post(url, json=wrong, headers=kiosk)
        assert refused.status_code == 403
        assert f"Còn {left} lần thử" in refused.get_json()["error"]["message"]
    right = {**wrong, "pin": "2468"}
    locked = client.post(url, json=right, headers=kiosk)
    assert locked.status_code == 403
    assert locked.get_json()["error"]["code"] == "pin_locked"
    clock.advance(16 * 60)
    granted = client.post(url, json=right, headers=kiosk)
    assert granted.status_code == 201 and granted.get_json()["priority"] == "elderly"


@pytest.mark.parametrize(
    "question, offered",
    [("chứng thực", []), ("hộ tịch", []), ("trợ cấp", ["NCC"])],
)
def test_the_assistant_offers_no_field_a_word_merely_brushes(
    app, client, clock, question, offered
):
    """The kiosk's "Có thể bạn cần" offers a field only with a guide entry that answers
    nearly as well: "hộ tịch" names Hộ tịch and brushes the name of no other field
    worth a button (Đăng ký hộ kinh doanh, with no entry, leads nowhere); "chứng
    thực" brushes the land field's "Giấy chứng nhận"; "trợ cấp" is answered by two
    fields nearly as well, and both are offered."""
    with app_services(app).db.transaction() as session:
        kiosk = seed_demo(session, clock, "phuong").devices["kiosk"]
    answer = client.get(
        "/api/v1/offices/phuong/assistant",
        query_string={"q": question},
        headers=bearer(kiosk),
    ).get_json()["answers"]
    assert [a["service"]["code"] for a in answer[1:]] == offered, answer
    assert all(a["procedure"] for a in answer[1:])
