"""The ward list: real procedures to start a guide with, and the demo seed."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid
from motcua.core.models import Office
from motcua.core.office_admin import audit
from motcua.core.procedures import (
    ProcedureSpec,
    add_procedure,
    field_codes,
    guide_entries,
)
from motcua.core.ward_procedures import ROWS, SOURCE

# The common ward procedures of every field (see ward_procedures.py for the source).
WARD_PROCEDURES = tuple(
    ProcedureSpec(code, title, tuple(papers.split("|")), fee, duration, SOURCE)
    for code, title, papers, fee, duration in ROWS
)


def seed_ward_procedures(session: Session, office: Office) -> int:
    """Put the demo ward's guide entries in place; returns how many were added."""
    for spec in WARD_PROCEDURES:
        add_procedure(session, office, spec)
    session.flush()
    return len(WARD_PROCEDURES)


def seed_guide(session: Session, office: Office, actor: Actor, clock: Clock) -> int:
    """The ward list as a start for an empty guide, for the fields the office has."""
    require_role(actor, office, "admin")
    if guide_entries(session, office):
        raise Conflict("procedure_guide_not_empty")
    codes = field_codes(session, office)
    specs = [
        replace(s, service_code=codes[s.service_code])
        for s in WARD_PROCEDURES
        if s.service_code in codes
    ]
    if not specs:
        ward = sorted({s.service_code for s in WARD_PROCEDURES})
        raise Invalid("procedure_seed_no_field", codes=", ".join(ward))
    for spec in specs:
        add_procedure(session, office, spec)
    audit(session, office, actor, clock, "procedures.seeded", "", added=len(specs))
    return len(specs)
