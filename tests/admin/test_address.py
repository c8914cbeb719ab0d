"""The public address: chosen in the admin pages, used by every link, QR code and
message; MOTCUA_PUBLIC_URL still wins; localhost is warned about."""

from __future__ import annotations

import zxingcpp
from click.testing import CliRunner

from motcua import pages
from motcua.admin.address import lan_addresses
from motcua.cli import main
from motcua.core import address, tickets
from motcua.core.lookup import office_by_slug
from motcua.core.models import Device
from motcua.services import app_services
from tests.admin.pages import post, sign_in_admin
from tests.conftest import bearer
from tests.printer.printer_wire import decode_escpos

CHOSEN = "http://192.168.1.10:8000"


def _choose(db, value=CHOSEN):
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**office.settings, "public_url": value}


def test_address_rules():
    assert address.valid("http://192.168.1.10:8000")
    assert address.valid("https://motcua.phuong.gov.vn/")
    for bad in ("192.168.1.10", "http://x/t/1", "ftp://x", "http://a b", None, 5):
        assert not address.valid(bad), bad
    for local in ("http://localhost:8000", "http://127.0.0.1", "http://[::1]:80", ""):
        assert address.is_local(local), local
    assert not address.is_local(CHOSEN)
    assert address.pick(None, "", "http://a:1/") == "http://a:1"
    assert address.pick(None) == "http://localhost:8000"
    assert all(not a.startswith("http://127.") for a in lan_addresses(8000))


def test_page_lists_checks_and_keeps_what_was_typed(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    page = client.get("/admin/o/demo/address").get_data(as_text=True)
    assert 'id="address-warning"' in page  # the test client comes as localhost
    for candidate in lan_addresses(None):
        assert f'value="{candidate}"' in page
    assert 'data-from="custom"' in page and "Kiểm tra" in page
    typed = "192.168.1.10:8000"
    page = post(client, "/admin/o/demo/address", {"custom": typed}).get_data(
        as_text=True
    )
    assert "Địa chỉ phải có dạng http://" in page and f'value="{typed}"' in page
    response = post(client, "/admin/o/demo/address", {"custom": CHOSEN + "/"})
    assert response.status_code == 302
    page = client.get("/admin/o/demo/address").get_data(as_text=True)
    assert f'<strong id="address-in-use">{CHOSEN}</strong>' in page
    assert 'id="address-warning"' not in page
    with db.sessions() as session:
        assert office_by_slug(session, "demo").settings["public_url"] == CHOSEN


def test_ticket_answers_and_qr_use_the_chosen_address(app, client, api_world):
    _choose(app_services(app).db)
    pages._CHOSEN.clear()  # the choice is cached a few seconds per process
    kiosk = bearer(api_world.kiosk_token)
    body = client.post(
        "/api/v1/offices/demo/tickets", json={"service": "CT"}, headers=kiosk
    ).get_json()
    assert body["status_url"] == f"{CHOSEN}/t/{body['id']}"
    svg = client.get(f"/t/{body['id']}/qr.svg")
    assert svg.status_code == 200


def test_environment_variable_wins(app, client, api_world):
    _choose(app_services(app).db)
    app.config["PUBLIC_URL"] = "http://10.9.9.9:8000"
    pages._CHOSEN.clear()
    kiosk = bearer(api_world.kiosk_token)
    body = client.post(
        "/api/v1/offices/demo/tickets", json={"service": "CT"}, headers=kiosk
    ).get_json()
    assert body["status_url"].startswith("http://10.9.9.9:8000/t/")


def test_print_ticket_uses_the_office_address(db, db_url, world, clock, tmp_path):
    with db.transaction() as session:
        kiosk = session.get(Device, world.kiosk.id)
        kiosk.settings = {
            "printer": {"kind": "file", "path": "/dev/null", "width": 384}
        }
        office = session.merge(world.office)
        ticket_id = tickets.issue_ticket(
            session, office, world.kiosk, clock, tickets.IssueRequest(service="HT")
        ).ticket.id
    _choose(db)
    out = tmp_path / "ticket.bin"
    env = {"MOTCUA_DATABASE_URL": db_url, "MOTCUA_INSTANCE_PATH": str(tmp_path)}
    args = ["print-ticket", "--ticket", ticket_id, "--output", str(out)]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    printed = decode_escpos(out.read_bytes(), 384).image
    [code] = zxingcpp.read_barcodes(printed.convert("L"))
    assert code.text == f"{CHOSEN}/t/{ticket_id}"
