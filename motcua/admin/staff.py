"""Staff accounts over REST: list, change a role or the active flag, remove."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from motcua.admin.views import admin
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.core import office_admin, staff
from motcua.core.actors import require_role
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug
from motcua.web import clock, current_actor, forget_actors, read, run


def _person(user: Any, membership: Any) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "name": user.full_name,
        "role": membership.role,
        "active": user.active,
        "counters": membership.counters or [],
    }


@admin.get("/api/v1/offices/<office>/staff")
@contract("The office's staff (admin)", {200: answers.Staff}, errors=(401, 403, 404))
def staff_list(office: str) -> ResponseReturnValue:
    actor = current_actor()  # a bearer token: no cookie can change staff

    def op(session: Session) -> list[dict[str, Any]]:
        found = office_by_slug(session, office)
        require_role(actor, found, "admin")
        return [_person(u, m) for u, m in office_admin.members(session, found)]

    return jsonify({"staff": read(op)})


@admin.patch("/api/v1/offices/<office>/staff/<int:user_id>")
@contract(
    "Change a member's role, counters or active flag (admin)",
    {204: None},
    errors=(400, 401, 403, 404, 409),
    body=bodies.StaffChanges,
)
def staff_change(
    office: str, user_id: int, body: bodies.StaffChanges
) -> ResponseReturnValue:
    actor = current_actor()  # a bearer token: no cookie can change staff
    changes = body.model_dump(exclude_none=True)

    def op(session: Session) -> Written[None]:
        found = office_by_slug(session, office)
        office_admin.update_staff(session, found, actor, clock(), user_id, changes)
        return None, []

    run(op)
    forget_actors()
    return "", 204


@admin.delete("/api/v1/offices/<office>/staff/<int:user_id>")
@contract(
    "Remove a member from the office (admin)",
    {204: None},
    errors=(400, 401, 403, 404, 409),
)
def staff_remove(office: str, user_id: int) -> ResponseReturnValue:
    actor = current_actor()  # a bearer token: no cookie can change staff

    def op(session: Session) -> Written[None]:
        found = office_by_slug(session, office)
        staff.remove_staff(session, found, actor, clock(), user_id)
        return None, []

    run(op)
    forget_actors()
    return "", 204
