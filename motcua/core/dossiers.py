"""Status look-ups: dossiers by code (built-in table or an HTTP source), tickets by
number."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock, service_day
from motcua.core.errors import Invalid, NotFound
from motcua.core.gateway import Http, NoAnswer
from motcua.core.models import Dossier, Office, Ticket
from motcua.core.settings import office_setting
from motcua.i18n import pairs

# Circular 01/2018/TT-VPCP art. 19: agency code, receipt date YYMMDD, sequence.
CODE = re.compile(r"^(\d{3}\.)?\d{2}\.\d{2}\.[A-Z]\d{2}-(\d{6})-\d{4}$")
STATUSES = pairs("dossier_status")  # (vi, en) by status, from the one table
CSV_COLUMNS = ("code", "status", "procedure", "note", "due_date")
CSV_MAX_BYTES = 2_000_000


class SourceDown(Exception):
    """The office's dossier system did not answer."""


NOT_ALLOWED = "address not allowed"
BUSY = "busy"  # the office's look-ups already in flight fill its lane


def parse_code(raw: str, today: date) -> str:
    """A dossier code, upper-cased and checked: format and a real, past date."""
    code = (raw or "").strip().upper()
    match = CODE.match(code)
    if match is None:
        raise Invalid("bad_dossier_code")
    digits = match.group(2)
    try:
        received = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        raise Invalid("bad_dossier_date") from None
    if received > today:
        raise Invalid("bad_dossier_date")
    return code


def status_label(status: str, lang: str = "vi") -> str:
    """Words for a status key; a status from another system is shown as it is."""
    words = STATUSES.get(status)
    return status if words is None else words[1 if lang == "en" else 0]


def dossier_view(found: dict[str, Any], lang: str = "vi") -> dict[str, Any]:
    """The public shape of a dossier's status."""
    return {
        "code": found["code"],
        "procedure": found.get("procedure") or "",
        "status": found["status"],
        "status_text": status_label(found["status"], lang),
        "note": found.get("note"),
        "due_date": found.get("due_date"),
    }


def source_config(office: Office) -> dict[str, Any]:
    """Where the office's dossier statuses come from: {"kind": "table"} or "http"."""
    config = office_setting(office, "dossier_source") or {}
    return dict(config) if isinstance(config, dict) else {"kind": "table"}


def find_in_table(session: Session, office: Office, code: str) -> dict[str, Any]:
    """A dossier of the built-in table."""
    stmt = select(Dossier).where(Dossier.office_id == office.id, Dossier.code == code)
    row = session.scalars(stmt).first()
    if row is None:
        raise NotFound("unknown_dossier", dossier=code)
    return {
        "code": row.code,
        "procedure": row.procedure,
        "status": row.status,
        "note": row.note,
        "due_date": row.due_date.isoformat() if row.due_date else None,
    }


def fetch_http(config: dict[str, Any], code: str, http: Http) -> Any:
    """Ask the office's dossier system; run outside any database transaction.
    An address the operator did not allow is not asked (SourceDown)."""
    url = str(config.get("url", ""))
    if "{code}" not in url:
        raise SourceDown("no url")
    headers = {"Accept": "application/json"}
    if config.get("token"):
        headers["Authorization"] = f"Bearer {config['token']}"
    deadline = float(config.get("timeout_s", 3))
    try:
        reply = http(
            "GET", url.replace("{code}", code), headers=headers, deadline=deadline
        )
    except NoAnswer as err:
        raise SourceDown(
            NOT_ALLOWED if err.reason == "not_allowed" else err.reason
        ) from err
    if reply.status == 404:
        raise NotFound("unknown_dossier", dossier=code)
    body = reply.json() if reply.status == 200 else None
    if not isinstance(body, dict) or not isinstance(body.get("status"), str):
        raise SourceDown(f"answer {reply.status}")
    return {**_clean(body), "code": code}


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    keys = ("status", "procedure", "note", "due_date")
    return {k: str(body[k])[:300] for k in keys if body.get(k) is not None}


def save_dossier(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    raw_code: str,
    values: dict[str, Any],
) -> Dossier:
    """Staff record a dossier's status in the built-in table (insert or update)."""
    require_role(actor, office)
    code = parse_code(raw_code, service_day(clock.now(), office.timezone))
    status = values.get("status")
    if status not in STATUSES:
        raise Invalid("bad_dossier_status", status=status)
    stmt = select(Dossier).where(Dossier.office_id == office.id, Dossier.code == code)
    row = session.scalars(stmt).first()
    if row is None:
        row = Dossier(office_id=office.id, code=code)
        session.add(row)
    row.status, row.updated_at = status, clock.now()
    row.procedure = values.get("procedure") or row.procedure or ""
    row.note = values.get("note")
    row.due_date = _due(values.get("due_date"))
    session.flush()
    return row


def parse_date(text: str) -> date:
    """YYYY-MM-DD, or dd/mm/yyyy as people in Vietnam write a date."""
    text = text.strip()
    if "/" not in text:
        return date.fromisoformat(text[:10])
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    return date(int(parts[2]), int(parts[1]), int(parts[0]))


def _due(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise Invalid("bad_due_date", value=str(value)[:20]) from None


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def import_csv(
    session: Session, office: Office, actor: Actor, clock: Clock, text: str
) -> ImportReport:
    """Load dossier statuses from CSV (code,status,procedure,note,due_date)."""
    require_role(actor, office)
    try:
        return _import_rows(session, office, actor, clock, text)
    except csv.Error as err:  # not CSV at all: the whole file is refused
        raise Invalid("bad_csv") from err


def _import_rows(
    session: Session, office: Office, actor: Actor, clock: Clock, text: str
) -> ImportReport:
    """Save each row in its own savepoint; a bad row is reported, not fatal."""
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    if rows.fieldnames is None or not {"code", "status"} <= set(rows.fieldnames):
        raise Invalid("bad_csv")
    report = ImportReport()
    for line, row in enumerate(rows, start=2):
        values = {k: (row.get(k) or "").strip() or None for k in CSV_COLUMNS}
        try:
            with session.begin_nested():
                save_dossier(
                    session, office, actor, clock, values["code"] or "", values
                )
            report.imported += 1
        except Invalid as err:
            report.errors.append({"line": line, "code": err.code})
    return report


def ticket_by_number(
    session: Session, office: Office, clock: Clock, number: int
) -> Ticket:
    """Today's ticket with this number in the office."""
    day = service_day(clock.now(), office.timezone)
    stmt = select(Ticket).where(
        Ticket.office_id == office.id, Ticket.day == day, Ticket.number == number
    )
    ticket = session.scalars(stmt.order_by(Ticket.issued_at)).first()
    if ticket is None:
        raise NotFound("unknown_ticket_number", number=number)
    return ticket


def recent_dossiers(session: Session, office: Office, limit: int = 50) -> list[Dossier]:
    """The office's dossiers, the latest changed first."""
    stmt = (
        select(Dossier)
        .where(Dossier.office_id == office.id)
        .order_by(Dossier.updated_at.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
