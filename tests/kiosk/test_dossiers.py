"""Dossier codes, the built-in dossier table, CSV import, the HTTP source."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from motcua.core import dossiers
from motcua.core.errors import Forbidden, Invalid, NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.targets import TargetPolicy
from motcua.gateways import Outbound
from tests.conftest import build_world
from tests.helpers import issue

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "raw, code",
    [
        ("000.00.01.H29-250719-0013", "000.00.01.H29-250719-0013"),
        ("38.98.H29-210519-0013", "38.98.H29-210519-0013"),
        (" 000.00.01.h29-250719-0013\r\n", "000.00.01.H29-250719-0013"),
        ("000.00.01.H29-261123-0001", "000.00.01.H29-261123-0001"),
    ],
)
def test_good_dossier_codes_are_accepted_and_normalized(raw, code):
    assert dossiers.parse_code(raw, TODAY) == code


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "1.000494.000.00.00.H29",  # a procedure code, not a dossier code
        "000.00.01.H29-250719-13",
        "000.00.01.H29 250719 0013",
        "0000.00.01.H29-250719-0013",
        "000.00.01.29-250719-0013",
        "000.00.01.H29-250719-0013-1",
        "x" * 500,
    ],
)
def test_malformed_dossier_codes_are_refused(raw):
    with pytest.raises(Invalid) as err:
        dossiers.parse_code(raw, TODAY)
    assert err.value.code == "bad_dossier_code"


@pytest.mark.parametrize(
    "raw",
    [
        "000.00.01.H29-250230-0013",  # 30 February
        "000.00.01.H29-251301-0013",  # month 13
        "000.00.01.H29-261124-0013",  # tomorrow
        "38.98.H29-991231-0001",  # 2099
    ],
)
def test_dossier_codes_with_impossible_dates_are_refused(raw):
    with pytest.raises(Invalid) as err:
        dossiers.parse_code(raw, TODAY)
    assert err.value.code == "bad_dossier_date"


def test_staff_record_a_dossier_and_only_their_office_sees_it(db, clock, world):
    other = build_world(db, clock, "khac")
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        dossiers.save_dossier(
            session,
            office,
            world.staff,
            clock,
            "000.00.01.h29-251120-0007",
            {"status": "ready", "procedure": "Đăng ký khai sinh", "due_date": None},
        )
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        found = dossiers.find_in_table(session, office, "000.00.01.H29-251120-0007")
        assert found["status"] == "ready"
        view = dossiers.dossier_view(found, "vi")
        assert view["status_text"] == "Đã có kết quả, mời đến nhận"
        assert dossiers.dossier_view(found, "en")["status_text"] == (
            "Result ready to collect"
        )
        with pytest.raises(NotFound):
            dossiers.find_in_table(
                session, office_by_slug(session, "khac"), "000.00.01.H29-251120-0007"
            )
        with pytest.raises(Forbidden):
            dossiers.save_dossier(
                session, office, other.staff, clock, found["code"], {"status": "ready"}
            )
        with pytest.raises(Forbidden):
            dossiers.save_dossier(
                session, office, world.kiosk, clock, found["code"], {"status": "ready"}
            )
        with pytest.raises(Invalid):
            dossiers.save_dossier(
                session, office, world.staff, clock, found["code"], {"status": "xyz"}
            )


def test_csv_import_loads_good_rows_and_reports_bad_ones(db, clock, world):
    text = (
        "\ufeffcode,status,procedure,note,due_date\n"
        "000.00.01.H29-251120-0001,processing,Chứng thực,,2026-11-25\n"
        "000.00.01.H29-251120-0002,supplement,Hộ tịch,Thiếu tờ khai,\n"
        "1.000494.000.00.00.H29,ready,,,\n"
        "000.00.01.H29-251120-0003,lost,,,\n"
        "000.00.01.H29-251120-0004,ready,,,25/11/2026\n"  # as Excel writes it in VN
        "000.00.01.H29-251120-0005,ready,,,31/02/2026\n"
        "000.00.01.H29-251120-0001,ready,,,\n"
    )
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        report = dossiers.import_csv(session, office, world.staff, clock, text)
    assert report.imported == 4
    assert [e["line"] for e in report.errors] == [4, 5, 7]
    assert [e["code"] for e in report.errors] == [
        "bad_dossier_code",
        "bad_dossier_status",
        "bad_due_date",
    ]
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        first = dossiers.find_in_table(session, office, "000.00.01.H29-251120-0001")
        second = dossiers.find_in_table(session, office, "000.00.01.H29-251120-0002")
        assert first["status"] == "ready"  # the later row updated it
        assert second["note"] == "Thiếu tờ khai"
        with pytest.raises(Invalid):
            dossiers.import_csv(session, office, world.staff, clock, "a,b\n1,2\n")


def test_ticket_by_number_finds_todays_ticket_of_the_office(db, clock, world):
    build_world(db, clock, "khac")
    ticket = issue(db, "demo", world.kiosk, clock, "HT")
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        found = dossiers.ticket_by_number(session, office, clock, ticket.number)
        assert found.id == ticket.id
        with pytest.raises(NotFound):
            dossiers.ticket_by_number(
                session, office_by_slug(session, "khac"), clock, ticket.number
            )
    clock.advance(24 * 3600)
    with db.transaction() as session, pytest.raises(NotFound):
        dossiers.ticket_by_number(
            session, office_by_slug(session, "demo"), clock, ticket.number
        )


class _Source(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path.endswith("-0404"):
            self.send_response(404)
            self.end_headers()
            return
        if self.path.endswith("-0500"):
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps(
            {
                "status": "processing",
                "procedure": "Đăng ký đất đai",
                "auth": self.headers.get("Authorization"),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def source():  # type: ignore[no-untyped-def]
    server = HTTPServer(("127.0.0.1", 0), _Source)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


# The dossier system of these tests runs on this machine: the operator allows it.
HTTP = Outbound(TargetPolicy(outbound_private=True))


def test_http_source_answers_finds_misses_and_fails_plainly(source):
    config = {"kind": "http", "url": source + "/hoso/{code}", "token": "abc"}
    found = dossiers.fetch_http(config, "38.98.H29-210519-0013", HTTP)
    assert found == {
        "status": "processing",
        "procedure": "Đăng ký đất đai",
        "code": "38.98.H29-210519-0013",
    }
    with pytest.raises(NotFound):
        dossiers.fetch_http(config, "38.98.H29-210519-0404", HTTP)
    with pytest.raises(dossiers.SourceDown):
        dossiers.fetch_http(config, "38.98.H29-210519-0500", HTTP)
    with pytest.raises(dossiers.SourceDown):
        dossiers.fetch_http(
            {"url": "http://127.0.0.1:9/{code}"}, "38.98.H29-2105", HTTP
        )
    with pytest.raises(dossiers.SourceDown):
        dossiers.fetch_http({"url": source}, "38.98.H29-210519-0013", HTTP)
