"""An office never loses its last working admin: not on the staff page, not over
REST, not in the core."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.core import office_admin, staff
from motcua.core.auth import user_actor
from motcua.core.errors import Conflict
from motcua.core.lookup import office_by_slug
from motcua.core.models import Membership, User
from motcua.services import app_services
from tests.admin.pages import add_person, post, sign_in
from tests.conftest import bearer, staff_token


def _user(db, username):
    with db.sessions() as session:
        return session.scalars(select(User).where(User.username == username)).one()


def _role(db, username):
    with db.sessions() as session:
        stmt = select(Membership.role).join(User, User.id == Membership.user_id)
        return session.scalars(stmt.where(User.username == username)).first()


def test_core_keeps_the_last_admin(db, world, clock):
    add_person(db, clock, "qt", "demo", "admin")
    qt = _user(db, "qt")
    for changes in ({"role": "staff"}, {"role": "manager"}, {"active": False}):
        with db.transaction() as session, pytest.raises(Conflict) as err:
            office = office_by_slug(session, "demo")
            actor = user_actor(session, session.get(User, qt.id))
            office_admin.update_staff(session, office, actor, clock, qt.id, changes)
        assert err.value.code == "last_admin"
    with db.transaction() as session, pytest.raises(Conflict):
        office = office_by_slug(session, "demo")
        actor = user_actor(session, session.get(User, qt.id))
        staff.remove_staff(session, office, actor, clock, qt.id)
    assert _role(db, "qt") == "admin" and _user(db, "qt").active
    add_person(db, clock, "qt2", "demo", "admin")  # a second admin: now allowed
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        actor = user_actor(session, session.get(User, qt.id))
        office_admin.update_staff(session, office, actor, clock, qt.id, {"active": 0})
    assert not _user(db, "qt").active


def test_staff_page_says_why_and_changes_nothing(app, client, api_world, clock):
    db = app_services(app).db
    add_person(db, clock, "qt", "demo", "admin")
    sign_in(client, "qt")
    qt = _user(db, "qt")
    form = {"user_id": qt.id, "role": "staff", "counters": "", "active": "on"}
    page = post(client, "/admin/o/demo/staff", form).get_data(as_text=True)
    assert "quản trị viên cuối cùng của đơn vị" in page
    assert _role(db, "qt") == "admin"
    form = {**form, "role": "admin", "remove": "1"}
    page = post(client, "/admin/o/demo/staff", form).get_data(as_text=True)
    assert "quản trị viên cuối cùng" in page and _role(db, "qt") == "admin"
    # Removing someone else works, and their account stops.
    staff_id = _user(db, "demo-staff").id
    form = {"user_id": staff_id, "role": "staff", "counters": "", "remove": "1"}
    assert post(client, "/admin/o/demo/staff", form).status_code == 302
    assert _role(db, "demo-staff") is None and not _user(db, "demo-staff").active


def test_rest_refuses_in_the_error_shape(app, client, api_world, clock):
    db = app_services(app).db
    add_person(db, clock, "qt", "demo", "admin")
    headers = bearer(staff_token(client, "qt"))
    listed = client.get("/api/v1/offices/demo/staff", headers=headers).get_json()
    qt = next(p for p in listed["staff"] if p["username"] == "qt")
    url = f"/api/v1/offices/demo/staff/{qt['id']}"
    for body in ({"role": "staff"}, {"active": False}):
        response = client.patch(url, json=body, headers=headers)
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == "last_admin"
        assert "quản trị viên cuối cùng" in response.get_json()["error"]["message"]
    english = {**headers, "Accept-Language": "en"}
    response = client.delete(url, headers=english)
    assert response.status_code == 409
    assert "last admin" in response.get_json()["error"]["message"]
    assert client.patch(url, json={"role": "boss"}, headers=headers).status_code == 400
    staff_headers = bearer(staff_token(client))
    assert client.patch(url, json={}, headers=staff_headers).status_code == 403
    assert _role(db, "qt") == "admin" and _user(db, "qt").active
