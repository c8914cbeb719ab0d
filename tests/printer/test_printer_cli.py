"""`motcua print-ticket`: the bytes a printer would get, written to a file."""

from __future__ import annotations

import zxingcpp
from click.testing import CliRunner

from motcua.cli import main
from motcua.core import tickets
from motcua.core.models import Device
from tests.printer.printer_wire import decode_escpos


def _run(db_url, tmp_path, *args):
    env = {"MOTCUA_DATABASE_URL": db_url, "MOTCUA_INSTANCE_PATH": str(tmp_path)}
    return CliRunner().invoke(main, ["print-ticket", *args], env=env)


def test_print_ticket_writes_the_kiosk_printers_bytes(
    db, db_url, world, clock, tmp_path
):
    with db.transaction() as session:
        kiosk = session.get(Device, world.kiosk.id)
        kiosk.settings = {
            "printer": {"kind": "file", "path": "/dev/null", "width": 384}
        }
        office = session.merge(world.office)
        ticket = tickets.issue_ticket(
            session, office, world.kiosk, clock, tickets.IssueRequest(service="HT")
        ).ticket
        ticket_id = ticket.id
    out = tmp_path / "ticket.bin"

    result = _run(
        db_url,
        tmp_path,
        "--ticket",
        ticket_id,
        "--output",
        str(out),
        "--public-url",
        "http://10.0.0.2:8000/",
    )

    assert result.exit_code == 0, result.output
    printed = decode_escpos(out.read_bytes(), 384).image
    assert printed.width == 384
    [code] = zxingcpp.read_barcodes(printed.convert("L"))
    assert code.text == f"http://10.0.0.2:8000/t/{ticket_id}"


def test_print_ticket_of_an_unknown_ticket(db, db_url, world, tmp_path):
    result = _run(db_url, tmp_path, "--ticket", "nope", "--output", str(tmp_path / "x"))

    assert result.exit_code == 2
    assert "Không tìm thấy số thứ tự này." in result.output
    assert not (tmp_path / "x").exists()
