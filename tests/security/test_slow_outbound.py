"""A slow endpoint that drips its answer a byte a second is cut at the deadline
(connect and read timeouts alone never end it), and one office's slow endpoint
never holds another office's report or messages."""

from __future__ import annotations

import functools
from datetime import date

import pytest

from motcua.admin.scheduler import PushFailed, Scheduler, post_json
from motcua.core import dossiers, notify, reports
from motcua.core.booking_models import Notification
from motcua.core.lookup import office_by_slug
from motcua.core.models import DailyReport
from motcua.core.targets import TargetPolicy
from motcua.gateways import Outbound
from motcua.services import app_services
from tests.booking.helpers import BY_SMS_TODAY, configure
from tests.conftest import build_world
from tests.security.slow_http import Quick, SlowDrip

CODE = "38.98.H29-210519-0013"
NEAR = Outbound(TargetPolicy(outbound_private=True))  # the stand-ins are local


@pytest.fixture(autouse=True)
def _endpoints_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_OUTBOUND_PRIVATE", "true")


@pytest.fixture
def slow():  # type: ignore[no-untyped-def]
    server = SlowDrip(drips=30)
    yield server
    server.close()


@pytest.fixture
def quick():  # type: ignore[no-untyped-def]
    server = Quick()
    yield server
    server.close()


def _push(url: str) -> None:
    post_json(url, {"served": 1}, "khoa", timeout=2)


def _look_up(url: str) -> None:
    dossiers.fetch_http({"url": url + "{code}", "timeout_s": 2}, CODE, NEAR)


def _message(url: str) -> None:
    delivery = notify.Delivery(
        id=1,
        office_id=1,
        kind="called",
        channel="sms",
        to="0912345678",
        params={"number": "1001", "counter": "Quầy 1"},
        config={"url": url},
        timeout=2,
    )
    notify.send(delivery, "http://phuong.example", NEAR)


@pytest.mark.parametrize(
    ("send", "error", "words"),
    [
        (_push, PushFailed, "không trả lời kịp"),
        (_look_up, dossiers.SourceDown, "deadline"),
        (_message, notify.DeliveryError, r"no answer \(deadline\)"),
    ],
    ids=["city push", "dossier source", "sms gateway"],
)
def test_a_slow_drip_is_cut_at_the_deadline(slow, send, error, words):
    with pytest.raises(error, match=words):
        send(slow.url)
    assert slow.done.wait(10)
    assert slow.cut.is_set() and not slow.finished.is_set()


def _report(db, clock, slug: str, url: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        office.settings = {**office.settings, "report_push_url": url}
        reports.store_daily_report(session, office, clock, date(2026, 11, 23))


def test_a_slow_city_endpoint_holds_no_other_office(db, world, clock, slow, quick):
    build_world(db, clock, "khac")
    _report(db, clock, "demo", slow.url)  # first in line
    _report(db, clock, "khac", quick.url)
    poster = functools.partial(post_json, timeout=20)
    scheduler = Scheduler(db, clock, poster=poster)
    scheduler.tick()
    assert slow.opened.wait(15) and quick.received.wait(15)
    assert not slow.done.is_set()  # demo's push still drips: khac's went through
    slow.close()
    scheduler.settle()
    with db.sessions() as session:
        pushed = {r.office_id: r.pushed_at for r in session.query(DailyReport)}
    ours = pushed.pop(world.office.id)
    assert ours is None and len(pushed) == 1 and None not in pushed.values()


def _book(client, slug: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(f"/o/{slug}/book", data=BY_SMS_TODAY)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_slow_sms_gateway_holds_no_other_office(
    app, client, api_world, clock, slow, quick
):
    db = app_services(app).db
    app.config["OUTBOUND_PRIVATE"] = True
    khac = build_world(db, clock, "khac")
    configure(db, {}, {"sms": {"url": slow.url + "sms"}, "timeout_s": 20}, "demo")
    configure(db, {}, {"sms": {"url": quick.url + "sms"}, "timeout_s": 20}, "khac")
    sender = app_services(app).notify
    sender.autostart = False
    _book(client, "demo")  # its code is first in line
    _book(client, "khac")
    sender.tick()
    assert slow.opened.wait(15) and quick.received.wait(15)
    assert b"ma xac nhan" in quick.bodies[0]
    assert not slow.done.is_set()  # demo's code still drips: khac's went out
    slow.close()
    sender.settle()
    with db.sessions() as session:
        sent = {n.office_id: n.status for n in session.query(Notification)}
    assert sent == {api_world.office.id: "queued", khac.office.id: "sent"}
