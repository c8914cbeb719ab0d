"""Tenancy: office A's tokens never reach office B, on any endpoint or namespace.

The sweep walks the server's own url_map, so a new endpoint is covered as soon as it
exists: its arguments are filled from ARGS (one entry per argument name) and its body
from BODIES (per endpoint). An endpoint that takes no office resource, or that is
public by design, is listed in UNSCOPED or PUBLIC with the reason; an endpoint that is
in neither and has an argument ARGS does not know makes the sweep fail, so it cannot
be forgotten.
"""

from __future__ import annotations

import itertools
import re
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
import socketio
from sqlalchemy import select, text

from display.recordings import guided_list
from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.dossiers import save_dossier
from motcua.core.help import set_priority_pin
from motcua.core.lookup import office_by_slug
from motcua.core.models import Base, Membership
from motcua.core.pairing import request_for_secret, start_pairing
from motcua.core.reports import store_daily_report, today
from motcua.core.setup import add_device, add_user
from motcua.services import app_services
from tests.e2e.conftest import LiveServer

API = "/api/v1"
PASSWORD = "matkhau123"
DOSSIER = "000.12.34.H01-261120-0001"

# Endpoints that take no office resource (nothing of B's to point at); every
# blueprint's "static" endpoint (files) too.
UNSCOPED = {
    "pages.index": "the start page",
    "pages.health": "liveness",
    "pages.service_worker": "the live pages' service worker script, the same for all",
    "pages.service_worker_words": "the service worker's words, the same for all",
    "pages.favicon": "the site's icon, the same for all",
    "api.openapi": "the API description",
    "api.token": "sign-in: the credentials are the resource",
    "admin.login": "sign-in form",
    "admin.logout": "ends one's own session",
    "api.logout": "revokes one's own token",
    "admin.setup": "first-run setup, refused once a user exists",
    "admin.index": "the signed-in user's own offices",
    "display.pair_page": "a new screen asks for a pairing code",
    "display.pair_claim": "a new screen picks up its own pairing",
    "display.pair_start": "a print agent asks for a pairing code",
    "admin.setup_restore": "first-run restore, refused once a user exists",
}
# Endpoints that answer anyone holding B's identifier, by design (GET only).
PUBLIC = {
    "api.get_ticket": "a ticket, for anyone holding its unguessable id (API.md)",
    "pages.status": "the citizen's live status page, by the ticket's id",
    "pages.status_qr": "the QR code of that page",
    "kiosk.guide": "the procedure guide is public information",
    "counter.page": "the console's empty shell: staff sign in on it, data comes later",
    "booking.staff_page": "the staff list's empty shell: data comes with a token",
    "booking.slots": "open slots are public: citizens' phones ask for them",
    "booking.book_page": "citizens book from their phones, without an account",
    "pages.start_page": "a device's start page: waits for the server, opens the page",
    "pages.start_hop": "the hop to the device's page, which asks for its token",
    "booking.book": "citizens book from their phones, without an account",
    "booking.booking_page": "a booking, for the citizen holding its unguessable id",
    "booking.booking_qr": "that booking's QR code",
    "booking.confirm": "the citizen confirms with the code sent to them",
    "booking.cancel": "the citizen holding the booking's id cancels it",
    "booking.resend": "the citizen holding the booking's id asks for the code again",
}
# City-wide pages: office-level users are refused.
CITY = {"admin.city_page", "admin.city_json"}


@dataclass
class Target:
    """Office B's resources that A's credentials are pointed at."""

    slug: str
    counter: int
    tickets: list[str]
    numbers: list[int]
    devices: list[int]
    report: int
    dossier: str
    pairing: str
    member: int = 0


ARGS: dict[str, Callable[[Target], list[Any]]] = {
    "office": lambda t: [t.slug],
    "slug": lambda t: [t.slug],
    "n": lambda t: [t.counter],
    "ticket_id": lambda t: t.tickets,
    "number": lambda t: t.numbers,
    "device_id": lambda t: t.devices,
    "report_id": lambda t: [t.report],
    "code": lambda t: [t.dossier],
    "counter": lambda t: [t.counter],
    "action": lambda t: ["recall", "start", "finish", "no-show", "return", "cancel"],
    "step": lambda t: ["ticket", "call", "finish", "print"],
    "chosen": lambda t: ["json", "csv", "xlsx"],
    # A spare member of B: B's admin may remove it without locking anyone out.
    "user_id": lambda t: [t.member],
    "kind": lambda t: ["ogg", "mp3", "wav"],
    "item_id": lambda t: [item.id for item in guided_list({})[:2]],
}
# Valid bodies, so that a refusal comes from tenancy, not from validation.
BODIES: dict[str, Any] = {
    "api.create_ticket": {"service": "CT"},
    "api.call_ticket": {"ticket": "{ticket}", "reason": "thử"},
    # Call-next names the citizen it closes (B's own control then finishes it).
    "api.call_next": {"current": {"ticket": "{ticket}", "outcome": "finished"}},
    "api.pause": {"reason": "nghỉ"},
    "api.transfer": {"service": "HT"},
    "api.priority": {"priority": "elderly"},
    "kiosk.save_dossier": {"status": "ready"},
    "kiosk.import_dossiers": "code,status\n" + DOSSIER + ",rejected\n",
    "kiosk.need_help": {"note": "giúp"},
    "kiosk.priority_ticket": {"service": "CT", "priority": "elderly", "pin": "1234"},
    "counter.dossier_code": {"code": DOSSIER},
    "counter.rating": {"score": 1},
    "display.pair_device": {"code": "{pairing}", "kind": "display", "name": "x"},
    "printer.set_printer": {"printer": {"driver": "file", "path": "/tmp/x"}},
}
FORM = {
    "name": "Đổi tên",
    "code": "XX",
    "number": "9",
    "username": "hacker",
    "password": "matkhau999",
    "role": "admin",
    "kind": "display",
    "status": "ready",
    "score": "1",
    "reason": "x",
    "date": "2026-11-20",
}


def rule_cases(app, target: Target) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(endpoint, method, path) for every office-scoped rule, with B's values."""
    cases = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNSCOPED or rule.endpoint in PUBLIC:
            continue
        if rule.endpoint.rsplit(".", 1)[-1] == "static":
            continue
        unknown = set(rule.arguments) - set(ARGS)
        assert not unknown, f"{rule.rule}: add {unknown} to ARGS or to UNSCOPED/PUBLIC"
        names = sorted(rule.arguments)
        if not names:
            assert rule.endpoint in CITY, f"{rule.rule}: classify it (UNSCOPED/CITY)"
        choices = [ARGS[name](target) for name in names]
        for values in itertools.product(*choices):
            adapter = app.url_map.bind("localhost")
            path = adapter.build(rule.endpoint, dict(zip(names, values)))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                cases.append((rule.endpoint, method, path))
    return cases


def _filled(body: Any, fill: dict[str, str]) -> Any:
    if isinstance(body, dict):
        return {k: _filled(v, fill) for k, v in body.items()}
    return fill.get(body, body) if isinstance(body, str) else body


def send(
    client: requests.Session, endpoint: str, method: str, path: str, target: Target
) -> requests.Response:
    body = BODIES.get(endpoint, {})
    kwargs: dict[str, Any] = {"timeout": 30, "allow_redirects": False}
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        if isinstance(body, str):
            kwargs["data"] = body.encode()
            kwargs["headers"] = {"Content-Type": "text/csv"}
        elif path.startswith(API):
            fill = {"{ticket}": target.tickets[0], "{pairing}": target.pairing}
            kwargs["json"] = _filled(body, fill)
        else:
            kwargs["data"] = {**FORM, "csrf_token": getattr(client, "csrf", "")}
    return client.request(method, client.base + path, **kwargs)  # type: ignore[attr-defined]


def office_rows(url: str, slug: str) -> dict[str, list[str]]:
    """Every row that belongs to the office, as text: what must not change."""
    database = Database(url)
    with database.sessions() as session:
        office_id = office_by_slug(session, slug).id
        users = list(
            session.scalars(
                select(Membership.user_id).where(Membership.office_id == office_id)
            )
        )
        rows: dict[str, list[str]] = {}
        for table in Base.metadata.sorted_tables:
            if "office_id" in table.c:
                where = table.c.office_id == office_id
            elif table.name == "offices":
                where = table.c.id == office_id
            elif table.name == "users":
                where = table.c.id.in_(users)
            elif "user_id" in table.c:
                where = table.c.user_id.in_(users)
            elif table.name == "day_numbers":
                where = text(
                    "service_id IN (SELECT id FROM services WHERE office_id = :o)"
                ).bindparams(o=office_id)
            else:
                continue
            result = session.execute(select(table).where(where))
            rows[table.name] = sorted(repr(tuple(r)) for r in result)
    database.dispose()
    return rows


def _session(server: LiveServer, **headers: str) -> requests.Session:
    client = requests.Session()
    client.base = server.url  # type: ignore[attr-defined]
    client.headers.update(headers)
    return client


def _bearer(server: LiveServer, token: str, device: bool = False) -> requests.Session:
    client = _session(server, Authorization=f"Bearer {token}")
    if device:
        client.cookies.set("motcua_device", token)
    return client


def _staff_token(server: LiveServer, username: str) -> str:
    response = requests.post(
        server.url + API + "/auth/token",
        json={"username": username, "password": PASSWORD},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def _admin_session(server: LiveServer, username: str, slug: str) -> requests.Session:
    client = _session(server)
    form = client.get(server.url + "/admin/login", timeout=10).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    response = client.post(
        server.url + "/admin/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": csrf.group(1) if csrf else "",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    page = client.get(server.url + f"/admin/o/{slug}/settings", timeout=10)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    client.csrf = found.group(1)  # type: ignore[attr-defined]
    return client


@dataclass
class Side:
    """One office's credentials of every kind."""

    credentials: dict[str, requests.Session]
    tokens: dict[str, str]


def prepare(server: LiveServer, slug: str, worlds: Any) -> Side:
    """An admin, a printer and a rating tablet beside the world's staff and devices."""
    world = worlds
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    clock = SystemClock()
    with database.transaction() as session:
        office = office_by_slug(session, slug)
        add_user(session, clock, f"{slug}-admin", PASSWORD, office=office, role="admin")
        _, printer = add_device(session, clock, office, "printer", "p1")
        counter = world.counters[1]
        _, rating = add_device(session, clock, office, "rating", "r1", counter=counter)
    database.dispose()
    tokens = {
        "staff": _staff_token(server, f"{slug}-staff"),
        "admin": _staff_token(server, f"{slug}-admin"),
        "kiosk": world.kiosk_token,
        "display": world.display_token,
        "printer": printer,
        "rating": rating,
    }
    credentials = {
        "staff": _bearer(server, tokens["staff"]),
        "admin": _bearer(server, tokens["admin"]),
        "admin-session": _admin_session(server, f"{slug}-admin", slug),
        **{
            kind: _bearer(server, tokens[kind], device=True)
            for kind in ("kiosk", "display", "printer", "rating")
        },
    }
    return Side(credentials, tokens)


def seed_target(server: LiveServer, side: Side, slug: str) -> Target:
    """B's own activity: tickets (one called), devices, a dossier, a daily report."""
    kiosk, staff = side.credentials["kiosk"], side.credentials["staff"]
    issued = [
        kiosk.post(
            server.url + f"{API}/offices/{slug}/tickets", json={"service": "CT"}
        ).json()
        for _ in range(3)
    ]
    called = staff.post(server.url + f"{API}/offices/{slug}/counters/1/call-next")
    assert called.status_code == 200, called.text
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    clock = SystemClock()
    with database.transaction() as session:
        office = office_by_slug(session, slug)
        from motcua.core.auth import actor_for_token

        actor = actor_for_token(session, clock, side.tokens["admin"])
        save_dossier(session, office, actor, clock, DOSSIER, {"status": "received"})
        set_priority_pin(session, office, actor, "1234")
        _, secret = start_pairing(session, clock)
        pairing = request_for_secret(session, secret).code
        report = store_daily_report(session, office, clock, today(office, clock)).id
        spare = add_user(session, clock, f"{slug}-spare", PASSWORD, office=office)
        session.flush()
        member = spare.id
        devices = list(
            session.scalars(
                text("SELECT id FROM devices WHERE office_id = :o ORDER BY id"),
                {"o": office.id},
            )
        )
    database.dispose()
    return Target(
        slug=slug,
        counter=1,
        tickets=[called.json()["id"], issued[-1]["id"]],
        numbers=[int(issued[0]["number"])],
        devices=devices,
        report=report,
        dossier=DOSSIER,
        pairing=pairing,
        member=member,
    )


def _url_map_app(server: LiveServer):  # type: ignore[no-untyped-def]
    from motcua import create_app

    app = create_app(
        {
            "DATABASE_URL": server.env["MOTCUA_DATABASE_URL"],
            "INSTANCE_PATH": tempfile.mkdtemp(),
            "AUTO_UPGRADE": False,
        }
    )
    app_services(app).db.dispose()
    return app


def test_office_a_never_reaches_office_b_over_rest(live):
    server, ours, theirs = live
    a = prepare(server, "demo", ours)
    b = prepare(server, "khac", theirs)
    target = seed_target(server, b, "khac")
    cases = rule_cases(_url_map_app(server), target)
    assert len(cases) > 60
    before = office_rows(server.env["MOTCUA_DATABASE_URL"], "khac")
    leaks, crashes = [], []
    for (endpoint, method, path), (who, client) in itertools.product(
        cases, a.credentials.items()
    ):
        response = send(client, endpoint, method, path, target)
        if 200 <= response.status_code < 300:
            leaks.append(f"{who} {method} {path} -> {response.status_code}")
        if response.status_code >= 500:
            crashes.append(f"{who} {method} {path} -> {response.status_code}")
    assert not crashes, "\n".join(crashes)
    assert not leaks, "\n".join(leaks)
    assert office_rows(server.env["MOTCUA_DATABASE_URL"], "khac") == before

    # Control: B's own credentials are let through the same doors (not 401/403/404),
    # so A's refusals above came from tenancy, not from wrong ids or bodies.
    refused = []
    for endpoint, method, path in cases:
        codes = {
            who: send(client, endpoint, method, path, target).status_code
            for who, client in b.credentials.items()
        }
        if endpoint == "counter.rating" and target.tickets[1] in path:
            continue  # never served at the tablet's counter: 403 by design
        if endpoint not in CITY and all(c in (401, 403, 404) for c in codes.values()):
            refused.append(f"{method} {path} {codes}")
    assert not refused, "\n".join(refused)


NAMESPACES = ("/display", "/counter", "/kiosk", "/printer")


class Client:
    """A Socket.IO client that records every event of its namespace."""

    def __init__(self, server: LiveServer, namespace: str, auth: dict) -> None:
        self.namespace = namespace
        self.events: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._record, namespace=namespace)
        self.sio.connect(
            server.url,
            namespaces=[namespace],
            auth=auth,
            transports=["websocket"],
            wait_timeout=10,
        )

    def _record(self, name: str, data: Any = None) -> None:
        with self.lock:
            self.events.append((name, data))

    def offices(self) -> set[str]:
        with self.lock:
            return {d.get("office") for _, d in self.events if isinstance(d, dict)} - {
                None
            }

    def close(self) -> None:
        self.sio.disconnect()


def _joined_b(server: LiveServer, namespace: str, auth: dict) -> bool:
    """Whether the client got into B: refused, or seated in its own office, is fine."""
    try:
        client = Client(server, namespace, auth)
    except socketio.exceptions.ConnectionError:
        return False
    time.sleep(0.3)
    client.close()
    return "khac" in client.offices()


def test_office_a_never_joins_or_hears_office_b_over_socketio(live):
    server, ours, theirs = live
    a = prepare(server, "demo", ours)
    b = prepare(server, "khac", theirs)
    target = seed_target(server, b, "khac")
    joined = [
        f"{who} -> {namespace}"
        for namespace, (who, token) in itertools.product(NAMESPACES, a.tokens.items())
        for auth in (
            {"office": "khac", "token": token},
            {"office": "khac", "token": token, "counter": 1},
        )
        if _joined_b(server, namespace, auth)
    ]
    assert not joined, joined
    # A ticket's status page sees its own office only.
    status = Client(server, "/status", {"ticket": target.tickets[1]})

    # A's clients, in every namespace they may join, then activity in both offices.
    allowed = {
        "/display": ("display", {}),
        "/kiosk": ("kiosk", {}),
        "/counter": ("staff", {"counter": 1}),
        "/printer": ("printer", {}),
    }
    listeners = {
        ns: Client(server, ns, {"office": "demo", "token": a.tokens[who], **extra})
        for ns, (who, extra) in allowed.items()
    }
    # Staff of A asking for B's state over their own connection get nothing of B.
    for ns, listener in listeners.items():
        answer = listener.sio.call(
            "snapshot", {"office": "khac"}, namespace=ns, timeout=10
        )
        assert not (isinstance(answer, dict) and answer.get("office") == "khac"), ns
    b_kiosk, b_staff = b.credentials["kiosk"], b.credentials["staff"]
    b_kiosk.post(server.url + f"{API}/offices/khac/tickets", json={"service": "CT"})
    b_staff.post(server.url + f"{API}/offices/khac/counters/3/call-next")
    b_staff.post(server.url + f"{API}/tickets/{target.tickets[0]}/start")
    b_staff.post(server.url + f"{API}/tickets/{target.tickets[0]}/finish")
    status_ticket = a.credentials["kiosk"].post(
        server.url + f"{API}/offices/demo/tickets", json={"service": "CT"}
    )
    assert status_ticket.status_code == 201
    a.credentials["staff"].post(server.url + f"{API}/offices/demo/counters/1/call-next")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        heard = [
            c
            for c in listeners.values()
            if any(name == "ticket.called" for name, _ in c.events)
        ]
        if len(heard) == len(listeners) - 1:  # the print agent hears no calls
            break
        time.sleep(0.1)
    time.sleep(0.5)
    for ns, listener in listeners.items():
        assert listener.offices() <= {"demo"}, (ns, listener.events)
        listener.close()
    assert {"ticket.called"} <= {n for n, _ in listeners["/display"].events}
    # The status page of B's ticket saw B's activity and nothing of A's.
    time.sleep(0.2)
    assert status.offices() == {"khac"}, status.events
    status.close()
