"""The counter face: the staff console, the rating terminal and their REST routes."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from counter import messages  # noqa: F401 - registers the face's words
from counter.actions import dossier_view
from counter.socket import CounterNamespace
from motcua import commands
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.core.actors import require_role
from motcua.core.console import allowed_counters, console_state
from motcua.core.db import Session, Written
from motcua.core.dossier_entry import enter_dossier_code
from motcua.core.errors import NotFound
from motcua.core.lookup import counter_by_number, office_by_slug, ticket_by_id
from motcua.core.ratings import REASONS, rate, rating_view
from motcua.devices import device_page, unpaired
from motcua.services import app_services
from motcua.web import ApiError, clock, current_actor, read, run, staff_lang

counter = Blueprint(
    "counter",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/counter",
)


@counter.record_once
def _counter_namespace(state: Any) -> None:
    app_services(state.app).realtime.socketio.on_namespace(CounterNamespace("/counter"))


@counter.get("/o/<office>/counter")
def page(office: str) -> ResponseReturnValue:
    return render_template(
        "counter/console.html", office=office, lang=staff_lang(office)
    )


@counter.get("/o/<office>/rating/<int:n>")
@device_page("rating")
def rating_page(
    office: str, office_name: str, actor: Any, n: int
) -> ResponseReturnValue:
    def op(session: Session) -> tuple[int, str]:
        found = counter_by_number(session, office_by_slug(session, office), n)
        return found.id, found.name

    try:
        counter_id, name = read(op)
    except ApiError:  # an unknown counter: the screen is not set up right
        counter_id, name = None, ""
    if counter_id is None or actor.counter_id != counter_id:
        return unpaired(office, office_name, "rating")
    return render_template(
        "counter/rating.html",
        office=office,
        office_name=office_name,
        number=n,
        counter_name=name,
        reasons=REASONS,
        lang=staff_lang(office),
    )


@counter.get("/api/v1/offices/<office>/counters/mine")
@contract(
    "Counters the staff member may work at",
    {200: answers.Counters},
    errors=(401, 403, 404),
)
def my_counters(office: str) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_role(actor, found)
        return allowed_counters(session, found, actor)

    return jsonify({"counters": read(op)})


@counter.get("/api/v1/offices/<office>/counters/<int:n>/console")
@contract(
    "A console's state: current ticket, queue, counts, history",
    {200: answers.Anything},
    errors=(401, 403, 404),
)
def console(office: str, n: int) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> dict[str, Any]:
        return console_state(
            session, office_by_slug(session, office), actor, clock(), n
        )

    return jsonify(read(op))


@counter.post("/api/v1/tickets/<ticket_id>/dossier-code")
@contract(
    "Enter the dossier code of the citizen served",
    {200: answers.Ticket},
    errors=(400, 401, 403, 404, 409),
    body=bodies.DossierCode,
)
def dossier_code(ticket_id: str, body: bodies.DossierCode) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        office, ticket = commands.visible_ticket(session, actor, ticket_id[:64])
        enter_dossier_code(
            session, office, actor, clock(), ticket, body.code, body.status
        )
        return dossier_view(session, office, ticket), []

    return jsonify(run(op))


@counter.post("/api/v1/tickets/<ticket_id>/rating")
@contract(
    "The citizen's rating, from the counter's rating device",
    {201: answers.RatingAnswer},
    errors=(400, 401, 403, 404, 409),
    body=bodies.Rating,
)
def rating(ticket_id: str, body: bodies.Rating) -> ResponseReturnValue:
    actor = current_actor()

    def op(session: Session) -> Written[dict[str, Any]]:
        office, ticket = ticket_by_id(session, ticket_id[:64])
        if actor.kind == "device" and actor.office_id != office.id:
            raise NotFound("unknown_ticket")
        done, events = rate(
            session, office, actor, clock(), ticket, body.score, body.reasons
        )
        return {"rating": rating_view(done, ticket, ticket.counter)}, events

    return jsonify(run(op)), 201
