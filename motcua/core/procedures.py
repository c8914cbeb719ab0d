"""The procedure guide: papers, fees and times, searchable without diacritics."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.models import Office, Procedure, Service
from motcua.core.office_admin import audit
from motcua.core.textmatch import Matcher, docs_of, fold

__all__ = ["fold"]  # the guide's folding, used by the importers

TITLE_MAX, TEXT_MAX, PAPER_MAX, PAPERS_MAX, SOURCE_MAX = 300, 200, 500, 50, 300
BULLET = re.compile(r"^\s*(?:[-*+\u2022\u2013]\s+|\d{1,2}[.)]\s+)")


@dataclass(frozen=True)
class ProcedureSpec:
    service_code: str
    title: str
    papers: tuple[str, ...]
    fee: str
    duration: str
    source: str = ""


def add_procedure(session: Session, office: Office, spec: ProcedureSpec) -> Procedure:
    """A guide entry of the office, indexed for diacritic-free search."""
    row = Procedure(
        office_id=office.id,
        service_code=spec.service_code,
        title=spec.title,
        papers="\n".join(spec.papers),
        fee=spec.fee,
        duration=spec.duration,
        search_text=_index(spec),
        source=spec.source[:SOURCE_MAX],
    )
    session.add(row)
    return row


def _index(spec: ProcedureSpec) -> str:
    return fold(" ".join((spec.service_code, spec.title, *spec.papers)))


def search(
    session: Session,
    office: Office,
    query: str = "",
    limit: int = 30,
    fields_only: bool = False,
) -> list[dict[str, Any]]:
    """The guide's entries matching a query (accents, spaces, typos, synonyms), best
    first; every entry, by field, when the query is empty. fields_only: only entries
    of the office's current fields (what citizens can take a number for)."""
    names = _service_names(session, office)
    if not fold(query):
        rows = guide_entries(session, office)
        kept = [r for r in rows if r.service_code in names or not fields_only]
        return [procedure_view(row, names) for row in kept[:limit]]
    matcher, by_id, _ = office_matcher(session, office)
    hits = matcher.rank(query, limit=limit + len(names), share=0.35)
    return [procedure_view(by_id[h.doc.key], names) for h in hits if h.doc.key > 0][
        :limit
    ]


def office_matcher(
    session: Session, office: Office
) -> tuple[Matcher, dict[int, Procedure], dict[str, tuple[str, str]]]:
    """The office's guide entries and field names, indexed."""
    names = _service_names(session, office)
    rows = guide_entries(session, office)
    by_id = {r.id: r for r in rows if r.service_code in names}
    entries = [
        (i, r.service_code, r.title, r.papers.split("\n")) for i, r in by_id.items()
    ]
    fields = {code: vi for code, (vi, _) in names.items()}
    return Matcher(docs_of(entries, fields)), by_id, names


def _service_names(session: Session, office: Office) -> dict[str, tuple[str, str]]:
    rows = session.execute(
        select(Service.code, Service.name_vi, Service.name_en).where(
            Service.office_id == office.id
        )
    )
    return {code: (vi, en) for code, vi, en in rows}


def procedure_view(row: Procedure, names: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """What the guide shows of one procedure."""
    vi, en = names.get(row.service_code, (row.service_code, row.service_code))
    return {
        "id": row.id,
        "service": {"code": row.service_code, "name": vi, "name_en": en},
        "title": row.title,
        "papers": [p for p in row.papers.split("\n") if p],
        "fee": row.fee,
        "duration": row.duration,
        "source": row.source,
        "checked": bool(row.checked),
    }


def split_papers(raw: str, semicolons: bool = False) -> tuple[str, ...]:
    """Papers one per line (or split at ";"), list bullets and numbers dropped."""
    parts = re.split(r"[;\r\n]+" if semicolons else r"[\r\n]+", raw)
    return tuple(_line(BULLET.sub("", p)) for p in parts if p.strip())


def field_codes(session: Session, office: Office) -> dict[str, str]:
    """The office's field codes, found as typed, in capitals or by name ("Đất đai")."""
    rows = session.execute(
        select(Service.code, Service.name_vi).where(Service.office_id == office.id)
    ).all()
    names = {fold(name): code for code, name in rows}
    return {**names, **{c.upper(): c for c, _ in rows}, **{c: c for c, _ in rows}}


def _field_code(codes: dict[str, str], raw: str) -> str:
    code = raw.strip()
    if not code:
        raise Invalid("procedure_no_field")
    known = codes.get(code) or codes.get(code.upper()) or codes.get(fold(code))
    if known is None:
        raise Invalid("procedure_unknown_field", code=code[:16])
    return known


def checked_spec(codes: dict[str, str], spec: ProcedureSpec) -> ProcedureSpec:
    """The entry tidied (spaces, empty papers) and checked; Invalid if wrong."""
    title, fee, duration = (_line(t) for t in (spec.title, spec.fee, spec.duration))
    papers = tuple(_line(p) for p in spec.papers if p.strip())
    if not 0 < len(title) <= TITLE_MAX:
        raise Invalid("procedure_bad_title", most=TITLE_MAX)
    if len(papers) > PAPERS_MAX or any(len(p) > PAPER_MAX for p in papers):
        raise Invalid("procedure_bad_papers", count=PAPERS_MAX, most=PAPER_MAX)
    if len(fee) > TEXT_MAX:
        raise Invalid("procedure_bad_fee", most=TEXT_MAX)
    if len(duration) > TEXT_MAX:
        raise Invalid("procedure_bad_duration", most=TEXT_MAX)
    code = _field_code(codes, spec.service_code)
    return ProcedureSpec(code, title, papers, fee, duration, _line(spec.source))


def _line(text: str) -> str:
    return " ".join(text.split())


def entry_key(spec: ProcedureSpec) -> tuple[str, str]:
    """What makes an entry the same as another: its field and folded title."""
    return spec.service_code, fold(spec.title)


def guide_entries(session: Session, office: Office) -> list[Procedure]:
    """The office's guide entries, by field."""
    stmt = select(Procedure).where(Procedure.office_id == office.id)
    return list(session.scalars(stmt.order_by(Procedure.service_code, Procedure.id)))


def _ensure_unique(
    session: Session, office: Office, spec: ProcedureSpec, own_id: int | None
) -> None:
    for row in guide_entries(session, office):
        if row.id != own_id and entry_key(spec_of(row)) == entry_key(spec):
            raise Conflict("procedure_exists", code=spec.service_code, title=spec.title)


def spec_of(row: Procedure) -> ProcedureSpec:
    """A stored entry as a spec."""
    papers = tuple(p for p in row.papers.split("\n") if p)
    return ProcedureSpec(
        row.service_code, row.title, papers, row.fee, row.duration, row.source
    )


def procedure_by_id(session: Session, office: Office, procedure_id: int) -> Procedure:
    """One entry of the office's guide."""
    row = session.get(Procedure, procedure_id)
    if row is None or row.office_id != office.id:
        raise NotFound("procedure_unknown")
    return row


def create_procedure(
    session: Session, office: Office, actor: Actor, clock: Clock, spec: ProcedureSpec
) -> Procedure:
    """A new guide entry, checked and audited."""
    require_role(actor, office, "admin")
    spec = checked_spec(field_codes(session, office), spec)
    _ensure_unique(session, office, spec, None)
    row = add_procedure(session, office, spec)
    session.flush()
    audit(session, office, actor, clock, "procedure.added", spec.title, id=row.id)
    return row


def apply_spec(row: Procedure, spec: ProcedureSpec) -> dict[str, Any]:
    """Write the spec and its search text on the row; the old values that changed."""
    old = spec_of(row)
    spec = spec if spec.source else replace(spec, source=old.source)  # form keeps it
    names = ("service_code", "title", "papers", "fee", "duration", "source")
    before = {n: getattr(old, n) for n in names if getattr(old, n) != getattr(spec, n)}
    row.service_code, row.title = spec.service_code, spec.title
    row.papers, row.fee, row.duration = "\n".join(spec.papers), spec.fee, spec.duration
    row.search_text, row.source = _index(spec), spec.source[:SOURCE_MAX]
    return before


def update_procedure(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    procedure_id: int,
    spec: ProcedureSpec,
) -> Procedure:
    """Change a guide entry; its search text follows. Audited with the old values."""
    require_role(actor, office, "admin")
    row = procedure_by_id(session, office, procedure_id)
    spec = checked_spec(field_codes(session, office), spec)
    _ensure_unique(session, office, spec, row.id)
    before = apply_spec(row, spec)
    if before:
        audit(
            session, office, actor, clock, "procedure.changed", spec.title,
            id=row.id, before=before,
        )  # fmt: skip
    return row


def mark_checked(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    procedure_id: int,
    checked: bool = True,
) -> Procedure:
    """The ward has checked an entry's fee and time (or wants them checked again)."""
    require_role(actor, office, "admin")
    row = procedure_by_id(session, office, procedure_id)
    if row.checked != checked:
        row.checked = checked
        action = "procedure.checked" if checked else "procedure.unchecked"
        audit(session, office, actor, clock, action, row.title, id=row.id)
    return row


def delete_procedure(
    session: Session, office: Office, actor: Actor, clock: Clock, procedure_id: int
) -> None:
    """Remove a guide entry; the audit log keeps what it said."""
    require_role(actor, office, "admin")
    row = procedure_by_id(session, office, procedure_id)
    kept = spec_of(row)
    audit(
        session, office, actor, clock, "procedure.deleted", row.title,
        id=row.id, field=kept.service_code, papers=kept.papers, fee=kept.fee,
        duration=kept.duration,
    )  # fmt: skip
    session.delete(row)
