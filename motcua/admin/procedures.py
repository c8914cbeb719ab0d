"""Admin page: the procedure guide (papers, fees, times) of the office."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, in_office, number
from motcua.admin.language import page_lang
from motcua.admin.messages import said_in
from motcua.admin.settings import services_of
from motcua.admin.views import admin
from motcua.core import procedure_csv, procedure_seed, procedures
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.models import Office
from motcua.core.procedures import ProcedureSpec
from motcua.i18n import message
from motcua.web import ApiError, clock, read, run

MAX_ENTRIES = 2000


def _p(key: str, **params: Any) -> str:
    return said_in("procedures_page", key, **params)


SHOWN_LINE_ERRORS = 20


def spec_form() -> ProcedureSpec:
    """An entry from the form; lengths are checked by the guide, not cut here."""
    form = request.form
    return ProcedureSpec(
        service_code=form.get("service_code", "")[:40],
        title=form.get("title", "")[:1000],
        papers=procedures.split_papers(form.get("papers", "")[:60_000]),
        fee=form.get("fee", "")[:1000],
        duration=form.get("duration", "")[:1000],
    )


def _import(actor: Actor, session: Session, found: Office) -> str:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise FormError(_p("choose_csv"))
    data = upload.read(procedure_csv.CSV_MAX_BYTES + 1)
    done = procedure_csv.import_csv(session, found, actor, clock(), data)
    return _p(
        "imported",
        lines=len(done.lines),
        added=done.added,
        updated=done.updated,
        unchanged=done.unchanged,
    )


def _change(actor: Actor, session: Session, found: Office) -> str:
    """The POST's action on the guide; the words saying what was done."""
    action, now = request.form.get("action", "save"), clock()
    entry_id = number("id", None, 1, 2**31)
    if action == "import":
        return _import(actor, session, found)
    if action == "seed":
        added = procedure_seed.seed_guide(session, found, actor, now)
        return _p("seeded", added=added)
    if action in ("check", "uncheck"):
        if entry_id is None:
            raise FormError(_p("none_chosen"))
        row = procedures.mark_checked(
            session, found, actor, now, entry_id, action == "check"
        )
        if row.checked:
            return _p("checked", title=row.title)
        return _p("unchecked", title=row.title)
    if action == "delete":
        if entry_id is None:
            raise FormError(_p("none_to_delete"))
        procedures.delete_procedure(session, found, actor, now, entry_id)
        return _p("deleted")
    if entry_id is None:
        row = procedures.create_procedure(session, found, actor, now, spec_form())
        return _p("added", title=row.title)
    row = procedures.update_procedure(session, found, actor, now, entry_id, spec_form())
    return _p("saved", title=row.title)


def _attempt(actor: Actor, office: Office) -> tuple[str | None, str | None, list[str]]:
    """(done, error, one line per bad CSV line) of the POST."""
    try:
        return (
            run(in_office(office, lambda s, o: _change(actor, s, o), "procedures")),
            None,
            [],
        )
    except ApiError as err:
        lines = [
            _p(
                "line",
                line=e["line"],
                error=message(e["code"], page_lang(), **e["params"]),
            )
            for e in err.params.get("errors", [])[:SHOWN_LINE_ERRORS]
        ]
        return None, message(err.code, page_lang(), **err.params), lines
    except FormError as err:
        return None, str(err), []


def _groups(office: Office, query: str) -> list[dict[str, Any]]:
    """Entries matching the search, grouped by field in the order of the fields."""
    found = read(lambda s: procedures.search(s, office, query, MAX_ENTRIES))
    groups: dict[str, dict[str, Any]] = {}
    english = page_lang() == "en"
    for service in services_of(office):
        name = service.name_en if english and service.name_en else service.name_vi
        groups[service.code] = {"code": service.code, "name": name}
    for entry in found:
        code = entry["service"]["code"]
        group = groups.setdefault(code, {"code": code, "name": code})
        group.setdefault("entries", []).append(entry)
    return [g for g in groups.values() if g.get("entries") or not query]


def _editing(office: Office, failed: bool) -> dict[str, Any]:
    """What the entry form shows: what was sent, the entry asked for, or nothing."""
    if failed and request.form.get("action", "save") == "save":
        form = request.form
        keys = ("id", "service_code", "title", "papers", "fee", "duration")
        return {key: form.get(key, "") for key in keys}
    entry_id = request.args.get("edit", "")
    if not entry_id.isdigit() or request.method == "POST":
        return {}
    try:
        return read(lambda s: _entry(s, office, int(entry_id[:10])))
    except ApiError:  # deleted meanwhile, or another office's entry
        return {}


def _entry(session: Session, office: Office, entry_id: int) -> dict[str, Any]:
    spec = procedures.spec_of(procedures.procedure_by_id(session, office, entry_id))
    return {
        "id": entry_id,
        "service_code": spec.service_code,
        "title": spec.title,
        "papers": "\n".join(spec.papers),
        "fee": spec.fee,
        "duration": spec.duration,
    }


@admin.route("/admin/o/<slug>/procedures", methods=["GET", "POST"])
@auth.office_page("admin")
def procedures_page(actor: Actor, office: Office) -> ResponseReturnValue:
    done = error = None
    line_errors: list[str] = []
    if request.method == "POST":
        done, error, line_errors = _attempt(actor, office)
    query = request.args.get("q", "")[:100]
    groups = _groups(office, query)
    return render_template(
        "admin/procedures.html",
        office=office,
        groups=groups,
        services=services_of(office),
        query=query,
        count=sum(len(g.get("entries", [])) for g in groups),
        empty=not read(lambda s: procedures.search(s, office, "", 1)),
        editing=_editing(office, error is not None),
        done=done,
        error=error,
        line_errors=line_errors,
        columns=procedure_csv.CSV_COLUMNS,
    )


@admin.get("/admin/o/<slug>/procedures.csv")
@auth.office_page("admin")
def procedures_csv(actor: Actor, office: Office) -> ResponseReturnValue:
    body = read(lambda s: procedure_csv.export_csv(s, office))
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=thu-tuc-{office.slug}.csv"
        },
    )
