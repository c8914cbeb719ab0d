"""The kiosk's routes through the real app: issuing, look-ups, guide, help, PIN."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image

from motcua.core.help import set_priority_pin
from motcua.core.lookup import office_by_slug
from motcua.core.procedure_seed import seed_ward_procedures
from motcua.core.setup import add_user
from motcua.services import app_services
from tests.conftest import bearer, staff_token


def _kiosk(world):  # type: ignore[no-untyped-def]
    return bearer(world.kiosk_token)


def _take(client, world, key=None, service="CT", **extra):  # type: ignore[no-untyped-def]
    headers = _kiosk(world)
    if key:
        headers["Idempotency-Key"] = key
    return client.post(
        "/api/v1/offices/demo/tickets",
        json={"service": service, **extra},
        headers=headers,
    )


def test_a_repeated_tap_or_retry_gives_the_same_ticket(client, api_world):
    first = _take(client, api_world, key="tap-1")
    again = _take(client, api_world, key="tap-1")
    other = _take(client, api_world, key="tap-2")
    assert first.status_code == again.status_code == other.status_code == 201
    assert again.get_json()["id"] == first.get_json()["id"]
    assert [first.get_json()["number"], other.get_json()["number"]] == ["1001", "1002"]
    assert other.get_json()["ahead"] == 1


def test_services_say_how_many_numbers_are_left(app, client, api_world):
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        for service in (api_world.services["CT"],):
            session.get(type(service), service.id).daily_cap = 2
        del office
    _take(client, api_world)
    _take(client, api_world)
    services = client.get(
        "/api/v1/offices/demo/services", headers=_kiosk(api_world)
    ).get_json()["services"]
    left = {s["code"]: s["numbers_left"] for s in services}
    assert left == {"CT": 0, "HT": 999}
    refused = _take(client, api_world)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "daily_cap_reached"
    page = client.get("/o/demo/kiosk", headers={"Cookie": ""})
    assert page.status_code == 403  # no device cookie yet
    client.set_cookie("motcua_device", api_world.kiosk_token)
    html = client.get("/o/demo/kiosk").get_data(as_text=True)
    assert "Đã hết số hôm nay" in html
    assert "Bạn vẫn có thể tra cứu hồ sơ" in html
    english = client.get("/o/demo/kiosk?lang=en").get_data(as_text=True)
    assert "No numbers left today" in english and 'lang="en"' in english


def test_ticket_lookup_by_number_and_status_page(client, api_world):
    ticket = _take(client, api_world, service="HT", lang="en").get_json()
    found = client.get(
        "/api/v1/offices/demo/tickets/by-number/2001", headers=_kiosk(api_world)
    )
    assert found.status_code == 200 and found.get_json()["id"] == ticket["id"]
    missing = client.get(
        "/api/v1/offices/demo/tickets/by-number/2999", headers=_kiosk(api_world)
    )
    assert missing.status_code == 404
    assert (
        missing.get_json()["error"]["message"] == "Không có số 2999 trong ngày hôm nay."
    )
    assert client.get("/api/v1/offices/demo/tickets/by-number/2001").status_code == 401
    page = client.get(f"/t/{ticket['id']}").get_data(as_text=True)
    assert 'lang="en"' in page and "Civil status" in page  # the ticket's language
    assert 'lang="vi"' in client.get(f"/t/{ticket['id']}?lang=vi").get_data(
        as_text=True
    )
    gone = client.get("/t/nope?lang=en")
    assert gone.status_code == 404 and "Ticket not found" in gone.get_data(True)


def test_status_qr_is_an_svg_of_the_status_link(client, api_world):
    ticket = _take(client, api_world).get_json()
    response = client.get(f"/t/{ticket['id']}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.lstrip().startswith("<?xml") and "<path" in svg
    assert client.get("/t/unknown/qr.svg").status_code == 404
    # Draw the SVG's modules and read them back with a real decoder.
    size = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    scale = 8
    image = Image.new("L", (int(size * scale),) * 2, 255)
    for x0, y0, x1, y1 in re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)", svg):
        box = [int(float(v) * scale) for v in (x0, y0, x1, y1)]
        image.paste(0, tuple(box))
    decoded = zxingcpp.read_barcodes(image)
    assert [d.text for d in decoded] == [ticket["status_url"]]


def test_dossier_lookup_answers_helpfully(app, client, api_world):
    staff = bearer(staff_token(client))
    code = "000.00.01.H29-251120-0007"
    saved = client.put(
        f"/api/v1/offices/demo/dossiers/{code.lower()}",
        json={
            "status": "supplement",
            "note": "Thiếu tờ khai",
            "due_date": "2026-11-30",
        },
        headers=staff,
    )
    assert saved.status_code == 200, saved.get_json()
    found = client.get(
        f"/api/v1/offices/demo/dossiers/{code}", headers=_kiosk(api_world)
    )
    assert found.get_json()["dossier"]["status_text"] == "Cần bổ sung giấy tờ"
    english = client.get(
        f"/api/v1/offices/demo/dossiers/{code}",
        headers={**_kiosk(api_world), "Accept-Language": "en"},
    )
    assert english.get_json()["dossier"]["status_text"] == "More papers needed"
    cases = {
        "1.000494.000.00.00.H29": (400, "bad_dossier_code"),
        "000.00.01.H29-250230-0013": (400, "bad_dossier_date"),
        "000.00.01.H29-251120-0008": (404, "unknown_dossier"),
        "%E2%80%A2%00": (400, "bad_dossier_code"),
    }
    for raw, (status, error) in cases.items():
        answer = client.get(
            f"/api/v1/offices/demo/dossiers/{raw}", headers=_kiosk(api_world)
        )
        assert answer.status_code == status
        assert answer.get_json()["error"]["code"] == error
    kiosk_write = client.put(
        f"/api/v1/offices/demo/dossiers/{code}",
        json={"status": "ready"},
        headers=_kiosk(api_world),
    )
    assert kiosk_write.status_code == 403
    imported = client.post(
        "/api/v1/offices/demo/dossiers/import",
        data="code,status\n38.98.H29-210519-0013,ready\nbad,ready\n".encode(),
        headers={**staff, "Content-Type": "text/csv"},
    )
    assert imported.get_json() == {
        "imported": 1,
        "errors": [{"line": 3, "code": "bad_dossier_code"}],
    }
    broken = client.post(
        "/api/v1/offices/demo/dossiers/import", data=b"\xff\xfe", headers=staff
    )
    assert broken.status_code == 400


def test_http_dossier_source_that_is_down_gets_a_plain_message(app, client, api_world):
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {
            **office.settings,
            "dossier_source": {"kind": "http", "url": "http://127.0.0.1:9/{code}"},
        }
    answer = client.get(
        "/api/v1/offices/demo/dossiers/38.98.H29-210519-0013", headers=_kiosk(api_world)
    )
    assert answer.status_code == 503
    assert "hệ thống hồ sơ" in answer.get_json()["error"]["message"]


def test_procedure_guide_route(app, client, api_world):
    with app_services(app).db.transaction() as session:
        seed_ward_procedures(session, office_by_slug(session, "demo"))
    found = client.get("/api/v1/offices/demo/procedures?q=chung%20thuc").get_json()
    titles = [p["title"] for p in found["procedures"]]
    assert titles and all(p["service"]["code"] == "CT" for p in found["procedures"])
    assert "Chứng thực chữ ký trong giấy tờ, văn bản" in titles
    assert client.get("/api/v1/offices/nowhere/procedures").status_code == 404


def test_help_request_reaches_staff_over_socketio(app, client, api_world):
    token = staff_token(client)
    socketio = app_services(app).realtime.socketio
    counter = socketio.test_client(
        app, namespace="/counter", auth={"office": "demo", "token": token, "counter": 1}
    )
    assert counter.is_connected("/counter")
    counter.get_received("/counter")
    first = client.post("/api/v1/offices/demo/help", json={}, headers=_kiosk(api_world))
    again = client.post("/api/v1/offices/demo/help", json={}, headers=_kiosk(api_world))
    assert first.status_code == again.status_code == 201
    assert again.get_json()["help"]["id"] == first.get_json()["help"]["id"]
    events = [m for m in counter.get_received("/counter") if m["name"] != "snapshot"]
    assert [m["name"] for m in events] == ["help.requested"]  # one alert, not two
    data = events[0]["args"][0]["data"]["help"]
    assert data["place"] == "k1" and data["id"] == first.get_json()["help"]["id"]
    assert client.post("/api/v1/offices/demo/help", json={}).status_code == 401
    counter.disconnect("/counter")


@pytest.mark.parametrize("pin_set", [True, False])
def test_priority_needs_a_helpers_pin(app, client, api_world, clock, pin_set):
    if pin_set:
        with app_services(app).db.transaction() as session:
            office = office_by_slug(session, "demo")
            admin = add_user(
                session, clock, "boss", "matkhau123", office=office, role="admin"
            )
            from motcua.core.auth import user_actor

            set_priority_pin(session, office, user_actor(session, admin), "2468")
    self_declared = _take(client, api_world, priority="elderly")
    assert self_declared.status_code == 403
    body = {"service": "CT", "priority": "elderly", "pin": "0000"}
    url = "/api/v1/offices/demo/priority-tickets"
    wrong = client.post(url, json=body, headers=_kiosk(api_world))
    assert wrong.status_code == 403
    good = client.post(
        url,
        json={**body, "pin": "2468"},
        headers={**_kiosk(api_world), "Idempotency-Key": "p1"},
    )
    if not pin_set:
        assert good.status_code == 403
        return
    assert good.status_code == 201, good.get_json()
    assert good.get_json()["priority"] == "elderly"
    retry = client.post(
        url,
        json={**body, "pin": "2468"},
        headers={**_kiosk(api_world), "Idempotency-Key": "p1"},
    )
    assert retry.get_json()["id"] == good.get_json()["id"]
