"""Messages to citizens who opted in: SMS gateway or Zalo, logged, retried.

Rows are queued in the operation's transaction; a sender outside any transaction
posts them to the gateway, so a slow or failing gateway never holds up the queue.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.core import address
from motcua.core.booking_models import Booking, Notification
from motcua.core.clock import Clock, service_day
from motcua.core.gateway import Http, NoAnswer, Reply, json_body
from motcua.core.models import Counter, Office, Service, Ticket, TicketEvent
from motcua.core.security import mask_id
from motcua.core.settings import office_setting
from motcua.core.views import ahead_of, service_name
from motcua.i18n import register_group, words

NOTIFY: dict[str, Any] = {
    # {"url": ..., "token": ..., "templates": {kind: text}}; POST {"to", "text"}.
    "sms": None,
    # Zalo notification service: {"url", "token", "templates": {kind: template_id}}.
    "zalo": None,
    "near_ahead": 3,
    "max_attempts": 5,
    "timeout_s": 3,
}
# SMS texts, Vietnamese without diacritics so they fit one GSM-7 message, and
# English for citizens who booked in English; offices may change the Vietnamese.
register_group(
    "sms",
    {
        "otp": (
            "{office}: ma xac nhan dat lich cua ban la {code}, het han sau {minutes}"
            " phut. Khong chia se ma nay.",
            "{office}: your booking code is {code}, valid for {minutes} minutes."
            " Do not share it.",
        ),
        "booked": (
            "{office}: da dat lich {service} luc {slot}, ma {code}. Xem: {link}",
            "{office}: {service} booked for {slot}, code {code}. See: {link}",
        ),
        "issued": (
            "{office}: so {number} ({service}) da duoc cap. Theo doi: {link}",
            "{office}: number {number} ({service}) is yours. Follow it: {link}",
        ),
        "near": (
            "{office}: so {number} sap den luot, con {ahead} nguoi truoc ban.",
            "{office}: number {number}, your turn is near: {ahead} ahead of you.",
        ),
        "called": (
            "{office}: moi so {number} den {counter}.",
            "{office}: number {number}, please come to {counter}.",
        ),
        "no_show": (
            "{office}: so {number} da duoc goi nhung ban chua den. Hay den quay"
            " de duoc huong dan.",
            "{office}: number {number} was called but you did not come. Please ask"
            " at a counter.",
        ),
        "missed": (
            "{office}: ban da lo lich hen {slot}. Hay lay so thuong tai ki-ot.",
            "{office}: you missed your booking at {slot}. Please take a number at"
            " the kiosk.",
        ),
    },
)
TEXTS = words("sms", "vi")
TEXTS_EN = words("sms", "en")
LEASE_S = 60  # longer than the longest gateway deadline (30 s)
WATCHED = ("waiting", "called", "serving", "no_show")


def conf(office: Office) -> dict[str, Any]:
    return {**NOTIFY, **(office_setting(office, "notify") or {})}


# With no SMS or Zalo gateway, codes wait in an outbox staff read at the counter.
OUTBOX = "outbox"


def gateway(office: Office, chosen: str | None = None) -> str | None:
    """The message channel the office has configured, if any."""
    settings = conf(office)
    for name in (chosen, "sms", "zalo"):
        if name and settings.get(name) and settings[name].get("url"):
            return name
    return None


def _channel_for_code(office: Office, chosen: str | None) -> str:
    return gateway(office, chosen) or OUTBOX


def _add(
    session: Session,
    office: Office,
    clock: Clock,
    booking: Booking,
    kind: str,
    channel: str,
    params: dict[str, Any],
    dedupe: str | None = None,
) -> bool:
    """Queue one message; a dedupe key already queued (any process) is skipped."""
    if dedupe is not None:
        found = select(Notification.id).where(Notification.dedupe_key == dedupe)
        if session.execute(found).first() is not None:
            return False
    row = Notification(
        office_id=office.id,
        booking_id=booking.id,
        ticket_id=booking.ticket_id,
        kind=kind,
        channel=channel,
        to_masked=mask_id(booking.notify_to or ""),
        dedupe_key=dedupe,
        params={"office": office.name, "lang": booking.lang, **params},
        created_at=clock.now(),
        next_attempt_at=clock.now(),
        status=OUTBOX if channel == OUTBOX else "queued",
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def queue_code(
    session: Session,
    office: Office,
    clock: Clock,
    booking: Booking,
    code: str,
    minutes: int,
) -> None:
    """The one-time code goes out through the office's channel (no opt-in needed),
    or into the outbox staff read when there is none."""
    channel = _channel_for_code(office, booking.notify_channel)
    params = {"code": code, "minutes": minutes}
    _add(session, office, clock, booking, "otp", channel, params)


def outbox(session: Session, office: Office, day_start: datetime) -> list[Any]:
    """Messages no gateway could take, newest first: what staff read out."""
    stmt = (
        select(Notification)
        .where(
            Notification.office_id == office.id,
            Notification.status == OUTBOX,
            Notification.created_at >= day_start,
        )
        .order_by(Notification.id.desc())
        .limit(100)
    )
    zone = ZoneInfo(office.timezone)
    return [
        {
            "at": row.created_at.astimezone(zone).strftime("%H:%M"),
            "to": row.to_masked,
            "text": TEXTS.get(row.kind, row.kind).format_map(_Blank(row.params)),
        }
        for row in session.scalars(stmt)
    ]


def _opted(booking: Booking) -> bool:
    return bool(booking.notify_channel and booking.notify_to)


def slot_text(office: Office, at: datetime | None) -> str:
    if at is None:
        return ""
    return at.astimezone(ZoneInfo(office.timezone)).strftime("%H:%M %d/%m/%Y")


def queue_booked(
    session: Session,
    office: Office,
    clock: Clock,
    booking: Booking,
    service: Service,
    ticket: Ticket | None,
) -> None:
    """ "Booked" (a slot) or "issued" (a number for today), for those who opted in."""
    if not _opted(booking):
        return
    assert booking.notify_channel is not None
    params: dict[str, Any] = {
        "service": service_name(service, booking.lang),
        "code": booking.code,
    }
    if ticket is None:
        params.update(slot=slot_text(office, booking.slot_at))
        params["path"] = f"/o/{office.slug}/b/{booking.id}"
        kind = "booked"
    else:
        params.update(number=str(ticket.number), path=f"/t/{ticket.id}")
        kind = "issued"
    _add(session, office, clock, booking, kind, booking.notify_channel, params)


def scan(session: Session, office: Office, clock: Clock) -> int:
    """Queue "turn near", "called", "no-show" for today's watched tickets; how many."""
    from motcua.core.booking_checkin import mark_missed

    day = service_day(clock.now(), office.timezone)
    near = int(conf(office)["near_ahead"])
    stmt = (
        select(Booking, Ticket)
        .join(Ticket, Ticket.id == Booking.ticket_id)
        # Today's tickets, whatever day their booking was for: a slot just after
        # midnight may be checked in before it.
        .where(Booking.office_id == office.id, Ticket.day == day)
        .where(Booking.notify_channel.is_not(None), Booking.notify_to.is_not(None))
        .where(Ticket.status.in_(WATCHED))
    )
    rows = [(b, t) for b, t in session.execute(stmt)]
    count = 0
    for booking, ticket in rows:
        if ticket.status == "waiting":
            ahead = ahead_of(session, ticket)
            if ahead <= near:
                count += _near(session, office, clock, booking, ticket, ahead)
    count += _calls(session, office, clock, {t.id: (b, t) for b, t in rows})
    for booking in mark_missed(session, office, clock):
        if _opted(booking):
            params = {"slot": slot_text(office, booking.slot_at)}
            assert booking.notify_channel is not None
            count += _add(
                session, office, clock, booking, "missed", booking.notify_channel,
                params, f"missed:{booking.id}",
            )  # fmt: skip
    return count


def _near(
    session: Session,
    office: Office,
    clock: Clock,
    booking: Booking,
    ticket: Ticket,
    ahead: int,
) -> int:
    assert booking.notify_channel is not None
    params = {"number": str(ticket.number), "ahead": ahead}
    key = f"near:{ticket.id}"
    added = _add(
        session, office, clock, booking, "near", booking.notify_channel, params, key
    )
    return int(added)


def _calls(
    session: Session,
    office: Office,
    clock: Clock,
    watched: dict[str, tuple[Booking, Ticket]],
) -> int:
    """Every "called" and "no_show" in the tickets' logs gives one message."""
    if not watched:
        return 0
    stmt = select(TicketEvent).where(
        TicketEvent.ticket_id.in_(list(watched)),
        TicketEvent.kind.in_(("called", "no_show")),
    )
    count = 0
    for event in session.scalars(stmt):
        booking, ticket = watched[event.ticket_id]
        counter = session.get(Counter, event.counter_id) if event.counter_id else None
        params = {
            "number": str(ticket.number),
            "counter": counter.name if counter else "",
        }
        assert booking.notify_channel is not None
        count += _add(
            session, office, clock, booking, event.kind, booking.notify_channel,
            params, f"{event.kind}:{event.id}",
        )  # fmt: skip
    return count


@dataclass(frozen=True)
class Delivery:
    """A claimed message, with what is needed to post it (outside a transaction)."""

    id: int
    office_id: int
    kind: str
    channel: str
    to: str
    params: dict[str, Any]
    config: dict[str, Any]
    timeout: float
    base: str | None = None  # the office's public address (motcua/core/address.py)


def claim_due(
    session: Session, clock: Clock, limit: int = 50, skip: Collection[int] = ()
) -> list[Delivery]:
    """Queued messages that are due, leased to this sender for LEASE_S; offices in
    `skip` (still sending) are left for later. An office gets no more than its
    gateway's deadline lets go out within the lease, so none is sent twice."""
    now = clock.now()
    stmt = (
        select(Notification)
        .where(Notification.status == "queued", Notification.next_attempt_at <= now)
        .where(Notification.office_id.not_in(list(skip)))
        .order_by(Notification.id)
        .limit(limit)
    )
    result: list[Delivery] = []
    claimed: dict[int, int] = {}
    for row in session.scalars(stmt):
        if claimed.get(row.office_id, 0) >= _per_lease(session, row.office_id):
            continue
        if _lease(session, row, now):
            claimed[row.office_id] = claimed.get(row.office_id, 0) + 1
            result.append(_delivery(session, row))
    return result


def _per_lease(session: Session, office_id: int) -> int:
    """How many of an office's messages surely go out (or time out) in one lease."""
    office = session.get_one(Office, office_id)
    return max(1, LEASE_S // (int(conf(office)["timeout_s"]) + 1))


def _lease(session: Session, row: Notification, now: datetime) -> bool:
    taken = session.execute(
        update(Notification)
        .where(Notification.id == row.id, Notification.attempts == row.attempts)
        .values(
            attempts=row.attempts + 1, next_attempt_at=now + timedelta(seconds=LEASE_S)
        )
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def _delivery(session: Session, row: Notification) -> Delivery:
    booking = session.get(Booking, row.booking_id) if row.booking_id else None
    office = session.get(Office, row.office_id)
    assert office is not None
    settings = conf(office)
    return Delivery(
        id=row.id,
        office_id=row.office_id,
        kind=row.kind,
        channel=row.channel,
        to=(booking.notify_to if booking else None) or "",
        params=dict(row.params),
        config=dict(settings.get(row.channel) or {}),
        timeout=float(settings["timeout_s"]),
        base=address.chosen(office),
    )


class DeliveryError(Exception):
    """Why a gateway refused; never holds the phone number."""


def render(delivery: Delivery, base_url: str) -> dict[str, Any]:
    """The body the gateway gets: SMS text, or a Zalo template with its data."""
    params = dict(delivery.params)
    english = params.pop("lang", "vi") == "en"  # the booking's language, not data
    params["link"] = base_url.rstrip("/") + str(params.pop("path", ""))
    templates = delivery.config.get("templates") or {}
    if delivery.channel == "zalo":
        phone = "84" + delivery.to[1:] if delivery.to.startswith("0") else delivery.to
        return {
            "phone": phone,
            "template_id": templates.get(delivery.kind, delivery.kind),
            "template_data": {k: str(v) for k, v in params.items()},
            "tracking_id": f"motcua-{delivery.id}",
        }
    # The office's own texts are Vietnamese; a citizen who booked in English
    # reads the table's English.
    if english:
        text = TEXTS_EN[delivery.kind]
    else:
        text = str(templates.get(delivery.kind) or TEXTS[delivery.kind])
    return {"to": delivery.to, "text": text.format_map(_Blank(params))}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def send(delivery: Delivery, base_url: str, http: Http) -> None:
    """Post one message to its gateway; DeliveryError when it is not accepted."""
    if not delivery.to:
        raise DeliveryError("no recipient (phone removed)")
    url = delivery.config.get("url")
    if not url:
        raise DeliveryError("channel not configured")
    headers = {"Content-Type": "application/json"}
    if delivery.config.get("token"):
        name = "access_token" if delivery.channel == "zalo" else "Authorization"
        token = str(delivery.config["token"])
        headers[name] = token if name == "access_token" else f"Bearer {token}"
    body = json_body(render(delivery, base_url))
    try:
        reply = http("POST", url, headers=headers, body=body, deadline=delivery.timeout)
    except NoAnswer as error:
        raise DeliveryError(f"no answer ({error.reason})") from None
    if reply.status >= 300:
        raise DeliveryError(f"HTTP {reply.status}")
    if delivery.channel == "zalo" and _zalo_error(reply):
        raise DeliveryError(f"Zalo error {_zalo_error(reply)}")


def _zalo_error(reply: Reply) -> int:
    answer = reply.json()
    try:
        return int(answer.get("error", 0))
    except (ValueError, AttributeError, TypeError):
        return -1


def mark(session: Session, clock: Clock, delivery_id: int, error: str | None) -> None:
    """Sent, or retried later with a growing delay, or failed after the last try."""
    row = session.get(Notification, delivery_id)
    if row is None:
        return
    office = session.get(Office, row.office_id)
    assert office is not None
    now = clock.now()
    if error is None:
        row.status, row.sent_at, row.last_error = "sent", now, None
    elif row.attempts >= int(conf(office)["max_attempts"]):
        row.status, row.last_error = "failed", error[:200]
    else:
        delay = min(2 ** (row.attempts - 1), 60)
        row.next_attempt_at, row.last_error = (
            now + timedelta(seconds=delay),
            error[:200],
        )
    if row.kind == "otp" and row.status != "queued":
        row.params = {}  # the code itself is not kept once it is out
