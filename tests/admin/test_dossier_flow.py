"""Dossiers end to end: a code entered at the counter makes the dossier the kiosk
finds, staff set its status from the console, and the HTTP source is set and
tried from the admin pages."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from motcua.core.lookup import office_by_slug
from motcua.services import app_services
from tests.admin.pages import post, sign_in_admin
from tests.conftest import bearer, staff_token
from tests.helpers import call_next, issue

CODE = "000.00.01.H29-251120-0013"
LOOKUP = f"/api/v1/offices/demo/dossiers/{CODE}"


def _served_ticket(app, api_world, clock):
    db = app_services(app).db
    issue(db, "demo", api_world.kiosk, clock, "CT")
    return call_next(db, "demo", api_world.staff, clock, 1).id


def test_counter_code_makes_the_dossier_the_kiosk_finds(app, client, api_world, clock):
    ticket = _served_ticket(app, api_world, clock)
    staff = bearer(staff_token(client))
    kiosk = bearer(api_world.kiosk_token)
    assert client.get(LOOKUP, headers=kiosk).status_code == 404
    url = f"/api/v1/tickets/{ticket}/dossier-code"
    assert client.post(url, json={"code": CODE}, headers=staff).status_code == 200
    found = client.get(LOOKUP, headers=kiosk).get_json()["dossier"]
    assert found["status"] == "received" and found["status_text"] == "Đã tiếp nhận"
    assert found["procedure"] == "Chứng thực"
    body = {"code": CODE.lower(), "status": "ready"}
    assert client.post(url, json=body, headers=staff).status_code == 200
    found = client.get(LOOKUP, headers=kiosk).get_json()["dossier"]
    assert found["status_text"] == "Đã có kết quả, mời đến nhận"
    again = client.post(url, json={"code": CODE}, headers=staff)  # status kept
    assert again.status_code == 200
    assert client.get(LOOKUP, headers=kiosk).get_json()["dossier"]["status"] == "ready"
    bad = client.post(url, json={"code": CODE, "status": "lost"}, headers=staff)
    assert bad.status_code == 400


def test_console_socket_sets_the_status(app, client, api_world, clock):
    ticket = _served_ticket(app, api_world, clock)
    socketio = app_services(app).realtime.socketio
    auth = {"office": "demo", "token": staff_token(client), "counter": 1}
    console = socketio.test_client(app, namespace="/counter", auth=auth)
    args = {"ticket": ticket, "code": CODE, "status": "supplement"}
    answer = console.emit(
        "command",
        {"action": "dossier", "id": "d1", **args},
        namespace="/counter",
        callback=True,
    )
    assert answer["ok"], answer
    kiosk = bearer(api_world.kiosk_token)
    found = client.get(LOOKUP, headers=kiosk).get_json()["dossier"]
    assert found["status_text"] == "Cần bổ sung giấy tờ"


class DossierSystem:
    """A stand-in for the office's dossier system."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        asked = self.asked

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                asked.append(self.path)
                known = self.path.endswith(CODE)
                body = json.dumps({"status": "processing"}).encode()
                self.send_response(200 if known else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body if known else b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/ho-so/{{code}}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def system():
    running = DossierSystem()
    yield running
    running.close()


def test_http_source_set_and_tried_in_the_admin(app, client, api_world, clock, system):
    db = sign_in_admin(app, clock, client)
    page = "/admin/o/demo/dossiers"
    bad = post(client, f"{page}/source", {"kind": "http", "url": "ftp://x"}, page)
    assert "có chỗ {code}" in bad.get_data(as_text=True)
    # A source on the server's own network is refused when saved, not only when used.
    form = {"kind": "http", "url": system.url}
    private = post(client, f"{page}/source", form, page).get_data(as_text=True)
    assert "mạng riêng của máy chủ" in private and "MOTCUA_OUTBOUND_PRIVATE" in private
    with db.sessions() as session:
        kept = office_by_slug(session, "demo").settings.get("dossier_source")
        assert kept in (None, {"kind": "table"})
    app.config["OUTBOUND_PRIVATE"] = True  # the dossier system runs on this machine
    done = post(client, f"{page}/source", form, page)
    assert done.status_code == 302
    app.config["OUTBOUND_PRIVATE"] = False  # the operator takes the permission back
    refused = post(client, f"{page}/source/test", {"code": CODE}, page)
    assert "mạng riêng của máy chủ" in refused.get_data(as_text=True)
    assert not system.asked  # the button reached nothing on the server's network
    app.config["OUTBOUND_PRIVATE"] = True
    with db.sessions() as session:
        source = office_by_slug(session, "demo").settings["dossier_source"]
        assert source == {"kind": "http", "url": system.url, "timeout_s": 3}
    tried = post(client, f"{page}/source/test", {"code": CODE}, page)
    assert f"Kết nối được. Hồ sơ {CODE}: Đang giải quyết." in tried.get_data(
        as_text=True
    )
    missing = post(
        client, f"{page}/source/test", {"code": "000.00.01.H29-251120-0099"}, page
    )
    assert "không có hồ sơ" in missing.get_data(as_text=True)
    kiosk = bearer(api_world.kiosk_token)
    found = client.get(LOOKUP, headers=kiosk).get_json()["dossier"]
    assert found["status"] == "processing"
    system.close()
    down = post(client, f"{page}/source/test", {"code": CODE}, page)
    assert "không trả lời đúng" in down.get_data(as_text=True)
